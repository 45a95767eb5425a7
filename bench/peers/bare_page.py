"""A bare WSGI application that answers every request with one page.

The floor under the benchmark's server: QuickWiki's page view is compared
with it, served by the same server with the same settings.  Paste Deploy
loads it (``use = call:bare_page:make_app``) with ``page``, the path of a
file holding a response as the wiki sent it (:func:`write_page`); it
answers every request with that status line's 200, those headers and
that body, and does nothing else.
"""

import json


def write_page(path, headers, body):
    """Keep a response's ``headers`` (pairs) and ``body`` (bytes) in ``path``."""
    with open(path, "w", encoding="utf-8") as page:
        json.dump({"headers": headers, "body": body.decode("utf-8")}, page)


def make_app(global_conf, page):
    """The application answering with the page kept in the file ``page``."""
    with open(page, encoding="utf-8") as kept:
        kept = json.load(kept)
    body = kept["body"].encode("utf-8")
    headers = [(name, value) for name, value in kept["headers"]]

    def app(environ, start_response):
        start_response("200 OK", list(headers))
        return [body]

    return app
