"""What links to a page, and the pages that are linked to but missing.

Both are read from the ``links`` table, which holds the WikiWords each
live page's latest revision links to (see :mod:`quickwiki.lib.renderings`),
a page of titles at a time by keyset, in order of title: each is an index
seek, whatever the size of the wiki.
"""

from sqlalchemy import func, select, true

from quickwiki.model import Link
from quickwiki.model.meta import Session

__all__ = ["linking_to", "wanted"]


def linking_to(title, count, after=None):
    """Up to ``count`` titles of the pages that link to page ``title``
    (itself left out), in order from after the title ``after``, and whether
    more follow."""
    query = (
        select(Link.page)
        .where(Link.target == title, Link.page != title)
        .order_by(Link.page)
        .limit(count + 1)
    )
    if after is not None:
        query = query.where(Link.page > after)
    return _page_of(list(Session.scalars(query)), count)


def wanted(count, after=None):
    """Up to ``count`` of the titles that pages link to but that have no
    page, in order from after the title ``after``, each with the number of
    pages that link to it: ``[(title, linking), ...]``, and whether more
    follow."""
    query = (
        select(Link.target, func.count())
        .where(Link.missing == true())
        .group_by(Link.target)
        .order_by(Link.target)
        .limit(count + 1)
    )
    if after is not None:
        query = query.where(Link.target > after)
    return _page_of([tuple(row) for row in Session.execute(query)], count)


def _page_of(rows, count):
    """The first ``count`` of ``rows``, and whether there were more."""
    return rows[:count], len(rows) > count
