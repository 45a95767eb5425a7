"""robots.txt: crawlers may read the pages, and nothing of their histories,
old revisions, diffs, edit forms or the accounts' forms."""

from urllib.robotparser import RobotFileParser

from quickwiki.tests import TestController, url


class RobotsTest(TestController):
    def setUp(self):
        super().setUp()
        response = self.app.get("/robots.txt", status=200)
        self.assertEqual(response.content_type, "text/plain")
        self.robots = RobotFileParser()
        self.robots.parse(response.text.splitlines())

    def assert_crawled(self, path, crawled=True):
        for agent in ("*", "Googlebot"):
            self.assertIs(self.robots.can_fetch(agent, path), crawled, path)

    def test_pages_and_the_title_list_are_crawled(self):
        for path in (url("home"), url("page", title="FrontPage"), url("pages")):
            self.assert_crawled(path)

    def test_histories_revisions_diffs_and_forms_are_not(self):
        title = "FrontPage"
        for path in (
            url("history", title=title),
            url("history", title=title, before=3),
            url("revision", title=title, number=1),
            url("diff", title=title, old=1, new=2),
            url("edit_page", title=title),
            url("save_page", title=title),
            url("restore", title=title, number=1),
            url("delete_pages", title=title),
            url("protect", title=title),
            url("login"),
            url("register"),
            url("account"),
            "/_health",
        ):
            self.assert_crawled(path, crawled=False)
