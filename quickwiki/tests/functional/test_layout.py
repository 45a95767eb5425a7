"""The layout that every page shares, as HTML: a way past the header, the
page's actions above its text, the stylesheet and the script as files,
and the cheat sheet beside the editor.  How it looks and reads in a
browser is test_look's."""

from quickwiki.lib import wikitext
from quickwiki.tests import ADMIN, TestController, url


class LayoutTest(TestController):
    log_in_as = ADMIN

    def test_the_first_link_skips_to_the_content(self):
        page = self.app.get(url("page", title="FrontPage")).html
        first = page.body.find("a")
        self.assertEqual(first["class"], ["skip-link"])
        self.assertEqual(first["href"], "#main")
        self.assertEqual(page.main["id"], "main")

    def test_the_page_actions_come_before_its_text(self):
        page = self.app.get(url("page", title="FrontPage")).html
        actions = page.select_one("main nav.page-actions")
        self.assertIsNotNone(actions.select_one("a.edit-link"))
        self.assertIsNotNone(actions.select_one("a.history-link"))
        self.assertIsNotNone(actions.select_one("a.delete-link"))
        self.assertIn(page.select_one("article.wiki-content"), actions.find_all_next())
        self.assertEqual(page.footer.find_all("a"), [])

    def test_styles_and_scripts_are_files_only(self):
        for path in (
            url("page", title="FrontPage"),
            url("edit_page", title="FrontPage"),
            url("history", title="FrontPage"),
        ):
            page = self.app.get(path).html
            self.assertEqual(
                [link["href"] for link in page.select("link[rel=stylesheet]")],
                ["/quick.css"],
            )
            self.assertEqual(
                [(script.get("src"), script.string) for script in page("script")],
                [("/quick.js", None)],
            )
            self.assertEqual(page("style"), [])
            self.assertEqual(page.select("[style]"), [])

    def test_the_script_and_the_stylesheet_are_served(self):
        script = self.app.get("/quick.js")
        self.assertIn("javascript", script.content_type)
        self.assertIn("text/css", self.app.get("/quick.css").content_type)

    def test_the_cheat_sheet_is_beside_the_editor_and_describes_it(self):
        page = self.app.get(url("edit_page", title="FrontPage")).html
        editor = page.select_one("div.editor")
        sheet = editor.select_one("aside.cheat-sheet")
        self.assertEqual(editor.select_one("textarea")["aria-describedby"], sheet["id"])
        self.assertIsNotNone(sheet.select_one("a[href]"))

    def test_the_cheat_sheets_examples_render_without_problems(self):
        sheet = self.app.get(url("edit_page", title="FrontPage")).html.select_one(
            "aside.cheat-sheet"
        )
        # The examples of a term go together (a footnote and its note).
        for term in sheet("dt"):
            source = "\n\n".join(
                example.get_text() for example in term.find_all(["code", "pre"])
            )
            output = wikitext.render_in_process(
                source + "\n",
                lambda titles: set(),
                lambda title: "/" + title,
                lambda reference: "/files/" + reference,
            )
            self.assertEqual(output.problems, (), source)

    def test_the_history_buttons_are_named_for_what_they_choose(self):
        self.save("FrontPage", "Changed.")
        page = self.app.get(url("history", title="FrontPage")).html
        radios = page.select("table.revisions input[type=radio]")
        self.assertEqual(len(radios), 4)
        labels = [radio.get("aria-label") for radio in radios]
        self.assertTrue(all(labels), labels)
        self.assertEqual(len(set(labels)), 4)

    def test_no_form_field_has_a_fixed_width(self):
        for path in (
            url("edit_page", title="FrontPage"),
            url("revision", title="FrontPage", number=1),
            url("delete_pages", title="FrontPage"),
        ):
            page = self.app.get(path).html
            self.assertEqual(page.select("input[size]"), [], path)


class FixedPartsTest(TestController):
    """The header and footer, rendered once per language and mount point
    (helpers.FixedParts), follow both from request to request."""

    def header_and_footer(self, **environ):
        page = self.app.get(url("page", title="FrontPage"), extra_environ=environ).html
        return (
            page.select_one("header a.brand")["href"],
            page.select_one("header nav")["aria-label"],
            [link["href"] for link in page.select("link[rel=stylesheet]")],
            page.select_one("form#site-search")["action"],
            page.footer.get_text(),
        )

    def test_each_language_and_mount_point_gets_its_own(self):
        english = self.header_and_footer()
        german = self.header_and_footer(HTTP_ACCEPT_LANGUAGE="de")
        mounted = self.header_and_footer(SCRIPT_NAME="/wiki")
        self.assertEqual(english[0], "/")
        self.assertEqual(english[2], ["/quick.css"])
        self.assertNotEqual(german[1], english[1])
        self.assertNotEqual(german[4], english[4])
        self.assertEqual(german[0], english[0])
        self.assertEqual(
            mounted,
            (
                "/wiki/",
                english[1],
                ["/wiki/quick.css"],
                "/wiki" + english[3],
                english[4],
            ),
        )
        self.assertEqual(self.header_and_footer(), english)
        self.assertEqual(self.header_and_footer(HTTP_ACCEPT_LANGUAGE="de"), german)

    def test_the_cheat_sheet_follows_the_language(self):
        def sheet(**environ):
            page = self.app.get(
                url("edit_page", title="FrontPage"), extra_environ=environ
            )
            return page.html.select_one("aside.cheat-sheet").get_text()

        english = sheet()
        german = sheet(HTTP_ACCEPT_LANGUAGE="de")
        self.assertNotEqual(german, english)
        self.assertEqual(sheet(), english)
        self.assertEqual(sheet(HTTP_ACCEPT_LANGUAGE="de"), german)
