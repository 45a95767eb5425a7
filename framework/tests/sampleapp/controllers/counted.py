"""Counting how often a controller works out its actions' arguments."""

from pylons import request

from tests.sampleapp.lib.base import BaseController

built = []


class CountedController(BaseController):
    """Hooks that take no arguments, and actions that do or do not."""

    def _get_method_args(self):
        built.append(request.path_info)
        return super()._get_method_args()

    def __before__(self):
        pass

    def __after__(self):
        pass

    def plain(self):
        return "plain"

    def with_id(self, id):
        return "id=%s" % id

    def twice(self, action):
        """Run another action in the same request, as validate() does."""
        request.environ["pylons.routes_dict"]["action"] = "named"
        return "%s,%s" % (action, self._dispatch_call())

    def named(self, action):
        return action
