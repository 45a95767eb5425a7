"""Diffs of two page sources: hunks, context, and the words that changed."""

import unittest

from quickwiki.lib.diffs import (
    CONTEXT,
    MAX_COMPARISONS,
    MAX_LINES,
    MAX_WORD_DIFF_LENGTH,
    Piece,
    compare,
)


def numbered(count):
    return "".join("Line %d.\n" % number for number in range(1, count + 1))


def kinds(hunk):
    return [block.kind for block in hunk]


class CompareTest(unittest.TestCase):
    def test_the_same_lines_make_no_hunk(self):
        self.assertEqual(compare("a\nb\n", "a\nb\n"), [])
        self.assertEqual(compare("a\nb", "a\nb\n"), [])

    def test_changes_come_with_their_context(self):
        old = numbered(20)
        (hunk,) = compare(old, old.replace("Line 10.", "Line ten."))
        self.assertEqual(kinds(hunk), ["equal", "replace", "equal"])
        before, _, after = hunk
        self.assertEqual(
            [line.number for line in before.old], list(range(10 - CONTEXT, 10))
        )
        self.assertEqual(
            [line.number for line in after.new], list(range(11, 11 + CONTEXT))
        )

    def test_a_long_diff_leaves_out_and_counts_the_changes_beyond_its_lines(self):
        old = numbered(40 * MAX_LINES // 10)
        # A change every tenth line: hunks of seven lines and more, apart.
        new = "".join(
            line.replace("Line", "Changed") if number % 10 == 0 else line
            for number, line in enumerate(old.splitlines(True))
        )
        hunks = compare(old, new)
        shown = sum(len(block.old) + len(block.new) for hunk in hunks for block in hunk)
        self.assertLessEqual(shown, MAX_LINES + 20)
        changed = sum(
            len(block.old) + len(block.new)
            for hunk in hunks
            for block in hunk
            if block.kind != "equal"
        )
        self.assertEqual(changed + hunks.omitted, 2 * (40 * MAX_LINES // 100))

    def test_changes_far_apart_make_two_hunks(self):
        old = numbered(30)
        new = old.replace("Line 2.", "Line two.").replace("Line 28.", "Line 28!")
        self.assertEqual(len(compare(old, new)), 2)

    def test_added_and_removed_lines(self):
        (hunk,) = compare("a\nb\n", "a\nc\nb\n")
        self.assertEqual(kinds(hunk), ["equal", "insert", "equal"])
        self.assertEqual(hunk[1].rows()[0][0], None)
        self.assertEqual(hunk[1].new[0].number, 2)
        (hunk,) = compare("a\nb\nc\n", "a\nc\n")
        self.assertEqual(kinds(hunk), ["equal", "delete", "equal"])
        self.assertEqual(hunk[1].rows(), [(hunk[1].old[0], None)])

    def test_a_changed_line_marks_the_changed_words(self):
        (hunk,) = compare("The quick brown fox.\n", "The slow brown fox!\n")
        (block,) = hunk
        old, new = block.rows()[0]
        self.assertEqual(
            old.pieces,
            (
                Piece("The ", False),
                Piece("quick", True),
                Piece(" brown fox", False),
                Piece(".", True),
            ),
        )
        self.assertEqual(
            new.pieces,
            (
                Piece("The ", False),
                Piece("slow", True),
                Piece(" brown fox", False),
                Piece("!", True),
            ),
        )

    def test_replaced_lines_are_paired_with_the_most_alike(self):
        old = "Remove this line entirely.\nChange one word here.\n"
        new = "Change two word here.\nAn unrelated new line.\n"
        (hunk,) = compare(old, new)
        self.assertEqual(kinds(hunk), ["delete", "replace", "insert"])
        self.assertEqual((hunk[1].old[0].number, hunk[1].new[0].number), (2, 1))

    def test_unlike_lines_are_not_paired(self):
        (hunk,) = compare("Alpha beta gamma.\n", "Entirely different words!\n")
        (block,) = hunk
        self.assertEqual(block.kind, "replace")
        old, new = block.rows()[0]
        self.assertEqual(old.pieces, (Piece("Alpha beta gamma."),))
        self.assertEqual(new.pieces, (Piece("Entirely different words!"),))

    def test_very_long_lines_are_marked_whole(self):
        old = "x" * MAX_WORD_DIFF_LENGTH + " end\n"
        new = "x" * MAX_WORD_DIFF_LENGTH + " END\n"
        ((block,),) = compare(old, new)
        old_line, new_line = block.rows()[0]
        self.assertEqual(old_line.pieces, (Piece(old.rstrip("\n"), True),))
        self.assertEqual(new_line.pieces, (Piece(new.rstrip("\n"), True),))

    def test_pairing_stops_when_the_diff_has_made_its_comparisons(self):
        # Each hunk replaces one long line by an alike one: comparing the
        # two costs the product of their lengths, a tenth of what a diff
        # may spend, so the first hunks have their words marked and the
        # last ones, past the bound, are shown as whole lines replaced.
        length = int((MAX_COMPARISONS / 10) ** 0.5)
        old_lines, new_lines = [], []
        for hunk in range(20):
            line = ("%d " % hunk) * (length // 3)
            old_lines += [line + "end", *["Same %d." % hunk] * (2 * CONTEXT + 1)]
            new_lines += [line + "END", *["Same %d." % hunk] * (2 * CONTEXT + 1)]
        hunks = compare("\n".join(old_lines), "\n".join(new_lines))
        self.assertEqual(len(hunks), 20)
        changed = [block for hunk in hunks for block in hunk if block.kind == "replace"]
        first_old, first_new = changed[0].rows()[0]
        self.assertEqual(first_new.pieces[-1], Piece("END", True))
        last_old, last_new = changed[-1].rows()[0]
        self.assertEqual(last_old.pieces, (Piece(old_lines[-1 - 2 * CONTEXT - 1]),))
        self.assertEqual(last_new.pieces, (Piece(new_lines[-1 - 2 * CONTEXT - 1]),))

    def test_line_numbers_of_both_versions(self):
        (hunk,) = compare("a\nb\nc\n", "new\na\nb\nC\n")
        equal = [block for block in hunk if block.kind == "equal"][0]
        self.assertEqual(
            [(old.number, new.number) for old, new in equal.rows()], [(1, 2), (2, 3)]
        )
