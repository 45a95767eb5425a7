"""Controllers: the classes that turn a routed request into a response."""

from pylons.controllers.core import WSGIController
from pylons.controllers.jsonrpc import JSONRPCController, JSONRPCError
from pylons.controllers.xmlrpc import XMLRPCController

__all__ = ["JSONRPCController", "JSONRPCError", "WSGIController", "XMLRPCController"]
