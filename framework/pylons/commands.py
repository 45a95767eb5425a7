"""The ``paster`` commands of a Pylons project.

``paster controller NAME`` and ``paster restcontroller NAME NAMES`` add a
controller and its functional test to the project; ``paster shell`` opens
a Python shell with the application loaded; ``paster routes`` lists its
routes.  They are PasteScript commands (``paste.paster_command`` entry
points of Pylons), offered by ``paster`` in a project's directory because
the project lists Pylons in its ``paster_plugins``.
"""

from __future__ import annotations

import code
import contextlib
import importlib
import importlib.util
import keyword
import os
import sys
import types
from collections.abc import Iterator
from typing import Any

from paste.deploy import loadapp
from paste.registry import Registry
from paste.script import pluginlib
from paste.script.command import BadCommand, Command
from paste.util.template import paste_script_template_renderer
from webob import Request
from webtest import TestApp

import pylons
from pylons.configuration import PylonsConfig
from pylons.context import PylonsContext, request_names
from pylons.scaffolding import TEMPLATES_DIR
from pylons.util import class_name_from_module_name
from pylons.wsgiapp import PylonsApp

__all__ = [
    "ControllerCommand",
    "RestControllerCommand",
    "RoutesCommand",
    "ShellCommand",
    "shell_session",
]

_COMMAND_TEMPLATES = os.path.join(TEMPLATES_DIR, "commands")


class Project:
    """The Pylons project a command runs in: its directory and package."""

    def __init__(self, base_dir: str, package: str) -> None:
        self.base_dir = base_dir
        self.package = package

    @classmethod
    def find(cls, directory: str) -> Project:
        """The project ``directory`` is in, found by its ``.egg-info``."""
        egg_info = pluginlib.find_egg_info_dir(directory)
        if egg_info is None:
            raise BadCommand(
                "%s is not in a project: no .egg-info directory "
                "(run `pip install -e .` in the project)" % directory
            )
        base_dir = os.path.dirname(egg_info)
        with open(
            os.path.join(egg_info, "top_level.txt"), encoding="utf-8"
        ) as top_level:
            packages = [line.strip() for line in top_level if line.strip()]
        for package in packages:
            if os.path.isdir(os.path.join(base_dir, package, "controllers")):
                return cls(base_dir, package)
        raise BadCommand("No package of %s has a controllers directory" % base_dir)

    def path(self, *parts: str) -> str:
        """A path inside the project's package."""
        return os.path.join(self.base_dir, self.package, *parts)


def controller_name_parts(name: str) -> list[str]:
    """``'admin/users'`` as ``['admin', 'users']``, every part checked."""
    name = name.strip().strip("/")
    if name.endswith(".py"):
        name = name[:-3]
    parts = name.replace("-", "_").split("/")
    for part in parts:
        if not part.isidentifier() or keyword.iskeyword(part):
            raise BadCommand(
                "%r is not a controller name: each part of it "
                "must be a Python identifier" % name
            )
    return parts


def render_template(template: str, template_vars: dict[str, Any]) -> str:
    """The command template ``template`` filled in with ``template_vars``."""
    with open(os.path.join(_COMMAND_TEMPLATES, template), encoding="utf-8") as source:
        return paste_script_template_renderer(
            source.read(), template_vars, filename=template
        )


class _CreateCommand(Command):
    """Writes a controller module and its test into the project."""

    group_name = "pylons"
    default_verbosity = 1
    #: The command templates of the controller and of its test.
    controller_template: str
    test_template: str

    parser = Command.standard_parser(simulate=True, quiet=True)
    parser.add_option(
        "--no-test",
        action="store_true",
        dest="no_test",
        help="Do not write the functional test",
    )

    def command(self) -> None:
        project = Project.find(os.getcwd())
        parts = self.controller_parts()
        template_vars = self.template_vars(project, parts)
        files = [
            (
                project.path("controllers", *parts[:-1], parts[-1] + ".py"),
                self.controller_template,
            )
        ]
        if not self.options.no_test:
            test_name = "test_%s.py" % "_".join(parts)
            files.append(
                (project.path("tests", "functional", test_name), self.test_template)
            )
        for path, _template in files:
            if os.path.exists(path):
                raise BadCommand("%s already exists" % path)
        self.make_packages(project, parts[:-1])
        for path, template in files:
            self.write(path, render_template(template, template_vars))
        self.finish(project, template_vars)

    def finish(self, project: Project, template_vars: dict[str, Any]) -> None:
        """Tell the developer what is left to do, if anything."""

    def controller_parts(self) -> list[str]:
        """The parts of the controller's name the command was given."""
        return controller_name_parts(self.args[0])

    def template_vars(self, project: Project, parts: list[str]) -> dict[str, Any]:
        """What the command templates are filled with."""
        return {
            "package": project.package,
            "name": parts[-1],
            "controller_path": "/".join(parts),
            "class_name": class_name_from_module_name(parts[-1]),
        }

    def make_packages(self, project: Project, directories: list[str]) -> None:
        """Create the controller packages ``directories`` name, if missing."""
        for depth in range(1, len(directories) + 1):
            package_dir = project.path("controllers", *directories[:depth])
            init = os.path.join(package_dir, "__init__.py")
            if not os.path.exists(init):
                if not self.simulate:
                    os.makedirs(package_dir, exist_ok=True)
                self.write(init, "")

    def write(self, path: str, content: str) -> None:
        """Write ``content`` to ``path``, saying so (not when simulating)."""
        if self.verbose:
            print("Creating %s" % self.shorten(path))
        if not self.simulate:
            with open(path, "w", encoding="utf-8") as output:
                output.write(content)


class ControllerCommand(_CreateCommand):
    """``paster controller NAME``: a controller with an index action."""

    summary = "Create a controller and its functional test"
    usage = "NAME"
    min_args = max_args = 1
    description = """\
    Writes controllers/NAME.py, a controller whose index action says
    Hello World, and tests/functional/test_NAME.py.  NAME may name a
    sub-package, as in admin/users; missing packages are created.
    """
    controller_template = "controller.py_tmpl"
    test_template = "test_controller.py_tmpl"


class RestControllerCommand(_CreateCommand):
    """``paster restcontroller NAME NAMES``: a controller for map.resource."""

    summary = "Create a REST controller and its functional test"
    usage = "NAME NAMES"
    min_args = max_args = 2
    description = """\
    Writes controllers/NAMES.py, a controller with the seven actions
    map.resource routes to (index, create, new, update, delete, show,
    edit), and its functional test, then prints the map.resource line to
    add to config/routing.py.  NAME is the singular of the resource
    (comment), NAMES the plural (comments); both may name the same
    sub-package (admin/comment admin/comments).
    """
    controller_template = "restcontroller.py_tmpl"
    test_template = "test_restcontroller.py_tmpl"

    def controller_parts(self) -> list[str]:
        singular = controller_name_parts(self.args[0])
        plural = controller_name_parts(self.args[1])
        if singular[:-1] != plural[:-1]:
            raise BadCommand(
                "NAME and NAMES must be in the same package: %s, %s" % tuple(self.args)
            )
        self.singular = singular[-1]
        return plural

    def template_vars(self, project: Project, parts: list[str]) -> dict[str, Any]:
        template_vars = super().template_vars(project, parts)
        template_vars.update(resource_vars(self.singular, parts))
        return template_vars

    def finish(self, project: Project, template_vars: dict[str, Any]) -> None:
        print(
            "Add this line to %s/config/routing.py:\n    %s"
            % (project.package, template_vars["resource_line"])
        )


def resource_vars(singular: str, plural_parts: list[str]) -> dict[str, str]:
    """The names a REST controller's templates need, and its route line."""
    plural = plural_parts[-1]
    directories = plural_parts[:-1]
    arguments = [repr(singular), repr(plural)]
    name_prefix = ""
    path = "/" + plural
    if directories:
        prefix = "/".join(directories)
        name_prefix = "_".join(directories) + "_"
        path = "/%s/%s" % (prefix, plural)
        arguments += [
            "controller=%r" % "/".join(plural_parts),
            "path_prefix=%r" % ("/" + prefix),
            "name_prefix=%r" % name_prefix,
        ]
    return {
        "singular": singular,
        "plural": plural,
        "path": path,
        "name_prefix": name_prefix,
        "resource_line": "map.resource(%s)" % ", ".join(arguments),
    }


class _AppCommand(Command):
    """A command working on the application a config file describes."""

    group_name = "pylons"
    usage = "[CONFIG_FILE]"
    min_args = 0
    max_args = 1
    takes_config_file = -1
    default_config_file = "development.ini"

    def load_app(self) -> Any:
        """The WSGI application of the config file (development.ini by default)."""
        config_file = self.args[0] if self.args else self.default_config_file
        path = os.path.abspath(config_file)
        if not os.path.isfile(path):
            raise BadCommand("No config file %s" % path)
        self.logging_file_config(path)
        return loadapp("config:" + path)


class RoutesCommand(_AppCommand):
    """``paster routes [CONFIG_FILE]``: the application's routes."""

    summary = "List the application's routes, one a line"
    description = """\
    Prints the route table: each route's name, HTTP methods, path, and the
    controller and action it leads to, in the order they are tried.
    """
    parser = Command.standard_parser(quiet=True)

    def command(self) -> None:
        mapper = app_config(self.load_app())["routes.map"]
        for line in str(mapper).splitlines():
            print(line.rstrip())


class ShellCommand(_AppCommand):
    """``paster shell [CONFIG_FILE]``: Python, with the application loaded."""

    summary = "Open a Python shell with the application loaded"
    description = """\
    Loads the application and opens an interactive Python shell.  Its
    names: app (a WebTest TestApp of the application: app.get('/')),
    wsgiapp, mapper, pylons, model when the project has one, and the
    request's objects of a made-up request for /: config, request,
    response, tmpl_context (c), app_globals (g), h, translator, url, and
    cache when the application has one.  The pylons globals work as in a
    request.
    With -c, runs the code given instead, and stdin that is not a terminal
    is read as the shell's input.
    """
    default_verbosity = 1
    parser = Command.standard_parser(quiet=True)
    parser.add_option(
        "-c",
        "--command",
        dest="code",
        metavar="CODE",
        help="Run CODE with the shell's names, then exit",
    )

    def command(self) -> None:
        with shell_session(self.load_app()) as namespace:
            if self.options.code is not None:
                exec(compile(self.options.code, "<paster shell -c>", "exec"), namespace)
            else:
                interact(namespace, quiet=not self.verbose)


def app_config(wsgiapp: object) -> Any:
    """The PylonsConfig of a loaded application."""
    return getattr(wsgiapp, "config", None) or pylons.config._current_obj()


@contextlib.contextmanager
def shell_session(wsgiapp: Any) -> Iterator[dict[str, Any]]:
    """The names ``paster shell`` offers for ``wsgiapp``.

    Those of :data:`pylons.context.REQUEST_OBJECTS`, for a made-up GET
    request of ``/`` whose objects are registered in this thread while the
    session lasts, so the pylons globals work; and ``app`` (a WebTest
    TestApp), ``wsgiapp``, ``mapper``, ``pylons`` and the project's
    ``model``, if it has one.
    """
    config = app_config(wsgiapp)
    registry = Registry()
    registry.prepare()
    py = register_request_globals(config, registry)
    namespace = request_names(py)
    namespace.update(
        app=TestApp(wsgiapp),
        wsgiapp=wsgiapp,
        mapper=config["routes.map"],
        pylons=pylons,
    )
    model = project_model(config["pylons.package"])
    if model is not None:
        namespace["model"] = model
    try:
        yield namespace
    finally:
        registry.cleanup()


def register_request_globals(config: PylonsConfig, registry: Registry) -> PylonsContext:
    """Register the pylons globals of a made-up GET of ``/`` in ``registry``.

    Returns the request's PylonsContext.
    """
    environ = Request.blank("/").environ
    environ["paste.registry"] = registry
    pylons_app = PylonsApp(config)
    pylons_app.setup_app_env(environ, None)
    pylons_app.register_globals(environ)
    return environ["pylons.pylons"]


def project_model(package: str) -> types.ModuleType | None:
    """The project's ``model`` module, or None if it has none."""
    name = "%s.model" % package
    if importlib.util.find_spec(name) is None:
        return None
    return importlib.import_module(name)


def interact(namespace: dict[str, Any], quiet: bool = False) -> None:
    """Read Python from stdin and run it with ``namespace``, until EOF."""
    if sys.stdin.isatty():
        enable_completion(namespace)
    banner = (
        ""
        if quiet
        else (
            "Pylons interactive shell (Python %s)\n"
            "Names: %s" % (sys.version.split()[0], ", ".join(sorted(namespace)))
        )
    )
    code.interact(banner=banner, local=namespace, exitmsg="")


def enable_completion(namespace: dict[str, Any]) -> None:
    """Tab completion of the shell's names, where readline is available."""
    try:
        import readline
        import rlcompleter
    except ImportError:
        return
    readline.set_completer(rlcompleter.Completer(namespace).complete)
    readline.parse_and_bind("tab: complete")
