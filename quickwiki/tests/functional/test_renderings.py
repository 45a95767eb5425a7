"""Stored renderings: a page view reads one row; the HTML is made again
when it was made by another renderer, or when a page it links to is
created or deleted; and a rendering never replaces a newer one.  Old
revisions' renderings, and the renderer's failures, are kept and used
again."""

import threading
from unittest import mock

from sqlalchemy import event, select, update

import pylons.test

from quickwiki.lib import renderings, revisions, wikitext, work
from quickwiki.lib.caching import KeptPages
from quickwiki.lib.workers import WorkerTimeout
from quickwiki.model import KeptRendering, Link, Page, Rendering, meta
from quickwiki.tests import (
    ADMIN,
    CommittingTestController,
    TestController,
    delete_pages,
    link_class,
    log_in,
    store_page,
    url,
)

#: What a rolled-back test adds around each of the application's
#: transactions (see quickwiki.tests.rolled_back_session): not the
#: application's own statements.
TEST_SAVEPOINTS = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")


def rendering(title):
    """Page ``title``'s row in ``renderings``."""
    try:
        return meta.Session.get(Rendering, title)
    finally:
        meta.Session.remove()


def links(title):
    try:
        return list(
            meta.Session.scalars(
                select(Link.target).where(Link.page == title).order_by(Link.target)
            )
        )
    finally:
        meta.Session.remove()


def forget_links():
    """Empty the links table, as a database just upgraded has it."""
    try:
        with meta.transaction() as session:
            session.execute(Link.__table__.delete())
    finally:
        meta.Session.remove()


def change_rendering(title, **values):
    try:
        with meta.transaction() as session:
            session.execute(
                update(Rendering).where(Rendering.page == title).values(**values)
            )
    finally:
        meta.Session.remove()


class StatementRecorder:
    """The SQL statements the application's engine runs meanwhile."""

    def __init__(self, test):
        self.statements = []
        engine = meta.Session.get_bind()
        event.listen(engine, "before_cursor_execute", self.record)
        test.addCleanup(event.remove, engine, "before_cursor_execute", self.record)

    def record(self, connection, cursor, statement, parameters, context, many):
        if not statement.startswith(TEST_SAVEPOINTS):
            self.statements.append(statement)


class WikiTest(TestController):
    def link_class(self, title, target):
        return link_class(self.app.get(url("page", title=title)), target)


class StoredRenderingTest(WikiTest):
    def test_saving_stores_the_html_and_the_links(self):
        self.save(
            "SomePage",
            "See FrontPage, NewPage and ``NotLinked``.\n\n::\n\n    NotLinkedEither\n",
        )
        stored = rendering("SomePage")
        self.assertEqual(
            (stored.revision, stored.renderer), (1, wikitext.RENDERER_VERSION)
        )
        self.assertIn('href="/NewPage"', stored.html)
        self.assertEqual(links("SomePage"), ["FrontPage", "NewPage"])

    def test_a_page_view_runs_one_select_of_one_row(self):
        self.save("SomePage", "See FrontPage and NewPage.")
        recorder = StatementRecorder(self)
        page = self.app.get(url("page", title="SomePage"))
        self.assertIn("See", page.html.article.get_text())
        self.assertEqual(len(recorder.statements), 1, recorder.statements)
        statement = recorder.statements[0]
        self.assertTrue(statement.startswith("SELECT"), statement)
        self.assertIn("FROM renderings", statement)

    def test_a_page_view_does_not_render(self):
        self.save("SomePage", "Real text.")
        change_rendering("SomePage", html="<p>Stored HTML.</p>")
        page = self.app.get(url("page", title="SomePage"))
        self.assertEqual(page.html.article.get_text().strip(), "Stored HTML.")

    def test_html_made_by_another_renderer_is_never_shown(self):
        self.save("SomePage", "Real *text*.")
        change_rendering(
            "SomePage",
            html="<p>Made by the old renderer.</p>",
            renderer="quickwiki-wikitext-0",
        )
        page = self.app.get(url("page", title="SomePage"))
        self.assertNotIn("old renderer", page)
        self.assertIn("Real <em>text</em>.", page.html.article.decode_contents())
        stored = rendering("SomePage")
        self.assertEqual(stored.renderer, wikitext.RENDERER_VERSION)
        self.assertIn("<em>text</em>", stored.html)

    def test_a_page_without_html_is_rendered_and_stored_by_its_view(self):
        self.save("SomePage", "See NewPage.")
        change_rendering("SomePage", html=None, renderer=None)
        forget_links()
        self.assertIn("NewPage", self.app.get(url("page", title="SomePage")))
        self.assertIsNotNone(rendering("SomePage").html)
        self.assertEqual(links("SomePage"), ["NewPage"])


class FailedRenderingTest(WikiTest):
    """What the renderer says of a text it cannot render is stored like any
    rendering, so such a page costs a worker once; the message that no
    worker was free is shown but never stored: the next view tries again."""

    def test_a_text_the_renderer_refuses_is_rendered_once(self):
        limit = pylons.test.pylonsapp.config["pylons.app_globals"].max_page_size
        store_page("HugePage", "x" * (limit + 1))
        self.app.get(url("page", title="HugePage"))
        self.assertIn(wikitext.RENDER_ERROR_CLASS, rendering("HugePage").html)
        with mock.patch.object(
            wikitext, "render", side_effect=AssertionError("rendered again")
        ):
            page = self.app.get(url("page", title="HugePage"))
        self.assertIsNotNone(page.html.select_one("." + wikitext.RENDER_ERROR_CLASS))

    def test_a_save_no_worker_could_render_leaves_it_to_the_next_view(self):
        busy = wikitext.Deferred(
            '<div class="%s"><p>Busy.</p></div>' % wikitext.RENDER_ERROR_CLASS
        )
        with mock.patch.object(wikitext, "render", return_value=wikitext.Output(busy)):
            self.save("SomePage", "Some *text*.")
        self.assertEqual(
            (rendering("SomePage").revision, rendering("SomePage").html), (1, None)
        )
        page = self.app.get(url("page", title="SomePage"))
        self.assertIn("Some <em>text</em>.", page.html.article.decode_contents())
        self.assertIsNotNone(rendering("SomePage").html)


class LinkStyleTest(WikiTest):
    """Creating or deleting a page restyles the links to it."""

    def setUp(self):
        super().setUp()
        self.save("SomePage", "See NewPage.")

    def test_creating_a_linked_page_restyles_the_links(self):
        self.assertEqual(
            self.link_class("SomePage", "NewPage"), wikitext.MISSING_PAGE_CLASS
        )
        self.save("NewPage", "Now written.")
        self.assertIsNone(rendering("SomePage").html)
        self.assertEqual(
            self.link_class("SomePage", "NewPage"), wikitext.EXISTING_PAGE_CLASS
        )

    def test_deleting_a_linked_page_restyles_the_links(self):
        self.save("NewPage", "Now written.")
        log_in(self.app, ADMIN)
        delete_pages(self.app, ["NewPage"])
        self.assertEqual(
            self.link_class("SomePage", "NewPage"), wikitext.MISSING_PAGE_CLASS
        )

    def test_restoring_a_deleted_page_restyles_the_links(self):
        self.save("NewPage", "Now written.")
        log_in(self.app, ADMIN)
        delete_pages(self.app, ["NewPage"])
        self.app.get(url("revision", title="NewPage", number=1)).forms[0].submit()
        self.assertEqual(
            self.link_class("SomePage", "NewPage"), wikitext.EXISTING_PAGE_CLASS
        )

    def test_editing_a_linked_page_keeps_the_html_of_the_pages_linking_to_it(self):
        self.save("NewPage", "Now written.")
        self.app.get(url("page", title="SomePage"))
        self.save("NewPage", "Written again.")
        self.assertIsNotNone(rendering("SomePage").html)

    def test_a_page_linking_to_itself_shows_the_link_as_existing(self):
        self.save("SelfPage", "This is SelfPage.")
        self.assertEqual(
            self.link_class("SelfPage", "SelfPage"), wikitext.EXISTING_PAGE_CLASS
        )
        self.assertIsNotNone(rendering("SelfPage").html)


class OwnConnectionTest(WikiTest, CommittingTestController):
    """A view reads its rows on a DB-API connection of its own, with no
    session transaction to begin and end around it, and none of Core's
    execution (meta.read_one, read_all); the application's engine is the
    session's here: these tests commit."""

    def transactions_begun(self):
        """The session transactions begun from now on."""
        begun = []

        def record(session, transaction, connection):
            begun.append(transaction)

        event.listen(meta.Session, "after_begin", record)
        self.addCleanup(event.remove, meta.Session, "after_begin", record)
        return begun

    def checkouts(self):
        """The connections taken from the engine's pool from now on."""
        taken = []

        def record(dbapi_connection, record, proxy):
            taken.append(dbapi_connection)

        engine = meta.Session.get_bind()
        event.listen(engine, "checkout", record)
        self.addCleanup(event.remove, engine, "checkout", record)
        return taken

    def test_a_page_view_and_its_304_read_on_a_connection_of_their_own(self):
        # Each reads the page: none is kept fresh (quickwiki.lib.caching).
        settings = pylons.test.pylonsapp.config["pylons.app_globals"]
        unkept = mock.patch.object(settings, "kept_pages", KeptPages(0))
        unkept.start()
        self.addCleanup(unkept.stop)
        store_page("SomePage", "See FrontPage.")
        # The first view renders the page and stores it.
        etag = self.app.get(url("page", title="SomePage")).headers["ETag"]
        recorder = StatementRecorder(self)
        begun = self.transactions_begun()
        taken = self.checkouts()
        page = self.app.get(url("page", title="SomePage"))
        self.assertIn("See", page.html.article.get_text())
        self.app.get(
            url("page", title="SomePage"), headers={"If-None-Match": etag}, status=304
        )
        self.assertEqual(recorder.statements, [])
        self.assertEqual(begun, [])
        self.assertEqual(len(taken), 2)

    def read_as_core_reads(self, statement, parameters):
        """The one row of ``statement`` read by meta.read_one, having
        checked that it is the row Core reads, names and values."""
        own = meta.read_one(statement, parameters)
        try:
            core = meta.Session.execute(statement, parameters).one()
        finally:
            meta.Session.remove()
        self.assertEqual(tuple(own), tuple(core))
        self.assertEqual(own._fields, tuple(core._fields))
        return own

    def test_a_row_read_so_has_the_values_core_reads(self):
        store_page("SomePage", "Title\n=====\n\n.. bogus::\n\nSee FrontPage.")
        self.app.get(url("page", title="SomePage"))
        with meta.transaction() as session:
            session.execute(
                update(Page).where(Page.title == "SomePage").values(protected=True)
            )
        meta.Session.remove()
        own = self.read_as_core_reads(renderings._STORED, {"title": "SomePage"})
        self.assertIs(own.protected, True)
        self.assertTrue(own.problems)
        self.assertIsNotNone(own.created.tzinfo)

    def test_an_edit_forms_row_read_so_has_the_values_core_reads(self):
        store_page("SomePage", ".. bogus::\n\nSee FrontPage.")
        self.app.get(url("page", title="SomePage"))
        meta.Session.remove()
        own = self.read_as_core_reads(renderings._EDITED, {"title": "SomePage"})
        self.assertIs(own.protected, False)
        self.assertIs(own.has_html, True)
        self.assertTrue(own.problems)

    def read_on_connections_of_its_own(self, address, reads):
        """The page at ``address``, having asked it and checked that it
        made ``reads`` reads on connections of their own: no statement
        through Core, no session transaction."""
        recorder = StatementRecorder(self)
        begun = self.transactions_begun()
        taken = self.checkouts()
        page = self.app.get(address)
        self.assertEqual(recorder.statements, [])
        self.assertEqual(begun, [])
        self.assertEqual(len(taken), reads)
        return page

    def test_a_history_reads_its_head_and_rows_on_connections_of_their_own(self):
        store_page("SomePage", "First.")
        store_page("SomePage", "Second.")
        page = self.read_on_connections_of_its_own(url("history", title="SomePage"), 2)
        numbers = [cell.get_text() for cell in page.html.select("td.number")]
        self.assertEqual(numbers, ["2", "1"])

    def test_rows_read_so_have_the_values_core_reads(self):
        store_page("SomePage", "First.")
        store_page("SomePage", "Second.")
        parameters = {"title": "SomePage", "before": 3, "count": 50}
        own = meta.read_all(revisions._HISTORY, parameters)
        try:
            core = meta.Session.execute(revisions._HISTORY, parameters).all()
        finally:
            meta.Session.remove()
        self.assertEqual(len(own), 2)
        self.assertEqual([tuple(row) for row in own], [tuple(row) for row in core])
        self.assertEqual(own[0]._fields, tuple(core[0]._fields))
        self.assertIsNotNone(own[0].created.tzinfo)

    def test_the_title_list_reads_its_titles_on_a_connection_of_its_own(self):
        store_page("SomePage", "Text.")
        page = self.read_on_connections_of_its_own(url("pages"), 1)
        titles = [link.get_text() for link in page.html.select("ul.titles a")]
        self.assertEqual(titles, ["FrontPage", "SomePage"])

    def test_an_edit_form_reads_once_on_a_connection_of_its_own(self):
        store_page("SomePage", "First.")
        store_page("SomePage", "Second.")
        self.app.get(url("page", title="SomePage"))  # stores its rendering
        page = self.read_on_connections_of_its_own(
            url("edit_page", title="SomePage"), 1
        )
        form = page.forms[0]
        self.assertEqual(form["base"].value, "2")
        self.assertEqual(form["content"].value, "Second.")

    def test_a_read_in_a_transaction_sees_its_writes(self):
        self.save("SomePage", "Text.")
        self.addCleanup(meta.Session.remove)
        meta.Session.execute(
            update(Rendering)
            .where(Rendering.page == "SomePage")
            .values(html="<p>Not committed.</p>")
        )
        shown = renderings.show("SomePage", lambda title: "/" + title)
        self.assertEqual(shown.html, "<p>Not committed.</p>")


class RenderingRaceTest(WikiTest, CommittingTestController):
    """What happens between a view's reading a page and its storing the
    rendering: another thread saves, or creates a linked page.  That
    thread has a connection of its own: these tests commit."""

    def meanwhile(self, title, action):
        """Run ``action`` in another thread just before the rendering of
        page ``title`` is stored, once.
        """
        done = []

        def hook(connection, cursor, statement, parameters, context, many):
            if (
                not done
                and statement.startswith("UPDATE renderings SET html")
                and title in str(parameters)
            ):
                done.append(True)
                thread = threading.Thread(target=action)
                thread.start()
                thread.join()

        engine = meta.Session.get_bind()
        event.listen(engine, "before_cursor_execute", hook)
        self.addCleanup(event.remove, engine, "before_cursor_execute", hook)
        return done

    def test_a_rendering_never_replaces_a_newer_revision(self):
        self.save("SomePage", "First text.")
        change_rendering("SomePage", html=None, renderer=None)
        done = self.meanwhile(
            "SomePage", lambda: store_page("SomePage", "Second text.")
        )
        self.app.get(url("page", title="SomePage"))
        self.assertEqual(done, [True])
        stored = rendering("SomePage")
        self.assertEqual(stored.revision, 2)
        self.assertIsNone(stored.html)
        self.assertIn("Second text.", self.app.get(url("page", title="SomePage")))

    def test_a_page_created_while_rendering_restyles_the_link(self):
        # The first rendering of SomePage: its links are not stored yet, so
        # the creation of NewPage cannot find SomePage among its linkers.
        self.save("SomePage", "See NewPage.")
        change_rendering("SomePage", html=None, renderer=None)
        forget_links()
        done = self.meanwhile("SomePage", lambda: store_page("NewPage", "Now written."))
        self.app.get(url("page", title="SomePage"))
        self.assertEqual(done, [True])
        self.assertEqual(
            self.link_class("SomePage", "NewPage"), wikitext.EXISTING_PAGE_CLASS
        )


class KeptRenderingTest(WikiTest):
    """Old revisions' renderings and the renderer's failures are kept by
    the digest of their text: each is rendered once."""

    def setUp(self):
        super().setUp()
        self.save("SomePage", "First, linking to NewPage.")
        self.save("SomePage", "Second.")

    def view_first_revision(self):
        return self.app.get(url("revision", title="SomePage", number=1))

    def test_an_old_revision_is_rendered_once(self):
        self.assertIn("First", self.view_first_revision().html.article.get_text())
        with mock.patch.object(
            wikitext, "render", side_effect=AssertionError("rendered again")
        ):
            page = self.view_first_revision()
        self.assertIn("First", page.html.article.get_text())

    def test_the_latest_revision_is_the_stored_rendering(self):
        change_rendering("SomePage", html="<p>Stored HTML.</p>")
        page = self.app.get(url("revision", title="SomePage", number=2))
        self.assertEqual(page.html.article.get_text().strip(), "Stored HTML.")

    def test_a_kept_rendering_is_made_again_when_a_linked_page_comes(self):
        self.assertEqual(
            link_class(self.view_first_revision(), "NewPage"),
            wikitext.MISSING_PAGE_CLASS,
        )
        self.save("NewPage", "Now it exists.")
        self.assertEqual(
            link_class(self.view_first_revision(), "NewPage"),
            wikitext.EXISTING_PAGE_CLASS,
        )

    def test_a_kept_rendering_of_another_renderer_is_never_shown(self):
        self.view_first_revision()
        try:
            with meta.transaction() as session:
                session.execute(
                    update(KeptRendering).values(
                        html="<p>Old renderer.</p>", renderer="quickwiki-wikitext-0"
                    )
                )
        finally:
            meta.Session.remove()
        self.assertIn("First", self.view_first_revision().html.article.get_text())

    def test_a_text_past_its_deadline_is_not_tried_again(self):
        form = self.edit_form("SomePage", "Too slow to render.")
        with mock.patch.object(
            work, "run", side_effect=WorkerTimeout("still running after 10 seconds")
        ):
            first = form.submit("preview")
        self.assertIn("still running", first.html.select_one(".preview").get_text())
        with mock.patch.object(work, "run", side_effect=AssertionError("tried again")):
            again = form.submit("preview")
        self.assertIn("still running", again.html.select_one(".preview").get_text())

    def test_a_text_cut_short_by_the_budget_is_tried_again(self):
        form = self.edit_form("SomePage", "Rendered next time.")
        with mock.patch.object(
            work, "run", side_effect=work.BudgetSpent("the request's time ran out")
        ):
            form.submit("preview")
        page = form.submit("preview")
        self.assertIn(
            "Rendered next time.", page.html.select_one(".preview").get_text()
        )

    def test_an_old_revision_cut_short_by_the_budget_is_tried_again(self):
        with mock.patch.object(
            work, "run", side_effect=work.BudgetSpent("the request's time ran out")
        ):
            self.view_first_revision()
        self.assertEqual(kept_digests(), [])
        self.assertIn("First", self.view_first_revision().html.article.get_text())

    def test_the_oldest_are_dropped_beyond_the_budget(self):
        self.addCleanup(renderings.configure)
        renderings.configure(kept_size=0)
        self.view_first_revision()
        self.assertEqual(kept_digests(), [])
        renderings.configure(kept_size=10_000)
        for number in range(3, 7):
            self.save("SomePage", "Revision %d." % number)
        for number in range(1, 5):
            self.app.get(url("revision", title="SomePage", number=number))
        digests, sizes = kept_digests(), kept_sizes()
        self.assertEqual(len(digests), 4)
        renderings.configure(kept_size=sum(sizes))
        self.app.get(url("revision", title="SomePage", number=5))
        self.assertEqual(kept_digests()[:3], digests[1:])
        self.assertEqual(len(kept_digests()), 4)


def kept_digests():
    return [digest for digest, _ in _kept()]


def kept_sizes():
    return [size for _, size in _kept()]


def _kept():
    """The kept renderings' digests and sizes, oldest first."""
    try:
        return list(
            meta.Session.execute(
                select(KeptRendering.digest, KeptRendering.size).order_by(
                    KeptRendering.kept
                )
            )
        )
    finally:
        meta.Session.remove()
