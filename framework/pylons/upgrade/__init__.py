"""Carrying a Pylons 0.9.7 or 1.0 project to Python 3 and this Pylons.

:func:`upgrade` is what ``paster upgrade`` and ``pylons-upgrade``
(:mod:`pylons.upgrade.command`) run.  In order, it rewrites the project's
Python modules (:mod:`~pylons.upgrade.python`, with the fixers of
:mod:`~pylons.upgrade._fixes`), the Python in its Mako templates
(:mod:`~pylons.upgrade.mako`), its packaging (``setup.py``,
``setup.cfg``, a ``pyproject.toml`` and nose2's ``unittest.cfg``, see
:mod:`~pylons.upgrade.packaging`) and its Paste Deploy configs
(:mod:`~pylons.upgrade.inifiles`), compiles its message catalogues, and
writes a constraints file.  Nothing is written until every file is
done, and nothing at all with ``dry_run``.  Running it again on the
result changes nothing.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable

from pylons.upgrade.context import Context
from pylons.upgrade.inifiles import rewrite_config
from pylons.upgrade.mako import TemplateRewriter
from pylons.upgrade.packaging import (
    CONSTRAINTS,
    PYPROJECT,
    constraints,
    rewrite_setup_cfg,
    rewrite_setup_py,
    unittest_cfg,
)
from pylons.upgrade.project import (
    Changes,
    Project,
    UpgradeError,
    git_problem,
    read_python,
)
from pylons.upgrade.python import PythonRewriter, SourceError
from pylons.upgrade.report import Report

__all__ = ["Changes", "Report", "UpgradeError", "upgrade"]


def upgrade(
    root: str, dry_run: bool = False, force: bool = False, waitress: bool = False
) -> tuple[Report, Changes]:
    """Upgrade the project in ``root``; the report, and the changes made.

    Refuses (:class:`UpgradeError`) a project that is not a clean git
    work tree, so that every change can be seen and undone, unless
    ``force``; with ``dry_run`` nothing is written.  ``waitress`` serves
    the configs with waitress instead of Paste's HTTP server.
    """
    project = Project.find(root)
    if not (dry_run or force):
        problem = git_problem(project.root)
        if problem is not None:
            raise UpgradeError(problem + ": commit first, or use --force")
    report = Report(project.root, dry_run=dry_run)
    context = Context(report, package=project.package)
    changes = Changes(project.root)
    _python(project, context, changes)
    _templates(project, context, changes)
    _packaging(project, context, changes)
    for path in project.config_files():
        context.path = path
        _text_file(
            project, changes, path, lambda text: rewrite_config(text, context, waitress)
        )
    _catalogues(project, context, changes)
    for path, (old, _new) in changes.files.items():
        (report.changed_files if old is not None else report.new_files).add(path)
    if not dry_run:
        changes.write()
    return report, changes


def _python(project: Project, context: Context, changes: Changes) -> None:
    rewriter = PythonRewriter(context)
    for path in project.python_files():
        context.path = path
        source, encoding = read_python(project.path(path))
        try:
            new = rewriter.rewrite(source, project.path(path))
        except SourceError as error:
            context.manual(1, "could not read this module, left as it is: %s" % error)
            continue
        if path == "setup.py":
            new = rewrite_setup_py(new, context)
        changes.set(path, source.encode(encoding), new.encode(encoding))


def _templates(project: Project, context: Context, changes: Changes) -> None:
    engine = project.template_engine()
    files = project.template_files()
    if engine != "mako":
        if files:
            context.report.needs_hand(
                project.package,
                1,
                "%s templates: their Python is not rewritten" % (engine or "unknown"),
            )
        return
    rewriter = TemplateRewriter(context)
    for path in files:
        context.path = path
        _text_file(project, changes, path, rewriter.rewrite)


def _text_file(
    project: Project, changes: Changes, path: str, rewrite: Callable[[str], str]
) -> None:
    """Rewrite a UTF-8 text file (others are left alone)."""
    with open(project.path(path), "rb") as source:
        data = source.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return
    changes.set(path, data, rewrite(text).encode("utf-8"))


def _packaging(project: Project, context: Context, changes: Changes) -> None:
    test_config = None
    if os.path.isfile(project.path("setup.cfg")):
        context.path = "setup.cfg"
        with open(project.path("setup.cfg"), "rb") as source:
            old = source.read()
        text, test_config = rewrite_setup_cfg(old.decode("utf-8"), context)
        changes.set("setup.cfg", old, text.encode("utf-8"))
    if test_config and not os.path.exists(project.path("unittest.cfg")):
        changes.set("unittest.cfg", None, unittest_cfg(test_config).encode("utf-8"))
    if not os.path.exists(project.path("pyproject.toml")):
        changes.set("pyproject.toml", None, PYPROJECT.encode("utf-8"))
    context.path = CONSTRAINTS
    changes.set(
        CONSTRAINTS,
        _contents(project.path(CONSTRAINTS)),
        constraints(context).encode("utf-8"),
    )


def _catalogues(project: Project, context: Context, changes: Changes) -> None:
    """Compile each ``.po`` catalogue whose ``.mo`` is missing or older."""
    for path in project.catalogues():
        compiled = path[:-3] + ".mo"
        full = project.path(compiled)
        if os.path.exists(full) and os.path.getmtime(full) >= os.path.getmtime(
            project.path(path)
        ):
            continue
        context.path = path
        try:
            from babel.messages.mofile import write_mo
            from babel.messages.pofile import read_po
        except ImportError:
            context.manual(1, "not compiled (Babel is not installed): pybabel compile")
            continue
        with open(project.path(path), "rb") as source:
            catalog = read_po(source)
        output = io.BytesIO()
        write_mo(output, catalog)
        changes.set(compiled, _contents(full), output.getvalue())
        context.report.change(
            "catalogues", path, "message catalogues compiled (.po to .mo)"
        )


def _contents(path: str) -> bytes | None:
    """The bytes of the file at ``path``, or None if there is none."""
    if not os.path.exists(path):
        return None
    with open(path, "rb") as existing:
        return existing.read()
