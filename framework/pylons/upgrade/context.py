"""What the steps of one upgrade share: the report, and what the code needs.

A :class:`Context` goes with an upgrade from its first file to its last.
The fixers (:mod:`pylons.upgrade._fixes`) read it through their options to
learn which file they are in and whether it is a Mako template, and write
into it what they changed, what they could not do, and which
distributions the rewritten code now imports (``paginate``,
``feedgenerator``) or needs within limits (``SQLAlchemy<2``), which
:mod:`pylons.upgrade.packaging` then writes into ``setup.py`` and the
constraints file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pylons.upgrade.report import Pin, Report

__all__ = ["Context"]


@dataclass
class Context:
    """The shared state of one upgrade."""

    report: Report
    #: The file being rewritten, relative to the project.
    path: str = ""
    #: The project's package (``myapp``), when it has been found.
    package: str = ""
    #: Distributions the rewritten code imports, by name, with their
    #: lowest version (``{"paginate": "0.5"}``).
    requirements: dict[str, str] = field(default_factory=dict)
    #: Upper limits the rewritten code needs, by distribution name.
    limits: dict[str, Pin] = field(default_factory=dict)
    #: What to add to a line number of the code at hand: a piece of a
    #: template is rewritten on its own, its lines counted from 1.
    line_offset: int = 0

    def manual(self, line: int, message: str) -> None:
        """Note something in the current file that a person must do."""
        self.report.needs_hand(self.path, line + self.line_offset, message)

    def require(self, name: str, lowest: str) -> None:
        """The rewritten code imports distribution ``name`` (``>= lowest``)."""
        self.requirements.setdefault(name, lowest)

    def limit(self, name: str, specifier: str, reason: str) -> None:
        """The code needs distribution ``name`` within ``specifier``."""
        pin = Pin(name + specifier, reason)
        self.limits.setdefault(name, pin)
        self.report.pins.add(self.limits[name])
