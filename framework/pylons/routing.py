"""Routes, with less work for each request: its matching and its URLs.

:class:`CompiledRoutes` finds the route a path matches with one regular
expression, made of the mapper's own, in the order Routes tries them;
:class:`URLGenerator` is Routes' URL generator, which gives a URL it made
before for the same arguments without making it again.
:class:`pylons.middleware.RoutesMiddleware` uses both.  Each gives what
Routes gives (but for the values of a path, given as text:
:func:`decoded_path_values`); where it cannot be sure to, Routes answers.
"""

from __future__ import annotations

import re
from typing import Any

from routes import util as routes_util

__all__ = ["UNSURE", "CompiledRoutes", "URLGenerator", "decoded_path_values"]

#: What :meth:`CompiledRoutes.match` says when Routes must answer itself.
UNSURE = object()


class CompiledRoutes:
    """A Routes mapper's routes as one regular expression.

    Routes tries its routes one by one, each with its own expression,
    those of longer fixed beginnings first: a dozen Python calls for a
    path.  Here the same expressions, in the same order, are the
    alternatives of one, which finds the route and reads its variables in
    one call, the values from the path decoded as
    :func:`decoded_path_values` decodes Routes' own.  It is made from the
    expressions Routes last made (:meth:`of` says whether the mapper can be
    compiled at all), their variables' groups renamed apart.  A route with
    conditions is asked itself; when it refuses, :meth:`match` is
    :data:`UNSURE`.
    """

    def __init__(self, mapper: Any) -> None:
        #: The mapper's routes by their fixed beginning, as compiled.
        self.source = mapper._prefix2routes
        alternatives = []
        entries: list[tuple[int, str, Any, list[str]]] = []
        for length in mapper._prefix_lens:
            for prefix, routes in self.source.items():
                if len(prefix) != length:
                    continue
                for route in routes:
                    number = len(entries)
                    names = _GROUP.findall(route.regexp)
                    if len(names) != len(route.regmatch.groupindex):
                        raise ValueError("a group of %r was not found" % route)
                    alternatives.append(
                        "(?P<_%d>%s)"
                        % (number, _GROUP.sub(r"(?P<_%d_\1>" % number, route.regexp))
                    )
                    entries.append((number, prefix, route, names))
        self.regexp = re.compile("|".join(alternatives))
        groups = self.regexp.groupindex
        #: By the number of an alternative's group: its route's fixed
        #: beginning, the route, the groups of its variables with their
        #: names, and the defaults that stand for a variable matched as
        #: nothing.
        self.routes = {
            groups["_%d" % number]: (
                prefix,
                route,
                tuple((groups["_%d_%s" % (number, name)], name) for name in names),
                {name: value for name, value in route.defaults.items() if value},
                # The defaults of the route's other variables, as Routes
                # adds them after those of the path.
                {
                    name: route.defaults[name]
                    for name in route._default_keys.difference(names)
                },
            )
            for number, prefix, route, names in entries
        }

    @classmethod
    def of(cls, mapper: Any) -> CompiledRoutes | None:
        """The compiled routes of ``mapper``; None when Routes must match.

        Routes matches itself when its expressions are made anew for each
        request (``always_scan``), are not made yet, or depend on more
        than the path: sub-domains, a prefix, the debug log.
        """
        if (
            not mapper._created_regs
            or mapper.always_scan
            or mapper.sub_domains
            or mapper.prefix
            or mapper.debug
        ):
            return None
        try:
            return cls(mapper)
        except (re.error, OverflowError, RecursionError, ValueError):
            return None

    def match(self, url: str, environ: dict[str, Any]) -> Any:
        """``(variables, route)`` of the route ``url`` matches, or None.

        :data:`UNSURE` when Routes must be asked.
        """
        found = self.regexp.match(url)
        if found is None:
            return None  # no route's expression matches
        # The alternative's own group is the last one to close.
        prefix, route, groups, defaults, others = self.routes[found.lastindex or 0]
        if not url.startswith(prefix):
            return UNSURE  # Routes would not have tried this route first
        if route.conditions:
            variables = route.match(url, environ)
            if isinstance(variables, dict):
                return decoded_path_values(variables, route), route
            return UNSURE  # refused: a route after it may match
        variables = {}
        for group, name in groups:
            value = found.group(group)
            if not value:
                # A value of nothing takes the route's default, if it has one.
                value = defaults.get(name) or value
            elif not value.isascii() and name != "path_info":
                value = _text_of(value, route)
            variables[name] = value
        variables.update(others)
        return variables, route


def decoded_path_values(match: dict[str, Any], route: Any) -> dict[str, Any]:
    """``match`` with the values taken from the path decoded as text.

    PATH_INFO holds the path's bytes as Latin-1 characters (PEP 3333);
    Routes decodes the values it matched with the route's ``encoding``
    (UTF-8) only when they are bytes, as they were on Python 2, so
    ``/%C3%9Cber`` would reach the controller as ``Ã\x9cber``.  Bytes that
    are not UTF-8 become U+FFFD, as Routes' ``decode_errors`` says.  The
    route's defaults and ``path_info`` (a path, not text) stay as they are.
    """
    decoded = match  # copied at the first value to decode: most have none
    for key, value in match.items():
        if (
            not isinstance(value, str)
            or value.isascii()
            or key == "path_info"
            or value == route.defaults.get(key)
        ):
            continue
        if decoded is match:
            decoded = dict(match)
        decoded[key] = _text_of(value, route)
    return decoded


def _text_of(value: str, route: Any) -> str:
    """A value of the path (its bytes as Latin-1 characters) as text."""
    try:
        raw = value.encode("latin-1")
    except UnicodeEncodeError:
        return value  # not from the path
    return raw.decode(route.encoding, route.decode_errors)


#: The opening of a named group in an expression Routes made (not one
#: spelled out in a path, which Routes escapes).
_GROUP = re.compile(r"(?<!\\)\(\?P<(\w+)>")


#: Arguments whose URL depends on the request's host or routing, never
#: remembered.
_REQUEST_ARGUMENTS = frozenset(
    (
        "host",
        "host_",
        "_host",
        "protocol",
        "protocol_",
        "_protocol",
        "qualified",
        "sub_domain",
        "_use_current",
    )
)
#: How many URLs one :class:`RoutesMiddleware` remembers; beyond, it starts
#: afresh.
URLS_KEPT = 4096


class URLGenerator(routes_util.URLGenerator):
    """Routes' URL generator, which remembers the URLs it made.

    ``urls`` is a dictionary the generators of the requests an
    application serves share (that of its RoutesMiddleware): a URL asked
    for again with the same arguments, and the same ``SCRIPT_NAME``, is
    taken from there.  Only URLs that depend on nothing else are kept:
    asked for with text and whole numbers, without ``host``,
    ``protocol``, ``qualified``, sub-domains or ``_use_current``, from a
    mapper that keeps Routes' own cache of URLs (``mapper.urlcache``),
    and of routes without a ``_filter``.  Up to :data:`URLS_KEPT` are
    kept.
    """

    def __init__(
        self, mapper: Any, environ: dict[str, Any], urls: dict[Any, str] | None = None
    ) -> None:
        # As Routes' own: an environ without SCRIPT_NAME gets an empty one.
        environ.setdefault("SCRIPT_NAME", "")
        self.mapper = mapper
        self.environ = environ
        self.urls = urls

    def __call__(self, *args: Any, **kwargs: Any) -> str:
        """The URL of a route (``url('page', title='FrontPage')``), as Routes'."""
        urls = self.urls
        if urls is None:
            made: str = super().__call__(*args, **kwargs)
            return made
        key = (self.environ.get("SCRIPT_NAME", ""), args, tuple(kwargs.items()))
        try:
            url = urls.get(key)
        except TypeError:
            url = None  # an argument no dictionary holds: never remembered
        # Looked up first: what was kept passed _rememberable then.  Only
        # the arguments' types are left to check, as True, 1.0 and a str
        # subclass equal what was kept for 1 and for text.
        if url is not None and _plain(args, kwargs):
            return url
        url = super().__call__(*args, **kwargs)
        if self._rememberable(args, kwargs):
            if len(urls) >= URLS_KEPT:
                urls.clear()
            urls[key] = url
        return url

    def _rememberable(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> bool:
        """Whether the URL of these arguments is the same in every request."""
        mapper = self.mapper
        if mapper.sub_domains or mapper.urlcache is None:
            return False
        if not _plain(args, kwargs) or not _REQUEST_ARGUMENTS.isdisjoint(kwargs):
            return False
        route = mapper._routenames.get(args[0]) if args else None
        return route is None or not route.filter


def _plain(args: tuple[Any, ...], kwargs: dict[str, Any]) -> bool:
    """Whether ``args`` are all text and ``kwargs``' values text or whole
    numbers, of those very types: what a kept URL was asked for with."""
    for value in args:
        if type(value) is not str:
            return False
    for value in kwargs.values():
        if type(value) is not str and type(value) is not int:
            return False
    return True
