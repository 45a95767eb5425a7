"""What a WikiWord is: the rule for page titles, and finding them in text.

A WikiWord is two or more capitalised runs of letters and digits run
together, in any script that has capital letters: ``FrontPage``,
``PageNumber2``, ``ÜberPage``, ``ΚαλημέραΚόσμε``, ``ПерваяСтраница``.  A
run is an upper-case (or title-case) letter, then one or more lower-case
letters or digits, each letter with any combining marks it carries.  A
page's title is a WikiWord in Unicode's composed form (NFC) of at most
:data:`MAX_TITLE_LENGTH` characters; :func:`normalise` gives a WikiWord
found in text, or typed in an address, that form.

Two titles that look alike (``FrontPage`` and ``FrοntPage``, whose ``ο``
is Greek) have one :func:`skeleton`, after Unicode's confusables data
(UTS #39, as the confusable_homoglyphs package ships it): the wiki
refuses a new title whose skeleton an existing one has.
:func:`title_problem` tells someone choosing a title why theirs is not
one, and :func:`suggest_title` offers one made of their words.  A page
whose whole text is ``#REDIRECT`` and a title is a redirect to that page
(:func:`redirect_target`).
"""

import functools
import unicodedata

import regex
from confusable_homoglyphs import confusables

from pylons.i18n import _

__all__ = [
    "MAX_TITLE_LENGTH",
    "find_wikiwords",
    "suggest_title",
    "title_parts",
    "title_problem",
    "is_title",
    "normalise",
    "skeleton",
]

#: The longest title a page may have.
MAX_TITLE_LENGTH = 40

# A letter with its combining marks, as text not in NFC spells "Ü" too.
_RUN = r"[\p{Lu}\p{Lt}]\p{M}*(?:[\p{Ll}\p{Nd}]\p{M}*)+"
_WIKIWORD = regex.compile(r"(?:%s){2,}" % _RUN)
_TITLE_PART = regex.compile(_RUN)
# Not part of a longer word: "XFrontPage" or "FrontPage_2" hold none.
_WIKIWORD_IN_TEXT = regex.compile(r"(?<![\w\p{M}])(?:%s){2,}(?![\w\p{M}])" % _RUN)


def normalise(text):
    """``text`` in the form titles are stored in: Unicode's NFC."""
    return unicodedata.normalize("NFC", text)


#: What starts the text of a redirect.
REDIRECT = "#REDIRECT"
_REDIRECT = regex.compile(r"\s*%s[ \t]+((?:%s){2,})\s*" % (REDIRECT, _RUN))


def is_title(text):
    """Whether ``text`` may be the title of a page (it must be in NFC)."""
    return (
        len(text) <= MAX_TITLE_LENGTH
        and _WIKIWORD.fullmatch(text) is not None
        and unicodedata.is_normalized("NFC", text)
    )


def find_wikiwords(text):
    """The ``(start, end)`` spans of the page titles written in ``text``:
    each span's :func:`normalise`\\ d text is a title.
    """
    return [
        match.span()
        for match in _WIKIWORD_IN_TEXT.finditer(text)
        if len(normalise(match.group())) <= MAX_TITLE_LENGTH
    ]


def title_parts(title):
    """The capitalised runs ``title`` is made of: ``FrontPage`` is
    ``Front`` and ``Page``."""
    return _TITLE_PART.findall(title)


def skeleton(title):
    """What ``title`` looks like: titles that could be taken for each
    other have the same skeleton.

    UTS #39's skeleton: each character of the decomposed title replaced by
    the one its look-alikes share, and decomposed again.
    """
    prototypes = _prototypes()
    decomposed = unicodedata.normalize("NFD", title)
    return unicodedata.normalize(
        "NFD", "".join(prototypes.get(character, character) for character in decomposed)
    )


@functools.cache
def _prototypes():
    """Each character of Unicode's confusables data, mapped to the one that
    stands for all its look-alikes.

    The package keeps the data as pairs of look-alikes, both ways round;
    each character of a set of look-alikes is paired with the set's
    prototype, so the prototype is the member paired with most others (of
    a pair, either: each stands for the other, and the longer one, which
    ``rn`` for ``m`` is, is taken).
    """

    # Right-to-left characters come wrapped in marks that keep them readable.
    def strip(text):
        return text.strip("\u200e\u200f")

    partners = {
        strip(character): {strip(other["c"]) for other in others}
        for character, others in confusables.confusables_data.items()
    }

    def weight(character):
        return (len(partners.get(character, ())), len(character), character)

    prototypes = {}
    for character, others in partners.items():
        prototype = max({character} | others, key=weight)
        if len(character) == 1 and prototype != character:
            prototypes[character] = prototype
    return prototypes


def redirect_text(title):
    """The text of a page that redirects to page ``title``."""
    return "%s %s\n" % (REDIRECT, title)


def redirect_target(text):
    """The title the page of ``text`` redirects to, or None when it is no
    redirect."""
    match = _REDIRECT.fullmatch(text)
    return match.group(1) if match and is_title(match.group(1)) else None


def title_problem(text):
    """Why ``text`` (in NFC) cannot be a page's title, said to whoever typed
    it, in the request's language; None when it can."""
    if not text:
        return _("A page needs a title.")
    if len(text) > MAX_TITLE_LENGTH:
        return _(
            "%(title)s is %(length)d characters long, and a title has at most %(most)d."
        ) % {"title": text, "length": len(text), "most": MAX_TITLE_LENGTH}
    others = dict.fromkeys(
        _named(character) for character in text if not _TITLE_CHARACTER(character)
    )
    if others:
        return _(
            "A title holds only letters and digits, run together, without "
            "%(characters)s."
        ) % {"characters": ", ".join(list(others)[:5])}
    if not (text[0].isupper() or text[0].istitle()):
        return _("A title starts with a capital letter.")
    if not is_title(text):
        return _(
            "A title is two or more words run together, each a capital letter "
            "and then small letters or digits, such as FrontPage or PageNumber2."
        )
    return None


def suggest_title(text):
    """A title made of the words of ``text``, each capitalised, if they make
    one: ``front page`` gives ``FrontPage``, ``XML parser`` ``XmlParser``;
    otherwise None."""
    words = _TITLE_WORD.findall(normalise(text))
    for rest in (str, str.lower):
        title = normalise("".join(word[0].upper() + rest(word[1:]) for word in words))
        if is_title(title):
            return title
    return None


_TITLE_WORD = regex.compile(r"[\p{L}\p{Nd}][\p{L}\p{M}\p{Nd}]*")
_TITLE_CHARACTER = regex.compile(r"[\p{L}\p{M}\p{Nd}]").fullmatch


def _named(character):
    """A character as a sentence names it."""
    if character.isspace():
        return _("spaces")
    return "“%s”" % character
