"""Titles beyond ASCII: their addresses, their links, their look-alikes."""

import unicodedata
from urllib.parse import quote

from quickwiki.tests import (
    TestController,
    flashes,
    store_page,
    stored_content,
    stored_titles,
    url,
)

GREEK = "ΚαλημέραΚόσμε"


class AddressTest(TestController):
    def test_a_page_with_an_umlaut_is_written_and_read_at_its_address(self):
        saved = self.save("ÜberPage", "Grüße!")
        self.assertEqual(saved.location, "/" + quote("ÜberPage"))
        page = saved.follow()
        self.assertEqual(page.html.h1.get_text(), "ÜberPage")
        self.assertIn("Saved revision 1 of ÜberPage.", flashes(page))
        self.assertEqual(stored_titles(), ["FrontPage", "ÜberPage"])

    def test_every_page_of_a_greek_title_answers(self):
        store_page(GREEK, "Γεια")
        for name in ("page", "edit_page", "history"):
            with self.subTest(name):
                self.app.get(url(name, title=GREEK), status=200)
        self.app.get(url("revision", title=GREEK, number=1), status=200)

    def test_a_decomposed_title_is_redirected_to_its_composed_address(self):
        decomposed = unicodedata.normalize("NFD", "ÜberPage")
        response = self.app.get("/" + quote(decomposed), status=301)
        self.assertEqual(response.location, "/" + quote("ÜberPage"))

    def test_a_path_that_is_not_utf8_is_no_page(self):
        self.app.get("/%FFberPage", status=404)

    def test_a_title_in_no_cased_script_is_refused(self):
        self.app.get(url("page", title="日本語ページ"), status=404)


class LinkTest(TestController):
    def test_wikiwords_of_any_script_link_to_their_pages(self):
        store_page("ÜberPage", "Text")
        page = self.save("FrontPage", "Siehe ÜberPage und %s." % GREEK).follow()
        existing = page.html.select_one('article a[href="/%s"]' % quote("ÜberPage"))
        missing = page.html.select_one('article a[href="/%s"]' % quote(GREEK))
        self.assertEqual(existing["class"][-1], "wikilink")
        self.assertEqual(missing["class"][-1], "wikilink-missing")

    def test_a_decomposed_wikiword_links_to_the_composed_title(self):
        store_page("ÜberPage", "Text")
        text = unicodedata.normalize("NFD", "Siehe ÜberPage.")
        page = self.save("FrontPage", text).follow()
        link = page.html.select_one('article a[href="/%s"]' % quote("ÜberPage"))
        self.assertEqual(link["class"][-1], "wikilink")


class LookAlikeTest(TestController):
    # "FrontPage" with a Greek omicron for its "o".
    LOOK_ALIKE = "Fr\u03bfntPage"

    def test_a_look_alike_of_an_existing_title_is_not_saved(self):
        response = self.save(self.LOOK_ALIKE, "Pay here", status=409)
        self.assertEqual(
            response.html.select_one("a.look-alike-link")["href"], "/FrontPage"
        )
        self.assertEqual(response.forms[0]["content"].value, "Pay here")
        self.assertIsNone(stored_content(self.LOOK_ALIKE))

    def test_the_edit_form_of_a_look_alike_says_so(self):
        form_page = self.app.get(url("edit_page", title=self.LOOK_ALIKE))
        self.assertIsNotNone(form_page.html.select_one(".look-alike a"))

    def test_the_address_of_a_look_alike_points_to_the_page(self):
        response = self.app.get(url("page", title=self.LOOK_ALIKE), status=404)
        self.assertEqual(
            response.html.select_one("a.look-alike-link")["href"], "/FrontPage"
        )
        self.assertIsNone(response.html.select_one("a.create-link"))

    def test_a_title_that_only_resembles_another_is_saved(self):
        self.save("FrontPages", "Another page")
        self.assertEqual(stored_content("FrontPages"), "Another page")
