"""cgi.escape and cgi.parse_qs become html.escape and urllib.parse's.

The cgi module is gone from Python 3.13; an ``import cgi`` left with no
use is removed, and one still needed is reported.
"""

from __future__ import annotations

from typing import Any

from fissix.fixer_util import ArgList, KeywordArg, Name

from pylons.upgrade._fixes import (
    PylonsFix,
    call_arguments,
    comma_separated,
    import_names,
    imported_name,
    leaves_named,
    remove_statement,
    shadowed,
)

#: Where each function of cgi that Python 3 still has lives now.
SUCCESSORS = {"escape": "html", "parse_qs": "urllib.parse", "parse_qsl": "urllib.parse"}


class FixCgi(PylonsFix):
    """``cgi.escape(s)`` becomes ``html.escape(s, quote=False)``."""

    PATTERN = """
        power< module='cgi' trailer< '.' 'escape' > call=trailer< '(' [any] ')' > any* >
        | power< module='cgi' trailer< '.' parse=('parse_qs' | 'parse_qsl') > any* >
        | import_from< 'from' module='cgi' 'import' any* >
    """

    def transform(self, node: Any, results: dict[str, Any]) -> None:
        module = results["module"]
        if node.type == self.syms.import_from:
            successors = {
                SUCCESSORS.get(imported_name(name)) for name in import_names(node)
            }
            if len(successors) == 1 and None not in successors:
                module.replace(Name(successors.pop(), prefix=module.prefix))
            else:
                self.manual(node, "the cgi module is gone from Python 3.13")
        elif "parse" in results:
            module.replace(Name("urllib.parse", prefix=module.prefix))
            self.add_import(None, "urllib.parse", node)
        elif shadowed(node, "html"):
            self.manual(node, "cgi.escape is gone: use html.escape(s, quote=False)")
        else:
            arguments = call_arguments(results["call"])
            if len(arguments) == 1:
                # cgi.escape left quotes alone; html.escape's default escapes them.
                arguments.append(KeywordArg(Name("quote"), Name("False")))
            module.replace(Name("html", prefix=module.prefix))
            results["call"].replace(ArgList(comma_separated(arguments)))
            self.add_import(None, "html", node)

    def finish_tree(self, tree: Any, filename: str) -> None:
        """Remove ``import cgi`` when nothing uses the module any more."""
        imports = [leaf for leaf in leaves_named(tree, "cgi") if _is_import_cgi(leaf)]
        if not imports:
            return
        if len(imports) < len(list(leaves_named(tree, "cgi"))):
            self.context.manual(
                imports[0].get_lineno(),
                "the cgi module is gone from Python 3.13: the legacy-cgi "
                "distribution has it, or use email.message and urllib.parse",
            )
            return
        for leaf in imports:
            remove_statement(leaf.parent.parent)


def _is_import_cgi(leaf: Any) -> bool:
    """Whether ``leaf`` is in a statement of its own, ``import cgi``."""
    statement = leaf.parent
    return (
        statement is not None
        and str(statement).split() == ["import", "cgi"]
        and statement.parent is not None
        and len(statement.parent.children) == 2
    )
