"""__before__ and __after__, and what stops them."""

from pylons import request, response
from pylons.controllers.util import abort, redirect

from tests.sampleapp.lib.base import BaseController

calls = []


class HooksController(BaseController):
    def __before__(self, action):
        calls.append(("before", action))
        if request.params.get("block"):
            abort(401, "blocked in __before__")

    def __after__(self):
        calls.append(("after",))
        response.headers["X-After"] = "ran"
        if request.params.get("after_write"):
            response.write(",after")
        if request.params.get("after_abort"):
            abort(409, "aborted in __after__")

    def index(self):
        calls.append(("index",))
        return "index"

    def leave(self):
        calls.append(("leave",))
        redirect("/hooks/index")

    def explode(self):
        calls.append(("explode",))
        raise ValueError("explode")
