"""The reader's page views while one client attacks the wiki (issue 17).

The wiki is served as ``paster make-config`` writes it (waitress, 4
threads, SQLite; open to anyone's edits, as the attacks came without an
account), with its default limits.  For each attack of
:mod:`quickwiki.tests.attacks`, a reader (a process of its own, on
another client address) asks for the FrontPage and the stylesheet in
turn for ``--seconds``, first alone, then while the attacker runs the
attack from ``--connections`` connections; the 50th and 99th percentiles
of the reader's answers are recorded side by side, from one run, in
``bench/results/attacks.md`` (and ``.json``).  Each attack gets a wiki
of its own, so that no attack's quotas spend another's.

    .venv/bin/python bench/attacks.py [--seconds 10] [--connections 4]
"""

import argparse
import json
import os
import platform
import sys
import tempfile
import time

from quickwiki.tests import attacks, make_wiki
from quickwiki.tests.servers import PasterServer

HERE = os.path.dirname(os.path.abspath(__file__))
RESULTS = os.path.join(HERE, "results")


def measure(name, seconds, connections):
    """The reader alone and during attack ``name``: their figures."""
    with tempfile.TemporaryDirectory(prefix="quickwiki-attack-") as directory:
        make_wiki(directory, {"quickwiki.policy": "open"})
        server = PasterServer(directory, "prod.ini")
        try:
            attacks.prepare(server.port)
            alone = attacks.Probe(server.port)
            alone.start()
            time.sleep(seconds)
            alone.stop()
            during = attacks.Probe(server.port)
            during.start()
            try:
                statuses = attacks.run(
                    attacks.ATTACKS[name], server.port, seconds, connections
                )
            finally:
                during.stop()
        finally:
            server.stop()
    return {
        "attack": name,
        "alone": figures(alone),
        "attacked": figures(during),
        "attacker": dict(sorted(statuses.items())),
    }


def figures(probe):
    return {
        "answers": len(probe.times),
        "failed": sum(
            count for status, count in probe.statuses.items() if status != 200
        ),
        "p50_ms": round(probe.percentile(50) * 1000, 1),
        "p99_ms": round(probe.percentile(99) * 1000, 1),
    }


def report(results, seconds, connections, load):
    lines = [
        "# The reader's page views while one client attacks",
        "",
        "`bench/attacks.py --seconds %d --connections %d`, on %s, Python %s; "
        "load average %s when it began. Each row is one wiki: the reader "
        "alone, then while one client attacks."
        % (
            seconds,
            connections,
            platform.node() or "this machine",
            platform.python_version(),
            load,
        ),
        "",
        "| Attack | p50 alone (ms) | p99 alone (ms) | p50 attacked (ms) "
        "| p99 attacked (ms) | p99 ratio | reader's failures | attacker's answers |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for result in results:
        alone, attacked = result["alone"], result["attacked"]
        lines.append(
            "| %s | %s | %s | %s | %s | %.1f× | %d | %s |"
            % (
                result["attack"],
                alone["p50_ms"],
                alone["p99_ms"],
                attacked["p50_ms"],
                attacked["p99_ms"],
                attacked["p99_ms"] / max(alone["p99_ms"], 0.1),
                attacked["failed"],
                ", ".join("%s: %d" % item for item in result["attacker"].items()),
            )
        )
    return "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--attack", action="append", choices=sorted(attacks.ATTACKS))
    options = parser.parse_args(argv)
    load = " ".join("%.1f" % value for value in os.getloadavg())
    results = []
    for name in options.attack or attacks.ATTACKS:
        print("Attack: %s" % name, file=sys.stderr)
        results.append(measure(name, options.seconds, options.connections))
    os.makedirs(RESULTS, exist_ok=True)
    with open(os.path.join(RESULTS, "attacks.json"), "w", encoding="utf-8") as out:
        json.dump({"load": load, "results": results}, out, indent=2)
        out.write("\n")
    text = report(results, options.seconds, options.connections, load)
    with open(os.path.join(RESULTS, "attacks.md"), "w", encoding="utf-8") as out:
        out.write(text)
    print(text)


if __name__ == "__main__":
    main()
