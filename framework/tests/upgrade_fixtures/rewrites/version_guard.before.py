"""A module whose only use of sys is a guard that Python 2 never entered."""
import logging
import sys
if sys.version < 2.6:
    import sets.Set as set

log = logging.getLogger(__name__)


def titles(words):
    return set(words)
