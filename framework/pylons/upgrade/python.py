"""Rewriting Python 2 source to Python 3, with fissix.

fissix is the maintained fork of lib2to3 (gone from the standard library
in Python 3.13): a concrete syntax tree that keeps every comment and
space, a grammar that reads Python 2 (print and exec statements,
``except E, e``, backticks, ``0777``), and 2to3's fixers.  LibCST and
pyupgrade read only Python 3, so they cannot take the first step.  The
rewrite runs 2to3's fixers and ours (:mod:`pylons.upgrade._fixes`: what
2to3 misses, and the Pylons 0.9.7 and 1.0 rewrites) in one pass, after
the fixer of Python version checks has dropped the branches Python 3
never runs.

A source that Python 3 already compiles is read with the Python 3
grammar, so running the upgrade again changes nothing.
"""

from __future__ import annotations

import ast
import pkgutil
import re
import warnings
from collections.abc import Callable
from typing import Any

from fissix import pygram
from fissix.fixer_base import BaseFix
from fissix.pgen2.parse import ParseError
from fissix.pgen2.tokenize import TokenError
from fissix.refactor import RefactoringTool, get_fixers_from_package

from pylons.upgrade import _fixes as fixes
from pylons.upgrade.context import Context

__all__ = ["PythonRewriter", "SourceError", "compiles_as_python3"]

#: 2to3's fixers that are not run: fix_future's future imports do no harm,
#: and fix_dict and fix_sorted have successors of ours.
_SKIPPED_2TO3 = frozenset(
    {"fissix.fixes.fix_future", "fissix.fixes.fix_dict", "fissix.fixes.fix_sorted"}
)

#: Where a 2to3 fixer's warning says its line ("Line 12: ...").
_LOGGED_LINE = re.compile(r"^Line (\d+): (.*)$", re.S)


class SourceError(Exception):
    """Source that fissix cannot read (neither Python 2 nor 3 it knows)."""


def compiles_as_python3(source: str) -> bool:
    """Whether the running Python compiles ``source``."""
    with warnings.catch_warnings():
        # Invalid escapes in Python 2 strings warn; only errors count here.
        warnings.simplefilter("ignore")
        try:
            ast.parse(source)
        except (SyntaxError, ValueError):
            return False
    return True


#: The fixer that runs alone, before the others: they never read, nor
#: report on, the branches of version checks that it drops.
_FIRST = fixes.__name__ + ".fix_version_checks"


def _fixer_names() -> list[str]:
    ours = [
        "%s.%s" % (fixes.__name__, module.name)
        for module in pkgutil.iter_modules(fixes.__path__)
        if module.name.startswith("fix_")
    ]
    ours.remove(_FIRST)
    theirs = [
        name
        for name in get_fixers_from_package("fissix.fixes")
        if name not in _SKIPPED_2TO3
    ]
    return theirs + ours


class PythonRewriter(RefactoringTool):
    """Rewrites modules (or, with ``template``, Mako's Python) for Python 3."""

    def __init__(self, context: Context, template: bool = False) -> None:
        super().__init__(
            _fixer_names(),
            options={"pylons_upgrade": context, "pylons_template": template},
        )
        for fixer in self.pre_order + self.post_order:
            fixer.transform = self._recording(fixer)
        self._first = RefactoringTool([_FIRST], options=self.options)

    @property
    def context(self) -> Context:
        """The upgrade this rewriter works for (another may take its place)."""
        context: Context = self.options["pylons_upgrade"]
        return context

    @context.setter
    def context(self, context: Context) -> None:
        self.options["pylons_upgrade"] = context
        self._first.options["pylons_upgrade"] = context

    def _recording(self, fixer: BaseFix) -> Callable[[Any, Any], Any]:
        """``fixer.transform``, counting in the report what it changes."""
        transform = fixer.transform
        kind, description = fixes.kind_of(fixer)

        def recorded(node: Any, results: Any) -> Any:
            before = str(node)
            new = transform(node, results)
            if str(new if new is not None else node) != before:
                self.context.report.change(kind, self.context.path, description)
            return new

        return recorded

    def rewrite(self, source: str, name: str) -> str:
        """``source`` (of file ``name``) rewritten for Python 3.

        The fixers run again on their own result until it no longer
        changes (at most :attr:`PASSES` times): one fixer's new code (an
        ``assert`` that was ``eq_()``) may be another's to rewrite.
        Raises :class:`SourceError` when the source cannot be parsed.
        """
        source = self._rewrite_once(self._first, source, name)
        for _ in range(self.PASSES):
            rewritten = self._rewrite_once(self, source, name)
            if rewritten == source:
                break
            source = rewritten
        return source

    #: How many times the fixers run over a source, at most.
    PASSES = 3

    def _rewrite_once(self, tool: RefactoringTool, source: str, name: str) -> str:
        """``source`` after one run of ``tool``'s fixers."""
        if compiles_as_python3(source):
            tool.driver.grammar = pygram.python_grammar_no_print_and_exec_statement
        # The grammar cannot end without a newline.
        ends_with_newline = source.endswith("\n")
        if not ends_with_newline:
            source += "\n"
        try:
            tree = tool.refactor_string(source, name)
        except (ParseError, TokenError, IndentationError) as error:
            raise SourceError(str(error)) from error
        finally:
            tool.driver.grammar = tool.grammar
            self._report_warnings()
        result = str(tree)
        return result if ends_with_newline else result[:-1]

    def _report_warnings(self) -> None:
        """2to3's warnings about the current file, as things to do by hand."""
        for message in self.fixer_log:
            logged = _LOGGED_LINE.match(message)
            if logged:
                self.context.manual(int(logged.group(1)), logged.group(2).strip())
        del self.fixer_log[:]
