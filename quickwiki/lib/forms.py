"""The FormEncode schemas of the wiki's forms and query strings.

The actions check their input with these through Pylons' ``@validate``: a
form with errors comes back with the errors marked and what the author
typed still in it.
"""

import re
from datetime import datetime, timezone

import formencode
from formencode import validators
from formencode.foreach import ForEach

from quickwiki.lib import accounts
from quickwiki.lib.search import MAX_QUERY_LENGTH
from quickwiki.lib.wikiwords import MAX_TITLE_LENGTH, is_title, title_problem
from quickwiki.model import (
    MAX_AUTHOR_LENGTH,
    MAX_SUMMARY_LENGTH,
    MAX_TOKEN_LABEL_LENGTH,
    ROLES,
)

__all__ = [
    "MAX_RESULT_PAGES",
    "AccountName",
    "ApiSaveForm",
    "BlockForm",
    "ChangesQuery",
    "ContributionsQuery",
    "DeleteForm",
    "DiffQuery",
    "HistoryQuery",
    "LocalPath",
    "LoginForm",
    "Moment",
    "PageSource",
    "PasswordForm",
    "ProtectForm",
    "RegisterForm",
    "RestoreForm",
    "RelinkForm",
    "RelinkQuery",
    "RenameForm",
    "RevertForm",
    "RevisionReference",
    "RevokeTokenForm",
    "RoleForm",
    "SaveForm",
    "SearchQuery",
    "TitlesQuery",
    "TokenForm",
    "WikiWord",
]

#: How many pages of search results can be read: the best matches are
#: what a search is for, and every later page costs more than the one
#: before it.
MAX_RESULT_PAGES = 50


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


class RevisionReference(validators.FancyValidator):
    """A revision named as ``Title/number``: ``(title, number)``."""

    messages = {
        "reference": "%(text)s names no revision: write a page title, a "
        "slash and a revision number, such as FrontPage/3.",
    }

    def _convert_to_python(self, value, state):
        title, _, number = value.partition("/")
        if not is_title(title) or not number.isascii() or not number.isdigit():
            raise formencode.Invalid(
                self.message("reference", state, text=value), value, state
            )
        return title, int(number)


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


class ProtectForm(_Form):
    """Protecting a page, or ending its protection."""

    protected = validators.StringBool(not_empty=True)


class HistoryQuery(_Form):
    """A page of a history: the revisions numbered below ``before``."""

    before = validators.Int(min=2, max=2**31 - 1, if_missing=None)


class DiffQuery(_Form):
    """The two revisions a diff compares, and how it lays them out."""

    old = _revision_number(1)
    new = _revision_number(1)
    style = validators.OneOf(["inline", "side"], if_missing="inline")


class AccountName(validators.UnicodeString):
    """A name for a new account, as the account will keep it."""

    not_empty = True

    def _convert_to_python(self, value, state):
        name = super()._convert_to_python(value, state)
        try:
            return accounts.normalized_name(name)
        except accounts.InvalidName as invalid:
            raise formencode.Invalid(str(invalid), value, state) from None


class LocalPath(validators.UnicodeString):
    """Where to go after logging in: a path of this site, or None for any
    other value, so that no link can send a user elsewhere from here."""

    if_missing = None
    #: A path, but not ``//host`` or ``/\host``, which browsers take for
    #: another site, and no control characters.
    _LOCAL = re.compile(r"/(?![/\\])[^\x00-\x1f\x7f\\]*")

    def _convert_to_python(self, value, state):
        path = super()._convert_to_python(value, state)
        return path if self._LOCAL.fullmatch(path) else None


class Moment(validators.UnicodeString):
    """A moment in UTC, as ``2026-05-04 10:00`` or ``2026-05-04T10:00:30``
    (what a ``datetime-local`` field sends)."""

    not_empty = True
    messages = {"moment": "Give a moment in UTC, such as 2026-05-04 10:00."}

    def _convert_to_python(self, value, state):
        text = super()._convert_to_python(value, state).strip()
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise formencode.Invalid(
                self.message("moment", state), value, state
            ) from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        return moment


def _password(minimum=1):
    return validators.UnicodeString(
        not_empty=True, min=minimum, max=accounts.MAX_PASSWORD_LENGTH
    )


def _new_password():
    return _password(accounts.MIN_PASSWORD_LENGTH)


class LoginForm(_Form):
    """Logging in: a name, its password, and where to go then."""

    name = validators.UnicodeString(not_empty=True, max=200, strip=True)
    password = _password()
    came_from = LocalPath()


class RegisterForm(_Form):
    """A new account: its name, and its password, typed twice."""

    name = AccountName(max=200)
    password = _new_password()
    confirm = validators.UnicodeString(if_missing="")
    chained_validators = [validators.FieldsMatch("password", "confirm")]


class PasswordForm(_Form):
    """A new password for one's account, given the current one."""

    current = _password()
    password = _new_password()
    confirm = validators.UnicodeString(if_missing="")
    chained_validators = [validators.FieldsMatch("password", "confirm")]


class ContributionsQuery(_Form):
    """A page of an account's contributions: those made before ``before``."""

    before = Moment(not_empty=False, if_missing=None, if_empty=None)


class RevertForm(_Form):
    """Reverting an account's changes since a moment."""

    since = Moment()


class BlockForm(_Form):
    """Blocking an account, or unblocking it."""

    blocked = validators.StringBool(not_empty=True)


class RoleForm(_Form):
    """An account's new role."""

    role = validators.OneOf(list(ROLES), not_empty=True)


class SearchQuery(_Form):
    """A search: what was typed, and which page of the results to show."""

    q = validators.UnicodeString(max=MAX_QUERY_LENGTH, strip=True, if_missing="")
    page = validators.Int(min=1, max=MAX_RESULT_PAGES, if_missing=1, if_empty=1)


class ChangesQuery(_Form):
    """A page of recent changes: those below revision ``before``, of page
    ``title`` or by ``author`` alone when given."""

    before = RevisionReference(if_missing=None, if_empty=None)
    title = WikiWord(not_empty=False, if_missing=None, if_empty=None)
    author = validators.UnicodeString(
        max=MAX_AUTHOR_LENGTH, strip=True, if_missing=None, if_empty=None
    )


class TitlesQuery(_Form):
    """A page of a list of titles: those after the title ``after``."""

    after = WikiWord(not_empty=False, if_missing=None, if_empty=None)


class NewTitle(validators.UnicodeString):
    """A title for a page, refused with the reason why it cannot be one."""

    not_empty = True
    strip = True

    def _validate_python(self, value, state):
        super()._validate_python(value, state)
        problem = title_problem(value)
        if problem is not None:
            raise formencode.Invalid(problem, value, state)


class RenameForm(_Form):
    """Renaming a page: its new title, the revision the form was opened
    on, a summary, and whether to leave a redirect at the old title."""

    new = NewTitle()
    base = _revision_number(1)
    summary = _summary()
    redirect = validators.StringBool(if_missing=False)


class RelinkQuery(_Form):
    """The old title whose linking pages are offered to be relinked."""

    old = WikiWord()


class RelinkForm(RelinkQuery):
    """The linking pages ticked to be relinked."""

    page = ForEach(WikiWord())


class TokenForm(_Form):
    """A new API token: what it is for."""

    label = validators.UnicodeString(
        not_empty=True, strip=True, max=MAX_TOKEN_LABEL_LENGTH
    )


class RevokeTokenForm(_Form):
    """The API token to end, by its digest."""

    digest = validators.Regex(r"^[0-9a-f]{64}$", not_empty=True)


class ApiSaveForm(formencode.Schema):
    """A save through the API: the source, the revision it was written
    from (0: a new page), and a summary."""

    allow_extra_fields = False
    source = PageSource()
    base = validators.Int(min=0, max=2**31 - 1, not_empty=True)
    summary = _summary()
