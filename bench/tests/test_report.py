"""The Markdown page: every measured row, ratios, growth."""

import unittest

import report


def _wiki_row(app, operation, pages, rate, p99, rounds=(1.0, 1.0, 1.0)):
    return {
        "app": app,
        "operation": operation,
        "pages": pages,
        "requests_per_second": rate,
        "p50_ms": 1.25,
        "p99_ms": p99,
        "error_count": 0,
        "peak_rss_mib": 61.4,
        "rounds": [
            {"requests_per_second": rate * factor, "p99_ms": p99} for factor in rounds
        ],
    }


def sample_results():
    summary = {
        name: {
            "us_per_request": micros,
            "us_best": micros - 1,
            "requests_per_second": 1e6 / micros,
            "vs_pyramid": micros / 20.0,
            "vs_flask": micros / 50.0,
        }
        for name, micros in (
            ("pylons-full", 150.0),
            ("pylons-core", 100.0),
            ("pyramid", 20.0),
            ("flask", 50.0),
        )
    }
    summary["pylons-page"] = dict(
        summary["pylons-full"], us_per_request=40.0, vs_pyramid=0.8, vs_flask=0.5
    )
    summary["qw-show"] = dict(summary["pyramid"], us_per_request=240.0)
    summary["qw-list"] = dict(summary["pyramid"], us_per_request=480.0)
    summary["qw-show"].update(vs_page_view=1.0, vs_private_page_view=0.5)
    summary["qw-list"].update(vs_page_view=2.0, vs_private_page_view=1.0)
    function = {
        "function": "register (registry.py:313)",
        "library": "paste",
        "calls_per_request": 11.0,
        "self_us": 12.0,
        "cumulative_us": 20.0,
    }
    outer = {
        "function": "__call__ (base.py:78)",
        "library": "whitenoise",
        "calls_per_request": 1.0,
        "self_us": 0.5,
        "cumulative_us": 140.0,
    }
    profile = {
        "calls": 1000,
        "text_file": "profile.txt",
        "total_us": 200.0,
        "libraries": {"paste": 120.0, "webob": 80.0},
        "top_self": [function],
        "top_cumulative": [outer, function],
    }
    rows = []
    for pages, slower in ((100, 1.0), (10000, 2.0)):
        rows += [
            _wiki_row(
                "quickwiki",
                "show",
                pages,
                1200.0 / slower,
                10.0 * slower,
                rounds=(0.9, 1.0, 1.1),
            ),
            _wiki_row("wiki2", "show", pages, 100.0, 80.0),
            _wiki_row("quickwiki", "list-first", pages, 300.0, 30.0),
            _wiki_row("quickwiki", "list-last", pages, 290.0, 31.0),
            _wiki_row("quickwiki", "save", pages, 150.0, 60.0),
            _wiki_row("quickwiki", "show-304", pages, 6000.0, 2.0),
        ]
    rows.append(_wiki_row("bare", "show", 100, 2000.0, 5.0))
    rows.append(_wiki_row("bare", "show-304", 100, 2400.0, 4.0))
    rows.append(_wiki_row("bare-cpu", "show", 100, 1500.0, 6.0))
    meta = {
        "started": "2026-01-01T00:00:00",
        "machine": "x86_64",
        "cpus": 2,
        "python": "3.11.7",
        "generator": "wrk",
        "connections": 8,
        "seconds": 3,
        "warmup_seconds": 1,
        "wiki_rounds": 3,
        "load_average": (1.5, 1.25, 1.0),
        "load_average_end": (2.0, 1.5, 1.0),
        "versions": {"Pylons": "1.1.0.dev0"},
    }
    wiki_profiles = {
        "quickwiki:show": dict(profile, text_file="show.txt"),
        "wiki2:show": dict(profile, text_file="peer.txt"),
    }
    return {
        "meta": meta,
        "overhead": {"rounds": 9, "summary": summary, "profile": profile},
        "wiki": {
            "server": "egg:waitress#main",
            "connections": 8,
            "seconds": 3,
            "rounds": 3,
            "show_page_bytes": 1329,
            "rows": rows,
            "profiles": wiki_profiles,
            "profiled_at": 10000,
        },
    }


class MarkdownTest(unittest.TestCase):
    def setUp(self):
        self.text = report.render_markdown(sample_results())

    def test_heading_says_how_loaded_the_machine_was(self):
        self.assertIn(
            "at the start: 1.50, 1.25, 1.00; at the end: 2.00, 1.50, 1.00", self.text
        )
        self.assertIn("3 s in each of 3 rounds", self.text)

    def test_ratios_against_both_peers(self):
        self.assertIn(
            "| Pylons, full stack (QuickWiki's) | 150.0 | 149.0 | 6,667 "
            "| 7.50× | 3.00× |",
            self.text,
        )
        self.assertIn("| Pyramid | 20.0 | 19.0 | 50,000 | 1.00× | 0.40× |", self.text)

    def test_the_mako_page_and_quickwikis_pages_in_process(self):
        self.assertIn(
            "| Pylons, full stack (QuickWiki's) | 40.0 | 149.0 | 6,667 "
            "| 0.80× | 0.50× |",
            self.text,
        )
        self.assertIn(
            "| page view (public: as the wiki kept it) | 240.0 | 19.0 | 50,000 "
            "| 1.00× | 0.50× |",
            self.text,
        )
        self.assertIn(
            "| title list, first page | 480.0 | 19.0 | 50,000 | 2.00× | 1.00× |",
            self.text,
        )

    def test_every_wiki_row_is_in_the_table(self):
        for pages in ("100", "10,000"):
            self.assertEqual(
                self.text.count("| QuickWiki, title list, last page | %s | " % pages), 1
            )
        self.assertIn(
            "| wiki2 peer, show a reST page | 10,000 | 100 | 1.2 | 80.0 | 0 | 61 |",
            self.text,
        )
        self.assertIn("1,329 bytes of reStructuredText", self.text)

    def test_page_view_against_the_peer(self):
        self.assertIn(
            "| 100 | 1,200 | 100 | 12.00× | 10.80–13.20× | 10.0 | 80.0 |", self.text
        )
        self.assertIn(
            "| 10,000 | 600 | 100 | 6.00× | 5.40–6.60× | 20.0 | 80.0 |", self.text
        )
        self.assertIn("the lowest ratio here is 6.00×", self.text)

    def test_page_view_against_the_bare_app_and_its_304(self):
        self.assertIn(
            "| 100 | 1,200 | 2,000 | 0.60× | 1,500 | 0.75× | 6,000 | 5.00× "
            "| 2,400 | 2.00× |",
            self.text,
        )

    def test_growth_compares_with_the_smallest_size(self):
        self.assertIn("time per request, 10,000 vs 100", self.text)
        self.assertIn(
            "| QuickWiki, show a reST page | 1,200 | 600 | 2.00× |", self.text
        )
        self.assertIn(
            "| QuickWiki, show a reST page | 10.0 | 20.0 (2.00×) |", self.text
        )
        self.assertIn(
            "| wiki2 peer, show a reST page | 80.0 | 80.0 (1.00×) |", self.text
        )

    def test_profile_shares_and_layers(self):
        self.assertIn("| paste | 120.0 | 60% |", self.text)
        self.assertIn(
            "| register (registry.py:313) | paste | 11.0 | 12.0 | 20.0 |", self.text
        )
        self.assertIn(
            "| __call__ (base.py:78) | whitenoise | 1.0 | 0.5 | 140.0 |", self.text
        )

    def test_wiki_profiles(self):
        self.assertIn("at 10,000 pages", self.text)
        self.assertIn("**QuickWiki, show a reST page** (`show.txt`)", self.text)
        self.assertIn("**wiki2 peer, show a reST page** (`peer.txt`)", self.text)


class OrderTest(unittest.TestCase):
    def test_a_run_of_some_operations_has_no_part_1(self):
        results = sample_results()
        del results["overhead"]
        text = report.render_markdown(results)
        self.assertNotIn("## 1.", text)
        self.assertIn("## 2. QuickWiki and the wiki2 peer over HTTP", text)

    def test_a_run_without_page_views_or_profiles_leaves_their_sections_out(self):
        results = sample_results()
        wiki = results["wiki"]
        wiki["rows"] = [row for row in wiki["rows"] if row["operation"] == "save"]
        wiki["profiles"] = {}
        text = report.render_markdown(results)
        self.assertIn("| QuickWiki, save a page | 100 |", text)
        self.assertNotIn("### Page view", text)
        self.assertNotIn("lowest ratio", text)
        self.assertNotIn("### Where the wikis' time goes", text)

    def test_tables_follow_the_label_order_not_the_dict_order(self):
        results = sample_results()
        results["overhead"]["summary"] = dict(
            sorted(results["overhead"]["summary"].items())
        )
        results["wiki"]["rows"].reverse()
        text = report.render_markdown(results)
        self.assertLess(text.index("| Pylons, full stack"), text.index("| Pyramid |"))
        self.assertLess(text.index("| Pyramid |"), text.index("| Flask |"))
        self.assertLess(
            text.index("| QuickWiki, show a reST page | 100 |"),
            text.index("| QuickWiki, show a reST page | 10,000 |"),
        )
        self.assertLess(
            text.index("| wiki2 peer, show a reST page | 10,000 |"),
            text.index("| QuickWiki, save a page | 100 |"),
        )

    def test_libraries_largest_first(self):
        results = sample_results()
        results["overhead"]["profile"]["libraries"] = {"paste": 1.0, "webob": 9.0}
        text = report.render_markdown(results)
        self.assertLess(text.index("| webob | 9.0"), text.index("| paste | 1.0"))


class PageViewRatiosTest(unittest.TestCase):
    def test_ratio_of_the_medians_and_of_each_round(self):
        ratios = report.page_view_ratios(sample_results()["wiki"])
        self.assertEqual(sorted(ratios), [100, 10000])
        ratio, by_round = ratios[100]
        self.assertAlmostEqual(ratio, 12.0)
        self.assertEqual([round(value, 2) for value in by_round], [10.8, 12.0, 13.2])

    def test_sizes_without_both_wikis_are_left_out(self):
        wiki = sample_results()["wiki"]
        wiki["rows"] = [
            row
            for row in wiki["rows"]
            if not (row["app"] == "wiki2" and row["pages"] == 10000)
        ]
        self.assertEqual(sorted(report.page_view_ratios(wiki)), [100])
