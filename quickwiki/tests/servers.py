"""Servers the tests start, ``paster serve`` processes on free ports, and
a visitor that browses them over HTTP."""

import email.message
import http.client
import http.cookiejar
import os
import pwd
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import NamedTuple

from bs4 import BeautifulSoup

from quickwiki.tests import PASTER

__all__ = [
    "PasterServer",
    "Response",
    "Visitor",
    "echo_app",
    "free_port",
    "held_app",
    "unprivileged_user",
]


def free_port():
    """A port of 127.0.0.1 that nothing listens on, as the OS chose it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def unprivileged_user(name):
    """The user ``name``, or ``nobody`` where there is none: who runs a
    server the tests start as root, which it must not run as."""
    for candidate in (name, "nobody"):
        try:
            return pwd.getpwnam(candidate)
        except KeyError:
            continue
    raise RuntimeError(
        "Running as root, and there is neither a %s nor a nobody user to run "
        "servers as" % name
    )


class PasterServer:
    """``paster serve [OPTIONS] CONFIG http_port=PORT``, run in ``directory``
    on ``port`` (a free one by default), as each process of a deployment is;
    its output goes to a log file there (added to, when a server of the
    same port ran before).  Started when made, once it accepts
    connections; :meth:`stop` ends it.
    """

    def __init__(self, directory, config, timeout=60, port=None, options=()):
        self.port = port or free_port()
        self.log_path = os.path.join(directory, "serve-%d.log" % self.port)
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                PASTER + ["serve", *options, config, "http_port=%d" % self.port],
                cwd=directory,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            self._wait_until_serving(timeout)
        except BaseException:
            self.stop()
            raise

    def _wait_until_serving(self, timeout):
        deadline = time.monotonic() + timeout
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=5).close()
                return
            except OSError as refused:
                if self.process.poll() is not None:
                    raise RuntimeError(
                        "paster serve ended (exit status %s):\n%s"
                        % (self.process.returncode, self.log())
                    ) from refused
                if time.monotonic() > deadline:
                    raise RuntimeError(
                        "paster serve was not serving after %d "
                        "seconds:\n%s" % (timeout, self.log())
                    ) from refused
                time.sleep(0.2)

    def log(self):
        """What the server has written so far."""
        with open(self.log_path, encoding="utf-8", errors="replace") as log:
            return log.read()

    def stop(self):
        """End the server as systemd does: asked with SIGTERM, then killed
        if it has not ended after 30 seconds."""
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def held_app(global_conf, fifos):
    """A WSGI application whose every request is held by the test (a
    ``paste.app_factory``, for ``use = call:quickwiki.tests.servers:held_app``).

    A request opens the FIFO ``started`` in the directory ``fifos`` to
    write, which waits until the test opens it to read, then ``release``
    to read, which waits until the test has opened it to write and closed
    it; then it answers 200.  The test knows, without polling, when a
    request is in hand, and says when it may end.
    """

    def app(environ, start_response):
        with open(os.path.join(fifos, "started"), "w"):
            pass
        with open(os.path.join(fifos, "release")) as release:
            release.read()
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"Released.\n"]

    return app


def echo_app(global_conf):
    """A WSGI application that answers each request with its body (a
    ``paste.app_factory``, for ``use = call:quickwiki.tests.servers:echo_app``)."""

    def app(environ, start_response):
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length)
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [body]

    return app


class Response(NamedTuple):
    """A server's answer: status, headers, body, and the body parsed."""

    status: int
    headers: email.message.Message
    text: str
    html: BeautifulSoup


class Visitor:
    """A browser of the servers on 127.0.0.1, without its page rendering.

    Its cookies go to every port, as a browser's do (cookies know no port),
    so that one visitor can go from one process of a wiki to another, as a
    proxy in front of several processes sends it.  It connects from
    ``source`` (any address of 127.0.0.0/8), sends ``headers`` with each
    request, and follows no redirect.  Given ``https``, an SSL context, it
    speaks HTTPS with it.
    """

    def __init__(self, headers=(), source="127.0.0.1", https=None):
        self.headers = dict(headers)
        handlers = [
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
            _NoRedirects(),
            _ConnectFrom(source),
        ]
        if https is not None:
            handlers.append(urllib.request.HTTPSHandler(context=https))
        self.scheme = "http" if https is None else "https"
        self.opener = urllib.request.build_opener(*handlers)

    def open(self, port, path, fields=None):
        """GET ``path`` of the server on ``port``; POST, with ``fields``
        (pairs) as its form."""
        data = None
        if fields is not None:
            data = urllib.parse.urlencode(fields).encode("utf-8")
        request = urllib.request.Request(
            "%s://127.0.0.1:%d%s" % (self.scheme, port, path), data, self.headers
        )
        try:
            response = self.opener.open(request, timeout=60)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            text = response.read().decode("utf-8")
        return Response(
            response.status, response.headers, text, BeautifulSoup(text, "html.parser")
        )

    def log_in(self, port, person):
        """Log in as ``person`` (a :class:`quickwiki.tests.Person`) through
        the server on ``port``."""
        form = self.open(port, "/login").html.form
        response = self.submit(port, form, name=person.name, password=person.password)
        if response.status != 302:
            raise AssertionError(
                "Logging in as %s failed:\n%s" % (person.name, response.text)
            )

    def submit(self, port, form, **changes):
        """Submit ``form``, a ``<form>`` of a page, to the server on ``port``:
        its fields as they are but for ``changes``, no button pressed."""
        fields = []
        for field in form.select("input[name], textarea[name]"):
            kind = field.get("type", "text")
            unticked = kind == "checkbox" and not field.has_attr("checked")
            if kind == "submit" or unticked:
                continue
            if field.name == "textarea":
                value = field.get_text()
            else:
                value = field.get("value", "")
            fields.append((field["name"], changes.pop(field["name"], value)))
        fields.extend(changes.items())
        return self.open(port, form["action"], fields)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class _ConnectFrom(urllib.request.HTTPHandler):
    def __init__(self, source):
        super().__init__()
        self.source = source

    def http_open(self, request):
        return self.do_open(
            http.client.HTTPConnection, request, source_address=(self.source, 0)
        )
