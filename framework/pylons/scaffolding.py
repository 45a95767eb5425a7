"""Making and installing Pylons projects: the scaffolding, apart from the runtime.

:class:`PylonsTemplate` (``paster create -t pylons``) and
:class:`MinimalPylonsTemplate` (``-t pylons_minimal``) write a new
project from the file trees under ``pylons/templates``;
:class:`PylonsInstaller`, the ``paste.app_install`` entry point, runs a
project's ``websetup`` for ``paster setup-app`` and fills its
``config/deployment.ini_tmpl`` for ``paster make-config``.

They stand on PasteScript's template and installer machinery, which a
running application never needs: :mod:`pylons.util` gives these names
too, as Pylons 1.0 did, but imports this module only when one of them is
asked for.
"""

from __future__ import annotations

import importlib
import importlib.resources
import importlib.util
import os
import string
from typing import Any

from paste.deploy.converters import asbool
from paste.script import copydir
from paste.script.appinstall import Installer
from paste.script.command import BadCommand
from paste.script.templates import Template, var
from paste.util.template import paste_script_template_renderer

__all__ = [
    "MinimalPylonsTemplate",
    "PylonsInstaller",
    "PylonsTemplate",
    "TEMPLATES_DIR",
    "TEMPLATE_ENGINES",
]

#: Where the trees of files the project templates are made of live.
TEMPLATES_DIR = os.path.join(os.path.dirname(__file__), "templates")

#: The template engines a project may choose, by the name of their
#: ``pylons.templating`` render function's suffix.
TEMPLATE_ENGINES = ("mako", "genshi", "jinja2")


class PylonsInstaller(Installer):
    """Runs a project's ``websetup`` and writes its deployment configs.

    ``paster setup-app`` reaches the project's
    ``websetup.setup_app(command, conf, vars)`` through the base class;
    ``paster make-config`` fills the project's
    ``config/deployment.ini_tmpl`` with ``string.Template`` (``$name``
    placeholders), whose variables include a freshly generated
    ``app_instance_secret`` and ``app_instance_uuid``, into a file only its
    owner may read (mode 0600).
    """

    use_cheetah = False
    config_file = "config/deployment.ini_tmpl"

    def write_config(self, command: Any, filename: str, vars: dict[str, Any]) -> None:
        """Write the config, readable by its owner only: it holds secrets."""
        # PasteScript's Command.ensure_file writes bytes, where
        # config_content (here and in PasteScript) gives text.
        content = self.config_content(command, vars)
        # The umask makes a new file private from its creation on; chmod
        # covers a file that existed before.
        umask = os.umask(0o077)
        try:
            command.ensure_file(filename, content.encode("utf-8"))
        finally:
            os.umask(umask)
        if os.path.exists(filename):
            os.chmod(filename, 0o600)

    def setup_config(
        self, command: Any, filename: str, section: str, vars: dict[str, Any]
    ) -> None:
        """Run the ``websetup`` of each top-level package that has one.

        PasteScript's own tells a package without ``websetup`` by the
        wording of Python 2's ImportError, so on Python 3 any other
        top-level package of a project (a stray ``bin/``) failed ``paster
        setup-app``: here such packages are passed over.
        """
        for package in self._top_level_packages():
            name = package + ".websetup"
            try:
                if importlib.util.find_spec(name) is None:
                    continue
            except ModuleNotFoundError:  # the package itself is not there
                continue
            websetup = importlib.import_module(name)
            if hasattr(websetup, "setup_app"):
                if command.verbose:
                    print("Running setup_app() from %s" % name)
                self._call_setup_app(
                    websetup.setup_app, command, filename, section, vars
                )
            elif hasattr(websetup, "setup_config"):
                websetup.setup_config(command, filename, section, vars)

    def config_content(self, command: Any, vars: dict[str, Any]) -> str:
        """The project's deployment config, filled with ``vars``."""
        template = self._deployment_template()
        if template is None:
            return super().config_content(command, vars)
        return string.Template(template).substitute(vars)

    def _deployment_template(self) -> str | None:
        for package in self._top_level_packages():
            resource = importlib.resources.files(package).joinpath(self.config_file)
            if resource.is_file():
                return resource.read_text(encoding="utf-8")
        return None

    def _top_level_packages(self) -> list[str]:
        if hasattr(self.dist, "get_metadata_lines"):  # pkg_resources'
            lines = list(self.dist.get_metadata_lines("top_level.txt"))
        else:  # importlib.metadata's
            lines = (self.dist.read_text("top_level.txt") or "").splitlines()
        return [line.strip() for line in lines if line.strip()]


class PylonsTemplate(Template):
    """``paster create -t pylons``: a Pylons project.

    Asks for the template engine (``mako``, the default, ``genshi`` or
    ``jinja2``) and whether to set up SQLAlchemy (the model's session and
    base class, the database in the ini files, tables made by ``paster
    setup-app``).  The files come from trees under ``pylons/templates``:
    ``project`` (shared with ``pylons_minimal``), ``error_controller``,
    ``model`` (the ``model`` package, empty without SQLAlchemy, as in
    Pylons 1.0) and, when asked for, ``sqlalchemy``.  Files whose names end
    in ``_tmpl`` are filled in with Tempita (``{{package}}``); ``+package+``
    in a path is the package name.
    """

    summary = "A Pylons project"
    egg_plugins = ["PasteScript", "Pylons"]
    template_renderer = staticmethod(paste_script_template_renderer)
    vars = [
        var("template_engine", "mako, genshi or jinja2", default="mako"),
        var(
            "sqlalchemy", "True/False: include SQLAlchemy configuration", default=False
        ),
    ]
    #: Values of the optional distribution metadata when not given.
    metadata_defaults = {
        "version": "0.1",
        "description": "",
        "author": "",
        "author_email": "",
        "url": "",
    }

    def template_dir(self) -> str:
        """The tree every project starts from."""
        return os.path.join(TEMPLATES_DIR, "project")

    def check_vars(self, vars: dict[str, Any], cmd: Any) -> dict[str, Any]:
        """The answers to the questions, checked, and the defaults."""
        vars = super().check_vars(vars, cmd)
        for name, default in self.metadata_defaults.items():
            vars.setdefault(name, default)
        vars.update(self.choices(vars))
        return vars

    def choices(self, vars: dict[str, Any]) -> dict[str, Any]:
        """The template engine and SQLAlchemy answers, checked."""
        engine = str(vars["template_engine"]).strip().lower()
        if engine not in TEMPLATE_ENGINES:
            raise BadCommand(
                "template_engine must be one of %s, not %r"
                % (", ".join(TEMPLATE_ENGINES), engine)
            )
        try:
            sqlalchemy = asbool(vars["sqlalchemy"])
        except ValueError:
            raise BadCommand(
                "sqlalchemy must be true or false, not %r" % vars["sqlalchemy"]
            ) from None
        return {"template_engine": engine, "sqlalchemy": sqlalchemy, "minimal": False}

    def trees(self, vars: dict[str, Any]) -> list[str]:
        """The template trees this project is made of, in order."""
        trees = ["project", "error_controller", "model"]
        if vars["sqlalchemy"]:
            trees.append("sqlalchemy")
        return trees

    def write_files(self, command: Any, output_dir: str, vars: dict[str, Any]) -> None:
        """Copy each tree of :meth:`trees`, filled in, to ``output_dir``."""
        for tree in self.trees(vars):
            copydir.copy_dir(
                os.path.join(TEMPLATES_DIR, tree),
                output_dir,
                vars,
                verbosity=command.verbose,
                simulate=command.options.simulate,
                interactive=command.interactive,
                overwrite=command.options.overwrite,
                indent=1,
                template_renderer=self.template_renderer,
            )


class MinimalPylonsTemplate(PylonsTemplate):
    """``paster create -t pylons_minimal``: a Pylons project, without extras.

    It asks nothing: Mako templates, no model, and no error controller
    (error statuses are answered by the plain pages of WebOb, or the
    debugger).
    """

    summary = "A minimal Pylons project"
    vars = []

    def choices(self, vars: dict[str, Any]) -> dict[str, Any]:
        return {"template_engine": "mako", "sqlalchemy": False, "minimal": True}

    def trees(self, vars: dict[str, Any]) -> list[str]:
        return ["project"]
