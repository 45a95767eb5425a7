"""Concurrent HTTP load against 127.0.0.1, with wrk or in Python.

:func:`run_load` drives one kind of request for a fixed time over a fixed
number of concurrent connections (kept alive where the server allows it)
and returns the figures of :func:`stats.load_figures`, with wrk (Debian's
``wrk`` package) or :mod:`pyloadgen`; by default wrk when it is on the
PATH.  The result says which.  Only the loopback address is ever a target.
"""

import dataclasses
import json
import os
import shutil
import subprocess
import tempfile

import pyloadgen
import stats

HOST = "127.0.0.1"
_LUA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "wrk_script.lua")


@dataclasses.dataclass(frozen=True)
class LoadSpec:
    """One kind of request: what to send and which status is right.

    ``variants``, when given, are ``(path, cookie_header, form_body)``
    triples taken in turn instead of ``path`` (for POSTs that need a
    session's CSRF token).  ``numbered_text``, when given, is the start
    and the end of a URL-encoded text appended to each variant's body with
    the request's number between them, so that no two requests of a load
    send the same form (see :meth:`request`; ``wrk_script.lua`` does the
    same).  ``revision_field``, when given, names a form field appended
    after the text, whose value is the revision the variant's page is at:
    each variant then has a fourth item, its page's revision before the
    load, and the requests go to the variants as :class:`pyloadgen.PageTurns`
    says instead of in turn, so that no page has two saves in flight.
    ``headers``, ``(name, value)`` pairs, go with every request of a load
    without variants (a conditional GET's ``If-None-Match``).
    """

    method: str
    path: str
    expected_status: int
    variants: tuple = ()
    numbered_text: tuple = ()
    revision_field: str = ""
    headers: tuple = ()

    def request(self, number, variant=None, revision=None):
        """Request ``number`` (from 0) of a load: ``(path, cookie, body)``,
        cookie and body None for a plain request.

        Request n takes variant n modulo their count, or, with a
        ``revision_field``, the ``variant`` (an index) and the ``revision``
        of its page that :class:`pyloadgen.PageTurns` gives.
        """
        if not self.variants:
            return self.path, None, None
        if variant is None:
            variant = number % len(self.variants)
        path, cookie, body = self.variants[variant][:3]
        if self.numbered_text:
            start, end = self.numbered_text
            body = "%s%s%d%s" % (body, start, number, end)
        if self.revision_field:
            body = "%s&%s=%d" % (body, self.revision_field, revision)
        return path, cookie, body


def default_generator():
    """``wrk`` when wrk is installed, else ``python``."""
    return "wrk" if shutil.which("wrk") else "python"


def run_load(spec, port, seconds, connections, generator):
    """Load ``spec`` on 127.0.0.1:``port`` with ``generator`` (``wrk`` or
    ``python``); the figures of the run.
    """
    if generator == "wrk":
        return _run_wrk(spec, port, seconds, connections)
    return pyloadgen.run(HOST, port, spec, seconds, connections)


def _run_wrk(spec, port, seconds, connections):
    with tempfile.TemporaryDirectory(prefix="bench-wrk-") as scratch:
        args = [str(spec.expected_status), spec.method, spec.path]
        if spec.variants:
            variants_file = os.path.join(scratch, "variants.tsv")
            with open(variants_file, "w", encoding="utf-8") as out:
                out.writelines(
                    "\t".join(map(str, variant)) + "\n" for variant in spec.variants
                )
            args += [
                variants_file,
                *(spec.numbered_text or ("", "")),
                spec.revision_field,
            ]
        elif spec.headers:
            args += [""] + ["%s: %s" % header for header in spec.headers]
        # One wrk thread: the server under test gets the other core, and the
        # requests are numbered in one sequence (see LoadSpec.request).
        command = [
            "wrk",
            "-t1",
            "-c%d" % connections,
            "-d%ds" % seconds,
            "--timeout",
            "10s",
            "-s",
            _LUA,
            "http://%s:%d/" % (HOST, port),
            "--",
        ] + args
        completed = subprocess.run(
            command, capture_output=True, text=True, check=True, timeout=seconds + 60
        )
    report = json.loads(completed.stdout.strip().splitlines()[-1])
    errors = {
        name: report[name]
        for name in ("connect", "read", "write", "timeout", "status", "unexpected")
    }
    return stats.load_figures(
        requests=report["requests"],
        seconds=report["duration_us"] / 1e6,
        p50_ms=report["p50_us"] / 1e3,
        p99_ms=report["p99_us"] / 1e3,
        mean_ms=report["mean_us"] / 1e3,
        errors=errors,
        generator="wrk",
        sent=report["sent"],
    )
