"""The pages in the reader's language, as the browser's Accept-Language asks.

The expected texts are read from the wiki's own German catalogue, so that
a better translation changes no test; each is checked to differ from the
English, so that the test shows the page was translated.
"""

import gettext

from quickwiki.lib import languages
from quickwiki.tests import ADMIN, TestController, flashes, log_in, make_account, url

GERMAN = gettext.translation("quickwiki", languages.CATALOGUES, ["de"])
IN_GERMAN = {"Accept-Language": "de-AT, de;q=0.9, en;q=0.5"}


def german(message, **values):
    translated = GERMAN.gettext(message)
    assert translated != message, "not translated: %r" % message
    return translated % values if values else translated


class LanguageTest(TestController):
    def test_a_german_browser_gets_german_pages(self):
        page = self.app.get(url("pages"), headers=IN_GERMAN)
        self.assertEqual(page.html.html["lang"], "de")
        self.assertEqual(page.html.h1.get_text(), german("Title list"))

    def test_without_accept_language_the_pages_are_english(self):
        page = self.app.get(url("pages"))
        self.assertEqual(page.html.html["lang"], "en")
        self.assertEqual(page.html.h1.get_text(), "Title list")

    def test_a_language_without_a_catalogue_gets_english(self):
        page = self.app.get(url("pages"), headers={"Accept-Language": "fr, ja"})
        self.assertEqual(page.html.html["lang"], "en")

    def test_the_browsers_preference_decides(self):
        page = self.app.get(url("pages"), headers={"Accept-Language": "en, de;q=0.8"})
        self.assertEqual(page.html.html["lang"], "en")

    def test_pages_say_that_they_vary_with_accept_language(self):
        for headers in ({}, IN_GERMAN):
            page = self.app.get(url("home"), headers=headers)
            self.assertIn("Accept-Language", page.headers["Vary"])

    def test_a_flash_message_is_in_the_language_of_the_save(self):
        form = self.app.get(url("edit_page", title="FrontPage"), headers=IN_GERMAN)
        form = form.forms[0]
        form["content"] = "Neu."
        page = form.submit(headers=IN_GERMAN).follow(headers=IN_GERMAN)
        self.assertIn(
            german(
                "Saved revision %(number)d of %(title)s.", number=2, title="FrontPage"
            ),
            flashes(page),
        )

    def test_error_documents_are_translated(self):
        page = self.app.get("/pages/history/NoSuchPage", headers=IN_GERMAN, status=404)
        self.assertEqual(
            page.html.select_one(".explanation").get_text(),
            german("There is no such page here."),
        )
        self.assertIn(
            german(
                "There is no page called %(title)s, so it has no history.",
                title="NoSuchPage",
            ),
            page.html.select_one(".detail").get_text(),
        )

    def test_a_link_in_a_translated_sentence_keeps_its_markup(self):
        look_alike = "Fr\u03bfntPage"  # with a Greek omicron
        page = self.app.get(
            url("page", title=look_alike), headers=IN_GERMAN, status=404
        )
        sentence = page.html.select_one("p.look-alike")
        self.assertEqual(sentence.select_one("a")["href"], "/FrontPage")
        self.assertEqual(
            " ".join(sentence.get_text().split()),
            german(
                "There is no page called %(title)s, and there can be none: its "
                "title looks like that of %(other)s, which readers would take "
                "it for.",
                title=look_alike,
                other="FrontPage",
            ),
        )

    def test_an_admin_sees_the_roles_named_in_the_language(self):
        make_account("Bob")
        log_in(self.app, ADMIN)
        page = self.app.get(url("contributions", name="Bob"), headers=IN_GERMAN)
        options = page.html.select("select#role option")
        self.assertEqual(
            [(option["value"], option.get_text()) for option in options],
            [(role, german(role)) for role in ("reader", "editor", "admin")],
        )

    def test_the_ways_to_find_pages_are_in_the_language(self):
        results = self.app.get(url("search", q="nothing"), headers=IN_GERMAN)
        self.assertEqual(results.html.h1.get_text(), german("Search"))
        self.assertEqual(
            results.html.select_one("p.no-results").get_text(),
            german("No page matches."),
        )
        refused = self.app.get(
            url("new_page", title="front page"), headers=IN_GERMAN, status=400
        )
        self.assertIn(
            german(
                "A title holds only letters and digits, run together, without "
                "%(characters)s.",
                characters=german("spaces"),
            ),
            refused.html.select_one("p.title-problem").get_text(),
        )
        feed = self.app.get(url("changes_feed"), headers=IN_GERMAN)
        self.assertIn(german("QuickWiki: recent changes"), feed.text)
