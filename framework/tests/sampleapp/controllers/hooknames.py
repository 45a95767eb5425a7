"""A controller overriding the hooks by their public names."""

from tests.sampleapp.lib.base import BaseController


class HooknamesController(BaseController):
    def get_method_args(self):
        args = super().get_method_args()
        args["user"] = "grace"
        return args

    def perform_call(self, func, args):
        result = super().perform_call(func, args)
        return "<%s>" % result if isinstance(result, str) else result

    def greet(self, user):
        return "hello %s" % user
