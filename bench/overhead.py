"""Framework overhead and real pages, measured in process: WSGI calls, no
sockets.

Three groups of contenders (:func:`contenders`):

- *hello*: every stack of :mod:`hello_apps` answering the same
  ``GET /hello``;
- *page*: every stack of :mod:`page_apps` rendering the same Mako page;
- *quickwiki*: QuickWiki's own pages (:mod:`quickwiki_apps`), loaded from
  its ini as ``paster serve`` loads it.

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
import tempfile
import time
from typing import NamedTuple

import hello_apps
import page_apps
import profile_report
import quickwiki_apps
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
#: Each group's contenders are compared with these, by the name of the
#: ratio: ``vs_pyramid`` is a contender's time over its group's Pyramid.
BASELINES = {
    "hello": {"pyramid": "pyramid", "flask": "flask"},
    "page": {"pyramid": "pyramid-page", "flask": "flask-page"},
    "quickwiki": {"page_view": "qw-show", "private_page_view": "qw-show-private"},
}


class Contender(NamedTuple):
    """A WSGI application, the request it is sent, and its right answer."""

    app: object
    environ: dict
    status: int = 200
    #: The whole body it must answer with, when it is known beforehand.
    body: bytes | None = None


def groups():
    """Every contender's name, by group, in table order."""
    return {
        "hello": list(hello_apps.CONTENDERS),
        "page": list(page_apps.CONTENDERS),
        "quickwiki": list(quickwiki_apps.REQUESTS),
    }


def group_of(name):
    """The group contender ``name`` is in."""
    return next(group for group, names in groups().items() if name in names)


def build(name, wiki_ini):
    """Contender ``name``; QuickWiki's are loaded from ``wiki_ini``."""
    group = group_of(name)
    if group == "hello":
        return Contender(
            hello_apps.CONTENDERS[name](), base_environ(), 200, BODY.encode()
        )
    if group == "page":
        return Contender(page_apps.CONTENDERS[name](), base_environ(page_apps.PATH))
    wiki = quickwiki_apps.load(wiki_ini)
    return Contender(
        wiki, quickwiki_apps.environ(name, wiki), quickwiki_apps.REQUESTS[name][1]
    )


def contenders(names, wiki_ini):
    """The contenders ``names``, by name; QuickWiki loaded once."""
    built = {}
    wiki = None
    for name in names:
        if group_of(name) == "quickwiki":
            if wiki is None:
                wiki = build(name, wiki_ini).app
            built[name] = Contender(
                wiki,
                quickwiki_apps.environ(name, wiki),
                quickwiki_apps.REQUESTS[name][1],
            )
        else:
            built[name] = build(name, wiki_ini)
    return built


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


def base_environ(path=PATH):
    """The environ of ``GET path`` as a server would hand it over."""
    return Request.blank(path).environ


def check(name, contender):
    """Fail loudly unless ``contender`` answers its request correctly."""
    status, _, body = call(contender.app, contender.environ)
    if int(status[:3]) != contender.status or (
        contender.body is not None and body != contender.body
    ):
        raise RuntimeError("%s answered %s %r" % (name, status, body[:200]))


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


def measure(contenders, rounds, batch_seconds):
    """Per contender, µs per request in each round, rounds alternated.

    ``contenders`` maps names to :class:`Contender`.  Returns
    ``{name: [µs, ...]}``.
    """
    for name, contender in contenders.items():
        check(name, contender)
    batch = {
        name: calls_per_batch(contender.app, contender.environ, batch_seconds)
        for name, contender in contenders.items()
    }
    names = list(contenders)
    samples = {name: [] for name in names}
    for number in range(rounds):
        shift = number % len(names)
        for name in names[shift:] + names[:shift]:
            contender = contenders[name]
            seconds = time_batch(contender.app, contender.environ, batch[name])
            samples[name].append(seconds / batch[name] * 1e6)
    return samples


def summarize(samples):
    """The per-contender figures: median, best and spread of µs/request.

    ``vs_<baseline>`` is the contender's median time over its group's
    baseline's (:data:`BASELINES`): 2.0 means twice the baseline's time
    per request.
    """
    medians = {name: statistics.median(values) for name, values in samples.items()}
    summary = {}
    for name, values in samples.items():
        group = group_of(name)
        summary[name] = {
            "group": group,
            "us_per_request": medians[name],
            "us_best": min(values),
            "us_stdev": statistics.stdev(values) if len(values) > 1 else 0.0,
            "requests_per_second": 1e6 / medians[name],
            "rounds": len(values),
        }
        for ratio, baseline in BASELINES[group].items():
            if baseline in medians:
                summary[name]["vs_" + ratio] = medians[name] / medians[baseline]
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


def run(rounds, batch_seconds, profile_calls, results_dir, profile_name, source_ini):
    """Part 1: the alternated rounds, then the profile of the full stack.

    QuickWiki's pages are those of a wiki made from ``source_ini`` in a
    temporary directory.  The profile goes to
    ``results_dir/profile_name.{prof,txt}``; returns the ``overhead`` part
    of the results.
    """
    with tempfile.TemporaryDirectory(prefix="bench-part1-") as scratch:
        wiki_ini = quickwiki_apps.make_wiki(scratch, source_ini)
        names = [name for names in groups().values() for name in names]
        samples = measure(contenders(names, wiki_ini), rounds, batch_seconds)
    full = build("pylons-full", None)
    prof_path = os.path.join(results_dir, profile_name + ".prof")
    stats = profile(full.app, [full.environ] * profile_calls, prof_path)
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
                report._page_table(overhead),
                report._quickwiki_table(overhead),
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
    parser.add_argument(
        "--ini",
        default=os.path.join(os.path.dirname(HERE), "development.ini"),
        help="the QuickWiki ini the measured wiki's is derived from",
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
        args.ini,
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
