"""A page's files: uploading, deleting and reading them, each change a new
revision of the file, as each change of a page's text is one of the page.

The bytes go to the file store first (:mod:`quickwiki.lib.filestore`),
named by their digest, then the revision that names them is added: a
revision never names bytes that are not stored.  Bytes whose revision
could not be added stay in the store, unused, as a file stored twice is
stored once.  Of two uploads adding the same revision number, the primary
key lets one win; the other reads the new number and tries again.
"""

from datetime import datetime, timezone

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from quickwiki.model import FileRevision
from quickwiki.model.meta import Session, transaction

__all__ = ["MAX_ATTEMPTS", "add", "delete", "history", "latest", "listing", "revision"]

#: How often an upload that keeps losing races tries again.
MAX_ATTEMPTS = 5


def latest(page, name):
    """The latest revision of page ``page``'s file ``name``, or None."""
    return Session.scalars(
        select(FileRevision)
        .where(FileRevision.page == page, FileRevision.name == name)
        .order_by(FileRevision.number.desc())
        .limit(1)
    ).first()


def revision(page, name, number):
    """Revision ``number`` of page ``page``'s file ``name``, or None."""
    return Session.get(FileRevision, (page, name, number))


def listing(page):
    """The latest revision of each of page ``page``'s files that is not
    deleted, in the order of their names."""
    newest = (
        select(FileRevision.name, func.max(FileRevision.number).label("number"))
        .where(FileRevision.page == page)
        .group_by(FileRevision.name)
        .subquery()
    )
    return list(
        Session.scalars(
            select(FileRevision)
            .join(
                newest,
                (FileRevision.name == newest.c.name)
                & (FileRevision.number == newest.c.number),
            )
            .where(FileRevision.page == page, FileRevision.deleted.is_(False))
            .order_by(FileRevision.name)
        )
    )


def history(page, name):
    """Every revision of page ``page``'s file ``name``, newest first."""
    return list(
        Session.scalars(
            select(FileRevision)
            .where(FileRevision.page == page, FileRevision.name == name)
            .order_by(FileRevision.number.desc())
        )
    )


def add(page, name, accepted, store, author, summary=""):
    """Store ``accepted`` (:class:`quickwiki.lib.uploads.Accepted`) as the
    next revision of page ``page``'s file ``name``: the new revision, or
    None when races kept it from being added."""
    digest = store.put(accepted.data)
    return _add_revision(
        page,
        name,
        author,
        summary,
        digest=digest,
        media_type=accepted.media_type,
        size=len(accepted.data),
        width=accepted.width,
        height=accepted.height,
        deleted=False,
    )


def delete(page, name, author, summary=""):
    """Add a revision that deletes page ``page``'s file ``name``: the new
    revision; None when there is no file to delete (or races kept it from
    being added)."""
    for _attempt in range(MAX_ATTEMPTS):
        before = latest(page, name)
        if before is None or before.deleted:
            return None
        added = _insert(
            page,
            name,
            before.number + 1,
            author,
            summary,
            digest=before.digest,
            media_type=before.media_type,
            size=before.size,
            width=before.width,
            height=before.height,
            deleted=True,
        )
        if added is not None:
            return added
    return None


def _add_revision(page, name, author, summary, **values):
    for _attempt in range(MAX_ATTEMPTS):
        before = latest(page, name)
        number = 1 if before is None else before.number + 1
        added = _insert(page, name, number, author, summary, **values)
        if added is not None:
            return added
    return None


def _insert(page, name, number, author, summary, **values):
    """Add revision ``number``; None if another writer added it first."""
    added = FileRevision(
        page=page,
        name=name,
        number=number,
        created=datetime.now(timezone.utc),
        author=author.name,
        account=author.account,
        address=author.address,
        summary=summary,
        **values,
    )
    try:
        with transaction() as session:
            session.add(added)
    except IntegrityError:
        return None
    return added
