"""What the decorators share: reaching the request's objects."""
import pylons
from pylons.controllers.core import WSGIController

__all__ = ["get_pylons"]


def get_pylons(decorator_args):
    """Where a decorator finds ``request``, ``response`` and the rest.

    ``decorator_args`` are the decorated function's positional arguments:
    when the first is a controller, its :class:`~pylons.util.PylonsContext`
    (no thread-local lookups); otherwise the :mod:`pylons` module and its
    globals.
    """
    if decorator_args and isinstance(decorator_args[0], WSGIController):
        return decorator_args[0]._py_object
    return pylons
