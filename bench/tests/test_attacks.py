"""The attack benchmark's page: a row per attack, the p99 ratio."""

import unittest
from collections import Counter

import attacks


class FakeProbe:
    def __init__(self, times, statuses):
        self.times = times
        self.statuses = Counter(statuses)

    def percentile(self, percent):
        times = sorted(self.times)
        return times[min(len(times) - 1, int(len(times) * percent / 100))]


class ReportTest(unittest.TestCase):
    def test_a_row_per_attack_with_its_p99_ratio(self):
        result = {
            "attack": "diff of alternating lines",
            "alone": attacks.figures(FakeProbe([0.002] * 99 + [0.004], {200: 100})),
            "attacked": attacks.figures(
                FakeProbe([0.003] * 98 + [0.04, 0.05], {200: 99, 0: 1})
            ),
            "attacker": {429: 50, 200: 2},
        }
        page = attacks.report([result], 10, 4, "1.0 1.0 1.0")
        (row,) = [line for line in page.splitlines() if line.startswith("| diff")]
        self.assertEqual(
            row,
            "| diff of alternating lines | 2.0 | 4.0 | 3.0 | 50.0 | 12.5× | 1 "
            "| 429: 50, 200: 2 |",
        )
