"""The benchmark's wiki pages, written fast, without HTTP.

Each database size of a run gets databases of its own, one for QuickWiki
(made by ``paster setup-app``, which writes the FrontPage) and one for the
wiki2 peer.  Pages go in with one ``executemany`` per batch and table, so a
million of them take seconds; QuickWiki's as their first revisions.
Besides the filler pages there is :data:`SHOW_TITLE`, the page both wikis
render: reStructuredText of a real page's kind, 1-2 KB
(:func:`show_content`).

QuickWiki's pages go in as the wiki itself keeps them: each revision with
its size, a minute after the one before (so that the recent changes have
an order of time), each page in the search index (made with
:func:`quickwiki.lib.search.document`, as a save makes it), and each
filler page's links to its neighbours and the FrontPage, as its first view
would store them, so that what links to the FrontPage is every page.  A
wiki of an earlier version (``bench/run --before``) gets what its schema
has room for: the columns and tables it lacks are left out.
"""

from datetime import datetime, timedelta, timezone

from sqlalchemy import MetaData, Table, create_engine, inspect, select

from quickwiki.lib import search
from quickwiki.model import Link, Page, Rendering, Revision, SearchText

#: The page the "show" measurements render, in both wikis.
SHOW_TITLE = "BenchmarkShowPage"
#: The WikiWords of the show page that name filler pages (which exist at
#: every size) and pages that exist nowhere.
EXISTING_LINKS = tuple("SeedPage%07d" % number for number in range(1, 6))
MISSING_LINKS = (
    "MissingPageOne",
    "MissingPageTwo",
    "AnotherPage",
    "YetAnotherPage",
    "TitleList",
    "SourceText",
)

_BATCH = 20_000


def filler_title(number):
    """The title of filler page ``number`` (from 1): ``SeedPage0000042``."""
    return "SeedPage%07d" % number


def filler_content(number):
    """A short page that links to its neighbours, as wiki pages do."""
    return "Filler page %d of the benchmark.\n\nSee %s and %s, or the FrontPage.\n" % (
        number,
        filler_title(number - 1),
        filler_title(number + 1),
    )


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
""" % dict(
        {"existing": ", ".join(EXISTING_LINKS)},
        **{
            "missing_%d" % number: title
            for number, title in enumerate(MISSING_LINKS, 1)
        },
    )


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
        raise ValueError(
            "the benchmark needs at least %d pages" % (2 + len(EXISTING_LINKS))
        )
    yield SHOW_TITLE, show_content()
    for number in range(1, count):
        yield filler_title(number), filler_content(number)


def insert_pages(database_url, table, title_column, text_column, rows):
    """Insert ``rows`` of ``(title, text)`` into ``table``, in batches."""
    engine = create_engine(database_url)
    try:
        with engine.begin() as connection:
            for batch in _batches(rows):
                connection.execute(
                    table.insert(),
                    [{title_column: title, text_column: text} for title, text in batch],
                )
    finally:
        engine.dispose()


def insert_quickwiki_pages(database_url, rows):
    """Write ``rows`` of ``(title, text)`` as the first revisions of
    QuickWiki pages, in batches, with their search index and the filler
    pages' links: each page's first view renders it.
    """
    rows = list(rows)
    start = datetime.now(timezone.utc) - timedelta(minutes=len(rows))
    engine = create_engine(database_url)
    try:
        with engine.begin() as connection:
            tables = _stored_tables(
                connection, Page, Revision, Rendering, SearchText, Link
            )
            for offset, batch in _numbered_batches(rows):
                _insert(
                    connection,
                    tables[Page],
                    [
                        {"title": title, "revision": 1, "deleted": False}
                        for title, _ in batch
                    ],
                )
                _insert(
                    connection,
                    tables[Revision],
                    [
                        {
                            "page": title,
                            "number": 1,
                            "content": text,
                            "created": start + timedelta(minutes=offset + number),
                            "author": "anonymous",
                            "address": None,
                            "summary": "",
                            "deleted": False,
                            "size": len(text.encode("utf-8")),
                        }
                        for number, (title, text) in enumerate(batch)
                    ],
                )
                _insert(
                    connection,
                    tables[Rendering],
                    [{"page": title, "revision": 1} for title, _ in batch],
                )
                _insert(
                    connection,
                    tables[SearchText],
                    [search.document(title, text) for title, text in batch],
                )
                _insert(
                    connection,
                    tables[Link],
                    [
                        link
                        for title, _ in batch
                        for link in _filler_links(title, len(rows))
                    ],
                )
            # The planner's statistics, as a wiki that has been in use has
            # them (PostgreSQL's autovacuum gathers them, later): without,
            # PostgreSQL takes a word on every page for a rare one, and
            # reads all its matches for a broad search.
            connection.exec_driver_sql("ANALYZE")
    finally:
        engine.dispose()


def _stored_tables(connection, *entities):
    """Each entity's table as the database has it: the model's, or for a
    wiki of an earlier version, its columns that the database has (with
    their defaults), or None where it lacks the table."""
    inspector = inspect(connection)
    names = set(inspector.get_table_names())
    tables = {}
    for entity in entities:
        table = entity.__table__
        if table.name not in names:
            tables[entity] = None
            continue
        stored = {column["name"] for column in inspector.get_columns(table.name)}
        tables[entity] = (
            table
            if stored >= set(table.columns.keys())
            else Table(
                table.name,
                MetaData(),
                *(column._copy() for column in table.columns if column.name in stored),
            )
        )
    return tables


def _insert(connection, table, rows):
    """Insert ``rows`` into ``table`` (if any), with the fields it has."""
    if table is None or not rows:
        return
    names = set(table.columns.keys())
    if not names >= rows[0].keys():
        rows = [{name: row[name] for name in names & row.keys()} for row in rows]
    connection.execute(table.insert(), rows)


def add_quickwiki_revisions(database_url, title, count):
    """Give QuickWiki's page ``title`` (at revision 1) revisions 2 to
    ``count``, each its text with a line added, as a history has them.

    Its stored rendering is dropped: its next view renders the latest.
    """
    engine = create_engine(database_url)
    try:
        with engine.begin() as connection:
            first = connection.scalar(
                select(Revision.content).where(
                    Revision.page == title, Revision.number == 1
                )
            )
            created = datetime.now(timezone.utc)
            connection.execute(
                Revision.__table__.insert(),
                [
                    {
                        "page": title,
                        "number": number,
                        "content": first + "\nEdit number %d.\n" % number,
                        "created": created,
                        "author": "anonymous",
                        "address": None,
                        "summary": "Edit number %d" % number,
                        "deleted": False,
                        "size": len(first.encode("utf-8"))
                        + len("\nEdit number %d.\n" % number),
                    }
                    for number in range(2, count + 1)
                ],
            )
            connection.execute(
                Page.__table__.update()
                .where(Page.title == title)
                .values(revision=count)
            )
            connection.execute(
                Rendering.__table__.update()
                .where(Rendering.page == title)
                .values(revision=count, html=None, renderer=None)
            )
            latest = first + "\nEdit number %d.\n" % count
            connection.execute(
                SearchText.__table__.update()
                .where(SearchText.page == title)
                .values(search.document(title, latest))
            )
    finally:
        engine.dispose()


def _filler_links(title, count):
    """The links filler page ``title`` stores once rendered: to its
    neighbours (the one before the first and after the last are missing)
    and to the FrontPage; none for the show page, whose view stores them."""
    if not title.startswith("SeedPage"):
        return []
    number = int(title[len("SeedPage") :])
    return [
        {
            "page": title,
            "target": filler_title(neighbour),
            "missing": not 0 < neighbour < count,
        }
        for neighbour in (number - 1, number + 1)
    ] + [{"page": title, "target": "FrontPage", "missing": False}]


def quickwiki_texts_starting(database_url, start):
    """The texts of QuickWiki's revisions that start with ``start``."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return list(
                connection.scalars(
                    select(Revision.content).where(
                        Revision.content.startswith(start, autoescape=True)
                    )
                )
            )
    finally:
        engine.dispose()


def _numbered_batches(rows):
    """``rows`` in lists of at most ``_BATCH``, each with the number of
    rows before it."""
    offset = 0
    for batch in _batches(rows):
        yield offset, batch
        offset += len(batch)


def _batches(rows):
    """``rows`` in lists of at most ``_BATCH``."""
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == _BATCH:
            yield batch
            batch = []
    if batch:
        yield batch
