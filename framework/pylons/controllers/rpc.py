"""What the XML-RPC and JSON-RPC controllers share.

:class:`RPCController` is a :class:`~pylons.controllers.WSGIController`
whose action is named by the request body rather than by the route: it
accepts POST only, refuses bodies over :attr:`RPCController.max_body_length`,
decodes the call before ``__before__`` runs (so ``__before__(self, action)``
sees the remote method's name) and sends what the protocol's encoder
returns.  The public methods of a subclass are its remote methods.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from webob.exc import (
    HTTPLengthRequired,
    HTTPMethodNotAllowed,
    HTTPRequestEntityTooLarge,
    WSGIHTTPException,
)

from pylons.controllers.core import CONTROLLER_NAMES, WSGIController

if TYPE_CHECKING:
    from pylons.controllers.util import Request

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment

__all__ = ["RPCController"]

log = logging.getLogger(__name__)

# The error codes JSON-RPC 2.0 defines, which the XML-RPC "specification
# for fault code interoperability" shares.
PARSE_ERROR = -32700
INVALID_REQUEST = -32600
METHOD_NOT_FOUND = -32601
INVALID_PARAMS = -32602
INTERNAL_ERROR = -32603


class RPCController(WSGIController):
    """Base class of the remote procedure call controllers.

    A subclass sets ``content_type`` (of its responses) and implements
    ``_decode`` (the request body to a call), ``_action_for`` (the method
    name the call names, if any) and ``_answer`` (the call to the response
    body, or None for no body).
    """

    #: The largest request body accepted, in bytes (413 beyond it).
    max_body_length = 4 * 1024 * 1024
    #: The content type of the answers (the protocol's).
    content_type: str

    def __call__(
        self, environ: WSGIEnvironment, start_response: StartResponse
    ) -> Iterable[bytes]:
        """Read the call from the body, then run it as the action."""
        request = environ["pylons.pylons"].request
        self._rpc_refusal = self._refusal(request)
        self._rpc_call = None
        if self._rpc_refusal is None:
            self._rpc_call = self._decode(request.body)
            action = self._action_for(self._rpc_call)
            if action:
                environ["pylons.routes_dict"] = dict(
                    environ["pylons.routes_dict"], action=action
                )
        return super().__call__(environ, start_response)

    def _refusal(self, request: Request) -> WSGIHTTPException | None:
        """The HTTP error for a request no RPC can be read from, or None."""
        if request.method != "POST":
            return HTTPMethodNotAllowed(headers=[("Allow", "POST")])
        length = request.content_length
        if length is None:
            return HTTPLengthRequired()
        if length > self.max_body_length:
            return HTTPRequestEntityTooLarge(
                detail="The largest call accepted is %d bytes" % self.max_body_length
            )
        return None

    def dispatch_call(self) -> Any:
        """Answer the call read from the body (the action is its method)."""
        if self._rpc_refusal is not None:
            return self._http_exception(self._rpc_refusal)
        try:
            body = self._answer(self._rpc_call)
        except WSGIHTTPException as exc:
            return self._http_exception(exc)
        response = self._py_object.response
        if body is None:
            response.status_int = 204
            response.headers.pop("Content-Type", None)
            return b""
        # Exactly the protocol's type, without a charset, as Pylons 1.0 sent.
        response.headers["Content-Type"] = self.content_type
        return body

    def _decode(self, body: bytes) -> Any:
        """The call the request body makes (the protocol's reading of it)."""
        raise NotImplementedError(
            "%s must read its protocol's calls" % type(self).__name__
        )

    def _action_for(self, call: Any) -> str | None:
        """The name of the method ``call`` names, if it names one."""
        raise NotImplementedError(
            "%s must name its calls' methods" % type(self).__name__
        )

    def _answer(self, call: Any) -> bytes | None:
        """The body answering ``call``; None for no body (204)."""
        raise NotImplementedError(
            "%s must answer its protocol's calls" % type(self).__name__
        )

    def _rpc_method(self, name: object) -> Callable[..., Any] | None:
        """The remote method called ``name``, or None if there is none."""
        if (
            not isinstance(name, str)
            or not name
            or name.startswith("_")
            or name in CONTROLLER_NAMES
        ):
            return None
        method = getattr(self, name, None)
        return method if inspect.ismethod(method) else None

    def _rpc_method_names(self) -> list[str]:
        """The names of every remote method, sorted."""
        return sorted(name for name in dir(self) if self._rpc_method(name) is not None)

    def _log_failure(self, name: str) -> None:
        """Log the exception the remote method ``name`` raised, traceback and all."""
        log.exception("Remote method %s of %s failed", name, type(self).__name__)


def arguments_problem(
    method: Callable[..., Any],
    args: Sequence[Any] = (),
    kwargs: dict[str, Any] | None = None,
) -> str | None:
    """Why ``method`` cannot take these arguments, or None if it can."""
    try:
        inspect.signature(method).bind(*args, **(kwargs or {}))
    except TypeError as exc:
        return str(exc)
    return None
