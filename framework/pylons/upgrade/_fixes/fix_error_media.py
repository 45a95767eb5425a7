"""The error controller serves Pylons' stock media from pylons.middleware.media_path.

Pylons 1.0's error controller served its images and style sheet with
``PkgResourcesParser('pylons', 'pylons')`` under ``media/``, which finds
them only in an installed Pylons, not in an editable install.
``StaticURLParser(media_path)`` finds them in both; the paths lose their
``media/`` prefix, which ``media_path`` already names.
"""

from __future__ import annotations

from typing import Any

from fissix.fixer_util import Name, String, find_root
from fissix.pgen2 import token

from pylons.upgrade._fixes import (
    PylonsFix,
    import_names,
    imported_name,
    remove_import_name,
)

#: The stock media directories, as the error controller names them.
MEDIA = {"media/img": "img", "media/style": "style"}


class FixErrorMedia(PylonsFix):
    """``PkgResourcesParser("pylons", "pylons")``: ``StaticURLParser(media_path)``."""

    PATTERN = """
        power< name='PkgResourcesParser'
               trailer< '(' arglist< first=STRING ',' second=STRING > ')' > >
    """

    def transform(self, node: Any, results: dict[str, Any]) -> Any:
        if {
            results["first"].value.strip("'\""),
            results["second"].value.strip("'\""),
        } != {"pylons"}:
            return None
        root = find_root(node)
        for leaf in list(root.leaves()):
            if leaf.type == token.STRING and leaf.value.strip("'\"") in MEDIA:
                quote = leaf.value[0]
                leaf.replace(
                    String(
                        quote + MEDIA[leaf.value.strip("'\"")] + quote,
                        prefix=leaf.prefix,
                    )
                )
            elif leaf.type == token.NAME and leaf.value == "PkgResourcesParser":
                statement = leaf.parent
                while statement is not None and statement.type != self.syms.import_from:
                    statement = statement.parent
                if statement is not None and "PkgResourcesParser" in {
                    imported_name(name) for name in import_names(statement)
                }:
                    remove_import_name(statement, "PkgResourcesParser")
        self.add_import("paste.urlparser", "StaticURLParser", root)
        self.add_import("pylons.middleware", "media_path", root)
        new = node.clone()
        new.children[0].replace(Name("StaticURLParser"))
        arguments = new.children[1]
        arguments.children[1].replace(Name("media_path"))
        new.prefix = node.prefix
        return new
