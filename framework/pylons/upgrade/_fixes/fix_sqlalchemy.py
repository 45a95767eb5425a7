"""SQLAlchemy 0.5-1.x names that 2.0 dropped become their successors.

Classical ``mapper(Class, table)`` becomes
``registry().map_imperatively(Class, table)``, ``relation`` becomes
``relationship``, ``eagerload`` ``joinedload`` and ``Session.save`` (or
``save_or_update``) ``Session.add``: each works from SQLAlchemy 1.4 on.
What has no such rewrite, bound MetaData (``metadata.bind = engine``,
``MetaData(bind=...)``), ``select([...])`` and SQL strings given to
``execute()``, needs ``SQLAlchemy<2``, which the upgrade then pins.
"""

from __future__ import annotations

from typing import Any

from fissix import pytree
from fissix.fixer_util import ArgList, Dot, Name, does_tree_import, find_root
from fissix.pgen2 import token

from pylons.upgrade._fixes import (
    PylonsFix,
    call_arguments,
    import_names,
    imported_name,
    is_keyword,
    leaves_named,
)

#: Names SQLAlchemy 2 dropped, and their successors since 1.4.
RENAMED = {"mapper": "registry", "relation": "relationship", "eagerload": "joinedload"}
#: The version the rewritten names need.
LOWEST = "1.4"


class FixSqlalchemy(PylonsFix):
    """``orm.mapper(Page, t)`` becomes ``orm.registry().map_imperatively(Page, t)``."""

    PATTERN = """
        power< module='orm'
               old=trailer< '.' name=('mapper' | 'relation' | 'eagerload') >
               trailer< '(' any* ')' > any* >
        | power< name=('mapper' | 'relation' | 'eagerload')
                 trailer< '(' any* ')' > any* >
        | import_from< 'from' dotted_name< 'sqlalchemy' '.' 'orm' > 'import' any* >
        | power< session=any trailer< '.' method=('save' | 'save_or_update') >
                 trailer< '(' any ')' > any* >
        | bound=expr_stmt< power< any* trailer< '.' 'bind' > > '=' any >
        | bound=power< 'MetaData' call=trailer< '(' any ')' > any* >
        | bound=power< 'select' trailer< '(' atom< '[' any* ']' > ')' > any* >
        | bound=power< any+ trailer< '.' 'execute' >
                       trailer< '(' (STRING | arglist< STRING any* >) ')' > any* >
    """

    def transform(self, node: Any, results: dict[str, Any]) -> None:
        if node.type == self.syms.import_from:
            self._import(node)
        elif "method" in results:
            if str(results["session"]).strip().lower().endswith("session"):
                method = results["method"][0]
                method.replace(Name("add", prefix=method.prefix))
                self.context.require("SQLAlchemy", LOWEST)
        elif "name" in results:
            name = results["name"][0]
            if "module" in results and does_tree_import("sqlalchemy", "orm", node):
                self._rename(node, results["old"], name)
            elif "module" not in results and (
                does_tree_import("sqlalchemy.orm", name.value, node)
                # The import may have been rewritten already.
                or does_tree_import("sqlalchemy.orm", RENAMED[name.value], node)
            ):
                self._rename(node, name, name)
        elif any(leaves_named(find_root(node), "sqlalchemy")):
            reason = self._needs_sqlalchemy_1(results)
            if reason is not None:
                self.context.limit("SQLAlchemy", "<2", reason)

    def _import(self, node: Any) -> None:
        imported = {imported_name(name) for name in import_names(node)}
        for name in import_names(node):
            leaf = name.children[0] if name.type == self.syms.import_as_name else name
            new = RENAMED.get(leaf.value)
            if new is not None and new not in imported:
                leaf.replace(Name(new, prefix=leaf.prefix))
                self.context.require("SQLAlchemy", LOWEST)

    def _rename(self, node: Any, old: Any, name: Any) -> None:
        """Rename a call of ``name`` (``old`` is what the call's name is in)."""
        self.context.require("SQLAlchemy", LOWEST)
        if name.value != "mapper":
            if name.value == "eagerload" and any(
                leaf.type == token.STRING for leaf in node.leaves()
            ):
                self.context.limit(
                    "SQLAlchemy",
                    "<2",
                    "eagerload('name'): SQLAlchemy 2 wants the attribute",
                )
            name.replace(Name(RENAMED[name.value], prefix=name.prefix))
            return
        registry = Name("registry", prefix=old.prefix)
        if old is not name:
            registry = pytree.Node(self.syms.trailer, [Dot(), Name("registry")])
        method = pytree.Node(self.syms.trailer, [Dot(), Name("map_imperatively")])
        old.replace([registry, ArgList([]), method])

    def _needs_sqlalchemy_1(self, results: dict[str, Any]) -> str | None:
        """Why the matched code needs SQLAlchemy 1, if it does."""
        bound = results["bound"]
        if bound.type == self.syms.expr_stmt:
            if "metadata" in str(bound.children[0]).lower():
                return "metadata.bind = engine: SQLAlchemy 2 has no bound MetaData"
            return None
        if "call" in results:
            if any(
                is_keyword(argument, "bind") or argument.type == token.NAME
                for argument in call_arguments(results["call"])
            ):
                return "MetaData(bind=engine): SQLAlchemy 2 has no bound MetaData"
            return None
        if str(bound).lstrip().startswith("select"):
            return "select([...]): SQLAlchemy 2 takes the columns as arguments"
        return "execute('SQL'): SQLAlchemy 2 wants text('SQL')"
