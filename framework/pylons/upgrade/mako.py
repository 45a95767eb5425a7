"""Rewriting the Python inside Mako templates, which no 2to3 sees.

A Mako template holds Python in four places: expressions (``${...}``,
up to a ``|`` of filters), control lines (``% for k, v in
d.iteritems():``), blocks (``<% ... %>``) and module blocks (``<%! ...
%>``).  :func:`python_pieces` finds them (passing over ``<%text>``,
``<%doc>`` and ``##`` comments), and :class:`TemplateRewriter` rewrites
each with :class:`pylons.upgrade.python.PythonRewriter` in its template
mode, wrapped into a whole statement for the parser and unwrapped after.

A template whose rewrite Mako cannot compile is left as it was, and
reported.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass

from mako.template import Template

from pylons.upgrade.context import Context
from pylons.upgrade.python import PythonRewriter, SourceError

__all__ = ["Piece", "TemplateRewriter", "python_pieces"]

_CONTROL = re.compile(r"[ \t]*%(?!%)([^\n]*)")
_COMMENT = re.compile(r"[ \t]*##[^\n]*")
_BLOCK = re.compile(r"<%(!|\s)")
_RAW = re.compile(r"<%(text|doc)(?:\s[^>]*)?>.*?</%\1>", re.S)
#: The first line of every piece given to the parser: imports that fixers
#: add go above it.
_MARKER = "__pylons_upgrade_piece__ = None\n"
#: Control keywords whose line ends a block or has nothing to rewrite.
_BARE_CONTROL = re.compile(r"\s*(end\w*|else|try|finally)\s*:?\s*$")


@dataclass(frozen=True)
class Piece:
    """A piece of Python in a template: ``source[start:end]``, of a kind."""

    kind: str  # "expression", "control", "block" or "module"
    start: int
    end: int


def _expression_end(source: str, start: int) -> int:
    """Where the Python of ``${`` at ``start`` ends: a top-level ``|`` or ``}``."""
    depth = 0
    position = start
    quote = ""
    while position < len(source):
        char = source[position]
        if quote:
            if char == "\\":
                position += 1
            elif source.startswith(quote, position):
                position += len(quote) - 1
                quote = ""
        elif char in "'\"":
            quote = char * 3 if source.startswith(char * 3, position) else char
            position += len(quote) - 1
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            if depth == 0:
                return position
            depth -= 1
        elif char == "|" and depth == 0:
            return position
        position += 1
    return -1


def python_pieces(source: str) -> Iterator[Piece]:
    """The pieces of Python in template ``source``, in order."""
    position = 0
    at_line_start = True
    while position < len(source):
        if at_line_start:
            comment = _COMMENT.match(source, position)
            control = _CONTROL.match(source, position)
            if comment:
                position = comment.end()
                continue
            if control:
                yield Piece("control", control.start(1), control.end(1))
                position = control.end()
                continue
        at_line_start = False
        raw = _RAW.match(source, position)
        if raw:
            position = raw.end()
        elif source.startswith("${", position):
            end = _expression_end(source, position + 2)
            if end < 0:
                return
            yield Piece("expression", position + 2, end)
            position = source.find("}", end) + 1 or len(source)
        elif _BLOCK.match(source, position):
            module = source[position + 2] == "!"
            kind, begin = (
                ("module", position + 3) if module else ("block", position + 2)
            )
            end = source.find("%>", begin)
            if end < 0:
                return
            yield Piece(kind, begin, end)
            position = end + 2
        else:
            if source[position] == "\n":
                at_line_start = True
            position += 1


class TemplateRewriter:
    """Rewrites the Python of Mako templates for Python 3."""

    #: What wraps an expression into a statement for the parser.
    _EXPRESSION = "_ = (%s)\n"

    def __init__(self, context: Context) -> None:
        self.python = PythonRewriter(context, template=True)

    @property
    def context(self) -> Context:
        """The upgrade this rewriter works for (another may take its place)."""
        return self.python.context

    @context.setter
    def context(self, context: Context) -> None:
        self.python.context = context

    def rewrite(self, source: str) -> str:
        """``source`` with its Python rewritten (unchanged if that fails)."""
        pieces = list(python_pieces(source))
        self.imports: list[str] = []
        parts = []
        last = 0
        for piece in pieces:
            parts.append(source[last : piece.start])
            code = source[piece.start : piece.end]
            parts.append(
                self._piece(piece, code, source.count("\n", 0, piece.start) + 1)
            )
            last = piece.end
        parts.append(source[last:])
        result = "".join(parts)
        imports = [line for line in dict.fromkeys(self.imports) if line not in source]
        if imports:
            # A module block of its own, first, for what the pieces import.
            block = "".join("    %s\n" % line for line in imports)
            result = "<%!\n" + block + "%>\n" + result
        if result != source and not self._compiles(result):
            self.context.manual(
                1, "the rewritten template does not compile: left as it was"
            )
            return source
        return result

    def _piece(self, piece: Piece, code: str, line: int) -> str:
        try:
            if piece.kind == "expression":
                return self._unwrap(code, self._EXPRESSION, line)
            if piece.kind == "control":
                return self._control(code, line)
            return self._block(code, line)
        except SourceError:
            self.context.manual(
                line, "could not read this Python: %s" % code.strip()[:60]
            )
            return code

    def _unwrap(self, code: str, wrapper: str, line: int) -> str:
        """Rewrite ``code`` wrapped in ``wrapper`` (a ``%s`` format), unwrapped.

        Imports a fixer adds above the piece are kept for the template's
        module block.
        """
        before, after = wrapper.split("%s")
        # Line numbers in the report count from the template's first line.
        self.context.line_offset = line - 2 - before.count("\n")
        try:
            rewritten = self.python.rewrite(_MARKER + before + code + after, "template")
        finally:
            self.context.line_offset = 0
        imports, found, body = rewritten.partition(_MARKER)
        if not (found and body.startswith(before) and body.endswith(after)):
            self.context.manual(
                line, "could not rewrite this piece: %s" % code.strip()[:60]
            )
            return code
        self.imports.extend(line for line in imports.splitlines() if line.strip())
        return body[len(before) : len(body) - len(after)]

    def _control(self, code: str, line: int) -> str:
        """A control line: ``for x in y:``, ``elif z:``, ``except E, e:``..."""
        if _BARE_CONTROL.match(code):
            return code
        stripped = code.strip()
        keyword = stripped.split()[0].rstrip(":")
        if keyword == "elif":
            rewritten = self._unwrap(stripped[2:], "%s\n    pass\n", line)
            rewritten = "el" + rewritten
        elif keyword == "except":
            rewritten = self._unwrap(stripped, "try:\n    pass\n%s\n    pass\n", line)
        else:
            rewritten = self._unwrap(stripped, "%s\n    pass\n", line)
        lead = code[: len(code) - len(code.lstrip())]
        trail = code[len(code.rstrip()) :]
        return lead + rewritten + trail

    def _block(self, code: str, line: int) -> str:
        """A ``<% %>`` or ``<%! %>`` block: statements, indented as a whole."""
        if "\n" not in code.strip():
            lead = code[: len(code) - len(code.lstrip())]
            trail = code[len(code.rstrip()) :]
            return lead + self._unwrap(code.strip(), "%s\n", line) + trail
        first, _, rest = code.partition("\n")
        if first.strip():
            self.context.manual(
                line, "a block with code on its first line: left as it is"
            )
            return code
        # What stands before the closing %> on its own line stays as it is.
        body = rest.rstrip(" \t")
        tail = rest[len(body) :]
        indent = _common_indent(body)
        rewritten = self._unwrap(textwrap.dedent(body), "%s", line + 1)
        return first + "\n" + textwrap.indent(rewritten, indent) + tail

    def _compiles(self, source: str) -> bool:
        try:
            Template(source)
        except Exception:  # noqa: BLE001 - any error: Mako cannot use it
            return False
        return True


def _common_indent(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return ""
    indents = [line[: len(line) - len(line.lstrip())] for line in lines]
    common = indents[0]
    for indent in indents[1:]:
        while not indent.startswith(common):
            common = common[:-1]
    return common
