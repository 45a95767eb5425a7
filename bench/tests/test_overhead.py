"""Part 1's figures: each group compared with its own baselines."""

import unittest

import overhead


class SummarizeTest(unittest.TestCase):
    def test_each_group_is_compared_with_its_own_baselines(self):
        samples = {
            "pylons-full": [30.0, 30.0],
            "pyramid": [20.0, 20.0],
            "flask": [60.0, 60.0],
            "pylons-page": [50.0, 50.0],
            "pyramid-page": [40.0, 40.0],
            "flask-page": [100.0, 100.0],
            "qw-show": [200.0, 200.0],
            "qw-edit": [500.0, 500.0],
        }
        summary = overhead.summarize(samples)
        self.assertEqual(summary["pylons-full"]["vs_pyramid"], 1.5)
        self.assertEqual(summary["pylons-page"]["vs_pyramid"], 1.25)
        self.assertEqual(summary["pylons-page"]["vs_flask"], 0.5)
        self.assertEqual(summary["qw-edit"]["vs_page_view"], 2.5)
        self.assertNotIn("vs_pyramid", summary["qw-show"])
        self.assertEqual(summary["qw-show"]["group"], "quickwiki")
