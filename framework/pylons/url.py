"""``pylons.url``: the request's URL generator, and :func:`route_url`.

``from pylons import url`` gives the Routes ``URLGenerator`` registered
for the current request (``url(controller='pages', action='show')``).
Pylons 1.0 also had a module of this name, whose :func:`route_url` makes
the full URL of a named route.  Both are the one object: this module puts
a proxy that also carries :func:`route_url` in its own place in
``sys.modules``, so importing the module never hides the proxy.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode

from routes.util import URLGenerator

from pylons.context import RequestGlobal
from pylons.controllers.util import site_url

if TYPE_CHECKING:
    from routes import Mapper
    from webob import Request

__all__ = ["route_url"]

#: Characters left as they are in a path segment or an anchor.
_SAFE = "!$&'()*+,;=:@-._~"


def route_url(route_name: str, request: Request, *elements: Any, **kw: Any) -> str:
    """The full URL of the named route ``route_name``, for ``request``.

    ``kw`` fills the route's variables (those it does not name become the
    query string).  ``elements`` are path segments added after the route's
    path, each quoted.  ``_query`` (a dict or a list of pairs) is the
    query string, ``_anchor`` the fragment, and ``_app_url`` replaces the
    application's URL: the site's scheme and host (``pylons.canonical_url``
    when it is set, else the request's) and ``SCRIPT_NAME``.  A route of
    no such name is a ``KeyError``.
    """
    query = kw.pop("_query", None)
    anchor = kw.pop("_anchor", None)
    app_url = kw.pop("_app_url", None)
    mapper = _mapper_for(request)
    if route_name not in mapper._routenames:
        raise KeyError("No route named %r" % route_name)
    environ = dict(request.environ, SCRIPT_NAME="")
    path = URLGenerator(mapper, environ)(route_name, **kw)
    if elements:
        path = (
            path.rstrip("/")
            + "/"
            + "/".join(quote(str(element), safe=_SAFE) for element in elements)
        )
    if query:
        path += "?" + urlencode(query, doseq=True)
    if anchor:
        path += "#" + quote(str(anchor), safe=_SAFE + "/?")
    if app_url is None:
        app_url = site_url(request) + request.application_url[len(request.host_url) :]
    return app_url + path


def _mapper_for(request: Request) -> Mapper:
    """The Routes mapper of the application serving ``request``."""
    generator = request.environ.get("routes.url")
    if generator is not None:
        return generator.mapper
    return request.environ["pylons.pylons"].config["routes.map"]


class URLProxy(RequestGlobal):
    """``pylons.url``: the request's ``URLGenerator``, and this module's API."""

    route_url = staticmethod(route_url)
    __all__ = __all__

    def __getattr__(self, name: str) -> Any:
        # The import system probes a module for dunder attributes
        # (__path__, __spec__...); they must be missing, not forwarded.
        if name.startswith("__"):
            raise AttributeError(name)
        return super().__getattr__(name)


sys.modules[__name__] = URLProxy("url")
