"""Run the whole benchmark in one go and write ``bench/results/``.

    python bench/run.py                    # everything, about five minutes
    python bench/run.py --seconds 1 --wiki-rounds 1 --sizes 100,1000   # a quick look

1. framework overhead in process (Pylons full and core stacks, Pyramid,
   Flask), with a cProfile profile of the full Pylons stack;
2. QuickWiki and the wiki2 peer over HTTP under ``paster serve`` with
   waitress, at each database size of ``--sizes``, the sizes alternated
   within every round;
3. the growth of their figures with the page count.

Writes ``latest.json``, ``latest.md``, ``overhead.png``, ``wiki.png``,
``profile-pylons-full.{txt,prof}`` and ``profile-<wiki>-<operation>.txt``
to the results directory.  Every server it starts it stops; all traffic
goes to 127.0.0.1.  Exits 1 when any request or check failed (the results
are written all the same).
"""

import argparse
import datetime
import os
import platform
import signal
import sys

import loadgen
import overhead
import plots
import report
import wiki_bench

HERE = os.path.dirname(os.path.abspath(__file__))
PROFILE_NAME = "profile-pylons-full"
#: The distributions whose versions a run names: part 1's, and the wikis'.
VERSIONS_OF = overhead.VERSIONS_OF + (
    "QuickWiki",
    "waitress",
    "SQLAlchemy",
    "docutils",
    "Mako",
    "pyramid_mako",
    "Jinja2",
    "pyramid_jinja2",
    "pyramid_tm",
    "zope.sqlalchemy",
)


#: The tuning knobs, part 1's and the wikis': flag, type, default, help.  The
#: defaults keep a run to about five minutes on two cores.
OPTIONS = overhead.OPTIONS + (
    ("--wiki-profile-calls", int, 100, "requests of each wiki operation profiled"),
    (
        "--wiki-rounds",
        int,
        3,
        "rounds of the HTTP part, each visiting every measurement",
    ),
    ("--seconds", int, 3, "seconds of load per HTTP measurement and round"),
    ("--warmup", int, 1, "seconds of load before the first round of each measurement"),
    ("--connections", int, 8, "concurrent connections of the load generator"),
    (
        "--sizes",
        str,
        "100,10000,100000,1000000",
        "database sizes in pages, comma separated",
    ),
)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--results",
        default=os.path.join(HERE, "results"),
        help="directory for the result files (default: %(default)s)",
    )
    parser.add_argument(
        "--ini",
        default=os.path.join(os.path.dirname(HERE), "development.ini"),
        help="QuickWiki ini the served configs derive from",
    )
    parser.add_argument(
        "--generator",
        choices=("wrk", "python"),
        default=loadgen.default_generator(),
        help="load generator (default: wrk when installed: %(default)s)",
    )
    parser.add_argument(
        "--name",
        default="latest",
        help="the results files' name (default: %(default)s)",
    )
    parser.add_argument(
        "--operations",
        default="",
        help="measure only these wiki operations, comma separated (e.g. "
        "save,search), and skip part 1 and the profiles",
    )
    parser.add_argument(
        "--before",
        default="",
        help="a commit (e.g. a6311a0): also measure the saves of QuickWiki "
        "and the framework as they were there, side by side",
    )
    overhead.add_options(parser, OPTIONS)
    args = parser.parse_args(argv)
    args.sizes = sorted(int(size) for size in args.sizes.split(","))
    args.operations = [name for name in args.operations.split(",") if name]
    return args


def main(argv=None):
    args = parse_args(argv)
    # A SIGTERM must unwind like Ctrl-C so that the servers get stopped.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    os.makedirs(args.results, exist_ok=True)
    results = {"meta": describe_run(args)}
    if not args.operations:
        print("1. framework overhead, in process", flush=True)
        results["overhead"] = run_overhead(args)
    print("2-3. QuickWiki and the wiki2 peer over HTTP", flush=True)
    results["wiki"] = wiki_bench.run(args)
    results["meta"]["load_average_end"] = os.getloadavg()
    write_results(results, args.results, args.name)
    failed = sum(row["error_count"] for row in results["wiki"]["rows"])
    print("\n" + report.render_markdown(results))
    if failed:
        print("FAILED: %d requests or checks failed" % failed, file=sys.stderr)
        return 1
    return 0


def describe_run(args):
    versions = {
        name: version or "not installed"
        for name, version in overhead.installed_versions(VERSIONS_OF).items()
    }
    return {
        "started": datetime.datetime.now().isoformat(timespec="seconds"),
        "machine": "%s, %s" % (platform.platform(), overhead.cpu_model()),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "generator": args.generator,
        "connections": args.connections,
        "seconds": args.seconds,
        "warmup_seconds": args.warmup,
        "wiki_rounds": args.wiki_rounds,
        "before": args.before,
        "load_average": os.getloadavg(),
        "versions": versions,
    }


def run_overhead(args):
    """Part 1: the alternated rounds, then the profile of the full stack."""
    return overhead.run(
        args.rounds,
        args.batch,
        args.profile_calls,
        args.results,
        PROFILE_NAME,
        args.ini,
    )


def write_results(results, directory, name="latest"):
    """Write the results as ``name``.json and .md, with the charts; a run of
    some operations only writes no chart of part 1 and names its growth
    chart after ``name`` (the whole run's is ``wiki.png``)."""
    report.write_json(results, os.path.join(directory, name + ".json"))
    report.write_markdown(results, os.path.join(directory, name + ".md"))
    if "overhead" in results:
        plots.overhead_chart(
            results["overhead"], os.path.join(directory, "overhead.png")
        )
    chart = "wiki.png" if name == "latest" else name + ".png"
    plots.growth_chart(results["wiki"], os.path.join(directory, chart))


if __name__ == "__main__":
    sys.exit(main())
