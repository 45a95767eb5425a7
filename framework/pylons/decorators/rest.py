"""Decorators that select on the request's HTTP method.

:func:`restrict` refuses other methods with ``405``; :func:`dispatch_on`
sends each method to an action of its own.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, cast

import pylons
from pylons.controllers.util import abort
from pylons.decorators.util import F

__all__ = ["dispatch_on", "restrict"]

log = logging.getLogger(__name__)


def restrict(*methods: str) -> Callable[[F], F]:
    """Allow the action only for ``methods`` (e.g. ``'POST'``): else 405."""
    allowed = tuple(method.upper() for method in methods)

    def decorator(func: F) -> F:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if pylons.request.method not in allowed:
                log.debug("%s refused %s: 405", func.__name__, pylons.request.method)
                abort(405, headers=[("Allow", ", ".join(allowed))])
            return func(*args, **kwargs)

        return cast(F, wrapper)

    return decorator


def dispatch_on(**method_map: str) -> Callable[[F], F]:
    """Run another action of the controller for the methods named.

    ``@dispatch_on(POST='create')`` on ``index`` runs ``self.create`` for
    a POST (with the routing variables it asks for) and ``index``
    otherwise.
    """

    def decorator(func: F) -> F:
        @functools.wraps(func)
        def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
            target = method_map.get(pylons.request.method)
            if target is None:
                return func(self, *args, **kwargs)
            return self.inspect_call(getattr(self, target))

        return cast(F, wrapper)

    return decorator
