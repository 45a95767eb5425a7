"""The configuration of a Pylons application.

:class:`PylonsConfig` is the dictionary an application's
``load_environment`` fills from its Paste Deploy ini file;
:data:`config` is the object behind ``pylons.config``: it answers with
the configuration of the application serving the current request, and
outside a request with the process-wide default (the configuration most
recently set up with :meth:`PylonsConfig.init_app`, at first
:data:`pylons_config`).
"""

from __future__ import annotations

import copy
import os
from typing import Any

from paste.config import DispatchingConfig as _PasteDispatchingConfig
from paste.deploy.converters import asbool

from pylons.context import RequestGlobal

__all__ = [
    "PylonsConfig",
    "config",
    "pylons_config",
    "request_defaults",
    "response_defaults",
]

#: The request options every configuration starts with
#: (``pylons.request_options``).
request_defaults: dict[str, Any] = {
    "charset": "utf-8",
    "errors": "replace",
    "language": "en-us",
}

#: The response options every configuration starts with
#: (``pylons.response_options``): HTML in UTF-8, not to be cached.
response_defaults: dict[str, Any] = {
    "content_type": "text/html",
    "charset": "utf-8",
    "headers": {"Cache-Control": "no-cache", "Pragma": "no-cache"},
}

_PATH_KEYS = ("root", "controllers", "templates", "static_files")


class PylonsConfig(dict[str, Any]):
    """An application's configuration: a dictionary with Pylons defaults.

    A fresh instance already holds the defaults below; :meth:`init_app`
    merges the ini file's settings over them and derives the rest.
    """

    defaults: dict[str, Any] = {
        "debug": False,
        "pylons.https": False,
        "pylons.package": None,
        "pylons.paths": dict.fromkeys(_PATH_KEYS),
        "pylons.environ_config": {
            "session": "beaker.session",
            "cache": "beaker.cache",
        },
        "pylons.app_globals": None,
        "pylons.h": None,
        "pylons.request_options": request_defaults,
        "pylons.response_options": response_defaults,
        "pylons.strict_tmpl_context": True,
        "pylons.tmpl_context_attach_args": False,
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(copy.deepcopy(self.defaults))
        self.update(*args, **kwargs)

    def init_app(
        self,
        global_conf: dict[str, Any],
        app_conf: dict[str, Any],
        package: str | None = None,
        paths: dict[str, Any] | None = None,
    ) -> None:
        """Load an application's settings, as Paste Deploy hands them over.

        ``global_conf`` is the ``[DEFAULT]`` section plus the ``here`` and
        ``__file__`` keys, ``app_conf`` the application's own section, which
        wins where both set a key.  ``package`` is the application's import
        name and ``paths`` its directories (root, controllers, templates,
        static_files).  ``debug`` and the ``pylons.*`` flags may be given as
        ini strings; ``debug`` is false unless these settings say otherwise,
        even in a configuration that was set up before with it on, as in
        Pylons 1.0.  ``pylons.https = true`` says the site is served over
        HTTPS only, which makes the session cookie ``Secure``.  The
        configuration then becomes the process default behind
        ``pylons.config``.
        """
        # Loading settings again without debug must not leave an earlier
        # debug on: the debugger and its error pages would stay.
        self["debug"] = False
        self.update(global_conf)
        self.update(app_conf)
        self["app_conf"] = app_conf
        self["global_conf"] = global_conf
        self["pylons.package"] = package
        self["pylons.paths"].update(paths or {})
        for flag in (
            "debug",
            "pylons.https",
            "pylons.strict_tmpl_context",
            "pylons.tmpl_context_attach_args",
        ):
            self[flag] = asbool(self[flag])
        self._set_cache_dirs()
        if self["pylons.https"]:
            # The session cookie of a site served over HTTPS only is never
            # sent over plain HTTP.
            self.setdefault("beaker.session.secure", True)
        self["pylons.errorware"] = self._errorware()
        config.make_process_default(self)

    def _set_cache_dirs(self) -> None:
        cache_dir = self.get("cache_dir")
        self["pylons.cache_dir"] = cache_dir
        if cache_dir:
            self.setdefault(
                "beaker.session.data_dir", os.path.join(cache_dir, "sessions")
            )
            self.setdefault("beaker.cache.data_dir", os.path.join(cache_dir, "cache"))

    def _errorware(self) -> dict[str, Any]:
        return {
            "debug": self["debug"],
            "error_email": self.get("email_to"),
            "error_log": self.get("error_log"),
            "smtp_server": self.get("smtp_server", "localhost"),
            "error_subject_prefix": self.get("error_subject_prefix", "WebApp Error: "),
            "from_address": self.get(
                "from_address", self.get("error_email_from", "pylons@localhost")
            ),
            "error_message": self.get(
                "error_message", "An internal server error occurred"
            ),
        }


class DispatchingConfig(RequestGlobal, _PasteDispatchingConfig):
    """``pylons.config``: the request's configuration, or the process's.

    Paste's ``push_thread_config`` and ``push_process_config`` (and their
    ``pop_``) work as in Paste.
    """

    def __init__(self, default: PylonsConfig) -> None:
        super().__init__("config")
        self.push_process_config(default)

    def _no_object(self) -> Any:
        """Outside a request, the process's configuration."""
        if self._process_configs:
            return self._process_configs[-1]
        raise AttributeError(
            "No configuration has been registered for this process or thread"
        )

    def current_conf(self) -> Any:
        """The configuration ``pylons.config`` stands for now (Paste's name).

        During a request, that of the application serving it.
        """
        # Paste binds current_conf to its own _current_obj, which knows
        # nothing of the request's context.
        return self._current_obj()

    current = current_conf

    def make_process_default(self, conf: PylonsConfig) -> None:
        """Make ``conf`` what ``pylons.config`` shows outside a request."""
        if self._process_configs[-1] is not conf:
            self.push_process_config(conf)


#: The module's own PylonsConfig: what ``pylons.config`` shows before an
#: application sets up its configuration.
pylons_config = PylonsConfig()

#: ``pylons.config``: the configuration of the application serving the
#: current request, and :data:`pylons_config` outside a request.
config = DispatchingConfig(pylons_config)
