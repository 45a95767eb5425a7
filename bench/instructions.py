"""Instructions per request, counted with callgrind: before/after figures
that the machine's other load does not move.

Timings on a shared machine vary from run to run; the number of
instructions a request executes hardly does.  For each contender of part
1 (the hello stacks, the Mako page stacks, QuickWiki's pages), a process
under ``valgrind --tool=callgrind`` builds it, makes :data:`WARMUP`
requests, freezes what the garbage collector has seen (``gc.freeze``),
then makes N more, consumed by a ``deque`` of no length: callgrind
collects only within that deque's C function (``--toggle-collect`` of
``consume_iterator``, which no request calls), so the count over N is
the count per request, the process's start and warm-up left out.

    python bench/instructions.py LABEL [--note TEXT] [NAME ...]

writes ``results/instructions-LABEL.md``; without names, every contender
is counted (about ten minutes).  Needs valgrind (``apt-get install
valgrind``) and a Python with its symbols (as built, not stripped).
"""

import argparse
import collections
import datetime
import gc
import os
import platform
import re
import subprocess
import sys
import tempfile

import overhead
import quickwiki_apps
import report

HERE = os.path.dirname(os.path.abspath(__file__))
WARMUP = 300
#: Requests counted per contender, by group: QuickWiki's pages take
#: longer each.
REQUESTS = {"hello": 2000, "page": 2000, "quickwiki": 300}


def child(name, requests, wiki_ini):
    """Under callgrind: build ``name``, warm it up, make ``requests`` more."""
    contender = overhead.build(name, wiki_ini)
    for _ in range(WARMUP):
        overhead.call(contender.app, contender.environ)
    gc.collect()
    gc.freeze()
    collections.deque(
        (overhead.call(contender.app, contender.environ) for _ in range(requests)),
        maxlen=0,
    )


def per_request(name, wiki_ini, scratch):
    """Instructions per request of contender ``name``, once warmed up."""
    requests = REQUESTS[overhead.group_of(name)]
    out = os.path.join(scratch, "callgrind.%s" % name)
    command = [
        "valgrind",
        "--tool=callgrind",
        "--collect-atstart=no",
        "--toggle-collect=consume_iterator",
        "--callgrind-out-file=" + out,
        sys.executable,
        os.path.abspath(__file__),
        "--child",
        name,
        str(requests),
        wiki_ini,
    ]
    subprocess.run(command, check=True, capture_output=True, cwd=HERE)
    counted = total_instructions(out)
    if not counted:
        raise RuntimeError("callgrind collected nothing: is Python stripped?")
    return counted / requests


def total_instructions(path):
    """The total of a callgrind output file (its ``summary:`` line)."""
    with open(path, encoding="utf-8", errors="replace") as out:
        for line in out:
            found = re.match(r"(?:summary|totals):\s+(\d+)", line)
            if found:
                return int(found.group(1))
    raise RuntimeError("no summary in %s" % path)


def render_page(label, counts, note=""):
    """The Markdown page of the counts of a run labelled ``label``."""
    parts = [
        "# Instructions per request: %s" % label,
        "",
        "Counted by `python bench/instructions.py %s` on %s, %s, Python %s, "
        "%s: callgrind's instructions of N requests, made after %d to warm up "
        "and a `gc.freeze()`, over N (%s)."
        % (
            label,
            platform.platform(),
            overhead.cpu_model(),
            platform.python_version(),
            datetime.date.today().isoformat(),
            WARMUP,
            ", ".join("%s: %d" % item for item in REQUESTS.items()),
        ),
    ]
    if note:
        parts += ["", note]
    for group, names in overhead.groups().items():
        measured = [name for name in names if name in counts]
        if not measured:
            continue
        baselines = [
            name for name in overhead.BASELINES[group].values() if name in counts
        ]
        rows = [
            [report.CONTENDER_LABELS[name], f"{counts[name]:,.0f}"]
            + ["%.2f×" % (counts[name] / counts[base]) for base in baselines]
            for name in measured
        ]
        header = ["contender", "instructions/request"] + [
            "vs %s" % report.CONTENDER_LABELS[base] for base in baselines
        ]
        parts += ["", report.table(header, rows)]
    return "\n".join(parts) + "\n"


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        child(argv[1], int(argv[2]), argv[3])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("label", help="names the result file, e.g. before")
    parser.add_argument("names", nargs="*", help="contenders (default: all)")
    parser.add_argument("--note", default="", help="what was counted (Markdown)")
    parser.add_argument(
        "--ini",
        default=os.path.join(os.path.dirname(HERE), "development.ini"),
        help="the QuickWiki ini the wiki's is derived from",
    )
    parser.add_argument("--results", default=os.path.join(HERE, "results"))
    args = parser.parse_args(argv)
    names = args.names or [
        name for names in overhead.groups().values() for name in names
    ]
    counts = {}
    with tempfile.TemporaryDirectory(prefix="bench-instructions-") as scratch:
        wiki_ini = "-"
        if any(overhead.group_of(name) == "quickwiki" for name in names):
            wiki = os.path.join(scratch, "wiki")
            os.makedirs(wiki)
            wiki_ini = quickwiki_apps.make_wiki(wiki, args.ini)
        for name in names:
            counts[name] = per_request(name, wiki_ini, scratch)
            print("%s: %.0f" % (name, counts[name]), flush=True)
    page = render_page(args.label, counts, args.note)
    path = os.path.join(args.results, "instructions-%s.md" % args.label)
    with open(path, "w", encoding="utf-8") as out:
        out.write(page)
    print(page)
    return 0


if __name__ == "__main__":
    sys.exit(main())
