"""A controller in a sub-package, routed as ``admin/users``."""

from tests.sampleapp.lib.base import BaseController


class UsersController(BaseController):
    def index(self):
        return "admin users"
