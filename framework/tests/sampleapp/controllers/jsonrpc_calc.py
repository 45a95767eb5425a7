"""A JSON-RPC controller, for the tests of JSONRPCController."""

from pylons.controllers import JSONRPCController, JSONRPCError

calls = []


class JsonrpcCalcController(JSONRPCController):
    def __before__(self, action):
        calls.append(("before", action))

    def subtract(self, minuend, subtrahend):
        return minuend - subtrahend

    def record(self, *values):
        calls.append(("record",) + values)
        return len(values)

    def explode(self):
        raise RuntimeError("secret internals")

    def refuse(self):
        raise JSONRPCError(-32001, "refused on purpose", data={"why": "test"})

    def unsendable(self):
        return object()

    def _hidden(self):
        return "never callable"
