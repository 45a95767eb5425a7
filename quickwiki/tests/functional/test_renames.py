"""Renaming pages: the history moves, a redirect stays behind, the links
of the linking pages can be led to the new title, and search and what
links here follow."""

from quickwiki.lib import renames
from quickwiki.tests import (
    ADMIN,
    TestController,
    flashes,
    log_in,
    stored_history,
    url,
)


class RenameTest(TestController):
    def setUp(self):
        super().setUp()
        self.save("HarbourPage", "Boats of the harbour.")
        self.save("HarbourPage", "Boats and ships of the harbour.", "Ships too")
        self.save("TidePage", "See HarbourPage at high tide.")
        self.save("BoatPage", "Moored in the HarbourPage, ``HarbourPage``.")
        log_in(self.app, ADMIN)

    def rename(self, title, new, status=302, redirect=True, summary=""):
        form = self.app.get(url("page", title=title)).click("Rename").forms[0]
        form["new"] = new
        form["redirect"] = redirect
        form["summary"] = summary
        return form.submit(status=status)

    def test_the_history_moves_and_a_redirect_stays(self):
        response = self.rename("HarbourPage", "PortPage", summary="A better name")
        self.assertEqual(
            response.location,
            url("relink", title="PortPage", old="HarbourPage"),
        )
        moved = stored_history("PortPage")
        self.assertEqual(
            [(r.number, r.summary) for r in moved],
            [
                (1, ""),
                (2, "Ships too"),
                (3, "Renamed from HarbourPage: A better name"),
            ],
        )
        self.assertEqual(moved[-1].content, moved[-2].content)
        self.assertEqual(moved[-1].author, "Admin")
        left = stored_history("HarbourPage")
        self.assertEqual(
            [(r.number, r.content, r.summary) for r in left],
            [(1, "#REDIRECT PortPage\n", "Renamed to PortPage")],
        )
        # The old title leads to the new one, saying so.
        shown = self.app.get(url("page", title="HarbourPage")).follow()
        self.assertEqual(shown.request.path, url("page", title="PortPage"))
        back = shown.html.select_one("p.redirected-from a")
        self.assertEqual(back["href"], url("page", title="HarbourPage", redirect="no"))
        itself = self.app.get(back["href"])
        self.assertIn("#REDIRECT", itself.html.article.get_text())

    def test_a_page_reached_through_a_redirect_is_validated_as_such(self):
        self.rename("HarbourPage", "PortPage")
        self.app.get(url("pages"))  # shows the rename's flash message
        alone = self.app.get(url("page", title="PortPage"))
        redirected = self.app.get(url("page", title="HarbourPage")).follow()
        self.assertNotEqual(alone.headers["ETag"], redirected.headers["ETag"])
        again = self.app.get(
            redirected.request.url,
            headers={"If-None-Match": redirected.headers["ETag"]},
            status=304,
        )
        self.assertEqual(again.headers["ETag"], redirected.headers["ETag"])

    def test_search_and_backlinks_follow_the_rename(self):
        self.rename("HarbourPage", "PortPage")
        results = self.app.get(url("search", q="ships"))
        self.assertEqual(
            [a.get_text() for a in results.html.select("ol.search-results a")],
            ["PortPage"],
        )
        # The old title goes to the page, through its redirect.
        self.app.get(url("search", q="HarbourPage"), status=302).follow().follow()
        self.assertEqual(
            self.titles(url("backlinks", title="HarbourPage")), ["BoatPage", "TidePage"]
        )
        self.assertEqual(
            self.titles(url("backlinks", title="PortPage")), ["HarbourPage"]
        )
        self.assertEqual(
            [
                a.get_text()
                for a in self.app.get(url("wanted")).html.select(
                    "ul.wanted li > a:first-child"
                )
            ],
            [],
        )

    def titles(self, address):
        return [
            a.get_text() for a in self.app.get(address).html.select("ul.titles li > a")
        ]

    def test_the_linking_pages_are_relinked_with_a_revision_each(self):
        relink = self.rename("HarbourPage", "PortPage").follow()
        form = relink.forms[0]
        self.assertEqual(
            [box.value for box in form.fields["page"]], ["BoatPage", "TidePage"]
        )
        done = form.submit(status=302).follow()
        self.assertEqual(
            flashes(done),
            ["BoatPage and TidePage now link to PortPage, each in a new revision."],
        )
        self.assertIsNotNone(done.html.select_one("p.no-backlinks"))
        boat = stored_history("BoatPage")[-1]
        # The literal names the old title as text, and is changed too.
        self.assertEqual(boat.content, "Moored in the PortPage, ``PortPage``.")
        self.assertEqual(
            boat.summary, "Links to HarbourPage lead to PortPage, its new title"
        )
        self.assertEqual(
            self.titles(url("backlinks", title="PortPage")),
            ["BoatPage", "HarbourPage", "TidePage"],
        )

    def test_without_a_redirect_the_old_title_is_free(self):
        response = self.rename("HarbourPage", "PortPage", redirect=False)
        self.assertEqual(response.location, "/PortPage")
        self.assertEqual(stored_history("HarbourPage"), [])
        self.app.get(url("page", title="HarbourPage"), status=404)
        self.assertEqual(
            [
                a.get_text()
                for a in self.app.get(url("wanted")).html.select(
                    "ul.wanted li > a:first-child"
                )
            ],
            ["HarbourPage"],
        )

    def test_a_taken_or_bad_title_is_refused(self):
        refused = self.rename("HarbourPage", "TidePage", status=409)
        self.assertIn("TidePage has a page", flashes(refused)[0])
        refused = self.rename("HarbourPage", "not a title", status=400)
        self.assertIn("without spaces", refused.text)
        self.assertEqual(len(stored_history("HarbourPage")), 2)

    def test_a_page_changed_meanwhile_is_not_renamed(self):
        form = self.app.get(url("rename", title="HarbourPage")).forms[0]
        self.save("HarbourPage", "Changed meanwhile.")
        form["new"] = "PortPage"
        refused = form.submit(status=409)
        self.assertIn("changed while you were looking", flashes(refused)[-1])
        self.assertEqual(stored_history("PortPage"), [])

    def test_only_admins_rename(self):
        self.app.get(url("logout"))
        self.app.reset()
        page = self.app.get(url("page", title="HarbourPage"))
        self.assertIsNone(page.html.select_one("a.rename-link"))
        self.app.get(url("rename", title="HarbourPage"), status=403)


class RelinkedTest(TestController):
    def test_only_the_wikiword_itself_changes(self):
        self.assertEqual(
            renames.relinked(
                "HarbourPage, HarbourPages, XHarbourPage and HarbourPage.",
                "HarbourPage",
                "PortPage",
            ),
            "PortPage, HarbourPages, XHarbourPage and PortPage.",
        )
