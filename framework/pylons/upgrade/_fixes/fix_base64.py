"""base64's encodestring and decodestring become encodebytes and decodebytes."""

from __future__ import annotations

from typing import Any

from fissix import pytree
from fissix.fixer_util import Name

from pylons.upgrade._fixes import PylonsFix

RENAMED = {"encodestring": "encodebytes", "decodestring": "decodebytes"}


class FixBase64(PylonsFix):
    """``base64.encodestring(b)`` becomes ``base64.encodebytes(b)``."""

    PATTERN = """
        power< 'base64' trailer< '.' name=('encodestring' | 'decodestring') > any* >
        | import_from< 'from' 'base64' 'import'
                       (name=('encodestring' | 'decodestring')
                        | import_as_name< name=('encodestring' | 'decodestring')
                                          'as' any >) >
    """

    def transform(self, node: Any, results: dict[str, Any]) -> None:
        # A parenthesised alternative matches as a list of one.
        name = results["name"][0]
        new = Name(RENAMED[name.value], prefix=name.prefix)
        if node.type == self.syms.import_from and name.parent is node:
            # from base64 import encodestring: the module keeps its name.
            alias = pytree.Node(
                self.syms.import_as_name,
                [new, Name("as", prefix=" "), Name(name.value, prefix=" ")],
            )
            name.replace(alias)
        else:
            name.replace(new)
