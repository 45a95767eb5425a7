"""The FormEncode schemas of the wiki's forms and query strings.

The actions check their input with these through Pylons' ``@validate``: a
form with errors comes back with the errors marked and what the author
typed still in it.
"""

import formencode
from formencode import validators
from formencode.foreach import ForEach

from quickwiki.lib.wikiwords import MAX_TITLE_LENGTH, is_title
from quickwiki.model import MAX_SUMMARY_LENGTH

__all__ = [
    "DeleteForm",
    "DiffQuery",
    "HistoryQuery",
    "PageSource",
    "RestoreForm",
    "SaveForm",
    "WikiWord",
]


class PageSource(validators.UnicodeString):
    """A page's reStructuredText, its line breaks made ``\\n``.

    Browsers send a text area's lines ending in ``\\r\\n``; stored as
    ``\\n`` whatever sent them, the same text is the same revision, and
    diffs and merges compare lines, not line ends.
    """

    not_empty = False

    def _convert_to_python(self, value, state):
        text = super()._convert_to_python(value, state)
        return text.replace("\r\n", "\n").replace("\r", "\n")


class WikiWord(validators.UnicodeString):
    """A page title: a WikiWord such as FrontPage."""

    not_empty = True
    messages = {
        "title": "%(text)s is not a page title: titles are WikiWords of at "
        "most %(length)d characters, such as FrontPage.",
    }

    def _validate_python(self, value, state):
        super()._validate_python(value, state)
        if not is_title(value):
            raise formencode.Invalid(
                self.message("title", state, text=value, length=MAX_TITLE_LENGTH),
                value,
                state,
            )


def _summary():
    return validators.UnicodeString(max=MAX_SUMMARY_LENGTH, strip=True, if_missing="")


def _revision_number(lowest):
    return validators.Int(min=lowest, max=2**31 - 1, not_empty=True)


class _Form(formencode.Schema):
    # Submit buttons send their names; nothing else unknown is kept.
    allow_extra_fields = True
    filter_extra_fields = True


class SaveForm(_Form):
    """The edit form: the text, the revision it was opened on (0 for a new
    page), an edit summary, and whether to preview instead of saving.
    """

    content = PageSource()
    base = _revision_number(0)
    summary = _summary()
    preview = validators.Bool()


class RestoreForm(_Form):
    """Restoring an old revision: the latest revision when it was shown."""

    base = _revision_number(1)
    summary = _summary()


class DeleteForm(_Form):
    """The confirmation of a deletion: the ticked titles, and a summary."""

    title = ForEach(WikiWord())
    summary = _summary()


class HistoryQuery(_Form):
    """A page of a history: the revisions numbered below ``before``."""

    before = validators.Int(min=2, max=2**31 - 1, if_missing=None)


class DiffQuery(_Form):
    """The two revisions a diff compares, and how it lays them out."""

    old = _revision_number(1)
    new = _revision_number(1)
    style = validators.OneOf(["inline", "side"], if_missing="inline")
