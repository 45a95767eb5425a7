"""The Markdown page: every measured row, ratios, growth."""
import unittest

import report


def _wiki_row(server, pages, operation, rate):
    return {"server": server, "pages": pages, "operation": operation,
            "requests_per_second": rate, "p50_ms": 1.25, "p99_ms": 9.5,
            "error_count": 0, "peak_rss_mib": 61.4}


def sample_results():
    summary = {
        name: {"us_per_request": micros, "us_best": micros - 1,
               "requests_per_second": 1e6 / micros,
               "vs_pyramid": micros / 20.0, "vs_flask": micros / 50.0}
        for name, micros in (("pylons-full", 150.0), ("pylons-core", 100.0),
                             ("pyramid", 20.0), ("flask", 50.0))}
    profile = {"calls": 1000, "text_file": "profile.txt", "total_us": 200.0,
               "libraries": {"paste": 120.0, "webob": 80.0},
               "top_self": [{"function": "register (registry.py:313)",
                             "library": "paste", "calls_per_request": 11.0,
                             "self_us": 12.0, "cumulative_us": 20.0}]}
    rows = [_wiki_row(server, pages, operation, rate / (1 + pages / 1000))
            for server in ("paste", "waitress")
            for pages in (100, 10000)
            for operation, rate in (("show", 300.0), ("list", 600.0), ("save", 150.0))]
    meta = {"started": "2026-01-01T00:00:00", "machine": "x86_64", "cpus": 2,
            "python": "3.11.7", "generator": "wrk", "connections": 8,
            "seconds": 5, "warmup_seconds": 1, "versions": {"Pylons": "1.1.0.dev0"}}
    wiki_profiles = {"show": dict(profile, text_file="show.txt")}
    return {"meta": meta, "overhead": {"rounds": 9, "summary": summary,
                                       "profile": profile},
            "wiki": {"connections": 8, "rows": rows, "profiles": wiki_profiles,
                     "profiled_at": 10000}}


class MarkdownTest(unittest.TestCase):
    def setUp(self):
        self.text = report.render_markdown(sample_results())

    def test_ratios_against_both_peers(self):
        self.assertIn("| Pylons, full stack (QuickWiki's) | 150.0 | 149.0 | 6,667 "
                      "| 7.50× | 3.00× |", self.text)
        self.assertIn("| Pyramid | 20.0 | 19.0 | 50,000 | 1.00× | 0.40× |", self.text)

    def test_every_wiki_row_is_in_the_table(self):
        self.assertEqual(self.text.count("| paste | 10,000 |"), 3)
        self.assertEqual(self.text.count("| waitress | 100 |"), 3)
        self.assertIn("| paste | 100 | show a reST page | 273 | 1.2 | 9.5 | 0 | 61 |",
                      self.text)

    def test_growth_compares_smallest_and_largest(self):
        self.assertIn("time per request, 10,000 vs 100", self.text)
        self.assertIn("| paste | show a reST page | 273 | 27 | 10.00× |", self.text)

    def test_profile_shares(self):
        self.assertIn("| paste | 120.0 | 60% |", self.text)
        self.assertIn("| register (registry.py:313) | paste | 11.0 | 12.0 | 20.0 |",
                      self.text)

    def test_wiki_profiles(self):
        self.assertIn("at 10,000 pages", self.text)
        self.assertIn("**show a reST page** (`show.txt`)", self.text)


class OrderTest(unittest.TestCase):
    def test_tables_follow_the_label_order_not_the_dict_order(self):
        results = sample_results()
        results["overhead"]["summary"] = dict(sorted(results["overhead"]["summary"].items()))
        text = report.render_markdown(results)
        self.assertLess(text.index("| Pylons, full stack"), text.index("| Pyramid |"))
        self.assertLess(text.index("| Pyramid |"), text.index("| Flask |"))

    def test_libraries_largest_first(self):
        results = sample_results()
        results["overhead"]["profile"]["libraries"] = {"paste": 1.0, "webob": 9.0}
        text = report.render_markdown(results)
        self.assertLess(text.index("| webob | 9.0"), text.index("| paste | 1.0"))
