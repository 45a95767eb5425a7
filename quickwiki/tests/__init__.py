"""QuickWiki's tests, run by nose2 with the ``pylons.test`` plugin.

The plugin loads the application from test.ini (or the config that
``--test-config`` names, as :mod:`quickwiki.tests.pgcluster` does for
PostgreSQL) before any test module is imported, into
:data:`pylons.test.pylonsapp`.  Tests talk to it through WebTest; :data:`url`
generates the application's URLs there, as it does in the controllers.

Each test starts from the database that ``paster setup-app`` makes, in one
of two ways, as Pyramid's wiki2 tests do:

- :class:`TestController`: the test runs inside one database transaction
  that is rolled back after it.  The application's session is bound to one
  connection holding that transaction, and each transaction the
  application begins becomes a savepoint inside it.  This is the default.
- :class:`CommittingTestController`: the test's requests really commit.
  For what a savepoint cannot show: a write that fails and must leave the
  database as it was, requests from several threads or processes,
  ``paster setup-app``, a second application loaded.  The database is
  made afresh before such a test, and before the next rolled-back test.

Those tests, and any other test class with a true ``database`` attribute,
run on the database of the test config: they are the ones the PostgreSQL
run repeats (``nose2 -A database``).  The others need no database, or make
their own, and run once (``nose2 -A '!database'``); those of them with a
true ``processes`` attribute run ``paster`` commands and servers as
processes, mostly waiting for them, which ``scripts/run-tests`` runs beside
the rest.
"""

import contextlib
import os
import re
import subprocess
import sys
import unittest
from typing import NamedTuple
from unittest import mock

from hypothesis import HealthCheck, settings
from paste.script.appinstall import SetupCommand
from routes.util import URLGenerator
from sqlalchemy import MetaData, event, select
from webtest import TestApp

import pylons
import pylons.test

from quickwiki.lib import accounts, limiting, revisions
from quickwiki.lib.caching import KeptPages
from quickwiki.model import Page, Revision, live, meta

__all__ = [
    "ADMIN",
    "CHECKOUT",
    "FRONT_PAGE_CONTENT",
    "PASTER",
    "CommittingTestController",
    "Person",
    "TestController",
    "delete_pages",
    "flashes",
    "link_class",
    "log_in",
    "make_account",
    "make_wiki",
    "offered_forms",
    "paster",
    "reset_database",
    "rolled_back_session",
    "run_setup_app",
    "store_page",
    "stored_content",
    "stored_history",
    "stored_titles",
    "ticked_title_list",
    "token_of",
    "url",
]

# The property tests' Hypothesis profile: no deadline for an example, as
# the work runs in workers that have their own; in CI (CI set), a fixed,
# derandomised set of examples, so that a run fails or passes the same on
# any CI machine; a developer's run draws new ones each time.
settings.register_profile(
    "dev",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "ci", settings.get_profile("dev"), derandomize=True, database=None
)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

#: Generates the application's URLs, as ``url`` does in its controllers.
url = pylons.url

#: The top of the checkout: development.ini, test.ini, test-artifacts/.
CHECKOUT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

#: The text of the FrontPage that ``paster setup-app`` writes.
FRONT_PAGE_CONTENT = "**Welcome** to the QuickWiki front page!"

#: ``paster``, as the Python running the tests has it, wherever its scripts are.
PASTER = [sys.executable, "-c", "from paste.script.command import run; run()"]


class Person(NamedTuple):
    """Someone with an account: its name and password."""

    name: str
    password: str


#: The admin that ``paster setup-app`` makes from test.ini.
ADMIN = Person("Admin", "admin-password-of-the-tests")

#: Whether the database is as ``paster setup-app`` left it, to our knowledge.
_database_is_fresh = False


def paster(directory, *args, **environ):
    """Run ``paster args`` in ``directory``, as a process, with ``environ``
    added to its environment; it must succeed."""
    result = subprocess.run(
        PASTER + list(args),
        cwd=directory,
        capture_output=True,
        text=True,
        env=dict(os.environ, **environ),
    )
    if result.returncode != 0:
        raise AssertionError("paster %s failed:\n%s" % (" ".join(args), result.stderr))


def make_wiki(directory, settings=(), **environ):
    """A wiki as the deployment guide makes one, in ``directory``: ``paster
    make-config QuickWiki prod.ini``, with ``settings`` (name and value
    pairs) in place of the values it writes, then ``paster setup-app``,
    with ``environ`` added to its environment."""
    paster(directory, "make-config", "QuickWiki", "prod.ini")
    path = os.path.join(directory, "prod.ini")
    with open(path, encoding="utf-8") as ini:
        config = ini.read()
    for name, value in dict(settings).items():
        line = re.compile(r"^%s = .*$" % re.escape(name), re.MULTILINE)
        assert len(line.findall(config)) == 1, "make-config writes no %s" % name
        # A function, so that a backslash in the value stays one.
        config = line.sub(lambda _match, new="%s = %s" % (name, value): new, config)
    with open(path, "w", encoding="utf-8") as ini:
        ini.write(config)
    paster(directory, "setup-app", "prod.ini", **environ)


def run_setup_app():
    """Run ``paster setup-app`` on the test configuration."""
    # setup-app binds the model anew, which no session may outlive.
    meta.Session.remove()
    SetupCommand("setup-app").run(["-q", pylons.test.pylonsapp.config["__file__"]])


def reset_database():
    """Drop every table of the test database, Alembic's too, then run
    ``paster setup-app``.
    """
    global _database_is_fresh
    engine = meta.Session.get_bind()
    tables = MetaData()
    tables.reflect(bind=engine)
    tables.drop_all(bind=engine)
    run_setup_app()
    _database_is_fresh = True


def _forget_database_state():
    """After a test that committed: the next test that needs it resets the database."""
    global _database_is_fresh
    _database_is_fresh = False


@contextlib.contextmanager
def statements_run(connection):
    """The SQL statements run through ``connection`` (a SQLAlchemy
    Connection) within the block, each ``(statement, parameters)`` as the
    driver is given them."""
    run = []

    def remember(conn, cursor, statement, parameters, context, executemany):
        run.append((statement, parameters))

    event.listen(connection, "before_cursor_execute", remember)
    try:
        yield run
    finally:
        event.remove(connection, "before_cursor_execute", remember)


@contextlib.contextmanager
def rolled_back_session():
    """Bind the model's session to a transaction that is rolled back at the end.

    Within the block, every transaction of the session (the application's
    and the test's own) is a savepoint inside one outer transaction of one
    connection, which leaving the block rolls back.  Requests made through
    WebTest run in the test's thread, and so share that connection.
    """
    engine = meta.Session.get_bind()
    meta.Session.remove()
    settings = meta.Session.session_factory.kw
    saved_settings = dict(settings)
    with engine.connect() as connection:
        transaction = connection.begin()
        if (
            connection.dialect.name == "sqlite"
            and not connection.connection.driver_connection.in_transaction
        ):
            # pysqlite begins a transaction only before a write, and a
            # SAVEPOINT outside one starts one that RELEASE commits: begin
            # the outer transaction ourselves.
            connection.exec_driver_sql("BEGIN")
        meta.Session.configure(
            bind=connection, join_transaction_mode="create_savepoint"
        )
        try:
            yield connection
        finally:
            meta.Session.remove()
            transaction.rollback()
            settings.clear()
            settings.update(saved_settings)


def store_page(title, content):
    """Save ``content`` as the next revision of page ``title``, without
    going through the application.
    """
    try:
        latest = revisions.head(title)
        revisions.save(
            title, 0 if latest is None else latest.number, content, revisions.Author()
        )
    finally:
        meta.Session.remove()


def stored_content(title):
    """The text of page ``title``'s latest revision, or None when it has
    no page (or it was deleted).
    """
    try:
        latest = revisions.head(title)
        return None if latest is None or latest.deleted else latest.content
    finally:
        meta.Session.remove()


def stored_history(title):
    """Page ``title``'s revisions, oldest first (none: no page)."""
    try:
        return list(
            meta.Session.scalars(
                select(Revision).where(Revision.page == title).order_by(Revision.number)
            )
        )
    finally:
        meta.Session.remove()


def stored_titles():
    """The titles of the pages in the database (not deleted), in order."""
    try:
        return list(
            meta.Session.scalars(select(Page.title).where(live()).order_by(Page.title))
        )
    finally:
        meta.Session.remove()


def ticked_title_list(app, titles):
    """The title list's delete form, with ``titles`` ticked."""
    form = app.get(url("pages")).forms[0]
    ticked = {"delete-" + title for title in titles}
    for box in form.fields["title"]:
        box.checked = box.id in ticked
    return form


def delete_pages(app, titles, summary=""):
    """Tick ``titles`` in the title list and confirm: the redirect."""
    form = ticked_title_list(app, titles).submit(status=200).forms[0]
    form["summary"] = summary
    return form.submit(status=302)


def make_account(name, role="editor", password=None):
    """Make an account with ``role``, without going through the
    application: the :class:`Person` to log in as."""
    password = password or "password of %s" % name
    try:
        accounts.create(name, password, role)
    finally:
        meta.Session.remove()
    return Person(name, password)


def log_in(app, person):
    """Log the browser of ``app`` in as ``person``: the redirect."""
    form = app.get(url("login")).forms[0]
    form["name"] = person.name
    form["password"] = person.password
    return form.submit(status=302)


def token_of(app):
    """The CSRF token of ``app``'s session, from a page's form."""
    page = app.get(url("login"))
    return page.html.select_one("input[name=_authentication_token]")["value"]


def link_class(page, target):
    """The style of the link to page ``target`` on a page (a response
    with ``html``): the last class of the link in its article."""
    return page.html.select_one('article a[href="/%s"]' % target)["class"][-1]


def offered_forms(response):
    """The forms a page offers, but the layout's search form."""
    return [
        form
        for key, form in sorted(response.forms.items(), key=str)
        if isinstance(key, int) and form.id != "site-search"
    ]


def flashes(response):
    """The texts of the flash messages on a page."""
    return [item.get_text() for item in response.html.select("ul.flash li")]


class TestController(unittest.TestCase):
    """A test of the whole application, in a transaction rolled back after it.

    ``self.app`` is a browser of the application, logged in as
    ``log_in_as`` (a :class:`Person`) when it is set.
    """

    log_in_as = None

    #: It runs on the test config's database (see the module's documentation).
    database = True

    def setUp(self):
        self.start_database()
        config = pylons.test.pylonsapp.config
        # Pages kept by an earlier test show its rolled-back revisions.
        settings = config["pylons.app_globals"]
        kept = mock.patch.object(
            settings, "kept_pages", KeptPages(settings.kept_pages.size)
        )
        kept.start()
        self.addCleanup(kept.stop)
        self.app = TestApp(pylons.test.pylonsapp)
        url._push_object(URLGenerator(config["routes.map"], {}))
        self.addCleanup(url._pop_object)
        if self.log_in_as is not None:
            log_in(self.app, self.log_in_as)

    def start_database(self):
        """Start from setup-app's database, in a transaction to roll back."""
        if not _database_is_fresh:
            reset_database()
        session = rolled_back_session()
        session.__enter__()
        self.addCleanup(session.__exit__, None, None, None)

    def edit_form(self, title, content=None, app=None):
        """Page ``title``'s edit form, opened in ``app`` (the test's own by
        default), with ``content`` filled in when given.
        """
        form = (app or self.app).get(url("edit_page", title=title)).forms[0]
        if content is not None:
            form["content"] = content
        return form

    def save(self, title, content, summary=None, status=302, **submit):
        """Save ``content`` as page ``title`` through its edit form, with
        ``summary`` when given: the response, of the ``status`` expected
        (WebTest's ``submit`` takes ``submit``).
        """
        form = self.edit_form(title, content)
        if summary is not None:
            form["summary"] = summary
        return form.submit(status=status, **submit)

    def use_limiter(self, rules):
        """Put a limiter of the default rules but ``rules`` (a dict of rule
        names to limits) in the application's place for the test."""
        limiter = limiting.Limiter(
            dict(limiting.DEFAULT_RULES, **rules),
            limiting.DEFAULT_SHARES,
            limiting.DatabaseStorage(),
        )
        app_globals = pylons.test.pylonsapp.config["pylons.app_globals"]
        patcher = mock.patch.object(app_globals, "limiter", limiter)
        patcher.start()
        self.addCleanup(patcher.stop)
        return limiter

    def assert_document(self, response, heading, detail=None):
        """``response`` is the error document with ``heading`` (and ``detail``)."""
        document = response.html.select_one("div.error-document")
        self.assertIsNotNone(document, "not the error controller's document")
        self.assertEqual(response.html.h1.get_text(), heading)
        if detail is not None:
            self.assertIn(detail, document.select_one(".detail").get_text())


class CommittingTestController(TestController):
    """A test of the whole application whose requests commit."""

    def start_database(self):
        """Start from a database that setup-app has just made."""
        reset_database()
        self.addCleanup(_forget_database_state)
        self.addCleanup(meta.Session.remove)
