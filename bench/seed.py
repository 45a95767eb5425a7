"""Filling QuickWiki's database with pages, fast, without HTTP.

Pages go in with one executemany per batch on QuickWiki's own ``pages``
table, so 100,000 of them take seconds.  :func:`grow_to` tops a database
up to a size, so one database can grow through the sizes of a run.
Alongside the filler pages there are the pages the benchmark reads and
writes: :data:`SHOW_TITLE`, with reStructuredText of a real page's kind.
"""
from sqlalchemy import create_engine, func, select

from quickwiki.model import Page

#: The page the "show" measurement renders.
SHOW_TITLE = "BenchmarkShowPage"

_BATCH = 10_000


def filler_title(number):
    """The title of filler page ``number``: a WikiWord (``SeedPage000042``)."""
    return "SeedPage%06d" % number


def filler_content(number):
    """A short page that links to its neighbours, as wiki pages do."""
    return ("Filler page %d of the benchmark.\n\nSee %s and %s, or the "
            "FrontPage.\n" % (number, filler_title(number - 1),
                              filler_title(number + 1)))


def show_content():
    """A page of about 2 KB using the usual reST constructs and WikiWords.

    Its links name existing filler pages and pages that do not exist, so
    rendering it asks the database which WikiWords have a page.
    """
    existing = ", ".join(filler_title(number) for number in range(1, 6))
    return """\
Benchmark page
==============

This page is **rendered** on every request: *docutils* parses it and
QuickWiki links its WikiWords, such as FrontPage, %(existing)s, and
MissingPageOne or MissingPageTwo, which do not exist yet.

What it holds
-------------

- a bulleted list, with ``inline literals`` and *emphasis*;
- an enumerated list below;
- a literal block, whose WikiWords (NotLinkedHere) stay plain text;
- a table and an external link to `docutils <https://docutils.sourceforge.io/>`_.

1. First, read the FrontPage.
2. Then edit this BenchmarkShowPage.
3. Finally, look at the title list.

::

    def hello(NotLinkedHere):
        return "literal text, never linked"

=========  ============  ==========
Column     Meaning       WikiWord
=========  ============  ==========
title      page name     TitleList
content    reST source   SourceText
=========  ============  ==========

A closing paragraph with a note: pages are *plain text* typed by people,
with **strong** words, ``code``, and links to AnotherPage or YetAnotherPage.
""" % {"existing": existing}


def grow_to(database_url, pages):
    """Add filler pages until the database holds ``pages`` pages in all.

    The FrontPage (``paster setup-app``) and :data:`SHOW_TITLE` count; the
    show page is added on the first call.
    """
    engine = create_engine(database_url)
    table = Page.__table__
    try:
        with engine.begin() as connection:
            if connection.scalar(select(func.count()).where(
                    table.c.title == SHOW_TITLE)) == 0:
                connection.execute(table.insert(),
                                   [{"title": SHOW_TITLE, "content": show_content()}])
            have = connection.scalar(select(func.count()).select_from(table))
            fillers = connection.scalar(select(func.count()).where(
                table.c.title.like("SeedPage%")))
            wanted = pages - have
            for start in range(fillers + 1, fillers + 1 + wanted, _BATCH):
                stop = min(start + _BATCH, fillers + 1 + wanted)
                connection.execute(table.insert(), [
                    {"title": filler_title(number), "content": filler_content(number)}
                    for number in range(start, stop)])
    finally:
        engine.dispose()
