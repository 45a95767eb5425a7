"""Diffs of two page sources: hunks, context, and the words that changed."""
import unittest

from quickwiki.lib.diffs import CONTEXT, MAX_WORD_DIFF_LENGTH, Piece, compare


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
        hunk, = compare(old, old.replace("Line 10.", "Line ten."))
        self.assertEqual(kinds(hunk), ["equal", "replace", "equal"])
        before, _, after = hunk
        self.assertEqual([line.number for line in before.old],
                         list(range(10 - CONTEXT, 10)))
        self.assertEqual([line.number for line in after.new],
                         list(range(11, 11 + CONTEXT)))

    def test_changes_far_apart_make_two_hunks(self):
        old = numbered(30)
        new = old.replace("Line 2.", "Line two.").replace("Line 28.", "Line 28!")
        self.assertEqual(len(compare(old, new)), 2)

    def test_added_and_removed_lines(self):
        hunk, = compare("a\nb\n", "a\nc\nb\n")
        self.assertEqual(kinds(hunk), ["equal", "insert", "equal"])
        self.assertEqual(hunk[1].rows()[0][0], None)
        self.assertEqual(hunk[1].new[0].number, 2)
        hunk, = compare("a\nb\nc\n", "a\nc\n")
        self.assertEqual(kinds(hunk), ["equal", "delete", "equal"])
        self.assertEqual(hunk[1].rows(), [(hunk[1].old[0], None)])

    def test_a_changed_line_marks_the_changed_words(self):
        hunk, = compare("The quick brown fox.\n", "The slow brown fox!\n")
        block, = hunk
        old, new = block.rows()[0]
        self.assertEqual(old.pieces, (Piece("The ", False), Piece("quick", True),
                                      Piece(" brown fox", False), Piece(".", True)))
        self.assertEqual(new.pieces, (Piece("The ", False), Piece("slow", True),
                                      Piece(" brown fox", False), Piece("!", True)))

    def test_replaced_lines_are_paired_with_the_most_alike(self):
        old = "Remove this line entirely.\nChange one word here.\n"
        new = "Change two word here.\nAn unrelated new line.\n"
        hunk, = compare(old, new)
        self.assertEqual(kinds(hunk), ["delete", "replace", "insert"])
        self.assertEqual((hunk[1].old[0].number, hunk[1].new[0].number), (2, 1))

    def test_unlike_lines_are_not_paired(self):
        hunk, = compare("Alpha beta gamma.\n", "Entirely different words!\n")
        block, = hunk
        self.assertEqual(block.kind, "replace")
        old, new = block.rows()[0]
        self.assertEqual(old.pieces, (Piece("Alpha beta gamma."),))
        self.assertEqual(new.pieces, (Piece("Entirely different words!"),))

    def test_very_long_lines_are_marked_whole(self):
        old = "x" * MAX_WORD_DIFF_LENGTH + " end\n"
        new = "x" * MAX_WORD_DIFF_LENGTH + " END\n"
        (block,), = compare(old, new)
        old_line, new_line = block.rows()[0]
        self.assertEqual(old_line.pieces, (Piece(old.rstrip("\n"), True),))
        self.assertEqual(new_line.pieces, (Piece(new.rstrip("\n"), True),))

    def test_line_numbers_of_both_versions(self):
        hunk, = compare("a\nb\nc\n", "new\na\nb\nC\n")
        equal = [block for block in hunk if block.kind == "equal"][0]
        self.assertEqual([(old.number, new.number) for old, new in equal.rows()],
                         [(1, 2), (2, 3)])
