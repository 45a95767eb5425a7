"""A FormEncode validator that takes lists says so: accept_iterator = True.

FormEncode 2 refuses a list (a field sent more than once, a multiple
select) to a validator unless its ``accept_iterator`` is true; FormEncode
1 let it through.  A validator class whose code checks for a list or
tuple (``isinstance(value, (list, tuple))``) takes lists, so it gets the
attribute.
"""

from __future__ import annotations

import re
from typing import Any

from fissix import pytree
from fissix.fixer_util import Name, Newline, find_indentation
from fissix.pgen2 import token

from pylons.upgrade._fixes import PylonsFix

#: A check in a validator's code that the value is a list or tuple.
_TAKES_LISTS = re.compile(r"isinstance\(\s*value\s*,\s*\(?\s*(list|tuple)\b")


class FixFormencodeIterator(PylonsFix):
    """A validator checking ``isinstance(value, list)`` accepts iterators."""

    PATTERN = "classdef< 'class' name=any '(' bases=any ')' ':' suite=suite< any* > >"

    def transform(self, node: Any, results: dict[str, Any]) -> None:
        bases = str(results["bases"])
        suite = results["suite"]
        code = str(suite)
        if (
            "Validator" not in bases
            and "validators." not in bases
            or "accept_iterator" in code
            or not _TAKES_LISTS.search(code)
        ):
            return
        indent = find_indentation(suite)
        statement = pytree.Node(
            self.syms.simple_stmt,
            [
                pytree.Node(
                    self.syms.expr_stmt,
                    [
                        Name("accept_iterator"),
                        pytree.Leaf(token.EQUAL, "=", prefix=" "),
                        Name("True", prefix=" "),
                    ],
                ),
                Newline(),
            ],
        )
        # After the docstring, if any: the first statement after INDENT.
        first = suite.children[2]
        if first.children and first.children[0].type == token.STRING:
            statement.prefix = indent
            suite.insert_child(3, statement)
        else:
            # The first statement's indentation is the INDENT token's.
            first.prefix = indent
            suite.insert_child(2, statement)
