"""Caching whole actions in the request's Beaker cache.

:func:`beaker_cache` keeps what an action returns, together with the
response status and chosen response headers, in ``pylons.cache`` (the
Beaker ``CacheManager`` the project's ``CacheMiddleware`` provides), so
later requests with the same key are answered without running it.
"""
import functools
import inspect
import logging
import time

from paste.deploy.converters import asbool

import pylons

__all__ = ["beaker_cache"]

log = logging.getLogger(__name__)

#: Arguments of an action that are never part of its cache key.
_UNKEYED = frozenset(("self", "environ", "start_response"))


def beaker_cache(key="cache_default", expire="never", type=None,
                 query_args=False,
                 cache_headers=("content-type", "content-length"),
                 invalidate_on_startup=False, cache_response=True,
                 **b_kwargs):
    """Cache what the decorated action (or function) returns.

    ``key`` chooses what the entry is keyed on, besides the function:
    ``"cache_default"`` all its arguments, a name one argument, a list of
    names those arguments, None nothing.  With ``query_args`` the query
    string's parameters are part of the key too.  ``expire`` is a number
    of seconds or ``"never"``; ``type`` a Beaker cache type (``memory``,
    ``file``, ``dbm``, ``memcached``...; None for the configured one).
    Other keyword arguments go to Beaker's ``get_cache``.

    With ``cache_response`` the response's status and the headers named in
    ``cache_headers`` are kept with the result and restored when the entry
    is used.  ``invalidate_on_startup`` ignores entries made before the
    application (this module's decoration) started.  Setting
    ``cache_enabled = false`` in the configuration turns caching off.

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

    def decorator(func):
        namespace = "%s.%s" % (func.__module__, func.__qualname__)
        signature = inspect.signature(func)

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            if not asbool(pylons.config.get("cache_enabled", True)):
                return func(*args, **kwargs)
            cache_key = _cache_key(key, signature.bind(*args, **kwargs),
                                   query_args)
            cache = pylons.cache.get_cache(namespace, **options)

            def create():
                log.debug("Caching %s under %r", namespace, cache_key)
                return _entry(func(*args, **kwargs), cache_response, headers)

            entry = cache.get_value(cache_key, createfunc=create,
                                    expiretime=expiretime)
            if cache_response:
                _restore(entry)
            return entry["result"]
        return wrapper
    return decorator


def _cache_key(key, bound, query_args):
    """The entry's key: the chosen arguments' values, then the query's."""
    arguments = _named_arguments(bound)
    if key == "cache_default":
        parts = sorted(arguments.items())
    elif key is None:
        parts = []
    else:
        names = [key] if isinstance(key, str) else list(key)
        parts = [(name, arguments.get(name)) for name in names]
    if query_args:
        parts.extend(sorted(pylons.request.GET.items()))
    return " ".join("%s=%r" % part for part in parts)


def _named_arguments(bound):
    """The call's arguments by name, ``**kwargs`` spread out."""
    bound.apply_defaults()
    arguments = {}
    for name, value in bound.arguments.items():
        kind = bound.signature.parameters[name].kind
        if kind is inspect.Parameter.VAR_KEYWORD:
            arguments.update(value)
        else:
            arguments[name] = value
    return {name: value for name, value in arguments.items()
            if name not in _UNKEYED}


def _entry(result, cache_response, headers):
    """What the cache keeps for one result.

    An action that returned None built ``pylons.response`` itself: its
    body is what is kept.
    """
    entry = {"result": result}
    if cache_response:
        response = pylons.response
        if result is None:
            entry["result"] = response.body
        entry["status"] = response.status
        entry["headers"] = [(name, value) for name, value in response.headerlist
                            if name.lower() in headers]
    return entry


def _restore(entry):
    """Put a cached entry's status and headers on this request's response."""
    response = pylons.response
    response.status = entry["status"]
    for name, value in entry["headers"]:
        response.headers[name] = value
