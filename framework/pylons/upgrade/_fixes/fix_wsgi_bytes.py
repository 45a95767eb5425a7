"""A WSGI application's body literals become bytes, as PEP 3333 wants.

A function taking ``(environ, start_response)`` that calls
``start_response`` is a WSGI application: the text literals it returns
(``return ["Hello"]``) or yields are its body, which must be bytes in
Python 3.  A body listed from other values (``return [page]``) is
reported, for a person to check.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from pylons.upgrade._fixes import PylonsFix, as_bytes_literal, is_text_literal


class FixWsgiBytes(PylonsFix):
    """``return ["Hello"]`` in a WSGI application becomes ``return [b"Hello"]``."""

    PATTERN = "funcdef< 'def' any parameters< '(' params=any ')' > any* >"

    def transform(self, node: Any, results: dict[str, Any]) -> None:
        names = [
            leaf.value
            for leaf in results["params"].leaves()
            if leaf.type == token.NAME and leaf.value != "self"
        ]
        body = node.children[-1]
        if names[-2:] != ["environ", "start_response"] or not any(
            leaf.value == "start_response" and leaf.next_sibling is not None
            for leaf in body.leaves()
        ):
            return
        for statement in _own_nodes(body):
            if (
                statement.type in (syms.return_stmt, syms.yield_expr)
                and len(statement.children) == 2
            ):
                self._body(statement, statement.children[1])

    def _body(self, statement: Any, value: Any) -> None:
        items = _items(value)
        if items is None:
            return
        if all(is_text_literal(item) and item.type == token.STRING for item in items):
            if all(as_bytes_literal(item) for item in items):
                return
        elif all(item.type == token.STRING for item in items):
            return  # bytes already
        self.manual(statement, "a WSGI body must be bytes in Python 3: check this one")


def _own_nodes(node: Any) -> Iterator[Any]:
    """The nodes of a function's body, not those of functions inside it."""
    for child in node.children:
        if child.type in (syms.funcdef, syms.classdef):
            continue
        yield child
        yield from _own_nodes(child)


def _items(value: Any) -> list[Any] | None:
    """What a returned or yielded body is listed from; None if not a display."""
    if value.type == token.STRING:
        return [value]
    if value.type != syms.atom or value.children[0].value not in "([":
        return None
    if len(value.children) != 3:
        return []
    inner = value.children[1]
    if inner.type in (syms.listmaker, syms.testlist_gexp):
        return [child for child in inner.children if child.type != token.COMMA]
    return [inner]
