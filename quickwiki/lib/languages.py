"""The language of the wiki's pages: English, or another language that the
reader's browser prefers (``Accept-Language``) and the wiki has a catalogue
of its messages for.

The messages are written in English in the code and the templates
(``_()`` and ``h.translated()``).  Each other language has its catalogue
in ``quickwiki/i18n/<language>/LC_MESSAGES/quickwiki.po``, compiled into
the ``.mo`` file beside it that gettext reads, through the framework's
:mod:`pylons.i18n`.  ``scripts/translations`` extracts the messages and
compiles the catalogues; the compiled ones are committed, as the wiki runs
from its checkout with no build step to make them.
"""

import functools
import os

from webob.acceptparse import create_accept_language_header

from pylons import request
from pylons.controllers.util import vary
from pylons.i18n import set_lang

__all__ = ["CATALOGUES", "CHOSEN", "SOURCE_LANGUAGE", "available", "choose"]

#: The language the messages are written in, which needs no catalogue.
SOURCE_LANGUAGE = "en"

#: Where a request keeps the language :func:`choose` chose for it, which
#: nothing else changes (the one caller of ``set_lang``).
CHOSEN = "quickwiki.language"

#: Where the catalogues are: one directory a language.
CATALOGUES = os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "i18n"
)


@functools.cache
def available():
    """The languages the pages can be shown in: English and each language
    with a compiled catalogue."""
    found = sorted(
        name
        for name in os.listdir(CATALOGUES)
        if os.path.exists(os.path.join(CATALOGUES, name, "LC_MESSAGES", "quickwiki.mo"))
    )
    return (SOURCE_LANGUAGE, *found)


def choose():
    """Translate this request into the language its reader prefers, of
    those available; English when the browser names none of them.

    The page depends on ``Accept-Language``, which ``Vary`` tells caches.
    """
    vary("Accept-Language")
    environ = request.environ
    header = environ.get("HTTP_ACCEPT_LANGUAGE")
    if header is None or len(header) <= _KEPT_HEADER_LENGTH:
        language = _preferred(header)
    else:
        language = _preferred.__wrapped__(header)
    if language != SOURCE_LANGUAGE:
        set_lang(language)
    environ[CHOSEN] = language
    return language


#: The longest ``Accept-Language`` header whose language is kept: browsers
#: send a few dozen characters; a longer one is no browser's.
_KEPT_HEADER_LENGTH = 200


@functools.lru_cache(maxsize=1024)
def _preferred(header):
    """The available language an ``Accept-Language`` header (None: none)
    prefers: a function of the header alone, which browsers send alike,
    so worked out once for each (1,024 short ones at most are kept)."""
    return create_accept_language_header(header).lookup(
        available(), default=SOURCE_LANGUAGE
    )
