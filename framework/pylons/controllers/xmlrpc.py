"""The XML-RPC controller: a Pylons controller whose methods are called remotely.

A subclass of :class:`XMLRPCController` routed to a URL answers XML-RPC
calls POSTed there.  Its public methods are the remote methods; a dot in a
called name stands for an underscore, so ``system.methodHelp`` is the
``system_methodHelp`` method, and ``system.listMethods`` names each
method with dots for its underscores, as Pylons 1.0 did
(``structured_methodname`` is listed as ``structured.methodname``).
Besides its own methods it answers the introspection calls
``system.listMethods``, ``system.methodHelp`` and
``system.methodSignature``; answers are ``text/xml``.  A method may carry
a ``signature`` attribute (see :func:`signature`), a list of signatures
each listing the XML-RPC type of the result and then of each parameter
(``[['struct', 'string', 'int']]``);
calls whose arguments match none of them are refused with a fault.

Problems are answered with XML-RPC faults, using the codes of the
"specification for fault code interoperability": -32700 (unreadable XML),
-32600 (not an XML-RPC call), -32601 (no such method), -32602 (wrong
arguments), -32603 (a result that cannot be sent) and -32500 (the method
raised an exception; the traceback is logged, not sent).  A method may
raise (or return, as Pylons 1.0 methods did) an
:class:`xmlrpc.client.Fault` to send its own fault.

Parsing and marshalling are the standard library's :mod:`xmlrpc.client`;
bodies are limited to :attr:`XMLRPCController.max_body_length` bytes.
"""

from __future__ import annotations

import datetime
import inspect
import xmlrpc.client
from collections.abc import Callable, Sequence
from typing import Any, TypeVar
from xml.parsers.expat import ExpatError

from webob import Response
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

__all__ = ["XMLRPCController", "signature", "xmlrpc_fault"]

F = TypeVar("F", bound=Callable[..., Any])

APPLICATION_ERROR = -32500

#: The XML-RPC type name of each Python type xmlrpc.client produces.
#: ``bool`` comes before ``int``, of which it is a subclass.
_TYPE_NAMES = (
    (bool, "boolean"),
    (int, "int"),
    (float, "double"),
    (str, "string"),
    ((bytes, bytearray), "base64"),
    (datetime.datetime, "dateTime.iso8601"),
    ((list, tuple), "array"),
    (dict, "struct"),
    (type(None), "nil"),
)

_TYPE_ALIASES = {"i4": "int", "i8": "int"}


def signature(*signatures: list[str]) -> Callable[[F], F]:
    """Give a remote method its XML-RPC ``signature`` attribute.

    Each signature lists the XML-RPC type of the result, then of each
    parameter: ``@signature(["struct", "string", "int"])``.  Setting
    ``method.signature`` after the method, as Pylons 1.0 code does, works
    the same.
    """

    def decorate(method: F) -> F:
        method.signature = list(signatures)  # type: ignore[attr-defined]
        return method

    return decorate


def xmlrpc_fault(code: int, message: str) -> Response:
    """A response carrying the XML-RPC fault ``code``, ``message``.

    It is a WSGI application, as in Pylons 1.0.
    """
    return Response(
        body=_fault_document(xmlrpc.client.Fault(code, message)),
        headerlist=[("Content-Type", "text/xml")],
    )


def _fault_document(fault: xmlrpc.client.Fault) -> bytes:
    """The XML-RPC response document for ``fault`` (bytes)."""
    return xmlrpc.client.dumps(fault, methodresponse=True, encoding="utf-8").encode(
        "utf-8"
    )


class XMLRPCController(RPCController):
    """Base class of controllers that answer XML-RPC calls.

    ``allow_none`` lets results contain None (the ``nil`` extension);
    ``max_body_length`` bounds the size of a call.
    """

    allow_none = False
    content_type = "text/xml"

    def _decode(self, body: bytes) -> tuple[str, tuple[Any, ...]] | xmlrpc.client.Fault:
        """(method name, parameters), or a Fault for an unreadable call."""
        try:
            params, name = xmlrpc.client.loads(body, use_builtin_types=True)
        except ExpatError as exc:
            return xmlrpc.client.Fault(PARSE_ERROR, "Unreadable XML: %s" % exc)
        except (xmlrpc.client.Error, ValueError, LookupError, TypeError) as exc:
            # Well-formed XML that does not follow the XML-RPC grammar.
            return xmlrpc.client.Fault(INVALID_REQUEST, "Not an XML-RPC call: %s" % exc)
        if name is None:
            return xmlrpc.client.Fault(
                INVALID_REQUEST, "Not an XML-RPC call: no methodName"
            )
        return name, params

    def _action_for(self, call: Any) -> str | None:
        """The attribute of the method ``call`` names; None if unreadable."""
        if isinstance(call, xmlrpc.client.Fault):
            return None
        return _method_attribute(call[0])

    def _answer(self, call: Any) -> bytes:
        """The method response to ``call``: its result, or a fault."""
        if isinstance(call, xmlrpc.client.Fault):
            return self._fault(call)
        name, params = call
        method = self._rpc_method(_method_attribute(name))
        if method is None:
            return self._fault(
                xmlrpc.client.Fault(METHOD_NOT_FOUND, "No method %s" % name)
            )
        problem = _signature_problem(method, params)
        if problem:
            return self._fault(xmlrpc.client.Fault(INVALID_PARAMS, problem))
        try:
            result = method(*params)
        except xmlrpc.client.Fault as fault:
            return self._fault(fault)
        except HTTPException:
            raise
        except Exception:
            self._log_failure(name)
            return self._fault(
                xmlrpc.client.Fault(APPLICATION_ERROR, "Method %s failed" % name)
            )
        if isinstance(result, xmlrpc.client.Fault):
            # Pylons 1.0 methods returned their faults.
            return self._fault(result)
        try:
            document = xmlrpc.client.dumps(
                (result,),
                methodresponse=True,
                allow_none=self.allow_none,
                encoding="utf-8",
            )
        except (TypeError, OverflowError) as exc:
            return self._fault(
                xmlrpc.client.Fault(
                    INTERNAL_ERROR, "The result of %s cannot be sent: %s" % (name, exc)
                )
            )
        return document.encode("utf-8")

    def _fault(self, fault: xmlrpc.client.Fault) -> bytes:
        """The method response carrying ``fault``."""
        return _fault_document(fault)

    @signature(["array"])
    def system_listMethods(self) -> list[str]:
        """The names of the methods this server answers."""
        return [_remote_name(name) for name in self._rpc_method_names()]

    @signature(["string", "string"])
    def system_methodHelp(self, name: str) -> str:
        """The documentation of the method ``name``."""
        method = self._rpc_method(_method_attribute(name))
        if method is None:
            raise xmlrpc.client.Fault(METHOD_NOT_FOUND, "No method %s" % name)
        return inspect.getdoc(method) or ""

    @signature(["array", "string"], ["string", "string"])
    def system_methodSignature(self, name: str) -> list[list[str]] | str:
        """The signatures of the method ``name``, or 'undef' if it has none."""
        method = self._rpc_method(_method_attribute(name))
        if method is None:
            raise xmlrpc.client.Fault(METHOD_NOT_FOUND, "No method %s" % name)
        return getattr(method, "signature", None) or "undef"


def _method_attribute(name: str) -> str:
    """The attribute answering the remote method ``name``."""
    return name.replace(".", "_")


def _remote_name(attribute: str) -> str:
    """The name ``system.listMethods`` gives the method ``attribute``."""
    return attribute.replace("_", ".")


def _type_name(value: object) -> str:
    for python_type, name in _TYPE_NAMES:
        if isinstance(value, python_type):
            return name
    return type(value).__name__


def _signature_problem(method: Callable[..., Any], params: Sequence[Any]) -> str | None:
    """Why ``params`` do not suit ``method``, or None if they do."""
    signatures = getattr(method, "signature", None)
    if not signatures:
        return arguments_problem(method, params)
    given = [_type_name(param) for param in params]
    for signature in signatures:
        expected = [_TYPE_ALIASES.get(name, name) for name in signature[1:]]
        if expected == given:
            return None
    return "Arguments (%s) match no signature of the method" % ", ".join(given)
