"""The wiki's URLs: showing, editing, saving, listing and deleting pages."""

from sqlalchemy import event

from quickwiki.lib import wikitext
from quickwiki.model import meta
from quickwiki.tests import (
    ADMIN,
    FRONT_PAGE_CONTENT,
    TestController,
    delete_pages,
    flashes,
    log_in,
    store_page,
    stored_content,
    stored_titles,
    ticked_title_list,
    url,
)


class ShowTest(TestController):
    def assert_shows(self, path, title, html):
        response = self.app.get(path)
        self.assertEqual(response.html.h1.get_text(), title)
        self.assertIn(
            html, response.html.select_one("article.wiki-content").decode_contents()
        )

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

    def test_page_links_to_its_history_and_deletion(self):
        log_in(self.app, ADMIN)
        response = self.app.get(url("page", title="FrontPage"))
        self.assertEqual(
            response.html.select_one("a.history-link")["href"],
            "/pages/history/FrontPage",
        )
        self.assertEqual(
            response.html.select_one("a.delete-link")["href"],
            "/pages/delete?title=FrontPage",
        )
        self.assertIn(
            "(revision 1)", response.html.select_one("nav.page-actions").get_text()
        )

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

    def test_the_texts_own_title_heads_the_page(self):
        page = self.save("FrontPage", "Welcome\n=======\n\nText.\n").follow()
        self.assertEqual(page.html.h1.get_text(), "Welcome")
        self.assertEqual(page.html.select_one(".page-name").get_text(), "FrontPage")
        self.assertIsNone(page.html.select_one("article h2"))
        self.assertIn("Welcome", page.html.title.get_text())

    def test_html_in_the_source_is_shown_as_text(self):
        store_page("SomePage", "<em>not emphasis</em>")
        response = self.app.get(url("page", title="SomePage"))
        self.assertIsNone(response.html.article.find("em"))
        self.assertIn("&lt;em&gt;not emphasis&lt;/em&gt;", response)

    def test_bad_markup_still_shows_the_page(self):
        store_page("SomePage", "`unclosed\n\n.. no-such-directive::\n")
        response = self.app.get(url("page", title="SomePage"))
        self.assertEqual(response.html.article.get_text().strip(), "`unclosed")


class EditTest(TestController):
    def test_edit_form_holds_the_source(self):
        store_page("SomePage", "Some <b>source</b> & more")
        form = self.edit_form("SomePage")
        self.assertEqual(form.action, "/pages/save/SomePage")
        self.assertEqual(form["content"].value, "Some <b>source</b> & more")

    def test_edit_form_for_a_new_page_is_empty(self):
        form = self.edit_form("NewPage")
        self.assertEqual(form["content"].value, "")

    def test_edit_form_carries_the_csrf_token(self):
        form = self.edit_form("NewPage")
        self.assertTrue(form["_authentication_token"].value)

    def test_edit_form_of_a_non_wikiword_is_not_found(self):
        response = self.app.get(url("edit_page", title="notaword"), status=404)
        self.assertIsNotNone(response.html.select_one(".error-document"))


class SaveTest(TestController):
    def test_save_creates_a_page_and_shows_it(self):
        response = self.save("NewPage", "Some *text*.")
        self.assertEqual(response.status_int, 302)
        self.assertEqual(response.location, "/NewPage")
        self.assertIn("Some <em>text</em>.", response.follow())
        self.assertEqual(stored_content("NewPage"), "Some *text*.")

    def test_save_updates_a_page(self):
        self.save("FrontPage", "New front page.")
        self.assertEqual(stored_content("FrontPage"), "New front page.")

    def test_save_flashes_success_with_the_revision(self):
        page = self.save("NewPage", "Text.").follow()
        self.assertEqual(flashes(page), ["Saved revision 1 of NewPage."])
        page = self.save("NewPage", "More text.").follow()
        self.assertEqual(flashes(page), ["Saved revision 2 of NewPage."])

    def test_flash_is_shown_once(self):
        self.save("NewPage", "Text.").follow()
        self.assertEqual(flashes(self.app.get(url("page", title="NewPage"))), [])

    def test_source_is_stored_as_typed_but_for_line_breaks(self):
        # Browsers end a text area's lines with CRLF: they are stored as LF.
        source = (
            '\nA <b>tag</b>, &amp; an entity, "quotes", ``code``,\r\n'
            "and naïve Ünïcode ✓\rthe end\n"
        )
        self.save("NewPage", source)
        self.assertEqual(
            stored_content("NewPage"),
            '\nA <b>tag</b>, &amp; an entity, "quotes", ``code``,\n'
            "and naïve Ünïcode ✓\nthe end\n",
        )

    def test_source_survives_a_second_edit_unchanged(self):
        source = '\n<b>tag</b> &amp; "quotes"'
        self.save("NewPage", source)
        self.save(
            "NewPage",
            self.edit_form("NewPage")["content"].value,
        )
        self.assertEqual(stored_content("NewPage"), source)

    def test_non_wikiword_title_is_a_bad_request(self):
        form = self.edit_form("NewPage")
        form.action = url("save_page", title="notaword")
        response = form.submit(status=400)
        self.assertIsNotNone(response.html.select_one(".error-document"))
        self.assertEqual(stored_titles(), ["FrontPage"])

    def test_too_long_title_is_a_bad_request(self):
        title = "Page" + "Word" * 10
        form = self.edit_form("NewPage")
        form.action = url("save_page", title=title)
        response = form.submit(status=400)
        detail = response.html.select_one(".detail").get_text()
        self.assertIn("at most 40 characters", detail)
        self.assertEqual(stored_titles(), ["FrontPage"])

    def test_missing_content_is_a_bad_request(self):
        form = self.edit_form("FrontPage")
        token = form["_authentication_token"].value
        self.app.post(
            url("save_page", title="FrontPage"),
            {"_authentication_token": token},
            status=400,
        )
        self.assertEqual(stored_content("FrontPage"), FRONT_PAGE_CONTENT)

    def test_nul_character_is_a_bad_request(self):
        response = self.save("FrontPage", "Before\x00after.", status=400)
        self.assertIn("NUL character", response.html.select_one(".detail").get_text())
        self.assertEqual(stored_content("FrontPage"), FRONT_PAGE_CONTENT)

    def test_save_only_by_post(self):
        response = self.app.get(url("save_page", title="FrontPage"), status=405)
        self.assertEqual(response.headers["Allow"], "POST")


class TitleListTest(TestController):
    log_in_as = ADMIN

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

    def test_one_page_of_titles_has_no_pager(self):
        store_page("OtherPage", "")
        response = self.app.get(url("pages"))
        self.assertEqual(len(response.html.select("ul.titles li")), 2)
        self.assertIsNone(response.html.select_one("nav.pager"))

    def test_empty_wiki_says_so(self):
        store_page("OtherPage", "")
        delete_pages(self.app, ["FrontPage", "OtherPage"])
        response = self.app.get(url("pages"))
        self.assertIn("There are no pages yet.", response)

    def test_deleted_pages_are_not_listed(self):
        store_page("AlphaPage", "")
        delete_pages(self.app, ["AlphaPage"])
        response = self.app.get(url("pages"))
        titles = [a.get_text() for a in response.html.select("ul.titles a")]
        self.assertEqual(titles, ["FrontPage"])


class DeleteTest(TestController):
    """Deleting asks first; each deleted page gets a deletion revision."""

    log_in_as = ADMIN

    def setUp(self):
        super().setUp()
        store_page("AlphaPage", "Alpha.")
        store_page("BetaPage", "Beta.")

    def test_ticking_pages_asks_for_confirmation(self):
        response = ticked_title_list(self.app, ["AlphaPage", "BetaPage"]).submit()
        self.assertEqual(response.status_int, 200)
        self.assertEqual(response.html.h1.get_text(), "Delete pages?")
        form = response.forms[0]
        self.assertEqual(form.action, url("delete_confirmed"))
        self.assertEqual(
            [box.value for box in form.fields["title"]], ["AlphaPage", "BetaPage"]
        )
        self.assertTrue(all(box.checked for box in form.fields["title"]))
        self.assertEqual(stored_titles(), ["AlphaPage", "BetaPage", "FrontPage"])

    def test_a_page_links_to_its_confirmation(self):
        page = self.app.get(url("page", title="AlphaPage"))
        response = page.click(linkid=None, href="/pages/delete", index=0)
        titles = [box.value for box in response.forms[0].fields["title"]]
        self.assertEqual(titles, ["AlphaPage"])

    def test_confirming_deletes_the_pages(self):
        response = delete_pages(self.app, ["AlphaPage", "BetaPage"])
        self.assertEqual(response.location, "/pages")
        self.assertEqual(stored_titles(), ["FrontPage"])

    def test_a_page_unticked_in_the_confirmation_stays(self):
        form = ticked_title_list(self.app, ["AlphaPage", "BetaPage"]).submit().forms[0]
        form.get("title", index=1).checked = False
        form.submit(status=302)
        self.assertEqual(stored_titles(), ["BetaPage", "FrontPage"])

    def test_deletion_is_a_revision_and_the_history_stays(self):
        delete_pages(self.app, ["AlphaPage"], summary="Not needed.")
        history = self.app.get(url("history", title="AlphaPage"))
        rows = history.html.select("table.revisions tbody tr")
        self.assertEqual(len(rows), 2)
        self.assertEqual(rows[0]["class"], ["deletion"])
        self.assertIn("Not needed.", rows[0].get_text())

    def test_delete_flashes_the_page(self):
        listing = delete_pages(self.app, ["AlphaPage"]).follow()
        self.assertEqual(
            flashes(listing),
            [
                "Deleted AlphaPage (revision 2). Its history keeps every "
                "revision; restore one there to bring it back."
            ],
        )

    def test_delete_flashes_one_message_for_the_pages(self):
        listing = delete_pages(self.app, ["AlphaPage", "BetaPage"]).follow()
        self.assertEqual(
            flashes(listing),
            [
                "Deleted AlphaPage and BetaPage. Their histories keep every "
                "revision; restore one there to bring a page back."
            ],
        )

    def confirmed_deletion(self, titles):
        """The confirmation form posted with ``titles`` ticked."""
        form = ticked_title_list(self.app, ["AlphaPage"]).submit().forms[0]
        fields = [(name, value) for name, value in form.submit_fields()]
        fields = [(name, value) for name, value in fields if name != "title"]
        fields += [("title", title) for title in titles]
        return self.app.post(form.action, fields, status="*")

    def test_pages_with_nothing_to_delete_are_told_in_one_message(self):
        titles = ["MissingPage%d" % number for number in range(10)]
        listing = self.confirmed_deletion(titles).follow()
        self.assertEqual(
            flashes(listing),
            [
                "MissingPage0, MissingPage1, MissingPage2, MissingPage3, "
                "MissingPage4 and 5 more have no page to delete."
            ],
        )

    def test_a_deletion_names_a_bounded_number_of_pages(self):
        titles = ["MissingPage%d" % number for number in range(2000)]
        response = self.confirmed_deletion(titles)
        self.assertEqual(response.status_int, 400)
        self.assert_document(
            response, "Error 400: Bad Request", "at most 100 pages, not 2000"
        )
        response = self.app.get(url("delete_pages"), {"title": titles}, status=400)
        self.assertEqual(stored_titles(), ["AlphaPage", "BetaPage", "FrontPage"])

    def test_a_deleted_page_offers_its_history(self):
        delete_pages(self.app, ["AlphaPage"])
        response = self.app.get(url("page", title="AlphaPage"), status=404)
        notice = " ".join(response.html.select_one("p.deleted-page").get_text().split())
        self.assertTrue(
            notice.startswith("AlphaPage was deleted by %s on " % ADMIN.name), notice
        )
        self.assertTrue(notice.endswith(" UTC (revision 2)."), notice)
        self.assertEqual(
            response.html.select_one("a.history-link")["href"],
            "/pages/history/AlphaPage",
        )
        self.assertEqual(
            response.html.select_one("a.create-link")["href"], "/pages/edit/AlphaPage"
        )

    def test_delete_with_nothing_ticked_warns(self):
        listing = ticked_title_list(self.app, []).submit().follow()
        message = listing.html.select_one("ul.flash li")
        self.assertEqual(message["class"], ["warning"])
        self.assertEqual(stored_titles(), ["AlphaPage", "BetaPage", "FrontPage"])

    def test_confirming_with_nothing_ticked_warns(self):
        form = ticked_title_list(self.app, ["AlphaPage"]).submit().forms[0]
        form["title"].checked = False
        listing = form.submit(status=302).follow()
        self.assertEqual(listing.html.select_one("ul.flash li")["class"], ["warning"])
        self.assertEqual(stored_titles(), ["AlphaPage", "BetaPage", "FrontPage"])

    def test_deleting_a_page_deleted_meanwhile_says_so(self):
        form = ticked_title_list(self.app, ["AlphaPage"]).submit().forms[0]
        delete_pages(self.app, ["AlphaPage"]).follow()
        listing = form.submit(status=302).follow()
        self.assertEqual(flashes(listing), ["AlphaPage has no page to delete."])
        history = self.app.get(url("history", title="AlphaPage"))
        self.assertEqual(len(history.html.select("table.revisions tbody tr")), 2)

    def test_a_bad_title_in_the_confirmation_is_a_bad_request(self):
        form = ticked_title_list(self.app, ["AlphaPage"]).submit().forms[0]
        form["title"].force_value("not a title")
        response = form.submit(status=400)
        self.assertIn(
            "not a title is not a page title",
            response.html.select_one(".error-document .detail").get_text(),
        )
        self.assertEqual(stored_titles(), ["AlphaPage", "BetaPage", "FrontPage"])

    def test_a_too_long_summary_shows_the_confirmation_again(self):
        form = ticked_title_list(self.app, ["AlphaPage", "BetaPage"]).submit().forms[0]
        form["summary"].force_value("x" * 201)
        response = form.submit(status=400)
        self.assertIn(
            "Enter a value not more than 200 characters long",
            response.html.select_one(".error-message").get_text(),
        )
        form = response.forms[0]
        self.assertEqual(form["summary"].value, "x" * 201)
        self.assertEqual(
            [box.value for box in form.fields["title"] if box.checked],
            ["AlphaPage", "BetaPage"],
        )
        self.assertEqual(stored_titles(), ["AlphaPage", "BetaPage", "FrontPage"])

    def test_delete_only_by_post(self):
        self.app.get(url("delete_confirmed"), status=405)
        self.assertEqual(stored_titles(), ["AlphaPage", "BetaPage", "FrontPage"])


class PaginationTest(TestController):
    """test.ini shows five titles a page; the wiki holds twelve here."""

    log_in_as = ADMIN

    def setUp(self):
        super().setUp()
        for number in range(1, 12):
            store_page("TestPage%02d" % number, "")

    def titles(self, response):
        return [a.get_text() for a in response.html.select("ul.titles a")]

    def pager(self, response):
        """The pager's links, by their rel: ``{"next": href, ...}``."""
        pager = response.html.select_one("nav.pager")
        return (
            {} if pager is None else {a["rel"][0]: a["href"] for a in pager.select("a")}
        )

    def assert_page(self, path, numbers, pager):
        """``path`` lists TestPage<numbers> (and the FrontPage for None),
        with the ``pager`` links."""
        response = self.app.get(path)
        self.assertEqual(
            self.titles(response),
            [
                "FrontPage" if number is None else "TestPage%02d" % number
                for number in numbers
            ],
        )
        self.assertEqual(self.pager(response), pager)

    def test_first_page_shows_the_first_titles(self):
        self.assert_page(
            url("pages"),
            [None, 1, 2, 3, 4],
            {"next": "/pages?after=TestPage04", "last": "/pages?page=last"},
        )

    def test_next_page_starts_after_the_last_title_shown(self):
        self.assert_page(
            "/pages?after=TestPage04",
            range(5, 10),
            {
                "first": "/pages",
                "prev": "/pages?before=TestPage05",
                "next": "/pages?after=TestPage09",
                "last": "/pages?page=last",
            },
        )

    def test_last_page_shows_the_last_titles(self):
        self.assert_page(
            "/pages?page=last",
            range(7, 12),
            {"first": "/pages", "prev": "/pages?before=TestPage07"},
        )

    def test_previous_page_ends_before_the_first_title_shown(self):
        self.assert_page(
            "/pages?before=TestPage07",
            range(2, 7),
            {
                "first": "/pages",
                "prev": "/pages?before=TestPage02",
                "next": "/pages?after=TestPage06",
                "last": "/pages?page=last",
            },
        )

    def test_next_links_walk_every_title_once(self):
        self.assert_walk("next", url("pages"), stored_titles())

    def test_previous_links_walk_every_title_once(self):
        self.assert_walk("prev", "/pages?page=last", stored_titles()[::-1])

    def assert_walk(self, rel, start, expected):
        seen, path = [], start
        while path:
            response = self.app.get(path)
            titles = self.titles(response)
            seen += titles if rel == "next" else titles[::-1]
            path = self.pager(response).get(rel)
        self.assertEqual(seen, expected)

    def test_the_title_a_link_names_need_not_exist(self):
        store_page("TestPage04", "")
        ticked_title_list(self.app, ["TestPage04"]).submit()
        response = self.app.get("/pages?after=TestPage04")
        self.assertEqual(self.titles(response)[0], "TestPage05")

    def test_ticked_titles_on_a_later_page_are_deleted(self):
        form = self.app.get("/pages?page=last").forms[0]
        for box in form.fields["title"]:
            box.checked = box.id == "delete-TestPage10"
        form.submit().forms[0].submit(status=302)
        self.assertNotIn("TestPage10", stored_titles())
        self.assertEqual(len(stored_titles()), 11)

    def test_past_either_end_is_not_found(self):
        for path in ("/pages?after=TestPage11", "/pages?before=FrontPage"):
            with self.subTest(path=path):
                response = self.app.get(path, status=404)
                self.assertIsNotNone(response.html.select_one(".error-document"))

    def test_bad_positions_are_bad_requests(self):
        for query in (
            "after=notaword",
            "after=",
            "before=%3Cem%3EX",
            "after=" + "Word" * 11,
            "page=2",
            "page=first",
            "after=TestPage01&before=TestPage05",
            "after=TestPage01&after=TestPage05",
            "page=last&after=TestPage01",
        ):
            with self.subTest(query=query):
                response = self.app.get("/pages?" + query, status=400)
                self.assertIsNotNone(response.html.select_one(".error-document"))

    def test_no_count_and_no_offset_is_sent_to_the_database(self):
        queries = []
        engine = meta.Session.get_bind()

        def record(conn, cursor, statement, parameters, *args):
            queries.append((statement.lower(), parameters))

        event.listen(engine, "before_cursor_execute", record)
        self.addCleanup(event.remove, engine, "before_cursor_execute", record)
        for path in (
            "/pages",
            "/pages?after=TestPage04",
            "/pages?page=last",
            "/pages?before=TestPage07",
        ):
            self.app.get(path)
        listing = [query for query in queries if "from pages" in query[0]]
        self.assertTrue(listing)
        for statement, parameters in listing:
            self.assertNotIn("count(", statement)
            # SQLite's dialect writes "LIMIT ? OFFSET ?" for any LIMIT; the
            # offset it sends must skip nothing.
            if "offset ?" in statement:
                self.assertEqual(parameters[-1], 0, statement)
