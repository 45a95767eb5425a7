"""Dict methods: iterkeys() and the like become keys(), list() where a list is needed.

2to3's fixer, except in one place: a loop over ``d.items()`` (or
``keys()``, ``values()``) gets ``list(d.items())`` only when its body
changes ``d``.  2to3 wraps every such loop, which makes a second upgrade
of the same code wrap the loops that the first one turned from
``iteritems()``: a view serves any loop that leaves the dict alone.
"""

from __future__ import annotations

import re
from typing import Any

from fissix.fixes import fix_dict

from pylons.upgrade._fixes import PylonsFix

#: What a loop body does to a dict ``d`` (``%s``) to change it.
_CHANGES = (
    r"(?:\bdel\s+%s\s*\[|%s\s*\[[^\]]*\]\s*=[^=]"
    r"|%s\s*\.\s*(?:pop|popitem|clear|update|setdefault)\b)"
)


class FixDict(PylonsFix, fix_dict.FixDict):
    """``d.iteritems()`` becomes ``d.items()``; ``d.keys()`` ``list(d.keys())``."""

    def in_special_context(self, node: Any, isiter: bool) -> bool:
        if super().in_special_context(node, isiter):
            return True
        results: dict[str, Any] = {}
        if isiter or not (
            node.parent is not None
            and self.p2.match(node.parent, results)
            and results["node"] is node
        ):
            return False
        loop = node.parent
        if loop.type != self.syms.for_stmt:
            # A comprehension's own expressions do not change the dict.
            return True
        head = re.escape("".join(str(child) for child in node.children[:-2]).strip())
        body = "".join(str(child) for child in loop.children[4:])
        return re.search(_CHANGES.replace("%s", head), body) is None
