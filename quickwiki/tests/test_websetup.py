"""``paster setup-app``: the schema and the FrontPage, and running it again."""

from quickwiki.lib import revisions
from quickwiki.model import meta
from quickwiki.tests import (
    FRONT_PAGE_CONTENT,
    CommittingTestController,
    delete_pages,
    run_setup_app,
    store_page,
    stored_content,
    stored_titles,
)


class SetupAppTest(CommittingTestController):
    """Each test starts from a database that setup-app has just made.

    setup-app loads the application anew, with an engine of its own, and
    commits: these tests commit too.
    """

    def test_setup_app_creates_the_front_page(self):
        self.assertEqual(stored_titles(), ["FrontPage"])
        self.assertEqual(stored_content("FrontPage"), FRONT_PAGE_CONTENT)

    def test_setup_app_runs_again_without_duplicates(self):
        run_setup_app()
        run_setup_app()
        self.assertEqual(stored_titles(), ["FrontPage"])

    def test_setup_app_again_keeps_the_pages(self):
        store_page("FrontPage", "Edited.")
        store_page("OtherPage", "Other.")
        run_setup_app()
        self.assertEqual(stored_content("FrontPage"), "Edited.")
        self.assertEqual(stored_content("OtherPage"), "Other.")

    def test_front_page_is_a_first_revision(self):
        try:
            latest = revisions.head("FrontPage")
        finally:
            meta.Session.remove()
        self.assertEqual(
            (latest.number, latest.author, latest.summary),
            (1, "anonymous", "Written by paster setup-app."),
        )

    def test_setup_app_leaves_a_deleted_front_page_deleted(self):
        # Its history has it; bringing it back is for the wiki's people.
        store_page("OtherPage", "Other.")
        delete_pages(self.app, ["FrontPage"])
        run_setup_app()
        self.assertEqual(stored_titles(), ["OtherPage"])
