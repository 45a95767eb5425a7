"""Rewriting a project's packaging: setup.py, setup.cfg, and the files it lacks.

``setup()`` keeps what still means something: its requirements lose
their pins (``Pylons==0.9.7``, ``WebOb<=1.1.1``), invalid specifiers
(``PasteScript==dev,>=1.6.3dev-r7076``) and the distributions Pylons now
brings or replaces (WebHelpers becomes WebHelpers2, WebError and nose
go), and gain those the rewritten code imports (``paginate``) within the
limits it needs (``SQLAlchemy<2``); ``setup_requires``,
``tests_require``, ``test_suite``, ``dependency_links`` and the
``use_2to3`` options go, as today's pip and setuptools refuse or ignore
them.  ``setup.cfg`` loses ``tag_svn_revision``, the dead ``find_links``
and the nose settings, which become nose2's ``unittest.cfg`` with the
``pylons.test`` plugin.  A project without ``pyproject.toml`` gets one
whose build requires PasteScript, for ``paster_plugins``.  The
constraints file pins the versions this Pylons was tested with.
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from typing import Any

from fissix import pygram, pytree
from fissix.fixer_util import String
from fissix.pgen2 import driver, token
from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from pylons.upgrade._fixes import is_keyword
from pylons.upgrade.context import Context
from pylons.upgrade.dependencies import PINS, PYTHON2_ONLY, REPLACED
from pylons.upgrade.inifiles import IniFile
from pylons.upgrade.report import Dependency

__all__ = [
    "CONSTRAINTS",
    "PYPROJECT",
    "constraints",
    "rewrite_requirement",
    "rewrite_setup_cfg",
    "rewrite_setup_py",
    "unittest_cfg",
]

#: The constraints file the upgrade writes, in the project's directory.
CONSTRAINTS = "constraints.txt"

#: setup() keywords today's tools refuse or ignore.
DEAD_KEYWORDS = frozenset(
    {
        "setup_requires",
        "tests_require",
        "test_suite",
        "dependency_links",
        "use_2to3",
        "use_2to3_fixers",
        "convert_2to3_doctests",
    }
)

#: The pyproject.toml of a project that had none: PasteScript provides the
#: paster_plugins keyword at build time, as Pylons' project template does.
PYPROJECT = """\
[build-system]
requires = ["setuptools>=65", "PasteScript>=3.6.0"]
build-backend = "setuptools.build_meta"
"""

_NAME = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def rewrite_requirement(text: str, context: Context) -> str | None:
    """Requirement ``text`` for Python 3 (None: drop it)."""
    match = _NAME.match(text)
    if match is None:
        return text
    name = canonicalize_name(match.group(1))
    if name in REPLACED:
        return REPLACED[name]
    if name in PYTHON2_ONLY:
        successor, note = PYTHON2_ONLY[name]
        context.report.dependencies.add(Dependency(match.group(1), successor, note))
    try:
        requirement = Requirement(text)
    except InvalidRequirement:
        requirement = Requirement(match.group(1))
    # Lower bounds stay, raised to what the rewritten code needs; upper
    # bounds and exact pins of a Python 2 release go.
    specifiers = [str(s) for s in requirement.specifier if s.operator in (">=", ">")]
    lowest = _needed(context.requirements, name)
    if lowest:
        specifiers = [s for s in specifiers if not _below(s, lowest)] or [">=" + lowest]
        if not any(s.startswith(">") for s in specifiers):
            specifiers.append(">=" + lowest)
    limit = _needed(context.limits, name)
    if limit is not None:
        specifiers.append(str(Requirement(limit.requirement).specifier))
    extras = "[%s]" % ",".join(sorted(requirement.extras)) if requirement.extras else ""
    return requirement.name + extras + ",".join(sorted(set(specifiers)))


def _needed(needs: dict[str, Any], name: str) -> Any:
    """What ``needs`` (keyed by distribution name) holds for ``name``, if anything."""
    for key, value in needs.items():
        if canonicalize_name(key) == name:
            return value
    return None


def _below(specifier: str, lowest: str) -> bool:
    """Whether lower bound ``specifier`` (``>=0.5``) is below ``lowest``."""
    return Version(specifier.lstrip(">=")) < Version(lowest)


def _parse(source: str) -> Any:
    parser = driver.Driver(
        pygram.python_grammar_no_print_and_exec_statement, convert=pytree.convert
    )
    return parser.parse_string(source)


def _setup_call(tree: Any) -> Any | None:
    """The ``( ... )`` trailer of the ``setup(...)`` call."""
    for node in tree.pre_order():
        if (
            node.type == token.NAME
            and node.value == "setup"
            and node.next_sibling is not None
            and str(node.next_sibling).startswith("(")
        ):
            return node.next_sibling
    return None


def rewrite_setup_py(source: str, context: Context) -> str:
    """``setup.py``'s ``setup()`` call, upgraded (``source`` is Python 3 already)."""
    tree = _parse(source)
    call = _setup_call(tree)
    if call is None:
        context.manual(1, "no setup() call found: check the requirements by hand")
        return source
    arglist = call.children[1] if len(call.children) == 3 else None
    if arglist is None:
        return source
    for argument in list(arglist.children):
        if not is_keyword(argument):
            continue
        keyword = argument.children[0].value
        if keyword in DEAD_KEYWORDS:
            _remove_argument(argument)
            context.report.change(
                "setup_keywords",
                context.path,
                "setup() keywords today's tools refuse or ignore go",
            )
        elif keyword == "install_requires":
            _rewrite_requirements(argument.children[2], tree, context)
        elif keyword == "entry_points":
            _check_entry_points(argument.children[2], context)
    return str(tree)


def _remove_argument(argument: Any) -> None:
    following = argument.next_sibling
    if following is not None and following.type == token.COMMA:
        following.remove()
    argument.remove()


def _rewrite_requirements(value: Any, tree: Any, context: Context) -> None:
    """Rewrite a list of requirement strings (or the name of one)."""
    if value.type == token.NAME:
        for node in tree.pre_order():
            if (
                node.type == pygram.python_symbols.expr_stmt
                and str(node.children[0]).strip() == value.value
            ):
                value = node.children[-1]
                break
    if value.type != pygram.python_symbols.atom or value.children[0].value != "[":
        context.manual(
            1, "install_requires is not a list: rewrite its requirements by hand"
        )
        return
    items = [leaf for leaf in value.leaves() if leaf.type == token.STRING]
    for leaf in items:
        trigger = PINS.get(_requirement_name(_unquoted(leaf)))
        if trigger is not None:
            context.limit(*trigger)
    description = "requirements lose Python 2 pins and gain successors"
    wanted = set()
    for leaf in items:
        old = _unquoted(leaf)
        new = rewrite_requirement(old, context)
        if new is None or _requirement_name(new) in wanted:
            _remove_item(leaf)
            context.report.change("requirements", context.path, description)
            continue
        wanted.add(_requirement_name(new))
        if new != old:
            leaf.replace(
                String(leaf.value[0] + new + leaf.value[-1], prefix=leaf.prefix)
            )
            context.report.change("requirements", context.path, description)
    for name in sorted({*context.requirements, *context.limits}):
        if canonicalize_name(name) not in wanted:
            _append_item(value, rewrite_requirement(name, context) or name)
            wanted.add(canonicalize_name(name))
            context.report.change("requirements", context.path, description)


def _unquoted(leaf: Any) -> str:
    """The text of a simple string literal."""
    return str(leaf.value).lstrip("rRuU")[1:-1]


def _requirement_name(text: str) -> str:
    match = _NAME.match(text)
    return canonicalize_name(match.group(1)) if match else text


def _remove_item(leaf: Any) -> None:
    following = leaf.next_sibling
    if following is not None and following.type == token.COMMA:
        following.remove()
    leaf.remove()


def _append_item(atom: Any, requirement: str) -> None:
    """Append ``"requirement"`` to the list display ``atom``."""
    inner = atom.children[1] if len(atom.children) == 3 else None
    new = String('"%s"' % requirement)
    if inner is None:
        atom.insert_child(1, new)
        return
    if inner.type == token.STRING:
        listmaker = pytree.Node(pygram.python_symbols.listmaker, [inner.clone()])
        inner.replace(listmaker)
        inner = listmaker
    last = inner.children[-1]
    layout = last.prefix if last.type == token.STRING else " "
    if last.type != token.COMMA:
        inner.append_child(pytree.Leaf(token.COMMA, ","))
    new.prefix = layout if "\n" in layout else " "
    inner.append_child(new)
    inner.append_child(pytree.Leaf(token.COMMA, ","))


def _check_entry_points(value: Any, context: Context) -> None:
    """Report console scripts that name a module without its callable."""
    text = str(value)
    for match in re.finditer(r"^\s*([\w.-]+)\s*=\s*([\w.]+)\s*$", text, re.M):
        section = text[: match.start()].rfind("[")
        if section >= 0 and "scripts]" in text[section : match.start()].split("\n")[0]:
            context.manual(
                1,
                "entry point %s = %s names no :callable"
                % (match.group(1), match.group(2)),
            )


def rewrite_setup_cfg(text: str, context: Context) -> tuple[str, str | None]:
    """``setup.cfg`` upgraded, and the test config its nose settings named."""
    ini = IniFile(text)
    test_config = None
    description = "setup.cfg: dead options go, nose's settings become unittest.cfg"
    if "egg_info" in ini.sections() and ini.remove_option(
        "egg_info", "tag_svn_revision"
    ):
        context.report.change("setup_cfg", context.path, description)
    if "easy_install" in ini.sections():
        ini.remove_section("easy_install")
        context.report.change("setup_cfg", context.path, description)
    if "nosetests" in ini.sections():
        options = ini.options("nosetests")
        test_config = options.pop("with-pylons", None)
        for key in sorted(
            set(options) - {"verbosity", "verbose", "detailed-errors", "with-doctest"}
        ):
            context.manual(
                1, "[nosetests] %s has no nose2 setting written for it" % key
            )
        ini.remove_section("nosetests")
        context.report.change("setup_cfg", context.path, description)
    return ini.text(), test_config


def unittest_cfg(test_config: str) -> str:
    """nose2's configuration, loading the application from ``test_config``."""
    return (
        "# nose2's configuration: the pylons.test plugin loads the application\n"
        "# from %s once, before the tests are imported.\n"
        "[unittest]\n"
        "plugins = pylons.test\n"
        "\n"
        "[pylons]\n"
        "always-on = True\n"
        "test-config = %s\n" % (test_config, test_config)
    )


def _tested_versions() -> dict[str, str]:
    """The installed versions of Pylons and everything it requires."""
    versions: dict[str, str] = {}
    pending = ["Pylons"]
    while pending:
        name = pending.pop()
        try:
            distribution = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        key = canonicalize_name(distribution.metadata["Name"])
        if key in versions:
            continue
        versions[key] = distribution.version
        for text in distribution.requires or []:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                pending.append(requirement.name)
    versions.pop("pylons", None)
    return versions


def constraints(context: Context) -> str:
    """The constraints file: the limits the code needs, and the versions tested with."""
    lines = [
        "# Written by pylons-upgrade: the limits the upgraded code needs, and the",
        "# versions Pylons %s was tested with (on Python %d.%d). Install with"
        % ((metadata.version("Pylons"),) + sys.version_info[:2]),
        "#     pip install -c %s -e ." % CONSTRAINTS,
    ]
    limited = set()
    for name, pin in sorted(context.limits.items()):
        lines += ["# %s" % pin.reason, pin.requirement]
        limited.add(canonicalize_name(name))
    for name, version in sorted(_tested_versions().items()):
        if name not in limited:
            lines.append("%s==%s" % (name, version))
    return "\n".join(lines) + "\n"
