"""The same tiny "hello" handler as a WSGI application in four stacks.

Each builder returns a WSGI callable that answers ``GET /hello`` with
``Hello World``:

- :func:`pylons_app` with ``full_stack=True``: QuickWiki's stack, as
  ``quickwiki/config/middleware.py: make_app`` builds it (SecurityHeaders
  outermost, WhiteNoise with a static directory, RegistryManager,
  StatusCodeRedirect, ErrorHandler, Cache and Session middleware,
  RequestDecoding, RoutesMiddleware, PylonsApp, a WSGIController);
- :func:`pylons_app` with ``full_stack=False``: the same without the error
  middleware (ErrorHandler, StatusCodeRedirect), as ``full_stack = false``
  in a project's ini asks for;
- :func:`middleware_only`: the full stack's middleware around a bare WSGI
  application giving the same answer, without PylonsApp and the
  controller: the share of the middleware (Routes, Beaker, Paste's
  registry, WhiteNoise and Pylons' own) in the full stack's time;
- :func:`pyramid_app` and :func:`flask_app`: the peers, as their own
  tutorials write a minimal application.

Debug is off everywhere, as in production.
"""

import os
import tempfile

from routes import Mapper
from whitenoise import WhiteNoise

from pylons.configuration import PylonsConfig
from pylons.controllers import WSGIController
from pylons.middleware import (
    CacheMiddleware,
    ErrorHandler,
    RegistryManager,
    RequestDecoding,
    RoutesMiddleware,
    SecurityHeaders,
    SessionMiddleware,
    StatusCodeRedirect,
)
from pylons.wsgiapp import PylonsApp

PATH = "/hello"
#: QuickWiki's pattern of fingerprinted static files (see make_app).
FINGERPRINTED = r"\.[0-9a-f]{8,}\.\w+$"
BODY = "Hello World"


class HelloController(WSGIController):
    """The Pylons side of the handler."""

    def index(self):
        return BODY


def pylons_app(full_stack=True, path=PATH, controller=__name__ + ":HelloController"):
    """The hello controller behind QuickWiki's stack (debug off).

    ``controller`` (a dotted path) answers ``path`` instead when given.
    """
    return quickwiki_stack(
        lambda config: PylonsApp(config=config), full_stack, path, controller
    )


def middleware_only():
    """QuickWiki's full stack around a bare WSGI "hello" instead of PylonsApp.

    The middleware's share of :func:`pylons_app`: what is left of its time
    is PylonsApp's and the controller's.
    """
    return quickwiki_stack(lambda config: _bare_hello, full_stack=True)


def _bare_hello(environ, start_response):
    """The answer the hello controller gives, as a plain WSGI application."""
    body = BODY.encode("utf-8")
    start_response(
        "200 OK",
        [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Cache-Control", "no-cache"),
            ("Pragma", "no-cache"),
            ("Content-Length", str(len(body))),
        ],
    )
    return [body]


def quickwiki_stack(
    make_inner, full_stack, path=PATH, controller=__name__ + ":HelloController"
):
    """``make_inner(config)`` inside the middleware QuickWiki's make_app adds.

    The configuration routes ``path`` to ``controller``.
    """
    # WhiteNoise needs a real public directory to list (one file in it),
    # and Beaker a place for its files; both live as long as the app.
    scratch = tempfile.TemporaryDirectory(prefix="bench-hello-")
    with open(os.path.join(scratch.name, "style.css"), "w", encoding="utf-8") as css:
        css.write("body { margin: 0; }\n")
    config = _pylons_config(scratch.name, path, controller)
    app = make_inner(config)
    app = RoutesMiddleware(app, config["routes.map"], singleton=False)
    app = RequestDecoding(app)
    app = SessionMiddleware(app, config)
    app = CacheMiddleware(app, config)
    if full_stack:
        app = ErrorHandler(app, config["global_conf"], **config["pylons.errorware"])
        app = StatusCodeRedirect(app, [400, 401, 403, 404, 405, 413, 415, 500])
    app = RegistryManager(app, streaming=True)
    app = WhiteNoise(
        app,
        scratch.name,
        index_file=True,
        autorefresh=False,
        immutable_file_test=FINGERPRINTED,
    )
    app = SecurityHeaders(app, config)
    app.scratch = scratch
    return app


def _pylons_config(scratch_dir, path, controller):
    config = PylonsConfig()
    app_conf = {
        "cache_dir": scratch_dir,
        "beaker.session.key": "bench",
        "beaker.session.secret": "not-a-secret-only-a-benchmark",
    }
    config.init_app(
        {"debug": "false"},
        app_conf,
        package=__name__,
        paths={"root": scratch_dir, "static_files": scratch_dir},
    )
    mapper = Mapper()
    mapper.minimization = False
    mapper.explicit = False
    mapper.connect(path, controller=controller, action="index")
    config["routes.map"] = mapper
    return config


def pyramid_app():
    """The handler as a Pyramid view on a named route."""
    from pyramid.config import Configurator
    from pyramid.response import Response

    def hello(request):
        return Response(BODY)

    with Configurator() as config:
        config.add_route("hello", PATH)
        config.add_view(hello, route_name="hello")
        return config.make_wsgi_app()


def flask_app():
    """The handler as a Flask view function."""
    from flask import Flask

    app = Flask(__name__)

    @app.route(PATH)
    def hello():
        return BODY

    return app


#: The contenders of the in-process benchmark, in table order.
CONTENDERS = {
    "pylons-full": lambda: pylons_app(full_stack=True),
    "pylons-core": lambda: pylons_app(full_stack=False),
    "middleware-only": middleware_only,
    "pyramid": pyramid_app,
    "flask": flask_app,
}
