"""file() calls become open(), the one builtin Python 3 keeps."""

from __future__ import annotations

from typing import Any

from fissix.fixer_util import Name

from pylons.upgrade._fixes import PylonsFix, shadowed


class FixFile(PylonsFix):
    """``file(path, mode)`` becomes ``open(path, mode)``."""

    PATTERN = "power< name='file' trailer< '(' [any] ')' > any* >"

    def transform(self, node: Any, results: dict[str, Any]) -> None:
        name = results["name"]
        if shadowed(node, "file"):
            self.manual(
                node,
                "file(...) left as it is: the module also uses the name "
                "'file' for something else; Python 3's builtin is open()",
            )
            return
        name.replace(Name("open", prefix=name.prefix))
