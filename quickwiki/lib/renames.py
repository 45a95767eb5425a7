"""Renaming a page: its history moves to the new title, and the old one
may be left redirecting to it.

A rename is one transaction.  The page's revisions, stored rendering,
links and search entry move to the new title, and the page gets one more
revision there, of the same text, which says who renamed it, when and
why, so that its history and the recent changes tell of the move.  The
old title then holds a new page of one revision, a *redirect*
(``#REDIRECT NewTitle``), whose view leads to the new title, or nothing
at all.  Like a save, the rename starts from the revision its author saw,
and is refused when the page changed since (a :class:`~quickwiki.lib.
revisions.Conflict`).

The pages that link to the old title keep their links, which now lead
through the redirect; :func:`relink` gives each of them a revision whose
links lead to the new title instead.
"""

from datetime import datetime, timezone
from typing import NamedTuple

from sqlalchemy import delete, insert, select, update

from quickwiki.lib import renderings, revisions, search
from quickwiki.lib.wikiwords import find_wikiwords, redirect_text
from quickwiki.model import Link, Page, Rendering, Revision, look_alike
from quickwiki.model.meta import transaction

__all__ = ["Renamed", "TitleTaken", "rename", "relinked"]


class TitleTaken(ValueError):
    """The new title has a page, or had one whose history it keeps, or
    looks like the title of another page (the one the message names)."""


class Renamed(NamedTuple):
    """A page was renamed: its revision at the new title that says so, and
    the redirect left at the old title (None: none was left)."""

    revision: Revision
    redirect: Revision | None


def rename(old, new, base, author, summary="", leave_redirect=True):
    """Rename page ``old`` to ``new``, written from revision ``base``.

    Returns :class:`Renamed`, or :class:`~quickwiki.lib.revisions.Conflict`
    when the page has changed since ``base``.  Raises
    :class:`~quickwiki.lib.revisions.NoSuchRevision` when ``old`` has no
    live page at all, :class:`TitleTaken` when ``new`` has a page or a
    history.
    """
    latest = revisions.head(old)
    if latest is None or latest.deleted:
        raise revisions.NoSuchRevision(base)
    if latest.number != base:
        return revisions.Conflict(latest)
    now = datetime.now(timezone.utc)
    why = "Renamed from %s" % old + (": %s" % summary if summary else "")
    with transaction() as session:
        if session.get(Page, new) is not None:
            raise TitleTaken(new)
        other = look_alike(new)
        if other is not None:
            raise TitleTaken(other)
        moving = session.execute(
            update(Page)
            .where(Page.title == old, Page.revision == base)
            .values(revision=base)
        ).rowcount
        if moving != 1:
            return revisions.Conflict(revisions.head(old))
        protected = session.scalar(select(Page.protected).where(Page.title == old))
        session.execute(
            insert(Page).values(
                title=new, revision=base + 1, deleted=False, protected=protected
            )
        )
        # The stored rendering names its revision, and goes first; it is made
        # again at the new title's first view.  The page's links move with it.
        session.execute(delete(Rendering).where(Rendering.page == old))
        session.execute(update(Revision).where(Revision.page == old).values(page=new))
        session.execute(update(Link).where(Link.page == old).values(page=new))
        moved = _revision(new, base + 1, latest.content, author, why, now)
        session.execute(insert(Revision).values(moved))
        renderings.write(session, new, base + 1)
        search.remove(session, old)
        search.put(session, new, latest.content)
        redirect = None
        if leave_redirect:
            redirect = _revision(
                old, 1, redirect_text(new), author, "Renamed to %s" % new, now
            )
            session.execute(
                update(Page)
                .where(Page.title == old)
                .values(revision=1, deleted=False, protected=False, redirect=new)
            )
            session.execute(insert(Revision).values(redirect))
            renderings.write(session, old, 1)
            redirect = Revision(**redirect)
            session.execute(insert(Link).values(page=old, target=new, missing=False))
        else:
            session.execute(delete(Page).where(Page.title == old))
    renderings.invalidate_linking_to(new)
    if not leave_redirect:
        renderings.invalidate_linking_to(old)
    return Renamed(Revision(**moved), redirect)


def relinked(text, old, new):
    """``text`` with each WikiWord ``old`` in it made ``new``."""
    pieces, last = [], 0
    for start, end in find_wikiwords(text):
        if text[start:end] == old:
            pieces += [text[last:start], new]
            last = end
    return "".join(pieces + [text[last:]])


def _revision(title, number, content, author, summary, created):
    """The row of a new revision; written with a statement of its own, as
    the session may hold the revision that had its title and number."""
    return {
        "page": title,
        "number": number,
        "content": content,
        "created": created,
        "author": author.name,
        "account": author.account,
        "address": author.address,
        "summary": summary,
        "deleted": False,
        "size": len(content.encode("utf-8")),
    }
