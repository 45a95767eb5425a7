"""Percentiles and the summary of one load run."""
import unittest

import stats


class PercentileTest(unittest.TestCase):
    def test_nearest_rank_picks_an_observed_value(self):
        values = [5, 1, 4, 2, 3]
        self.assertEqual(stats.percentile(values, 50), 3)
        self.assertEqual(stats.percentile(values, 99), 5)
        self.assertEqual(stats.percentile(values, 20), 1)
        self.assertEqual(stats.percentile(values, 21), 2)

    def test_hundred_values(self):
        values = list(range(1, 101))
        self.assertEqual(stats.percentile(values, 50), 50)
        self.assertEqual(stats.percentile(values, 99), 99)
        self.assertEqual(stats.percentile(values, 100), 100)

    def test_single_value_and_zero_percent(self):
        self.assertEqual(stats.percentile([7], 99), 7)
        self.assertEqual(stats.percentile([3, 1, 2], 0), 1)

    def test_no_values_is_an_error(self):
        with self.assertRaises(ValueError):
            stats.percentile([], 50)


class LoadFiguresTest(unittest.TestCase):
    def test_rate_and_error_count(self):
        figures = stats.load_figures(
            requests=500, seconds=2.0, p50_ms=1.0, p99_ms=9.0, mean_ms=2.0,
            errors={"connect": 1, "read": 2, "write": 0, "timeout": 3,
                    "status": 4, "unexpected": 4},
            generator="wrk")
        self.assertEqual(figures["requests_per_second"], 250.0)
        # wrk's 4xx/5xx count is part of "unexpected", so not added twice.
        self.assertEqual(figures["error_count"], 10)

    def test_zero_duration_gives_zero_rate(self):
        figures = stats.load_figures(0, 0.0, 0.0, 0.0, 0.0, {}, "python")
        self.assertEqual(figures["requests_per_second"], 0.0)
        self.assertEqual(figures["error_count"], 0)
