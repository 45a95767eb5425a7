"""An account's contributions: the revisions it made, and reverting them.

An admin reverts all of an account's edits since a moment in one action.
Nothing is erased: each page it changed since then gets a new revision
that makes it as it was before the account's first change of it in that
time (deleted again, if the account had created it).  Only pages whose
revisions since that change are all the account's are reverted; a page
that someone else has changed since is left as it is, for a person to look
at, so that no one else's work is undone by it.
"""

from typing import NamedTuple

from sqlalchemy import func, or_, select

from quickwiki.lib import revisions
from quickwiki.model import Revision
from quickwiki.model.meta import Session

__all__ = ["Reverted", "contributions", "revert_since"]


class Reverted(NamedTuple):
    """What :func:`revert_since` did: the titles of the pages it reverted,
    and of those it left, as others changed them since."""

    reverted: list[str]
    left: list[str]


def contributions(account_id, before, count):
    """Up to ``count`` revisions made by the account ``account_id``, newest
    first; made before the moment ``before``, when it is not None."""
    query = select(Revision).where(Revision.account == account_id)
    if before is not None:
        query = query.where(Revision.created < before)
    return list(
        Session.scalars(
            query.order_by(
                Revision.created.desc(), Revision.page, Revision.number.desc()
            ).limit(count)
        )
    )


def revert_since(account_id, since, author, summary):
    """Revert the changes that the account ``account_id`` made from the
    moment ``since`` on, as ``author`` with ``summary``: a
    :class:`Reverted`.

    The reverted pages are rendered again when next viewed, so that a
    revert of many pages takes no rendering's time.
    """
    firsts = Session.execute(
        select(Revision.page, func.min(Revision.number))
        .where(Revision.account == account_id, Revision.created >= since)
        .group_by(Revision.page)
        .order_by(Revision.page)
    ).all()
    done = Reverted([], [])
    for title, first in firsts:
        latest = revisions.head(title)
        if _changed_by_others(title, first, account_id):
            done.left.append(title)
            continue
        outcome = revisions.revert(title, first - 1, latest.number, author, summary)
        if isinstance(outcome, revisions.Saved):
            done.reverted.append(title)
        elif isinstance(outcome, revisions.Conflict):
            done.left.append(title)
    return done


def _changed_by_others(title, first, account_id):
    """Whether a revision of page ``title`` from ``first`` on is not the
    account's."""
    return (
        Session.scalar(
            select(Revision.number)
            .where(
                Revision.page == title,
                Revision.number >= first,
                or_(Revision.account.is_(None), Revision.account != account_id),
            )
            .limit(1)
        )
        is not None
    )
