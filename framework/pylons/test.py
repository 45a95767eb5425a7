"""Running a Pylons project's tests under nose2.

:class:`PylonsPlugin` loads the application from the project's test ini
file once, before nose2 imports any test module, and leaves it in
:data:`pylonsapp` for the tests to wrap in a WebTest ``TestApp``.  As
Pylons 1.0's nose plugin did, it also sets up ``pylons.config``,
``pylons.app_globals`` and ``pylons.translator`` for the test code that
runs outside a request.  Turn it on in the project's ``unittest.cfg``
(or ``nose2.cfg``)::

    [unittest]
    plugins = pylons.test

    [pylons]
    always-on = True
    test-config = test.ini

``test-config`` is relative to the directory nose2 runs in; the
``--test-config`` option overrides it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any

from nose2.events import Plugin
from paste.deploy import loadapp

import pylons
from pylons.i18n.translation import _get_translator

__all__ = ["PylonsPlugin", "pylonsapp"]

#: The application loaded from the test ini file (None until it is).
pylonsapp = None


class PylonsPlugin(Plugin):
    """nose2 plugin: load the Pylons application under test, once a run."""

    configSection = "pylons"

    def __init__(self) -> None:
        self.config_file = self.config.as_str("test-config", "test.ini")
        self.addOption(
            self._set_config_file,
            None,
            "test-config",
            "Paste Deploy ini file of the application under test",
            nargs=1,
        )

    def _set_config_file(self, values: Sequence[str]) -> None:
        self.config_file = values[0]

    def createTests(self, event: Any) -> None:
        """Load the application before nose2 imports the test modules."""
        load_app(self.config_file)


def load_app(config_file: str) -> Any:
    """Load the application of ``config_file`` into :data:`pylonsapp`."""
    global pylonsapp
    path = os.path.abspath(config_file)
    if not os.path.isfile(path):
        raise FileNotFoundError("Pylons test config %s does not exist" % path)
    pylonsapp = loadapp("config:" + path)
    push_test_globals(getattr(pylonsapp, "config", None))
    return pylonsapp


def push_test_globals(config: Mapping[str, Any] | None) -> None:
    """Set up the ``pylons`` globals test code uses outside a request.

    ``pylons.config`` is ``config`` (the application's, if it has one),
    ``pylons.app_globals`` its globals and ``pylons.translator`` one for
    its ``lang`` setting, in the thread the tests run in.
    """
    if config is not None:
        pylons.config._push_object(config)
        if config.get("pylons.app_globals") is not None:
            pylons.app_globals._push_object(config["pylons.app_globals"])
    conf = pylons.config._current_obj()
    pylons.translator._push_object(
        _get_translator(conf.get("lang"), pylons_config=conf)
    )
