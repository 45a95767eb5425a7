"""What changed between versions of a page's source: for people to read,
and for the three-way merge of two changes made at once.

:func:`compare` finds the changed lines with difflib and returns them as
hunks (changes with a few unchanged lines around them) that a template
lays out side by side or inline.  Where lines were replaced by others, the
most alike removed and added lines are paired, as difflib's ``Differ``
does, and compared word by word, so that the words that changed stand out.
That pairing compares lines character by character, which takes time in
the product of their lengths: a diff spends at most
:data:`MAX_COMPARISONS` on it, whatever two texts it is given, and shows
the replaced lines it has no time left for whole.  Nothing here is HTML:
the templates escape every piece.

:func:`merge` brings two changes of one text together (merge3), if they
change different lines.

Matching the lines of two texts takes time in the product of their
lengths for some shapes of text (lines alternately kept and changed), in
difflib as in merge3: the wiki runs both functions in its workers, where
a deadline stops them (:mod:`quickwiki.lib.work`).
"""

import difflib
import re
from typing import NamedTuple

import merge3

__all__ = ["Block", "Hunks", "Line", "Piece", "compare", "merge"]

#: Unchanged lines shown before and after each change.
CONTEXT = 3
#: The lines a diff shows, about: the page that shows them, and the time
#: its template takes, stay in bounds; the changes beyond are counted.
MAX_LINES = 2000
#: How alike (difflib's ratio) a removed and an added line must be to be
#: shown as one line changed, with the words that changed marked.
SIMILAR = 0.6
#: Replaced lines are paired up only when the removed lines times the
#: added ones are at most this many, and compared word by word only up to
#: this length: the time a diff takes stays in bounds.
MAX_PAIRINGS = 400
MAX_WORD_DIFF_LENGTH = 2000
#: The comparisons one diff may make pairing lines and marking words: two
#: lines (or their words) compared cost the product of their lengths, as
#: difflib's matcher does in the worst case, and a look at how alike they
#: are the sum.  About a second at the worst.
MAX_COMPARISONS = 10_000_000

# Words, runs of spaces, and single other characters.
_TOKENS = re.compile(r"\w+|\s+|[^\w\s]")


class Piece(NamedTuple):
    """Part of a line; ``changed`` when the other version lacks it."""

    text: str
    changed: bool = False


class Line(NamedTuple):
    """A line of one version: its number there, and its pieces."""

    number: int
    pieces: tuple


class Block(NamedTuple):
    """Lines of the old version and of the new one, for one ``kind`` of
    change: ``equal``, ``replace``, ``delete`` or ``insert``.
    """

    kind: str
    old: tuple
    new: tuple

    def rows(self):
        """The block's (old line, new line) pairs, side by side; a side is
        None where the other version has no line.
        """
        count = max(len(self.old), len(self.new))
        return [(_at(self.old, index), _at(self.new, index)) for index in range(count)]


class Hunks(list):
    """The hunks of a comparison, each a list of :class:`Block`; beyond
    :data:`MAX_LINES`, ``omitted`` counts the changed lines left out."""

    omitted = 0


def compare(old_text, new_text):
    """The hunks that turn ``old_text`` into ``new_text``: :class:`Hunks`,
    empty when the texts have the same lines.
    """
    old_lines = old_text.splitlines()
    new_lines = new_text.splitlines()
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines)
    budget = _Budget(MAX_COMPARISONS)
    hunks = Hunks()
    shown = 0
    for group in matcher.get_grouped_opcodes(CONTEXT):
        if all(kind == "equal" for kind, *_ in group):
            continue
        if shown > MAX_LINES:
            hunks.omitted += sum(
                i2 - i1 + j2 - j1 for kind, i1, i2, j1, j2 in group if kind != "equal"
            )
            continue
        shown += sum(i2 - i1 + j2 - j1 for _kind, i1, i2, j1, j2 in group)
        hunk = []
        for kind, i1, i2, j1, j2 in group:
            if kind == "replace":
                hunk.extend(_replaced(old_lines, i1, i2, new_lines, j1, j2, budget))
            else:
                hunk.append(
                    Block(kind, _lines(old_lines, i1, i2), _lines(new_lines, j1, j2))
                )
        hunks.append(hunk)
    return hunks


def merge(base, theirs, mine):
    """The three-way merge of two texts changed from ``base``; None when
    they change the same lines (or lines next to each other).
    """
    groups = merge3.Merge3(
        base.splitlines(True), theirs.splitlines(True), mine.splitlines(True)
    ).merge_groups()
    lines = []
    for kind, *texts in groups:
        if kind == "conflict":
            return None
        lines.extend(texts[0])
    return "".join(lines)


def _lines(lines, start, stop):
    return tuple(
        Line(number + 1, (Piece(lines[number]),)) for number in range(start, stop)
    )


class _Budget:
    """The comparisons a diff has left to make (see :data:`MAX_COMPARISONS`)."""

    def __init__(self, comparisons):
        self.left = comparisons

    def spend(self, comparisons):
        """Whether ``comparisons`` can still be made; they are then counted."""
        if comparisons > self.left:
            self.left = 0
            return False
        self.left -= comparisons
        return True


def _replaced(old_lines, i1, i2, new_lines, j1, j2, budget):
    """Blocks for old lines replaced by new ones: the most alike pair
    compared word by word, and the lines before and after it likewise.
    """
    if i1 == i2 and j1 == j2:
        return []
    if i1 == i2 or j1 == j2:
        kind = "insert" if i1 == i2 else "delete"
        return [Block(kind, _lines(old_lines, i1, i2), _lines(new_lines, j1, j2))]
    pair = _most_alike(old_lines, i1, i2, new_lines, j1, j2, budget)
    if pair is None:
        return [Block("replace", _lines(old_lines, i1, i2), _lines(new_lines, j1, j2))]
    i, j = pair
    old_pieces, new_pieces = _word_diff(old_lines[i], new_lines[j], budget)
    return (
        _replaced(old_lines, i1, i, new_lines, j1, j, budget)
        + [Block("replace", (Line(i + 1, old_pieces),), (Line(j + 1, new_pieces),))]
        + _replaced(old_lines, i + 1, i2, new_lines, j + 1, j2, budget)
    )


def _most_alike(old_lines, i1, i2, new_lines, j1, j2, budget):
    """The indexes of the most alike old and new lines, if they are alike
    enough, and there are few enough lines and comparisons left in
    ``budget`` to compare them all.
    """
    if (i2 - i1) * (j2 - j1) > MAX_PAIRINGS:
        return None
    best, pair = SIMILAR, None
    matcher = difflib.SequenceMatcher(autojunk=False)
    for j in range(j1, j2):
        new = new_lines[j]
        if not budget.spend(len(new)):
            return None
        matcher.set_seq2(new)
        for i in range(i1, i2):
            old = old_lines[i]
            matcher.set_seq1(old)
            if matcher.real_quick_ratio() <= best:
                continue
            if not budget.spend(len(old) + len(new)):
                return None
            if matcher.quick_ratio() <= best:
                continue
            if not budget.spend(len(old) * len(new)):
                return None
            ratio = matcher.ratio()
            if ratio > best:
                best, pair = ratio, (i, j)
    return pair


def _word_diff(old_line, new_line, budget):
    """The pieces of two lines, the words only one of them has changed."""
    whole = (Piece(old_line, True),), (Piece(new_line, True),)
    if max(len(old_line), len(new_line)) > MAX_WORD_DIFF_LENGTH:
        return whole
    old_words = _TOKENS.findall(old_line)
    new_words = _TOKENS.findall(new_line)
    if not budget.spend(len(old_words) * len(new_words)):
        return whole
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    old_pieces, new_pieces = [], []
    for kind, i1, i2, j1, j2 in matcher.get_opcodes():
        changed = kind != "equal"
        if i2 > i1:
            old_pieces.append(Piece("".join(old_words[i1:i2]), changed))
        if j2 > j1:
            new_pieces.append(Piece("".join(new_words[j1:j2]), changed))
    return tuple(old_pieces), tuple(new_pieces)


def _at(lines, index) -> Line | None:
    return lines[index] if index < len(lines) else None
