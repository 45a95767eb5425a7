"""QuickWiki's WSGI application: the Pylons 1.0 middleware stack."""

from paste.deploy.converters import asbool
from whitenoise import WhiteNoise

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

from quickwiki.config.environment import load_environment
from quickwiki.lib.health import HealthCheck
from quickwiki.lib.limiting import ClientShare
from quickwiki.lib.metrics import Metrics
from quickwiki.lib.request_ids import RequestId
from quickwiki.model import meta

#: Static files named with a hash of their content, as asset bundlers name
#: them (``app.3f9a1c2e.css``): a changed file gets a new name, so these are
#: sent with far-future cache headers.  QuickWiki's own quick.css and
#: favicon.ico keep plain names (browsers ask for /favicon.ico by name):
#: they are cached for WhiteNoise's default minute, then revalidated by ETag.
FINGERPRINTED = r"\.[0-9a-f]{8,}\.\w+$"


def make_app(global_conf, full_stack=True, static_files=True, **app_conf):
    """The QuickWiki WSGI application (the ``paste.app_factory``).

    ``global_conf`` is the ini file's ``[DEFAULT]`` section, ``app_conf``
    its ``[app:main]`` section.  ``full_stack`` adds the error handling
    middleware, ``static_files`` serves ``public/`` in front of the
    application, with WhiteNoise; with ``quickwiki.metrics`` on, the
    requests are measured and ``/metrics`` answered; ``/_health`` is
    answered in front of all that; every request gets an id, and every
    response the security headers.
    """
    config = load_environment(global_conf, app_conf)
    app = PylonsApp(config=config)
    app = RoutesMiddleware(app, config["routes.map"], singleton=False)
    app = RequestDecoding(app)
    app = SessionMiddleware(app, config)
    app = CacheMiddleware(app, config)
    if asbool(full_stack):
        app = ErrorHandler(app, global_conf, **config["pylons.errorware"])
        # The error document for every error status the wiki answers; for
        # 500 too unless the debugger shows it.
        errors = [400, 401, 403, 404, 405, 413, 415, 429]
        if not config["debug"]:
            errors.append(500)
        app = StatusCodeRedirect(app, errors)
    # Outside the error documents, so that it answers a client over its
    # share of the server's threads with one it made once.
    app = ClientShare(app, config["pylons.app_globals"].limiter)
    app = RegistryManager(app, streaming=True)
    if asbool(static_files):
        # public/ is listed once, at start-up, so that any other URL passes
        # through with one dictionary lookup; with debug on, files are
        # looked up per request instead, so that edits show without a restart.
        app = WhiteNoise(
            app,
            config["pylons.paths"]["static_files"],
            index_file=True,
            autorefresh=config["debug"],
            immutable_file_test=FINGERPRINTED,
        )
    if asbool(config.get("quickwiki.metrics", False)):
        app = Metrics(app, meta.Session.get_bind())
    # Before everything else, so that a check costs only its own work.
    app = HealthCheck(app)
    # Outside the rest, so that whatever is logged for a request names it.
    app = RequestId(app)
    # Outermost, so that static files and error documents get them too.
    app = SecurityHeaders(app, config)
    app.config = config
    return app
