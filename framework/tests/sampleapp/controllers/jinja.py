"""Rendering Jinja2 templates."""

from pylons import tmpl_context as c
from pylons.templating import render_jinja2

from tests.sampleapp.lib.base import BaseController


class JinjaController(BaseController):
    def page(self):
        c.name = "<Pylons>"
        return render_jinja2("/greeting.jinja2", extra_vars={"extra": "an extra"})

    def cached(self, id):
        c.name = id
        return render_jinja2(
            "/greeting.jinja2",
            extra_vars={"extra": "cached"},
            cache_key="the-key",
            cache_expire=60,
        )
