"""The schema's migrations, run by ``paster setup-app``: a new database
gets the whole schema, and a database that QuickWiki 1.0 made is upgraded,
its pages becoming their first revisions."""

import configparser
import os
import sqlite3
import subprocess
import tempfile
import unittest
from datetime import datetime, timezone

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    inspect,
    select,
)
from webtest import TestApp

import pylons.test

from quickwiki import migrations
from quickwiki.model import Page, Rendering, Revision, meta
from quickwiki.tests import (
    ADMIN,
    PASTER,
    CommittingTestController,
    delete_pages,
    flashes,
    link_class,
    log_in,
    run_setup_app,
    statements_run,
    token_of,
    url,
)

HERE = os.path.dirname(os.path.abspath(__file__))
#: A wiki that QuickWiki 1.0 made (see the file's header).
LEGACY_DUMP = os.path.join(HERE, "fixtures", "quickwiki-1.0.sql")
HEAD = "0012"
#: The migration before accounts: the schema they were added to.
BEFORE_ACCOUNTS = "0003"
#: The migration that builds the search index of an existing wiki.
SEARCH_INDEX = "0010"
#: The summary of the revisions that the upgrade makes of 1.0's pages.
LEGACY_SUMMARY = "The page as it was when QuickWiki began keeping its history."

#: QuickWiki 1.0's one table, as its model defined it.
legacy_metadata = MetaData()
legacy_pages = Table(
    "pages",
    legacy_metadata,
    Column("title", String(40), primary_key=True),
    Column("content", Text, nullable=False),
)

LEGACY_ROWS = [
    {"title": "FrontPage", "content": "Welcome, from QuickWiki 1.0.\n\nSee SandBox."},
    # Saved from a browser, whose text areas send lines ending in CRLF.
    {
        "title": "SandBox",
        "content": "A <b>tag</b> &amp; naïve Ünïcode.\r\n\r\nWritten in a "
        "browser,\r\n\r\nits lines ending in CRLF.\r\n",
    },
    {"title": "EmptyPage", "content": ""},
]


def as_saved(text):
    """``text`` with its line breaks made ``\\n``, as QuickWiki saves every
    text (and as the upgrade makes the text of 1.0's pages)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def revision_rows(*fields):
    """The ``fields`` of every revision, in order of pages and numbers."""
    try:
        return [
            tuple(getattr(stored, field) for field in fields)
            for stored in meta.Session.scalars(
                select(Revision).order_by(Revision.page, Revision.number)
            )
        ]
    finally:
        meta.Session.remove()


def empty(engine):
    """Drop every table of the database of ``engine``."""
    tables = MetaData()
    tables.reflect(bind=engine)
    tables.drop_all(bind=engine)


def schema_differences(connection):
    """How the database's schema differs from the model's (Alembic's
    comparison): an empty list when they agree."""
    context = MigrationContext.configure(
        connection, opts={"include_name": migrations.in_model}
    )
    return compare_metadata(context, meta.Base.metadata)


class NewDatabaseTest(CommittingTestController):
    """Each test starts from a database that setup-app has just made.

    Migrations change the schema, and setup-app commits: these tests commit.
    """

    def test_setup_app_makes_the_schema_of_the_model(self):
        with meta.Session.get_bind().connect() as connection:
            self.assertEqual(schema_differences(connection), [])
            self.assertEqual(migrations.current(connection), HEAD)


class LegacyDatabaseTest(CommittingTestController):
    """The test database, emptied and filled as QuickWiki 1.0 would have."""

    def setUp(self):
        super().setUp()
        engine = meta.Session.get_bind()
        empty(engine)
        legacy_metadata.create_all(bind=engine)
        with engine.begin() as connection:
            connection.execute(legacy_pages.insert(), LEGACY_ROWS)

    def revisions(self):
        return revision_rows("page", "number", "content", "summary", "deleted")

    def test_setup_app_makes_each_page_its_first_revision(self):
        run_setup_app()
        self.assertEqual(
            self.revisions(),
            sorted(
                (row["title"], 1, as_saved(row["content"]), LEGACY_SUMMARY, False)
                for row in LEGACY_ROWS
            ),
        )
        with meta.Session.get_bind().connect() as connection:
            self.assertEqual(schema_differences(connection), [])
            self.assertEqual(migrations.current(connection), HEAD)

    def test_upgraded_pages_are_rendered_by_their_first_view(self):
        run_setup_app()
        page = self.app.get(url("page", title="SandBox"))
        self.assertIn("A <b>tag</b> &amp; naïve Ünïcode.", page.html.article.get_text())
        front = self.app.get(url("home"))
        self.assertEqual(link_class(front, "SandBox"), "wikilink")
        try:
            stored = meta.Session.get(Rendering, "SandBox")
            self.assertEqual(stored.revision, 1)
            self.assertIsNotNone(stored.html)
        finally:
            meta.Session.remove()

    def test_upgraded_pages_are_edited_from_their_first_revision(self):
        run_setup_app()
        form = self.edit_form("FrontPage")
        self.assertEqual(form["base"].value, "1")
        form["content"] = "Edited after the upgrade."
        form.submit(status=302)
        self.assertEqual(
            [r[:3] for r in self.revisions() if r[0] == "FrontPage"],
            [
                ("FrontPage", 1, LEGACY_ROWS[0]["content"]),
                ("FrontPage", 2, "Edited after the upgrade."),
            ],
        )

    def test_an_upgraded_page_saved_unchanged_stores_nothing(self):
        run_setup_app()
        form = self.edit_form("SandBox")
        page = form.submit(status=302).follow()
        self.assertEqual(
            flashes(page),
            ["Nothing saved: your text is that of revision 1 of SandBox already."],
        )
        self.assertEqual(len(self.revisions()), len(LEGACY_ROWS))

    def test_changes_to_other_lines_of_an_upgraded_page_merge(self):
        run_setup_app()
        mine = self.edit_form("SandBox")
        theirs = TestApp(pylons.test.pylonsapp)
        theirs_form = self.edit_form("SandBox", app=theirs)
        theirs_form["content"] = theirs_form["content"].value.replace(
            "A <b>tag</b>", "A changed <b>tag</b>"
        )
        theirs_form.submit(status=302)
        mine["content"] = mine["content"].value.replace("its lines", "its few lines")
        page = mine.submit(status=302).follow()
        self.assertEqual(
            flashes(page)[0], "Saved revision 3 of SandBox.", flashes(page)
        )
        self.assertEqual(
            self.revisions()[-1][2],
            as_saved(LEGACY_ROWS[1]["content"])
            .replace("A <b>tag</b>", "A changed <b>tag</b>")
            .replace("its lines", "its few lines"),
        )

    def test_setup_app_again_changes_nothing(self):
        run_setup_app()
        before = self.revisions()
        run_setup_app()
        self.assertEqual(self.revisions(), before)

    def test_downgrading_keeps_the_latest_text_of_each_page(self):
        run_setup_app()
        self.save("FrontPage", "Edited after the upgrade.")
        log_in(self.app, ADMIN)
        delete_pages(self.app, ["EmptyPage"])
        meta.Session.remove()
        engine = meta.Session.get_bind()
        with engine.begin() as connection:
            migrations.downgrade(connection, migrations.LEGACY_REVISION)
        with engine.connect() as connection:
            self.assertEqual(
                sorted(inspect(connection).get_table_names()),
                ["alembic_version", "pages"],
            )
            rows = connection.execute(
                select(legacy_pages).order_by(legacy_pages.c.title)
            ).all()
        self.assertEqual(
            rows,
            [
                ("FrontPage", "Edited after the upgrade."),
                ("SandBox", as_saved(LEGACY_ROWS[1]["content"])),
            ],
        )
        run_setup_app()
        self.assertEqual(len(self.revisions()), 2)


#: The tables of pages and revisions before accounts, as they were.
before_accounts = MetaData()
pages_before = Table(
    "pages",
    before_accounts,
    Column("title", String(40)),
    Column("revision", Integer),
    Column("deleted", Boolean),
)
revisions_before = Table(
    "revisions",
    before_accounts,
    Column("page", String(40)),
    Column("number", Integer),
    Column("content", Text),
    Column("created", DateTime(timezone=True)),
    Column("author", String(80)),
    Column("address", String(45)),
    Column("summary", String(200)),
    Column("deleted", Boolean),
)
#: A wiki of the schema before accounts: a page written twice, by two
#: anonymous authors, one with an address; a deleted page.
REVISIONS_BEFORE = [
    ("FrontPage", 1, "Welcome.", "anonymous", None, False),
    ("FrontPage", 2, "Welcome back.", "anonymous", "192.0.2.7", False),
    ("OldPage", 1, "Old.", "anonymous", None, False),
    ("OldPage", 2, "", "anonymous", None, True),
]


class AccountsMigrationTest(CommittingTestController):
    """The migration of accounts and roles, on a database of the schema
    before it, up and down again."""

    def setUp(self):
        super().setUp()
        engine = meta.Session.get_bind()
        empty(engine)
        created = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
        with engine.begin() as connection:
            migrations.upgrade(connection, BEFORE_ACCOUNTS)
            for title, number, _, _, _, deleted in REVISIONS_BEFORE:
                if number == 1:
                    connection.execute(
                        pages_before.insert().values(
                            title=title, revision=number, deleted=deleted
                        )
                    )
                else:
                    connection.execute(
                        pages_before.update()
                        .where(pages_before.c.title == title)
                        .values(revision=number, deleted=deleted)
                    )
            connection.execute(
                revisions_before.insert(),
                [
                    {
                        "page": page,
                        "number": number,
                        "content": content,
                        "created": created,
                        "author": author,
                        "address": address,
                        "summary": "",
                        "deleted": deleted,
                    }
                    for page, number, content, author, address, deleted in (
                        REVISIONS_BEFORE
                    )
                ],
            )

    def stored(self):
        return revision_rows(
            "page", "number", "content", "author", "account", "address"
        )

    def test_the_upgrade_keeps_every_revision_anonymous(self):
        run_setup_app()
        self.assertEqual(
            self.stored(),
            [
                (page, number, content, author, None, address)
                for page, number, content, author, address, _ in REVISIONS_BEFORE
            ],
        )
        with meta.Session.get_bind().connect() as connection:
            self.assertEqual(schema_differences(connection), [])
            self.assertEqual(migrations.current(connection), HEAD)
            self.assertEqual(
                connection.execute(select(Page.title, Page.protected)).all(),
                [("FrontPage", False), ("OldPage", False)],
            )

    def test_the_upgraded_wiki_records_accounts_and_goes_back_without_them(self):
        run_setup_app()
        admin = TestApp(pylons.test.pylonsapp)
        log_in(admin, ADMIN)
        form = admin.get(url("edit_page", title="FrontPage")).forms[0]
        form["content"] = "Welcome, from an account."
        form.submit(status=302)
        admin.post(
            url("protect", title="FrontPage"),
            {"protected": "true", "_authentication_token": token_of(admin)},
            status=302,
        )
        meta.Session.remove()
        engine = meta.Session.get_bind()
        with engine.begin() as connection:
            migrations.downgrade(connection, BEFORE_ACCOUNTS)
        with engine.connect() as connection:
            self.assertEqual(
                sorted(inspect(connection).get_table_names()),
                ["alembic_version", "links", "pages", "renderings", "revisions"],
            )
            self.assertEqual(
                connection.execute(
                    select(revisions_before.c.number, revisions_before.c.author)
                    .where(revisions_before.c.page == "FrontPage")
                    .order_by(revisions_before.c.number)
                ).all(),
                [(1, "anonymous"), (2, "anonymous"), (3, ADMIN.name)],
            )
        run_setup_app()
        with engine.connect() as connection:
            self.assertEqual(schema_differences(connection), [])


class LegacyFileTest(unittest.TestCase):
    """A copy of a SQLite database that QuickWiki 1.0 made, upgraded by
    running ``paster setup-app`` on it."""

    processes = True

    def setUp(self):
        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        self.dir = directory.name
        self.database = os.path.join(self.dir, "quickwiki.db")
        with open(LEGACY_DUMP, encoding="utf-8") as dump:
            copy = sqlite3.connect(self.database)
            copy.executescript(dump.read())
            copy.close()
        self.ini = os.path.join(self.dir, "upgrade.ini")
        config = configparser.ConfigParser(interpolation=None)
        config.read(pylons.test.pylonsapp.config["__file__"])
        config["app:main"]["sqlalchemy.url"] = "sqlite:///" + self.database
        config["app:main"]["cache_dir"] = os.path.join(self.dir, "data")
        with open(self.ini, "w", encoding="utf-8") as ini:
            config.write(ini)

    def setup_app(self):
        result = subprocess.run(
            PASTER + ["setup-app", self.ini],
            cwd=self.dir,
            capture_output=True,
            text=True,
        )
        self.assertEqual(result.returncode, 0, result.stderr)

    def query(self, sql):
        database = sqlite3.connect(self.database)
        try:
            return database.execute(sql).fetchall()
        finally:
            database.close()

    def test_setup_app_upgrades_the_wiki(self):
        before = self.query("SELECT title, content FROM pages ORDER BY title")
        self.setup_app()
        self.assertEqual(
            self.query(
                "SELECT page, number, content, author, summary, deleted "
                "FROM revisions ORDER BY page"
            ),
            [
                (title, 1, as_saved(content), "anonymous", LEGACY_SUMMARY, 0)
                for title, content in before
            ],
        )
        self.assertEqual(
            self.query("SELECT title, revision, deleted FROM pages ORDER BY title"),
            [(title, 1, 0) for title, _ in before],
        )
        self.assertEqual(
            self.query("SELECT page, revision, html FROM renderings ORDER BY page"),
            [(title, 1, None) for title, _ in before],
        )
        engine = create_engine("sqlite:///" + self.database)
        self.addCleanup(engine.dispose)
        with engine.connect() as connection:
            self.assertEqual(schema_differences(connection), [])
            self.assertEqual(migrations.current(connection), HEAD)
        self.assertIn("\r\n", dict(before)["SandBox"])

    def test_setup_app_twice_upgrades_once(self):
        self.setup_app()
        self.setup_app()
        self.assertEqual(self.query("SELECT count(*) FROM revisions"), [(3,)])
        self.assertEqual(
            self.query("SELECT version_num FROM alembic_version"), [(HEAD,)]
        )


class SearchIndexMigrationTest(CommittingTestController):
    """The migration that builds the search index of an existing wiki."""

    def test_it_gathers_the_planners_statistics_on_postgresql(self):
        # Of a big wiki's new index, which autovacuum would gather only
        # later (a broad search reads every match without them); SQLite's
        # plans of the wiki's queries need none.
        engine = meta.Session.get_bind()
        empty(engine)
        with engine.begin() as connection:
            migrations.upgrade(connection, "0009")
            with statements_run(connection) as run:
                migrations.upgrade(connection, SEARCH_INDEX)
        self.assertEqual(
            [statement for statement, _ in run if statement == "ANALYZE"],
            ["ANALYZE"] if engine.dialect.name == "postgresql" else [],
        )
