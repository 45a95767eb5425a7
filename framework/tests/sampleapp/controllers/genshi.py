"""Rendering Genshi templates."""

from pylons import tmpl_context as c
from pylons.templating import render_genshi

from tests.sampleapp.lib.base import BaseController


class GenshiController(BaseController):
    def page(self):
        c.name = "<Pylons>"
        return render_genshi("greeting.html", extra_vars={"extra": "an extra"})

    def text(self):
        c.name = "<Pylons>"
        return render_genshi(
            "greeting.html", extra_vars={"extra": "text"}, method="text"
        )
