"""A controller using WSGIController's override points, as 1.0 apps did."""

from pylons import request

from tests.sampleapp.lib.base import BaseController


class ExtendedController(BaseController):
    def _get_method_args(self):
        args = super()._get_method_args()
        args["user"] = "ada"
        return args

    def _perform_call(self, func, args):
        result = super()._perform_call(func, args)
        return "[%s]" % result if isinstance(result, str) else result

    def greet(self, user):
        return "hello %s" % user

    def dashed_name(self):
        return "dashed, as %s" % request.environ["pylons.action_method"].__name__
