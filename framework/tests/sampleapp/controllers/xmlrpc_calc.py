"""An XML-RPC controller, for the tests of XMLRPCController."""

import xmlrpc.client

from pylons.controllers import XMLRPCController
from pylons.controllers.util import abort

before_actions = []


class XmlrpcCalcController(XMLRPCController):
    def __before__(self, action):
        before_actions.append(action)

    def add(self, a, b):
        """Add two numbers."""
        return a + b

    add.signature = [["int", "int", "int"], ["double", "double", "double"]]

    def structured_methodname(self):
        """A method whose remote name has a dot."""
        return "structured"

    def echo(self, value):
        return value

    def describe(self, name, age=None):
        return {"name": name, "age": age or 0}

    def nothing(self):
        pass

    def explode(self):
        raise RuntimeError("secret internals")

    def returned_fault(self):
        return xmlrpc.client.Fault(7, "returned, not raised")

    def refuse(self):
        raise xmlrpc.client.Fault(42, "refused on purpose")

    def forbidden(self):
        abort(403)

    def _hidden(self):
        return "never callable"
