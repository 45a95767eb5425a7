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
    deadline = time.perf_counter() + seconds
    workers = [_Worker(host, port, spec, turns, deadline)
               for _ in range(connections)]
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
        return stats.load_figures(0, elapsed, 0.0, 0.0, 0.0, errors, "python",
                                  sent=sent)
    return stats.load_figures(
        requests=len(latencies), seconds=elapsed,
        p50_ms=stats.percentile(latencies, 50) * 1e3,
        p99_ms=stats.percentile(latencies, 99) * 1e3,
        mean_ms=sum(latencies) / len(latencies) * 1e3,
        errors=errors, generator="python", sent=sent)


class _Worker(threading.Thread):
    """One connection's request loop; collects latencies in seconds."""

    def __init__(self, host, port, spec, turns, deadline):
        super().__init__(daemon=True)
        self.host, self.port, self.spec = host, port, spec
        self.turns, self.deadline = turns, deadline
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
            connection = http.client.HTTPConnection(self.host, self.port,
                                                    timeout=10)
            connection.connect()
            return connection
        except OSError:
            self.errors["connect"] += 1
            time.sleep(0.01)
            return None

    def _one_request(self, connection):
        """Send one request; False when the connection must be dropped."""
        path, headers, body = self._next_request()
        start = time.perf_counter()
        try:
            connection.request(self.spec.method, path, body, headers)
            response = connection.getresponse()
            response.read()
        except TimeoutError:
            self.errors["timeout"] += 1
            return False
        except (OSError, http.client.HTTPException):
            self.errors["read"] += 1
            return False
        self.latencies.append(time.perf_counter() - start)
        if response.status != self.spec.expected_status:
            self.errors["unexpected"] += 1
        return not response.will_close

    def _next_request(self):
        path, cookie, body = self.spec.request(next(self.turns))
        if body is None:
            return path, {}, None
        return path, dict(_FORM, Cookie=cookie), body.encode()
