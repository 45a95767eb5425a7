"""Framework overhead measured in process: WSGI calls, no sockets.

Every contender of :mod:`hello_apps` answers the same ``GET /hello``.
The contenders take turns in rounds, each round in a rotated order, so
that whatever drifts during the run (CPU frequency, the other core's
load, the allocator's state) is shared out evenly; each round times a
batch of calls per contender and the figures are the medians over
rounds.  :func:`profile` runs one contender under cProfile.
"""
import cProfile
import io
import pstats
import statistics
import time

from webob import Request

from hello_apps import BODY, PATH


def call(app, environ):
    """One request through ``app``, the body read and the iterable closed.

    Returns ``(status, headers, body)``.
    """
    started = []

    def start_response(status, headers, exc_info=None):
        started[:] = [status, headers]

    result = app(dict(environ), start_response)
    try:
        body = b"".join(result)
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()
    return started[0], started[1], body


def base_environ():
    """The environ of ``GET /hello`` as a server would hand it over."""
    return Request.blank(PATH).environ


def check(app):
    """Fail loudly unless ``app`` answers the hello request correctly."""
    status, _, body = call(app, base_environ())
    if not status.startswith("200") or body != BODY.encode():
        raise RuntimeError("hello app answered %s %r" % (status, body[:200]))


def time_batch(app, environ, calls):
    """Seconds ``calls`` requests through ``app`` take."""
    start = time.perf_counter()
    for _ in range(calls):
        call(app, environ)
    return time.perf_counter() - start


def calls_per_batch(app, environ, batch_seconds):
    """How many calls of ``app`` fill about ``batch_seconds``."""
    calls = 50
    while True:
        elapsed = time_batch(app, environ, calls)
        if elapsed >= batch_seconds / 4:
            return max(1, int(calls * batch_seconds / elapsed))
        calls *= 4


def measure(apps, rounds, batch_seconds):
    """Per contender, µs per request in each round, rounds alternated.

    ``apps`` maps names to WSGI apps.  Returns ``{name: [µs, ...]}``.
    """
    environ = base_environ()
    for app in apps.values():
        check(app)
    batch = {name: calls_per_batch(app, environ, batch_seconds)
             for name, app in apps.items()}
    names = list(apps)
    samples = {name: [] for name in names}
    for number in range(rounds):
        shift = number % len(names)
        for name in names[shift:] + names[:shift]:
            seconds = time_batch(apps[name], environ, batch[name])
            samples[name].append(seconds / batch[name] * 1e6)
    return samples


def summarize(samples, baselines=("pyramid", "flask")):
    """The per-contender figures: median, best and spread of µs/request.

    ``vs_<baseline>`` is the contender's median time over the baseline's:
    2.0 means twice the baseline's time per request.
    """
    medians = {name: statistics.median(values) for name, values in samples.items()}
    summary = {}
    for name, values in samples.items():
        summary[name] = {
            "us_per_request": medians[name],
            "us_best": min(values),
            "us_stdev": statistics.stdev(values) if len(values) > 1 else 0.0,
            "requests_per_second": 1e6 / medians[name],
            "rounds": len(values),
        }
        for baseline in baselines:
            summary[name]["vs_" + baseline] = medians[name] / medians[baseline]
    return summary


def profile(app, environs, prof_path=None):
    """Profile one request through ``app`` per environ of ``environs``.

    Saves the raw stats to ``prof_path`` when given; returns the
    :class:`pstats.Stats` for reporting.
    """
    profiler = cProfile.Profile()
    profiler.enable()
    for environ in environs:
        call(app, environ)
    profiler.disable()
    if prof_path:
        profiler.dump_stats(prof_path)
    return pstats.Stats(profiler, stream=io.StringIO())
