"""A module whose only use of sys is a guard that Python 2 never entered."""
import logging

log = logging.getLogger(__name__)


def titles(words):
    return set(words)
