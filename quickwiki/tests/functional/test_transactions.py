"""A write that fails leaves the database as it was, and shows a 500 page.

These tests commit for real: a savepoint rolled back inside the test's own
transaction would not show that the database itself is left as it was.
"""

from sqlalchemy import event

from quickwiki.lib import revisions
from quickwiki.model import meta
from quickwiki.tests import (
    ADMIN,
    FRONT_PAGE_CONTENT,
    CommittingTestController,
    store_page,
    stored_content,
    stored_titles,
    ticked_title_list,
    url,
)

#: WebTest asks the error middleware to let exceptions through to the test
#: (``paste.throw_errors``); these tests look at the page a browser gets.
AS_SERVED = {"paste.throw_errors": False}


class FailingWriteTest(CommittingTestController):
    log_in_as = ADMIN

    def fail_on(self, statement_start, title):
        """Make the database fail the statements starting with
        ``statement_start`` that are about page ``title``.
        """

        def fail(connection, cursor, statement, parameters, context, many):
            if statement.startswith(statement_start) and title in str(parameters):
                raise RuntimeError("simulated database failure")

        engine = meta.Session.get_bind()
        event.listen(engine, "before_cursor_execute", fail)
        self.addCleanup(event.remove, engine, "before_cursor_execute", fail)

    def assert_server_error_document(self, response):
        self.assertEqual(
            response.html.h1.get_text(), "Error 500: Internal Server Error"
        )
        self.assertNotIn("simulated database failure", response)
        self.assertNotIn("Traceback", response)

    def save(self, title, content):
        """Save as served: the answer is the error document."""
        return super().save(
            title, content, status=500, expect_errors=True, extra_environ=AS_SERVED
        )

    def latest_number(self, title):
        """The number of page ``title``'s latest revision; None: no page."""
        try:
            latest = revisions.head(title)
            return None if latest is None else latest.number
        finally:
            meta.Session.remove()

    def test_failed_update_keeps_the_old_source(self):
        # The page's row has moved to revision 2 when the revision fails.
        self.fail_on("INSERT INTO revisions", "FrontPage")
        self.assert_server_error_document(self.save("FrontPage", "Changed."))
        self.assertEqual(stored_content("FrontPage"), FRONT_PAGE_CONTENT)
        self.assertEqual(self.latest_number("FrontPage"), 1)

    def test_failed_insert_creates_no_page(self):
        self.fail_on("INSERT INTO renderings", "NewPage")
        self.assert_server_error_document(self.save("NewPage", "Text."))
        self.assertEqual(stored_titles(), ["FrontPage"])
        self.assertIsNone(self.latest_number("NewPage"))

    def test_failed_save_flashes_nothing(self):
        self.fail_on("INSERT INTO revisions", "FrontPage")
        self.save("FrontPage", "Changed.")
        page = self.app.get(url("page", title="FrontPage"))
        self.assertEqual(page.html.select("ul.flash li"), [])

    def test_failed_delete_keeps_the_page(self):
        store_page("AlphaPage", "")
        store_page("BetaPage", "")
        # Each page is deleted in a transaction of its own: AlphaPage's
        # deletion is done when BetaPage's fails half-way.
        self.fail_on("DELETE FROM renderings", "BetaPage")
        form = ticked_title_list(self.app, ["AlphaPage", "BetaPage"]).submit().forms[0]
        self.assert_server_error_document(
            form.submit(status=500, expect_errors=True, extra_environ=AS_SERVED)
        )
        self.assertEqual(stored_titles(), ["BetaPage", "FrontPage"])
        self.assertEqual(self.latest_number("BetaPage"), 1)
        self.assertEqual(self.latest_number("AlphaPage"), 2)
