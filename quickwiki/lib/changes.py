"""Recent changes: the latest revisions of the whole wiki, newest first.

A list of changes is read a page at a time by keyset: each page starts
below the last revision of the one before, in the order of (time, title,
number), which an index of ``revisions`` holds, so that the thousandth
page of changes costs what the first does.  It may be narrowed to one
page's revisions or one author's.  Each change says how much it changed
the text, from the sizes the revisions keep.
"""

from datetime import datetime
from typing import NamedTuple

from sqlalchemy import and_, select, tuple_
from sqlalchemy.orm import aliased

from quickwiki.model import Revision
from quickwiki.model.meta import Session

__all__ = ["Change", "NoSuchRevision", "recent"]


class Change(NamedTuple):
    """A revision as lists of changes show it; ``growth`` is how many bytes
    it added to the text (fewer than 0: removed)."""

    page: str
    number: int
    created: datetime
    author: str
    address: str | None
    summary: str
    deleted: bool
    size: int
    growth: int


class NoSuchRevision(LookupError):
    """A list was to start below a revision that does not exist."""


_previous = aliased(Revision)

_CHANGES = (
    select(
        Revision.page,
        Revision.number,
        Revision.created,
        Revision.author,
        Revision.address,
        Revision.summary,
        Revision.deleted,
        Revision.size,
        _previous.size.label("previous_size"),
    )
    .outerjoin(
        _previous,
        and_(_previous.page == Revision.page, _previous.number == Revision.number - 1),
    )
    .order_by(Revision.created.desc(), Revision.page.desc(), Revision.number.desc())
)


def recent(count, before=None, page=None, author=None):
    """Up to ``count`` changes, newest first, and whether older ones follow.

    ``before`` is a revision, ``(title, number)``: the changes start below
    it (raises :class:`NoSuchRevision` if there is none).  ``page`` keeps
    one page's revisions, ``author`` one author's.
    """
    query = _CHANGES.limit(count + 1)
    if page is not None:
        query = query.where(Revision.page == page)
    if author is not None:
        query = query.where(Revision.author == author)
    if before is not None:
        created = Session.scalar(
            select(Revision.created).where(
                Revision.page == before[0], Revision.number == before[1]
            )
        )
        if created is None:
            raise NoSuchRevision(before)
        query = query.where(
            tuple_(Revision.created, Revision.page, Revision.number)
            < tuple_(created, *before)
        )
    rows = Session.execute(query).all()
    changes = [
        Change(*row[:-1], growth=row.size - (row.previous_size or 0))
        for row in rows[:count]
    ]
    return changes, len(rows) > count
