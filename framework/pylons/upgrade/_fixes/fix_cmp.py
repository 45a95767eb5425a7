"""The cmp() builtin, gone from Python 3, becomes (a > b) - (a < b)."""

from __future__ import annotations

from typing import Any

from fissix import pytree
from fissix.fixer_util import parenthesize
from fissix.pgen2 import token

from pylons.upgrade._fixes import (
    PylonsFix,
    call_arguments,
    is_keyword,
    operand,
    shadowed,
)


class FixCmp(PylonsFix):
    """``cmp(a, b)`` becomes ``((a > b) - (a < b))``."""

    PATTERN = "power< 'cmp' call=trailer< '(' arglist< any ',' any > ')' > >"

    def transform(self, node: Any, results: dict[str, Any]) -> Any:
        arguments = call_arguments(results["call"])
        if shadowed(node, "cmp") or any(is_keyword(a) for a in arguments):
            self.manual(
                node, "cmp() is not in Python 3: compare with (a > b) - (a < b)"
            )
            return None
        first, second = (operand(argument) for argument in arguments)
        greater = parenthesize(self._comparison(first, token.GREATER, ">", second))
        less = parenthesize(self._comparison(first, token.LESS, "<", second))
        less.prefix = " "
        difference = pytree.Node(
            self.syms.arith_expr,
            [greater, pytree.Leaf(token.MINUS, "-", prefix=" "), less],
        )
        new = parenthesize(difference)
        new.prefix = node.prefix
        return new

    def _comparison(self, left: Any, kind: int, operator: str, right: Any) -> Any:
        """``left OPERATOR right``."""
        right = right.clone()
        right.prefix = " "
        return pytree.Node(
            self.syms.comparison,
            [left.clone(), pytree.Leaf(kind, operator, prefix=" "), right],
        )
