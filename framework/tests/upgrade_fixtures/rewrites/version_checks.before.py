"""Checks of the Python version, each with one answer on Python 3.10+."""
import sys

import six

if sys.version_info < (3,):
    text_type = unicode
    if sys.version_info < (2, 6):
        bytes = str
    # unicode was Python 2's text
else:
    text_type = str

if sys.version_info[0] == 2:
    from urllib import quote
elif sys.version_info[:2] >= (3, 11):
    from urllib.parse import quote
else:
    from urllib.parse import quote_plus as quote

if sys.hexversion >= 0x03000000:
    def is_text(value):
        # Python 3 has one kind of text.
        return isinstance(value, str)
else:
    def is_text(value):
        return isinstance(value, basestring)


def iterate(mapping):
    if six.PY2:
        return mapping.iterkeys()
    return iter(mapping)


def name(thing):
    if sys.version_info.major < 3 and thing:
        return thing.func_name
    elif (2, 6) <= sys.version_info < (3, 0):
        return None
    else: return thing.__name__


def legacy_defaults():
    if not six.PY3:
        reload(sys)
        sys.setdefaultencoding("utf-8")


def quoted(value):
    safe = "/" if sys.version.startswith("2") else "/:"
    return (value if sys.version >= "3" else value.encode("utf-8")), safe


def check(minimum):
    if sys.version_info < minimum:
        raise SystemExit("Python %s or later, please" % (minimum,))


def platform():
    return sys.platform, ("new" if sys.version_info >= (3, 12) else "old")
