"""Request ids: each request's name, in its response and in its log records.

nginx names each request with its ``$request_id``, sent in an
``X-Request-Id`` header (``deploy/nginx/quickwiki``), so that nginx's log
and the wiki's name a request alike.  The wiki takes the header from
requests that came through the trusted proxy alone, when it is a sane id
(1 to 64 letters, digits, ``.``, ``_`` or ``-``); such requests keep their
``X-Forwarded-For``, which waitress removes from every other request
(``clear_untrusted_proxy_headers = true`` in the config ``paster
make-config`` writes).  Any other request gets an id of its own, 32
hexadecimal digits: 128 random bits, unique but no secret, from the
``random`` module (which each process seeds anew, a forked one too),
so that naming a request asks the system for nothing: ``os.urandom``
gives up the interpreter's lock, and under load each request then waits
to take it back.  The id is sent back in the response's
``X-Request-Id``, and the JSON log format (:class:`JSONFormatter`) writes
it in each record logged while the request runs.
"""

import contextvars
import random
import re
from datetime import datetime, timezone

from paste.wsgilib import add_close
from pythonjsonlogger.json import JsonFormatter

__all__ = ["HEADER", "JSONFormatter", "RequestId", "current"]

#: The header that carries a request's id, both ways.
HEADER = "X-Request-Id"
_SANE = re.compile(r"[A-Za-z0-9._-]{1,64}")
_current = contextvars.ContextVar("quickwiki_request_id", default=None)


def current():
    """The id of the request running in this thread; None outside one."""
    return _current.get()


class RequestId:
    """WSGI middleware that names each request (see the module's
    documentation): ``environ["quickwiki.request_id"]``, the response's
    header, and :func:`current` while the request runs."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        request_id = _given(environ) or "%032x" % random.getrandbits(128)
        environ["quickwiki.request_id"] = request_id
        token = _current.set(request_id)

        def start_with_id(status, headers, exc_info=None):
            headers = [(name, value) for name, value in headers if name != HEADER]
            headers.append((HEADER, request_id))
            return start_response(status, headers, exc_info)

        try:
            body = self.app(environ, start_with_id)
        except BaseException:
            _current.reset(token)
            raise
        return add_close(body, lambda: _current.reset(token))


def _given(environ):
    """The id the trusted proxy gave the request, if it is a sane one."""
    given = environ.get("HTTP_X_REQUEST_ID", "")
    if environ.get("HTTP_X_FORWARDED_FOR") and _SANE.fullmatch(given):
        return given
    return None


class JSONFormatter(JsonFormatter):
    """python-json-logger's formatter, writing each record as one JSON
    object a line: ``time`` (ISO 8601), ``level``, ``logger``, ``message``,
    the traceback as ``exc_info`` when there is one, and the id of the
    request it was logged in, as ``request_id``.

    In a config's logging sections::

        [formatter_json]
        class = quickwiki.lib.request_ids.JSONFormatter
        format = %(asctime)s %(levelname)s %(name)s %(message)s
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "rename_fields",
            {"asctime": "time", "levelname": "level", "name": "logger"},
        )
        super().__init__(*args, **kwargs)

    def formatTime(self, record, datefmt=None):
        if datefmt:
            return super().formatTime(record, datefmt)
        moment = datetime.fromtimestamp(record.created, timezone.utc)
        return moment.isoformat(timespec="milliseconds")

    def add_fields(self, log_record, record, message_dict):
        super().add_fields(log_record, record, message_dict)
        request_id = current()
        if request_id is not None:
            log_record["request_id"] = request_id
