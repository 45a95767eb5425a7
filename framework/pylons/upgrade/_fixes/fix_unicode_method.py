"""__unicode__ becomes __str__, and x.__unicode__() becomes str(x)."""

from __future__ import annotations

from typing import Any

from fissix import pytree
from fissix.fixer_util import Call, Name
from fissix.pgen2 import token

from pylons.upgrade._fixes import PylonsFix, remove_statement


class FixUnicodeMethod(PylonsFix):
    """A class's ``__unicode__`` is its ``__str__``; ``e.__unicode__()`` is ``str(e)``.

    The Python 2 ``__str__`` beside it, which only encoded what
    ``__unicode__`` returned (or was ``__str__ = __unicode__``), goes.
    """

    PATTERN = """
        power< head=any+ trailer< '.' '__unicode__' > trailer< '(' ')' > tail=any* >
        | classdef< 'class' any+ ':' suite=suite< any* > >
    """

    def transform(self, node: Any, results: dict[str, Any]) -> Any:
        if "suite" in results:
            self._class(node, results["suite"])
            return None
        head = [child.clone() for child in results["head"]]
        head[0].prefix = ""
        target = head[0] if len(head) == 1 else pytree.Node(self.syms.power, head)
        new = Call(Name("str"), [target], prefix=node.prefix)
        tail = [trailer.clone() for trailer in results["tail"]]
        return pytree.Node(self.syms.power, [new, *tail]) if tail else new

    def _class(self, classdef: Any, suite: Any) -> None:
        methods = {
            statement.children[1].value: statement
            for statement in suite.children
            if statement.type == self.syms.funcdef
        }
        if "__unicode__" not in methods:
            return
        for statement in list(suite.children):
            if str(statement).split() == ["__str__", "=", "__unicode__"]:
                remove_statement(statement)
        old_str = methods.get("__str__")
        if old_str is not None:
            if ".encode(" not in str(old_str.children[-1]) or _statements(old_str) > 1:
                self.manual(
                    classdef,
                    "both __str__ and __unicode__: Python 3 calls only "
                    "__str__, which should return text",
                )
                return
            remove_statement(old_str)
        name = methods["__unicode__"].children[1]
        name.replace(Name("__str__", prefix=name.prefix))


def _statements(funcdef: Any) -> int:
    """How many statements the body of ``funcdef`` has (a docstring counts)."""
    body = funcdef.children[-1]
    if body.children and body.children[0].type == token.NEWLINE:
        # An indented block: NEWLINE INDENT statements DEDENT.
        return sum(
            child.type not in (token.NEWLINE, token.INDENT, token.DEDENT)
            for child in body.children
        )
    return 1
