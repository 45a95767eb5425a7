"""A bare WSGI application that answers every request with one page.

The floor under the benchmark's server: QuickWiki's page view is compared
with it, served by the same server with the same settings.  Paste Deploy
loads it (``use = call:bare_page:make_app``) with ``page``, the path of a
file holding a response as the wiki sent it (:func:`write_page`); it
answers every request with that status line's 200, those headers and
that body, and does nothing else, but for a request naming the page's
ETag in ``If-None-Match``, which it answers ``304 Not Modified`` with the
headers but the body's: the most a server's 304 can be.  With ``cpu_us``,
it first spends that many microseconds on the CPU, as an application
that takes that long in process would: what the server makes of such an
application.
"""

import json
import time


def write_page(path, headers, body):
    """Keep a response's ``headers`` (pairs) and ``body`` (bytes) in ``path``."""
    with open(path, "w", encoding="utf-8") as page:
        json.dump({"headers": headers, "body": body.decode("utf-8")}, page)


def make_app(global_conf, page, cpu_us="0"):
    """The application answering with the page kept in the file ``page``,
    after ``cpu_us`` microseconds of work."""
    with open(page, encoding="utf-8") as kept:
        kept = json.load(kept)
    body = kept["body"].encode("utf-8")
    headers = [(name, value) for name, value in kept["headers"]]
    # Named as the server wrote it (waitress's "Etag").
    etag = next((value for name, value in headers if name.lower() == "etag"), None)
    # A 304 has no body, and says nothing of one.
    unchanged = [
        (name, value)
        for name, value in headers
        if name.lower() not in ("content-type", "content-length")
    ]
    cpu_seconds = float(cpu_us) / 1e6

    def app(environ, start_response):
        if cpu_seconds:
            # The thread's CPU time: time spent waiting for the GIL is no work.
            done = time.thread_time() + cpu_seconds
            while time.thread_time() < done:
                pass
        if etag is not None and environ.get("HTTP_IF_NONE_MATCH") == etag:
            start_response("304 Not Modified", list(unchanged))
            return [b""]
        start_response("200 OK", list(headers))
        return [body]

    return app
