"""The sample application's WSGI stack, shaped like a Pylons 1.0 project's."""

from beaker.middleware import CacheMiddleware, SessionMiddleware
from paste.deploy.converters import asbool
from paste.registry import RegistryManager
from routes.middleware import RoutesMiddleware
from whitenoise import WhiteNoise

from pylons.middleware import (
    ErrorHandler,
    RequestDecoding,
    SecurityHeaders,
    StatusCodeRedirect,
)
from pylons.wsgiapp import PylonsApp

from tests.sampleapp.config.environment import load_environment

#: Names with a content hash, as the project template's middleware has it.
FINGERPRINTED = r"\.[0-9a-f]{8,}\.\w+$"


def make_app(
    global_conf, full_stack=True, static_files=True, cache_middleware=True, **app_conf
):
    """The sample application; ``cache_middleware`` false leaves out
    CacheMiddleware, as Pylons 1.0's project template did."""
    config = load_environment(global_conf, app_conf)
    app = PylonsApp(config=config)
    app = RoutesMiddleware(app, config["routes.map"], singleton=False)
    app = RequestDecoding(app)
    app = SessionMiddleware(app, config)
    if asbool(cache_middleware):
        app = CacheMiddleware(app, config)
    if asbool(full_stack):
        app = ErrorHandler(app, global_conf, **config["pylons.errorware"])
        if config["debug"]:
            app = StatusCodeRedirect(app)
        else:
            app = StatusCodeRedirect(app, [400, 401, 403, 404, 415, 500])
    app = RegistryManager(app, streaming=True)
    if asbool(static_files):
        app = WhiteNoise(
            app,
            config["pylons.paths"]["static_files"],
            index_file=True,
            autorefresh=config["debug"],
            immutable_file_test=FINGERPRINTED,
        )
    app = SecurityHeaders(app, config)
    app.config = config
    return app
