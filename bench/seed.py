"""The benchmark's wiki pages, written fast, without HTTP.

Each database size of a run gets databases of its own, one for QuickWiki
(made by ``paster setup-app``, which writes the FrontPage) and one for the
wiki2 peer.  Pages go in with one ``executemany`` per batch, so a million
of them take seconds.  Besides the filler pages there is
:data:`SHOW_TITLE`, the page both wikis render: reStructuredText of a
real page's kind, 1-2 KB (:func:`show_content`).
"""
from sqlalchemy import create_engine, select

#: The page the "show" measurements render, in both wikis.
SHOW_TITLE = "BenchmarkShowPage"
#: The WikiWords of the show page that name filler pages (which exist at
#: every size) and pages that exist nowhere.
EXISTING_LINKS = tuple("SeedPage%07d" % number for number in range(1, 6))
MISSING_LINKS = ("MissingPageOne", "MissingPageTwo", "AnotherPage",
                 "YetAnotherPage", "TitleList", "SourceText")

_BATCH = 20_000


def filler_title(number):
    """The title of filler page ``number`` (from 1): ``SeedPage0000042``."""
    return "SeedPage%07d" % number


def filler_content(number):
    """A short page that links to its neighbours, as wiki pages do."""
    return ("Filler page %d of the benchmark.\n\nSee %s and %s, or the "
            "FrontPage.\n" % (number, filler_title(number - 1),
                              filler_title(number + 1)))


def show_content():
    """The page both wikis render: headings, lists, a literal block, a
    table, and WikiWords to pages that exist and to pages that do not.
    """
    return """\
Benchmark page
==============

This page is **rendered** on every request to it: *docutils* parses it and
the wiki links its WikiWords, such as FrontPage, %(existing)s, and
%(missing_1)s or %(missing_2)s, which do not exist yet.

What it holds
-------------

- a bulleted list, with ``inline literals`` and *emphasis*;
- an enumerated list below, and a nested one:

  - first level, then
  - a second item;

- a literal block, whose WikiWords (NotLinkedHere) are code, not links;
- a table and an external link to `docutils <https://docutils.sourceforge.io/>`_.

1. First, read the FrontPage.
2. Then edit this BenchmarkShowPage.
3. Finally, look at the title list.

An example
----------

::

    def hello(NotLinkedHere):
        return "literal text, never linked"

=========  ============  ==========
Column     Meaning       WikiWord
=========  ============  ==========
title      page name     %(missing_5)s
content    reST source   %(missing_6)s
revision   a number      FrontPage
=========  ============  ==========

A closing paragraph with a note: pages are *plain text* typed by people,
with **strong** words, ``code``, and links to %(missing_3)s or
%(missing_4)s.  Its source is between one and two kilobytes long, as a
short page of a team's wiki is.
""" % dict({"existing": ", ".join(EXISTING_LINKS)},
           **{"missing_%d" % number: title
              for number, title in enumerate(MISSING_LINKS, 1)})


def quickwiki_rows(pages):
    """QuickWiki's pages but its FrontPage, ``(title, source)``."""
    return _rows(pages - 1)


def peer_rows(pages):
    """The peer's pages, its FrontPage first."""
    yield "FrontPage", "The front page of the **wiki2** peer.\n"
    yield from _rows(pages - 1)


def _rows(count):
    """The show page, then ``count - 1`` filler pages."""
    if count < 1 + len(EXISTING_LINKS):
        raise ValueError("the benchmark needs at least %d pages"
                         % (2 + len(EXISTING_LINKS)))
    yield SHOW_TITLE, show_content()
    for number in range(1, count):
        yield filler_title(number), filler_content(number)


def insert_pages(database_url, table, title_column, text_column, rows):
    """Insert ``rows`` of ``(title, text)`` into ``table``, in batches."""
    engine = create_engine(database_url)
    try:
        with engine.begin() as connection:
            batch = []
            for title, text in rows:
                batch.append({title_column: title, text_column: text})
                if len(batch) == _BATCH:
                    connection.execute(table.insert(), batch)
                    batch = []
            if batch:
                connection.execute(table.insert(), batch)
    finally:
        engine.dispose()


def stored_texts(database_url, table, title_column, text_column, titles):
    """``{title: text}`` of the pages ``titles``, as the database has them."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            query = select(table.c[title_column], table.c[text_column]).where(
                table.c[title_column].in_(list(titles)))
            return dict(connection.execute(query).all())
    finally:
        engine.dispose()
