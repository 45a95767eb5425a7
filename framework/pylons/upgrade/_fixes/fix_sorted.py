"""Sorting with a cmp function sorts with key=cmp_to_key(...).

fissix's fixer, except for a ``.sort()`` whose argument is a string or a
number, which is no comparison function: a MongoDB cursor's
``sort("name")`` is no list's.
"""

from __future__ import annotations

from typing import Any

from fissix.fixes import fix_sorted
from fissix.pgen2 import token

from pylons.upgrade._fixes import PylonsFix


class FixSorted(PylonsFix, fix_sorted.FixSorted):
    """``l.sort(f)`` and ``sorted(l, f)`` sort with ``key=cmp_to_key(f)``."""

    # fissix's pattern is not one its bottom-up matcher can take.
    BM_compatible = fix_sorted.FixSorted.BM_compatible

    def transform(self, node: Any, results: dict[str, Any]) -> Any:
        arguments = results.get("func_arg") or results.get("func_args") or []
        if any(argument.type in (token.STRING, token.NUMBER) for argument in arguments):
            return None
        return super().transform(node, results)
