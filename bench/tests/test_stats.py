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
            requests=500,
            seconds=2.0,
            p50_ms=1.0,
            p99_ms=9.0,
            mean_ms=2.0,
            errors={
                "connect": 1,
                "read": 2,
                "write": 0,
                "timeout": 3,
                "status": 4,
                "unexpected": 4,
            },
            generator="wrk",
        )
        self.assertEqual(figures["requests_per_second"], 250.0)
        # wrk's 4xx/5xx count is part of "unexpected", so not added twice.
        self.assertEqual(figures["error_count"], 10)

    def test_zero_duration_gives_zero_rate(self):
        figures = stats.load_figures(0, 0.0, 0.0, 0.0, 0.0, {}, "python")
        self.assertEqual(figures["requests_per_second"], 0.0)
        self.assertEqual(figures["error_count"], 0)


def _figures(rate, p99, errors=0, rss=50.0):
    return stats.load_figures(
        requests=int(rate * 2),
        seconds=2.0,
        p50_ms=p99 / 4,
        p99_ms=p99,
        mean_ms=p99 / 3,
        errors={"unexpected": errors},
        generator="wrk",
    ) | {"peak_rss_mib": rss}


class RoundOrderTest(unittest.TestCase):
    def test_every_item_once_a_round_each_round_starting_elsewhere(self):
        items = list(range(10))
        orders = [stats.round_order(items, number, 3) for number in range(3)]
        for order in orders:
            self.assertEqual(sorted(order), items)
        self.assertEqual([order[0] for order in orders], [0, 3, 6])
        # Neighbours stay neighbours: the sizes of an operation side by side.
        self.assertEqual(orders[1][:3], [3, 4, 5])

    def test_one_round_keeps_the_order(self):
        self.assertEqual(stats.round_order([1, 2, 3], 0, 1), [1, 2, 3])


class OverRoundsTest(unittest.TestCase):
    def setUp(self):
        self.row = stats.over_rounds(
            [
                _figures(100.0, 30.0, errors=1, rss=60.0),
                _figures(300.0, 10.0),
                _figures(200.0, 20.0, errors=2, rss=55.0),
            ]
        )

    def test_medians_of_rates_and_latencies(self):
        self.assertEqual(self.row["requests_per_second"], 200.0)
        self.assertEqual(self.row["p99_ms"], 20.0)
        self.assertEqual(self.row["p50_ms"], 5.0)

    def test_totals_and_largest_memory(self):
        self.assertEqual(self.row["requests"], 1200)
        self.assertEqual(self.row["seconds"], 6.0)
        self.assertEqual(self.row["errors"], {"unexpected": 3})
        self.assertEqual(self.row["error_count"], 3)
        self.assertEqual(self.row["peak_rss_mib"], 60.0)

    def test_each_round_is_kept(self):
        self.assertEqual(
            [round_["requests_per_second"] for round_ in self.row["rounds"]],
            [100.0, 300.0, 200.0],
        )


class SentTest(unittest.TestCase):
    def test_sent_defaults_to_the_answered_requests(self):
        self.assertEqual(stats.load_figures(5, 1.0, 0, 0, 0, {}, "wrk")["sent"], 5)
        self.assertEqual(
            stats.load_figures(5, 1.0, 0, 0, 0, {}, "wrk", sent=7)["sent"], 7
        )
