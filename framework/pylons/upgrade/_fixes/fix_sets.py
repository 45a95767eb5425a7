"""The sets module's Set and ImmutableSet become the builtins set and frozenset."""

from __future__ import annotations

from typing import Any

from fissix.fixer_util import Name

from pylons.upgrade._fixes import (
    PylonsFix,
    import_names,
    imported_name,
    leaves_named,
    remove_statement,
    remove_unused_import,
)

#: The builtin each class of the sets module is.
BUILTINS = {"Set": "set", "ImmutableSet": "frozenset", "BaseSet": "set"}


class FixSets(PylonsFix):
    """``sets.Set(x)`` becomes ``set(x)``; ``import sets`` goes."""

    PATTERN = """
        power< 'sets' trailer< '.' name=('Set' | 'ImmutableSet' | 'BaseSet') > any* >
        | import_from< 'from' 'sets' 'import' any* >
        | import_name< 'import' 'sets' >
    """

    def transform(self, node: Any, results: dict[str, Any]) -> None:
        if "name" in results:
            name = results["name"][0]
            prefix = node.prefix
            node.children[0].remove()
            name.parent.replace(Name(BUILTINS[name.value], prefix=prefix))
        elif node.type == self.syms.import_from:
            names = [imported_name(name) for name in import_names(node)]
            if any(name not in BUILTINS for name in names) or "as" in str(node).split():
                self.manual(node, "the sets module is gone: use set and frozenset")
                return
            for name in names:
                for leaf in list(leaves_named(node.parent.parent, name)):
                    if leaf.parent is not node and leaf.parent.parent is not node:
                        leaf.replace(Name(BUILTINS[name], prefix=leaf.prefix))
            remove_statement(node.parent)

    def finish_tree(self, tree: Any, filename: str) -> None:
        """Remove ``import sets`` once nothing uses the module."""
        remove_unused_import(tree, "sets")
