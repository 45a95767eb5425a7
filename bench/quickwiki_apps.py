"""QuickWiki's own pages, called in process: the wiki's rows of part 1.

:func:`make_wiki` makes a QuickWiki in a directory, as part 2 makes each
of its sites (``development.ini`` with debug off, ``paster setup-app``,
:mod:`seed`'s pages), at :data:`PAGES` pages, the show page with
:data:`REVISIONS` revisions; :func:`load` loads it from its ini with
Paste Deploy, as ``paster serve`` does, and :data:`REQUESTS` are what is
asked of it: the pages a reader and a writer open, without a session
cookie, as a first visit makes them (and the page view of a reader whose
pages are private).
"""

import os

import seed
import wiki_client
import wiki_server
from paste.deploy import loadapp
from webob import Request

#: The wiki's size: small, as part 3 shows the page view does not grow.
PAGES = 100
#: The revisions of the show page, the history's rows (at most the 50 of
#: a history page).
REVISIONS = 20
_SHOW = seed.SHOW_TITLE

#: The header of a reader let in by a password of the proxy in front
#: (nginx's basic authentication): their pages are private, rendered for
#: each request, where the wiki keeps those of the public.
PROXY_PASSWORD = {"Authorization": "Basic cmVhZGVyOnNlY3JldA=="}

#: A browser's reload: the page is read and its ETag compared before the
#: kept page is sent, as for a page not read within its max-age.
RELOAD = {"Cache-Control": "no-cache"}

#: Name, path, status and headers of each request of the QuickWiki rows,
#: in table order; the page view first, as the others are compared with
#: it.  The 304 is the page view asked for with the ETag it was sent with.
REQUESTS = {
    "qw-show": (wiki_client.SHOW_PATH, 200, {}),
    "qw-show-reload": (wiki_client.SHOW_PATH, 200, RELOAD),
    "qw-show-private": (wiki_client.SHOW_PATH, 200, PROXY_PASSWORD),
    "qw-show-304": (wiki_client.SHOW_PATH, 304, {}),
    "qw-list": (wiki_client.LIST_FIRST_PATH, 200, {}),
    "qw-history": ("/pages/history/" + _SHOW, 200, {}),
    "qw-edit": ("/pages/edit/" + _SHOW, 200, {}),
}


def make_wiki(directory, source_ini):
    """Make a QuickWiki in ``directory`` from ``source_ini``; its ini's path."""
    ini = wiki_server.quickwiki_ini(source_ini, directory, wiki_server.free_port())
    wiki_server.setup_app(ini)
    database = wiki_server.database_url(ini)
    seed.insert_quickwiki_pages(database, seed.quickwiki_rows(PAGES))
    seed.add_quickwiki_revisions(database, _SHOW, REVISIONS)
    return ini


def load(ini):
    """The wiki of ``ini``, as ``paster serve`` loads it."""
    return loadapp("config:" + os.path.abspath(ini))


def environ(name, app):
    """The environ of request ``name`` of :data:`REQUESTS` to ``app``."""
    path, status, headers = REQUESTS[name]
    headers = dict(headers)
    if status == 304:
        # The tag is the page view's, as app sends it.
        headers["If-None-Match"] = _sent_headers(app, path)["ETag"]
    return Request.blank(path, headers=headers).environ


def _sent_headers(app, path):
    """The headers ``app`` answers ``GET path`` with."""
    started = []
    body = app(Request.blank(path).environ, lambda *start: started.append(start))
    body.close() if hasattr(body, "close") else None
    return dict(started[0][1])
