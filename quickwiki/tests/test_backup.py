"""Backups: ``paster dump-wiki`` and ``paster load-wiki``, and their format.

:class:`LoadTest` loads dumps into the test database (SQLite, or
PostgreSQL when the suite runs there), in the test's rolled-back
transaction.  :class:`PasterBackupTest` runs the real commands on
databases of its own: a wiki dumped from SQLite and loaded into a
throwaway PostgreSQL cluster, and loads refused or failed, which change
nothing, on both backends.
"""

import contextlib
import gzip
import io
import json
import os
import stat
import subprocess
import tempfile
import unittest
from datetime import datetime
from unittest import mock

from argon2 import PasswordHasher
from sqlalchemy import create_engine, select, text, update
from webtest import TestApp

import pylons.test

from quickwiki import migrations
from quickwiki.lib import accounts, backup, renderings, revisions, wikitext
from quickwiki.model import (
    Account,
    Link,
    Page,
    Rendering,
    Revision,
    SearchText,
    meta,
)
from quickwiki.tests import (
    ADMIN,
    CHECKOUT,
    PASTER,
    Person,
    TestController,
    flashes,
    link_class,
    log_in,
    pgcluster,
    statements_run,
    store_page,
    url,
)

HEADER = {"type": "quickwiki-dump", "version": 2, "made": "2026-03-01T09:00:00+00:00"}


def account(name, role="editor", blocked=False, **password):
    """An account line of a dump; ``password=`` adds its hash."""
    return dict(
        type="account",
        name=name,
        role=role,
        blocked=blocked,
        created="2026-02-01T08:00:00+00:00",
        **password,
    )


def revision(
    page,
    number,
    content="",
    created="2026-03-01T10:00:00+00:00",
    author="anonymous",
    address=None,
    summary="",
    deleted=False,
    account=None,
):
    """A revision line of a dump."""
    return {
        "type": "revision",
        "page": page,
        "number": number,
        "created": created,
        "author": author,
        "account": account,
        "address": address,
        "summary": summary,
        "deleted": deleted,
        "content": content,
    }


def end(pages, revisions, accounts=0):
    return {"type": "end", "accounts": accounts, "pages": pages, "revisions": revisions}


def dump_of(*lines):
    """A dump's bytes: each line a JSON object, or bytes as they are."""
    return b"".join(
        line
        if isinstance(line, bytes)
        else json.dumps(line, ensure_ascii=False).encode("utf-8") + b"\n"
        for line in lines
    )


def records(data):
    """The lines of a dump, read back, without the header's time."""
    lines = [json.loads(line) for line in data.decode("utf-8").splitlines()]
    lines[0].pop("made")
    return lines


#: A small wiki: an account; a protected page of two revisions in
#: non-ASCII text, one with an address, the other by the account, with
#: summaries, linking to a page that exists and to one that was deleted.
WIKI = [
    HEADER,
    account("alice"),
    revision("FrontPage", 1, "See SandBox and OldPage.", summary="First"),
    revision(
        "FrontPage",
        2,
        "Grüße aus **Zürich**, 日本語 ✓.\n\nSee SandBox and OldPage.\n",
        created="2026-03-02T11:30:00.250000+00:00",
        author="alice",
        account="alice",
        summary="Non-ASCII ✓",
    ),
    revision("OldPage", 1, "Soon gone.", address="2001:db8::7"),
    revision("OldPage", 2, deleted=True, summary="Gone"),
    revision("SandBox", 1, "Play here."),
    {"type": "protected", "page": "FrontPage"},
    end(3, 5, 1),
]

#: A dump of format version 1, made before accounts: revisions only.
WIKI_1 = [
    dict(HEADER, version=1),
    {
        key: value
        for key, value in revision("FrontPage", 1, "Before accounts.").items()
        if key != "account"
    },
    {"type": "end", "pages": 1, "revisions": 1},
]


class LoadTest(TestController):
    """Loads into the database that ``paster setup-app`` made."""

    def setUp(self):
        super().setUp()
        self.connection = meta.Session.get_bind()

    def load(self, data):
        """Load the dump ``data`` (bytes, or a binary file), in a savepoint
        rolled back if it fails."""
        stream = io.BytesIO(data) if isinstance(data, bytes) else data
        with self.connection.begin_nested():
            return backup.load(self.connection, stream)

    def dump(self):
        output = io.BytesIO()
        backup.dump(self.connection, output)
        return output.getvalue()

    def table(self, entity, *order):
        return [
            tuple(row)
            for row in self.connection.execute(
                select(entity.__table__).order_by(*order)
            )
        ]

    def test_a_dump_is_loaded_whole(self):
        self.assertEqual(self.load(dump_of(*WIKI)), backup.Counts(3, 5, 1))
        self.assertEqual(
            self.table(Page, Page.title),
            # Each with its skeleton, which is the title for these, and no
            # redirect.
            [
                ("FrontPage", 2, False, True, "FrontPage", None),
                ("OldPage", 2, True, False, "OldPage", None),
                ("SandBox", 1, False, False, "SandBox", None),
            ],
        )
        alice = self.connection.execute(
            select(Account).where(Account.name == "alice")
        ).one()
        self.assertEqual(
            (alice.role, alice.blocked, alice.password), ("editor", False, None)
        )
        loaded = [
            dict(row._mapping)
            for row in self.connection.execute(
                select(Revision.__table__).order_by(Revision.page, Revision.number)
            )
        ]
        expected = [
            dict(
                line,
                created=datetime.fromisoformat(line["created"]),
                account=alice.id if line["account"] else None,
            )
            for line in WIKI
            if line["type"] == "revision"
        ]
        for line in expected:
            del line["type"]
            line["size"] = len(line["content"].encode("utf-8"))
        self.assertEqual(loaded, expected)
        # The live pages are indexed for search, at their latest text.
        latest = {line["page"]: line for line in expected}
        self.assertEqual(
            [
                (row.page, row.body)
                for row in self.connection.execute(
                    select(SearchText).order_by(SearchText.page)
                )
            ],
            [
                (title, line["content"])
                for title, line in sorted(latest.items())
                if not line["deleted"]
            ],
        )

    def test_the_load_gathers_the_planners_statistics_on_postgresql(self):
        # Of a big wiki loaded at once, which autovacuum would gather only
        # later (a broad search reads every match without them); SQLite's
        # plans of the wiki's queries need none.
        with statements_run(self.connection) as run:
            self.load(dump_of(*WIKI))
        self.assertEqual(
            [statement for statement, _ in run if statement == "ANALYZE"],
            ["ANALYZE"] if self.connection.dialect.name == "postgresql" else [],
        )

    def test_a_dump_made_before_accounts_is_loaded(self):
        self.assertEqual(self.load(dump_of(*WIKI_1)), backup.Counts(1, 1))
        self.assertEqual(
            self.connection.execute(
                select(Revision.content, Revision.author, Revision.account)
            ).all(),
            [("Before accounts.", "anonymous", None)],
        )

    def test_password_hashes_are_dumped_only_when_asked_and_loaded(self):
        with_hash = dump_of(
            HEADER,
            account("alice", password=PasswordHasher().hash("alice's secret")),
            end(0, 0, 1),
        )
        self.load(with_hash)
        for password_hashes in (False, True):
            output = io.BytesIO()
            backup.dump(self.connection, output, password_hashes)
            lines = records(output.getvalue())
            self.assertEqual(
                ["password" in line for line in lines if line["type"] == "account"],
                [password_hashes] * 2,
            )
        log_in(self.app, Person("alice", "alice's secret"))

    def test_setup_apps_admin_stays_as_it_is(self):
        self.load(dump_of(HEADER, account(ADMIN.name, role="reader"), end(0, 0, 1)))
        log_in(self.app, ADMIN)
        self.app.get(url("accounts"), status=200)

    def test_renderings_are_made_when_pages_are_first_viewed(self):
        self.load(dump_of(*WIKI))
        self.assertEqual(
            self.table(Rendering, Rendering.page),
            [
                ("FrontPage", 2, None, None, None, None),
                ("SandBox", 1, None, None, None, None),
            ],
        )
        self.assertEqual(self.table(Link), [])
        page = self.app.get(url("page", title="FrontPage"))
        self.assertIn("Grüße aus", page.text)
        self.assertEqual(page.html.select_one("article strong").get_text(), "Zürich")
        self.assertEqual(link_class(page, "SandBox"), wikitext.EXISTING_PAGE_CLASS)
        self.assertEqual(link_class(page, "OldPage"), wikitext.MISSING_PAGE_CLASS)
        self.assertEqual(
            self.table(Link, Link.target),
            [("FrontPage", "OldPage", True), ("FrontPage", "SandBox", False)],
        )
        self.app.get(url("page", title="OldPage"), status=404)
        history = self.app.get(url("history", title="FrontPage"))
        self.assertIn("Non-ASCII ✓", history.text)

    def test_what_is_loaded_dumps_as_it_was(self):
        self.load(dump_of(*WIKI))
        dumped = records(self.dump())
        # setup-app's admin, which the dump's accounts join
        (admin,) = [line for line in dumped if line.get("name") == ADMIN.name]
        dumped.remove(admin)
        dumped[-1]["accounts"] -= 1
        self.assertEqual(dumped, records(dump_of(*WIKI)))

    def test_setup_apps_front_page_is_all_it_may_hold(self):
        store_page("SandBox", "A page of its own.")
        before = self.table(Revision, Revision.page)
        with self.assertRaises(backup.NotEmpty) as caught:
            self.load(dump_of(*WIKI))
        self.assertIn("already holds a wiki (2 pages", str(caught.exception))
        self.assertIn("Nothing was changed", str(caught.exception))
        self.assertEqual(self.table(Revision, Revision.page), before)

    def test_an_edited_or_deleted_front_page_is_a_wiki(self):
        for change in (
            lambda: store_page("FrontPage", "Edited."),
            lambda: revisions.delete_page("FrontPage", revisions.Author()),
        ):
            with self.subTest(change=change), self.connection.begin_nested() as undo:
                change()
                with self.assertRaises(backup.NotEmpty) as caught:
                    self.load(dump_of(*WIKI))
                self.assertIn("(1 page,", str(caught.exception))
                undo.rollback()

    def test_the_schema_must_be_this_codes(self):
        with self.connection.begin_nested() as undo:
            self.connection.execute(
                text("UPDATE alembic_version SET version_num = '0001'")
            )
            for run in (lambda: self.load(dump_of(*WIKI)), self.dump):
                with self.assertRaises(backup.SchemaNotCurrent) as caught:
                    run()
                self.assertIn(
                    "is at schema 0001, and this QuickWiki's is %s: "
                    "run paster setup-app" % migrations.head(),
                    str(caught.exception),
                )
            undo.rollback()

    def test_each_fault_of_a_file_is_named_with_its_line(self):
        page = "SandBox"
        cases = [
            (b"", "is empty: it is no QuickWiki dump"),
            (b"FrontPage\n", "line 1: not JSON (Expecting value at character 1)"),
            (dump_of({"type": "wiki"}), "line 1: the file is no QuickWiki dump"),
            (
                dump_of(dict(HEADER, version=3)),
                "line 1: the dump is of format version 3, and this QuickWiki "
                "reads versions 1 and 2",
            ),
            (dump_of(dict(HEADER, version=True)), "format version true"),
            (
                dump_of(dict(HEADER, pages=1)),
                "line 1: the header has unknown fields pages",
            ),
            (
                dump_of(HEADER, revision(page, 1, "x")),
                "ends at line 2 without its end line: it was cut short",
            ),
            (
                dump_of(HEADER, revision(page, 1, "x"), end(1, 2)),
                "line 3: the end line counts 0 accounts, 1 pages and 2 "
                "revisions, and the file holds 0, 1 and 1",
            ),
            (
                dump_of(HEADER, end(0, 0), revision(page, 1, "x")),
                "line 3: a line after the end line",
            ),
            (
                dump_of(HEADER, {"type": "end", "accounts": 0, "pages": 0}),
                "line 2: the end line lacks revisions",
            ),
            (
                dump_of(HEADER, revision(page, 1, "x"), account("alice"), end(1, 1, 1)),
                'line 3: a line of type "account", where a revision, a protected '
                "page or the end was expected",
            ),
            (
                dump_of(HEADER, revision(page, 1, "x", account="bob"), end(1, 1)),
                "line 2: the account of the revision, bob, has no account line",
            ),
            (
                dump_of(HEADER, account("bob"), account("Alice"), end(0, 0, 2)),
                "line 3: the account Alice comes after bob: the accounts must "
                "come in order of their names, each once",
            ),
            (
                dump_of(HEADER, account("anonymous"), end(0, 0, 1)),
                "line 2: the name of the account is not a name an account may have",
            ),
            (
                dump_of(HEADER, account("bob", role="owner"), end(0, 0, 1)),
                "line 2: the role of the account is not one of reader, editor or admin",
            ),
            (
                dump_of(HEADER, account("bob", password=5), end(0, 0, 1)),
                "line 2: the password of the account is not a string",
            ),
            (
                dump_of(HEADER, {"type": "protected", "page": page}, end(0, 0)),
                "line 2: the protected page SandBox has no revisions in the dump",
            ),
            (
                dump_of(
                    dict(HEADER, version=1),
                    revision(page, 1, "x"),
                    {"type": "end", "pages": 1, "revisions": 1},
                ),
                "line 2: the revision has unknown fields account",
            ),
            (
                dump_of(
                    HEADER, revision(page, 1, "x"), revision(page, 3, "y"), end(1, 2)
                ),
                "line 3: revision 3 of page SandBox follows revision 1: revisions "
                "are numbered without a gap",
            ),
            (
                dump_of(HEADER, revision(page, 2, "x"), end(1, 1)),
                "line 2: the first revision of page SandBox is numbered 2, not 1",
            ),
            (
                dump_of(
                    HEADER,
                    revision(page, 1, "x"),
                    revision("FrontPage", 1, "y"),
                    end(2, 2),
                ),
                "line 3: page FrontPage comes after page SandBox: the pages must "
                "come in order of their titles, each once",
            ),
            (
                dump_of(HEADER, revision("Sand Box", 1, "x"), end(1, 1)),
                "line 2: the page of the revision is no page title",
            ),
            (
                dump_of(HEADER, revision(page, "1", "x"), end(1, 1)),
                "line 2: the number of the revision is not a whole number from 1",
            ),
            (
                dump_of(HEADER, revision(page, True, "x"), end(1, 1)),
                "is not a whole number from 1",
            ),
            (
                dump_of(HEADER, revision(page, 1, "x", created="yesterday"), end(1, 1)),
                "line 2: the created of the revision is not an ISO 8601 time",
            ),
            (
                dump_of(
                    HEADER,
                    revision(page, 1, "x", created="2026-03-01T10:00:00"),
                    end(1, 1),
                ),
                "line 2: the created of the revision has no UTC offset",
            ),
            (
                dump_of(
                    HEADER,
                    revision(page, 1, "x", created="9999-12-31T23:00:00-05:00"),
                    end(1, 1),
                ),
                "line 2: the created of the revision is not a time in UTC's "
                "years 1 to 9999",
            ),
            (
                dump_of(HEADER, revision(page, 1, "x", author="a" * 81), end(1, 1)),
                "line 2: the author of the revision is longer than 80 characters",
            ),
            (
                dump_of(HEADER, revision(page, 1, "x", address=5), end(1, 1)),
                "line 2: the address of the revision is not a string",
            ),
            (
                dump_of(HEADER, revision(page, 1, "x", deleted="no"), end(1, 1)),
                "line 2: the deleted of the revision is neither true nor false",
            ),
            (
                dump_of(HEADER, revision(page, 1, "x", deleted=True), end(1, 1)),
                "line 2: the content of the revision is not empty, and the "
                "revision deletes its page",
            ),
            (
                dump_of(HEADER, revision(page, 1, "a\x00b"), end(1, 1)),
                "line 2: the content of the revision holds a NUL character",
            ),
            (
                dump_of(
                    HEADER,
                    json.dumps(revision(page, 1, "\ud800")).encode() + b"\n",
                    end(1, 1),
                ),
                "line 2: the content of the revision is not valid Unicode",
            ),
            (
                dump_of(
                    HEADER,
                    {k: v for k, v in revision(page, 1).items() if k != "content"},
                    end(1, 1),
                ),
                "line 2: the revision lacks content",
            ),
            (
                dump_of(HEADER, dict(revision(page, 1), rendering="<p>"), end(1, 1)),
                "line 2: the revision has unknown fields rendering",
            ),
            (
                dump_of(HEADER, {"type": "page", "title": page}, end(1, 1)),
                'line 2: a line of type "page", where an account, a revision, a '
                "protected page or the end was expected",
            ),
            (
                dump_of(HEADER, {"type": "x" * 100}, end(1, 1)),
                'line 2: a line of type "%s..., where' % ("x" * 36),
            ),
            (dump_of(HEADER, b"[1]\n"), "line 2: not a JSON object"),
            (
                dump_of(HEADER, b'{"type": "revision", "content": "\xff"}\n'),
                "line 2: not UTF-8 text",
            ),
            (
                dump_of(HEADER, b"[" * 100000 + b"\n"),
                "line 2: not JSON that can be read (nested too deeply)",
            ),
        ]
        for data, message in cases:
            with self.subTest(message=message):
                with self.assertRaises(backup.MalformedDump) as caught:
                    self.load(data)
                self.assertIn(message, str(caught.exception))

    def test_damaged_compression_is_a_fault_of_the_file(self):
        compressed = gzip.compress(dump_of(*WIKI))
        cut = io.BytesIO(compressed[: len(compressed) // 2])
        with self.assertRaises(backup.MalformedDump) as caught:
            self.load(gzip.GzipFile(fileobj=cut))
        self.assertIn("cannot be read (Compressed file ended", str(caught.exception))

    def test_lines_are_bounded(self):
        with mock.patch.object(backup, "MAX_LINE_BYTES", 200):
            with self.assertRaises(backup.MalformedDump) as caught:
                self.load(dump_of(HEADER, revision("SandBox", 1, "x" * 200), end(1, 1)))
        self.assertEqual(str(caught.exception), "line 2: longer than 200 bytes")

    def test_a_text_longer_than_a_page_may_be_is_a_fault(self):
        data = dump_of(HEADER, revision("SandBox", 1, "Grüße" * 10), end(1, 1))
        with self.connection.begin_nested():
            with self.assertRaises(backup.MalformedDump) as caught:
                backup.load(self.connection, io.BytesIO(data), max_size=69)
        self.assertEqual(
            str(caught.exception),
            "line 2: the content of the revision is 70 bytes long, and a page "
            "may have at most 69 (quickwiki.max_page_size)",
        )
        with self.connection.begin_nested() as undo:
            backup.load(self.connection, io.BytesIO(data), max_size=70)
            undo.rollback()


class DumpFileTest(unittest.TestCase):
    """The file a dump is written to and read from."""

    def setUp(self):
        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        self.dir = directory.name

    def path(self, name):
        return os.path.join(self.dir, name)

    def read(self, name):
        with backup.reading(self.path(name)) as stream:
            return stream.read()

    def test_a_gz_name_is_compressed_and_read_back_whatever_its_name(self):
        with backup.writing(self.path("wiki.jsonl.gz")) as output:
            output.write(b"line\n")
        with gzip.open(self.path("wiki.jsonl.gz")) as compressed:
            self.assertEqual(compressed.read(), b"line\n")
        os.rename(self.path("wiki.jsonl.gz"), self.path("wiki.backup"))
        self.assertEqual(self.read("wiki.backup"), b"line\n")

    def test_the_file_is_its_owners_only(self):
        with backup.writing(self.path("wiki.jsonl")) as output:
            output.write(b"line\n")
        mode = os.stat(self.path("wiki.jsonl")).st_mode
        self.assertEqual(stat.S_IMODE(mode), 0o600)

    def test_a_failed_dump_leaves_the_last_one_in_place(self):
        with backup.writing(self.path("wiki.jsonl")) as output:
            output.write(b"yesterday\n")
        with self.assertRaises(RuntimeError):
            with backup.writing(self.path("wiki.jsonl")) as output:
                output.write(b"today, half")
                raise RuntimeError("the database went away")
        self.assertEqual(self.read("wiki.jsonl"), b"yesterday\n")
        self.assertEqual(os.listdir(self.dir), ["wiki.jsonl"])


@contextlib.contextmanager
def model_bound_to(database_url):
    """The model's session bound to another database for the block (the
    test application's too): the database's engine."""
    engine = create_engine(database_url)
    settings = meta.Session.session_factory.kw
    saved_settings = dict(settings)
    meta.Session.remove()
    meta.Session.configure(bind=engine)
    try:
        yield engine
    finally:
        meta.Session.remove()
        settings.clear()
        settings.update(saved_settings)
        engine.dispose()


def made_alike(lines):
    """The lines of a dump, without the time setup-app made its admin: a
    load keeps the new database's own."""
    for line in lines:
        if line.get("name") == ADMIN.name:
            del line["created"]
    return lines


def dump_of_database(database_url):
    """What dump-wiki writes of a database."""
    engine = create_engine(database_url)
    try:
        output = io.BytesIO()
        with engine.connect() as connection:
            backup.dump(connection, output)
        return output.getvalue()
    finally:
        engine.dispose()


def tables(database_url):
    """Every row of every table of a database, table by table, in order
    (times as the model reads them: in UTC, whatever the backend)."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = {
                table.name: sorted(
                    tuple(row) for row in connection.execute(select(table))
                )
                for table in meta.Base.metadata.sorted_tables
            }
            rows["alembic_version"] = connection.execute(
                text("SELECT version_num FROM alembic_version")
            ).all()
            return rows
    finally:
        engine.dispose()


class PasterBackupTest(unittest.TestCase):
    """The commands, run as ``paster`` processes, on databases of their own
    made by ``paster setup-app``: SQLite files, and databases of the
    run's throwaway PostgreSQL cluster."""

    processes = True

    databases = 0

    def setUp(self):
        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        self.dir = directory.name

    def paster(self, *args):
        return subprocess.run(
            PASTER + list(args), cwd=self.dir, capture_output=True, text=True
        )

    def new_wiki(self, backend, setup=True):
        """A config on a new database of ``backend``, which setup-app has
        made (unless not ``setup``): the config's name, and the database's
        URL."""
        type(self).databases += 1
        name = "wiki%d" % self.databases
        if backend == "sqlite":
            database_url = "sqlite:///%s" % os.path.join(self.dir, name + ".db")
        else:
            database_url = pgcluster.shared().new_database(name)
        config = pgcluster.write_test_config(
            self.dir,
            os.path.join(CHECKOUT, "test.ini"),
            database_url,
            name=name + ".ini",
        )
        if setup:
            result = self.paster("setup-app", config)
            self.assertEqual(result.returncode, 0, result.stderr)
        return os.path.basename(config), database_url

    def write_source_wiki(self, database_url):
        """Pages with histories: edits in non-ASCII text with an address and
        a summary, one by an account, a deletion and a restoration, a
        protected page; the pages viewed, so that renderings and links are
        stored."""
        anonymous = revisions.Author()
        with model_bound_to(database_url) as engine:
            alice = accounts.create("alice", "alice's password")
            visitor = revisions.Author("alice", account=alice.id)
            for title, base, content, author, summary in [
                (
                    "FrontPage",
                    1,
                    "Grüße aus **Zürich**, 日本語 ✓.\n\nSee SandBox and OldPage.\n",
                    visitor,
                    "Non-ASCII ✓",
                ),
                ("SandBox", 0, "Play here.", anonymous, ""),
                ("SandBox", 1, "Play here, and there.", visitor, "More"),
                ("OldPage", 0, "Soon gone.", anonymous, ""),
            ]:
                self.assertIsInstance(
                    revisions.save(title, base, content, author, summary),
                    revisions.Saved,
                )
                meta.Session.remove()
            revisions.delete_page("OldPage", anonymous, "Gone")
            revisions.restore("SandBox", 1, 2, anonymous)
            for title in ("FrontPage", "SandBox"):
                renderings.show(title, "/{}".format)
            meta.Session.remove()
            with engine.begin() as connection:
                connection.execute(
                    update(Page).where(Page.title == "SandBox").values(protected=True)
                )

    def write(self, name, data):
        with open(os.path.join(self.dir, name), "wb") as written:
            written.write(data)

    def test_a_wiki_moves_from_sqlite_to_postgresql(self):
        source, source_url = self.new_wiki("sqlite")
        self.write_source_wiki(source_url)
        result = self.paster("dump-wiki", source, "wiki.jsonl.gz")
        self.assertEqual(
            (result.returncode, result.stdout, result.stderr),
            (0, "Dumped 2 accounts, 3 pages, 7 revisions, to wiki.jsonl.gz.\n", ""),
        )
        target, target_url = self.new_wiki("postgresql")
        result = self.paster("load-wiki", target, "wiki.jsonl.gz")
        self.assertEqual((result.returncode, result.stderr), (0, ""))
        self.assertIn("Loaded 2 accounts, 3 pages, 7 revisions", result.stdout)

        before, after = tables(source_url), tables(target_url)
        for name in ("alembic_version", "pages", "revisions"):
            # Every column of these: accounts have the same ids.
            self.assertEqual(after[name], before[name], name)
        self.assertEqual(len(before["revisions"]), 7)
        self.assertEqual(
            after["renderings"],
            [
                ("FrontPage", 2, None, None, None, None),
                ("SandBox", 3, None, None, None, None),
            ],
        )
        self.assertEqual(after["links"], [])
        with backup.reading(os.path.join(self.dir, "wiki.jsonl.gz")) as dumped:
            self.assertEqual(
                made_alike(records(dump_of_database(target_url))),
                made_alike(records(dumped.read())),
            )

        with model_bound_to(target_url):
            app = TestApp(pylons.test.pylonsapp)
            page = app.get("/FrontPage")
            self.assertIn("Grüße aus", page.text)
            self.assertEqual(link_class(page, "OldPage"), wikitext.MISSING_PAGE_CLASS)
            self.assertIn("Play here.", app.get("/SandBox").text)
            self.assertIn("Gone", app.get("/pages/history/OldPage").text)
            # Protected: only the admin edits it.
            app.get("/pages/edit/SandBox", status=403)
            login = app.get("/login").forms[0]
            login["name"], login["password"] = ADMIN
            login.submit(status=302)
            form = app.get("/pages/edit/SandBox").forms[0]
            form["content"] = "Saved on PostgreSQL."
            self.assertEqual(
                flashes(form.submit(status=302).follow()),
                ["Saved revision 4 of SandBox."],
            )

    def test_loading_into_a_wiki_is_refused_and_changes_nothing(self):
        self.write("wiki.jsonl", dump_of(*WIKI))
        for backend in ("sqlite", "postgresql"):
            with self.subTest(backend=backend):
                target, target_url = self.new_wiki(backend)
                with model_bound_to(target_url):
                    store_page("SandBox", "Already here.")
                before = tables(target_url)
                result = self.paster("load-wiki", target, "wiki.jsonl")
                self.assertEqual(result.returncode, 1)
                self.assertEqual(result.stdout, "")
                self.assertIn(
                    "The database already holds a wiki (2 pages", result.stderr
                )
                self.assertEqual(tables(target_url), before)

    def test_a_fault_late_in_a_file_loads_nothing(self):
        """After a thousand revisions were written, and setup-app's
        FrontPage removed, a fault rolls everything back."""
        lines = [HEADER] + [
            revision("SandBox", number, "Text %d." % number)
            for number in range(1, 1201)
        ]
        lines.append(revision("SandBox", 1202, "A gap."))
        self.write("wiki.jsonl", dump_of(*lines, end(1, 1201)))
        for backend in ("sqlite", "postgresql"):
            with self.subTest(backend=backend):
                target, target_url = self.new_wiki(backend)
                before = tables(target_url)
                result = self.paster("load-wiki", target, "wiki.jsonl")
                self.assertEqual((result.returncode, result.stdout), (1, ""))
                self.assertEqual(
                    result.stderr,
                    "wiki.jsonl, line 1202: revision 1202 of page SandBox "
                    "follows revision 1200: revisions are numbered without a "
                    "gap. Nothing was loaded.\n",
                )
                self.assertEqual(tables(target_url), before)

    def test_files_and_configs_that_are_not_there(self):
        config, _ = self.new_wiki("sqlite", setup=False)
        for args, message in [
            (
                ("load-wiki", config, "missing.jsonl"),
                "missing.jsonl: No such file or directory\n",
            ),
            (
                ("dump-wiki", config, "no/such/dir.jsonl"),
                "no/such/dir.jsonl: No such file or directory\n",
            ),
            (
                ("dump-wiki", "missing.ini", "wiki.jsonl"),
                "No config file %s\n" % os.path.join(self.dir, "missing.ini"),
            ),
        ]:
            with self.subTest(args=args):
                result = self.paster(*args)
                self.assertEqual((result.returncode, result.stderr), (1, message))
