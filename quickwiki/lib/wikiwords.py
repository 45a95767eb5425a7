"""What a WikiWord is: the rule for page titles, and finding them in text.

A WikiWord is two or more capitalised runs of ASCII letters and digits
run together: ``FrontPage``, ``QuickWiki``, ``PageNumber2``.  A page's title
is a WikiWord of at most :data:`MAX_TITLE_LENGTH` characters.
"""

import re

#: The longest title a page may have.
MAX_TITLE_LENGTH = 40

_WIKIWORD = r"[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)+"
# Not part of a longer word: "XFrontPage" or "FrontPage_2" hold none.
_WIKIWORD_IN_TEXT = re.compile(r"(?<!\w)%s(?!\w)" % _WIKIWORD)


def is_title(text):
    """Whether ``text`` may be the title of a page."""
    return len(text) <= MAX_TITLE_LENGTH and re.fullmatch(_WIKIWORD, text) is not None


def find_wikiwords(text):
    """The ``(start, end)`` spans of the page titles written in ``text``."""
    return [
        match.span()
        for match in _WIKIWORD_IN_TEXT.finditer(text)
        if len(match.group()) <= MAX_TITLE_LENGTH
    ]
