"""The new page form: a title that can be one goes to its editor; any
other is refused, saying why."""

from quickwiki.lib.wikiwords import suggest_title, title_problem
from quickwiki.tests import ADMIN, TestController, delete_pages, log_in, url


class NewPageTest(TestController):
    def ask(self, title, status):
        form = self.app.get(url("new_page")).forms[0]
        form["title"] = title
        return form.submit(status=status)

    def test_every_page_offers_a_new_page(self):
        page = self.app.get(url("home"))
        self.assertEqual(page.click("New page").html.h1.get_text(), "New page")

    def test_a_title_goes_to_its_editor(self):
        response = self.ask("  HarbourGuide ", 302)
        self.assertEqual(
            response.location,
            url("edit_page", title="HarbourGuide"),
        )
        self.assertEqual(response.follow().html.h1.get_text(), "Editing HarbourGuide")

    def test_a_deleted_page_may_be_written_anew(self):
        self.save("HarbourGuide", "Boats.")
        log_in(self.app, ADMIN)
        delete_pages(self.app, ["HarbourGuide"])
        self.ask("HarbourGuide", 302)

    def test_an_existing_page_is_not_new(self):
        response = self.ask("FrontPage", 409)
        said = response.html.select_one("p.title-problem").get_text()
        self.assertIn(
            "There is a page called FrontPage already", " ".join(said.split())
        )
        self.assertEqual(
            response.html.select_one("p.title-problem a.edit-link")["href"],
            url("edit_page", title="FrontPage"),
        )

    def test_a_bad_title_is_refused_saying_why(self):
        for typed, problem, suggestion in [
            ("", "A page needs a title.", None),
            ("harbour guide", "without spaces.", "HarbourGuide"),
            ("XML parser", "without spaces.", "XmlParser"),
            ("Harbour-Guide!", "without “-”, “!”.", "HarbourGuide"),
            ("日本語ページ", "starts with a capital letter.", None),
            ("harbourGuide", "starts with a capital letter.", "HarbourGuide"),
            ("Harbour", "two or more words run together", None),
            ("HARBOURGuide", "two or more words run together", None),
            ("Ünïcode Page", "without spaces.", "ÜnïcodePage"),
            ("Front_Page!", "without “_”, “!”.", "FrontPage"),
            ("Long" * 11, "is 44 characters long, and a title has at most 40.", None),
        ]:
            with self.subTest(typed=typed):
                response = self.ask(typed, 400)
                said = response.html.select_one("p.title-problem")
                self.assertIn(problem, " ".join(said.get_text().split()))
                offered = said.select_one("a.suggestion")
                self.assertEqual(offered and offered.get_text(), suggestion)
                self.assertEqual(response.forms[0]["title"].value, typed.strip())

    def test_a_title_like_another_is_refused(self):
        # "FrοntPage" with a Greek omicron.
        response = self.ask("Fr\u03bfntPage", 409)
        self.assertIn(
            "looks like the title of FrontPage",
            " ".join(response.html.select_one("p.title-problem").get_text().split()),
        )

    def test_the_reasons_agree_with_the_rule(self):
        for text in (
            "FrontPage",
            "PageNumber2",
            "A1Page",
            "Ab",
            "",
            "Front Page",
            "ÜberPage",
        ):
            self.assertEqual(
                title_problem(text) is None, suggest_title(text) == text, text
            )
