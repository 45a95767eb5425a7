"""Rewriting ini files (Paste Deploy configs, setup.cfg) line by line.

configparser would lose the comments and the order a person wrote, so
:class:`IniFile` edits the lines themselves: options (with their
continuation lines) and whole sections come and go, everything else
stays.  :func:`rewrite_config` upgrades a Paste Deploy config: WebError's
and Paste's evalerror become ``egg:Pylons#debugger``, and with
``waitress`` the Paste HTTP server becomes waitress.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pylons.upgrade.context import Context

__all__ = ["IniFile", "rewrite_config"]

_SECTION = re.compile(r"\s*\[([^\]]+)\]")
_OPTION = re.compile(r"([^\s=:#;][^=:]*?)\s*[=:]\s*(.*)")

#: Paste Deploy entry points of WebError and Paste that Pylons replaces.
DEBUGGERS = frozenset({"egg:WebError#evalerror", "egg:Paste#evalerror"})
#: Paste's HTTP server options waitress has no use for.
PASTE_HTTP_ONLY = frozenset(
    {"use_threadpool", "threadpool_workers", "use_nagle", "protocol_version"}
)


@dataclass
class _Option:
    section: str
    key: str
    value: str
    first: int  # index of its first line
    last: int  # index after its last (continuation) line


class IniFile:
    """The lines of an ini file, with its sections and options found."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines(keepends=True)

    def _parse(self) -> tuple[dict[str, tuple[int, int]], list[_Option]]:
        sections: dict[str, tuple[int, int]] = {}
        options: list[_Option] = []
        current = ""
        for index, line in enumerate(self.lines):
            header = _SECTION.match(line)
            if header:
                if current:
                    sections[current] = (sections[current][0], index)
                current = header.group(1).strip()
                sections[current] = (index, len(self.lines))
                continue
            if (
                line[:1] in (" ", "\t")
                and line.strip()
                and options
                and options[-1].last == index
            ):
                options[-1].last = index + 1  # a continuation line
                continue
            option = _OPTION.match(line)
            if current and option and not line.lstrip().startswith(("#", ";")):
                options.append(
                    _Option(
                        current,
                        option.group(1).strip(),
                        option.group(2).strip(),
                        index,
                        index + 1,
                    )
                )
        return sections, options

    def sections(self) -> list[str]:
        """The section names, in order."""
        return list(self._parse()[0])

    def options(self, section: str) -> dict[str, str]:
        """The options of ``section`` (values of one line: continuations left out)."""
        return {o.key: o.value for o in self._parse()[1] if o.section == section}

    def remove_option(self, section: str, key: str) -> bool:
        """Remove option ``key`` of ``section``; whether there was one."""
        for option in self._parse()[1]:
            if option.section == section and option.key == key:
                del self.lines[option.first : option.last]
                return True
        return False

    def set_option(self, section: str, key: str, value: str) -> None:
        """Give option ``key`` of ``section`` the (one-line) ``value``."""
        for option in self._parse()[1]:
            if option.section == section and option.key == key:
                line = self.lines[option.first]
                start = _OPTION.match(line).start(2)  # type: ignore[union-attr]
                ending = "\n" if line.endswith("\n") else ""
                self.lines[option.first : option.last] = [line[:start] + value + ending]
                return
        raise KeyError(key)

    def remove_section(self, section: str) -> None:
        """Remove ``section``: its header, options and trailing blank lines."""
        start, end = self._parse()[0][section]
        # Comments at its end speak of the next section: they stay.
        tail = end
        while tail > start + 1 and self._is_comment_or_blank(self.lines[tail - 1]):
            tail -= 1
        comments = [i for i in range(tail, end) if self.lines[i].strip()]
        del self.lines[start : comments[0] if comments else end]

    @staticmethod
    def _is_comment_or_blank(line: str) -> bool:
        return not line.strip() or line.lstrip().startswith(("#", ";"))

    def section_is_empty(self, section: str) -> bool:
        """Whether ``section`` has no options left."""
        return not self.options(section)

    def text(self) -> str:
        return "".join(self.lines)


def rewrite_config(text: str, context: Context, waitress: bool = False) -> str:
    """A Paste Deploy config upgraded for this Pylons."""
    ini = IniFile(text)
    for section in ini.sections():
        use = ini.options(section).get("use")
        if use in DEBUGGERS:
            ini.set_option(section, "use", "egg:Pylons#debugger")
            context.report.change(
                "ini_debugger",
                context.path,
                "WebError's evalerror becomes egg:Pylons#debugger",
            )
        elif use == "egg:WebError#error_catcher":
            context.manual(
                1,
                "[%s]: WebError's error_catcher is gone; ErrorHandler in "
                "make_app reports errors" % section,
            )
        elif use == "egg:Paste#http" and waitress:
            ini.set_option(section, "use", "egg:waitress#main")
            for key in PASTE_HTTP_ONLY & set(ini.options(section)):
                ini.remove_option(section, key)
            context.report.change(
                "ini_waitress", context.path, "Paste's HTTP server becomes waitress"
            )
    return ini.text()
