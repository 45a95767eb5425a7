"""CountedController with hooks that take routing arguments."""

from pylons import request

from tests.sampleapp.controllers.counted import CountedController


class CountedWithHooksController(CountedController):
    def __before__(self, action):
        request.environ["counted.before"] = action

    def __after__(self, id=None):
        pass
