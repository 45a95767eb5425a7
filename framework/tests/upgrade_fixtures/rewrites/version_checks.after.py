"""Checks of the Python version, each with one answer on Python 3.10+."""
import sys

import six

text_type = str

if sys.version_info[:2] >= (3, 11):
    from urllib.parse import quote
else:
    from urllib.parse import quote_plus as quote

def is_text(value):
    # Python 3 has one kind of text.
    return isinstance(value, str)


def iterate(mapping):
    return iter(mapping)


def name(thing):
    return thing.__name__


def legacy_defaults():
    pass


def quoted(value):
    safe = "/:"
    return value, safe


def check(minimum):
    if sys.version_info < minimum:
        raise SystemExit("Python %s or later, please" % (minimum,))


def platform():
    return sys.platform, ("new" if sys.version_info >= (3, 12) else "old")
