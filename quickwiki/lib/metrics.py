"""Prometheus metrics of a wiki process, at ``/metrics`` when the config
says ``quickwiki.metrics = true`` (off by default).

Each process of a wiki keeps its own metrics and answers for them alone:
Prometheus scrapes every process on its own port (``127.0.0.1:5000``,
``127.0.0.1:5001``, ...), never through nginx, which would hand each scrape
to any one of them.  Their render workers are processes too, but the
serving process counts their calls.  The metrics, made with the
``prometheus_client`` library:

- ``quickwiki_requests_total`` (``route``, ``method``, ``status``) and
  ``quickwiki_request_duration_seconds`` (``route``, ``method``): the
  requests, by the name of the route that took them (``other``: static
  files, and URLs of no route), until their response was sent;
- ``quickwiki_render_waiting`` and ``quickwiki_render_busy``: rendering
  calls waiting for a free worker, and workers rendering, now;
  ``quickwiki_render_workers``, how many there may be;
  ``quickwiki_render_calls_total`` and ``quickwiki_render_failures_total``
  (``reason``: ``timeout``, ``crashed``, ``busy``, ``start_failed``,
  ``error``), since the process started;
- ``quickwiki_db_connections`` (``state``: ``in_use``, ``idle``) and
  ``quickwiki_db_pool_size``: the database connections of SQLAlchemy's pool;
- and ``prometheus_client``'s own of the process: processor time, memory,
  open files, garbage collection.

``/metrics`` is answered in front of the application, and not counted.
"""

import time

from paste.wsgilib import add_close
from prometheus_client import (
    CollectorRegistry,
    Counter,
    GCCollector,
    Histogram,
    PlatformCollector,
    ProcessCollector,
    make_wsgi_app,
)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily

from quickwiki.lib import work

__all__ = ["PATH", "Metrics"]

#: Where the metrics are answered.
PATH = "/metrics"

#: The methods a request is counted by; any other counts as "other".
_METHODS = frozenset(["GET", "HEAD", "POST"])


class Metrics:
    """WSGI middleware that measures the requests to ``app`` and answers
    :data:`PATH` with the metrics of this process; ``engine`` is the
    database's, whose pool it reports."""

    def __init__(self, app, engine):
        self.app = app
        self.registry = CollectorRegistry()
        for collector in (ProcessCollector, PlatformCollector, GCCollector):
            collector(registry=self.registry)
        self.registry.register(_PoolCollector(engine))
        self.requests = Counter(
            "quickwiki_requests",
            "Requests answered, by route, method and status.",
            ["route", "method", "status"],
            registry=self.registry,
        )
        self.durations = Histogram(
            "quickwiki_request_duration_seconds",
            "Seconds from a request's arrival to the end of its response.",
            ["route", "method"],
            registry=self.registry,
        )
        self.exposition = make_wsgi_app(self.registry)

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") == PATH:
            return self.exposition(environ, start_response)
        started = time.perf_counter()
        statuses = []

        def start_and_note(status, headers, exc_info=None):
            statuses.append(status.split(" ", 1)[0])
            return start_response(status, headers, exc_info)

        body = self.app(environ, start_and_note)
        return add_close(body, lambda: self._count(environ, statuses, started))

    def _count(self, environ, statuses, started):
        """Count a request whose response has been sent."""
        route = environ.get("routes.route")
        name = (route.name or route.routepath) if route is not None else "other"
        method = environ["REQUEST_METHOD"]
        method = method if method in _METHODS else "other"
        status = statuses[-1] if statuses else "none"
        self.requests.labels(name, method, status).inc()
        self.durations.labels(name, method).observe(time.perf_counter() - started)


class _PoolCollector:
    """The render workers' and the database connections' figures, read
    when Prometheus asks for them."""

    def __init__(self, engine):
        self.engine = engine

    def collect(self):
        yield from self._render_workers(work.worker_pool())
        # SQLAlchemy's QueuePool, which file and server databases get, counts
        # its connections; the pool of an in-memory SQLite database does not.
        if hasattr(self.engine.pool, "checkedout"):
            yield from self._database(self.engine.pool)

    def _render_workers(self, pool):
        yield _gauge(
            "quickwiki_render_waiting",
            "Calls waiting for a free render worker.",
            pool.waiting,
        )
        yield _gauge("quickwiki_render_busy", "Render workers rendering.", pool.busy)
        yield _gauge(
            "quickwiki_render_workers", "Render workers there may be.", pool.workers
        )
        yield CounterMetricFamily(
            "quickwiki_render_calls", "Rendering calls ended.", value=pool.calls
        )
        failures = CounterMetricFamily(
            "quickwiki_render_failures",
            "Rendering calls that gave no HTML, by reason.",
            labels=["reason"],
        )
        for reason, count in sorted(pool.failures.items()):
            failures.add_metric([reason], count)
        yield failures

    def _database(self, connections):
        in_use = GaugeMetricFamily(
            "quickwiki_db_connections",
            "Database connections of the pool, by state.",
            labels=["state"],
        )
        in_use.add_metric(["in_use"], connections.checkedout())
        in_use.add_metric(["idle"], connections.checkedin())
        yield in_use
        yield _gauge(
            "quickwiki_db_pool_size",
            "Connections the pool keeps open (more may open at a peak).",
            connections.size(),
        )


def _gauge(name, documentation, value):
    return GaugeMetricFamily(name, documentation, value=value)
