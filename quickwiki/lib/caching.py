"""HTTP caching of the wiki's pages: their validators, and who may keep them.

A page view, a history, a diff and an old revision change only when
their page does.  Each is sent with a strong ``ETag`` naming what it
shows (its revisions, the renderer's version and the HTML it made, the
layout around them, its language, and to whom it is shown) and ``Last-Modified`` (when
its newest revision was made, or the layout last changed); a request
that already has it is answered ``304 Not Modified``, before the page is
rendered where its content is known first (:func:`validate`).  A page of
the title list is tagged by the titles it shows, without
``Last-Modified``.

Who may keep a copy:

- a reader the wiki does not know (no account, no session cookie, and no
  ``Authorization`` header): anyone, for ``quickwiki.public_max_age``
  seconds (``Cache-Control: public, max-age``, and no ``Pragma:
  no-cache``, the framework's default, which would say the opposite), so
  that nginx's ``proxy_cache`` or a CDN answers the next readers of a
  busy wiki;
- anyone else (logged in, or with a session holding a form's token or
  flash messages, or let in by a password of the proxy in front, as
  nginx's basic authentication): their browser alone, asking each time
  (``private, no-cache``).  A shared cache may keep the answer to a
  request with credentials if it says ``public``, and that answer is for
  the people who know the password alone.  The framework's session
  middleware makes every answer whose request used the session private
  too.

With single sign-on (``quickwiki.sso``) every page is private: the front
end names users by what a cache in front does not see, so a copy made for
a reader it did not name could reach one it does.  A page that tells of a
failure of the moment (no worker free in time) gets no validators and is
kept by no one (:func:`unkept`).

Every page varies on ``Cookie``.  A page with flash messages waiting shows
them once: it gets no validators.

The wiki keeps the public pages it sends, as a cache in front would
(:class:`KeptPages`): the next reader it does not know who asks for the
same URL gets the same body, once :func:`validate` found that its ETag
has not changed, without rendering it again (:func:`validate`,
:func:`keep`).
"""

import hashlib
import os
import sys
import threading
from datetime import datetime, timezone

import cachetools

from pylons import app_globals, request, response, session
from pylons.controllers.util import etag_cache, vary
from pylons.i18n import get_lang
from pylons.secure_form import token_key

from quickwiki.lib import auth, languages
from quickwiki.lib import helpers as h

__all__ = ["KeptPages", "Layout", "keep", "unkept", "validate"]

#: The environ key of the request's URL as the kept pages know it (with
#: its page's ETag), when the page is public.
_KEPT_AS = "quickwiki.kept_as"


class Layout:
    """What shapes every page around its content: the templates and the
    wiki's settings; its digest and when it last changed, found once.
    """

    def __init__(self, template_directories, settings):
        digest = hashlib.sha256()
        modified = 0.0
        for directory in template_directories:
            for root, _dirs, files in sorted(os.walk(directory)):
                for name in sorted(files):
                    path = os.path.join(root, name)
                    with open(path, "rb") as template:
                        digest.update(name.encode() + b"\0" + template.read() + b"\0")
                    modified = max(modified, os.path.getmtime(path))
        for name, value in sorted(settings.items()):
            if name.startswith("quickwiki."):
                digest.update(("%s=%s\0" % (name, value)).encode())
        #: Names this layout in the pages' ETags.
        self.tag = digest.hexdigest()[:16]
        #: When a template last changed.
        self.modified = datetime.fromtimestamp(int(modified), timezone.utc)


class KeptPages:
    """The bodies of the public pages sent lately, by URL and ETag, in at
    most ``size`` bytes of memory (0: none are kept), the least recently
    used dropped first.

    Their ETag names all that a public page shows (:func:`validate`), so
    the same URL and ETag is the same page: a page saved, or its layout
    or language changed, has another.  A reader is answered from here only
    after the request's own checks (its limits, who may read, the page's
    latest revision and its ETag).
    """

    def __init__(self, size):
        self.size = size
        self._bodies = cachetools.LRUCache(maxsize=size, getsizeof=sys.getsizeof)
        # Requests of several threads read and keep pages at once.
        self._lock = threading.Lock()

    def get(self, key):
        """The body kept as ``key``, or None."""
        with self._lock:
            return self._bodies.get(key)

    def put(self, key, body):
        """Keep ``body`` as ``key``, unless it is larger than them all."""
        if sys.getsizeof(body) > self.size:
            return
        with self._lock:
            self._bodies[key] = body


def validate(kind, shown, modified):
    """Say how the page about to be rendered may be kept, and answer
    ``304 Not Modified`` now if the request already has it; the page's
    body when this process kept it (:class:`KeptPages`), else None: render
    it, and :func:`keep` it.

    ``kind`` and ``shown`` (a sequence of numbers and text) name what the
    page shows, as it changes; ``modified`` is when it last did (an aware
    datetime), or None when that is not known: the page then has no
    ``Last-Modified``, and its ETag alone says whether it changed.  A page
    showing a form holds the session's token, which the tag names once
    the session has one.
    """
    vary("Cookie")
    if h.flash.has_messages():
        # Shown once: never the same page again.
        response.headers["Cache-Control"] = "private, no-cache"
        return None
    layout = app_globals.layout
    environ = request.environ
    # The page is in the language its reader's browser asked for: the one
    # chosen for the request, without making its translator (a 304 that
    # translates nothing needs none).
    language = environ.get(languages.CHOSEN) or str(get_lang())
    parts = [kind, *map(str, shown), layout.tag, language]
    account = auth.account(environ)
    if account is not None:
        parts += [account.name, account.role]
    token = session.get(token_key)
    if token is not None:
        parts.append(token)
    place = None
    # A session read (the request brought its cookie) makes the page the
    # visitor's own, as a login does.
    if (
        account is None
        and not session.accessed()
        and "HTTP_AUTHORIZATION" not in environ
        and not app_globals.sso
        and app_globals.public_max_age
    ):
        response.headers["Cache-Control"] = (
            "public, max-age=%d" % app_globals.public_max_age
        )
        response.headers.pop("Pragma", None)
        if app_globals.kept_pages.size:
            place = environ[_KEPT_AS] = _place(environ)
    else:
        response.headers["Cache-Control"] = "private, no-cache"
    etag_cache(
        "%s-%s" % (kind, hashlib.sha256("\0".join(parts).encode()).hexdigest()[:24]),
        last_modified=None if modified is None else max(modified, layout.modified),
    )
    if place is None:
        return None
    return app_globals.kept_pages.get((response.headers["ETag"], *place))


def _place(environ):
    """The request's URL as the kept pages know it: all of it that a
    page's links may repeat."""
    return (
        environ.get("HTTP_HOST"),
        environ["wsgi.url_scheme"],
        environ.get("SCRIPT_NAME"),
        environ.get("PATH_INFO"),
        environ.get("QUERY_STRING"),
    )


def keep(body):
    """``body``, the page just rendered, kept for the next readers the wiki
    does not know who ask for its URL, if it is public still: no longer
    when rendering it used the session or it was found :func:`unkept`."""
    place = request.environ.get(_KEPT_AS)
    etag = response.headers.get("ETag")
    if place is not None and etag is not None and not session.accessed():
        app_globals.kept_pages.put((etag, *place), body)
    return body


def unkept():
    """Say that the page about to be sent is no copy to keep, after all:
    it tells of a failure of the moment (a comparison no worker could make
    in time), which the next request may not meet."""
    del response.etag
    del response.last_modified
    response.headers["Cache-Control"] = "no-store"
