"""Property-based test of comparing and merging: whatever two texts, within
the budget.

Matching the lines of two texts takes time in the product of their
lengths for some shapes (lines alternately kept and changed, one line
repeated, lines reversed), in difflib as in merge3.  Hypothesis draws
pairs and triples of texts of such shapes, up to the size of a page;
each comparison and merge runs as the wiki runs them, in a worker within
a request's budget (:mod:`quickwiki.lib.work`), and must give its result,
right, or stop within the budget.  The fixed examples are the shapes at a
size that takes tens of seconds unbounded.

CI runs a fixed set of examples (the ``ci`` profile of
:mod:`quickwiki.tests`, derandomised); a developer's run draws new ones
each time.
"""

import os
import time
import unittest

from hypothesis import example, given, settings
from hypothesis import strategies as st

from quickwiki.lib import diffs, work
from quickwiki.lib.workers import WorkerError

#: Pairs of texts tried (quickwiki.tests sets Hypothesis' profile).
EXAMPLES = 12
#: The budget of each comparison or merge, in seconds.
BUDGET = 0.3
#: What stopping a worker at the deadline and starting the next may take
#: on top, on a busy machine: far less than the unbounded shapes take.
STOP_SLACK = 5.0
#: Lines of the fixed examples: about 150 KB, well within a page's limit.
LARGE = 6000

SHAPES = ("alternating", "repeated", "reversed", "few distinct", "long lines")


def texts(shape, count, word):
    """Two texts of ``shape``, with ``count`` lines (or pairs of lines)."""
    if shape == "alternating":
        old = "".join("kept %d\n%s %d\n" % (n, word, n) for n in range(count))
        new = "".join("kept %d\nchanged %d\n" % (n, n) for n in range(count))
    elif shape == "repeated":
        old = ("%s\n" % word) * count
        new = ("%s\nother\n" % word) * (count // 2)
    elif shape == "reversed":
        lines = ["%s %d\n" % (word, n) for n in range(count)]
        old, new = "".join(lines), "".join(reversed(lines))
    elif shape == "few distinct":
        old = "".join("%s\n" % "abc"[n * n % 3] for n in range(count))
        new = "".join("%s\n" % "abc"[n % 3] for n in range(count))
    else:
        line = (word + " ") * 300
        old = "".join("%s%d\n" % (line, n) for n in range(count // 100 + 1))
        new = "".join("%d%s\n" % (n, line) for n in range(count // 100 + 1))
    return old, new


def shaped_texts():
    return st.builds(
        texts,
        st.sampled_from(SHAPES),
        st.integers(1, LARGE),
        st.text(alphabet="abcxyz", min_size=1, max_size=8),
    )


class BudgetPropertyTest(unittest.TestCase):
    """The wiki's own pool, as test.ini sets it up."""

    @classmethod
    def setUpClass(cls):
        work.run(os.getpid)  # a worker started before any budget counts

    def within_budget(self, function, *args):
        """``function(*args)`` run as the wiki runs it: its result, or None
        when it was stopped, which must be within the budget."""
        started = time.monotonic()
        try:
            with work.budget(BUDGET):
                return work.run(function, *args)
        except WorkerError:
            return None
        finally:
            elapsed = time.monotonic() - started
            self.assertLess(elapsed, BUDGET + STOP_SLACK)

    @settings(max_examples=EXAMPLES)
    @given(shaped_texts())
    @example(texts("alternating", LARGE, "old"))
    @example(texts("reversed", LARGE, "line"))
    def test_a_comparison_is_right_or_stopped_within_its_budget(self, pair):
        old, new = pair
        hunks = self.within_budget(diffs.compare, old, new)
        if hunks is None:
            return
        old_lines, new_lines = old.splitlines(), new.splitlines()
        for block in (block for hunk in hunks for block in hunk):
            for line in block.old:
                self.assertEqual(line_text(line), old_lines[line.number - 1])
            for line in block.new:
                self.assertEqual(line_text(line), new_lines[line.number - 1])

    @settings(max_examples=EXAMPLES)
    @given(shaped_texts())
    @example(texts("alternating", LARGE, "base"))
    def test_a_merge_is_right_or_stopped_within_its_budget(self, pair):
        base, theirs = pair
        mine = base + "An ending of mine.\n"
        merged = self.within_budget(diffs.merge, base, theirs, mine)
        if merged is not None:
            self.assertIn("An ending of mine.\n", merged)


def line_text(line):
    return "".join(piece.text for piece in line.pieces)
