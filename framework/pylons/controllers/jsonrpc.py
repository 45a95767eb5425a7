"""The JSON-RPC controller: a Pylons controller whose methods are called remotely.

A subclass of :class:`JSONRPCController` routed to a URL answers JSON-RPC
calls POSTed there; its public methods are the remote methods.  Both
versions of the protocol are spoken, each call answered in its own:

- JSON-RPC 2.0 (``"jsonrpc": "2.0"``): parameters by position (a list) or
  by name (an object); a call without ``id`` is a notification and gets no
  answer; a list of calls is a batch, answered with a list.
- JSON-RPC 1.0: parameters by position; a call whose ``id`` is null is a
  notification; answers carry both ``result`` and ``error``.

Errors are error objects ``{"code": ..., "message": ...}`` with the
standard codes: -32700 (unreadable JSON), -32600 (not a valid call),
-32601 (no such method), -32602 (wrong parameters), -32603 (the method
raised an exception; the traceback is logged, not sent).  A method raises
:class:`JSONRPCError` to send an error of its own.  A request made only of
notifications is answered with ``204 No Content``.
"""
import json

from webob.exc import HTTPException

from pylons.controllers.rpc import (
    INTERNAL_ERROR, INVALID_PARAMS, INVALID_REQUEST, METHOD_NOT_FOUND,
    PARSE_ERROR, RPCController, arguments_problem,
)

__all__ = ["JSONRPCController", "JSONRPCError"]


class JSONRPCError(Exception):
    """An error a remote method sends as its answer."""

    def __init__(self, code, message, data=None):
        super().__init__(code, message)
        self.code = code
        self.message = message
        self.data = data

    def as_dict(self):
        """The JSON-RPC error object."""
        error = {"code": self.code, "message": self.message}
        if self.data is not None:
            error["data"] = self.data
        return error


class _Unreadable:
    """A request body that is not JSON."""

    def __init__(self, error):
        self.error = error


class JSONRPCController(RPCController):
    """Base class of controllers that answer JSON-RPC 1.0 and 2.0 calls."""

    content_type = "application/json"

    def _decode(self, body):
        try:
            return json.loads(body)
        except ValueError as exc:
            return _Unreadable(JSONRPCError(PARSE_ERROR, "Parse error: %s" % exc))

    def _action_for(self, call):
        if isinstance(call, dict) and isinstance(call.get("method"), str):
            return call["method"]
        return None

    def _answer(self, call):
        if isinstance(call, _Unreadable):
            return _encode_reply(True, None, error=call.error)
        if isinstance(call, list):
            return self._answer_batch(call)
        return self._answer_one(call)

    def _answer_batch(self, calls):
        if not calls:
            return _encode_reply(True, None, error=JSONRPCError(
                INVALID_REQUEST, "Invalid Request: an empty batch"))
        replies = [reply for reply in map(self._answer_one, calls)
                   if reply is not None]
        return b"[" + b",".join(replies) + b"]" if replies else None

    def _answer_one(self, call):
        """The encoded reply to one call, or None for a notification."""
        if not isinstance(call, dict):
            return _encode_reply(True, None, error=JSONRPCError(
                INVALID_REQUEST, "Invalid Request: a call is a JSON object"))
        version2 = call.get("jsonrpc") == "2.0"
        call_id = call.get("id")
        notification = "id" not in call if version2 else call_id is None
        try:
            result = self._invoke(call, version2)
        except JSONRPCError as error:
            return None if notification else _encode_reply(
                version2, call_id, error=error)
        if notification:
            return None
        try:
            return _encode_reply(version2, call_id, result=result)
        except (TypeError, ValueError) as exc:
            return _encode_reply(version2, call_id, error=JSONRPCError(
                INTERNAL_ERROR, "The result of %s cannot be sent as JSON: %s"
                % (call["method"], exc)))

    def _invoke(self, call, version2):
        """Run the method ``call`` names; JSONRPCError for any failure."""
        name = call.get("method")
        params = call.get("params", [])
        if not isinstance(name, str):
            raise JSONRPCError(INVALID_REQUEST,
                               "Invalid Request: no method name")
        by_name = version2 and isinstance(params, dict)
        if not (by_name or isinstance(params, list)):
            raise JSONRPCError(INVALID_REQUEST,
                               "Invalid Request: params must be %s"
                               % ("a list or an object" if version2
                                  else "a list"))
        method = self._rpc_method(name)
        if method is None:
            raise JSONRPCError(METHOD_NOT_FOUND, "Method not found: %s" % name)
        args, kwargs = ((), params) if by_name else (params, {})
        problem = arguments_problem(method, args, kwargs)
        if problem:
            raise JSONRPCError(INVALID_PARAMS, "Invalid params: %s" % problem)
        try:
            return method(*args, **kwargs)
        except (JSONRPCError, HTTPException):
            raise
        except Exception:
            self._log_failure(name)
            raise JSONRPCError(INTERNAL_ERROR,
                               "Internal error in %s" % name) from None


def _encode_reply(version2, call_id, result=None, error=None):
    """The reply to one call, in its version's shape, as JSON bytes."""
    reply = {"jsonrpc": "2.0"} if version2 else {}
    if error is not None:
        reply["error"] = error.as_dict()
        if not version2:
            reply["result"] = None
    else:
        reply["result"] = result
        if not version2:
            reply["error"] = None
    reply["id"] = call_id
    return json.dumps(reply).encode("utf-8")
