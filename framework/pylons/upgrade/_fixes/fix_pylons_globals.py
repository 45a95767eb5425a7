"""Pylons 0.9's c, g and pylons.helpers become Pylons 1.0's names.

``from pylons import c, g`` imports ``tmpl_context as c, app_globals as
g``; ``pylons.c`` is ``pylons.tmpl_context``; ``pylons.helpers``
(``abort``, ``etag_cache``) is ``pylons.controllers.util``.  Buffet,
0.9.6's template plugins, has no successor to rewrite to.
"""

from __future__ import annotations

from typing import Any

from fissix import pytree
from fissix.fixer_util import Name

from pylons.upgrade._fixes import (
    PylonsFix,
    import_names,
    imported_name,
    remove_import_name,
)

#: The 1.0 names of 0.9's short globals.
RENAMED = {"c": "tmpl_context", "g": "app_globals"}


class FixPylonsGlobals(PylonsFix):
    """``from pylons import c`` becomes ``from pylons import tmpl_context as c``."""

    PATTERN = """
        import_from< 'from' module='pylons' 'import' any* >
        | import_from< 'from'
                       module=dotted_name< 'pylons' '.' ('helpers' | 'templating') >
                       'import' any* >
        | power< 'pylons' trailer< '.' name=('c' | 'g' | 'buffet') > any* >
    """

    def transform(self, node: Any, results: dict[str, Any]) -> None:
        if "name" in results:
            name = results["name"][0]
            if name.value == "buffet":
                self.manual(
                    node, "Buffet is gone: render with pylons.templating.render_mako"
                )
            else:
                name.replace(Name(RENAMED[name.value], prefix=name.prefix))
            return
        module = str(results["module"]).strip()
        if module == "pylons.helpers":
            self._helpers(node, results["module"])
        elif module == "pylons.templating":
            if "render" in {imported_name(name) for name in import_names(node)}:
                self.manual(
                    node,
                    "pylons.templating.render was Buffet's: use render_mako "
                    "(render_mako(name, extra_vars={...}))",
                )
        else:
            for name in import_names(node):
                self._global(node, name)

    def _global(self, node: Any, name: Any) -> None:
        if name.type == self.syms.import_as_name:
            original = name.children[0]
            if original.value in RENAMED:
                original.replace(Name(RENAMED[original.value], prefix=original.prefix))
        elif name.value in RENAMED:
            name.replace(
                pytree.Node(
                    self.syms.import_as_name,
                    [
                        Name(RENAMED[name.value]),
                        Name("as", prefix=" "),
                        Name(name.value, prefix=" "),
                    ],
                    prefix=name.prefix,
                )
            )
        elif name.value == "buffet":
            self.manual(
                node, "Buffet is gone: render with pylons.templating.render_mako"
            )

    def _helpers(self, node: Any, module: Any) -> None:
        module.replace(Name("pylons.controllers.util", prefix=module.prefix))
        if "log" in {imported_name(name) for name in import_names(node)}:
            self.manual(node, "pylons.helpers.log is gone: use the logging module")
            remove_import_name(node, "log")
