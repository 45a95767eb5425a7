"""The fissix fixers of ``pylons-upgrade``, and what they share.

Each ``fix_*`` module is one kind of change, counted under its name in the
report: first what 2to3 misses in Python 2 code (``file()``, ``md5``,
``string.letters``, ``cmp``...), then the Pylons 0.9.7 and 1.0 rewrites
(``redirect_to``, ``url_for``, ``pylons.c``, WebHelpers), text and bytes
at the WebOb boundary, FormEncode 2 and SQLAlchemy.  They run in one pass
with 2to3's own (:class:`pylons.upgrade.python.PythonRewriter`).

:class:`PylonsFix` gives a fixer the upgrade's
:class:`~pylons.upgrade.context.Context`; the functions here are the tree
surgery several fixers need.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import Any, TypeAlias

from fissix import pygram, pytree
from fissix.fixer_base import BaseFix
from fissix.fixer_util import ArgList, Dot, Name, find_root, parenthesize, touch_import
from fissix.pgen2 import driver, token
from fissix.pygram import python_symbols as syms

from pylons.upgrade.context import Context

__all__ = [
    "PylonsFix",
    "as_bytes_literal",
    "call",
    "call_arguments",
    "comma_separated",
    "import_names",
    "imported_name",
    "is_keyword",
    "is_text_literal",
    "kind_of",
    "leaves_named",
    "method_call",
    "only_statement",
    "operand",
    "parse_statement",
    "remove_import_name",
    "remove_statement",
    "remove_unused_import",
    "set_import_names",
    "shadowed",
]

# fissix has no type information: its tree's nodes are Any to mypy.
Base: TypeAlias = Any
Node: TypeAlias = Any
Leaf: TypeAlias = Any


class PylonsFix(BaseFix):
    """A fixer of ours: knows the upgrade's context."""

    BM_compatible = True

    @property
    def context(self) -> Context:
        """The upgrade this fixer works for."""
        context: Context = self.options["pylons_upgrade"]
        return context

    @property
    def in_template(self) -> bool:
        """Whether the code is a piece of a Mako template (no imports there)."""
        return bool(self.options["pylons_template"])

    def manual(self, node: Base, message: str) -> None:
        """Note something at ``node`` that a person must do."""
        self.context.manual(node.get_lineno(), message)

    def record(self, count: int) -> None:
        """Count ``count`` changes made outside :meth:`transform` in the report."""
        kind, description = kind_of(self)
        self.context.report.change(kind, self.context.path, description, count)

    def add_import(self, package: str | None, name: str, node: Base) -> None:
        """Import ``name`` (from ``package``) in the module of ``node``.

        A template has ``url`` among its globals already.
        """
        if not (self.in_template and name == "url"):
            touch_import(package, name, node)


def kind_of(fixer: BaseFix) -> tuple[str, str]:
    """A fixer's kind of change (its module's name) and description."""
    module = importlib.import_module(type(fixer).__module__)
    name = module.__name__.rsplit(".", 1)[-1].removeprefix("fix_")
    doc = (module.__doc__ or type(fixer).__doc__ or name).strip()
    description = doc.splitlines()[0].rstrip(".")
    if not module.__name__.startswith(__name__):
        description = "2to3: " + description
    return name, description


def leaves_named(tree: Base, name: str) -> Iterator[Leaf]:
    """The NAME leaves of ``tree`` spelling ``name``."""
    for leaf in tree.leaves():
        if leaf.type == token.NAME and leaf.value == name:
            yield leaf


def _is_called(leaf: Leaf) -> bool:
    """Whether ``leaf`` is called, or has an attribute read: ``NAME(``, ``NAME.``."""
    following = leaf.next_sibling
    return (
        following is not None
        and following.type == syms.trailer
        and following.children[0].value in ("(", ".")
    )


def _is_attribute(leaf: Leaf) -> bool:
    previous = leaf.prev_sibling
    return previous is not None and previous.type == token.DOT


def _is_keyword_argument(leaf: Leaf) -> bool:
    following = leaf.next_sibling
    return (
        leaf.parent is not None
        and leaf.parent.type == syms.argument
        and following is not None
        and following.type == token.EQUAL
    )


def _import_statement(leaf: Leaf) -> Node | None:
    """The import statement ``leaf`` is part of, if any."""
    node = leaf.parent
    while node is not None:
        if node.type in (syms.import_name, syms.import_from):
            return node
        node = node.parent
    return None


def _import_binds(statement: Node, leaf: Leaf) -> bool:
    """Whether import ``statement`` binds the name ``leaf`` spells.

    ``from html import escape`` binds escape, not html; ``import a.b``
    binds a; ``x as y`` binds y.
    """
    parent = leaf.parent
    if statement.type == syms.import_from:
        keyword = [
            c
            for c in statement.children
            if c.type == token.NAME and c.value == "import"
        ]
        if _before(leaf, keyword[0]):
            return False  # the module's name
    if parent.type in (syms.import_as_name, syms.dotted_as_name):
        return leaf is parent.children[-1]
    if parent.type == syms.dotted_name:
        aliased = (
            parent.parent is not None and parent.parent.type == syms.dotted_as_name
        )
        return not aliased and leaf is parent.children[0]
    return True


def _before(leaf: Leaf, other: Leaf) -> bool:
    """Whether ``leaf`` comes before ``other`` in their statement."""
    for candidate in other.parent.leaves():
        if candidate is leaf:
            return True
        if candidate is other:
            return False
    return False


def shadowed(node: Base, name: str, source: str | None = None) -> bool:
    """Whether the module of ``node`` uses ``name`` other than as a global.

    A builtin of Python 2 (``file``, ``cmp``), a module (``string``) or
    the ``url`` of Pylons is only used, or written in, where the module
    never binds the name nor passes it around (``import string``, or
    ``from SOURCE import name``, aside): then each use of it is surely the
    builtin's, the module's or Pylons'.
    """
    for leaf in leaves_named(find_root(node), name):
        statement = _import_statement(leaf)
        if statement is not None:
            if _import_binds(statement, leaf) and not (
                _imports_module_itself(leaf) or _imported_from(leaf, source)
            ):
                return True
        elif not (
            _is_called(leaf) or _is_attribute(leaf) or _is_keyword_argument(leaf)
        ):
            return True
    return False


def _imported_from(leaf: Leaf, source: str | None) -> bool:
    """Whether ``leaf`` is NAME in ``from SOURCE import NAME`` (not ``x as NAME``)."""
    statement = leaf.parent
    while statement is not None and statement.type != syms.import_from:
        statement = statement.parent
    return (
        source is not None
        and statement is not None
        and str(statement.children[1]).strip() == source
        and not _is_alias_target(leaf)
    )


def _is_alias_target(leaf: Leaf) -> bool:
    """Whether ``leaf`` is the new name of ``x as NAME``."""
    previous = leaf.prev_sibling
    return (
        previous is not None and previous.type == token.NAME and previous.value == "as"
    )


def _imports_module_itself(leaf: Leaf) -> bool:
    """Whether ``leaf`` is NAME in ``import NAME`` (the module, unrenamed)."""
    parent = leaf.parent
    if parent is not None and parent.type == syms.dotted_as_names:
        parent = parent.parent
    return parent is not None and parent.type == syms.import_name


def import_names(import_from: Node) -> list[Base]:
    """The imported-name nodes of a ``from X import ...`` statement."""
    names = import_from.children[3:]
    if names and names[0].type == token.LPAR:
        names = names[1:-1]
    if len(names) == 1 and names[0].type == syms.import_as_names:
        return [child for child in names[0].children if child.type != token.COMMA]
    return list(names)


def imported_name(node: Base) -> str:
    """The name an imported-name node (``a`` or ``a as b``) imports."""
    if node.type == syms.import_as_name:
        return str(node.children[0].value)
    return str(node.value)


def remove_import_name(import_from: Node, name: str) -> None:
    """Drop ``name`` from a ``from X import ...``, or the whole statement."""
    names = import_names(import_from)
    kept = [node for node in names if imported_name(node) != name]
    if len(kept) == len(names):
        return
    if not kept:
        statement = import_from.parent
        if (
            statement is not None
            and len(statement.children) == 2
            and not only_statement(statement)
        ):
            # The statement alone on its line: the line goes.
            remove_statement(statement)
        else:
            import_from.replace(Name("pass", prefix=import_from.prefix))
        return
    set_import_names(import_from, kept)


def only_statement(statement: Base) -> bool:
    """Whether ``statement`` is all its block has (removing it would empty it)."""
    block = statement.parent
    return (
        block is not None
        and block.type == syms.suite
        and sum(
            child.type not in (token.NEWLINE, token.INDENT, token.DEDENT)
            for child in block.children
        )
        == 1
    )


def set_import_names(import_from: Node, names: list[Base]) -> None:
    """Make ``names`` the imported names of ``import_from``, comma-separated."""
    children: list[Any] = []
    for index, node in enumerate(names):
        node = node.clone()
        node.prefix = "" if index == 0 else " "
        if index:
            children.append(pytree.Leaf(token.COMMA, ","))
        children.append(node)
    names_node = (
        pytree.Node(syms.import_as_names, children)
        if len(children) > 1
        else children[0]
    )
    names_node.prefix = " "
    old = import_from.children[3:]
    for child in old:
        child.remove()
    if old and old[0].type == token.LPAR:
        import_from.append_child(pytree.Leaf(token.LPAR, "(", prefix=" "))
        names_node.prefix = ""
        import_from.append_child(names_node)
        import_from.append_child(pytree.Leaf(token.RPAR, ")"))
    else:
        import_from.append_child(names_node)


def call_arguments(call: Node) -> list[Base]:
    """Copies of the arguments of a call's ``( ... )`` trailer, without commas."""
    if len(call.children) == 2:
        return []
    inner = call.children[1]
    items = inner.children if inner.type == syms.arglist else [inner]
    return [item.clone() for item in items if item.type != token.COMMA]


def is_keyword(argument: Base, name: str | None = None) -> bool:
    """Whether ``argument`` is ``NAME=value`` (with that NAME, if given)."""
    return (
        argument.type == syms.argument
        and len(argument.children) == 3
        and argument.children[1].type == token.EQUAL
        and (name is None or argument.children[0].value == name)
    )


def comma_separated(nodes: list[Base]) -> list[Base]:
    """``nodes`` joined by commas, one space after each comma."""
    separated: list[Base] = []
    for index, node in enumerate(nodes):
        node.prefix = " " if index else ""
        if index:
            separated.append(pytree.Leaf(token.COMMA, ","))
        separated.append(node)
    return separated


def operand(node: Base) -> Base:
    """``node``, parenthesised unless it binds tighter than any operator."""
    node.prefix = ""
    if node.type in (token.NAME, token.STRING, token.NUMBER, syms.atom, syms.power):
        return node
    return parenthesize(node)


def call(function: Base, arguments: list[Base]) -> Node:
    """``function(arguments)``."""
    return pytree.Node(syms.power, [function, ArgList(comma_separated(arguments))])


def method_call(receiver: Base, method: str, arguments: list[Base]) -> Node:
    """``receiver.method(arguments)``."""
    return pytree.Node(
        syms.power,
        [
            operand(receiver),
            pytree.Node(syms.trailer, [Dot(), Name(method)]),
            ArgList(comma_separated(arguments)),
        ],
    )


def is_text_literal(node: Base) -> bool:
    """Whether ``node`` is a string literal that is text (no ``b`` prefix)."""
    if node.type == syms.atom and all(
        child.type == token.STRING for child in node.children
    ):
        return all(is_text_literal(child) for child in node.children)
    if node.type != token.STRING:
        return False
    prefix = node.value[: len(node.value) - len(node.value.lstrip("rRuUbBfF"))]
    return "b" not in prefix.lower()


def as_bytes_literal(node: Base) -> bool:
    """Make text literal ``node`` a bytes literal, if it is ASCII; say if done."""
    if node.type != token.STRING or not node.value.isascii():
        return False
    quote = min(i for i in (node.value.find("'"), node.value.find('"')) if i >= 0)
    prefix = node.value[:quote].replace("u", "").replace("U", "")
    node.value = "b" + prefix + node.value[quote:]
    node.changed()
    return True


def _last_leaf(node: Base) -> Base:
    while node.children:
        node = node.children[-1]
    return node


def _next_leaf(node: Base) -> Base | None:
    while node.next_sibling is None:
        if node.parent is None:
            return None
        node = node.parent
    following = node.next_sibling
    while following.children:
        following = following.children[0]
    return following


def remove_statement(statement: Base) -> None:
    """Remove a whole statement (a line, or a block), keeping the layout.

    The indentation of a statement that follows a block is in the prefix
    of that block's closing DEDENT, and the blank lines and indentation
    that follow a block are in the prefix of its own DEDENT: each moves
    where it still belongs.
    """
    previous = statement.prev_sibling
    if previous is not None:
        closing = _last_leaf(previous)
        if closing.type == token.DEDENT:
            closing.prefix = closing.prefix.rstrip(" \t")
    last = _last_leaf(statement)
    trailing = last.prefix if last.type == token.DEDENT else ""
    following = _next_leaf(statement)
    statement.remove()
    if following is not None and trailing:
        following.prefix = trailing + following.prefix


def remove_unused_import(tree: Base, module: str) -> None:
    """Remove ``import MODULE`` once nothing else in ``tree`` uses the name."""
    uses = list(leaves_named(tree, module))
    imports = [leaf for leaf in uses if str(leaf.parent).split() == ["import", module]]
    if imports and len(imports) == len(uses):
        for leaf in imports:
            remove_statement(leaf.parent.parent)


def parse_statement(text: str) -> Base:
    """The small statement ``text`` (one line of Python 3), as a tree."""
    parser = driver.Driver(
        pygram.python_grammar_no_print_and_exec_statement, convert=pytree.convert
    )
    module = parser.parse_string(text + "\n")
    statement = module.children[0].children[0]
    statement.remove()
    return statement
