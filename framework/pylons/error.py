"""Readable template errors.

:func:`handle_mako_error` is the ``error_handler`` a project gives its Mako
``TemplateLookup``: it notes, on the exception, where in the template the
error happened, so the traceback the debugger or error log shows names the
template line rather than only the module Mako generated from it.
"""

from __future__ import annotations

import sys
from typing import Any

from mako.exceptions import RichTraceback

__all__ = ["handle_mako_error"]


def handle_mako_error(context: Any, exc: Exception) -> bool:
    """Add the template's file and line to ``exc``; Mako then re-raises it."""
    traceback = RichTraceback(error=exc, traceback=exc.__traceback__)
    for record in traceback.reverse_records:
        template_file, template_line, source_line = record[4:7]
        if template_file is not None:
            _add_note(
                exc,
                "Template %s, line %s: %s"
                % (template_file, template_line, (source_line or "").strip()),
            )
            break
    return False


def _add_note(exc: Exception, note: str) -> None:
    """``exc.add_note(note)``; before Python 3.11, the note ends its message."""
    if sys.version_info >= (3, 11):
        exc.add_note(note)
    elif len(exc.args) == 1 and isinstance(exc.args[0], str):
        exc.args = ("%s\n%s" % (exc.args[0], note),)
