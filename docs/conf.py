"""Sphinx configuration of the one site of both distributions: Pylons and QuickWiki."""

import inspect
import os

import pylons

project = "Pylons for Python 3 and QuickWiki"
author = "The QuickWiki team"
copyright = "2026, the QuickWiki team"
version = release = pylons.__version__

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.intersphinx",
    "sphinx.ext.viewcode",
]
exclude_patterns = ["_build", "inventories", "tests"]

# Furo rather than the PyData theme: it reads well on a phone (the
# navigation folds into a drawer, wide code scrolls inside its block
# instead of being cut off or widening the page), it has a dark mode and a
# search box, and it is a single pure-Python package whose assets are
# built into the wheel, so CI installs it from PyPI like any dependency.
# The PyData theme suits large multi-section API sites and brings more
# configuration and JavaScript than these pages need.
html_theme = "furo"
html_title = "Pylons for Python 3 and QuickWiki"
html_static_path = []

# The reference: signatures from the annotations, shown in the
# description rather than the signature line, which stays short enough
# for a phone.
autodoc_default_options = {
    "members": True,
    "show-inheritance": True,
}
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_typehints_format = "short"
autodoc_preserve_defaults = True

# The libraries' inventories are files of docs/inventories (its update
# script says where each comes from): the build reaches no network, as CI
# cannot reach the documentation sites; the links lead to the sites.
_inventories = os.path.join(os.path.dirname(__file__), "inventories")
intersphinx_mapping = {
    name: (url, os.path.join(_inventories, name + ".inv"))
    for name, url in {
        "python": "https://docs.python.org/3/",
        "webob": "https://docs.pylonsproject.org/projects/webob/en/stable/",
        "routes": "https://routes.readthedocs.io/en/latest/",
        "beaker": "https://beaker.readthedocs.io/en/latest/",
        "mako": "https://docs.makotemplates.org/en/latest/",
        "formencode": "https://formencode.readthedocs.io/en/latest/",
        "sqlalchemy": "https://docs.sqlalchemy.org/en/20/",
        "paste": "https://pythonpaste.readthedocs.io/en/latest/",
        "pastedeploy": "https://docs.pylonsproject.org/projects/pastedeploy/en/latest/",
        "webtest": "https://docs.pylonsproject.org/projects/webtest/en/latest/",
    }.items()
}


# Each object is described once, in the module that defines it: a package
# that re-exports names (pylons.controllers, pylons.i18n, pylons.util)
# lists them after its docstring, linked to their descriptions.  Names
# its __all__ gives are public even with a leading underscore
# (pylons.i18n's _).  autodoc names no parent module to skip-member, so
# the module whose members are being listed is kept when its own
# docstring is processed, which autodoc does first.
_documenting = {"module": None}


def _note_module(app, what, name, obj, options, lines):
    if what != "module":
        return
    _documenting["module"] = obj
    reexported = [
        ":obj:`~%s.%s`" % (member.__module__, member.__qualname__)
        for member in (getattr(obj, n) for n in getattr(obj, "__all__", ()))
        if _defined_elsewhere(member, obj)
    ]
    if reexported:
        lines.extend(["", "Importable from here too: %s." % ", ".join(reexported)])


def _defined_elsewhere(member, module):
    """Whether ``member`` is a pylons object that another module defines."""
    home = getattr(member, "__module__", None)
    return (
        isinstance(home, str)
        and home.startswith("pylons")
        and home != module.__name__
        # Looked up without running the member's code: a pylons global
        # asked for a name it lacks asks the request's object, and there
        # is no request here.
        and inspect.getattr_static(member, "__qualname__", None) is not None
        and not isinstance(member, type(module))
    )


def _skip_member(app, what, name, obj, skip, options):
    module = _documenting["module"]
    if what != "module" or module is None:
        return None
    if _defined_elsewhere(obj, module):
        return True
    if name in getattr(module, "__all__", ()):
        return False
    return None


def setup(app):
    app.connect("autodoc-process-docstring", _note_module)
    app.connect("autodoc-skip-member", _skip_member)
