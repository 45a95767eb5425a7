"""The project being upgraded: its files, its git work tree, its changes.

:class:`Project` finds what the upgrade reads: the Python modules (not
those of virtual environments, builds, eggs or Mako's cache under
``data/``), the application package, its Mako templates, its ini files.
:class:`Changes` holds every file's new content until the end, when they
are written together, or shown as a diff with ``--dry-run``.
"""

from __future__ import annotations

import difflib
import io
import os
import subprocess
import tokenize
from dataclasses import dataclass, field

__all__ = ["Changes", "Project", "UpgradeError", "git_problem"]

#: Directories never read: version control, builds, environments, caches.
SKIPPED_DIRECTORIES = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "build",
        "dist",
        "data",
        "node_modules",
        "__pycache__",
        ".tox",
    }
)
#: Files of the old tools that are never rewritten (ez_setup.py installs
#: setuptools 0.6, which no Python 3 uses).
SKIPPED_FILES = frozenset({"ez_setup.py", "distribute_setup.py"})


class UpgradeError(Exception):
    """The upgrade cannot start (no project, or a work tree not clean)."""


def git_problem(root: str) -> str | None:
    """Why ``root`` is not a clean git work tree, or None if it is."""
    try:
        done = subprocess.run(
            ["git", "status", "--porcelain"],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return "git is not installed, so the changes could not be undone"
    if done.returncode:
        return "%s is not in a git work tree, so the changes could not be undone" % root
    if done.stdout.strip():
        return "the git work tree of %s has uncommitted changes" % root
    return None


def read_python(path: str) -> tuple[str, str]:
    """The text of a Python file, and its encoding (PEP 263's cookie)."""
    with open(path, "rb") as source:
        data = source.read()
    encoding = tokenize.detect_encoding(io.BytesIO(data).readline)[0]
    return data.decode(encoding), encoding


@dataclass
class Project:
    """A Pylons project's directory, and its application package."""

    root: str
    package: str = ""

    @classmethod
    def find(cls, root: str) -> Project:
        """The project in ``root`` (it must have a setup.py or setup.cfg)."""
        root = os.path.abspath(root)
        if not any(
            os.path.isfile(os.path.join(root, name))
            for name in ("setup.py", "setup.cfg")
        ):
            raise UpgradeError("%s holds no setup.py: it is not a project" % root)
        project = cls(root)
        for name in sorted(os.listdir(root)):
            path = os.path.join(root, name)
            if os.path.isfile(os.path.join(path, "__init__.py")) and (
                os.path.isdir(os.path.join(path, "controllers"))
                or os.path.isdir(os.path.join(path, "config"))
            ):
                project.package = name
                break
        return project

    def path(self, relative: str) -> str:
        return os.path.join(self.root, relative)

    def _walk(self) -> list[str]:
        found = []
        for directory, subdirectories, files in os.walk(self.root):
            subdirectories[:] = sorted(
                name
                for name in subdirectories
                if name not in SKIPPED_DIRECTORIES
                and not name.endswith(".egg-info")
                and not os.path.exists(os.path.join(directory, name, "pyvenv.cfg"))
                and not os.path.exists(os.path.join(directory, name, "bin", "activate"))
            )
            for name in sorted(files):
                found.append(os.path.relpath(os.path.join(directory, name), self.root))
        return found

    def python_files(self) -> list[str]:
        """The project's Python modules, setup.py last."""
        files = [
            path
            for path in self._walk()
            if path.endswith(".py") and os.path.basename(path) not in SKIPPED_FILES
        ]
        return sorted(files, key=lambda path: path == "setup.py")

    def template_engine(self) -> str:
        """The application's template engine, read from its environment.py."""
        path = self.path(os.path.join(self.package, "config", "environment.py"))
        try:
            text = read_python(path)[0]
        except OSError:
            return ""
        for engine, sign in (
            ("mako", "TemplateLookup"),
            ("genshi", "TemplateLoader"),
            ("jinja2", "jinja2"),
        ):
            if sign in text:
                return engine
        return ""

    def template_files(self) -> list[str]:
        """The files under the package's templates directory."""
        prefix = os.path.join(self.package, "templates") + os.sep
        return [
            path for path in self._walk() if self.package and path.startswith(prefix)
        ]

    def config_files(self) -> list[str]:
        """The Paste Deploy configs: ``*.ini``, and the deployment template."""
        return [
            path
            for path in self._walk()
            if (path.endswith((".ini", ".ini_tmpl")) and os.sep not in path)
            or path == os.path.join(self.package, "config", "deployment.ini_tmpl")
        ]

    def catalogues(self) -> list[str]:
        """The package's message catalogues (``i18n/*/LC_MESSAGES/*.po``)."""
        prefix = os.path.join(self.package, "i18n") + os.sep
        return [
            path
            for path in self._walk()
            if self.package and path.startswith(prefix) and path.endswith(".po")
        ]


@dataclass
class Changes:
    """The new content of each file the upgrade changes or writes."""

    root: str
    #: Relative path: (old content or None for a new file, new content).
    files: dict[str, tuple[bytes | None, bytes]] = field(default_factory=dict)

    def set(self, path: str, old: bytes | None, new: bytes) -> None:
        """Record ``path``'s new content, if it differs from the old."""
        if old != new:
            self.files[path] = (old, new)

    def diff(self) -> str:
        """The changes as a unified diff (binary files named only)."""
        chunks = []
        for path, (old, new) in sorted(self.files.items()):
            try:
                old_lines = (old or b"").decode("utf-8").splitlines(keepends=True)
                new_lines = new.decode("utf-8").splitlines(keepends=True)
            except UnicodeDecodeError:
                chunks.append(
                    "Binary file %s %s\n" % (path, "changed" if old else "written")
                )
                continue
            chunks.extend(
                difflib.unified_diff(
                    old_lines,
                    new_lines,
                    "a/" + path if old is not None else "/dev/null",
                    "b/" + path,
                )
            )
        return "".join(
            chunk if chunk.endswith("\n") else chunk + "\n" for chunk in chunks
        )

    def write(self) -> None:
        """Write every changed file (a file keeps its mode)."""
        for path, (_old, new) in sorted(self.files.items()):
            full = os.path.join(self.root, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "wb") as output:
                output.write(new)
