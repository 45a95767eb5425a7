"""Logging to the WSGI server's error stream, and log lines no request forges.

:class:`WSGIErrorsHandler` is a :mod:`logging` handler that writes each
record to the current request's ``environ['wsgi.errors']``, the stream
the WSGI server gives an application for its errors.  Pylons 1.0 ini files
name it in their logging sections::

    [handler_wsgierrors]
    class = pylons.log.WSGIErrorsHandler
    args = ()
    level = INFO
    formatter = generic

:class:`EscapingFormatter` writes the control characters of a message
(a line break from a request's ``%0a``, a terminal's escape codes) as
escapes, so that what a request sent can neither start a log line of its
own nor drive the terminal reading the log::

    [formatter_generic]
    class = pylons.log.EscapingFormatter
    format = %(asctime)s %(levelname)-5.5s [%(name)s] %(message)s
"""

from __future__ import annotations

import logging
from typing import Any, TextIO

import pylons

__all__ = ["EscapingFormatter", "WSGIErrorsHandler", "escape_controls"]

#: Control characters (C0, DEL, C1) and the Unicode line and paragraph
#: separators, each written as its Python escape.
_CONTROLS = {
    code: repr(chr(code))[1:-1]
    for code in [*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029]
}


def escape_controls(text: str) -> str:
    """``text`` with each control character written as an escape (``\\n``)."""
    return text.translate(_CONTROLS)


class EscapingFormatter(logging.Formatter):
    """A :class:`logging.Formatter` whose messages are one line each: their
    control characters are written as escapes.

    A traceback after the message keeps its lines.
    """

    def formatMessage(self, record: logging.LogRecord) -> str:
        """The record's line, its message escaped."""
        record.message = escape_controls(record.message)
        return super().formatMessage(record)


class WSGIErrorsHandler(logging.Handler):
    """Writes records to the current request's ``wsgi.errors`` stream.

    Records logged outside a request are dropped.  With ``cache`` the
    stream of the first request is kept and used from then on; WSGI does
    not promise that a stream outlives its request, so leave it off unless
    the server's does.
    """

    def __init__(self, cache: bool = False, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cache = cache
        self.cached_stream: TextIO | None = None

    def get_wsgierrors(self) -> TextIO | None:
        """The stream to write to; a ``TypeError`` outside a request."""
        if self.cached_stream is not None:
            return self.cached_stream
        stream = pylons.request.environ.get("wsgi.errors")
        if self.cache:
            self.cached_stream = stream
        return stream

    def _stream(self) -> TextIO | None:
        try:
            return self.get_wsgierrors()
        except TypeError:
            return None

    def flush(self) -> None:
        """Flush the stream, if there is one."""
        stream = self._stream()
        if stream is not None:
            stream.flush()

    def emit(self, record: logging.LogRecord) -> None:
        """Write ``record``, formatted, as a line of the stream."""
        try:
            stream = self._stream()
            if stream is None:
                return
            stream.write(self.format(record) + "\n")
            stream.flush()
        except Exception:
            self.handleError(record)
