"""Checks of the Python version that Python 3.10+ answers lose their dead branch.

``if sys.version_info < (3,):``, ``if sys.hexversion >= 0x02060000:``,
``if six.PY2:`` (and ``elif``, and ``a if CHECK else b``) have one answer
on every Python this framework runs on: the branch that answer runs is
kept, the other goes, and so does an ``if`` left with no branch.  A check
that compares ``sys.version`` or ``sys.version_info`` with a number
(``sys.version < 2.6``) was already decided on Python 2, which ordered
every number below every string and tuple; on Python 3 it raises
TypeError.  A check whose answer depends on which Python 3 runs it
(``sys.version_info >= (3, 11)``), or on anything else, is left as it is
and reported.

The fixer runs alone, before the others (see
:class:`pylons.upgrade.python.PythonRewriter`), so that they never read,
nor report on, the branches it drops.  It rewrites whole lines of the
module's text, which keeps comments and the layout of what stays, and
reads the result again.
"""

from __future__ import annotations

import ast
import operator
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from fissix import pygram, pytree
from fissix.pgen2 import driver, token
from fissix.pgen2.parse import ParseError
from fissix.pygram import python_symbols as syms

from pylons.upgrade._fixes import PylonsFix, only_statement, remove_unused_import

#: Larger than any minor or micro version of Python 3.
_ANY = 10**9


@dataclass(frozen=True)
class Span:
    """The lowest and highest value an expression has on Python 3.10 and later."""

    low: Any
    high: Any


#: ``sys.version_info``, ``sys.version`` (":" sorts after every digit) and
#: ``sys.hexversion``.
_SYS = {
    "version_info": Span((3, 10, 0, "alpha", 0), (3, _ANY, _ANY, "final", _ANY)),
    "version": Span("3.10", "3.:"),
    "hexversion": Span(0x030A0000, 0x03FFFFFF),
}
_MAJOR = Span(3, 3)
_MINOR = Span(10, _ANY)
#: What six's flags are on Python 3.
_SIX = {"PY2": False, "PY3": True}

_COMPARISONS: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
    "<>": operator.ne,
}
_MIRRORED = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}
_MIRRORED["<>"] = "!="
#: A test that reads the Python version (decided or not).
_READS_VERSION = re.compile(
    r"\bsys\s*\.\s*(version_info|version|hexversion)\b|\bsix\s*\.\s*PY[23]\b"
)
#: Expressions that need no parentheses around them.
_OPERANDS = (token.NAME, token.NUMBER, token.STRING, syms.atom, syms.power)
_SLICE = re.compile(r"(?:0\s*)?:\s*(\d+)")


def python3_answer(test: Any) -> bool | None:
    """What the test ``test`` is on Python 3.10 and later, or None if that varies."""
    children = test.children
    if test.type == syms.atom and children[0].type == token.LPAR:
        return python3_answer(children[1])
    if test.type == syms.not_test:
        answer = python3_answer(children[1])
        return None if answer is None else not answer
    if test.type in (syms.and_test, syms.or_test):
        # Left to right, as Python evaluates: an undecided operand before
        # the deciding one may have effects, so it leaves the answer open.
        deciding = test.type == syms.or_test
        for operand in children[::2]:
            answer = python3_answer(operand)
            if answer is None or answer is deciding:
                return answer
        return not deciding
    if test.type == syms.comparison:
        return _comparison(children)
    if test.type == syms.power:
        return _flag_or_prefix(children)
    return None


def _comparison(children: list[Any]) -> bool | None:
    """``a < b`` or a chain ``a < b <= c``: each link decided, or None."""
    for index in range(1, len(children), 2):
        left, operator_, right = children[index - 1 : index + 2]
        answer = _link(left, str(operator_).strip(), right)
        if answer is not True:
            return answer
    return True


def _link(left: Any, operator_: str, right: Any) -> bool | None:
    if operator_ not in _COMPARISONS:
        return None
    span = _span(left)
    if span is not None:
        return _compare(span, operator_, _constant(right))
    span = _span(right)
    if span is not None:
        return _compare(span, _MIRRORED[operator_], _constant(left))
    return None


def _compare(span: Span, operator_: str, constant: Any) -> bool | None:
    """``VALUE operator_ constant`` for every value in ``span``, if one answer."""
    if constant is None:
        return None
    if _is_number(constant) and not _is_number(span.low):
        # Python 2 ordered numbers below strings and tuples.
        return operator_ in (">", ">=", "!=", "<>")
    compare = _COMPARISONS[operator_]
    try:
        if operator_ in ("==", "!=", "<>") and span.low != span.high:
            if span.low <= constant <= span.high:
                return None
            return operator_ != "=="
        low, high = compare(span.low, constant), compare(span.high, constant)
    except TypeError:
        return None
    return low if low == high else None


def _parenthesised(node: Any) -> bool:
    """Whether ``node`` is alone in parentheses (not a list, not a tuple)."""
    parent = node.parent
    return parent.type == syms.atom and parent.children[0].type == token.LPAR


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _constant(node: Any) -> Any:
    """The number, string or tuple literal ``node`` is, else None."""
    text = str(node).strip()
    if node.type == token.NUMBER:
        text = text.rstrip("lL")  # Python 2's long integers
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return None
    return value if isinstance(value, (int, float, str, tuple)) else None


def _attribute(node: Any) -> str | None:
    """The name ``.NAME`` reads, if ``node`` is such a trailer."""
    if node.type == syms.trailer and node.children[0].type == token.DOT:
        return str(node.children[1].value)
    return None


def _span(node: Any) -> Span | None:
    """The span of ``sys.version_info[:2]``, ``sys.version_info.major``..."""
    if node.type != syms.power or str(node.children[0]).strip() != "sys":
        return None
    span = _SYS.get(_attribute(node.children[1]) or "")
    for trailer in node.children[2:]:
        if span is None:
            return None
        span = _narrowed(span, trailer)
    return span


def _narrowed(span: Span, trailer: Any) -> Span | None:
    """The span of a part of ``span``'s value: ``[0]``, ``[:2]``, ``.minor``."""
    name = _attribute(trailer)
    sequence = isinstance(span.low, (tuple, str))
    if name is not None:
        parts = {"major": _MAJOR, "minor": _MINOR}
        return parts.get(name) if isinstance(span.low, tuple) else None
    if trailer.children[0].type != token.LSQB or not sequence:
        return None
    index = str(trailer.children[1]).strip()
    sliced = _SLICE.fullmatch(index)
    if sliced:
        # A slice from the start keeps the order of the sequences.
        end = int(sliced.group(1))
        return Span(span.low[:end], span.high[:end])
    if index == "0":
        return _MAJOR if isinstance(span.low, tuple) else Span("3", "3")
    if index == "1" and isinstance(span.low, tuple):
        return _MINOR
    return None


def _flag_or_prefix(children: list[Any]) -> bool | None:
    """``six.PY2``, ``six.PY3`` and ``sys.version.startswith("2")``."""
    name = str(children[0]).strip()
    first = _attribute(children[1])
    if name == "six" and len(children) == 2 and first in _SIX:
        return _SIX[first]
    if name == "sys" and first == "version" and len(children) == 4:
        method, call = children[2:]
        argument = call.children[1] if len(call.children) == 3 else None
        prefix = None if argument is None else _constant(argument)
        if _attribute(method) == "startswith" and isinstance(prefix, str):
            if "3.".startswith(prefix):
                return True
            return None if prefix.startswith("3.") else False
    return None


def _clauses(statement: Any) -> Iterator[tuple[Any, Any, Any, Any]]:
    """The ``(keyword, test or None, colon, body)`` of each clause of an ``if``."""
    children = statement.children
    index = 0
    while index < len(children):
        keyword = children[index]
        if keyword.value == "else":
            yield keyword, None, children[index + 1], children[index + 2]
            index += 3
        else:
            yield keyword, children[index + 1], children[index + 2], children[index + 3]
            index += 4


class _Lines:
    """The lines of a module's text, with the edits planned on them."""

    def __init__(self, tree: Any) -> None:
        self.lines = str(tree).splitlines(keepends=True)
        self.deleted: set[int] = set()
        self.dedent: dict[int, int] = defaultdict(int)
        #: Where each leaf starts and ends, as (line, column), by id.
        self.start: dict[int, tuple[int, int]] = {}
        self.end: dict[int, tuple[int, int]] = {}
        #: Lines that start inside a string: never re-indented.
        self.in_string: set[int] = set()
        line, column = 0, 0
        for leaf in tree.leaves():
            line, column = _advance(line, column, leaf.prefix)
            self.start[id(leaf)] = (line, column)
            following = _advance(line, column, leaf.value)
            if leaf.type == token.STRING:
                self.in_string.update(range(line + 1, following[0] + 1))
            line, column = following
            self.end[id(leaf)] = (line, column)

    def text(self) -> str:
        """The text once the edits are made."""
        kept = []
        for number, line in enumerate(self.lines):
            if number in self.deleted:
                continue
            width = self.dedent[number]
            if width and number not in self.in_string and not line[:width].strip():
                line = line[width:]
            kept.append(line)
        return "".join(kept)

    def replace(self, start: tuple[int, int], end: tuple[int, int], text: str) -> None:
        """Put ``text`` where ``start`` to ``end`` (lines and columns) was."""
        (first, column), (last, end_column) = start, end
        self.lines[first] = (
            self.lines[first][:column] + text + self.lines[last][end_column:]
        )
        self.deleted.update(range(first + 1, last + 1))

    def delete(self, first: int, last: int) -> None:
        self.deleted.update(range(first, last + 1))

    def body_end(self, body: Any, indent: int) -> int:
        """The last line of ``body``, with the comments indented within it after it."""
        last = self.end[id(_last_leaf(body, token.NEWLINE))][0] - 1
        while last + 1 < len(self.lines):
            line = self.lines[last + 1]
            depth = len(line) - len(line.lstrip())
            if not line.lstrip().startswith("#") or depth <= indent:
                break
            last += 1
        return last


def _advance(line: int, column: int, text: str) -> tuple[int, int]:
    newlines = text.count("\n")
    if not newlines:
        return line, column + len(text)
    return line + newlines, len(text) - text.rindex("\n") - 1


def _last_leaf(node: Any, kind: int) -> Any:
    """The last leaf of type ``kind`` in ``node``."""
    return [leaf for leaf in node.leaves() if leaf.type == kind][-1]


class FixVersionChecks(PylonsFix):
    """``if sys.version_info < (3,): A else: B`` becomes ``B``."""

    PATTERN = """
        if_stmt< 'if' any* >
        | test< any 'if' any 'else' any >
    """

    def start_tree(self, tree: Any, filename: str) -> None:
        super().start_tree(tree, filename)
        self.checks = 0

    def transform(self, node: Any, results: dict[str, Any]) -> None:
        """Count the candidates; :meth:`finish_tree` rewrites them all at once."""
        self.checks += 1

    def finish_tree(self, tree: Any, filename: str) -> None:
        """Drop the dead branches, then report the checks left undecided."""
        if not self.checks or self.in_template:
            return
        changes = self._conditional_expressions(tree)
        statements = [
            node
            for node in tree.pre_order()
            if node.type == syms.if_stmt
            and any(python3_answer(c[1]) is not None for c in _clauses(node) if c[1])
        ]
        if statements:
            lines = _Lines(tree)
            planned = sum(self._plan(statement, lines) for statement in statements)
            if _replace_module(tree, lines.text()):
                changes += planned
            else:
                self.manual(
                    statements[0],
                    "the checks of the Python version in this module are left "
                    "as they are: without their dead branches it could not be "
                    "read again (are tabs and spaces mixed?)",
                )
        if changes:
            remove_unused_import(tree, "sys")
            self.record(changes)
        self._report_undecided(tree)

    def _conditional_expressions(self, tree: Any) -> int:
        """``a if CHECK else b`` becomes the branch CHECK takes: how many did."""
        decided = [
            (node, python3_answer(node.children[2]))
            for node in tree.post_order()
            if node.type == syms.test and len(node.children) == 5
        ]
        changed = 0
        for node, answer in decided:
            if answer is not None:
                kept = node.children[0 if answer else 4].clone()
                parent = node.parent
                if _parenthesised(node) and kept.type in _OPERANDS:
                    node = parent  # (a if CHECK else b) becomes a, not (a)
                kept.prefix = node.prefix
                node.replace(kept)
                changed += 1
        return changed

    def _plan(self, statement: Any, lines: _Lines) -> bool:
        """Plan on ``lines`` what becomes of the ``if`` ``statement``; say if any."""
        start = lines.start[id(statement.children[0])]
        if start[0] in lines.deleted:
            return False  # in a branch that goes
        indent = start[1]
        #: How many clauses stay conditional; -1 once one always runs.
        kept = 0
        for keyword, test, colon, body in _clauses(statement):
            answer = True if test is None else python3_answer(test)
            header = (lines.start[id(keyword)], lines.end[id(colon)])
            suite = body.type == syms.suite
            last = lines.body_end(body, indent) if suite else header[1][0]
            if kept < 0 or answer is False:
                lines.delete(header[0][0], last)
                continue
            if answer is None:
                if not kept and keyword.value == "elif":
                    lines.replace(header[0], lines.end[id(keyword)], "if")
            elif kept:
                lines.replace(*header, "else:")
            elif suite:
                lines.delete(header[0][0], header[1][0])
                width = len(body.children[1].value) - indent
                for number in range(header[1][0] + 1, last + 1):
                    lines.dedent[number] += width
            else:
                lines.replace(header[0], lines.start[id(next(body.leaves()))], "")
            kept = -1 if answer else kept + 1
        if not kept and only_statement(statement):
            # A block cannot be empty.
            lines.deleted.discard(start[0])
            lines.lines[start[0]] = lines.lines[start[0]][:indent] + "pass\n"
        return True

    def _report_undecided(self, tree: Any) -> None:
        """Report each check of the Python version that stays, with its line."""
        for node in tree.pre_order():
            tests = []
            if node.type == syms.if_stmt:
                tests = [clause[1] for clause in _clauses(node) if clause[1]]
            elif node.type == syms.test and len(node.children) == 5:
                tests = [node.children[2]]
            for test in tests:
                if python3_answer(test) is None and _READS_VERSION.search(str(test)):
                    self.manual(
                        test,
                        "the Python version check %r has no one answer known "
                        "for Python 3.10 and later: left as it is" % str(test).strip(),
                    )


def _replace_module(tree: Any, source: str) -> bool:
    """Make ``tree`` the module ``source``, read as Python 3 or else 2; say if done."""
    for grammar in (
        pygram.python_grammar_no_print_and_exec_statement,
        pygram.python_grammar,
    ):
        try:
            module = driver.Driver(grammar, convert=pytree.convert).parse_string(source)
        except (ParseError, IndentationError):
            continue
        for child in list(tree.children):
            child.remove()
        for child in list(module.children):
            child.remove()
            tree.append_child(child)
        return True
    return False
