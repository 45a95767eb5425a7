"""Rendering a page's reStructuredText: each rule of linking and safety."""
import os
import tempfile
import unittest

from bs4 import BeautifulSoup

from quickwiki.lib import wikitext


class RenderTest(unittest.TestCase):
    """Renders with a fake list of existing pages, recording its queries."""

    existing = frozenset(["FrontPage"])

    def setUp(self):
        self.queries = []

    def existing_titles(self, titles):
        self.queries.append(set(titles))
        return self.existing & set(titles)

    def render(self, source):
        html = wikitext.render(source, self.existing_titles,
                               lambda title: "/wiki/" + title)
        return BeautifulSoup(html, "html.parser")

    def wiki_links(self, soup):
        return [(a.get_text(), a["href"]) for a in soup.find_all("a")
                if a["href"].startswith("/wiki/")]


class LinkingTest(RenderTest):
    def test_wikiwords_in_text_are_linked(self):
        soup = self.render("See FrontPage and *emphatic NewPage* here.")
        self.assertEqual(self.wiki_links(soup), [("FrontPage", "/wiki/FrontPage"),
                                                 ("NewPage", "/wiki/NewPage")])
        self.assertEqual(soup.p.get_text(),
                         "See FrontPage and emphatic NewPage here.")

    def test_repeated_wikiwords_are_each_linked(self):
        soup = self.render("*a* FrontPage *b* FrontPage *c*")
        self.assertEqual(len(self.wiki_links(soup)), 2)

    def test_links_to_existing_and_missing_pages_differ_in_class(self):
        soup = self.render("FrontPage NewPage")
        front, new = soup.find_all("a")
        self.assertIn(wikitext.EXISTING_PAGE_CLASS, front["class"])
        self.assertNotIn(wikitext.MISSING_PAGE_CLASS, front["class"])
        self.assertIn(wikitext.MISSING_PAGE_CLASS, new["class"])
        self.assertNotIn(wikitext.EXISTING_PAGE_CLASS, new["class"])

    def test_existing_pages_are_looked_up_once_for_all_words(self):
        self.render("FrontPage NewPage\n\n* FrontPage\n* OtherPage\n")
        self.assertEqual(self.queries, [{"FrontPage", "NewPage", "OtherPage"}])

    def test_no_lookup_without_wikiwords(self):
        self.render("Nothing to link here.")
        self.assertEqual(self.queries, [])

    def test_literal_blocks_are_not_linked(self):
        soup = self.render("Code::\n\n    FrontPage = 1\n")
        self.assertEqual(self.wiki_links(soup), [])
        self.assertEqual(soup.pre.get_text(), "FrontPage = 1")

    def test_inline_literals_are_not_linked(self):
        soup = self.render("Type ``NewPage`` here.")
        self.assertEqual(self.wiki_links(soup), [])
        self.assertEqual(soup.find(class_="literal").get_text(), "NewPage")
        self.assertEqual(self.queries, [])

    def test_urls_are_not_linked(self):
        soup = self.render("Go to http://example.org/FrontPage now.")
        self.assertEqual([a["href"] for a in soup.find_all("a")],
                         ["http://example.org/FrontPage"])

    def test_existing_references_are_not_linked_again(self):
        soup = self.render("`FrontPage <http://example.org/>`_ and `NewPage`_\n\n"
                           ".. _NewPage: http://example.org/new\n")
        self.assertEqual([(a.get_text(), a["href"]) for a in soup.find_all("a")],
                         [("FrontPage", "http://example.org/"),
                          ("NewPage", "http://example.org/new")])

    def test_attributes_are_not_linked(self):
        soup = self.render(".. image:: picture.png\n   :alt: FrontPage\n")
        self.assertEqual(soup.find_all("a"), [])
        self.assertEqual(soup.img["alt"], "FrontPage")

    def test_math_is_not_linked(self):
        soup = self.render("Math: :math:`FrontPage`")
        self.assertEqual(self.wiki_links(soup), [])
        self.assertEqual(self.queries, [])

    def test_problem_reports_are_not_linked(self):
        soup = self.render(".. FrontPage:: x\n")
        self.assertIn('Unknown directive type "FrontPage"', soup.get_text())
        self.assertEqual(self.wiki_links(soup), [])
        self.assertEqual(self.queries, [])

    def test_bad_markup_is_not_linked(self):
        soup = self.render("An undefined |FrontPage| substitution.")
        self.assertEqual(soup.find(class_="problematic").get_text(), "|FrontPage|")
        self.assertEqual(self.wiki_links(soup), [])

    def test_comments_are_not_linked(self):
        soup = self.render("Text.\n\n.. A comment about FrontPage\n")
        self.assertEqual(self.wiki_links(soup), [])


class SafetyTest(RenderTest):
    def test_html_in_the_source_is_text(self):
        soup = self.render("<b>bold</b> & <script>alert(1)</script>")
        self.assertIsNone(soup.find("b"))
        self.assertIsNone(soup.find("script"))
        self.assertEqual(soup.p.get_text(),
                         "<b>bold</b> & <script>alert(1)</script>")

    def test_raw_directive_is_disabled(self):
        soup = self.render(".. raw:: html\n\n   <script>alert(1)</script>\n")
        self.assertIsNone(soup.find("script"))
        self.assertIn('"raw" directive disabled', soup.get_text())

    def test_include_directive_is_disabled(self):
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as secret:
            secret.write("TopSecretContent")
        self.addCleanup(os.unlink, secret.name)
        soup = self.render(".. include:: %s\n" % secret.name)
        self.assertNotIn("TopSecretContent", soup.get_text())
        self.assertIn('"include" directive disabled', soup.get_text())

    def test_javascript_links_lose_their_target(self):
        soup = self.render("`click me <javascript:alert(1)>`_")
        self.assertEqual(soup.find_all("a"), [])
        self.assertIn("click me", soup.get_text())

    def test_bad_markup_is_reported_inline(self):
        soup = self.render("An `unclosed quote\n\nTitle\n====\n")
        messages = [message.get_text() for message in
                    soup.find_all(class_="system-message")]
        self.assertEqual(len(messages), 2)
        self.assertIn("start-string without end-string", messages[0])
        self.assertIn("Title underline too short.", messages[1])

    def test_headings_start_below_the_page_title(self):
        soup = self.render("Heading\n=======\n\nText.\n")
        self.assertIsNone(soup.find("h1"))
        self.assertEqual(soup.h2.get_text(), "Heading")
