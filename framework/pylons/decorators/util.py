"""What the decorators share: reaching the request's objects, their type."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import pylons
from pylons.controllers.core import WSGIController

__all__ = ["F", "get_pylons"]

#: A decorated function: decorators give back a function of the same type.
F = TypeVar("F", bound=Callable[..., Any])


def get_pylons(decorator_args: Sequence[Any]) -> Any:
    """Where a decorator finds ``request``, ``response`` and the rest.

    ``decorator_args`` are the decorated function's positional arguments:
    when the first is a controller, its :class:`~pylons.util.PylonsContext`
    (no thread-local lookups); otherwise the :mod:`pylons` module and its
    globals.
    """
    if decorator_args and isinstance(decorator_args[0], WSGIController):
        return decorator_args[0]._py_object
    return pylons
