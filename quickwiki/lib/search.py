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
title counts more than one in the text), among at most :data:`MAX_RANKED`
matches so that a search costs about the same in any wiki, and each comes
with a snippet of the text, its matches marked with ``<mark>`` and
everything else escaped.
"""

import re
import unicodedata
from typing import NamedTuple

from markupsafe import Markup, escape
from sqlalchemy import bindparam, delete, insert, select, text

from quickwiki.lib.wikiwords import title_parts
from quickwiki.model import SearchText

__all__ = [
    "INDEXED_LENGTH",
    "MAX_QUERY_LENGTH",
    "MAX_RANKED",
    "Engine",
    "Found",
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
#: How many of a query's matches are ranked, at most: the most recently
#: changed (see :class:`Engine`).
MAX_RANKED = 1000
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
    text ``content``.

    The page's row is made anew, with a new id: the most recently changed
    pages have the highest, which is how a broad query's candidates are
    chosen (see :class:`Engine`).
    """
    remove(session, title)
    session.execute(insert(SearchText).values(document(title, content)))


def remove(session, title):
    """In ``session``'s transaction, take page ``title`` out of the index."""
    session.execute(delete(SearchText).where(SearchText.page == title))


def search(session, query, offset, count):
    """Up to ``count`` :class:`Hit` for the :class:`Query` ``query``, best
    first, after the first ``offset``: :class:`Found`."""
    if not query:
        return Found([], False)
    return engine_for(session).search(session, query, offset, count)


def engine_for(session):
    """The :class:`Engine` of the database ``session`` is bound to."""
    return _ENGINES[session.get_bind().dialect.name]


class Found(NamedTuple):
    """What a search found: its ``hits``, and whether they were ranked
    among the :data:`MAX_RANKED` most recently changed matches only
    (``narrowed``)."""

    hits: list
    narrowed: bool


class Engine:
    """Searches ``search_texts`` through one database's full-text index.

    Ranking every match of a query costs time in proportion to their
    number: a word on every page of a million would take seconds.  So
    the matches ranked are the :data:`MAX_RANKED` most recently changed
    (those of the highest ids, which the index reads in order without
    ranking), and a query that matches more is said to be narrowed, so
    that its author can add words.  An engine finds the lowest id of
    those (:meth:`candidates`), then ranks the matches from there
    (:meth:`ranked`).
    """

    def search(self, session, query, offset, count):
        """Up to ``count`` :class:`Hit` for ``query``, best first, after the
        first ``offset``: :class:`Found`."""
        lowest, matches = self.candidates(session, query)
        if not matches:
            return Found([], False)
        narrowed = matches >= MAX_RANKED
        hits = self.ranked(session, query, lowest, offset, count, narrowed)
        return Found(
            [Hit(title, _marked(snippet or "")) for title, snippet in hits],
            narrowed,
        )

    def candidates(self, session, query):
        """The lowest id of the matches to rank, and their number."""
        raise NotImplementedError

    def ranked(self, session, query, lowest, offset, count, narrowed):
        """Up to ``count`` ``(title, marked snippet)`` of the matches from id
        ``lowest``, best first, after the first ``offset``; ``narrowed``
        when there are more matches than those."""
        raise NotImplementedError


class SQLiteEngine(Engine):
    """SQLite's FTS5: ``search_index``, whose text is ``search_texts``'.

    Matches are ranked by BM25, a match in the title weighing ten times
    one in the text.  FTS5 keeps its matches in id order and reads a
    range of ids without reading the rest, which bounds both queries;
    but BM25 weighs each word by the number of pages holding it, which
    FTS5 counts by reading all its matches.  So a narrowed query, whose
    words are on more pages than are ranked, puts the matches whose title
    holds them first, and the most recently changed first among those and
    among the others, which reads the candidates alone.
    """

    _CANDIDATES = text(
        "SELECT min(rowid), count(*) FROM (SELECT rowid FROM search_index "
        "WHERE search_index MATCH :query ORDER BY rowid DESC LIMIT :most)"
    )
    _RANKED = text(
        "SELECT rowid, snippet(search_index, 1, :start, :end, :ellipsis, 24) "
        "FROM search_index WHERE search_index MATCH :query AND rowid >= :lowest "
        "ORDER BY bm25(search_index, 10.0, 1.0), rowid DESC "
        "LIMIT :count OFFSET :offset"
    )
    _RECENT = text(
        "SELECT rowid, snippet(search_index, 1, :start, :end, :ellipsis, 24) "
        "FROM search_index WHERE search_index MATCH :query AND rowid >= :lowest "
        "ORDER BY rowid IN (SELECT rowid FROM search_index "
        "  WHERE search_index MATCH :titled AND rowid >= :lowest) DESC, "
        "rowid DESC LIMIT :count OFFSET :offset"
    )
    _TITLES = select(SearchText.id, SearchText.page).where(
        SearchText.id.in_(bindparam("ids", expanding=True))
    )

    def candidates(self, session, query):
        return session.execute(
            self._CANDIDATES, {"query": self.match(query), "most": MAX_RANKED}
        ).one()

    def ranked(self, session, query, lowest, offset, count, narrowed):
        match = self.match(query)
        snippets = session.execute(
            self._RECENT if narrowed else self._RANKED,
            {
                "query": match,
                "titled": "{words} : (%s)" % match,
                "lowest": lowest,
                "count": count,
                "offset": offset,
                "start": _MARK_START,
                "end": _MARK_END,
                "ellipsis": "…",
            },
        ).all()
        titles = dict(
            session.execute(self._TITLES, {"ids": [row[0] for row in snippets]}).all()
        )
        return [(titles[rowid], snippet) for rowid, snippet in snippets]

    @staticmethod
    def match(query):
        """The FTS5 query of ``query``: each word and phrase a quoted
        string, all of them required."""
        strings = list(query.words) + [" ".join(phrase) for phrase in query.phrases]
        return " ".join('"%s"' % string.replace('"', '""') for string in strings)


class PostgreSQLEngine(Engine):
    """PostgreSQL's text search: ``search_texts.document``, a ``tsvector``
    with the title's words weighted A and the text's B, in a GIN index.

    Matches are ranked by ``ts_rank``, which reads each match's own
    document alone, narrowed query or not; ``ts_headline`` then makes the
    snippets of the page of results alone (it reads each whole text).
    """

    _HEADLINE_OPTIONS = (
        "StartSel=%s, StopSel=%s, MaxWords=30, MinWords=12, MaxFragments=2, "
        'FragmentDelimiter=" … "' % (_MARK_START, _MARK_END)
    )

    def candidates(self, session, query):
        tsquery, values = self.tsquery(query)
        statement = text(
            "SELECT min(id), count(*) FROM (SELECT id FROM search_texts "
            "WHERE document @@ %s ORDER BY id DESC LIMIT :most) AS candidates" % tsquery
        )
        return session.execute(statement, dict(values, most=MAX_RANKED)).one()

    def ranked(self, session, query, lowest, offset, count, narrowed):
        tsquery, values = self.tsquery(query)
        statement = text(
            "SELECT texts.page, ts_headline('english', texts.body, %(q)s, :options) "
            "FROM (SELECT id, ts_rank(document, %(q)s) AS rank FROM search_texts "
            "      WHERE document @@ %(q)s AND id >= :lowest "
            "      ORDER BY rank DESC, id DESC LIMIT :count OFFSET :offset) AS best "
            "JOIN search_texts AS texts ON texts.id = best.id "
            "ORDER BY best.rank DESC, best.id DESC" % {"q": tsquery}
        )
        return session.execute(
            statement,
            dict(
                values,
                options=self._HEADLINE_OPTIONS,
                lowest=lowest,
                count=count,
                offset=offset,
            ),
        ).all()

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
