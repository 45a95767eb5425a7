"""What an upgrade did and what it left to do: the report, as text and JSON.

Every step of :mod:`pylons.upgrade` writes into one :class:`Report`: the
changes it made, counted by kind (``print``, ``redirect_to``, ...), the
things it could not do (:class:`ManualItem`, each with its file and line),
the dependencies that have no Python 3 release (with their successors) and
the pins it wrote.  ``pylons-upgrade`` prints :meth:`Report.as_text` and,
with ``--json``, writes :meth:`Report.as_json`.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field

__all__ = ["Dependency", "ManualItem", "Pin", "Report"]


@dataclass(frozen=True, order=True)
class ManualItem:
    """Something the upgrade could not do, left for a person."""

    path: str
    line: int
    message: str


@dataclass(frozen=True, order=True)
class Dependency:
    """A requirement of the project with no Python 3 release, and its successor."""

    name: str
    successor: str
    note: str


@dataclass(frozen=True, order=True)
class Pin:
    """A version limit the upgraded code needs, and why."""

    requirement: str
    reason: str


@dataclass
class Report:
    """The changes an upgrade made, and what it left to do."""

    project: str
    dry_run: bool = False
    #: Number of changes of each kind, and the files of each kind.
    counts: Counter[str] = field(default_factory=Counter)
    files_by_kind: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    #: What each kind of change is, in a few words.
    descriptions: dict[str, str] = field(default_factory=dict)
    #: The files changed (or, with --dry-run, that would be), relative paths.
    changed_files: set[str] = field(default_factory=set)
    #: The files written anew.
    new_files: set[str] = field(default_factory=set)
    manual: set[ManualItem] = field(default_factory=set)
    dependencies: set[Dependency] = field(default_factory=set)
    pins: set[Pin] = field(default_factory=set)

    def change(self, kind: str, path: str, description: str, count: int = 1) -> None:
        """Count ``count`` changes of ``kind`` in ``path``."""
        self.counts[kind] += count
        self.files_by_kind[kind].add(path)
        self.descriptions.setdefault(kind, description)

    def needs_hand(self, path: str, line: int, message: str) -> None:
        """Note something in ``path`` that a person must do."""
        self.manual.add(ManualItem(path, line, message))

    def as_dict(self) -> dict[str, object]:
        """The report as plain data (what :meth:`as_json` writes)."""
        return {
            "project": self.project,
            "dry_run": self.dry_run,
            "changed_files": sorted(self.changed_files),
            "new_files": sorted(self.new_files),
            "changes": [
                {
                    "kind": kind,
                    "description": self.descriptions[kind],
                    "count": self.counts[kind],
                    "files": sorted(self.files_by_kind[kind]),
                }
                for kind in sorted(self.counts)
            ],
            "manual": [asdict(item) for item in sorted(self.manual)],
            "dependencies": [asdict(dep) for dep in sorted(self.dependencies)],
            "pins": [asdict(pin) for pin in sorted(self.pins)],
        }

    def as_json(self) -> str:
        """The report as JSON."""
        return json.dumps(self.as_dict(), indent=2) + "\n"

    def as_text(self) -> str:
        """The report as text for a person to read."""
        verb = "Would change" if self.dry_run else "Changed"
        lines = ["Upgrade of %s" % self.project, ""]
        if not self.changed_files and not self.new_files:
            lines.append("Nothing to change: the project is upgraded already.")
        else:
            lines.append(
                "%s %d files, wrote %d new ones."
                % (verb, len(self.changed_files), len(self.new_files))
            )
        if self.counts:
            lines += ["", "Changes, by kind:"]
            for kind in sorted(self.counts):
                lines.append(
                    "  %-22s %4d in %d files: %s"
                    % (
                        kind,
                        self.counts[kind],
                        len(self.files_by_kind[kind]),
                        self.descriptions[kind],
                    )
                )
        if self.pins:
            lines += ["", "Version limits the upgraded code needs:"]
            lines += [
                "  %s: %s" % (pin.requirement, pin.reason) for pin in sorted(self.pins)
            ]
        if self.dependencies:
            lines += ["", "Dependencies with no Python 3 release (do these by hand):"]
            lines += [
                "  %s -> %s. %s" % (dep.name, dep.successor, dep.note)
                for dep in sorted(self.dependencies)
            ]
        if self.manual:
            lines += ["", "Left for you to do (%d):" % len(self.manual)]
            lines += [
                "  %s:%d: %s" % (item.path, item.line, item.message)
                for item in sorted(self.manual)
            ]
        else:
            lines += ["", "Nothing was left for you to do by hand."]
        return "\n".join(lines) + "\n"
