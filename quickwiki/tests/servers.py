"""Servers the tests start, ``paster serve`` processes on free ports, and
a visitor that browses them over HTTP."""

import email.message
import http.client
import http.cookiejar
import os
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import NamedTuple

from bs4 import BeautifulSoup

from quickwiki.tests import PASTER

__all__ = ["PasterServer", "Response", "Visitor", "free_port"]


def free_port():
    """A port of 127.0.0.1 that nothing listens on, as the OS chose it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PasterServer:
    """``paster serve CONFIG http_port=PORT``, run in ``directory`` on a
    free port, as each process of a deployment is; its output goes to a
    log file there.  Started when made, once it accepts connections;
    :meth:`stop` ends it.
    """

    def __init__(self, directory, config, timeout=60):
        self.port = free_port()
        self.log_path = os.path.join(directory, "serve-%d.log" % self.port)
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                PASTER + ["serve", config, "http_port=%d" % self.port],
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
        """End the server, at once if it does not end when asked."""
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


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
    request, and follows no redirect.
    """

    def __init__(self, headers=(), source="127.0.0.1"):
        self.headers = dict(headers)
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
            _NoRedirects(),
            _ConnectFrom(source),
        )

    def open(self, port, path, fields=None):
        """GET ``path`` of the server on ``port``; POST, with ``fields``
        (pairs) as its form."""
        data = None
        if fields is not None:
            data = urllib.parse.urlencode(fields).encode("utf-8")
        request = urllib.request.Request(
            "http://127.0.0.1:%d%s" % (port, path), data, self.headers
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
