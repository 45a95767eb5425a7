"""Unit-testing a controller without a whole application.

Wrap the controller class in :class:`ControllerWrap`, that in
:class:`SetupCacheGlobal` (which plays PylonsApp's part in setting up the
request), that in a ``paste.registry.RegistryManager`` and a WebTest
``TestApp``::

    environ = {"pylons.routes_dict": {"action": "index"}}
    app = SetupCacheGlobal(ControllerWrap(HelloController), environ)
    app = TestApp(RegistryManager(app))
"""

from __future__ import annotations

import types
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import pylons
from pylons.configuration import PylonsConfig
from pylons.wsgiapp import PylonsApp

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

__all__ = ["ControllerWrap", "SetupCacheGlobal"]


class ControllerWrap:
    """A WSGI application running a new ``controller`` for each request."""

    def __init__(self, controller: Callable[[], WSGIApplication]) -> None:
        self.controller = controller

    def __call__(
        self, environ: WSGIEnvironment, start_response: StartResponse
    ) -> Iterable[bytes]:
        """Answer the request with a new instance of the controller."""
        return self.controller()(environ, start_response)


class SetupCacheGlobal:
    """Set up the ``pylons`` globals for ``app``, as PylonsApp would.

    ``environ`` entries are added to every request (routing variables go
    in ``pylons.routes_dict``).  The configuration is the process's
    ``pylons.config``.  ``setup_g`` provides this object's ``g`` as
    ``app_globals``: an object with Pylons 1.0's test attributes
    (``message``, ``counter = 0`` and ``pylons_config``, whose
    ``app_conf`` turns ``cache_enabled`` on).  ``setup_cache`` and
    ``setup_session`` register the Beaker cache and session, for which a
    Beaker middleware must wrap this one.
    """

    def __init__(
        self,
        app: WSGIApplication,
        environ: dict[str, Any],
        setup_g: bool = True,
        setup_cache: bool = False,
        setup_session: bool = False,
    ) -> None:
        self.app = app
        self.environ = environ
        self.g = _test_globals() if setup_g else None
        self.environ_config = {}
        if setup_cache:
            self.environ_config["cache"] = "beaker.cache"
        if setup_session:
            self.environ_config["session"] = "beaker.session"

    def __call__(
        self, environ: WSGIEnvironment, start_response: StartResponse
    ) -> Iterable[bytes]:
        """Set the request's objects up and register them; then run ``app``."""
        environ.update(self.environ)
        config = pylons.config._current_obj()
        pylons_app = PylonsApp(
            PylonsConfig(
                config,
                **{
                    "pylons.app_globals": self.g,
                    "pylons.environ_config": self.environ_config,
                },
            )
        )
        pylons_app.setup_app_env(environ, start_response)
        environ["pylons.pylons"].config = config
        pylons_app.register_globals(environ)
        if "paste.testing_variables" in environ:
            pylons_app.load_test_env(environ)
        if "pylons.routes_dict" not in environ:
            pylons_app.resolve(environ, start_response)
        return self.app(environ, start_response)


def _test_globals() -> types.SimpleNamespace:
    """An ``app_globals`` with the attributes Pylons 1.0's tests relied on."""
    return types.SimpleNamespace(
        message="Hello",
        counter=0,
        pylons_config=types.SimpleNamespace(app_conf={"cache_enabled": "True"}),
    )
