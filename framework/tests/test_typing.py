"""The public API is typed: py.typed ships, and every public callable is annotated.

mypy checks the annotations themselves (tox -e typing, and run-tests).
"""

import importlib
import inspect
import os
import unittest

import pylons

#: The modules whose ``__all__`` is the public API.
PUBLIC_MODULES = (
    "pylons",
    "pylons.configuration",
    "pylons.context",
    "pylons.wsgiapp",
    "pylons.controllers",
    "pylons.controllers.core",
    "pylons.controllers.util",
    "pylons.controllers.rpc",
    "pylons.controllers.xmlrpc",
    "pylons.controllers.jsonrpc",
    "pylons.middleware",
    "pylons.templating",
    "pylons.decorators",
    "pylons.decorators.util",
    "pylons.decorators.secure",
    "pylons.decorators.rest",
    "pylons.decorators.cache",
    "pylons.i18n",
    "pylons.i18n.translation",
    "pylons.secure_form",
    "pylons.flash",
    "pylons.error",
    "pylons.log",
    "pylons.util",
    "pylons.url",
    "pylons.test",
    "pylons.testutil",
    "pylons.commands",
    "pylons.scaffolding",
    "pylons.upgrade",
    "pylons.upgrade.command",
    "pylons.upgrade.context",
    "pylons.upgrade.inifiles",
    "pylons.upgrade.mako",
    "pylons.upgrade.packaging",
    "pylons.upgrade.project",
    "pylons.upgrade.python",
    "pylons.upgrade.report",
)

#: Methods a class defines that are part of its API despite the underscore.
_DUNDERS = ("__init__", "__call__")


def _missing_annotations(func):
    """The parameters (and 'return') of ``func`` that carry no annotation."""
    signature = inspect.signature(func)
    missing = [
        name
        for name, parameter in signature.parameters.items()
        if name not in ("self", "cls")
        and parameter.annotation is inspect.Parameter.empty
    ]
    if signature.return_annotation is inspect.Signature.empty:
        missing.append("return")
    return missing


def _public_callables(module_name):
    """(qualified name, function) of each public function and method of a module.

    Only those defined in the module itself: not what it imports.
    """
    module = importlib.import_module(module_name)
    for name in module.__all__:
        obj = getattr(module, name)
        if inspect.isclass(obj):
            if obj.__module__ != module_name:
                continue
            for attribute, value in vars(obj).items():
                if attribute.startswith("_") and attribute not in _DUNDERS:
                    continue
                if isinstance(value, (staticmethod, classmethod)):
                    value = value.__func__
                if isinstance(value, property):
                    value = value.fget
                if inspect.isfunction(value) and value.__module__ == module_name:
                    yield "%s.%s" % (name, attribute), value
        elif inspect.isfunction(obj) and obj.__module__ == module_name:
            yield name, obj


class TypedAPITest(unittest.TestCase):
    def test_the_package_says_it_is_typed(self):
        marker = os.path.join(os.path.dirname(pylons.__file__), "py.typed")
        self.assertTrue(os.path.isfile(marker))

    def test_every_public_function_and_method_is_annotated(self):
        for module_name in PUBLIC_MODULES:
            for name, func in _public_callables(module_name):
                with self.subTest(callable="%s.%s" % (module_name, name)):
                    self.assertEqual(_missing_annotations(func), [])

    def test_functions_that_end_the_action_never_return(self):
        from pylons.controllers.util import abort, redirect

        for func in (abort, redirect):
            with self.subTest(func=func.__name__):
                self.assertEqual(inspect.signature(func).return_annotation, "NoReturn")

    def test_renderers_return_markup(self):
        from pylons import templating

        for name in (
            "render_mako",
            "render_mako_def",
            "render_genshi",
            "render_jinja2",
        ):
            with self.subTest(renderer=name):
                self.assertEqual(
                    inspect.signature(getattr(templating, name)).return_annotation,
                    "Markup",
                )
