"""Every save a revision: unchanged saves, summaries, authors, the
history, old revisions, restoring them, diffs, previews and form errors."""

from unittest import mock

import pylons.test

from quickwiki.lib import wikitext, work
from quickwiki.lib.workers import WorkerTimeout
from quickwiki.tests import (
    ADMIN,
    FRONT_PAGE_CONTENT,
    TestController,
    delete_pages,
    flashes,
    log_in,
    offered_forms,
    store_page,
    stored_content,
    url,
)
from quickwiki.tests import (
    stored_history as history_of,
)


class RevisionTest(TestController):
    def test_each_save_adds_a_revision(self):
        self.save("NewPage", "One.")
        self.save("NewPage", "Two.")
        self.assertEqual(
            [(r.number, r.content) for r in history_of("NewPage")],
            [(1, "One."), (2, "Two.")],
        )

    def test_the_page_shows_its_latest_revision(self):
        self.save("NewPage", "One.")
        self.save("NewPage", "Two.")
        page = self.app.get(url("page", title="NewPage"))
        self.assertIn("Two.", page.html.article.get_text())
        self.assertIn(
            "(revision 2)", page.html.select_one("nav.page-actions").get_text()
        )

    def test_unchanged_text_stores_nothing_and_says_so(self):
        response = self.save("FrontPage", FRONT_PAGE_CONTENT, summary="Same.")
        self.assertEqual(response.location, "/FrontPage")
        page = response.follow()
        self.assertEqual(
            flashes(page),
            ["Nothing saved: your text is that of revision 1 of FrontPage already."],
        )
        self.assertEqual(page.html.select_one("ul.flash li")["class"], ["warning"])
        self.assertEqual(len(history_of("FrontPage")), 1)

    def test_text_differing_only_in_line_breaks_is_unchanged(self):
        self.save("NewPage", "One\ntwo\n")
        self.save("NewPage", "One\r\ntwo\r\n")
        self.assertEqual(len(history_of("NewPage")), 1)

    def test_a_revision_keeps_its_summary_time_and_author(self):
        self.save("NewPage", "One.", summary="  First draft.  ")
        (first,) = history_of("NewPage")
        self.assertEqual(first.summary, "First draft.")
        self.assertEqual(first.author, "anonymous")
        self.assertIsNone(first.address)
        self.assertEqual(first.created.utcoffset().total_seconds(), 0)
        self.assertFalse(first.deleted)

    def test_the_client_address_is_kept_when_configured(self):
        app_globals = pylons.test.pylonsapp.config["pylons.app_globals"]
        app_globals.record_addresses = True
        self.addCleanup(setattr, app_globals, "record_addresses", False)
        self.app.extra_environ["REMOTE_ADDR"] = "192.0.2.7"
        self.save("NewPage", "One.")
        self.assertEqual(history_of("NewPage")[0].address, "192.0.2.7")
        history = self.app.get(url("history", title="NewPage"))
        self.assertEqual(
            history.html.select_one("td.author").get_text(), "anonymous (192.0.2.7)"
        )

    def test_the_client_address_is_not_kept_by_default(self):
        self.app.extra_environ["REMOTE_ADDR"] = "192.0.2.7"
        self.save("NewPage", "One.")
        self.assertIsNone(history_of("NewPage")[0].address)
        self.assertNotIn("192.0.2.7", self.app.get(url("history", title="NewPage")))


class FormErrorTest(TestController):
    """Errors come back in the form, with what the author typed."""

    def test_a_too_long_summary_shows_the_form_again(self):
        text = 'My <b>text</b> & "quotes"\n\n</textarea> stays.'
        response = self.save("FrontPage", text, summary="x" * 201, status=400)
        self.assertEqual(response.html.h1.get_text(), "Editing FrontPage")
        self.assertIn(
            "Enter a value not more than 200 characters long",
            response.html.select_one(".error-message").get_text(),
        )
        form = response.forms[0]
        self.assertEqual(form["content"].value, text)
        self.assertEqual(form["summary"].value, "x" * 201)
        self.assertEqual(form["base"].value, "1")
        self.assertEqual(stored_content("FrontPage"), FRONT_PAGE_CONTENT)

    def test_the_form_shown_again_can_be_saved(self):
        response = self.save("FrontPage", "Changed.", summary="x" * 201, status=400)
        form = response.forms[0]
        form["summary"] = "Short."
        form.submit(status=302)
        self.assertEqual(stored_content("FrontPage"), "Changed.")
        self.assertEqual(history_of("FrontPage")[-1].summary, "Short.")

    def test_a_bad_base_revision_shows_the_form_again(self):
        for base in ("", "one", "-1"):
            with self.subTest(base=base):
                form = self.edit_form("FrontPage", "Changed.")
                form["base"].force_value(base)
                response = form.submit(status=400)
                self.assertEqual(response.forms[0]["content"].value, "Changed.")
                self.assertIsNotNone(response.html.select_one(".error-message"))
        self.assertEqual(stored_content("FrontPage"), FRONT_PAGE_CONTENT)

    def test_a_base_revision_the_page_lacks_is_a_bad_request(self):
        form = self.edit_form("FrontPage", "Changed.")
        form["base"].force_value("7")
        response = form.submit(status=400)
        self.assertIn(
            "opened on revision 7 of FrontPage",
            response.html.select_one(".detail").get_text(),
        )
        self.assertEqual(stored_content("FrontPage"), FRONT_PAGE_CONTENT)


class PreviewTest(TestController):
    def preview(self, title, content, summary=""):
        form = self.edit_form(title, content)
        form["summary"] = summary
        return form.submit("preview")

    def test_preview_renders_the_text_as_the_page_would_be(self):
        response = self.preview(
            "NewPage", "Some *text*, FrontPage, NewPage and MissingPage."
        )
        self.assertEqual(response.status_int, 200)
        article = response.html.select_one("section.preview article")
        self.assertIn("Some <em>text</em>", article.decode_contents())
        # The page itself counts as existing: it will, once saved.
        classes = {a.get_text(): a["class"][-1] for a in article.select("a")}
        self.assertEqual(
            classes,
            {
                "FrontPage": wikitext.EXISTING_PAGE_CLASS,
                "NewPage": wikitext.EXISTING_PAGE_CLASS,
                "MissingPage": wikitext.MISSING_PAGE_CLASS,
            },
        )

    def test_preview_stores_nothing_and_keeps_the_form(self):
        response = self.preview("FrontPage", "Draft <b>text</b>.", "Why.")
        form = response.forms[0]
        self.assertEqual(form["content"].value, "Draft <b>text</b>.")
        self.assertEqual(form["summary"].value, "Why.")
        self.assertEqual(form["base"].value, "1")
        self.assertEqual(stored_content("FrontPage"), FRONT_PAGE_CONTENT)
        form.submit("save", status=302)
        self.assertEqual(stored_content("FrontPage"), "Draft <b>text</b>.")

    def test_preview_escapes_the_source(self):
        response = self.preview("NewPage", "<script>alert(1)</script>")
        self.assertIsNone(response.html.select_one("section.preview script"))


class HistoryTest(TestController):
    def setUp(self):
        super().setUp()
        for number in range(2, 13):
            store_page("FrontPage", "Version %d." % number)

    def numbers(self, response):
        return [
            int(cell.get_text())
            for cell in response.html.select("table.revisions td.number")
        ]

    def test_history_lists_the_newest_first(self):
        response = self.app.get(url("history", title="FrontPage"))
        self.assertEqual(response.html.h1.get_text(), "History of FrontPage")
        self.assertEqual(self.numbers(response), [12, 11, 10, 9, 8])

    def test_history_is_paginated_both_ways(self):
        first = self.app.get(url("history", title="FrontPage"))
        self.assertIsNone(first.html.select_one("a.newer-link"))
        second = first.click(linkid=None, href=r"before=8$")
        self.assertEqual(self.numbers(second), [7, 6, 5, 4, 3])
        third = second.click(href=r"before=3$")
        self.assertEqual(self.numbers(third), [2, 1])
        self.assertIsNone(third.html.select_one("a.older-link"))
        back = third.html.select_one("a.newer-link")["href"]
        self.assertEqual(back, "/pages/history/FrontPage?before=8")
        self.assertEqual(
            second.html.select_one("a.newer-link")["href"], "/pages/history/FrontPage"
        )

    def test_history_rows_link_to_revisions_and_changes(self):
        response = self.app.get(url("history", title="FrontPage"))
        row = response.html.select_one("table.revisions tbody tr")
        self.assertEqual(
            row.select_one("td.number a")["href"], "/pages/revision/FrontPage/12"
        )
        self.assertEqual(
            row.select_one("a.changes-link")["href"],
            "/pages/diff/FrontPage?old=11&new=12",
        )

    def test_history_compares_the_two_chosen_revisions(self):
        form = self.app.get(url("history", title="FrontPage")).forms[0]
        self.assertEqual((form["old"].value, form["new"].value), ("11", "12"))
        form["old"] = "9"
        form["style"] = "side"
        response = form.submit()
        self.assertEqual(response.request.path, "/pages/diff/FrontPage")
        self.assertEqual(
            dict(response.request.GET), {"old": "9", "new": "12", "style": "side"}
        )

    def test_history_of_a_page_never_written_is_not_found(self):
        response = self.app.get(url("history", title="NoSuchPage"), status=404)
        self.assertIn("no history", response.html.select_one(".detail").get_text())

    def test_history_of_a_deleted_page_stays(self):
        log_in(self.app, ADMIN)
        delete_pages(self.app, ["FrontPage"], summary="Gone.")
        response = self.app.get(url("history", title="FrontPage"))
        self.assertEqual(self.numbers(response), [13, 12, 11, 10, 9])
        deletion = response.html.select_one("table.revisions tbody tr")
        self.assertIn("deleted the page", deletion.get_text())

    def test_bad_history_pages_are_bad_requests(self):
        for before in ("0", "1", "x", "99999999999999"):
            with self.subTest(before=before):
                self.app.get(
                    url("history", title="FrontPage", before=before), status=400
                )

    def test_a_history_page_past_the_newest_starts_at_the_newest(self):
        response = self.app.get(url("history", title="FrontPage", before=500))
        self.assertEqual(self.numbers(response), [12, 11, 10, 9, 8])


class OldRevisionTest(TestController):
    def setUp(self):
        super().setUp()
        store_page("FrontPage", "Second *version*.")

    def test_an_old_revision_is_shown_rendered(self):
        response = self.app.get(url("revision", title="FrontPage", number=1))
        self.assertEqual(response.html.h1.get_text(), "FrontPage, revision 1")
        self.assertIn(
            "<strong>Welcome</strong>", response.html.article.decode_contents()
        )
        self.assertIn("The latest is revision 2", response)

    def test_an_old_revision_offers_to_restore_it(self):
        response = self.app.get(url("revision", title="FrontPage", number=1))
        form = response.forms[0]
        self.assertEqual(form.action, "/pages/restore/FrontPage/1")
        self.assertEqual(form["base"].value, "2")

    def test_the_latest_revision_offers_no_restoring(self):
        response = self.app.get(url("revision", title="FrontPage", number=2))
        self.assertEqual(offered_forms(response), [])
        self.assertIn("This is the latest revision.", response)

    def test_a_revision_the_page_lacks_is_not_found(self):
        self.app.get(url("revision", title="FrontPage", number=3), status=404)
        self.app.get(url("revision", title="NoSuchPage", number=1), status=404)
        self.app.get("/pages/revision/FrontPage/0", status=404)
        self.app.get("/pages/revision/FrontPage/one", status=404)


class RestoreTest(TestController):
    def setUp(self):
        super().setUp()
        store_page("FrontPage", "Second.")

    def restore_form(self, number=1):
        return self.app.get(url("revision", title="FrontPage", number=number)).forms[0]

    def test_restoring_adds_a_revision_with_the_old_text(self):
        form = self.restore_form()
        form["summary"] = "Back to the welcome."
        page = form.submit(status=302).follow()
        self.assertEqual(
            flashes(page), ["Restored revision 1 of FrontPage as revision 3."]
        )
        self.assertIn("Welcome", page.html.article.get_text())
        self.assertEqual(
            [(r.number, r.content, r.summary) for r in history_of("FrontPage")],
            [
                (1, FRONT_PAGE_CONTENT, "Written by paster setup-app."),
                (2, "Second.", ""),
                (3, FRONT_PAGE_CONTENT, "Back to the welcome."),
            ],
        )

    def test_restoring_says_so_without_a_summary(self):
        self.restore_form().submit(status=302)
        self.assertEqual(history_of("FrontPage")[-1].summary, "Restored revision 1")

    def test_restoring_a_page_that_changed_meanwhile_restores_nothing(self):
        form = self.restore_form()
        store_page("FrontPage", "Third.")
        response = form.submit(status=409)
        conflict = " ".join(response.html.select_one("p.conflict").get_text().split())
        self.assertIn(
            "Nothing was restored: FrontPage changed while you were "
            "looking, to revision 3 by anonymous",
            conflict,
        )
        self.assertEqual(stored_content("FrontPage"), "Third.")
        # The form now knows revision 3: restoring again is deliberate.
        response.forms[0].submit(status=302)
        self.assertEqual(stored_content("FrontPage"), FRONT_PAGE_CONTENT)

    def test_a_restore_that_met_a_change_keeps_its_summary(self):
        form = self.restore_form()
        form["summary"] = "Back to the welcome."
        store_page("FrontPage", "Third.")
        response = form.submit(status=409)
        self.assertEqual(response.forms[0]["summary"].value, "Back to the welcome.")
        response.forms[0].submit(status=302)
        self.assertEqual(history_of("FrontPage")[-1].summary, "Back to the welcome.")

    def test_restoring_the_latest_text_stores_nothing(self):
        form = self.restore_form()
        store_page("FrontPage", FRONT_PAGE_CONTENT)
        form["base"].force_value("3")
        page = form.submit(status=302).follow()
        self.assertEqual(
            flashes(page),
            [
                "Nothing restored: the text of revision 1 is that of the latest "
                "revision, 3."
            ],
        )
        self.assertEqual(len(history_of("FrontPage")), 3)

    def test_restoring_brings_a_deleted_page_back(self):
        log_in(self.app, ADMIN)
        delete_pages(self.app, ["FrontPage"])
        self.restore_form(2).submit(status=302)
        self.assertEqual(stored_content("FrontPage"), "Second.")
        page = self.app.get(url("page", title="FrontPage"))
        self.assertIn(
            "(revision 4)", page.html.select_one("nav.page-actions").get_text()
        )

    def test_a_deletion_cannot_be_restored(self):
        log_in(self.app, ADMIN)
        delete_pages(self.app, ["FrontPage"])
        response = self.app.get(url("revision", title="FrontPage", number=3))
        self.assertIn("This revision deleted the page.", response)
        self.assertEqual(offered_forms(response), [])
        token = self.restore_form()["_authentication_token"].value
        self.app.post(
            url("restore", title="FrontPage", number=3),
            {"_authentication_token": token, "base": "3"},
            status=400,
        )
        self.assertIsNone(stored_content("FrontPage"))

    def test_a_bad_base_shows_the_revision_again(self):
        form = self.restore_form()
        form["base"].force_value("zero")
        response = form.submit(status=400)
        self.assertEqual(response.html.h1.get_text(), "FrontPage, revision 1")
        self.assertIsNotNone(response.html.select_one(".error-message"))
        self.assertEqual(stored_content("FrontPage"), "Second.")

    def test_restore_only_by_post(self):
        response = self.app.get(url("restore", title="FrontPage", number=1), status=405)
        self.assertEqual(response.headers["Allow"], "POST")


class DiffTest(TestController):
    OLD = (
        "Title\n=====\n\nKeep this line.\nRemove <b>this</b> line.\nChange one word.\n"
    )
    NEW = "Title\n=====\n\nKeep this line.\nChange two word.\nAdd a <i>line</i>.\n"

    def setUp(self):
        super().setUp()
        store_page("DiffPage", self.OLD)
        store_page("DiffPage", self.NEW)

    def diff(self, **params):
        return self.app.get(url("diff", title="DiffPage", **params))

    def test_inline_diff_marks_removed_and_added_lines(self):
        response = self.diff(old=1, new=2)
        self.assertEqual(response.html.h1.get_text(), "DiffPage: revision 1 to 2")
        table = response.html.select_one("table.diff-inline")
        removed = [
            row.select_one("del").get_text() for row in table.select("tr.removed")
        ]
        added = [row.select_one("ins").get_text() for row in table.select("tr.added")]
        self.assertEqual(removed, ["Remove <b>this</b> line.", "Change one word."])
        self.assertEqual(added, ["Change two word.", "Add a <i>line</i>."])
        same = [row.select_one("td.text").get_text() for row in table.select("tr.same")]
        self.assertEqual(same, ["=====", "", "Keep this line."])

    def test_words_changed_within_a_line_are_marked(self):
        table = self.diff(old=1, new=2).html.select_one("table.diff-inline")
        marked = [mark.get_text() for mark in table.select("mark")]
        self.assertIn("one", marked)
        self.assertIn("two", marked)
        self.assertNotIn("word", marked)

    def test_side_by_side_diff(self):
        response = self.diff(old=1, new=2, style="side")
        table = response.html.select_one("table.diff-side")
        self.assertEqual(
            [cell.get_text() for cell in table.select("td.text.removed")],
            ["Remove <b>this</b> line.", "Change one word."],
        )
        self.assertEqual(
            [cell.get_text() for cell in table.select("td.text.added")],
            ["Change two word.", "Add a <i>line</i>."],
        )
        link = response.html.select_one("a.style-link")
        self.assertEqual(link["href"], "/pages/diff/DiffPage?old=1&new=2&style=inline")

    def test_side_by_side_brings_the_inline_diff_for_narrow_screens(self):
        response = self.diff(old=1, new=2, style="side")
        wide = response.html.select("div.diff-wide table.diff")
        narrow = response.html.select("div.diff-narrow table.diff")
        self.assertEqual([table["class"] for table in wide], [["diff", "diff-side"]])
        self.assertEqual(
            [table["class"] for table in narrow], [["diff", "diff-inline"]]
        )
        inline = self.diff(old=1, new=2, style="inline").html
        self.assertEqual(narrow[0], inline.select_one("table.diff-inline"))

    def test_the_source_in_a_diff_is_escaped(self):
        response = self.diff(old=1, new=2)
        self.assertIsNone(response.html.select_one("table.diff b"))
        self.assertIn("&lt;b&gt;this&lt;/b&gt;", response)

    def test_a_diff_can_go_backwards_and_to_a_deletion(self):
        log_in(self.app, ADMIN)
        delete_pages(self.app, ["DiffPage"])
        response = self.diff(old=2, new=3)
        self.assertEqual(len(response.html.select("tr.removed")), 6)
        self.assertIn(
            "deleted the page", response.html.select_one("p.diff-revisions").get_text()
        )
        response = self.diff(old=2, new=1)
        self.assertEqual(len(response.html.select("tr.added")), 2)

    def test_revisions_with_the_same_lines_say_so(self):
        self.assertIn("The two revisions have the same lines.", self.diff(old=2, new=2))

    def test_a_revision_the_page_lacks_is_not_found(self):
        self.app.get(url("diff", title="DiffPage", old=1, new=3), status=404)
        self.app.get(url("diff", title="NoSuchPage", old=1, new=1), status=404)

    def test_bad_parameters_are_bad_requests(self):
        for params in (
            {},
            {"old": 1},
            {"old": "x", "new": 2},
            {"old": 0, "new": 1},
            {"old": 1, "new": 2, "style": "x"},
        ):
            with self.subTest(**params):
                response = self.app.get(
                    url("diff", title="DiffPage", **params), status=400
                )
                self.assertIsNotNone(response.html.select_one(".error-document"))

    def test_each_bad_parameter_is_told_on_its_own(self):
        response = self.app.get(
            url("diff", title="DiffPage", old="x", new="y"), status=400
        )
        items = response.html.select(".error-document ul.detail li")
        self.assertEqual(
            [item.get_text().split(":")[0] for item in items], ["new=", "old="]
        )

    def test_a_comparison_past_its_deadline_is_told_in_the_page(self):
        with mock.patch.object(
            work, "run", side_effect=WorkerTimeout("still running after 10 seconds")
        ):
            response = self.diff(old=1, new=2)
        told = " ".join(
            response.html.select_one(".comparison-failed").get_text().split()
        )
        self.assertIn("could not be compared: still running after 10 seconds", told)
        self.assertIsNone(response.html.select_one("table.diff"))
