"""The md5 and sha modules become hashlib's md5 and sha1."""

from __future__ import annotations

from typing import Any

from fissix import pytree
from fissix.fixer_util import Dot, Name

from pylons.upgrade._fixes import (
    PylonsFix,
    as_bytes_literal,
    import_names,
    is_text_literal,
)

#: The hashlib function each Python 2 module's hash is.
ALGORITHMS = {"md5": "md5", "sha": "sha1"}


class FixMd5(PylonsFix):
    """``md5.new(s)`` becomes ``hashlib.md5(s)``, ``sha.new(s)`` ``hashlib.sha1(s)``."""

    PATTERN = """
        import_name< 'import' module=('md5' | 'sha') >
        | import_name< 'import' dotted_as_names< any* module=('md5' | 'sha') any* > >
        | import_from< 'from' module=('md5' | 'sha') 'import' any* >
        | power< module=('md5' | 'sha') function=trailer< '.' ('new' | 'md5' | 'sha') >
                 call=trailer< '(' [any] ')' > any* >
    """

    def transform(self, node: Any, results: dict[str, Any]) -> None:
        module = results["module"][0]
        algorithm = ALGORITHMS[module.value]
        if node.type == self.syms.import_name:
            module.replace(Name("hashlib", prefix=module.prefix))
        elif node.type == self.syms.import_from:
            module.replace(Name("hashlib", prefix=module.prefix))
            for name in import_names(node):
                self._import_algorithm(name, algorithm)
        else:
            arguments = results["call"].children[1:-1]
            if arguments and not (
                (is_text_literal(arguments[0]) and as_bytes_literal(arguments[0]))
                or _encoded(arguments[0])
            ):
                self.manual(
                    node,
                    "hashlib.%s() takes bytes: encode text first, "
                    "as in s.encode('utf-8')" % algorithm,
                )
            module.replace(Name("hashlib", prefix=module.prefix))
            results["function"].replace(
                pytree.Node(self.syms.trailer, [Dot(), Name(algorithm)])
            )

    def _import_algorithm(self, name: Any, algorithm: str) -> None:
        """``from md5 import new`` imports hashlib's function as ``new``."""
        if name.type == self.syms.import_as_name:
            original = name.children[0]
            original.replace(Name(algorithm, prefix=original.prefix))
        elif name.value != algorithm:
            name.replace(
                pytree.Node(
                    self.syms.import_as_name,
                    [
                        Name(algorithm),
                        Name("as", prefix=" "),
                        Name(name.value, prefix=" "),
                    ],
                    prefix=name.prefix,
                )
            )


def _encoded(node: Any) -> bool:
    """Whether ``node`` is ``x.encode(...)``, bytes for sure."""
    children = getattr(node, "children", [])
    return len(children) >= 3 and str(children[-2]).strip() == ".encode"
