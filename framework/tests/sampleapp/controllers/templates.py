"""Rendering Mako templates and their defs."""

from pylons import tmpl_context as c
from pylons.i18n import set_lang
from pylons.templating import pylons_globals, render_mako, render_mako_def

from tests.sampleapp.lib.base import BaseController


class TemplatesController(BaseController):
    def page(self):
        c.name = "<Pylons>"
        return render_mako("/page.mako", extra_vars={"extra": "an extra"})

    def page_in(self, id):
        set_lang(id)
        c.name = id
        return render_mako("/page.mako", extra_vars={"extra": "in %s" % id})

    def a_def(self):
        return render_mako_def("/page.mako", "greeting", who="def caller")

    def cached(self, id):
        c.name = id
        return render_mako(
            "/page.mako",
            extra_vars={"extra": "cached"},
            cache_key="the-key",
            cache_expire=60,
        )

    def broken(self):
        return render_mako("/broken.mako")

    def names(self):
        return ",".join(sorted(pylons_globals()))

    def plain(self):
        c.name = "plain"
        return render_mako("/plain.mako")

    def respond(self):
        return render_mako("/respond.mako")
