"""Rendering a page's reStructuredText: each rule of linking and safety."""

import base64
import os
import tempfile
import unittest
from unittest import mock

import docutils
import nh3
from bs4 import BeautifulSoup
from docutils import nodes
from docutils.core import publish_parts
from docutils.utils import new_document

from quickwiki.lib import wikitext, wikiwords, work
from quickwiki.lib.workers import (
    WorkerBusy,
    WorkerCrashed,
    WorkerStartFailed,
    WorkerTimeout,
)

#: What the canary files planted by the tests hold: it must never show.
CANARY = "CanaryContentOfTheServer"


def plant_canary(test, suffix, content=CANARY):
    """A file of the server's holding ``content``, removed after ``test``."""
    with tempfile.NamedTemporaryFile("w", suffix=suffix, delete=False) as canary:
        canary.write(content)
    test.addCleanup(os.unlink, canary.name)
    return canary.name


class RenderTest(unittest.TestCase):
    """Renders with a fake list of existing pages, recording its queries."""

    existing = frozenset(["FrontPage"])

    def setUp(self):
        self.queries = []

    def existing_titles(self, titles):
        self.queries.append(set(titles))
        return self.existing & set(titles)

    def render(self, source):
        return BeautifulSoup(self.output(source).html, "html.parser")

    def output(self, source):
        # An image's relative address names a file of the page.
        return wikitext.render(
            source,
            self.existing_titles,
            lambda title: "/wiki/" + title,
            lambda reference: "/files/" + reference,
        )

    def wiki_links(self, soup):
        return [
            (a.get_text(), a["href"])
            for a in soup.find_all("a")
            if a["href"].startswith("/wiki/")
        ]


class LinkingTest(RenderTest):
    def test_wikiwords_in_text_are_linked(self):
        soup = self.render("See FrontPage and *emphatic NewPage* here.")
        self.assertEqual(
            self.wiki_links(soup),
            [("FrontPage", "/wiki/FrontPage"), ("NewPage", "/wiki/NewPage")],
        )
        self.assertEqual(soup.p.get_text(), "See FrontPage and emphatic NewPage here.")

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
        self.assertEqual(
            [a["href"] for a in soup.find_all("a")], ["http://example.org/FrontPage"]
        )

    def test_existing_references_are_not_linked_again(self):
        soup = self.render(
            "`FrontPage <http://example.org/>`_ and `NewPage`_\n\n"
            ".. _NewPage: http://example.org/new\n"
        )
        self.assertEqual(
            [(a.get_text(), a["href"]) for a in soup.find_all("a")],
            [
                ("FrontPage", "http://example.org/"),
                ("NewPage", "http://example.org/new"),
            ],
        )

    def test_attributes_are_not_linked(self):
        soup = self.render(".. image:: picture.png\n   :alt: FrontPage\n")
        self.assertEqual(soup.find_all("a"), [])
        self.assertEqual(soup.img["alt"], "FrontPage")

    def test_math_is_not_linked(self):
        soup = self.render("Math: :math:`FrontPage`")
        self.assertEqual(self.wiki_links(soup), [])
        self.assertEqual(self.queries, [])

    def test_problem_reports_are_not_linked(self):
        output = self.output(".. FrontPage:: x\n")
        self.assertEqual(len(output.problems), 1)
        self.assertEqual(self.queries, [])

    def test_bad_markup_is_not_linked(self):
        soup = self.render("An undefined |FrontPage| substitution.")
        self.assertEqual(soup.p.get_text(), "An undefined |FrontPage| substitution.")
        self.assertEqual(self.wiki_links(soup), [])

    def test_comments_are_not_linked(self):
        soup = self.render("Text.\n\n.. A comment about FrontPage\n")
        self.assertEqual(self.wiki_links(soup), [])


class SafetyTest(RenderTest):
    def test_html_in_the_source_is_text(self):
        soup = self.render("<b>bold</b> & <script>alert(1)</script>")
        self.assertIsNone(soup.find("b"))
        self.assertIsNone(soup.find("script"))
        self.assertEqual(soup.p.get_text(), "<b>bold</b> & <script>alert(1)</script>")

    def test_raw_directive_is_disabled(self):
        output = self.output(".. raw:: html\n\n   <script>alert(1)</script>\n")
        self.assertNotIn("<script", output.html)
        self.assertNotIn("alert(1)", output.html)
        self.assertEqual([problem.line for problem in output.problems], [1])

    def test_include_directive_is_disabled(self):
        output = self.output(".. include:: %s\n" % plant_canary(self, ".txt"))
        self.assertNotIn(CANARY, output.html)
        self.assertEqual([problem.line for problem in output.problems], [1])

    def test_csv_table_reads_no_file(self):
        path = plant_canary(self, ".csv", "a,%s\n" % CANARY)
        output = self.output(".. csv-table::\n   :file: %s\n" % path)
        self.assertNotIn(CANARY, output.html)
        self.assertEqual([problem.line for problem in output.problems], [1])

    def test_embedded_images_read_no_file(self):
        for directive in ("image", "figure"):
            for suffix, content in ((".png", CANARY), (".svg", _svg(CANARY))):
                with self.subTest(directive=directive, suffix=suffix):
                    path = plant_canary(self, suffix, content)
                    html = str(
                        self.render(
                            ".. %s:: %s\n   :loading: embed\n" % (directive, path)
                        )
                    )
                    self.assertNotIn(CANARY, html)
                    self.assertNotIn(_base64(CANARY), html)
                    self.assertNotIn("data:", html)
                    self.assertIn('src="%s"' % path, html)

    def test_the_writer_reads_no_file_even_when_told_to_embed(self):
        path = plant_canary(self, ".svg", _svg(CANARY))
        document = new_document("page", wikitext._settings())
        document += nodes.image(uri=path, loading="embed")
        html = publish_parts(
            document,
            source_class=docutils.io.DocTreeInput,
            reader=docutils.readers.doctree.Reader(),
            writer=wikitext._Writer(),
            settings=wikitext._settings(),
        )["fragment"]
        # Whether docutils refuses or the wiki's translator does, and
        # whatever it says, neither the file nor the refusal is in the page.
        self.assertNotIn(CANARY, html)
        self.assertNotIn(_base64(CANARY), html)
        self.assertEqual(
            BeautifulSoup(html, "html.parser").find_all(class_="system-message"), []
        )
        self.assertIn('src="%s"' % path, html)

    def test_lazy_loading_is_kept(self):
        soup = self.render(".. image:: a.png\n   :loading: lazy\n")
        self.assertEqual(soup.img["loading"], "lazy")

    def test_video_is_a_link_with_its_text_escaped(self):
        soup = self.render(".. image:: clip.mp4\n   :alt: <script>alert(1)</script>\n")
        self.assertIsNone(soup.find("script"))
        self.assertIsNone(soup.find("video"))
        link = soup.find("a")
        self.assertEqual(link["href"], "clip.mp4")
        self.assertEqual(link.get_text(), "<script>alert(1)</script>")

    def test_video_uri_cannot_break_out_of_its_link(self):
        soup = self.render('.. image:: x"><img src=x onerror=alert(1)>.webm\n')
        self.assertIsNone(soup.find("img"))
        self.assertEqual(len(soup.find_all("a")), 1)

    def test_javascript_links_lose_their_target(self):
        soup = self.render("`click me <javascript:alert(1)>`_")
        self.assertEqual(soup.find_all("a"), [])
        self.assertIn("click me", soup.get_text())

    def test_only_http_https_and_mailto_links_keep_their_target(self):
        soup = self.render(
            "`a <http://a.org/>`_ `b <https://b.org/>`_ "
            "`c <mailto:c@c.org>`_ `d <ftp://d.org/>`_ "
            "`e <data:text/html,x>`_ `f <other/page>`_"
        )
        self.assertEqual(
            [a["href"] for a in soup.find_all("a")],
            ["http://a.org/", "https://b.org/", "mailto:c@c.org", "other/page"],
        )

    def test_javascript_images_are_their_alternative_text(self):
        soup = self.render(".. image:: javascript:alert(1)\n   :alt: picture\n")
        self.assertIsNone(soup.find("img"))
        self.assertEqual(soup.get_text().strip(), "picture")

    def test_external_links_are_nofollow_ugc_and_wiki_links_are_not(self):
        soup = self.render("FrontPage `out <https://example.org/>`_ `in <other/page>`_")
        rels = {a.get_text(): a.get("rel") for a in soup.find_all("a")}
        self.assertEqual(
            rels, {"FrontPage": None, "out": ["nofollow", "ugc"], "in": None}
        )

    def test_backslash_and_scheme_relative_links_are_external(self):
        soup = self.render(
            # reST escapes with backslashes: each one here is two.
            r"`a <//evil.example/x>`_ `b </\\evil.example/x>`_ "
            r"`c <\\\\evil.example>`_ `d <https:\\\\evil.example>`_"
        )
        links = {a.get_text(): (a["href"], a.get("rel")) for a in soup.find_all("a")}
        self.assertEqual(
            links,
            {
                "a": ("//evil.example/x", ["nofollow", "ugc"]),
                "b": ("//evil.example/x", ["nofollow", "ugc"]),
                "c": ("//evil.example", ["nofollow", "ugc"]),
                "d": ("https://evil.example", ["nofollow", "ugc"]),
            },
        )

    def test_a_scheme_split_by_a_tab_is_still_refused(self):
        soup = self.render("`click <java\tscript:alert(1)>`_")
        self.assertIsNone(soup.find("a"))

    def test_the_texts_classes_are_kept_out_of_the_sites(self):
        soup = self.render(
            ".. class:: flash\n\nSaved revision 9.\n\n"
            ".. container:: error-document\n\n   Fake.\n\n"
            "A :code:`x` and FrontPage.\n"
        )
        self.assertEqual(soup.select(".flash, .error-document"), [])
        self.assertEqual(soup.select_one(".page-flash").get_text(), "Saved revision 9.")
        self.assertIsNotNone(soup.select_one(".page-error-document"))
        self.assertIn(wikitext.EXISTING_PAGE_CLASS, soup.select_one("a")["class"])

    def test_the_texts_ids_are_kept_out_of_the_sites(self):
        soup = self.render(
            ".. _content:\n\nTarget.\n\nMain\n====\n\nSee content_ and Main_.\n"
        )
        self.assertIsNone(soup.find(id="content"))
        self.assertIsNone(soup.find(id="main"))
        targets = {a.get_text(): a["href"] for a in soup.find_all("a")}
        self.assertEqual(targets, {"content": "#page-content", "Main": "#page-main"})
        for fragment in targets.values():
            self.assertIsNotNone(soup.find(id=fragment[1:]))

    def test_image_styles_are_dropped(self):
        soup = self.render(".. image:: a.png\n   :width: 50%\n")
        self.assertIsNone(soup.img.get("style"))


class ProblemTest(RenderTest):
    """docutils' system messages: kept from readers, told to the author."""

    #: Two problems: an unclosed quote on line 1, a short underline on 4.
    BAD_MARKUP = "An `unclosed quote\n\nTitle\n====\n"

    def assert_no_system_message(self, output):
        soup = BeautifulSoup(output.html, "html.parser")
        self.assertEqual(soup.find_all(class_="system-message"), [])
        self.assertEqual(soup.find_all(class_="system-messages"), [])
        for problem in output.problems:
            self.assertNotIn(problem.message, soup.get_text())

    def test_bad_markup_is_told_to_the_author_with_its_lines(self):
        output = self.output(self.BAD_MARKUP)
        self.assertEqual([problem.line for problem in output.problems], [1, 4])
        for problem in output.problems:
            self.assertEqual(problem.level, 2)
            self.assertEqual(problem.severity, "warning")
            self.assertTrue(problem.message)
        self.assert_no_system_message(output)

    def test_the_page_keeps_its_text_around_bad_markup(self):
        soup = self.render(self.BAD_MARKUP)
        self.assertEqual(soup.p.get_text(), "An `unclosed quote")
        self.assertEqual(soup.h2.get_text(), "Title")
        self.assertEqual(soup.find_all("a"), [])

    def test_problems_the_transforms_find_stay_out_of_the_page(self):
        # Neither is known until the whole text is read: docutils would
        # gather these messages in a section at the end of the page.
        output = self.output("See Nowhere_ and |nothing|.\n")
        self.assertEqual([problem.level for problem in output.problems], [3, 3])
        self.assert_no_system_message(output)
        soup = BeautifulSoup(output.html, "html.parser")
        self.assertEqual(soup.get_text().strip(), "See Nowhere_ and |nothing|.")
        self.assertEqual(soup.find_all("a"), [])

    def test_problems_the_writer_finds_stay_out_of_the_page(self):
        # Scaling an image needs its size, which the wiki never reads.
        output = self.output("Text.\n\n.. image:: a.png\n   :scale: 50%\n")
        self.assertEqual([problem.line for problem in output.problems], [3])
        self.assert_no_system_message(output)

    def test_problems_are_in_the_order_of_their_lines(self):
        output = self.output("Nowhere_\n\n.. raw:: html\n\n   x\n\n`open\n")
        self.assertEqual([problem.line for problem in output.problems], [1, 3, 7])

    def test_informational_messages_are_not_problems(self):
        # docutils notes at level 1 how it looked the directive up.
        output = self.output(".. no-such-directive::\n")
        self.assertEqual([problem.level for problem in output.problems], [3])

    def test_a_clean_text_has_no_problems(self):
        self.assertEqual(self.output("Clean *text*.\n").problems, ())

    def test_headings_start_below_the_page_title(self):
        soup = self.render("One\n===\n\nText.\n\nTwo\n===\n\nText.\n")
        self.assertIsNone(soup.find("h1"))
        self.assertEqual([h2.get_text() for h2 in soup.find_all("h2")], ["One", "Two"])


class DocumentTitleTest(RenderTest):
    """A lone title heading the text is the page's heading, not the text's."""

    def test_a_lone_title_is_the_output_title(self):
        output = self.output("The *Welcome*\n===========\n\nText.\n")
        self.assertEqual(output.title, "The Welcome")
        soup = BeautifulSoup(output.html, "html.parser")
        self.assertIsNone(soup.find(["h1", "h2"]))
        self.assertEqual(soup.get_text().strip(), "Text.")

    def test_its_sections_are_the_texts_headings(self):
        output = self.output("Title\n=====\n\nOne\n---\n\nText.\n\nTwo\n---\n")
        self.assertEqual(output.title, "Title")
        soup = BeautifulSoup(output.html, "html.parser")
        self.assertEqual([h2.get_text() for h2 in soup.find_all("h2")], ["One", "Two"])

    def test_a_subtitle_stays_in_the_text(self):
        output = self.output("Title\n=====\n\nSub\n---\n\nText.\n")
        first = BeautifulSoup(output.html, "html.parser").p
        self.assertEqual(first.get_text(), "Sub")
        self.assertIn("subtitle", first["class"])

    def test_a_text_without_a_title_has_none(self):
        self.assertIsNone(self.output("Just text.\n").title)


class HighlightTest(RenderTest):
    """Code blocks are highlighted with classes that the stylesheet colours:
    Pygments' short names, with the prefix of every class of a page."""

    def test_a_code_block_is_highlighted_with_classes(self):
        soup = self.render(".. code:: python\n\n   def greet():\n       return 1\n")
        block = soup.select_one("pre." + wikitext.PAGE_CLASS_PREFIX + "code")
        self.assertEqual(block.get_text().strip(), "def greet():\n    return 1")
        keyword = block.select_one("span." + wikitext.PAGE_CLASS_PREFIX + "k")
        name = block.select_one("span." + wikitext.PAGE_CLASS_PREFIX + "nf")
        self.assertEqual((keyword.get_text(), name.get_text()), ("def", "greet"))

    def test_no_style_attribute_comes_with_the_colours(self):
        soup = self.render(".. code:: python\n\n   x = 'a'  # why\n")
        self.assertTrue(soup.select("pre span"))
        self.assertEqual(soup.select("[style]"), [])


class SanitiserTest(unittest.TestCase):
    """The allowlist the HTML passes through, whatever docutils wrote."""

    def test_scripts_handlers_and_styles_are_dropped(self):
        html = wikitext.sanitise(
            '<p onclick="x()" style="color: red">a<script>b()</script></p>'
            '<style>p {}</style><iframe src="https://x.org/"></iframe>'
        )
        self.assertEqual(html, "<p>a</p>")

    def test_unsafe_url_schemes_are_dropped(self):
        html = wikitext.sanitise(
            '<a href="javascript:x()">a</a><img src="data:image/png;base64,AA" alt="i">'
        )
        self.assertEqual(html, '<a>a</a><img alt="i">')

    def test_rel_is_kept_only_as_the_renderer_writes_it(self):
        self.assertEqual(
            wikitext.sanitise(
                '<a href="/" rel="nofollow ugc">a</a><a href="/" rel="opener">b</a>'
            ),
            '<a href="/" rel="nofollow ugc">a</a><a href="/">b</a>',
        )


class RobustnessTest(RenderTest):
    """Whatever the source, the page gets an answer."""

    def assert_render_error(self, soup, reason):
        error = soup.find(class_=wikitext.RENDER_ERROR_CLASS)
        self.assertIsNotNone(error, "no error message in %s" % soup)
        self.assertIn(reason, error.p.get_text())
        return error

    def test_too_deep_nesting_is_a_message_with_the_source(self):
        source = "".join("  " * depth + "- item\n\n" for depth in range(500))
        error = self.assert_render_error(self.render(source), "nested too deeply")
        self.assertEqual(error.pre.get_text(), source)

    def test_a_failure_of_docutils_is_a_message(self):
        with mock.patch.object(
            wikitext, "_html_fragment", side_effect=IndexError("bug")
        ):
            html = wikitext.render_in_process("text", set, str).html
        self.assert_render_error(
            BeautifulSoup(html, "html.parser"), "docutils failed (IndexError)"
        )

    def test_lone_surrogates_become_replacement_characters(self):
        soup = self.render("before \ud800 after \udfff")
        self.assertEqual(soup.p.get_text(), "before \ufffd after \ufffd")

    def test_a_source_over_the_size_limit_is_not_rendered(self):
        size = wikitext.DEFAULT_LIMITS["max_size"] + 1
        soup = self.render("x" * size)
        error = self.assert_render_error(soup, "%d bytes long" % size)
        self.assertIsNone(error.pre)

    def test_the_renderer_version_names_its_parts(self):
        self.assertIn("docutils %s" % docutils.__version__, wikitext.RENDERER_VERSION)
        self.assertIn("nh3 %s" % nh3.__version__, wikitext.RENDERER_VERSION)
        self.assertIn(
            "quickwiki-wikitext %s"
            % wikitext.code_digest([wikitext.__file__, wikiwords.__file__]),
            wikitext.RENDERER_VERSION,
        )

    def test_the_code_digest_changes_with_any_byte_of_the_code(self):
        with tempfile.TemporaryDirectory() as scratch:
            rules = os.path.join(scratch, "rules.py")
            other = os.path.join(scratch, "other.py")
            for path in (rules, other):
                with open(path, "w") as module:
                    module.write("LIMIT = 1\n")
            before = wikitext.code_digest([rules, other])
            with open(other, "w") as module:
                module.write("LIMIT = 2\n")
            self.assertNotEqual(wikitext.code_digest([rules, other]), before)


class WorkerFailureTest(unittest.TestCase):
    """What the renderer says when its worker gives no HTML: lasting for a
    text that ran too long or crashed its worker, deferred when no worker
    could take it."""

    def render_failing_with(self, error):
        with mock.patch.object(work, "run", side_effect=error):
            return wikitext.render("Some text.", set, str).html

    def test_a_text_past_the_deadline_is_a_lasting_message(self):
        for error in (
            WorkerTimeout("still running after 10 seconds"),
            WorkerCrashed("exit code -9"),
        ):
            html = self.render_failing_with(error)
            self.assertIsInstance(html, wikitext.Failure)
            self.assertIn(wikitext.RENDER_ERROR_CLASS, html)
            self.assertIn(str(error), html)

    def test_no_worker_in_time_is_a_deferred_message(self):
        for error in (
            WorkerBusy("every worker stayed busy"),
            WorkerStartFailed("not ready"),
            work.BudgetSpent("the request's time for such work is spent"),
        ):
            html = self.render_failing_with(error)
            self.assertIsInstance(html, wikitext.Deferred)
            self.assertIn(wikitext.RENDER_ERROR_CLASS, html)
            self.assertIn("Some text.", html)


def _svg(text):
    return '<svg xmlns="http://www.w3.org/2000/svg"><text>%s</text></svg>' % text


def _base64(text):
    return base64.b64encode(text.encode()).decode()


class HtmlSizeTest(unittest.TestCase):
    """A small text may make a great deal of HTML: beyond the limit, the
    page is a failure message with its text, decided in the worker."""

    def setUp(self):
        self.addCleanup(wikitext.configure, **dict(wikitext._limits))
        wikitext.configure(max_html_size=4000)

    def test_html_over_the_limit_is_a_failure_with_the_source(self):
        # One substitution, referenced many times.
        source = ".. |big| replace:: %s\n\n%s\n" % ("*word* " * 20, "|big| " * 40)
        html = wikitext.render(source, set, str).html
        self.assertIsInstance(html, wikitext.Failure)
        error = BeautifulSoup(html, "html.parser").select_one(
            "." + wikitext.RENDER_ERROR_CLASS
        )
        self.assertIn("more than the 4000 the wiki sends", error.p.get_text())
        self.assertEqual(error.pre.get_text(), source)

    def test_html_within_the_limit_is_the_page(self):
        html = wikitext.render("A *short* page.", set, str).html
        self.assertNotIsInstance(html, wikitext.Failure)
        self.assertIn("<em>short</em>", html)
