"""A controller module with a bug: it imports a module that does not exist."""

import tests.sampleapp.no_such_module  # noqa: F401
