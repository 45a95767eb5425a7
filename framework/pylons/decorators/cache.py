"""Caching whole actions in the Beaker cache.

:func:`beaker_cache` keeps what an action returns, together with the
response status and chosen response headers, in the application's Beaker
``CacheManager`` (``app_globals.cache``, as a Pylons 1.0 project sets it
up, or else ``pylons.cache``, which ``CacheMiddleware`` provides), so
later requests with the same key are answered without running it.
:func:`create_cache_key` gives the namespace and key of an entry, for an
application to find or invalidate it.
"""

from __future__ import annotations

import functools
import inspect
import logging
import time
from collections.abc import Callable, Collection, Sequence
from typing import Any, cast

from paste.deploy.converters import asbool

import pylons
from pylons.decorators.util import F

__all__ = ["beaker_cache", "create_cache_key"]

log = logging.getLogger(__name__)

#: Arguments of an action that are never part of its cache key.
_UNKEYED = frozenset(("self", "environ", "start_response", "pylons"))


def create_cache_key(
    func: Callable[..., Any],
    key_dict: dict[str, Any] | None = None,
    self: object = None,
) -> tuple[str, str]:
    """The ``(namespace, key)`` under which :func:`beaker_cache` keeps a call.

    The namespace is the module and the name of the class of the method
    ``func`` (of ``self``'s class when given), as in Pylons 1.0, or the
    module of a plain function; the key is the function's name followed by
    the ``name=value`` pairs of ``key_dict``, sorted by name.  So an
    application can drop an entry::

        namespace, key = create_cache_key(PagesController.show, {"id": 5})
        app_globals.cache.get_cache(namespace).remove_value(key)
    """
    if inspect.ismethod(func):
        self = func.__self__ if self is None else self
        func = func.__func__
    key = func.__name__
    if key_dict:
        key += " " + " ".join(
            "%s=%s" % (name, key_dict[name]) for name in sorted(key_dict)
        )
    if self is not None:
        owner = type(self)
        return "%s.%s" % (owner.__module__, owner.__name__), key
    # The class's own name, as beaker_cache's wrapper names the class of
    # its self: not the path to it, which holds the function a class
    # defined in one is in (make_app.<locals>.PagesController).
    owner_name = func.__qualname__.rpartition(".")[0].rpartition(".")[2]
    if owner_name and owner_name != "<locals>":
        return "%s.%s" % (func.__module__, owner_name), key
    return func.__module__, key


def beaker_cache(
    key: str | Sequence[str] | None = "cache_default",
    expire: int | str = "never",
    type: str | None = None,
    query_args: bool = False,
    cache_headers: Sequence[str] = ("content-type", "content-length"),
    invalidate_on_startup: bool = False,
    cache_response: bool = True,
    **b_kwargs: Any,
) -> Callable[[F], F]:
    """Cache what the decorated action (or function) returns.

    ``key`` chooses the arguments the entry is keyed on, besides the
    function: ``"cache_default"`` all those given, a name one argument, a
    list of names those arguments, None nothing.  With ``query_args`` the
    query string's parameters join the arguments ``key`` chooses from.
    ``expire`` is a number of seconds or ``"never"``; ``type`` a Beaker
    cache type (``memory``, ``file``, ``dbm``, ``memcached``...; None for
    the configured one).  Other keyword arguments go to Beaker's
    ``get_cache``.  :func:`create_cache_key` tells where an entry is kept.

    With ``cache_response`` the response's status and the headers named in
    ``cache_headers`` are kept with the result; on every request, whether
    the cache answers or the action runs, the response then has that
    status and only those headers.  ``invalidate_on_startup`` ignores
    entries made before the application (this module's decoration)
    started.  Setting ``cache_enabled = false`` in the configuration turns
    caching off.

    The result must be something the cache type can store (picklable for
    the types that leave the process).
    """
    headers = tuple(name.lower() for name in cache_headers)
    options = dict(b_kwargs)
    if type is not None:
        options["type"] = type
    if invalidate_on_startup:
        options["starttime"] = time.time()
    expiretime = None if expire == "never" else int(expire)

    def decorator(func: F) -> F:
        signature = inspect.signature(func)
        takes_self = next(iter(signature.parameters), None) == "self"

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if not asbool(pylons.config.get("cache_enabled", True)):
                return func(*args, **kwargs)
            key_dict = _key_dict(key, signature.bind(*args, **kwargs), query_args)
            namespace, cache_key = create_cache_key(
                func, key_dict, args[0] if takes_self and args else None
            )
            cache = _cache_manager().get_cache(namespace, **options)

            def create() -> dict[str, Any]:
                log.debug("Caching %s under %r", namespace, cache_key)
                return _entry(func(*args, **kwargs), cache_response, headers)

            entry = cache.get_value(cache_key, createfunc=create, expiretime=expiretime)
            if cache_response:
                _restore(entry)
            return entry["result"]

        return cast(F, wrapper)

    return decorator


def _key_dict(
    key: str | Sequence[str] | None,
    bound: inspect.BoundArguments,
    query_args: bool,
) -> dict[str, Any] | None:
    """The arguments (and query parameters) ``key`` keys the entry on."""
    if not key:
        return None
    arguments = _named_arguments(bound)
    if query_args:
        arguments.update(pylons.request.GET.mixed())
    if key == "cache_default":
        return arguments
    names = [key] if isinstance(key, str) else list(key)
    return {name: arguments.get(name) for name in names}


def _named_arguments(bound: inspect.BoundArguments) -> dict[str, Any]:
    """The arguments the call was given, by name, ``**kwargs`` spread out."""
    arguments = {}
    for name, value in bound.arguments.items():
        kind = bound.signature.parameters[name].kind
        if kind is inspect.Parameter.VAR_KEYWORD:
            arguments.update(value)
        else:
            arguments[name] = value
    return {name: value for name, value in arguments.items() if name not in _UNKEYED}


def _cache_manager() -> Any:
    """The application's CacheManager: ``app_globals.cache``, else ``pylons.cache``."""
    try:
        manager = getattr(pylons.app_globals, "cache", None)
    except TypeError:
        # No app_globals registered: a unit test of the decorated function.
        manager = None
    return manager if manager is not None else pylons.cache._current_obj()


def _entry(
    result: Any, cache_response: bool, headers: Collection[str]
) -> dict[str, Any]:
    """What the cache keeps for one result.

    An action that returned None built ``pylons.response`` itself: its
    body is kept too.
    """
    entry = {"result": result}
    if cache_response:
        response = pylons.response
        if result is None:
            entry["body"] = response.body
        entry["status"] = response.status
        entry["headers"] = [
            (name, value)
            for name, value in response.headerlist
            if name.lower() in headers
        ]
    return entry


def _restore(entry: dict[str, Any]) -> None:
    """Give this request's response the entry's status and headers, only."""
    response = pylons.response
    response.status = entry["status"]
    response.headerlist = list(entry["headers"])
    if "body" in entry:
        response.body = entry["body"]
