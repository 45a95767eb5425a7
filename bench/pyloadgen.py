"""A small closed-loop HTTP load generator, for machines without wrk.

Each of ``connections`` threads keeps one HTTP/1.1 connection open and
sends the next request as soon as the last answer is read, until the time
is up, like wrk does.  Being Python, it spends far more CPU per request
than wrk, so its figures understate the server; the results say which
generator made them.
"""

import http.client
import itertools
import threading
import time

import stats

_FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def run(host, port, spec, seconds, connections):
    """Load ``spec`` (a :class:`loadgen.LoadSpec`); the run's figures."""
    turns = itertools.count()
    pages = PageTurns(spec) if spec.revision_field else None
    deadline = time.perf_counter() + seconds
    workers = [
        _Worker(host, port, spec, turns, pages, deadline) for _ in range(connections)
    ]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    sent = next(turns)  # the number the next request would have had
    latencies = [value for worker in workers for value in worker.latencies]
    errors = {"connect": 0, "read": 0, "write": 0, "timeout": 0, "unexpected": 0}
    for worker in workers:
        for kind, count in worker.errors.items():
            errors[kind] += count
    if not latencies:
        return stats.load_figures(
            0, elapsed, 0.0, 0.0, 0.0, errors, "python", sent=sent
        )
    return stats.load_figures(
        requests=len(latencies),
        seconds=elapsed,
        p50_ms=stats.percentile(latencies, 50) * 1e3,
        p99_ms=stats.percentile(latencies, 99) * 1e3,
        mean_ms=sum(latencies) / len(latencies) * 1e3,
        errors=errors,
        generator="python",
        sent=sent,
    )


class PageTurns:
    """Where the saves of a load with a revision field go (see
    :class:`loadgen.LoadSpec`): each to the next variant in turn whose page
    has no save in flight, with the revision that page is at.

    A page's revision starts at its variant's fourth item, and grows with
    each save of it answered with the expected status.  A page whose saves
    are all in flight is taken in turn all the same.  ``wrk_script.lua``
    does the same.
    """

    def __init__(self, spec):
        self.expected_status = spec.expected_status
        self.revisions = [variant[3] for variant in spec.variants]
        self.busy = set()
        self.last = -1
        self.lock = threading.Lock()

    def take(self):
        """``(variant index, revision)`` of the next save, now in flight."""
        with self.lock:
            count = len(self.revisions)
            waiting = [(self.last + step) % count for step in range(1, count + 1)]
            index = next(
                (index for index in waiting if index not in self.busy), waiting[0]
            )
            self.last = index
            self.busy.add(index)
            return index, self.revisions[index]

    def answered(self, index, status):
        """The save to variant ``index`` was answered with ``status`` (None:
        not at all)."""
        with self.lock:
            self.busy.discard(index)
            if status == self.expected_status:
                self.revisions[index] += 1


class _Worker(threading.Thread):
    """One connection's request loop; collects latencies in seconds."""

    def __init__(self, host, port, spec, turns, pages, deadline):
        super().__init__(daemon=True)
        self.host, self.port, self.spec = host, port, spec
        self.turns, self.pages, self.deadline = turns, pages, deadline
        self.latencies = []
        self.errors = {"connect": 0, "read": 0, "timeout": 0, "unexpected": 0}

    def run(self):
        connection = None
        while time.perf_counter() < self.deadline:
            if connection is None:
                connection = self._connect()
                if connection is None:
                    continue
            if not self._one_request(connection):
                connection.close()
                connection = None
        if connection is not None:
            connection.close()

    def _connect(self):
        try:
            connection = http.client.HTTPConnection(self.host, self.port, timeout=10)
            connection.connect()
            return connection
        except OSError:
            self.errors["connect"] += 1
            time.sleep(0.01)
            return None

    def _one_request(self, connection):
        """Send one request; False when the connection must be dropped."""
        page, (path, headers, body) = self._next_request()
        start = time.perf_counter()
        status = None
        try:
            connection.request(self.spec.method, path, body, headers)
            response = connection.getresponse()
            response.read()
            status = response.status
        except TimeoutError:
            self.errors["timeout"] += 1
            return False
        except (OSError, http.client.HTTPException):
            self.errors["read"] += 1
            return False
        finally:
            if self.pages is not None:
                self.pages.answered(page, status)
        self.latencies.append(time.perf_counter() - start)
        if status != self.spec.expected_status:
            self.errors["unexpected"] += 1
        return not response.will_close

    def _next_request(self):
        """The next request's page (for :class:`PageTurns`), and its
        ``(path, headers, body)``."""
        page = revision = None
        if self.pages is not None:
            page, revision = self.pages.take()
        path, cookie, body = self.spec.request(next(self.turns), page, revision)
        if body is None:
            return page, (path, dict(self.spec.headers), None)
        return page, (path, dict(_FORM, Cookie=cookie), body.encode())
