"""The stages of ./scripts/run-tests, run side by side, and a table of
their outcomes at the end.

A stage is a command, or a few run in order: the lint, the types, the
framework's tests, QuickWiki's (those that need no database, those that
run its commands and servers as processes, those that need a database on
SQLite and again on PostgreSQL, and the browser test on a database of its
own, a few of its tests again on PostgreSQL), the documentation (built,
then its tests) and the benchmark tooling's.  They run at once, as
separate processes: most of a stage's time goes to waiting (for the
processes and servers it starts, for deadlines its tests check), not to
computing, so two cores keep up with all of them.  Each stage writes to a
log of its own in ``test-artifacts/run-tests/``; the run says when a stage
ends and how, and prints the whole log of a stage that failed.

One PostgreSQL cluster serves the whole run: started before the stages
that use it, described to them by ``QUICKWIKI_TEST_POSTGRESQL`` (see
:mod:`quickwiki.tests.pgcluster`), and removed at the end.

Usage: ``python scripts/_run_tests.py`` from the virtual environment that
scripts/run-tests prepared; its exit status is 1 when a stage failed.
"""

import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field

from quickwiki.tests import pgcluster

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LOGS = os.path.join(REPO, "test-artifacts", "run-tests")
PYTHON = sys.executable
VENV_BIN = os.path.dirname(PYTHON)

#: nose2's last lines: how many tests ran, and how they ended.
_RAN = re.compile(r"^Ran (\d+) tests? in ", re.MULTILINE)
_SKIPPED = re.compile(r"^OK \(skipped=(\d+)\)$", re.MULTILINE)
_SKIP_REASON = re.compile(r"\.\.\. skipped '(.*)'$", re.MULTILINE)
#: What quickwiki.tests.pgcluster says when PostgreSQL is not installed.
_NO_POSTGRESQL = re.compile(r"^Skipped QuickWiki's tests on PostgreSQL: (.*)$", re.M)


@dataclass
class Stage:
    """A stage: its name in the table and its log's, its commands, run in
    order from ``cwd`` (or from the directory :func:`in_directory` gives
    one), and whether it uses the run's PostgreSQL cluster."""

    name: str
    log_name: str
    commands: list
    cwd: str = REPO
    postgresql: bool = False
    log_directory: str = LOGS
    outcome: str = ""
    detail: str = ""
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    process: subprocess.Popen | None = field(default=None, repr=False)

    @property
    def log_path(self):
        return os.path.join(self.log_directory, self.log_name + ".log")

    def run(self, env, stopping):
        """Run the commands while they succeed; then judge the log."""
        started = time.monotonic()
        status = 0
        with open(self.log_path, "w", encoding="utf-8") as log:
            for command in self.commands:
                cwd, command = (
                    command if isinstance(command, tuple) else (self.cwd, command)
                )
                log.write("$ %s\n" % " ".join(command))
                log.flush()
                if stopping.is_set():
                    status = 1
                    break
                # A session of its own, so that an interrupted run can end
                # the stage with every process it started.
                self.process = subprocess.Popen(
                    command,
                    cwd=cwd,
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
                # wait4: the exit status, and the processor time the command
                # and the processes it waited for used.
                _, wait_status, usage = os.wait4(self.process.pid, 0)
                status = self.process.returncode = os.waitstatus_to_exitcode(
                    wait_status
                )
                self.cpu_seconds += usage.ru_utime + usage.ru_stime
                if status != 0:
                    break
        self.seconds = time.monotonic() - started
        self._judge(status)

    def _judge(self, status):
        """The outcome and its detail, from the exit status and the log."""
        with open(self.log_path, encoding="utf-8", errors="replace") as log:
            text = log.read()
        ran = [int(count) for count in _RAN.findall(text)]
        skipped = [int(count) for count in _SKIPPED.findall(text)]
        tests = "%d tests" % sum(ran) if ran else ""
        no_postgresql = _NO_POSTGRESQL.search(text)
        if status != 0:
            self.outcome, self.detail = "FAILED", tests
        elif no_postgresql:
            self.outcome, self.detail = "skipped", no_postgresql.group(1)
        elif ran and sum(skipped) == sum(ran):
            reason = _SKIP_REASON.search(text)
            self.outcome = "skipped"
            self.detail = reason.group(1) if reason else tests
        else:
            self.outcome = "passed"
            self.detail = tests
            if sum(skipped):
                self.detail += ", %d skipped" % sum(skipped)

    def stop(self):
        """End the stage's running command and what it started."""
        if self.process is not None and self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass


def in_directory(directory, command):
    """``command``, to be run from ``directory`` rather than its stage's."""
    return (directory, command)


def stages(browser_config):
    """The run's stages, in the order of the table."""
    nose2 = [PYTHON, "-m", "nose2", "-v"]
    # The tests on the test config's database, but the browser's (below).
    on_database = ["-A", "database,!browser"]
    return [
        Stage(
            "Lint and format (ruff)",
            "lint",
            [
                [os.path.join(VENV_BIN, "ruff"), "check", "."],
                [os.path.join(VENV_BIN, "ruff"), "format", "--check", "."],
            ],
        ),
        Stage(
            "Types (mypy, the framework)",
            "types",
            [[os.path.join(VENV_BIN, "mypy")]],
            cwd=os.path.join(REPO, "framework"),
        ),
        Stage(
            "Framework tests, with coverage",
            "framework",
            [
                [PYTHON, "-m", "coverage", "run", "-m", "nose2", "-v"],
                [PYTHON, "-m", "coverage", "report"],
            ],
            cwd=os.path.join(REPO, "framework"),
        ),
        Stage(
            "QuickWiki tests needing no database",
            "quickwiki",
            [nose2 + ["-A", "!database,!processes"]],
        ),
        Stage(
            "QuickWiki commands and servers, as processes",
            "processes",
            [nose2 + ["-A", "!database,processes"]],
            postgresql=True,
        ),
        Stage("QuickWiki tests on SQLite", "sqlite", [nose2 + on_database]),
        Stage(
            "QuickWiki tests on PostgreSQL",
            "postgresql",
            [[PYTHON, "-m", "quickwiki.tests.pgcluster", "-v"] + on_database],
            postgresql=True,
        ),
        Stage(
            "Browser test (Chromium), on SQLite",
            "browser",
            [nose2 + ["-A", "browser", "--test-config", browser_config]],
        ),
        Stage(
            "Browser tests of uploads, Unicode titles and German, on PostgreSQL",
            "browser-postgresql",
            [
                [PYTHON, "-m", "quickwiki.tests.pgcluster", "-v"]
                + ["-A", "browser,also_on_postgresql"]
            ],
            postgresql=True,
        ),
        Stage(
            "Documentation (Sphinx, warnings as errors), and its tests",
            "docs",
            [
                # Built afresh: a build that reuses pages warns only of
                # what changed.
                ["rm", "-rf", "docs/_build/html"],
                [PYTHON, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html"]
                + ["docs", "docs/_build/html"],
                # The reference's test reads the site just built.
                in_directory(
                    os.path.join(REPO, "docs"), nose2 + ["-s", "tests", "-t", "."]
                ),
            ],
        ),
        Stage(
            "Benchmark tooling tests",
            "bench",
            [nose2 + ["-s", "tests", "-t", "."]],
            cwd=os.path.join(REPO, "bench"),
        ),
    ]


def start_cluster():
    """The run's PostgreSQL cluster, started; None where there is none to start."""
    try:
        cluster = pgcluster.Cluster()
    except pgcluster.PostgreSQLMissing:
        # Each stage that needs it says so, or fails where it is required.
        return None
    return cluster.__enter__()


def table(run_stages, seconds, loads):
    """The stages' outcomes, one line each, as a table: with the time each
    took, and the processor time it used, which the machine's load (the
    one-minute load average at the start and at the end) tells how to read.
    """
    width = max(len(stage.name) for stage in run_stages)
    lines = [
        "== Stages (Python %d.%d): %d s in all; load average %.1f at the start, "
        "%.1f at the end, on %d processors"
        % (
            sys.version_info[0],
            sys.version_info[1],
            round(seconds),
            loads[0],
            loads[1],
            os.cpu_count(),
        ),
        "%-*s  %-7s  %5s  %5s  %s"
        % (width, "Stage", "Outcome", "Time", "CPU", "Tests"),
    ]
    for stage in run_stages:
        lines.append(
            "%-*s  %-7s  %4ds  %4ds  %s"
            % (
                width,
                stage.name,
                stage.outcome,
                round(stage.seconds),
                round(stage.cpu_seconds),
                stage.detail,
            )
        )
    return "\n".join(lines)


def main():
    started = time.monotonic()
    load_at_start = os.getloadavg()[0]
    os.makedirs(LOGS, exist_ok=True)
    stopping = threading.Event()
    finished = []
    done = threading.Condition()
    env = dict(os.environ)
    cluster = None

    def interrupted(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)
    with tempfile.TemporaryDirectory(prefix="quickwiki-run-") as scratch:
        browser_config = pgcluster.write_test_config(
            scratch,
            os.path.join(REPO, "test.ini"),
            "sqlite:///%s" % os.path.join(scratch, "browser.db"),
        )
        run_stages = stages(browser_config)

        def run(stage, stage_env):
            try:
                stage.run(stage_env, stopping)
            finally:
                with done:
                    finished.append(stage)
                    done.notify()

        threads = []

        def start(stage, stage_env):
            print("== Started: %s" % stage.name, flush=True)
            thread = threading.Thread(target=run, args=(stage, stage_env))
            thread.start()
            threads.append(thread)

        try:
            for stage in run_stages:
                if not stage.postgresql:
                    start(stage, env)
            cluster = start_cluster()
            if cluster is not None:
                env = dict(env, **{pgcluster.SHARED: cluster.share()})
            for stage in run_stages:
                if stage.postgresql:
                    start(stage, env)
            reported = 0
            while reported < len(run_stages):
                with done:
                    while len(finished) == reported:
                        done.wait()
                    stage = finished[reported]
                reported += 1
                report(stage)
        except KeyboardInterrupt:
            stopping.set()
            for stage in run_stages:
                stage.stop()
            print("\nInterrupted: the stages were stopped.", file=sys.stderr)
            return 130
        finally:
            for thread in threads:
                thread.join()
            if cluster is not None:
                cluster.__exit__(None, None, None)
    print()
    loads = (load_at_start, os.getloadavg()[0])
    print(table(run_stages, time.monotonic() - started, loads))
    if any(stage.outcome == "FAILED" for stage in run_stages):
        print("Some tests failed.", file=sys.stderr)
        return 1
    return 0


def report(stage):
    """Say that ``stage`` ended, and how; the whole log when it failed."""
    log = os.path.relpath(stage.log_path, REPO)
    print(
        "== %s: %s in %d s%s (log: %s)"
        % (
            stage.name,
            stage.outcome,
            round(stage.seconds),
            ", " + stage.detail if stage.detail else "",
            log,
        ),
        flush=True,
    )
    if stage.outcome == "FAILED":
        with open(stage.log_path, encoding="utf-8", errors="replace") as text:
            sys.stdout.write(text.read())
        print("== End of %s's log (%s)" % (stage.name, log), flush=True)


if __name__ == "__main__":
    sys.exit(main())
