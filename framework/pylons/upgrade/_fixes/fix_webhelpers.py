"""WebHelpers 1.x becomes WebHelpers2, paginate, feedgenerator and Pylons' own.

The Pylons parts of WebHelpers (``webhelpers.pylonslib``: ``Flash``,
``secure_form``) are :mod:`pylons.flash` and :mod:`pylons.secure_form`;
``webhelpers.paginate`` and ``webhelpers.feedgenerator`` became the
``paginate`` and ``feedgenerator`` distributions; the rest is
WebHelpers2's.  A name WebHelpers2 dropped is taken out of the import and
reported, so that the module still imports; a module with no successor is
reported.  Strings that hold such an import (Mako's ``imports=[...]``)
are rewritten too.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

from fissix import pytree
from fissix.fixer_util import Name, String

from pylons.upgrade._fixes import (
    PylonsFix,
    import_names,
    imported_name,
    remove_import_name,
)

#: Each WebHelpers 1.x module with a successor, and the successor.
MODULES = {
    "webhelpers.html": "webhelpers2.html",
    "webhelpers.html.builder": "webhelpers2.html.builder",
    "webhelpers.html.tags": "webhelpers2.html.tags",
    "webhelpers.html.tools": "webhelpers2.html.tools",
    "webhelpers.html.secure_form": "pylons.secure_form",
    "webhelpers.text": "webhelpers2.text",
    "webhelpers.date": "webhelpers2.date",
    "webhelpers.number": "webhelpers2.number",
    "webhelpers.misc": "webhelpers2.misc",
    "webhelpers.containers": "webhelpers2.containers",
    "webhelpers.constants": "webhelpers2.constants",
    "webhelpers.paginate": "paginate",
    "webhelpers.feedgenerator": "feedgenerator",
    "webhelpers.pylonslib.secure_form": "pylons.secure_form",
    "webhelpers.pylonslib.flash": "pylons.flash",
}
#: Names imported from a package (``from webhelpers.pylonslib import Flash``).
PACKAGE_NAMES = {
    ("webhelpers.pylonslib", "Flash"): "pylons.flash",
    ("webhelpers.pylonslib", "secure_form"): "pylons",
    ("webhelpers.pylonslib", "flash"): "pylons",
}
#: The distributions successors come from, with their lowest version.
DISTRIBUTIONS = {
    "paginate": ("paginate", "0.5.6"),
    "feedgenerator": ("feedgenerator", "2.0"),
}
_IMPORT_IN_STRING = re.compile(r"(from\s+)(webhelpers(?:\.\w+)*)(\s+import\s)")


class FixWebhelpers(PylonsFix):
    """``from webhelpers.html import X`` becomes ``from webhelpers2.html import X``."""

    PATTERN = """
        import_from< 'from' module=any 'import' any* >
        | import_name< 'import' dotted_as_name< module=any 'as' any > >
        | import_name< 'import' module=dotted_name< 'webhelpers' any* > >
        | STRING
    """

    def transform(self, node: Any, results: dict[str, Any]) -> None:
        if "module" not in results:
            self._string(node)
            return
        module = results["module"]
        old = str(module).strip()
        if old != "webhelpers" and not old.startswith("webhelpers."):
            return
        if node.type == self.syms.import_from and old in (
            "webhelpers",
            "webhelpers.pylonslib",
        ):
            self._from_package(node, module, old)
        elif old in MODULES and not (
            node.type == self.syms.import_name and "as" not in str(node).split()
        ):
            new = MODULES[old]
            module.replace(Name(new, prefix=module.prefix))
            self._uses(new, node)
            if node.type == self.syms.import_from:
                self._check_names(node, new)
        else:
            self.manual(node, "%s has no successor in WebHelpers2: rewrite this" % old)

    def _from_package(self, node: Any, module: Any, package: str) -> None:
        """``from webhelpers import date``, ``from webhelpers.pylonslib import X``."""
        names = [imported_name(name) for name in import_names(node)]
        successors = {
            PACKAGE_NAMES.get((package, name))
            or MODULES.get("%s.%s" % (package, name), "").rpartition(".")[0]
            for name in names
        }
        if len(successors) == 1 and "" not in successors:
            new = successors.pop()
            module.replace(Name(new, prefix=module.prefix))
            self._uses(new, node)
            return
        target = MODULES.get("%s.%s" % (package, names[0]), "")
        if names == [str(node.children[-1]).strip()] and target in DISTRIBUTIONS:
            # from webhelpers import paginate: a distribution of its own now.
            node.replace(
                pytree.Node(
                    self.syms.import_name,
                    [Name("import"), Name(target, prefix=" ")],
                    prefix=node.prefix,
                )
            )
            self._uses(target, node)
            return
        self.manual(node, "%s: import these from their successors by hand" % package)

    def _check_names(self, node: Any, successor: str) -> None:
        """Take out (and report) the names WebHelpers2 dropped."""
        try:
            target = importlib.import_module(successor)
        except ImportError:
            return
        for name in import_names(node):
            imported = imported_name(name)
            if imported != "*" and not hasattr(target, imported):
                self.manual(
                    node,
                    "%s is not in %s (WebHelpers2 dropped it): write your own "
                    "helper or find it elsewhere" % (imported, successor),
                )
                remove_import_name(node, imported)

    def _string(self, node: Any) -> None:
        """An import statement written in a string: Mako's ``imports``."""
        match = _IMPORT_IN_STRING.search(node.value)
        if match is None or match.group(2) not in MODULES:
            return
        value = _IMPORT_IN_STRING.sub(
            lambda found: found.group(1) + MODULES[found.group(2)] + found.group(3),
            node.value,
        )
        node.replace(String(value, prefix=node.prefix))

    def _uses(self, module: str, node: Any) -> None:
        """Note the distribution a successor comes from, and what to check."""
        top = module.split(".")[0]
        if top in DISTRIBUTIONS:
            self.context.require(*DISTRIBUTIONS[top])
        if top == "paginate":
            self.manual(
                node,
                "paginate.Page (from webhelpers.paginate): its pager() needs "
                "url_maker=lambda page: url.current(page=page), and an "
                "SQLAlchemy query wants paginate_sqlalchemy.SqlalchemyOrmPage",
            )
