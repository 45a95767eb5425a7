"""The request-local globals of a Pylons application.

Each name below except :data:`config` is a
:class:`paste.registry.StackedObjectProxy`: the object behind it is
registered for the current request by :class:`pylons.wsgiapp.PylonsApp`,
so two threads serving two requests never see each other's request,
response, session or template context.  Touching one of them outside a
request raises a ``TypeError`` that names it.

:data:`config` dispatches to the configuration of the application serving
the current request, and outside a request to the process-wide default.
"""
import importlib

from paste.registry import StackedObjectProxy

__all__ = [
    "app_globals", "c", "cache", "config", "g", "request", "response",
    "session", "tmpl_context", "url", "translator", "Request", "Response",
    "__version__",
]

#: This distribution's version (setup.py reads it from here).
__version__ = "1.1.0.dev0"

app_globals = g = StackedObjectProxy(name="app_globals")
cache = StackedObjectProxy(name="cache")
request = StackedObjectProxy(name="request")
response = StackedObjectProxy(name="response")
session = StackedObjectProxy(name="session")
tmpl_context = c = StackedObjectProxy(name="tmpl_context")
translator = StackedObjectProxy(name="translator")

# ``pylons.url`` is both the request's URL generator and a module of URL
# functions: the module stands in for itself with that proxy, which the
# import binds here as ``url``.
url = importlib.import_module("pylons.url")

# These modules reach back for the proxies above, so they come after them.
from pylons.configuration import config  # noqa: E402
from pylons.controllers.util import Request, Response  # noqa: E402
