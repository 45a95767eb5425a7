"""A response's body read or written as text is its .text, where the code says so.

In Python 3 WebOb's ``body`` is bytes and ``text`` is text.  Where a body
meets a text literal (``response.body = "..."``, ``"Hello" in
response.body``, ``res.body.startswith("<")``) or goes into HTML as text
(``literal(resp.body)``), ``body`` becomes ``text``.  Anywhere else the
code does not say, and ``body`` stays.
"""

from __future__ import annotations

import re
from typing import Any

from fissix.fixer_util import Name
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from pylons.upgrade._fixes import PylonsFix, is_text_literal

#: str methods whose text argument makes the body they are called on text.
TEXT_METHODS = frozenset(
    "startswith endswith find rfind index rindex count split replace strip".split()
)
#: Functions that take text to put into HTML.
TEXT_FUNCTIONS = frozenset({"literal", "escape", "Markup"})


class FixResponseBody(PylonsFix):
    """``response.body = "text"`` becomes ``response.text = "text"``."""

    PATTERN = "power< any+ trailer< '.' name='body' > any* >"

    def transform(self, node: Any, results: dict[str, Any]) -> None:
        name = results["name"]
        trailer = name.parent
        following = trailer.next_sibling
        if following is None:
            text = self._used_as_text(node)
        else:
            text = (
                following.children[-1].type == token.NAME
                and following.children[-1].value in TEXT_METHODS
                and _first_argument_is_text(following.next_sibling)
            )
        if text:
            name.replace(Name("text", prefix=name.prefix))

    def _used_as_text(self, node: Any) -> bool:
        """Whether the expression ``X.body`` meets text where it stands."""
        parent = node.parent
        if parent is None:
            return False
        if parent.type == syms.expr_stmt and parent.children[0] is node:
            operator, value = parent.children[1], parent.children[2]
            return operator.value in ("=", "+=") and _is_text(value)
        if parent.type == syms.expr_stmt and parent.children[-1] is node:
            # body = response.body, then used as text in the same function.
            target = parent.children[0]
            return target.type == token.NAME and _used_as_text(target.value, parent)
        if parent.type == syms.comparison:
            others = [child for child in parent.children if child is not node]
            return any(_is_text(other) for other in others)
        if parent.type == syms.trailer and parent.children[0].value == "(":
            function = parent.prev_sibling
            return (
                function is not None
                and str(function).strip().split(".")[-1] in TEXT_FUNCTIONS
            )
        return False


def _is_text(node: Any) -> bool:
    """Whether ``node`` is surely text: a text literal, or one formatted."""
    if is_text_literal(node):
        return True
    if node.type == token.STRING:
        return False
    children = getattr(node, "children", [])
    if len(children) == 3 and children[1].type == token.PERCENT:
        return is_text_literal(children[0])
    return (
        len(children) >= 2
        and is_text_literal(children[0])
        and str(children[1]).strip() in (".join", ".format")
    )


def _first_argument_is_text(call: Any) -> bool:
    if call is None or len(call.children) != 3:
        return False
    argument = call.children[1]
    if argument.type == syms.arglist:
        argument = argument.children[0]
    return is_text_literal(argument)


def _used_as_text(name: str, statement: Any) -> bool:
    """Whether the function around ``statement`` uses variable ``name`` as text."""
    scope = statement
    while scope.parent is not None and scope.type != syms.funcdef:
        scope = scope.parent
    code = str(scope)
    name = re.escape(name)
    text = r"[rRuU]?['\"]"
    return bool(
        re.search(
            r"\b%s\s*\.\s*(?:%s)\s*\(\s*%s" % (name, "|".join(TEXT_METHODS), text), code
        )
        or re.search(r"%s[^'\"\n]*['\"]\s+(?:not\s+)?in\s+%s\b" % (text, name), code)
        or re.search(r"\b%s\s*[!=]=\s*%s" % (name, text), code)
    )
