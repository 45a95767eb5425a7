"""A write that fails leaves the database as it was, and shows a 500 page."""
from sqlalchemy import event

from quickwiki.model import Page
from quickwiki.tests import (
    TestController, store_page, stored_content, stored_titles, ticked_title_list,
    url,
)


#: WebTest asks the error middleware to let exceptions through to the test
#: (``paste.throw_errors``); these tests look at the page a browser gets.
AS_SERVED = {"paste.throw_errors": False}


class FailingWriteTest(TestController):
    def fail_after(self, mapper_event, title):
        """Make the database write of page ``title`` fail, once it is done."""
        def fail(mapper, connection, page):
            if page.title == title:
                raise RuntimeError("simulated database failure")
        event.listen(Page, mapper_event, fail)
        self.addCleanup(event.remove, Page, mapper_event, fail)

    def assert_server_error_document(self, response):
        self.assertEqual(response.html.h1.get_text(),
                         "Error 500: Internal Server Error")
        self.assertNotIn("simulated database failure", response)
        self.assertNotIn("Traceback", response)

    def save(self, title, content):
        form = self.app.get(url("edit_page", title=title)).forms[0]
        form["content"] = content
        return form.submit(status=500, expect_errors=True,
                           extra_environ=AS_SERVED)

    def test_failed_update_keeps_the_old_source(self):
        self.fail_after("after_update", "FrontPage")
        self.assert_server_error_document(self.save("FrontPage", "Changed."))
        self.assertEqual(stored_content("FrontPage"),
                         "**Welcome** to the QuickWiki front page!")

    def test_failed_insert_creates_no_page(self):
        self.fail_after("after_insert", "NewPage")
        self.assert_server_error_document(self.save("NewPage", "Text."))
        self.assertEqual(stored_titles(), ["FrontPage"])

    def test_failed_save_flashes_nothing(self):
        self.fail_after("after_update", "FrontPage")
        self.save("FrontPage", "Changed.")
        page = self.app.get(url("page", title="FrontPage"))
        self.assertEqual(page.html.select("ul.flash li"), [])

    def test_failed_delete_keeps_every_page(self):
        store_page("AlphaPage", "")
        store_page("BetaPage", "")
        # AlphaPage's row is deleted first; the failure comes after it.
        self.fail_after("after_delete", "BetaPage")
        form = ticked_title_list(self.app, ["AlphaPage", "BetaPage"])
        self.assert_server_error_document(
            form.submit(status=500, expect_errors=True,
                        extra_environ=AS_SERVED))
        self.assertEqual(stored_titles(), ["AlphaPage", "BetaPage", "FrontPage"])
