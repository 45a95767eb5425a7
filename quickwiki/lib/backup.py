"""Backups: the whole wiki as one portable file, and back into a new database.

``paster dump-wiki`` writes, and ``paster load-wiki`` reads, a *QuickWiki
dump*: every account, and every page with its whole history, the same on
SQLite and PostgreSQL.  The format, version 2, is JSON Lines: UTF-8 text,
one JSON object a line, each line ending with a newline::

    {"type": "quickwiki-dump", "version": 2, "made": "2026-05-04T10:00:00+00:00"}
    {"type": "account", "name": "alice", "role": "admin", "blocked": false, ...}
    ...
    {"type": "revision", "page": "FrontPage", "number": 1, "created": "...", ...}
    ...
    {"type": "protected", "page": "FrontPage"}
    {"type": "end", "accounts": 1, "pages": 2, "revisions": 5}

- The first line says what the file is, the version of its format (a
  reader refuses a version it does not know) and when it was made.
- Then one line for each account, in order of their names (case-folded,
  by code point): ``name``, ``role``, ``blocked`` and ``created``; and
  ``password``, the password's Argon2 hash (or null for an account
  without one), only when the dump was asked to keep them
  (``dump-wiki --with-password-hashes``).  An account loaded without it
  has no password until an admin sets one.
- Then one line for each revision, with every field of it: ``page`` (the
  title), ``number``, ``created`` (ISO 8601, with its UTC offset),
  ``author``, ``account`` (the name of the author's account, or null for
  an anonymous author), ``address`` (an anonymous author's client
  address, or null), ``summary``, ``deleted`` (whether it deleted the
  page) and ``content`` (the reStructuredText source; empty for a
  deletion).  The pages come in order of their titles, by code point, and
  each page's revisions in order, numbered from 1 without a gap.  Which
  revision each page shows, and whether it is deleted, follow: its last
  one.
- Then one line for each protected page, in order of their titles.
- The last line counts the accounts, the pages and the revisions, so that
  a file cut short is known.

Version 1, the format of the dumps made before accounts, had no account
lines, no protected lines, no ``account`` field and no ``accounts``
count; it is read too, its revisions all anonymous.

The stored renderings and links are left out: they are made from the
revisions, and after a load each page is rendered again when first viewed,
as after an upgrade of the schema.  So are the texts' sizes and the search
index, which a load makes from the revisions.  A file whose name ends in ``.gz`` is
written compressed with gzip; a compressed file is recognised whatever its
name.  Both ways the file is streamed, a line at a time, so neither takes
memory the size of the wiki.
"""

import contextlib
import gzip
import json
import os
import tempfile
import zlib
from datetime import datetime, timezone
from typing import NamedTuple

from sqlalchemy import and_, bindparam, delete, false, func, insert, select, update

from quickwiki import migrations
from quickwiki.lib import search
from quickwiki.lib.accounts import InvalidName, name_key, normalized_name
from quickwiki.lib.wikiwords import MAX_TITLE_LENGTH, is_title, redirect_target
from quickwiki.model import (
    MAX_ACCOUNT_NAME_LENGTH,
    MAX_ADDRESS_LENGTH,
    MAX_AUTHOR_LENGTH,
    MAX_PASSWORD_HASH_LENGTH,
    MAX_SUMMARY_LENGTH,
    ROLES,
    Account,
    Link,
    Page,
    Rendering,
    Revision,
    SearchText,
)
from quickwiki.websetup import (
    FRONT_PAGE_CONTENT,
    FRONT_PAGE_SUMMARY,
    FRONT_PAGE_TITLE,
)

__all__ = [
    "FORMAT",
    "MAX_LINE_BYTES",
    "VERSION",
    "BackupError",
    "Counts",
    "MalformedDump",
    "NotEmpty",
    "SchemaNotCurrent",
    "dump",
    "load",
    "reading",
    "writing",
]

#: The ``type`` of a dump's first line.
FORMAT = "quickwiki-dump"
#: The version of the format this module writes.
VERSION = 2
#: The versions it reads.
READABLE = (1, 2)
#: The longest line a dump may have, in bytes: a revision as long as
#: the largest page size anyone sets, even with every character escaped.
MAX_LINE_BYTES = 64 * 2**20

#: The fields of each kind of line, by the version of the format.
_REVISION_FIELDS = {
    1: frozenset(
        [
            "type",
            "page",
            "number",
            "created",
            "author",
            "address",
            "summary",
            "deleted",
            "content",
        ]
    )
}
_REVISION_FIELDS[2] = _REVISION_FIELDS[1] | {"account"}
_ACCOUNT_FIELDS = frozenset(["type", "name", "role", "blocked", "created"])
_PROTECTED_FIELDS = frozenset(["type", "page"])
_HEADER_FIELDS = frozenset(["type", "version", "made"])
_END_FIELDS = {
    1: frozenset(["type", "pages", "revisions"]),
    2: frozenset(["type", "accounts", "pages", "revisions"]),
}

#: Rows a load writes at once, unless their text reaches _BATCH_BYTES first.
_BATCH_ROWS = 1000
_BATCH_BYTES = 8 * 2**20

_pages = Page.__table__
_revisions = Revision.__table__
_accounts = Account.__table__


class Counts(NamedTuple):
    """How many pages, revisions and accounts a dump holds."""

    pages: int
    revisions: int
    accounts: int = 0


class BackupError(Exception):
    """A dump could not be written or loaded; the message says why."""


class MalformedDump(BackupError):
    """The file is not a QuickWiki dump this code can read; ``line`` is the
    number of the line at fault (0: the file as a whole, whose name the
    message is to follow)."""

    def __init__(self, line, message):
        super().__init__("line %d: %s" % (line, message) if line else message)
        self.line = line


class NotEmpty(BackupError):
    """The database to load into already holds a wiki."""


class SchemaNotCurrent(BackupError):
    """The database's schema is not this code's: setup-app has to run first."""


@contextlib.contextmanager
def writing(path):
    """A binary file to write a dump to, which becomes ``path`` only once
    the block has finished: before, any file at ``path`` stays as it was.

    Gzip-compressed when ``path`` ends in ``.gz``.  Readable by its owner
    only, as the dump may hold the addresses of authors.
    """
    directory = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".dump-", suffix=".tmp")
    try:
        with open(handle, "wb") as raw:
            if path.endswith(".gz"):
                with gzip.GzipFile(fileobj=raw, mode="wb") as compressed:
                    yield compressed
            else:
                yield raw
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


@contextlib.contextmanager
def reading(path):
    """The dump at ``path`` as a binary file, decompressed if it is gzip."""
    with open(path, "rb") as raw:
        if raw.peek(2)[:2] == b"\x1f\x8b":
            with gzip.GzipFile(fileobj=raw, mode="rb") as decompressed:
                yield decompressed
        else:
            yield raw


def dump(connection, output, password_hashes=False):
    """Write the wiki of ``connection``'s database to the binary file
    ``output``: a :class:`Counts` of what was written.

    The revisions are read with one query, with their pages' protection,
    so the dump is of one moment even while the wiki is in use; the
    accounts are read once that query has begun, so that they include the
    account of every revision it reads (accounts are never deleted).  The
    accounts' password hashes are written only with ``password_hashes``.
    """
    _check_schema(connection)
    query = (
        select(
            _revisions,
            _accounts.c.name.label("account_name"),
            _pages.c.protected,
        )
        .join(_pages, _pages.c.title == _revisions.c.page)
        .outerjoin(_accounts, _accounts.c.id == _revisions.c.account)
        .order_by(_by_code_point(_revisions.c.page, connection), _revisions.c.number)
        .execution_options(yield_per=_BATCH_ROWS)
    )
    rows = connection.execute(query)
    _write(
        output,
        {
            "type": FORMAT,
            "version": VERSION,
            "made": datetime.now(timezone.utc).isoformat(),
        },
    )
    accounts = 0
    for account in connection.execute(
        select(_accounts).order_by(_by_code_point(_accounts.c.key, connection))
    ):
        accounts += 1
        line = {
            "type": "account",
            "name": account.name,
            "role": account.role,
            "blocked": account.blocked,
            "created": account.created.isoformat(),
        }
        if password_hashes:
            line["password"] = account.password
        _write(output, line)
    pages = revisions = 0
    title = None
    protected = []
    for row in rows:
        if row.page != title:
            title = row.page
            pages += 1
            if row.protected:
                protected.append(title)
        revisions += 1
        _write(
            output,
            {
                "type": "revision",
                "page": row.page,
                "number": row.number,
                "created": row.created.isoformat(),
                "author": row.author,
                "account": row.account_name,
                "address": row.address,
                "summary": row.summary,
                "deleted": row.deleted,
                "content": row.content,
            },
        )
    for title in protected:
        _write(output, {"type": "protected", "page": title})
    _write(
        output,
        {"type": "end", "accounts": accounts, "pages": pages, "revisions": revisions},
    )
    return Counts(pages, revisions, accounts)


#: The kinds of lines after the header, in the order each version has them.
_ORDER = {1: ("revision", "end"), 2: ("account", "revision", "protected", "end")}
#: What each kind of line is, in a message.
_KINDS = {
    "account": "an account",
    "revision": "a revision",
    "protected": "a protected page",
    "end": "the end",
}


def load(connection, stream, max_size=None):
    """Load the dump read from the binary file ``stream`` into the empty
    database of ``connection``: a :class:`Counts` of what was loaded.
    A revision's text may be ``max_size`` bytes long (UTF-8) at most,
    as the wiki's saves are.

    Empty means as ``paster setup-app`` made it: at this code's schema,
    with no page but its FrontPage, which the dump's pages replace, and
    no account but its first admin, which the dump's account of the same
    name (if any) leaves as it is.  Raises :class:`NotEmpty` or
    :class:`SchemaNotCurrent` before changing anything, and
    :class:`MalformedDump` at the first fault of the file, maybe after
    writing part of it: run it in a transaction, and roll that back on
    any error.
    """
    lines = _Lines(stream)
    version = _read_header(lines)
    _check_schema(connection)
    _make_room(connection)
    order = _ORDER[version]
    accounts = _Accounts(connection)
    writer = _Writer(connection)
    pages = revisions = 0
    stage = 0
    last_protected = None
    written = False
    while True:
        record = lines.read()
        if record is None:
            raise MalformedDump(
                0,
                "ends at line %d without its end line: it was cut short" % lines.number,
            )
        kind = record.get("type")
        if kind not in order[stage:]:
            raise lines.fault(
                "a line of type %s, where %s was expected"
                % (
                    _shown(kind),
                    _listed([_KINDS[each] for each in order[stage:]], "or"),
                )
            )
        if kind in ("protected", "end") and not written:
            writer.finish()
            written = True
        stage = order.index(kind)
        if kind == "end":
            break
        if kind == "account":
            accounts.add(_account(record, lines), lines)
            continue
        if kind == "protected":
            last_protected = _protect(connection, record, last_protected, lines)
            continue
        row = _revision(record, lines, version, max_size)
        row["account"] = accounts.id_of(row.pop("account_name"), lines)
        last = writer.last
        if last is None or row["page"] != last["page"]:
            if last is not None and row["page"] < last["page"]:
                raise lines.fault(
                    "page %s comes after page %s: the pages must come in "
                    "order of their titles, each once" % (row["page"], last["page"])
                )
            if row["number"] != 1:
                raise lines.fault(
                    "the first revision of page %s is numbered "
                    "%d, not 1" % (row["page"], row["number"])
                )
            pages += 1
        elif row["number"] != last["number"] + 1:
            raise lines.fault(
                "revision %d of page %s follows revision %d: "
                "revisions are numbered without a gap"
                % (row["number"], row["page"], last["number"])
            )
        writer.add(row)
        revisions += 1
    counts = Counts(pages, revisions, accounts.count)
    _read_end(record, counts, lines, version)
    if connection.dialect.name == "postgresql":
        # The planner's statistics of the loaded wiki, which autovacuum
        # would gather only later: without them, a broad search in a big
        # wiki reads every match (1.6 s at a million pages).  SQLite's
        # plans of the wiki's queries need none.
        connection.exec_driver_sql("ANALYZE")
    return counts


def _by_code_point(column, connection):
    """``column`` to sort by code point: PostgreSQL's collation may
    otherwise ignore case, SQLite's BINARY does not."""
    if connection.dialect.name == "postgresql":
        return column.collate("C")
    return column


def _write(output, record):
    output.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")


def _check_schema(connection):
    found, wanted = migrations.current(connection), migrations.head()
    if found != wanted:
        state = (
            "has no QuickWiki schema"
            if found is None
            else "is at schema %s, and this QuickWiki's is %s" % (found, wanted)
        )
        raise SchemaNotCurrent(
            "The database %s: run paster setup-app with its config first." % state
        )


def _make_room(connection):
    """Refuse a database holding a wiki; remove setup-app's FrontPage."""
    rows = connection.execute(select(_revisions).limit(2)).all()
    if not rows:
        return
    if len(rows) == 1 and _written_by_setup_app(rows[0]):
        for table in (Rendering, Link, SearchText, Revision):
            connection.execute(delete(table).where(table.page == rows[0].page))
        connection.execute(delete(Page).where(Page.title == rows[0].page))
        return
    pages = connection.scalar(select(func.count()).select_from(_pages))
    raise NotEmpty(
        "The database already holds a wiki (%d page%s, deleted ones "
        "included), and a dump is loaded only into a new one, made by paster "
        "setup-app, with nothing but its FrontPage. Nothing was changed."
        % (pages, "" if pages == 1 else "s")
    )


def _written_by_setup_app(row):
    return (
        row.page == FRONT_PAGE_TITLE
        and row.number == 1
        and not row.deleted
        and row.content == FRONT_PAGE_CONTENT
        and row.summary == FRONT_PAGE_SUMMARY
    )


class _Lines:
    """The records of a dump, one JSON object a line, with their numbers."""

    def __init__(self, stream):
        self.stream = stream
        self.number = 0

    def read(self):
        """The next line's object; None at the end of the file."""
        try:
            line = self.stream.readline(MAX_LINE_BYTES + 1)
        except (OSError, EOFError, zlib.error) as error:
            raise MalformedDump(
                self.number + 1, "cannot be read (%s)" % error
            ) from None
        if not line:
            return None
        self.number += 1
        if len(line) > MAX_LINE_BYTES:
            raise self.fault("longer than %d bytes" % MAX_LINE_BYTES)
        try:
            record = json.loads(line.decode("utf-8").rstrip("\n"))
        except UnicodeDecodeError:
            raise self.fault("not UTF-8 text") from None
        except json.JSONDecodeError as error:
            raise self.fault(
                "not JSON (%s at character %d)" % (error.msg, error.pos + 1)
            ) from None
        except ValueError as error:  # a number too long to convert, say
            raise self.fault("not JSON (%s)" % error) from None
        except RecursionError:
            raise self.fault("not JSON that can be read (nested too deeply)") from None
        if not isinstance(record, dict):
            raise self.fault("not a JSON object")
        return record

    def fault(self, message):
        """The :class:`MalformedDump` of the line just read."""
        return MalformedDump(self.number, message)


def _read_header(lines):
    header = lines.read()
    if header is None:
        raise MalformedDump(0, "is empty: it is no QuickWiki dump")
    if header.get("type") != FORMAT:
        raise lines.fault(
            "the file is no QuickWiki dump: its first line is not a %s header" % FORMAT
        )
    version = header.get("version")
    if version not in READABLE or isinstance(version, bool):
        raise lines.fault(
            "the dump is of format version %s, and this QuickWiki reads "
            "versions %s" % (_shown(version), _listed(map(str, READABLE), "and"))
        )
    _check_fields(header, _HEADER_FIELDS, "the header", lines)
    return version


def _read_end(record, counts, lines, version):
    _check_fields(record, _END_FIELDS[version], "the end line", lines)
    counted = [name for name in ("accounts", "pages", "revisions") if name in record]
    held = counts._asdict()
    if any(record[name] != held[name] for name in counted):
        raise lines.fault(
            "the end line counts %s, and the file holds %s"
            % (
                _listed(
                    ["%s %s" % (_shown(record[name]), name) for name in counted], "and"
                ),
                _listed(["%d" % held[name] for name in counted], "and"),
            )
        )
    if lines.read() is not None:
        raise lines.fault("a line after the end line")


def _listed(items, conjunction):
    """``items`` as a phrase: "a, b and c"."""
    items = list(items)
    if len(items) == 1:
        return items[0]
    return "%s %s %s" % (", ".join(items[:-1]), conjunction, items[-1])


def _shown(value):
    """A value of the file, as JSON, cut short to be quoted in a message."""
    shown = json.dumps(value)
    return shown if len(shown) <= 40 else shown[:37] + "..."


def _check_fields(record, fields, what, lines):
    missing, unknown = fields - set(record), set(record) - fields
    if missing or unknown:
        raise lines.fault(
            "%s %s"
            % (
                what,
                "; ".join(
                    part
                    for part in (
                        missing and "lacks " + ", ".join(sorted(missing)),
                        unknown and "has unknown fields " + ", ".join(sorted(unknown)),
                    )
                    if part
                ),
            )
        )


def _revision(record, lines, version, max_size):
    """The row of a revision line, checked; ``account_name`` is the name of
    its account, or None."""
    _check_fields(record, _REVISION_FIELDS[version], "the revision", lines)

    def fault(field, rule):
        return lines.fault("the %s of the revision %s" % (field, rule))

    title = _text(record, "page", lines)
    if not is_title(title):
        raise fault(
            "page",
            "is no page title (a WikiWord of at most %d characters)" % MAX_TITLE_LENGTH,
        )
    number = record["number"]
    if type(number) is not int or number < 1:
        raise fault("number", "is not a whole number from 1")
    created = _moment(record, lines, fault)
    author = _text(record, "author", lines, MAX_AUTHOR_LENGTH)
    account_name = record.get("account")
    if account_name is not None:
        account_name = _text(record, "account", lines, MAX_ACCOUNT_NAME_LENGTH)
    address = record["address"]
    if address is not None:
        address = _text(record, "address", lines, MAX_ADDRESS_LENGTH)
    summary = _text(record, "summary", lines, MAX_SUMMARY_LENGTH)
    deleted = record["deleted"]
    if not isinstance(deleted, bool):
        raise fault("deleted", "is neither true nor false")
    content = _text(record, "content", lines)
    if deleted and content:
        raise fault("content", "is not empty, and the revision deletes its page")
    size = len(content.encode("utf-8"))
    if max_size is not None and size > max_size:
        raise fault(
            "content",
            "is %d bytes long, and a page may have at most %d "
            "(quickwiki.max_page_size)" % (size, max_size),
        )
    return {
        "page": title,
        "number": number,
        "created": created,
        "author": author,
        "account_name": account_name,
        "address": address,
        "summary": summary,
        "deleted": deleted,
        "content": content,
        "size": len(content.encode("utf-8")),
    }


def _moment(record, lines, fault, what="revision"):
    """``record["created"]``, checked to be a time the database keeps."""
    created = _text(record, "created", lines, what=what)
    try:
        created = datetime.fromisoformat(created)
    except ValueError:
        raise fault("created", "is not an ISO 8601 time") from None
    if created.tzinfo is None:
        raise fault("created", "has no UTC offset")
    try:
        # As the database keeps it.
        created.astimezone(timezone.utc)
    except OverflowError:
        raise fault("created", "is not a time in UTC's years 1 to 9999") from None
    return created


def _account(record, lines):
    """The row of an account line, checked."""
    fields = _ACCOUNT_FIELDS | ({"password"} if "password" in record else set())
    _check_fields(record, fields, "the account", lines)

    def fault(field, rule):
        return lines.fault("the %s of the account %s" % (field, rule))

    name = _text(record, "name", lines, MAX_ACCOUNT_NAME_LENGTH, "account")
    try:
        valid = normalized_name(name) == name
    except InvalidName:
        valid = False
    if not valid:
        raise fault("name", "is not a name an account may have")
    if record["role"] not in ROLES:
        raise fault("role", "is not one of %s" % _listed(ROLES, "or"))
    if not isinstance(record["blocked"], bool):
        raise fault("blocked", "is neither true nor false")
    password = record.get("password")
    if password is not None:
        password = _text(record, "password", lines, MAX_PASSWORD_HASH_LENGTH, "account")
    return {
        "name": name,
        "key": name_key(name),
        "role": record["role"],
        "blocked": record["blocked"],
        "created": _moment(record, lines, fault, "account"),
        "password": password,
    }


class _Accounts:
    """The accounts of a load: those the database has (setup-app's first
    admin), and those the dump adds, by their names' keys."""

    def __init__(self, connection):
        self.connection = connection
        self.ids = dict(
            connection.execute(select(_accounts.c.key, _accounts.c.id)).all()
        )
        self.count = 0
        self.last_key = None

    def add(self, row, lines):
        """Add the account of ``row``, unless the database has it already."""
        if self.last_key is not None and row["key"] <= self.last_key:
            raise lines.fault(
                "the account %s comes after %s: the accounts must come in "
                "order of their names, each once" % (row["name"], self.last_key)
            )
        self.last_key = row["key"]
        self.count += 1
        if row["key"] not in self.ids:
            self.ids[row["key"]] = self.connection.execute(
                insert(_accounts).values(**row)
            ).inserted_primary_key[0]

    def id_of(self, name, lines):
        """The id of the account called ``name`` (None: no account)."""
        if name is None:
            return None
        try:
            return self.ids[name_key(name)]
        except KeyError:
            raise lines.fault(
                "the account of the revision, %s, has no account line" % name
            ) from None


def _protect(connection, record, last, lines):
    """Protect the page of a protected line: its title."""
    _check_fields(record, _PROTECTED_FIELDS, "the protected page", lines)
    title = _text(record, "page", lines, MAX_TITLE_LENGTH, "protected page")
    if last is not None and title <= last:
        raise lines.fault(
            "the protected page %s comes after %s: protected pages come in "
            "order of their titles, each once" % (title, last)
        )
    protected = connection.execute(
        update(_pages).where(_pages.c.title == title).values(protected=True)
    ).rowcount
    if protected != 1:
        raise lines.fault("the protected page %s has no revisions in the dump" % title)
    return title


def _text(record, field, lines, longest=None, what="revision"):
    """``record[field]``, checked to be text that a database keeps."""
    value = record[field]
    if not isinstance(value, str):
        raise lines.fault("the %s of the %s is not a string" % (field, what))
    if longest is not None and len(value) > longest:
        raise lines.fault(
            "the %s of the %s is longer than %d characters" % (field, what, longest)
        )
    if "\x00" in value:
        raise lines.fault(
            "the %s of the %s holds a NUL character, "
            "which no database of the wiki keeps" % (field, what)
        )
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise lines.fault(
            "the %s of the %s is not valid Unicode (it "
            "holds a lone surrogate)" % (field, what)
        ) from None
    return value


class _Writer:
    """Writes the rows of a load in batches, a page's row before its
    revisions, and each page's row right once its last revision is known.
    """

    def __init__(self, connection):
        self.connection = connection
        self.last = None
        self._new_pages = {}
        self._revisions = []
        self._finished_pages = []
        self._bytes = 0

    def add(self, row):
        """Add revision ``row``, which starts a page or follows :attr:`last`."""
        if self.last is not None and row["page"] != self.last["page"]:
            self._finish_page()
        if row["number"] == 1:
            self._new_pages[row["page"]] = {
                "title": row["page"],
                "revision": 1,
                "deleted": row["deleted"],
                "redirect": None,
            }
        self._revisions.append(row)
        self.last = row
        self._bytes += len(row["content"])
        if len(self._revisions) >= _BATCH_ROWS or self._bytes >= _BATCH_BYTES:
            self._flush()

    def finish(self):
        """Write what is left, a rendering to make for each live page, and
        the live pages' search index."""
        if self.last is not None:
            self._finish_page()
        self._flush()
        live = _pages.c.deleted == false()
        self.connection.execute(
            insert(Rendering).from_select(
                ["page", "revision"],
                select(_pages.c.title, _pages.c.revision).where(live),
            )
        )
        latest = (
            select(_revisions.c.page, _revisions.c.content)
            .join(
                _pages,
                and_(
                    _pages.c.title == _revisions.c.page,
                    _pages.c.revision == _revisions.c.number,
                ),
            )
            .where(live, _pages.c.redirect.is_(None))
            .execution_options(yield_per=_BATCH_ROWS)
        )
        for batch in self.connection.execute(latest).partitions():
            self.connection.execute(
                insert(SearchText),
                [search.document(title, content) for title, content in batch],
            )

    def _finish_page(self):
        """The page of :attr:`last` shows it."""
        final = {
            "revision": self.last["number"],
            "deleted": self.last["deleted"],
            "redirect": None
            if self.last["deleted"]
            else redirect_target(self.last["content"]),
        }
        title = self.last["page"]
        if title in self._new_pages:
            self._new_pages[title].update(final)
        else:
            self._finished_pages.append(dict(final, key=title))

    def _flush(self):
        if self._new_pages:
            self.connection.execute(insert(_pages), list(self._new_pages.values()))
        if self._revisions:
            self.connection.execute(insert(_revisions), self._revisions)
        if self._finished_pages:
            self.connection.execute(
                update(_pages)
                .where(_pages.c.title == bindparam("key"))
                .values(
                    revision=bindparam("revision"),
                    deleted=bindparam("deleted"),
                    redirect=bindparam("redirect"),
                ),
                self._finished_pages,
            )
        self._new_pages, self._revisions, self._finished_pages = {}, [], []
        self._bytes = 0
