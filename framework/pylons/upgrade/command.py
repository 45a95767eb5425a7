"""``paster upgrade`` and ``pylons-upgrade``: the upgrade, from a shell.

Both take a project directory (the current one by default) and the same
options; ``pylons-upgrade`` is there for projects whose ``setup.py`` no
longer installs, where ``paster`` cannot be reached through the project.
The exit status is 0 when the upgrade ran (whatever it left to do by
hand, which the report lists), 1 when it refused to.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from paste.script.command import BadCommand, Command

from pylons.upgrade import UpgradeError, upgrade

__all__ = ["UpgradeCommand", "main"]

DESCRIPTION = """\
Rewrites a Pylons 0.9.7 or 1.0 project for Python 3 and this Pylons: its
Python code, the Python in its Mako templates, setup.py and setup.cfg,
its ini files; writes unittest.cfg (nose2), pyproject.toml and
constraints.txt, and reports what it changed and what is left to do by
hand.  It runs on a clean git work tree only (or with --force), so that
every change can be seen and undone; --dry-run shows the changes as a
diff and writes nothing.  Running it again changes nothing.
"""

#: The options of both commands: (flag, destination, help); a help that
#: names FILE takes a value, the others are switches.
OPTIONS = (
    ("--dry-run", "dry_run", "show the changes as a diff; write nothing"),
    ("--force", "force", "run outside a clean git work tree"),
    (
        "--waitress",
        "waitress",
        "serve the ini files with waitress, not Paste's HTTP server",
    ),
    ("--json", "json", "also write the report as JSON to FILE (- for stdout)"),
)


def _option_kwargs(destination: str, help: str) -> dict[str, str]:
    if "FILE" in help:
        return {"dest": destination, "metavar": "FILE", "help": help}
    return {"dest": destination, "action": "store_true", "help": help}


def run(
    directory: str, dry_run: bool, force: bool, waitress: bool, json_path: str | None
) -> int:
    """Upgrade ``directory``, printing the diff (dry run) and the report."""
    try:
        report, changes = upgrade(
            directory, dry_run=dry_run, force=force, waitress=waitress
        )
    except UpgradeError as error:
        print("pylons-upgrade: %s" % error, file=sys.stderr)
        return 1
    if dry_run:
        sys.stdout.write(changes.diff())
    sys.stdout.write(report.as_text())
    if json_path == "-":
        sys.stdout.write(report.as_json())
    elif json_path:
        with open(json_path, "w", encoding="utf-8") as output:
            output.write(report.as_json())
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """``pylons-upgrade [DIRECTORY] [options]``; its exit status."""
    parser = argparse.ArgumentParser(prog="pylons-upgrade", description=DESCRIPTION)
    parser.add_argument(
        "directory", nargs="?", default=".", help="the project (default: .)"
    )
    for flag, destination, help in OPTIONS:
        parser.add_argument(flag, **_option_kwargs(destination, help))  # type: ignore[arg-type]
    options = parser.parse_args(argv)
    return run(
        options.directory,
        options.dry_run,
        options.force,
        options.waitress,
        options.json,
    )


def _paster_parser() -> Any:
    """PasteScript's option parser, with the options of OPTIONS."""
    parser = Command.standard_parser(quiet=True)
    for flag, destination, help in OPTIONS:
        parser.add_option(flag, **_option_kwargs(destination, help))
    return parser


class UpgradeCommand(Command):
    """``paster upgrade [DIRECTORY]``: the same as ``pylons-upgrade``."""

    summary = "Upgrade a Pylons 0.9.7 or 1.0 project to Python 3 and this Pylons"
    usage = "[DIRECTORY]"
    description = DESCRIPTION
    group_name = "pylons"
    min_args = 0
    max_args = 1
    parser = _paster_parser()

    def command(self) -> None:
        status = run(
            self.args[0] if self.args else ".",
            bool(self.options.dry_run),
            bool(self.options.force),
            bool(self.options.waitress),
            self.options.json,
        )
        if status:
            raise BadCommand("the upgrade did not run")
