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
same URL in the same language gets the same body, once :func:`validate`
found that its ETag has not changed, without rendering it again
(:func:`validate`, :func:`keep`).  For ``quickwiki.public_max_age``
seconds after it was made, while this process writes nothing to the
database, that reader gets it without the page being read at all
(:func:`fresh`), for what is left of those seconds: a write in another
process shows within them, as through a cache in front, and no copy of
a copy outlives them.
"""

import functools
import hashlib
import itertools
import os
import sys
import threading
import time
from datetime import datetime, timezone
from typing import NamedTuple

import cachetools
from sqlalchemy import event

from pylons import app_globals, request, response, session
from pylons.controllers.util import etag_cache, vary
from pylons.i18n import get_lang
from pylons.secure_form import token_key

from quickwiki.lib import auth, languages
from quickwiki.lib import helpers as h
from quickwiki.model import RateCounter, meta

__all__ = [
    "Kept",
    "KeptPages",
    "Layout",
    "fresh",
    "keep",
    "kept",
    "unkept",
    "validate",
]

#: The environ key of what the kept pages know of a public page about to
#: be sent: its place (:func:`_place`), ETag and Last-Modified.
_KEPT_AS = "quickwiki.kept_as"
#: The environ key of the writes counted when the request began to read.
_WRITES_SEEN = "quickwiki.writes_seen"


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


class Kept(NamedTuple):
    """A public page as it was sent: its ETag and Last-Modified (as
    :func:`pylons.controllers.util.etag_cache` takes them), its body, when
    it was made (``time.monotonic()``) and the writes counted before it
    was read (:func:`fresh`)."""

    etag: str
    modified: datetime | None
    body: str
    made: float
    writes: int


class KeptPages:
    """The public pages sent lately, by URL and language (:class:`Kept`),
    in at most ``size`` bytes of memory (0: none are kept), the least
    recently used dropped first.

    Their ETag names all that a public page shows (:func:`validate`), so
    the same URL and ETag is the same page: a page saved, or its layout
    or language changed, has another.  A reader is answered from here
    after the request's own checks (its limits, who may read), and either
    the page's latest revision and its ETag, or the page being fresh.
    """

    def __init__(self, size):
        self.size = size
        self._pages = cachetools.LRUCache(maxsize=size, getsizeof=_size_of)
        # Requests of several threads read and keep pages at once.
        self._lock = threading.Lock()

    def get(self, place):
        """The page kept for ``place``, or None."""
        with self._lock:
            return self._pages.get(place)

    def put(self, place, kept):
        """Keep ``kept`` for ``place``, unless it is larger than them all."""
        if _size_of(kept) > self.size:
            return
        with self._lock:
            self._pages[place] = kept


def _size_of(kept):
    """The memory a kept page takes, as its body's."""
    return sys.getsizeof(kept.body)


#: The database's writes this process has made, counted as they commit:
#: a page made before the last of them may show what it changed.
_writes = itertools.count()
_written = next(_writes)
#: The session's note that its transaction writes, until it commits.
_WROTE = "quickwiki.wrote"
#: The limits' counters (quickwiki.lib.limiting), which no page shows.
_COUNTERS = RateCounter.__table__


def _count_writes(session):
    """Count a write of ``session``'s transaction, as it commits."""
    global _written
    if session.info.pop(_WROTE, False):
        _written = next(_writes)


def _note_write(session, *_args):
    """Note that ``session`` flushed changes, for :func:`_count_writes`."""
    session.info[_WROTE] = True


def _note_statement(state):
    """Note a statement that writes (but not the limits' counters)."""
    writes = state.is_insert or state.is_update or state.is_delete
    if writes and getattr(state.statement, "table", None) is not _COUNTERS:
        state.session.info[_WROTE] = True


event.listen(meta.Session, "after_flush", _note_write)
event.listen(meta.Session, "do_orm_execute", _note_statement)
event.listen(meta.Session, "after_commit", _count_writes)


def kept(action):
    """Answer a public page of ``action`` with :func:`fresh` when it can:
    the decorator of every action whose pages :func:`keep` keeps."""

    @functools.wraps(action)
    def answer(self, *args, **kwargs):
        body = fresh()
        return action(self, *args, **kwargs) if body is None else body

    return answer


def fresh():
    """The public page the request asks for, as this process made it
    within ``quickwiki.public_max_age`` seconds, if it wrote nothing to
    the database since; its ``304`` if the request has it; else None.

    A cache in front could send the same copy, as the page said, and it
    says that whoever gets it may keep it for what is left of those
    seconds (its ``max-age``), so that the page read when it was made is
    never older than them, however many copies were made of it.  A
    request that asks for no copy unchecked (a browser's reload) gets
    the page read.
    """
    environ = request.environ
    environ[_WRITES_SEEN] = _written
    if not app_globals.kept_pages.size or _no_copy(environ) or not _public(environ):
        return None
    kept = app_globals.kept_pages.get(_place(environ))
    if kept is None or kept.writes != _written:
        return None
    left = app_globals.public_max_age - int(time.monotonic() - kept.made)
    if left <= 0:
        return None
    vary("Cookie")
    _say_public(left)
    etag_cache(kept.etag, last_modified=kept.modified)
    return kept.body


def _no_copy(environ):
    """Whether the request asks for the page itself, not a copy that is
    not checked first (a browser's reload: ``Cache-Control: no-cache``,
    or ``Pragma: no-cache``)."""
    asked = environ.get("HTTP_CACHE_CONTROL", "") + environ.get("HTTP_PRAGMA", "")
    return "no-cache" in asked.lower()


def validate(kind, shown, modified):
    """Say how the page about to be rendered may be kept, and answer
    ``304 Not Modified`` now if the request already has it; the page's
    body when this process kept it (:class:`KeptPages`), else None: render
    it, and :func:`keep` it.  A kept page found unchanged is fresh again
    (:func:`fresh`), whether it is sent or answered 304.

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
    etag = "%s-%s" % (kind, hashlib.sha256("\0".join(parts).encode()).hexdigest()[:24])
    if modified is not None:
        modified = max(modified, layout.modified)
    public = _public(environ)
    if public:
        _say_public(app_globals.public_max_age)
    else:
        response.headers["Cache-Control"] = "private, no-cache"
    body = None
    if public and app_globals.kept_pages.size:
        place = _place(environ)
        environ[_KEPT_AS] = (place, etag, modified)
        kept = app_globals.kept_pages.get(place)
        if kept is not None and kept.etag == etag:
            # Found the same as the page read: fresh again, from now,
            # whether it is sent or answered 304.
            body = kept.body
            app_globals.kept_pages.put(place, _made(body))
    etag_cache(etag, last_modified=modified)
    return body


def _public(environ):
    """Whether the page is the same for every reader like this one: one
    the wiki does not know (no account, no session read because the
    request brought its cookie, no proxy's password, no single sign-on),
    on a wiki that lets caches keep pages."""
    return (
        auth.account(environ) is None
        and not session.accessed()
        and "HTTP_AUTHORIZATION" not in environ
        and not app_globals.sso
        and app_globals.public_max_age
    )


def _say_public(seconds):
    """Let anyone keep the page for ``seconds``."""
    response.headers["Cache-Control"] = "public, max-age=%d" % seconds
    response.headers.pop("Pragma", None)


def _place(environ):
    """The request's URL as the kept pages know it, all of it that a
    page's links may repeat, and the language it is shown in."""
    return (
        environ.get("HTTP_HOST"),
        environ["wsgi.url_scheme"],
        environ.get("SCRIPT_NAME"),
        environ.get("PATH_INFO"),
        environ.get("QUERY_STRING"),
        environ.get(languages.CHOSEN) or str(get_lang()),
    )


def keep(body):
    """``body``, the page just rendered, kept for the next readers the wiki
    does not know who ask for its URL, if it is public still: no longer
    when rendering it used the session or it was found :func:`unkept`."""
    known = request.environ.get(_KEPT_AS)
    if known is not None and "ETag" in response.headers and not session.accessed():
        app_globals.kept_pages.put(known[0], _made(body))
    return body


def _made(body):
    """``body`` as the kept pages keep it, made now for the request's
    place, ETag and Last-Modified (:func:`validate`)."""
    environ = request.environ
    _where, etag, modified = environ[_KEPT_AS]
    # An action without @kept reads before it counts: never fresh.
    writes = environ.get(_WRITES_SEEN, -1)
    return Kept(etag, modified, body, time.monotonic(), writes)


def unkept():
    """Say that the page about to be sent is no copy to keep, after all:
    it tells of a failure of the moment (a comparison no worker could make
    in time), which the next request may not meet."""
    del response.etag
    del response.last_modified
    response.headers["Cache-Control"] = "no-store"
