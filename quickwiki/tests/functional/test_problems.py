"""The problems docutils finds in a page's text: never shown to readers,
listed for the author in the edit form and the preview."""

from unittest import mock

from quickwiki.lib import revisions, wikitext
from quickwiki.tests import TestController, store_page, url
from quickwiki.tests.functional.test_renderings import change_rendering, rendering

#: Two problems: an unclosed quote on line 1, an unknown directive on 3.
BAD_MARKUP = "An `unclosed quote.\n\n.. no-such-directive::\n\nThe end.\n"


def listed_problems(response):
    """The problems an edit form lists: (class, text) of each."""
    return [
        (item["class"], " ".join(item.get_text().split()))
        for item in response.html.select("section.problems li")
    ]


class ProblemTest(TestController):
    def setUp(self):
        super().setUp()
        store_page("SomePage", BAD_MARKUP)

    def assert_no_system_message(self, response):
        self.assertEqual(response.html.select(".system-message"), [])
        self.assertEqual(response.html.select(".system-messages"), [])
        self.assertEqual(response.html.select("section.problems"), [])

    def test_readers_see_the_text_without_the_problems(self):
        response = self.app.get(url("page", title="SomePage"))
        self.assert_no_system_message(response)
        self.assertEqual(
            [p.get_text() for p in response.html.select("article p")],
            ["An `unclosed quote.", "The end."],
        )

    def test_an_old_revision_shows_no_problems_either(self):
        store_page("SomePage", "Clean now.")
        response = self.app.get(url("revision", title="SomePage", number=1))
        self.assert_no_system_message(response)

    def test_the_edit_form_lists_the_problems_with_their_lines(self):
        listed = listed_problems(self.app.get(url("edit_page", title="SomePage")))
        self.assertEqual([kind for kind, text in listed], [["warning"], ["error"]])
        self.assertTrue(listed[0][1].startswith("Line 1 (warning):"), listed)
        self.assertTrue(listed[1][1].startswith("Line 3 (error):"), listed)

    def test_the_edit_form_reads_them_from_the_stored_rendering(self):
        self.app.get(url("page", title="SomePage"))
        with mock.patch.object(wikitext, "render", side_effect=AssertionError):
            response = self.app.get(url("edit_page", title="SomePage"))
        self.assertEqual(len(listed_problems(response)), 2)

    def test_a_stale_rendering_is_made_once_for_the_form_and_the_page(self):
        change_rendering("SomePage", html=None, renderer=None, problems=None)
        self.assertEqual(
            len(listed_problems(self.app.get(url("edit_page", title="SomePage")))), 2
        )
        self.assertEqual(len(rendering("SomePage").problems), 2)
        with mock.patch.object(wikitext, "render", side_effect=AssertionError):
            self.app.get(url("page", title="SomePage"))

    def test_another_renderers_problems_are_not_listed(self):
        self.app.get(url("page", title="SomePage"))
        change_rendering("SomePage", renderer="another", problems=[])
        listed = listed_problems(self.app.get(url("edit_page", title="SomePage")))
        self.assertEqual(len(listed), 2)
        self.assertEqual(rendering("SomePage").renderer, wikitext.RENDERER_VERSION)

    def test_a_deleted_pages_form_starts_from_its_deletion(self):
        revisions.delete_page("SomePage", revisions.Author())
        response = self.app.get(url("edit_page", title="SomePage"))
        self.assertEqual(response.html.select("section.problems"), [])
        self.assertEqual(response.forms[0]["base"].value, "2")
        self.assertEqual(response.forms[0]["content"].value, "")

    def test_the_preview_lists_the_problems_of_the_text_previewed(self):
        form = self.app.get(url("edit_page", title="SomePage")).forms[0]
        form["content"] = "Fine.\n\nTitle\n====\n"
        response = form.submit("preview")
        listed = listed_problems(response)
        self.assertEqual(len(listed), 1)
        self.assertTrue(listed[0][1].startswith("Line 4 (warning):"), listed)
        self.assertEqual(
            response.html.select("section.preview .system-message"),
            [],
        )

    def test_a_text_without_problems_lists_none(self):
        store_page("SomePage", "Clean *text*.")
        response = self.app.get(url("edit_page", title="SomePage"))
        self.assertEqual(response.html.select("section.problems"), [])

    def test_the_messages_are_escaped(self):
        store_page("SomePage", "An undefined |<script>alert(1)</script>|.\n")
        response = self.app.get(url("edit_page", title="SomePage"))
        self.assertIsNone(response.html.select_one("section.problems script"))
        self.assertIn(
            "<script>alert(1)</script>",
            response.html.select_one("section.problems").get_text(),
        )
