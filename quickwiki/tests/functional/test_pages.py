"""The wiki's URLs: showing, editing, saving, listing and deleting pages."""
from quickwiki.lib import wikitext
from quickwiki.tests import (
    TestController, store_page, stored_content, stored_titles, ticked_title_list,
    url,
)


def flashes(response):
    """The texts of the flash messages on a page."""
    return [item.get_text() for item in response.html.select("ul.flash li")]


class ShowTest(TestController):
    def assert_shows(self, path, title, html):
        response = self.app.get(path)
        self.assertEqual(response.html.h1.get_text(), title)
        self.assertIn(html, response.html.select_one("article.wiki-content")
                      .decode_contents())

    def test_front_page_is_the_root(self):
        self.assertEqual(url("home"), "/")
        self.assert_shows("/", "FrontPage", "<strong>Welcome</strong> to the")

    def test_page_at_its_title(self):
        store_page("SomePage", "Some *text*.")
        self.assertEqual(url("page", title="SomePage"), "/SomePage")
        self.assert_shows("/SomePage", "SomePage", "Some <em>text</em>.")

    def test_page_at_its_show_url(self):
        store_page("SomePage", "Some *text*.")
        self.assertEqual(url("show_page", title="SomePage"), "/pages/show/SomePage")
        self.assert_shows("/pages/show/SomePage", "SomePage", "Some <em>text</em>.")

    def test_page_links_to_its_edit_form(self):
        response = self.app.get(url("page", title="FrontPage"))
        link = response.html.select_one("a.edit-link")
        self.assertEqual(link["href"], "/pages/edit/FrontPage")

    def test_missing_wikiword_offers_to_create_it(self):
        response = self.app.get(url("page", title="NewPage"), status=404)
        link = response.html.select_one("a.create-link")
        self.assertEqual(link["href"], url("edit_page", title="NewPage"))
        self.assertIsNone(response.html.select_one(".error-document"))

    def test_missing_wikiword_at_show_url_offers_to_create_it(self):
        response = self.app.get(url("show_page", title="NewPage"), status=404)
        self.assertIsNotNone(response.html.select_one("a.create-link"))

    def test_wikiwords_link_to_existing_and_missing_pages(self):
        store_page("SomePage", "See FrontPage and NewPage.")
        response = self.app.get(url("page", title="SomePage"))
        front, new = response.html.select("article.wiki-content a")
        self.assertEqual(front["href"], "/FrontPage")
        self.assertIn(wikitext.EXISTING_PAGE_CLASS, front["class"])
        self.assertEqual(new["href"], "/NewPage")
        self.assertIn(wikitext.MISSING_PAGE_CLASS, new["class"])

    def test_html_in_the_source_is_shown_as_text(self):
        store_page("SomePage", "<em>not emphasis</em>")
        response = self.app.get(url("page", title="SomePage"))
        self.assertIsNone(response.html.article.find("em"))
        self.assertIn("&lt;em&gt;not emphasis&lt;/em&gt;", response)

    def test_bad_markup_still_shows_the_page(self):
        store_page("SomePage", "`unclosed\n\n.. no-such-directive::\n")
        response = self.app.get(url("page", title="SomePage"))
        self.assertEqual(len(response.html.select(".system-message")), 2)

    def test_stylesheet_and_icon_are_served(self):
        self.assertEqual(self.app.get("/quick.css").content_type, "text/css")
        self.assertEqual(self.app.get("/favicon.ico").body[:4], b"\x00\x00\x01\x00")


class EditTest(TestController):
    def test_edit_form_holds_the_source(self):
        store_page("SomePage", "Some <b>source</b> & more")
        form = self.app.get(url("edit_page", title="SomePage")).forms[0]
        self.assertEqual(form.action, "/pages/save/SomePage")
        self.assertEqual(form["content"].value, "Some <b>source</b> & more")

    def test_edit_form_for_a_new_page_is_empty(self):
        form = self.app.get(url("edit_page", title="NewPage")).forms[0]
        self.assertEqual(form["content"].value, "")

    def test_edit_form_carries_the_csrf_token(self):
        form = self.app.get(url("edit_page", title="NewPage")).forms[0]
        self.assertTrue(form["_authentication_token"].value)

    def test_edit_form_of_a_non_wikiword_is_not_found(self):
        response = self.app.get(url("edit_page", title="notaword"), status=404)
        self.assertIsNotNone(response.html.select_one(".error-document"))


class SaveTest(TestController):
    def save(self, title, content):
        form = self.app.get(url("edit_page", title=title)).forms[0]
        form["content"] = content
        return form.submit()

    def test_save_creates_a_page_and_shows_it(self):
        response = self.save("NewPage", "Some *text*.")
        self.assertEqual(response.status_int, 302)
        self.assertEqual(response.location, "http://localhost/NewPage")
        self.assertIn("Some <em>text</em>.", response.follow())
        self.assertEqual(stored_content("NewPage"), "Some *text*.")

    def test_save_updates_a_page(self):
        self.save("FrontPage", "New front page.")
        self.assertEqual(stored_content("FrontPage"), "New front page.")

    def test_save_flashes_success(self):
        page = self.save("NewPage", "Text.").follow()
        self.assertEqual(flashes(page), ["Successfully saved NewPage!"])

    def test_flash_is_shown_once(self):
        self.save("NewPage", "Text.").follow()
        self.assertEqual(flashes(self.app.get(url("page", title="NewPage"))), [])

    def test_source_is_stored_as_typed(self):
        source = ('\nA <b>tag</b>, &amp; an entity, "quotes", ``code``,\r\n'
                  'and naïve Ünïcode ✓\n')
        self.save("NewPage", source)
        self.assertEqual(stored_content("NewPage"), source)

    def test_source_survives_a_second_edit_unchanged(self):
        source = '\n<b>tag</b> &amp; "quotes"'
        self.save("NewPage", source)
        self.save("NewPage", self.app.get(url("edit_page", title="NewPage"))
                  .forms[0]["content"].value)
        self.assertEqual(stored_content("NewPage"), source)

    def test_non_wikiword_title_is_a_bad_request(self):
        form = self.app.get(url("edit_page", title="NewPage")).forms[0]
        form.action = url("save_page", title="notaword")
        response = form.submit(status=400)
        self.assertIsNotNone(response.html.select_one(".error-document"))
        self.assertEqual(stored_titles(), ["FrontPage"])

    def test_too_long_title_is_a_bad_request(self):
        title = "Page" + "Word" * 10
        form = self.app.get(url("edit_page", title="NewPage")).forms[0]
        form.action = url("save_page", title=title)
        response = form.submit(status=400)
        detail = response.html.select_one(".detail").get_text()
        self.assertIn("at most 40 characters", detail)
        self.assertEqual(stored_titles(), ["FrontPage"])

    def test_missing_content_is_a_bad_request(self):
        form = self.app.get(url("edit_page", title="FrontPage")).forms[0]
        token = form["_authentication_token"].value
        self.app.post(url("save_page", title="FrontPage"),
                      {"_authentication_token": token}, status=400)
        self.assertEqual(stored_content("FrontPage"),
                         "**Welcome** to the QuickWiki front page!")

    def test_save_only_by_post(self):
        response = self.app.get(url("save_page", title="FrontPage"), status=405)
        self.assertEqual(response.headers["Allow"], "POST")


class TitleListTest(TestController):
    def test_title_list_lists_titles_in_order(self):
        store_page("ZebraPage", "")
        store_page("AlphaPage", "")
        response = self.app.get(url("pages"))
        self.assertEqual(url("pages"), "/pages")
        titles = [a.get_text() for a in response.html.select("ul.titles a")]
        self.assertEqual(titles, ["AlphaPage", "FrontPage", "ZebraPage"])

    def test_title_list_links_to_pages(self):
        response = self.app.get(url("pages"))
        link = response.html.select_one("ul.titles a")
        self.assertEqual(link["href"], "/FrontPage")

    def test_delete_form_carries_the_csrf_token(self):
        form = self.app.get(url("pages")).forms[0]
        self.assertEqual(form.action, url("delete_pages"))
        self.assertTrue(form["_authentication_token"].value)

    def test_empty_wiki_says_so(self):
        store_page("OtherPage", "")
        ticked_title_list(self.app, ["FrontPage", "OtherPage"]).submit()
        response = self.app.get(url("pages"))
        self.assertIn("There are no pages yet.", response)


class DeleteTest(TestController):
    def test_delete_removes_the_ticked_pages(self):
        store_page("AlphaPage", "")
        store_page("BetaPage", "")
        response = ticked_title_list(self.app, ["AlphaPage", "BetaPage"]).submit()
        self.assertEqual(response.location, "http://localhost/pages")
        self.assertEqual(stored_titles(), ["FrontPage"])

    def test_delete_flashes_each_page(self):
        store_page("AlphaPage", "")
        store_page("BetaPage", "")
        form = ticked_title_list(self.app, ["AlphaPage", "BetaPage"])
        listing = form.submit().follow()
        self.assertEqual(flashes(listing),
                         ["Deleted AlphaPage.", "Deleted BetaPage."])

    def test_delete_with_nothing_ticked_warns(self):
        listing = ticked_title_list(self.app, []).submit().follow()
        message = listing.html.select_one("ul.flash li")
        self.assertEqual(message["class"], ["warning"])
        self.assertEqual(stored_titles(), ["FrontPage"])

    def test_delete_only_by_post(self):
        self.app.get(url("delete_pages"), status=405)
        self.assertEqual(stored_titles(), ["FrontPage"])


class PaginationTest(TestController):
    """test.ini shows five titles a page."""

    def setUp(self):
        super().setUp()
        for number in range(1, 12):
            store_page("TestPage%02d" % number, "")

    def titles(self, response):
        return [a.get_text() for a in response.html.select("ul.titles a")]

    def test_first_page_shows_the_first_titles(self):
        response = self.app.get(url("pages"))
        self.assertEqual(self.titles(response),
                         ["FrontPage", "TestPage01", "TestPage02", "TestPage03",
                          "TestPage04"])

    def test_last_page_shows_the_rest(self):
        response = self.app.get(url("pages", page=3))
        self.assertEqual(self.titles(response), ["TestPage10", "TestPage11"])

    def test_pager_links_to_the_other_pages(self):
        response = self.app.get(url("pages", page=2))
        pager = response.html.select_one("nav.pager")
        links = {a.get_text(): a["href"] for a in pager.select("a")}
        self.assertEqual(links["1"], "/pages?page=1")
        self.assertEqual(links["3"], "/pages?page=3")
        self.assertEqual(pager.select_one(".current").get_text(), "2")

    def test_page_past_the_end_is_not_found(self):
        response = self.app.get(url("pages", page=4), status=404)
        self.assertIsNotNone(response.html.select_one(".error-document"))

    def test_bad_page_numbers_are_bad_requests(self):
        for number in ("0", "-1", "two", "1.5", "", "99999999999999999999"):
            with self.subTest(page=number):
                response = self.app.get(url("pages"), {"page": number}, status=400)
                self.assertIsNotNone(response.html.select_one(".error-document"))
