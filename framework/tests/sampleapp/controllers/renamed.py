"""A controller whose class is named by ``__controller__``."""

from tests.sampleapp.lib.base import BaseController

__controller__ = "SomethingElse"


class SomethingElse(BaseController):
    def index(self):
        return "found through __controller__"
