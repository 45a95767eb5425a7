"""Full-text search of the wiki's pages, through the database's own engine.

Each live page's title and latest text are kept in ``search_texts``
(:class:`quickwiki.model.SearchText`), written in the same transaction as
the revision that changes them (:func:`put`, :func:`remove`), so that
search never shows a page as it no longer is.  The index over that table
is the database's: on SQLite an FTS5 table (``search_index``) that
triggers keep in step with it, on PostgreSQL a generated ``tsvector``
column with a GIN index; the migration that made the table made them.
:func:`search` asks whichever the session is bound to, through one
interface, :class:`Engine`, with an implementation per database.

Both stem English words (FTS5's ``porter`` tokenizer over ``unicode61``,
PostgreSQL's ``english`` configuration), so that *edit* finds *editing*;
a title is indexed with its WikiWord parts apart, so that *front* finds
the FrontPage.  What people type is never handed to the engine as query
syntax: :func:`parse` takes words and quoted phrases out of it, and each
engine builds its query from those alone, so quotes, operators and any
Unicode are only ever searched for.  Results are ranked (a match in the
title counts more than one in the text), and each comes with a snippet of
the text, its matches marked with ``<mark>`` and everything else escaped.
"""

import re
import unicodedata
from typing import NamedTuple

from markupsafe import Markup, escape
from sqlalchemy import bindparam, delete, insert, text, update

from quickwiki.lib.wikiwords import title_parts
from quickwiki.model import SearchText

__all__ = [
    "INDEXED_LENGTH",
    "MAX_QUERY_LENGTH",
    "Engine",
    "Hit",
    "Query",
    "document",
    "engine_for",
    "parse",
    "put",
    "remove",
    "search",
    "title_words",
]

#: The longest query searched for, in characters.
MAX_QUERY_LENGTH = 200
#: The most words and phrases of a query that are searched for.
MAX_TERMS = 12
#: How much of a page's text is indexed, in characters: the start of a
#: very long page finds it, and PostgreSQL's ``tsvector`` stays far below
#: its size limit.
INDEXED_LENGTH = 100_000

# The engines mark a snippet's matches with these characters, which
# :func:`document` takes out of every indexed text: any found in a
# snippet are the engine's, and pair up.
_MARK_START = "\ue000"
_MARK_END = "\ue001"
_NOT_MARKS = str.maketrans({_MARK_START: "\ufffd", _MARK_END: "\ufffd"})

# A word of a query: letters and digits of any script.
_WORD = re.compile(r"[^\W_]+")
# A quoted phrase, or anything between them.
_PHRASE = re.compile(r'"([^"]*)"?')


class Query(NamedTuple):
    """What to search for: pages with all of ``words`` and ``phrases``
    (each a tuple of words that must come in a row)."""

    words: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()

    def __bool__(self):
        return bool(self.words or self.phrases)


class Hit(NamedTuple):
    """A page found: its title, and a snippet of its text as safe HTML."""

    title: str
    snippet: Markup


def parse(typed):
    """The :class:`Query` in the text ``typed``: its quoted phrases, and
    its other words, normalised (NFKC), each once whatever its case, at
    most :data:`MAX_TERMS` in all.  Everything else in it is ignored.
    """
    typed = unicodedata.normalize("NFKC", typed[:MAX_QUERY_LENGTH])
    words, phrases = {}, {}
    for number, piece in enumerate(_PHRASE.split(typed)):
        found = tuple(_WORD.findall(piece))
        if number % 2 == 1 and len(found) > 1:  # a quoted phrase
            phrases.setdefault(tuple(word.casefold() for word in found), found)
        else:
            for word in found:
                words.setdefault(word.casefold(), word)
    terms = list(words.values())[:MAX_TERMS]
    return Query(tuple(terms), tuple(list(phrases.values())[: MAX_TERMS - len(terms)]))


def title_words(title):
    """The title as indexed: itself, then its WikiWord parts apart."""
    return " ".join([title] + title_parts(title))


def document(title, content):
    """The row of ``search_texts`` that indexes page ``title`` with text
    ``content`` (without its id)."""
    return {
        "page": title,
        "words": title_words(title),
        "body": content[:INDEXED_LENGTH].translate(_NOT_MARKS),
    }


def put(session, title, content):
    """In ``session``'s transaction, index page ``title`` as having the
    text ``content``."""
    row = document(title, content)
    if not session.execute(
        update(SearchText).where(SearchText.page == title).values(row)
    ).rowcount:
        session.execute(insert(SearchText).values(row))


def remove(session, title):
    """In ``session``'s transaction, take page ``title`` out of the index."""
    session.execute(delete(SearchText).where(SearchText.page == title))


def search(session, query, offset, count):
    """Up to ``count`` :class:`Hit` for the :class:`Query` ``query``, best
    first, after the first ``offset``."""
    if not query:
        return []
    return engine_for(session).search(session, query, offset, count)


def engine_for(session):
    """The :class:`Engine` of the database ``session`` is bound to."""
    return _ENGINES[session.get_bind().dialect.name]


class Engine:
    """Searches ``search_texts`` through one database's full-text index."""

    def search(self, session, query, offset, count):
        """Up to ``count`` :class:`Hit` for ``query``, best first, after the
        first ``offset``."""
        raise NotImplementedError

    @staticmethod
    def _hits(rows):
        """The :class:`Hit` of rows of titles and marked snippets."""
        return [Hit(title, _marked(snippet or "")) for title, snippet in rows]


class SQLiteEngine(Engine):
    """SQLite's FTS5: ``search_index``, whose text is ``search_texts``'.

    The best matches are found first, by BM25 (the title weighing ten
    times the text), and only theirs are snippeted: SQLite would
    otherwise make a snippet of every match before sorting them.
    """

    _BEST = text(
        "SELECT rowid FROM search_index WHERE search_index MATCH :query "
        "ORDER BY bm25(search_index, 10.0, 1.0), rowid LIMIT :count OFFSET :offset"
    )
    _SNIPPETS = text(
        "SELECT search_index.rowid, search_texts.page, "
        "snippet(search_index, 1, :start, :end, :ellipsis, 24) "
        "FROM search_index JOIN search_texts ON search_texts.id = search_index.rowid "
        "WHERE search_index MATCH :query AND search_index.rowid IN :ids"
    ).bindparams(bindparam("ids", expanding=True))

    def search(self, session, query, offset, count):
        match = self.match(query)
        ids = list(
            session.scalars(
                self._BEST, {"query": match, "count": count, "offset": offset}
            )
        )
        if not ids:
            return []
        found = {
            rowid: (title, snippet)
            for rowid, title, snippet in session.execute(
                self._SNIPPETS,
                {
                    "query": match,
                    "ids": ids,
                    "start": _MARK_START,
                    "end": _MARK_END,
                    "ellipsis": "…",
                },
            )
        }
        return self._hits(found[rowid] for rowid in ids if rowid in found)

    @staticmethod
    def match(query):
        """The FTS5 query of ``query``: each word and phrase a quoted
        string, all of them required."""
        strings = list(query.words) + [" ".join(phrase) for phrase in query.phrases]
        return " ".join('"%s"' % string.replace('"', '""') for string in strings)


class PostgreSQLEngine(Engine):
    """PostgreSQL's text search: ``search_texts.document``, a ``tsvector``
    with the title's words weighted A and the text's B, in a GIN index.

    The best matches are found by ``ts_rank``, then ``ts_headline`` makes
    the snippets of those alone (it reads the whole text of each).
    """

    _HEADLINE_OPTIONS = (
        "StartSel=%s, StopSel=%s, MaxWords=30, MinWords=12, MaxFragments=2, "
        'FragmentDelimiter=" … "' % (_MARK_START, _MARK_END)
    )

    def search(self, session, query, offset, count):
        tsquery, values = self.tsquery(query)
        statement = text(
            "SELECT texts.page, ts_headline('english', texts.body, %(q)s, :options) "
            "FROM (SELECT id, ts_rank(document, %(q)s) AS rank FROM search_texts "
            "      WHERE document @@ %(q)s "
            "      ORDER BY rank DESC, page LIMIT :count OFFSET :offset) AS best "
            "JOIN search_texts AS texts ON texts.id = best.id "
            "ORDER BY best.rank DESC, texts.page" % {"q": tsquery}
        )
        return self._hits(
            session.execute(
                statement,
                dict(
                    values,
                    options=self._HEADLINE_OPTIONS,
                    count=count,
                    offset=offset,
                ),
            )
        )

    @staticmethod
    def tsquery(query):
        """The ``tsquery`` expression of ``query``, all of whose words and
        phrases are required, and the values of its parameters.  Its SQL
        is made of fixed pieces; what was typed is only ever a value."""
        parts, values = [], {}
        if query.words:
            parts.append("plainto_tsquery('english', :words)")
            values["words"] = " ".join(query.words)
        for number, phrase in enumerate(query.phrases):
            parts.append("phraseto_tsquery('english', :phrase%d)" % number)
            values["phrase%d" % number] = " ".join(phrase)
        return "(%s)" % " && ".join(parts), values


_ENGINES = {"sqlite": SQLiteEngine(), "postgresql": PostgreSQLEngine()}


def _marked(snippet):
    """``snippet``, escaped, its matches between the engine's marks in
    ``<mark>``."""
    return Markup(
        str(escape(snippet))
        .replace(_MARK_START, "<mark>")
        .replace(_MARK_END, "</mark>")
    )
