"""Framework overhead measured in process: WSGI calls, no sockets.

Every contender of :mod:`hello_apps` answers the same ``GET /hello``.
The contenders take turns in rounds, each round in a rotated order, so
that whatever drifts during the run (CPU frequency, the other core's
load, the allocator's state) is shared out evenly; each round times a
batch of calls per contender and the figures are the medians over
rounds.  :func:`profile` runs one contender under cProfile, and
:func:`run` does both, as part 1 of ``run.py``.

Run alone, it measures part 1 only and writes
``results/overhead-LABEL.md`` and ``results/profile-pylons-full-LABEL.txt``,
e.g. to compare the framework before and after a change::

    python bench/overhead.py before --rounds 15
"""

import argparse
import cProfile
import datetime
import importlib.metadata
import io
import os
import platform
import pstats
import statistics
import sys
import time

import hello_apps
import profile_report
import report
from hello_apps import BODY, PATH
from webob import Request

HERE = os.path.dirname(os.path.abspath(__file__))
#: The tuning knobs of part 1, here and in ``run.py``: flag, type, default,
#: help.
OPTIONS = (
    ("--rounds", int, 15, "alternated rounds of the in-process part"),
    ("--batch", float, 0.2, "seconds per contender per round"),
    ("--profile-calls", int, 5000, "requests profiled through the full Pylons stack"),
)


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
    batch = {
        name: calls_per_batch(app, environ, batch_seconds) for name, app in apps.items()
    }
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


def run(rounds, batch_seconds, profile_calls, results_dir, profile_name):
    """Part 1: the alternated rounds, then the profile of the full stack.

    The profile goes to ``results_dir/profile_name.{prof,txt}``; returns
    the ``overhead`` part of the results.
    """
    apps = {name: build() for name, build in hello_apps.CONTENDERS.items()}
    samples = measure(apps, rounds, batch_seconds)
    prof_path = os.path.join(results_dir, profile_name + ".prof")
    stats = profile(apps["pylons-full"], [base_environ()] * profile_calls, prof_path)
    text_path = os.path.join(results_dir, profile_name + ".txt")
    with open(text_path, "w", encoding="utf-8") as out:
        out.write(
            profile_report.render_text(
                stats, profile_calls, "Pylons full stack, GET /hello"
            )
        )
    summary = profile_report.summary(stats, profile_calls)
    summary["text_file"] = os.path.basename(text_path)
    return {"rounds": rounds, "summary": summarize(samples), "profile": summary}


#: The distributions whose versions an overhead page names.
VERSIONS_OF = (
    "Pylons",
    "pyramid",
    "Flask",
    "WebOb",
    "Paste",
    "Routes",
    "Beaker",
    "whitenoise",
)


def installed_versions(names):
    """Each distribution of ``names`` with its installed version, or None."""
    versions = {}
    for name in names:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def cpu_model():
    """The processor's model name, as the kernel reports it."""
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def render_page(label, overhead, load_before, load_after, note=""):
    """The Markdown page of a part-1-only run labelled ``label``.

    ``note`` (Markdown) says what was measured, e.g. which framework.
    """
    versions = [
        "%s %s" % (name, version)
        for name, version in installed_versions(VERSIONS_OF).items()
        if version is not None
    ]
    heading = "\n".join(
        [
            "# Framework overhead: %s" % label,
            "",
            "Part 1 of the benchmark alone (`python bench/overhead.py %s`), run "
            "%s on %s, %s (%d cores), Python %s. Load average (1, 5, 15 min) "
            "before: %s; after: %s."
            % (
                label,
                datetime.datetime.now().isoformat(timespec="seconds"),
                platform.platform(),
                cpu_model(),
                os.cpu_count(),
                platform.python_version(),
                ", ".join("%.2f" % value for value in load_before),
                ", ".join("%.2f" % value for value in load_after),
            ),
            "",
            "Versions: %s." % ", ".join(versions),
        ]
        + (["", note] if note else [])
    )
    return (
        "\n\n".join(
            [
                heading,
                report._overhead_table(overhead),
                report._profile_tables(overhead["profile"]),
            ]
        )
        + "\n"
    )


def add_options(parser, options):
    """Add ``options`` (as :data:`OPTIONS` gives them) to ``parser``."""
    for flag, kind, default, help_text in options:
        parser.add_argument(
            flag, type=kind, default=default, help=help_text + " (default: %(default)s)"
        )


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Measure part 1 of the benchmark (framework overhead) alone."
    )
    parser.add_argument("label", help="names the result files, e.g. before")
    parser.add_argument(
        "--results",
        default=os.path.join(HERE, "results"),
        help="directory for the result files (default: %(default)s)",
    )
    add_options(parser, OPTIONS)
    parser.add_argument(
        "--note", default="", help="what was measured, for the page (Markdown)"
    )
    args = parser.parse_args(argv)
    os.makedirs(args.results, exist_ok=True)
    load_before = os.getloadavg()
    overhead = run(
        args.rounds,
        args.batch,
        args.profile_calls,
        args.results,
        "profile-pylons-full-" + args.label,
    )
    page = render_page(args.label, overhead, load_before, os.getloadavg(), args.note)
    with open(
        os.path.join(args.results, "overhead-%s.md" % args.label), "w", encoding="utf-8"
    ) as out:
        out.write(page)
    print(page)
    return 0


if __name__ == "__main__":
    sys.exit(main())
