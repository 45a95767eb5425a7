"""Per-client limits, so that no single visitor can take the wiki from others.

Two kinds of limit apply to each client (its address, see :func:`client`):

- **Rates and quotas**: how often a client may do a thing in a window of
  time, or how much of something (bytes written) it may use.  They are
  counted with the `limits <https://limits.readthedocs.io/>`_ library
  (the one behind Flask-Limiter and SlowAPI), with its fixed-window
  strategy, in a store that every process of the wiki shares: the
  database by default (:class:`DatabaseStorage`, the ``rate_counters``
  table), or Redis, or any other store ``limits`` knows, named by
  ``quickwiki.rate_limit_storage`` (``redis://localhost:6379/0``).
  Each rule is named; :data:`DEFAULT_RULES` gives each one's limits,
  which ``quickwiki.rate_limit.NAME`` in the config replaces.
- **Shares**: how many requests, and how many costly ones (rendering,
  comparing, merging), a client runs at once.  Threads and render workers
  belong to one process, so these are counted in the process, by
  :meth:`Limiter.share`; :data:`DEFAULT_SHARES` gives each one's size,
  which ``quickwiki.client_NAME`` replaces.  :class:`ClientShare` holds
  every request to the ``requests`` share, and to a rate of requests
  started (``quickwiki.client_request_rate``), also counted in the
  process, in memory: a flood of requests is refused at the door.

Over a limit, the answer is :class:`TooManyRequests`: ``429 Too Many
Requests`` with ``Retry-After``, which the error document shows.  In a
request, an action (or the login code) counts with::

    from quickwiki.lib import limiting

    limiting.hit("writes", limiting.client())
    limiting.hit("login_account", account_name)   # any keys a rule needs
    with limiting.share("renders"):
        ...
"""

import contextlib
import functools
import hashlib
import io
import ipaddress
import math
import threading
import time

import limits
import limits.storage
import limits.strategies
from sqlalchemy import case, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError
from webob import Request, Response
from webob.exc import HTTPTooManyRequests

import pylons

from quickwiki.model import RateCounter
from quickwiki.model.meta import transaction

__all__ = [
    "DEFAULT_RULES",
    "DEFAULT_SHARES",
    "ClientShare",
    "DatabaseStorage",
    "Limiter",
    "TooManyRequests",
    "client",
    "hit",
    "share",
]

#: Each rule's limits, in the ``limits`` library's notation: several
#: separated by ``;``, each ``AMOUNT/PERIOD`` (or ``AMOUNT per PERIOD``).
#: Generous for a person, fatal for a script.
DEFAULT_RULES = {
    # Requests that render, compare or merge: an old revision, a diff, a
    # preview, a save, a restore.
    "costly": "30/minute;300/hour",
    # Revisions made: saves, restores and deletions.
    "writes": "20/minute;200/hour",
    # Bytes of page text saved or restored (32 pages of the largest size
    # an hour).
    "written": "8388608/hour;33554432/day",
    # Login attempts naming one account (counted whether it exists or not,
    # so that the answer does not tell), and made by one client.
    "login_account": "10/minute;50/hour",
    "login_client": "30/minute;300/hour",
    # Full-text searches, in the pages and in the API.
    "searches": "60/minute;600/hour",
    # Atom feeds made (a reader that has the latest one is answered 304
    # without counting).
    "feeds": "30/minute;300/hour",
}

#: How many requests of each kind one client runs at once in one process:
#: ``requests``, of the server's threads (waitress's ``threads``, 4 by
#: default); ``renders``, of the render workers (2 by default).
DEFAULT_SHARES = {"requests": 2, "renders": 1}

#: What a client refused by :class:`ClientShare` is told.
CLIENT_REFUSAL = (
    "You are sending more requests at once than the wiki takes from one "
    "visitor. Try again in a moment."
)
#: Requests one client may start in one process, unless configured.
DEFAULT_REQUEST_RATE = "20/second;600/minute"

#: The wait a refused share asks for: the request it waits for is
#: bounded by the work budget, and usually ends well before.
SHARE_RETRY_AFTER = 1


class TooManyRequests(HTTPTooManyRequests):
    """``429 Too Many Requests``: a client went over one of its limits.

    ``wait`` is the number of seconds after which it may try again, also
    sent as ``Retry-After``.
    """

    def __init__(self, detail, wait):
        super().__init__(detail=detail, headers=[("Retry-After", str(wait))])
        self.wait = wait


class Limiter:
    """The rates and shares of the wiki's clients.

    ``rules`` maps each rule's name to its limits (a string in the
    ``limits`` notation; empty or ``none``: no limit), ``shares`` each
    share's name to its size (0: no limit), and ``storage`` is where the
    rates are counted (a ``limits`` storage).
    """

    def __init__(self, rules, shares, storage, request_rate="none"):
        #: Requests a client may start in this process (a ``limits``
        #: string), counted in memory: it guards this process's threads.
        self.request_rate = _parsed(request_rate)
        self._pace = limits.strategies.MovingWindowRateLimiter(
            limits.storage.MemoryStorage()
        )
        self.rules = {name: _parsed(spec) for name, spec in rules.items()}
        self.shares = dict(shares)
        self.storage = storage
        self._strategy = limits.strategies.FixedWindowRateLimiter(storage)
        self._lock = threading.Lock()
        self._held = {}

    def hit(self, rule, *keys, cost=1):
        """Count ``cost`` against rule ``rule`` for ``keys`` (say a client
        address, or an account name).

        Raises :class:`TooManyRequests` if that goes over one of the
        rule's limits; each limit counts the hit all the same.  A rule
        named nowhere is a ``KeyError``; one configured as ``none`` never
        refuses.
        """
        if rule not in self.rules and rule not in DEFAULT_RULES:
            raise KeyError("No rate limit rule is named %r" % rule)
        over = [
            item
            for item in self.rules.get(rule, ())
            if not self._strategy.hit(item, rule, *keys, cost=cost)
        ]
        if over:
            wait = max(self._seconds_to_reset(item, rule, *keys) for item in over)
            raise TooManyRequests(
                "Too many of these requests from you: %s. Try again in "
                "%s." % (", ".join(map(_spelled, over)), _duration(wait)),
                wait,
            )

    def pace(self, key):
        """Count a request of ``key`` in this process; False when it goes
        over the ``request_rate``."""
        return all(self._pace.hit(item, key) for item in self.request_rate)

    def clear(self, rule, *keys):
        """Forget what rule ``rule`` counted for ``keys``."""
        for item in self.rules.get(rule, ()):
            self._strategy.clear(item, rule, *keys)

    def _seconds_to_reset(self, item, *identifiers):
        reset = self._strategy.get_window_stats(item, *identifiers).reset_time
        return max(1, math.ceil(reset - time.time()))

    @contextlib.contextmanager
    def share(self, kind, key):
        """Hold one of ``key``'s places in share ``kind`` for the block.

        Raises :class:`TooManyRequests` when ``key`` already holds all of
        them.  A share of size 0 is not limited.
        """
        size = self.shares[kind]
        held_key = (kind, key)
        with self._lock:
            held = self._held.get(held_key, 0)
            if size and held >= size:
                raise TooManyRequests(
                    "You have as many requests of this kind running as one "
                    "visitor may run at once. Try again when they are done.",
                    SHARE_RETRY_AFTER,
                )
            self._held[held_key] = held + 1
        try:
            yield
        finally:
            with self._lock:
                left = self._held.pop(held_key) - 1
                if left:
                    self._held[held_key] = left


def _parsed(spec):
    """The limits of ``spec`` in the ``limits`` notation (none: no limit)."""
    if spec.strip().lower() in ("", "none"):
        return []
    return limits.parse_many(spec)


def _spelled(item):
    """A limit as people read it: ``at most 20 a minute``."""
    period = item.GRANULARITY.name
    if item.multiples != 1:
        period = "%d %ss" % (item.multiples, period)
    return "at most %d per %s" % (item.amount, period)


def _duration(seconds):
    if seconds < 120:
        return "%d second%s" % (seconds, "" if seconds == 1 else "s")
    return "%d minutes" % math.ceil(seconds / 60)


def client(environ=None):
    """The client of the current request (or of ``environ``), as limits
    count it: its address, or for IPv6 its /64 network, which one
    subscriber usually has whole.

    The address is ``REMOTE_ADDR``, which waitress takes from the
    ``X-Forwarded-For`` of a trusted proxy alone (``trusted_proxy``).
    """
    if environ is None:
        environ = pylons.request.environ
    return _client_of(environ.get("REMOTE_ADDR") or "unknown")


#: How many addresses' clients :func:`client` remembers.
CLIENTS_KEPT = 4096


@functools.lru_cache(maxsize=CLIENTS_KEPT)
def _client_of(address):
    """The client an address counts as, worked out once for an address
    met again: every request asks, and parsing one takes a few µs."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 4:
        return str(parsed)
    if parsed.ipv4_mapped is not None:
        return str(parsed.ipv4_mapped)
    return str(ipaddress.ip_network((parsed, 64), strict=False))


def hit(rule, *keys, cost=1):
    """:meth:`Limiter.hit` of the running application's limiter."""
    pylons.app_globals.limiter.hit(rule, *keys, cost=cost)


def share(kind, key=None):
    """:meth:`Limiter.share` of the running application's limiter, for
    ``key`` or else the current request's :func:`client`."""
    return pylons.app_globals.limiter.share(kind, client() if key is None else key)


class ClientShare:
    """WSGI middleware: each client starts requests at most at the
    limiter's ``request_rate``, and runs at most its ``requests`` share of
    them at once; more are answered with 429 at once.

    A request holds its place until its answer is made: a body made whole
    (a list, as pages and redirects are) gives it back at once, since its
    client may read it and ask again (follow a redirect) before the server
    closes it; a streamed one holds it until it is closed.
    The refusal is the application's own error document for it, made once
    (through the application, as StatusCodeRedirect makes documents,
    without the client's cookies) and then sent as it is: a client
    opening many connections is refused at the cost of a static file, not
    of a page.  Put it just outside StatusCodeRedirect.
    """

    def __init__(self, app, limiter):
        self.app = app
        self.limiter = limiter
        self._refusal = None

    def __call__(self, environ, start_response):
        """Run the request within the client's share, or refuse it."""
        key = client(environ)
        place = self.limiter.share("requests", key)
        try:
            if not self.limiter.pace(key):
                raise TooManyRequests(CLIENT_REFUSAL, SHARE_RETRY_AFTER)
            place.__enter__()
        except TooManyRequests:
            refused = TooManyRequests(CLIENT_REFUSAL, SHARE_RETRY_AFTER)
            status, headers, body = self._refusal or self._document(environ, refused)
            start_response(status, headers)
            return [body]
        streamed = False
        try:
            body = self.app(environ, start_response)
            streamed = not isinstance(body, list)
            return _Released(body, place) if streamed else body
        finally:
            if not streamed:
                place.__exit__(None, None, None)

    def _document(self, environ, refused):
        """The error document of ``refused``, made and kept for the next."""
        original_environ = dict(environ)
        original_environ.pop("HTTP_COOKIE", None)
        original_environ["pylons.controller.exception"] = refused
        document_environ = dict(
            original_environ,
            PATH_INFO="/error/document",
            REQUEST_METHOD="GET",
            QUERY_STRING="",
            CONTENT_LENGTH="0",
        )
        document_environ.pop("CONTENT_TYPE", None)
        document_environ["wsgi.input"] = io.BytesIO()
        document_environ["pylons.original_request"] = Request(original_environ)
        document_environ["pylons.original_response"] = Response(
            status=refused.status, headerlist=list(refused.headerlist)
        )
        document = Request(document_environ).get_response(self.app)
        headers = [
            (name, value)
            for name, value in document.headerlist
            if name.lower() != "set-cookie"
        ]
        headers.append(("Retry-After", str(refused.wait)))
        self._refusal = (refused.status, headers, document.body)
        return self._refusal


class _Released:
    """A response body that gives its client's place back once closed."""

    def __init__(self, body, place):
        self.body = body
        self.place = place

    def __iter__(self):
        return iter(self.body)

    def close(self):
        """Close the body, then give the place back."""
        try:
            close = getattr(self.body, "close", None)
            if close is not None:
                close()
        finally:
            self.place.__exit__(None, None, None)


class DatabaseStorage(limits.storage.Storage):
    """A ``limits`` storage in the wiki's database, for the fixed-window
    strategy: one row of ``rate_counters`` per counter.

    Each increment is one statement (an upsert, on SQLite as on
    PostgreSQL), atomic whichever process runs it.  Counters past their
    window are deleted now and then, as increments go by.
    """

    STORAGE_SCHEME = None
    #: How often, in seconds, increments also delete expired counters.
    PURGE_INTERVAL = 300

    def __init__(self):
        super().__init__()
        self._purged = time.monotonic()

    @property
    def base_exceptions(self):
        return SQLAlchemyError

    def incr(self, key, expiry, amount=1):
        """The counter ``key`` plus ``amount``, in a window of ``expiry``
        seconds that starts now if the last one has ended."""
        now = time.time()
        key = _stored_key(key)
        table = RateCounter.__table__
        with transaction() as session:
            insert = _dialect(session).insert(table)
            expired = table.c.expires <= now
            count = session.execute(
                insert.values(key=key, count=amount, expires=now + expiry)
                .on_conflict_do_update(
                    index_elements=[table.c.key],
                    set_={
                        "count": case((expired, amount), else_=table.c.count + amount),
                        "expires": case((expired, now + expiry), else_=table.c.expires),
                    },
                )
                .returning(table.c.count)
            ).scalar_one()
            if time.monotonic() - self._purged > self.PURGE_INTERVAL:
                self._purged = time.monotonic()
                session.execute(delete(table).where(expired))
        return count

    def get(self, key):
        """The counter ``key`` in its current window (0: none)."""
        row = self._row(key)
        return row.count if row is not None and row.expires > time.time() else 0

    def get_expiry(self, key):
        """When counter ``key``'s window ends (now, if it has none)."""
        row = self._row(key)
        now = time.time()
        return row.expires if row is not None and row.expires > now else now

    def _row(self, key):
        table = RateCounter.__table__
        with transaction() as session:
            return session.execute(
                select(table.c.count, table.c.expires).where(
                    table.c.key == _stored_key(key)
                )
            ).one_or_none()

    def check(self):
        """Whether the database answers."""
        try:
            with transaction() as session:
                session.execute(select(1))
        except SQLAlchemyError:
            return False
        return True

    def reset(self):
        """Delete every counter: how many there were."""
        with transaction() as session:
            return session.execute(delete(RateCounter.__table__)).rowcount

    def clear(self, key):
        """Delete counter ``key``."""
        table = RateCounter.__table__
        with transaction() as session:
            session.execute(delete(table).where(table.c.key == _stored_key(key)))


def _dialect(session):
    """The module of the session's database, for its upsert."""
    return {"sqlite": sqlite, "postgresql": postgresql}[session.get_bind().dialect.name]


def _stored_key(key):
    """``key``, or its digest when it is longer than the column."""
    if len(key) <= RateCounter.MAX_KEY_LENGTH:
        return key
    return "sha256:" + hashlib.sha256(key.encode("utf-8")).hexdigest()


def storage_from_setting(url):
    """The storage ``quickwiki.rate_limit_storage`` names: the database
    when it is empty, else the ``limits`` storage of that URL."""
    if not url:
        return DatabaseStorage()
    return limits.storage.storage_from_string(url)
