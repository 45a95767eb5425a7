"""The request-local globals of a Pylons application.

Each name below except :data:`config` is a
:class:`paste.registry.StackedObjectProxy` (a
:class:`pylons.context.RequestGlobal`): the object behind it is the
current request's, set up by :class:`pylons.wsgiapp.PylonsApp` (one
registry entry for all of them, :data:`pylons.context.context`), so two
threads serving two requests never see each other's request, response,
session or template context.  Touching one of them outside a request
raises a ``TypeError`` that names it.

:data:`config` dispatches to the configuration of the application serving
the current request, and outside a request to the process-wide default.
"""

import importlib

from pylons.context import RequestGlobal

__all__ = [
    "app_globals",
    "c",
    "cache",
    "config",
    "g",
    "request",
    "response",
    "session",
    "tmpl_context",
    "url",
    "translator",
    "Request",
    "Response",
    "__version__",
]

#: This distribution's version (pyproject.toml reads it from here).
__version__ = "1.1.0.dev0"

# The globals of pylons.context.REQUEST_OBJECTS: config comes from
# pylons.configuration and url from pylons.url, below.
app_globals = g = RequestGlobal("app_globals")
cache = RequestGlobal("cache")
request = RequestGlobal("request")
response = RequestGlobal("response")
session = RequestGlobal("session")
tmpl_context = c = RequestGlobal("tmpl_context")
translator = RequestGlobal("translator")

# ``pylons.url`` is both the request's URL generator and a module of URL
# functions: the module stands in for itself with that proxy, which the
# import binds here as ``url``.
url = importlib.import_module("pylons.url")

# These modules reach back for the proxies above, so they come after them.
from pylons.configuration import config  # noqa: E402
from pylons.controllers.util import Request, Response  # noqa: E402
