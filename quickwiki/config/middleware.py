"""QuickWiki's WSGI application: the Pylons 1.0 middleware stack."""
from beaker.middleware import CacheMiddleware, SessionMiddleware
from paste.cascade import Cascade
from paste.deploy.converters import asbool
from paste.registry import RegistryManager
from paste.urlparser import StaticURLParser
from routes.middleware import RoutesMiddleware

from pylons.middleware import ErrorHandler, StatusCodeRedirect
from pylons.wsgiapp import PylonsApp

from quickwiki.config.environment import load_environment


def make_app(global_conf, full_stack=True, static_files=True, **app_conf):
    """The QuickWiki WSGI application (the ``paste.app_factory``).

    ``global_conf`` is the ini file's ``[DEFAULT]`` section, ``app_conf``
    its ``[app:main]`` section.  ``full_stack`` adds the error handling
    middleware, ``static_files`` serves ``public/`` in front of the
    application.
    """
    config = load_environment(global_conf, app_conf)
    app = PylonsApp(config=config)
    app = RoutesMiddleware(app, config["routes.map"], singleton=False)
    app = SessionMiddleware(app, config)
    app = CacheMiddleware(app, config)
    if asbool(full_stack):
        app = ErrorHandler(app, global_conf, **config["pylons.errorware"])
        if config["debug"]:
            app = StatusCodeRedirect(app)
        else:
            app = StatusCodeRedirect(app, [400, 401, 403, 404, 500])
    app = RegistryManager(app, streaming=True)
    if asbool(static_files):
        app = Cascade([StaticURLParser(config["pylons.paths"]["static_files"]),
                       app])
    app.config = config
    return app
