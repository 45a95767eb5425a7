"""A controller whose class is named the way Pylons 1.0 named it."""

from tests.sampleapp.lib.base import BaseController


class I18NcController(BaseController):
    def index(self):
        return "I18NcController"
