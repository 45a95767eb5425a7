"""Search: the search box, ranked results with snippets, paging, the index
kept current by every change, and queries that are not what they seem.

Each test runs on the database's own engine: SQLite's FTS5 under test.ini,
PostgreSQL's text search under ``quickwiki.tests.pgcluster``.
"""

import os
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quickwiki.lib import search
from quickwiki.model import meta
from quickwiki.tests import ADMIN, TestController, delete_pages, log_in, store_page, url

#: Texts each found by a search for "harbour", one better than the next:
#: in the title, several times in the text, once in the text.
RANKED = {
    "HarbourGuide": "Where the boats are.",
    "TideTables": "The harbour at high tide, and the harbour at low tide.",
    "FishMarket": "Fish, sold by the harbour every morning.",
}

#: Queries that are query syntax to FTS5 or PostgreSQL, or odd Unicode.
AWKWARD_QUERIES = [
    '"',
    '""',
    '"unclosed phrase',
    "harbour AND",
    "OR NOT AND",
    "NEAR(harbour tide)",
    "harbour*",
    "*",
    "words:harbour",
    "body : tide",
    "(harbour",
    "harbour)",
    "-harbour",
    "^harbour",
    "harbour & tide | !fish",
    "harbour <-> tide",
    "'single' quotes'",
    "a'b \\ c \\\"",
    "%_%",
    "naïve café",
    "日本語のページ",
    "مرحبا",
    "🐟 fish 🐠",
    "e\u0301",
    "\ue000marked\ue001",
    "\u200b\ufeff",
    "x" * 200,
    " ".join(["word%d" % number for number in range(25)]),
]


class SearchTest(TestController):
    def search(self, query, status=200, **params):
        return self.app.get(url("search", q=query, **params), status=status)

    def titles(self, response):
        return [a.get_text() for a in response.html.select("ol.search-results a")]

    def test_the_layout_has_a_search_box(self):
        page = self.app.get(url("home"))
        box = page.html.select_one('[role=search] input[type=search][name="q"]')
        form = page.html.select_one("form#" + box["form"])
        self.assertEqual(form["action"], url("search"))
        self.assertEqual(form["method"], "get")

    def test_results_are_ranked_with_the_title_first(self):
        for title, content in RANKED.items():
            store_page(title, content)
        store_page("OtherPage", "Nothing to do with boats.")
        self.assertEqual(self.titles(self.search("harbour")), list(RANKED))

    def test_every_word_must_match_and_words_are_stemmed(self):
        for title, content in RANKED.items():
            store_page(title, content)
        self.assertEqual(self.titles(self.search("tides Harbour")), ["TideTables"])
        self.assertEqual(self.titles(self.search("fishes mornings")), ["FishMarket"])

    def test_quoted_words_are_a_phrase(self):
        store_page("PhrasePage", "The quick brown fox.")
        store_page("ScatteredPage", "Brown bread, and quick thinking.")
        self.assertEqual(
            self.titles(self.search("quick brown")), ["PhrasePage", "ScatteredPage"]
        )
        self.assertEqual(self.titles(self.search('"quick brown"')), ["PhrasePage"])

    def test_the_parts_of_a_title_find_it(self):
        store_page("MeetingNotes", "Nothing here says it.")
        self.assertEqual(self.titles(self.search("meeting")), ["MeetingNotes"])

    def test_snippets_mark_the_matches_and_escape_the_text(self):
        store_page(
            "HostileText",
            '<script>alert(1)</script> <b onmouseover="x">bold</b> the needle '
            "\ue000 & \ue001 end.",
        )
        response = self.search("needle")
        snippet = response.html.select_one("ol.search-results p.snippet")
        self.assertEqual(
            [mark.get_text() for mark in snippet.select("mark")], ["needle"]
        )
        self.assertEqual(snippet.select("script, b"), [])
        self.assertNotIn("<script>", response.text.split("</header>")[1])

    def test_snippets_are_escaped_but_for_the_marks(self):
        self.assertEqual(
            search._marked('<b a="1">\ue000x\ue001 & y</b>'),
            "&lt;b a=&#34;1&#34;&gt;<mark>x</mark> &amp; y&lt;/b&gt;",
        )

    def test_an_exact_title_goes_to_the_page(self):
        store_page("HarbourGuide", RANKED["HarbourGuide"])
        response = self.search("HarbourGuide", status=302)
        self.assertEqual(response.location, "/HarbourGuide")
        # The next pages of results are results all the same.
        self.search("HarbourGuide", page=2)

    def test_a_wikiword_without_a_page_is_offered_for_writing(self):
        response = self.search("NoSuchPage")
        self.assertEqual(self.titles(response), [])
        self.assertIsNotNone(response.html.select_one("p.no-results"))
        offer = response.html.select_one("p.create-offer a.create-link")
        self.assertEqual(offer["href"], url("edit_page", title="NoSuchPage"))

    def test_other_words_are_not_offered(self):
        response = self.search("harbour")
        self.assertIsNone(response.html.select_one("p.create-offer"))
        self.assertIsNotNone(response.html.select_one("p.no-results"))

    def test_an_empty_search_explains_itself(self):
        for query in ("", "   ", "!?*"):
            response = self.search(query)
            self.assertIsNotNone(response.html.select_one("p.search-help"))
            self.assertEqual(self.titles(response), [])

    def test_results_come_a_page_at_a_time(self):
        # test.ini shows 5 titles a page.
        titles = ["TidePage%s" % letter for letter in "ABCDEFG"]
        for title in titles:
            store_page(title, "Tide.")
        first = self.search("tide")
        self.assertEqual(len(self.titles(first)), 5)
        self.assertEqual(first.html.select_one("ol.search-results")["start"], "1")
        second = first.click(linkid=None, href="page=2")
        self.assertEqual(second.html.select_one("ol.search-results")["start"], "6")
        self.assertEqual(sorted(self.titles(first) + self.titles(second)), titles)
        self.assertIsNone(second.html.select_one("a[rel=next]"))
        self.assertEqual(self.titles(second.click(href="page=1")), self.titles(first))
        self.assertIsNotNone(
            self.search("tide", page=3).html.select_one("p.no-results")
        )

    def test_a_broad_query_ranks_the_pages_changed_last(self):
        for number in range(1, 6):
            store_page("TidePage%d" % number, "Tide.")
        store_page("TidePage1", "Tide, again.")
        with mock.patch.object(search, "MAX_RANKED", 3):
            response = self.search("tide")
        self.assertEqual(
            sorted(self.titles(response)), ["TidePage1", "TidePage4", "TidePage5"]
        )
        self.assertIn(
            "More than 3 pages match", response.html.select_one("p.narrowed").get_text()
        )
        self.assertIsNone(self.search("tide").html.select_one("p.narrowed"))

    def test_a_narrowed_query_puts_the_titles_that_match_first(self):
        store_page("TideTables", "When the water is high.")
        for number in range(1, 4):
            store_page("HarbourPage%d" % number, "The tide comes in.")
        with mock.patch.object(search, "MAX_RANKED", 4):
            response = self.search("tide")
        self.assertIsNotNone(response.html.select_one("p.narrowed"))
        self.assertEqual(self.titles(response)[0], "TideTables")

    def test_a_bad_page_number_or_query_is_refused(self):
        for params in ({"page": "0"}, {"page": "51"}, {"page": "two"}):
            self.search("tide", status=400, **params)
        self.search("x" * 201, status=400)

    def test_the_index_follows_every_change(self):
        store_page("ChangingPage", "An anchor lies here.")
        self.assertEqual(self.titles(self.search("anchor")), ["ChangingPage"])
        self.save("ChangingPage", "A rope lies here.")
        self.assertEqual(self.titles(self.search("anchor")), [])
        self.assertEqual(self.titles(self.search("rope")), ["ChangingPage"])
        log_in(self.app, ADMIN)
        delete_pages(self.app, ["ChangingPage"])
        self.assertEqual(self.titles(self.search("rope")), [])
        restore = self.app.get(url("revision", title="ChangingPage", number=1))
        restore.forms[0].submit(status=302)
        self.assertEqual(self.titles(self.search("anchor")), ["ChangingPage"])

    def test_awkward_queries_are_searched_for_as_words(self):
        store_page("UnicodePage", "Naïve café, 日本語のページ, fish 🐟 and mañana.")
        for query in AWKWARD_QUERIES:
            with self.subTest(query=query):
                self.search(query)
        self.assertEqual(self.titles(self.search("café")), ["UnicodePage"])
        self.assertEqual(self.titles(self.search('"fish"')), ["UnicodePage"])

    @settings(
        max_examples=60,
        deadline=None,
        derandomize=bool(os.environ.get("CI")),
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(
        st.text(
            st.characters(exclude_categories=["Cs"], exclude_characters="\x00"),
            max_size=60,
        )
    )
    def test_no_query_fails(self, query):
        response = self.app.get(url("search", q=query), status="*")
        self.assertIn(response.status_int, (200, 302))


class EngineTest(TestController):
    """The two engines answer the same through one interface."""

    def test_the_engine_is_the_databases_own(self):
        engine = search.engine_for(meta.Session)
        self.assertIsInstance(
            engine,
            {
                "sqlite": search.SQLiteEngine,
                "postgresql": search.PostgreSQLEngine,
            }[meta.Session.get_bind().dialect.name],
        )

    def test_parse_keeps_words_and_phrases_only(self):
        self.assertEqual(
            search.parse('Harbour "high  tide" AND* harbour "solo" "'),
            search.Query(("Harbour", "AND", "solo"), (("high", "tide"),)),
        )
        self.assertFalse(search.parse('"" * ( ) - :'))
        self.assertEqual(
            len(search.parse(" ".join("w%d" % n for n in range(40))).words), 12
        )

    def test_the_queries_hold_what_was_typed_as_values_only(self):
        query = search.parse('it\'s "it is" OR')
        self.assertEqual(search.SQLiteEngine.match(query), '"it" "s" "OR" "it is"')
        sql, values = search.PostgreSQLEngine.tsquery(query)
        self.assertNotIn("it", sql)
        self.assertEqual(values, {"words": "it s OR", "phrase0": "it is"})
