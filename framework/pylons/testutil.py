"""Unit-testing a controller without a whole application.

Wrap the controller class in :class:`ControllerWrap`, that in
:class:`SetupCacheGlobal` (which plays PylonsApp's part in setting up the
request), that in a ``paste.registry.RegistryManager`` and a WebTest
``TestApp``::

    environ = {"pylons.routes_dict": {"action": "index"}}
    app = SetupCacheGlobal(ControllerWrap(HelloController), environ)
    app = TestApp(RegistryManager(app))
"""
import types

from pylons.configuration import PylonsConfig
from pylons.wsgiapp import PylonsApp

__all__ = ["ControllerWrap", "SetupCacheGlobal"]


class ControllerWrap:
    """A WSGI application running a new ``controller`` for each request."""

    def __init__(self, controller):
        self.controller = controller

    def __call__(self, environ, start_response):
        return self.controller()(environ, start_response)


class SetupCacheGlobal:
    """Set up the ``pylons`` globals for ``app``, as PylonsApp would.

    ``environ`` entries are added to every request (routing variables go
    in ``pylons.routes_dict``).  ``setup_g`` provides an empty
    ``app_globals`` (this object's ``g``); ``setup_cache`` and
    ``setup_session`` register the Beaker cache and session, for which a
    Beaker middleware must wrap this one.  ``debug`` is the configuration's.
    """

    def __init__(self, app, environ, setup_g=True, setup_cache=False,
                 setup_session=False, debug=False):
        self.app = app
        self.environ = environ
        self.g = types.SimpleNamespace() if setup_g else None
        environ_config = {}
        if setup_cache:
            environ_config["cache"] = "beaker.cache"
        if setup_session:
            environ_config["session"] = "beaker.session"
        self.config = PylonsConfig({
            "debug": debug,
            "pylons.app_globals": self.g,
            "pylons.environ_config": environ_config,
        })
        self.pylons_app = PylonsApp(self.config)

    def __call__(self, environ, start_response):
        environ.update(self.environ)
        self.pylons_app.setup_app_env(environ, start_response)
        self.pylons_app.register_globals(environ)
        if "paste.testing_variables" in environ:
            self.pylons_app.load_test_env(environ)
        if "pylons.routes_dict" not in environ:
            self.pylons_app.resolve(environ, start_response)
        return self.app(environ, start_response)
