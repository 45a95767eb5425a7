"""The sample application's base controller."""

from pylons.controllers import WSGIController


class BaseController(WSGIController):
    pass
