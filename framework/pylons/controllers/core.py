"""The WSGI controller: runs one action for one routed request.

:class:`WSGIController` is what an application's controllers subclass.
Called as a WSGI application by :class:`pylons.wsgiapp.PylonsApp`, it runs
``__before__``, the action the route named and ``__after__``, passing each
the routing variables its signature asks for, and turns what the action
returned into the response.
"""

from __future__ import annotations

import inspect
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from webob.exc import HTTPException, HTTPNotFound, WSGIHTTPException

from pylons.context import make_object

if TYPE_CHECKING:
    from _typeshed import OptExcInfo

    from pylons.controllers.util import Response

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

__all__ = ["CONTROLLER_NAMES", "HOOK_ALIASES", "WSGIController"]

log = logging.getLogger(__name__)

#: The controller's hooks: public name, and the Pylons 1.0 name it keeps.
HOOK_ALIASES = {
    "dispatch_call": "_dispatch_call",
    "inspect_call": "_inspect_call",
    "get_method_args": "_get_method_args",
    "perform_call": "_perform_call",
}

#: Names an action may ask for besides the routing variables.
_REQUEST_ARGS = ("environ", "start_response", "pylons")


class WSGIController:
    """Base class of an application's controllers.

    An action is a public method named by the route's ``action`` variable.
    Its arguments are the routing variables it names, and ``environ``,
    ``start_response`` and ``pylons`` (the request's
    :class:`~pylons.util.PylonsContext`) if it asks for them.  It may
    return a ``str`` (encoded with the response charset) or ``bytes``,
    added after whatever it wrote to ``pylons.response``, a
    :class:`webob.Response` or any WSGI application, an iterable or
    generator (streamed as the body), or None to send ``pylons.response``
    as it stands.  ``__after__`` runs once the response is made, so it may
    still change it.  An :class:`webob.exc.HTTPException` raised by
    ``__before__``, the action or ``__after__`` becomes the response.

    Decorators, the RPC controllers and subclasses may use and override
    the hooks :meth:`dispatch_call`, :meth:`inspect_call`,
    :meth:`get_method_args` and :meth:`perform_call`, also known by their
    Pylons 1.0 names ``_dispatch_call``, ``_inspect_call``,
    ``_get_method_args`` and ``_perform_call``: overriding either name
    overrides both.  None of the controller's own names
    (:data:`CONTROLLER_NAMES`) is an action.
    """

    _method_args: dict[str, Any] | None
    _started: bool

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Keep each hook's two names one method, whichever a subclass overrides."""
        super().__init_subclass__(**kwargs)
        for public, old in HOOK_ALIASES.items():
            # The class that wins the lookup may be a mixin that knows one
            # name only, and was never given the other.
            for owner in cls.__mro__:
                defined = vars(owner)
                if old in defined and public not in defined:
                    setattr(cls, public, defined[old])
                elif public in defined and old not in defined:
                    setattr(cls, old, defined[public])
                if old in defined or public in defined:
                    break

    def __call__(
        self, environ: WSGIEnvironment, start_response: StartResponse
    ) -> Iterable[bytes]:
        """Run ``__before__``, the action and ``__after__``; send the response."""
        self._py_object = environ["pylons.pylons"]
        self._environ = environ
        self._method_args = None
        self._started = False
        self._outer_start_response = start_response
        hooks = type(self)
        result: Any
        try:
            result = None
            if hooks.__before__ is not _no_hook_before:
                result = self.inspect_call(self.__before__)
            if not isinstance(result, HTTPException):
                result = self.dispatch_call()
            if not self._started:
                result = self._to_response(result)
        finally:
            after = None
            if hooks.__after__ is not _no_hook_after:
                after = self.inspect_call(self.__after__)
        if isinstance(after, HTTPException):
            result = after
        if not self._started:  # else the body of the action's own WSGI answer
            result = result(environ, start_response)
        # The controller stays in the environ, which refers back to it: what
        # it holds is freed by the garbage collector, not as the request
        # ends.  The start_response of the layers above, closures holding
        # their own, need not be.
        del self._outer_start_response
        return result

    def start_response(
        self,
        status: str,
        headers: list[tuple[str, str]],
        exc_info: OptExcInfo | None = None,
    ) -> Callable[[bytes], object]:
        """The ``start_response`` an action may call itself.

        As in Pylons 1.0, the cookies and ``X-`` headers already set on
        ``pylons.response`` are added to the headers it is given.
        """
        self._started = True
        response = vars(self._py_object).get("response")
        kept = (
            []
            if response is None
            else [
                (name, value)
                for name, value in response.headerlist
                if name.lower() == "set-cookie" or name.lower().startswith("x-")
            ]
        )
        return self._outer_start_response(status, list(headers) + kept, exc_info)

    def __before__(self) -> Any:
        """Runs before every action; an HTTPException raised here ends it."""

    def __after__(self) -> Any:
        """Runs after every action, even one ended by abort or redirect."""

    def dispatch_call(self) -> Any:
        """Run the action the route named; a missing one is a 404.

        With ``debug`` on, a missing action raises ``NotImplementedError``
        for the debugger to show; a private name (or one of the
        controller's own) is a 404 all the same, as it is no action.  The
        action's method is kept in ``environ['pylons.action_method']``.
        """
        environ = self._environ
        action = environ["pylons.routes_dict"].get("action")
        func = self._find_action(action)
        if func is None:
            debug = self._py_object.config["debug"]
            if debug and action and not _never_an_action(action):
                raise NotImplementedError(
                    "Action %r is not implemented by %s" % (action, type(self).__name__)
                )
            log.debug("%s has no action %r: 404", type(self).__name__, action)
            return self._http_exception(HTTPNotFound())
        environ["pylons.action_method"] = func
        available = self._method_args
        if available is not None and available.get("action") != action:
            # validate() shows its form by changing the route's action.
            self._method_args = None
        return self.inspect_call(func)

    def _find_action(self, action: str | None) -> Callable[..., Any] | None:
        """The method of ``action``; a dash in its name stands for ``_``.

        Private names and the controller's own (:data:`CONTROLLER_NAMES`)
        are not actions.
        """
        if not action or _never_an_action(action):
            return None
        func = getattr(self, action.replace("-", "_"), None)
        return func if callable(func) else None

    def inspect_call(self, func: Callable[..., Any]) -> Any:
        """Call ``func`` with the routing variables its signature names.

        An HTTPException it raises is returned instead, as the response.
        """
        names, takes_any = _signature_of(func)
        try:
            arguments = {}
            if names or takes_any:
                arguments = self._arguments_named(names, takes_any)
            return self.perform_call(func, arguments)
        except WSGIHTTPException as exc:
            return self._http_exception(exc)

    def get_method_args(self) -> dict[str, Any]:
        """Every argument an action may ask for, by name (override to add).

        Asked for once a request, when a hook or the action first takes
        arguments.
        """
        environ = self._environ
        available = dict(environ["pylons.routes_dict"])
        available.update(
            environ=environ, start_response=self.start_response, pylons=self._py_object
        )
        return available

    def perform_call(self, func: Callable[..., Any], args: dict[str, Any]) -> Any:
        """Call ``func`` with the keyword arguments ``args`` (override to wrap)."""
        return func(**args)

    def _arguments_for(self, func: Callable[..., Any]) -> dict[str, Any]:
        """The arguments of :meth:`get_method_args` that ``func`` takes."""
        names, takes_any = _signature_of(func)
        if not names and not takes_any:
            return {}
        return self._arguments_named(names, takes_any)

    def _arguments_named(
        self, names: tuple[str, ...], takes_any: bool
    ) -> dict[str, Any]:
        """The arguments of :meth:`get_method_args` of these ``names``, or
        every one when the function ``takes_any`` keyword."""
        available = self._method_args
        if available is None:
            available = self._method_args = self.get_method_args()
        if takes_any:
            wanted = available
        else:
            wanted = {name: available[name] for name in names if name in available}
        if self._py_object.config["pylons.tmpl_context_attach_args"]:
            context = self._py_object.tmpl_context
            for name, value in wanted.items():
                if name not in _REQUEST_ARGS:
                    setattr(context, name, value)
        return wanted

    def _http_exception(self, exc: WSGIHTTPException) -> WSGIHTTPException:
        """Make ``exc`` the response, keeping cookies the action had set."""
        # The exception is the response from here on: its traceback's
        # frames (this controller, the environ) would make a cycle of the
        # request, left to the garbage collector.
        exc.__traceback__ = None
        environ = self._environ
        environ["pylons.controller.exception"] = exc
        response = vars(self._py_object).get("response")
        if response is not None:
            for cookie in response.headers.getall("Set-Cookie"):
                exc.headers.add("Set-Cookie", cookie)
        return exc

    def _to_response(self, result: Any) -> WSGIApplication:
        """Turn an action's return value into a WSGI application.

        Text is added after what the action already wrote to the response.
        """
        py = self._py_object
        response = vars(py).get("response")
        if response is None:
            if isinstance(result, (str, bytes)):
                # The action left the response alone: answer with the body,
                # without a response if the application can.
                text_answer = py._text_answer
                if text_answer is not None:
                    return text_answer(py, result)
                made = make_object(py, "response", result)
                if made is not None:
                    return made
            response = py.response
        if result is None:
            return response
        if isinstance(result, str):
            result = result.encode(_charset_of(response))
        if isinstance(result, bytes):
            body = response.body
            response.body = body + result if body else result
        elif callable(result):
            return result
        else:
            response.app_iter = _encode_chunks(result, _charset_of(response))
        return response

    # The hooks' Pylons 1.0 names.
    _dispatch_call = dispatch_call
    _inspect_call = inspect_call
    _get_method_args = get_method_args
    _perform_call = perform_call


#: The public names of WSGIController's own attributes, which are never
#: actions (nor remote methods of the RPC controllers).
CONTROLLER_NAMES = frozenset(
    name for name in vars(WSGIController) if not name.startswith("_")
)


def _never_an_action(action: str) -> bool:
    """Whether ``action`` names what no action can be: private, or the
    controller's own."""
    return action[:1] in ("_", "-") or action in CONTROLLER_NAMES


#: The base class's hooks, which do nothing: not called at all.
_no_hook_before = WSGIController.__before__
_no_hook_after = WSGIController.__after__

#: (parameter names, whether ``**kwargs`` is among them) of each action,
#: by the function behind it: inspecting a signature costs more than the
#: rest of a simple request.
_signatures: dict[Callable[..., Any], tuple[tuple[str, ...], bool]] = {}


def _signature_of(func: Callable[..., Any]) -> tuple[tuple[str, ...], bool]:
    """The names ``func`` takes, and whether it takes any keyword."""
    return _signatures.get(getattr(func, "__func__", func)) or _parameters_of(func)


def _parameters_of(func: Callable[..., Any]) -> tuple[tuple[str, ...], bool]:
    """The names ``func`` takes, and whether it takes any keyword; kept."""
    parameters = inspect.signature(func).parameters.values()
    found = _signatures[getattr(func, "__func__", func)] = (
        tuple(p.name for p in parameters),
        any(p.kind is p.VAR_KEYWORD for p in parameters),
    )
    return found


#: The charset of each Content-Type value seen, so that a response's
#: header is parsed once, not for each request; bounded, as an
#: application could make up content types from what it is sent.
_charsets: dict[str, str] = {}
_CHARSETS_KEPT = 64


def _charset_of(response: Response) -> str:
    """The charset of ``response``'s Content-Type (UTF-8 if it names none)."""
    value = next(
        (
            value
            for name, value in response.headerlist
            if name.lower() == "content-type"
        ),
        None,
    )
    if value is None:
        return "utf-8"
    charset = _charsets.get(value)
    if charset is None:
        found = _CHARSET.search(value)
        charset = found.group(1).strip('"') if found else "utf-8"
        if len(_charsets) < _CHARSETS_KEPT:
            _charsets[value] = charset
    return charset


#: The charset parameter of a Content-Type value.
_CHARSET = re.compile(r";\s*charset=([^;]*)", re.IGNORECASE)


def _encode_chunks(chunks: Iterable[str | bytes], charset: str) -> Iterator[bytes]:
    """Stream ``chunks``, encoding the ``str`` ones with ``charset``."""
    try:
        for chunk in chunks:
            yield chunk.encode(charset) if isinstance(chunk, str) else chunk
    finally:
        close = getattr(chunks, "close", None)
        if close is not None:
            close()
