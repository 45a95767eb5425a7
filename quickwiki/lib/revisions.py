"""Changing pages: every save, deletion and restoration adds a revision.

Revisions are only ever added, never changed, so a page's history is all
of its revisions.  A writer starts from a *base*, the number of the latest
revision when the author opened the form (0 for a page that did not exist
yet).  Adding the next revision moves the page's row from the number the
writer read to the next in one compare-and-set, which succeeds only if the
row still holds that number; of two writers racing from the same number,
one wins and the other finds a newer revision (on every backend, without
locks held between requests).  The loser reads it and, for a save,
merges: if the author's changes and the ones saved since the base touch
different lines, the three-way merge (merge3) of the two is saved instead;
otherwise the author is told of the conflict, and nothing is lost.  The
merge runs in a worker (:mod:`quickwiki.lib.work`), within the request's
budget; one it could not finish is a conflict too.

A new page whose title looks like another page's (the same
:func:`quickwiki.lib.wikiwords.skeleton`) is not made: readers would take
one for the other.

The revision's transaction also brings the page's stored rendering, its
links and its entry in the search index up to date
(:mod:`quickwiki.lib.renderings`, :mod:`quickwiki.lib.search`).
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import NamedTuple

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError

from quickwiki.lib import diffs, renderings, search, work
from quickwiki.lib.wikiwords import redirect_target
from quickwiki.lib.workers import WorkerError
from quickwiki.model import Page, Revision, latest_revision, look_alike
from quickwiki.model.meta import Session, read_all, read_one, transaction

__all__ = [
    "ANONYMOUS",
    "Author",
    "Conflict",
    "LookAlike",
    "NoSuchRevision",
    "Saved",
    "TooLarge",
    "Unchanged",
    "delete_page",
    "head",
    "history",
    "latest",
    "restore",
    "revert",
    "revision",
    "save",
]

log = logging.getLogger(__name__)

#: The author of a revision made without an account.
ANONYMOUS = "anonymous"

#: How often a writer that keeps losing races reads, merges and tries again
#: before it gives up and shows the author a conflict.
MAX_ATTEMPTS = 5


@dataclass(frozen=True)
class Author:
    """Who makes a revision: an account's name and id, or anonymous and
    the client address if it is kept."""

    name: str = ANONYMOUS
    address: str | None = None
    account: int | None = None


class Saved(NamedTuple):
    """A revision was added: ``revision``; after merging ``merged_with``
    (the revision saved meanwhile), when the author's base was older.
    """

    revision: Revision
    merged_with: Revision | None = None


class Unchanged(NamedTuple):
    """Nothing was added: the latest revision ``head`` (None: no page)
    already is what was asked.
    """

    head: Revision | None


class Conflict(NamedTuple):
    """Nothing was added: ``head`` was saved after the author's base, whose
    text was ``base_content``, and the two changes could not be merged:
    they change the same lines, or the merge could not be done, for the
    reason ``unmerged`` says.
    """

    head: Revision
    base_content: str = ""
    unmerged: str | None = None


class TooLarge(NamedTuple):
    """Nothing was added: the text to store is ``size`` bytes long, more
    than a page may have; for a save, once merged with ``merged_with``.
    """

    size: int
    merged_with: Revision | None = None


class LookAlike(NamedTuple):
    """Nothing was added: the page would be new, and its title looks like
    that of the page ``existing``.
    """

    existing: str


class NoSuchRevision(LookupError):
    """A form named a revision that the page does not have."""


def _latest(columns):
    """The query of ``columns`` of a page's latest revision."""
    return select(*columns).where(latest_revision())


#: What :func:`head` reads, built once: every page's action reads it.
_HEAD = _latest([Revision])


def head(title):
    """Page ``title``'s latest revision, or None if it never had one."""
    return Session.scalars(_HEAD, {"title": title}).one_or_none()


def revision(title, number):
    """Revision ``number`` of page ``title``, or None."""
    return Session.get(Revision, (title, number))


#: Every column of a revision but its text, which a list of revisions,
#: or what a page's history needs of its latest, need not read.
_BUT_CONTENT = [column for column in Revision.__table__.c if column.key != "content"]


#: What :func:`latest` reads, built once.
_LATEST = _latest(_BUT_CONTENT)


def latest(title):
    """Page ``title``'s latest revision (a row, as :func:`history`'s),
    without its text; None if it never had one.

    Read as :func:`quickwiki.model.meta.read_one` reads, not as an ORM
    object in the session's transaction: a history only shows it.
    """
    return read_one(_LATEST, {"title": title})


#: What a history reads, built once, and read as rows, not as ORM
#: objects, which a history only shows (a page of 50 made 50 of them).
_HISTORY = (
    select(*_BUT_CONTENT)
    .where(
        Revision.__table__.c.page == bindparam("title"),
        Revision.__table__.c.number < bindparam("before"),
    )
    .order_by(Revision.__table__.c.number.desc())
    .limit(bindparam("count"))
)


def history(title, before, count):
    """Up to ``count`` revisions of page ``title`` numbered below
    ``before``, newest first: rows with each column of a revision but its
    ``content``, read as :func:`latest` is.
    """
    return read_all(_HISTORY, {"title": title, "before": before, "count": count})


def save(title, base, content, author, summary="", render=None, max_size=None):
    """Save ``content`` as page ``title``, written from revision ``base``.

    ``render(text)``, when given, renders the text to be stored (a
    :class:`renderings.Rendered`), which is stored with it; otherwise the
    page's first view renders it.  Returns :class:`Saved`,
    :class:`Unchanged` when the text is that of the latest revision,
    :class:`Conflict`, :class:`LookAlike` for a new page whose title looks
    like another's, or :class:`TooLarge` when the text to store (once
    merged) is longer than ``max_size`` bytes of UTF-8.  Raises
    :class:`NoSuchRevision` for a base the page does not have.
    """
    base_content = None
    for _attempt in range(MAX_ATTEMPTS):
        latest = head(title)
        if latest is None and (existing := look_alike(title)) is not None:
            return LookAlike(existing)
        if _number(latest) == base:
            text, merged_with = content, None
        else:
            if base_content is None:
                base_content = _content_of(title, base, latest)
            if latest.deleted:
                return Conflict(latest, base_content)
            try:
                text = work.run(diffs.merge, base_content, latest.content, content)
            except WorkerError as exc:
                log.warning("Could not merge a save of %s: %s", title, exc)
                return Conflict(latest, base_content, unmerged=str(exc))
            if text is None:
                return Conflict(latest, base_content)
            merged_with = latest
        if latest is not None and not latest.deleted and text == latest.content:
            return Unchanged(latest)
        if _too_large(text, max_size):
            return TooLarge(_size(text), merged_with)
        added = _add(title, latest, text, author, summary, render=render)
        if added is not None:
            return Saved(added, merged_with)
    latest = head(title)
    return Conflict(latest, _content_of(title, base, latest))


def delete_page(title, author, summary=""):
    """Add a revision that deletes page ``title``.

    Returns :class:`Saved`; :class:`Unchanged` when there is no page to
    delete; :class:`Conflict` when saves kept overtaking the deletion.
    """
    for _attempt in range(MAX_ATTEMPTS):
        latest = head(title)
        if latest is None or latest.deleted:
            return Unchanged(latest)
        added = _add(title, latest, "", author, summary, deleted=True)
        if added is not None:
            return Saved(added)
    return Conflict(head(title))


def restore(title, number, base, author, summary="", render=None, max_size=None):
    """Add a revision with the text of page ``title``'s revision ``number``.

    ``base`` is the latest revision the author saw: if the page has changed
    since, nothing is restored and the answer is a :class:`Conflict`.
    Restoring a deleted page's revision brings the page back.  ``render``
    and ``max_size`` are :func:`save`'s.  Raises :class:`NoSuchRevision`
    for a revision the page does not have, or one that deleted the page.
    """
    old = revision(title, number)
    if old is None or old.deleted:
        raise NoSuchRevision(number)
    return _make_as(
        title,
        base,
        old.content,
        False,
        author,
        summary or "Restored revision %d" % number,
        render,
        max_size,
    )


def revert(title, number, base, author, summary, render=None):
    """Add a revision that makes page ``title`` as it was at revision
    ``number``: its text, or deleted if it deleted the page, or if
    ``number`` is 0 (before its first revision).

    ``base`` and ``render`` are :func:`restore`'s, and so are the answers.
    """
    old = revision(title, number) if number else None
    if number and old is None:
        raise NoSuchRevision(number)
    gone = old is None or old.deleted
    return _make_as(
        title, base, "" if gone else old.content, gone, author, summary, render
    )


def _make_as(title, base, content, deleted, author, summary, render, max_size=None):
    """Add a revision of ``content`` (or one that deletes the page) after
    revision ``base``, which must still be the latest, and ``content`` at
    most ``max_size`` bytes long."""
    latest = head(title)
    if latest.number != base:
        return Conflict(latest)
    if latest.deleted == deleted and latest.content == content:
        return Unchanged(latest)
    if _too_large(content, max_size):
        return TooLarge(_size(content))
    added = _add(title, latest, content, author, summary, deleted, render)
    if added is None:
        return Conflict(head(title))
    return Saved(added)


def _size(text):
    return len(text.encode("utf-8"))


def _too_large(text, max_size):
    return max_size is not None and _size(text) > max_size


def _number(latest):
    return 0 if latest is None else latest.number


def _content_of(title, base, latest):
    """The text of revision ``base`` of page ``title`` (0: no page yet)."""
    if base == 0:
        return ""
    old = revision(title, base) if base <= _number(latest) else None
    if old is None:
        raise NoSuchRevision(base)
    return old.content


class _Overtaken(Exception):
    """Another writer added a revision first."""


def _add(title, latest, content, author, summary, deleted=False, render=None):
    """Add the revision after ``latest`` (None: the page's first), with its
    rendering when ``render`` is given.

    Returns the new :class:`Revision`, or None when another writer added
    one after ``latest`` first, in which case nothing was written.
    """
    rendered = None if render is None or deleted else render(content)
    redirect = None if deleted else redirect_target(content)
    added = Revision(
        page=title,
        number=_number(latest) + 1,
        content=content,
        created=datetime.now(timezone.utc),
        author=author.name,
        account=author.account,
        address=author.address,
        summary=summary,
        deleted=deleted,
        size=len(content.encode("utf-8")),
    )
    try:
        with transaction() as session:
            if latest is None:
                session.execute(
                    insert(Page).values(
                        title=title,
                        revision=added.number,
                        deleted=deleted,
                        redirect=redirect,
                    )
                )
            elif (
                session.execute(
                    update(Page)
                    .where(Page.title == title, Page.revision == latest.number)
                    .values(revision=added.number, deleted=deleted, redirect=redirect)
                ).rowcount
                != 1
            ):
                raise _Overtaken()
            session.add(added)
            session.flush()
            if deleted:
                renderings.remove(session, title)
                search.remove(session, title)
            else:
                renderings.write(session, title, added.number, rendered)
                if redirect is None:
                    search.put(session, title, content)
                else:
                    # A redirect's words are its target's: found there.
                    search.remove(session, title)
    except (IntegrityError, _Overtaken):
        return None
    if rendered is not None:
        renderings.recheck(title, rendered)
    if latest is None or latest.deleted or deleted:
        # The page came into being or went: links to it change style.  Done
        # once the change is committed, so that it also reaches the links
        # of pages saved meanwhile (see quickwiki.lib.renderings).
        renderings.invalidate_linking_to(title)
    return added
