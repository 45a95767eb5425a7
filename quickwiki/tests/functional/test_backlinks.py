"""What links here, and the wanted pages: read from the links that the
pages' renderings store, kept true as pages come and go."""

from quickwiki.tests import ADMIN, TestController, delete_pages, log_in, store_page, url


class BacklinksTest(TestController):
    def titles(self, response):
        return [a.get_text() for a in response.html.select("ul.titles li > a")]

    def test_a_page_lists_the_pages_linking_to_it(self):
        self.save("HarbourPage", "Boats. See HarbourPage itself.")
        self.save("TidePage", "The HarbourPage at high tide.")
        self.save("BoatPage", "Moored in the HarbourPage.")
        self.save("OtherPage", "Nothing.")
        page = self.app.get(url("page", title="HarbourPage"))
        backlinks = page.click(linkid=None, href=url("backlinks", title="HarbourPage"))
        self.assertEqual(backlinks.html.h1.get_text(), "What links to HarbourPage")
        self.assertEqual(self.titles(backlinks), ["BoatPage", "TidePage"])
        self.save("TidePage", "No link now.")
        self.assertEqual(
            self.titles(self.app.get(url("backlinks", title="HarbourPage"))),
            ["BoatPage"],
        )
        log_in(self.app, ADMIN)
        delete_pages(self.app, ["BoatPage"])
        response = self.app.get(url("backlinks", title="HarbourPage"))
        self.assertEqual(self.titles(response), [])
        self.assertIsNotNone(response.html.select_one("p.no-backlinks"))

    def test_backlinks_come_a_page_at_a_time(self):
        # test.ini shows 5 titles a page.
        linking = ["LinkingPage%d" % number for number in range(1, 8)]
        for title in linking:
            self.save(title, "See TargetPage.")
        first = self.app.get(url("backlinks", title="TargetPage"))
        self.assertEqual(self.titles(first), linking[:5])
        second = first.click(href="after=LinkingPage5")
        self.assertEqual(self.titles(second), linking[5:])
        self.assertIsNone(second.html.select_one("a[rel=next]"))
        self.assertEqual(self.titles(second.click("First")), linking[:5])

    def test_a_missing_page_lists_the_pages_wanting_it(self):
        self.save("HarbourPage", "See DreamPage.")
        missing = self.app.get(url("page", title="DreamPage"), status=404)
        backlinks = missing.click(href=url("backlinks", title="DreamPage"))
        self.assertEqual(self.titles(backlinks), ["HarbourPage"])

    def test_bad_titles_are_refused(self):
        self.app.get(url("backlinks", title="not_a_title"), status=404)
        self.app.get(url("backlinks", title="FrontPage", after="x y"), status=400)


class WantedTest(TestController):
    def wanted(self, **params):
        response = self.app.get(url("wanted", **params))
        return [
            (
                item.select_one("a").get_text(),
                item.select_one("a.backlinks-link").get_text(),
            )
            for item in response.html.select("ul.wanted li")
        ]

    def test_wanted_pages_are_linked_but_missing(self):
        self.assertEqual(self.wanted(), [])
        self.save("HarbourPage", "See DreamPage and WishPage and FrontPage.")
        self.save("TidePage", "See DreamPage.")
        self.assertEqual(
            self.wanted(),
            [("DreamPage", "2 linking pages"), ("WishPage", "1 linking page")],
        )
        self.save("DreamPage", "Dreamt up at last.")
        self.assertEqual(self.wanted(), [("WishPage", "1 linking page")])
        log_in(self.app, ADMIN)
        delete_pages(self.app, ["DreamPage", "HarbourPage"])
        self.assertEqual(self.wanted(), [("DreamPage", "1 linking page")])

    def test_a_page_written_before_its_links_were_known_is_found(self):
        # Stored without a rendering (as setup-app and load-wiki store
        # pages), its links are known from its first view.
        store_page("HarbourPage", "See DreamPage.")
        self.assertEqual(self.wanted(), [])
        self.app.get(url("page", title="HarbourPage"))
        self.assertEqual(self.wanted(), [("DreamPage", "1 linking page")])

    def test_wanted_pages_come_a_page_at_a_time(self):
        titles = ["WantedPage%d" % number for number in range(1, 8)]
        self.save("WishingPage", " ".join(titles))
        first = self.app.get(url("wanted"))
        self.assertEqual(
            [a.get_text() for a in first.html.select("ul.wanted li > a:first-child")],
            titles[:5],
        )
        self.assertEqual(
            [title for title, _ in self.wanted(after="WantedPage5")], titles[5:]
        )
        self.assertEqual(first.click(href="after=WantedPage5").status_int, 200)
        self.app.get(url("wanted", after="not a title"), status=400)
