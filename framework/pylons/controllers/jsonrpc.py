"""The JSON-RPC controller: a Pylons controller whose methods are called remotely.

A subclass of :class:`JSONRPCController` routed to a URL answers JSON-RPC
calls POSTed there; its public methods are the remote methods.  Answers
have the JSON-RPC 2.0 shape (``{"jsonrpc": "2.0", "result": ..., "id":
...}`` or ``"error"`` instead of ``"result"``) and the content type
``application/json``.

- A call with ``"jsonrpc": "2.0"`` is a JSON-RPC 2.0 call: parameters by
  position (a list) or by name (an object); a call without ``id`` is a
  notification and gets no answer; a list of calls is a batch, answered
  with a list.
- A call without a ``jsonrpc`` member is a call as Pylons 1.0's clients
  made them, answered as Pylons 1.0 did: always, with its ``id`` (null if
  it has none); ``params`` may be left out.

A body that is not JSON as it stands is read again URL-unquoted, as
Pylons 1.0 read every body.  Errors are error objects with the standard
codes and messages: -32700 "Parse error", -32600 "Invalid Request",
-32601 "Method not found", -32602 "Invalid params", -32603 "Internal
error" (the method raised an exception; the traceback is logged, not
sent).  A method raises :class:`JSONRPCError` to send an error of its
own.  A request made only of notifications is answered with ``204 No
Content``.
"""

from __future__ import annotations

import json
import logging
from typing import Any
from urllib.parse import unquote_plus

from webob.exc import HTTPException

from pylons.controllers.rpc import (
    INTERNAL_ERROR,
    INVALID_PARAMS,
    INVALID_REQUEST,
    METHOD_NOT_FOUND,
    PARSE_ERROR,
    RPCController,
    arguments_problem,
)

__all__ = ["JSONRPCController", "JSONRPCError"]

log = logging.getLogger(__name__)

#: The message of each standard error.
ERROR_MESSAGES = {
    PARSE_ERROR: "Parse error",
    INVALID_REQUEST: "Invalid Request",
    METHOD_NOT_FOUND: "Method not found",
    INVALID_PARAMS: "Invalid params",
    INTERNAL_ERROR: "Internal error",
}


class JSONRPCError(Exception):
    """An error a remote method sends as its answer."""

    def __init__(self, code: int, message: str, data: Any = None) -> None:
        super().__init__(code, message)
        self.code = code
        self.message = message
        self.data = data

    def as_dict(self) -> dict[str, Any]:
        """The JSON-RPC error object."""
        error = {"code": self.code, "message": self.message}
        if self.data is not None:
            error["data"] = self.data
        return error


def _standard_error(code: int, why: str) -> JSONRPCError:
    """The standard error ``code``; ``why`` goes to the log, not the caller."""
    log.info("JSON-RPC %s: %s", ERROR_MESSAGES[code], why)
    return JSONRPCError(code, ERROR_MESSAGES[code])


class _Unreadable:
    """A request body that is not JSON."""


class JSONRPCController(RPCController):
    """Base class of controllers that answer JSON-RPC calls."""

    content_type = "application/json"

    def _decode(self, body: bytes) -> Any:
        """The JSON of ``body`` (or of it URL-unquoted); _Unreadable if none."""
        try:
            return json.loads(body)
        except ValueError:
            pass
        try:
            return json.loads(unquote_plus(body.decode("utf-8")))
        except ValueError as exc:
            log.info("JSON-RPC body is not JSON: %s", exc)
            return _Unreadable()

    def _action_for(self, call: Any) -> str | None:
        """The ``method`` of a single call; None for a batch or no call."""
        if isinstance(call, dict) and isinstance(call.get("method"), str):
            return call["method"]
        return None

    def _answer(self, call: Any) -> bytes | None:
        """The reply to a call or a batch; None if all were notifications."""
        if isinstance(call, _Unreadable):
            return _encode_reply(
                None, error=JSONRPCError(PARSE_ERROR, ERROR_MESSAGES[PARSE_ERROR])
            )
        if isinstance(call, list):
            return self._answer_batch(call)
        return self._answer_one(call)

    def _answer_batch(self, calls: list[Any]) -> bytes | None:
        """The list of replies to ``calls``; None if all were notifications."""
        if not calls:
            return _encode_reply(
                None, error=_standard_error(INVALID_REQUEST, "an empty batch")
            )
        replies = [reply for reply in map(self._answer_one, calls) if reply is not None]
        return b"[" + b",".join(replies) + b"]" if replies else None

    def _answer_one(self, call: Any) -> bytes | None:
        """The encoded reply to one call, or None for a notification."""
        if not isinstance(call, dict):
            return _encode_reply(
                None, error=_standard_error(INVALID_REQUEST, "a call is a JSON object")
            )
        call_id = call.get("id")
        # Pylons 1.0 clients sent no "jsonrpc", and were always answered.
        notification = "jsonrpc" in call and "id" not in call
        try:
            result = self._invoke(call)
        except JSONRPCError as error:
            return None if notification else _encode_reply(call_id, error=error)
        if notification:
            return None
        try:
            return _encode_reply(call_id, result=result)
        except (TypeError, ValueError) as exc:
            return _encode_reply(
                call_id,
                error=_standard_error(
                    INTERNAL_ERROR,
                    "the result of %s cannot be sent as JSON: %s"
                    % (call["method"], exc),
                ),
            )

    def _invoke(self, call: dict[str, Any]) -> Any:
        """Run the method ``call`` names; JSONRPCError for any failure."""
        if call.get("jsonrpc", "2.0") != "2.0":
            raise _standard_error(
                INVALID_REQUEST, "unknown version %r" % call["jsonrpc"]
            )
        name = call.get("method")
        params = call.get("params", [])
        if not isinstance(name, str):
            raise _standard_error(INVALID_REQUEST, "no method name")
        if not isinstance(params, (list, dict)):
            raise _standard_error(INVALID_REQUEST, "params must be a list or an object")
        method = self._rpc_method(name)
        if method is None:
            raise _standard_error(METHOD_NOT_FOUND, name)
        args, kwargs = ((), params) if isinstance(params, dict) else (params, {})
        problem = arguments_problem(method, args, kwargs)
        if problem:
            raise _standard_error(INVALID_PARAMS, "%s: %s" % (name, problem))
        try:
            return method(*args, **kwargs)
        except (JSONRPCError, HTTPException):
            raise
        except Exception:
            self._log_failure(name)
            raise JSONRPCError(INTERNAL_ERROR, ERROR_MESSAGES[INTERNAL_ERROR]) from None


def _encode_reply(
    call_id: Any, result: Any = None, error: JSONRPCError | None = None
) -> bytes:
    """The reply to one call, as JSON bytes."""
    reply: dict[str, Any] = {"jsonrpc": "2.0"}
    if error is not None:
        reply["error"] = error.as_dict()
    else:
        reply["result"] = result
    reply["id"] = call_id
    return json.dumps(reply).encode("utf-8")
