"""``paster setup-app``: the schema and the FrontPage, and running it again."""
from quickwiki.tests import (
    TestController, run_setup_app, store_page, stored_content, stored_titles,
    ticked_title_list,
)

FRONT_PAGE_CONTENT = "**Welcome** to the QuickWiki front page!"


class SetupAppTest(TestController):
    """Each test starts from a database that setup-app has just made."""

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

    def test_setup_app_recreates_a_deleted_front_page(self):
        store_page("OtherPage", "Other.")
        ticked_title_list(self.app, ["FrontPage"]).submit(status=302)
        self.assertEqual(stored_titles(), ["OtherPage"])
        run_setup_app()
        self.assertEqual(stored_titles(), ["FrontPage", "OtherPage"])
