"""Every public name of ``pylons`` appears in the reference's index.

The index is the inventory (``objects.inv``) of the built site, which
``scripts/run-tests`` builds just before these tests (``sphinx-build -W``
into ``docs/_build/html``; ``DOCS_HTML`` names another directory).  A
module's public names are its ``__all__``.  A name a package re-exports
(``pylons.controllers.WSGIController``) is described once, where it is
defined (``pylons.controllers.core.WSGIController``), and counts as there.
"""

import importlib
import os
import pkgutil
import unittest

from sphinx.util.inventory import InventoryFile

import pylons

HTML = os.environ.get(
    "DOCS_HTML", os.path.join(os.path.dirname(__file__), "..", "_build", "html")
)


def public_modules():
    """The names of pylons and of every module in it not named private."""
    names = ["pylons"]
    for info in pkgutil.walk_packages(pylons.__path__, "pylons."):
        if not any(part.startswith("_") for part in info.name.split(".")):
            names.append(info.name)
    return names


def documented_names():
    """The Python objects of the built reference: {full name: its role}."""
    path = os.path.join(HTML, "objects.inv")
    if not os.path.exists(path):
        raise AssertionError(
            "%s is missing: build the site first (sphinx-build -W -b html docs %s)"
            % (path, HTML)
        )
    with open(path, "rb") as stream:
        inventory = InventoryFile.load(stream, "", os.path.join)
    return {
        name: role
        for role, entries in inventory.items()
        if role.startswith("py:")
        for name in entries
    }


class ReferenceIndexTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.index = documented_names()

    def test_every_public_module_has_its_entry(self):
        missing = [
            name for name in public_modules() if self.index.get(name) != "py:module"
        ]
        self.assertEqual(missing, [])

    def test_every_public_name_is_described(self):
        missing = []
        for module_name in public_modules():
            module = importlib.import_module(module_name)
            for name in getattr(module, "__all__", ()):
                if "%s.%s" % (module_name, name) in self.index:
                    continue
                obj = getattr(module, name)
                home = getattr(obj, "__module__", None)
                qualname = getattr(obj, "__qualname__", None)
                if home and qualname and "%s.%s" % (home, qualname) in self.index:
                    continue
                missing.append("%s.%s" % (module_name, name))
        self.assertEqual(missing, [])

    def test_the_index_is_read(self):
        # A reading of the wrong file would make the tests above vacuous.
        self.assertEqual(self.index.get("pylons.wsgiapp.PylonsApp"), "py:class")
