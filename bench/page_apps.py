"""The same small Mako page as a WSGI application in three stacks.

Each builder returns a WSGI callable that answers ``GET /page`` by
rendering ``templates/page.mako`` with the names of :data:`PAGE_VARS`,
from a Mako ``TemplateLookup`` with the options a generated Pylons
project gives its own (UTF-8, every expression escaped with markupsafe),
templates not checked for changes on disk, as each framework runs in
production:

- :func:`pylons_app`: a controller returning
  ``render_mako("/page.mako", extra_vars=...)``, behind QuickWiki's
  stack (as :func:`hello_apps.pylons_app` has it);
- :func:`pyramid_app`: a view returning the names, with the template as
  its renderer through ``pyramid_mako``;
- :func:`flask_app`: a view calling a two-line helper that renders the
  template from a ``TemplateLookup`` (Flask has no Mako support of its
  own).
"""

import os

import hello_apps
from mako.lookup import TemplateLookup

from pylons.controllers import WSGIController
from pylons.templating import render_mako
from pylons.wsgiapp import PylonsApp

TEMPLATES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")
PATH = "/page"
TEMPLATE = "page.mako"
#: The names the page is rendered with: a few of them need escaping.
PAGE_VARS = {
    "title": "A small page",
    "greeting": "Hello <World> & welcome",
    "items": ["item %d: <%s>" % (number, "x" * number) for number in range(1, 11)],
}
#: The options of every stack's TemplateLookup, a generated project's.
LOOKUP_OPTIONS = {
    "input_encoding": "utf-8",
    "default_filters": ["escape"],
    "imports": ["from markupsafe import escape"],
    "filesystem_checks": False,
}


def lookup():
    """A TemplateLookup of the benchmark's templates."""
    return TemplateLookup(directories=[TEMPLATES], **LOOKUP_OPTIONS)


class PageController(WSGIController):
    """The Pylons side of the page."""

    def index(self):
        return render_mako("/" + TEMPLATE, extra_vars=PAGE_VARS)


class _Globals:
    """The ``app_globals`` of the Pylons page: its template lookup."""

    def __init__(self):
        self.mako_lookup = lookup()


def _page_app(config):
    config["pylons.app_globals"] = _Globals()
    return PylonsApp(config=config)


def pylons_app():
    """The page controller behind QuickWiki's stack (debug off)."""
    return hello_apps.quickwiki_stack(
        _page_app, True, PATH, __name__ + ":PageController"
    )


def pyramid_app():
    """The page as a Pyramid view, rendered by pyramid_mako."""
    from pyramid.config import Configurator

    def page(request):
        return PAGE_VARS

    settings = {
        "mako.directories": TEMPLATES,
        "mako.input_encoding": LOOKUP_OPTIONS["input_encoding"],
        "mako.default_filters": LOOKUP_OPTIONS["default_filters"],
        "mako.imports": LOOKUP_OPTIONS["imports"],
        "pyramid.reload_templates": False,
    }
    with Configurator(settings=settings) as config:
        config.include("pyramid_mako")
        config.add_route("page", PATH)
        config.add_view(page, route_name="page", renderer=TEMPLATE)
        return config.make_wsgi_app()


def flask_app():
    """The page as a Flask view, rendered by a two-line helper."""
    from flask import Flask

    app = Flask(__name__)
    templates = lookup()

    def render(name, **names):
        return templates.get_template(name).render_unicode(**names)

    @app.route(PATH)
    def page():
        return render(TEMPLATE, **PAGE_VARS)

    return app


#: The contenders of the Mako page rows, in table order.
CONTENDERS = {
    "pylons-page": pylons_app,
    "pyramid-page": pyramid_app,
    "flask-page": flask_app,
}
