"""Serving a project: the server a Pylons configuration names.

``use = egg:Pylons#waitress`` in ``[server:main]`` serves the application
with waitress, with the settings ``egg:waitress#main`` takes (``host``,
``port``, ``threads``...), as ``paster serve`` runs it.  When the address
cannot be listened on, because its port is taken or needs privileges,
``paster serve`` says so in one line naming it, and how to choose
another port, instead of a traceback.  A server runner of a project's
own makes its listening sockets within :func:`listening` to say so too.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import waitress
from paste.script.command import BadCommand

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIApplication

__all__ = ["listening", "waitress_runner"]

#: Why an address cannot be listened on, by the errno of the failed bind.
_CANNOT_LISTEN = {
    errno.EADDRINUSE: "its port is taken (by another server, or this one "
    "already running)",
    errno.EACCES: "its port needs privileges this process lacks",
    errno.EADDRNOTAVAIL: "this machine has no such address",
}


def waitress_runner(
    wsgi_app: WSGIApplication, global_conf: dict[str, Any], **settings: Any
) -> int:
    """Serve ``wsgi_app`` with waitress until stopped (``egg:Pylons#waitress``).

    ``settings`` are waitress's, from ``[server:main]``.  An address that
    cannot be listened on ends ``paster serve`` with one line saying which
    and why (see :func:`listening`).
    """
    with listening(global_conf, settings):
        served: int = waitress.serve_paste(wsgi_app, global_conf, **settings)
    return served


@contextlib.contextmanager
def listening(global_conf: dict[str, Any], settings: dict[str, Any]) -> Iterator[None]:
    """Make a server's listening sockets within: an address that cannot be
    listened on ends ``paster serve`` with one line naming it, and why.

    ``settings`` are the server's (``host`` and ``port``, or ``listen``),
    ``global_conf`` the configuration's, whose ``http_port``, when it
    has one, the line tells how to change.  The line is a ``BadCommand``,
    which ``paster`` prints, exiting with status 2.
    """
    try:
        yield
    except OSError as exc:
        # Only binding the listening sockets fails with these.
        if exc.errno is None or exc.errno not in _CANNOT_LISTEN:
            raise
        raise BadCommand(_cannot_listen(exc.errno, global_conf, settings)) from None


def _cannot_listen(
    number: int, global_conf: dict[str, Any], settings: dict[str, Any]
) -> str:
    """The line saying why the server cannot listen where it was told to,
    ``number`` the errno of the failed bind."""
    address = settings.get("listen") or "%s:%s" % (
        settings.get("host", "0.0.0.0"),
        settings.get("port", 8080),
    )
    line = "Cannot serve on %s: %s." % (address, _CANNOT_LISTEN[number])
    config = global_conf.get("__file__")
    if number == errno.EADDRINUSE and config and "http_port" in global_conf:
        # The configuration takes its port from http_port, which the
        # command line may set (as the generated projects' do).
        line += " Choose another: paster serve %s http_port=%s" % (
            os.path.relpath(config),
            _another_port(global_conf["http_port"]),
        )
    return line


def _another_port(port: str) -> str:
    """A port to suggest instead of ``port``: the next one."""
    try:
        number = int(port)
    except ValueError:
        return "PORT"
    return str(number + 1 if number < 65535 else 5000)
