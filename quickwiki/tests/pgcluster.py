"""A throwaway PostgreSQL cluster, and QuickWiki's tests run against one.

``python -m quickwiki.tests.pgcluster [nose2 options]``, from the
directory of ``unittest.cfg`` and ``test.ini``, runs QuickWiki's nose2
suite with the application configured by ``test.ini`` but for
``sqlalchemy.url``, which names a database of a throwaway cluster: the
run's, when :data:`SHARED` names one (``scripts/run-tests`` starts one
cluster for all its stages), or else one of its own.  Such a cluster is
started with the system's ``initdb`` and ``pg_ctl``, in a temporary
directory, listening on a free port of 127.0.0.1 only, with a random
password; it is stopped and its directory removed afterwards, also when
the tests fail or the run is interrupted.  Tests that need databases of
their own make them in the run's cluster too (:func:`shared`), so that a
run starts one server.

PostgreSQL refuses to run as root: run as root, the cluster runs as the
``postgres`` user (or ``nobody`` where there is none), and its directory
belongs to that user.  Where PostgreSQL is not installed the run says so
and is skipped, unless ``QUICKWIKI_REQUIRE_POSTGRESQL=1`` makes that a
failure (as in CI).
"""

import atexit
import glob
import itertools
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import unittest

import psycopg
from psycopg import sql

from quickwiki.tests.servers import free_port, unprivileged_user

__all__ = [
    "Cluster",
    "PostgreSQLMissing",
    "find_bindir",
    "main",
    "require_postgresql",
    "shared",
]

#: The environment variable that makes a missing PostgreSQL a failure.
REQUIRE = "QUICKWIKI_REQUIRE_POSTGRESQL"
#: The environment variable naming the file that describes the run's
#: cluster (:meth:`Cluster.share`), which the tests use rather than start one.
SHARED = "QUICKWIKI_TEST_POSTGRESQL"
#: Where Debian and Ubuntu install each PostgreSQL version's programs.
DEBIAN_BINDIRS = "/usr/lib/postgresql/*/bin"
#: Settings for a cluster whose data is thrown away: no durability.
THROWAWAY_SETTINGS = {
    "listen_addresses": "'127.0.0.1'",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
}


class PostgreSQLMissing(Exception):
    """The system has no ``initdb`` and ``pg_ctl``."""


def find_bindir():
    """The directory of the system's ``initdb`` and ``pg_ctl``.

    Those on ``PATH`` first, then the newest of Debian's versioned
    directories.  Raises :class:`PostgreSQLMissing` when there are none.
    """
    candidates = []
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(os.path.dirname(initdb))
    candidates += sorted(glob.glob(DEBIAN_BINDIRS), key=_version, reverse=True)
    for bindir in candidates:
        if all(
            os.access(os.path.join(bindir, program), os.X_OK)
            for program in ("initdb", "pg_ctl")
        ):
            return bindir
    raise PostgreSQLMissing(
        "PostgreSQL is not installed: no initdb and pg_ctl on PATH or in %s "
        "(apt-get install postgresql)" % DEBIAN_BINDIRS
    )


def require_postgresql():
    """The directory of PostgreSQL's programs, for a test that needs a
    cluster: where there are none, the test is skipped, or fails when
    :data:`REQUIRE` is set (as in CI)."""
    try:
        return find_bindir()
    except PostgreSQLMissing as missing:
        if os.environ.get(REQUIRE) == "1":
            raise AssertionError(str(missing)) from None
        raise unittest.SkipTest(str(missing)) from None


def _version(bindir):
    """The version in a path such as ``/usr/lib/postgresql/15/bin``, as numbers."""
    return [int(number) for number in re.findall(r"\d+", bindir)]


class Cluster:
    """A PostgreSQL cluster in a temporary directory, for one run of tests.

    Use it as a context manager: ``with Cluster() as cluster:`` starts it,
    and leaving the block stops it and removes its directory;
    :meth:`new_database` makes each database a test needs.
    """

    superuser = "quickwiki"

    def __init__(self, bindir=None):
        self.bindir = bindir or find_bindir()
        self.directory = None
        self.port = None
        self.password = secrets.token_urlsafe(24)
        # PostgreSQL refuses to run as root.
        self._owner = unprivileged_user("postgres") if os.geteuid() == 0 else None
        self._names = itertools.count(1)

    def share(self):
        """Describe the running cluster in a file of its directory, readable
        by its owner only, for :meth:`attach`: the file's path.

        The file is written once, before any other process may read it.
        """
        path = os.path.join(self.directory, "cluster.json")
        if os.path.exists(path):
            return path
        with open(
            os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600),
            "w",
            encoding="utf-8",
        ) as description:
            json.dump(
                {
                    "bindir": self.bindir,
                    "directory": self.directory,
                    "port": self.port,
                    "password": self.password,
                },
                description,
            )
        return path

    @classmethod
    def attach(cls, path):
        """The cluster that :meth:`share` described at ``path``, started
        and stopped by another process."""
        with open(path, encoding="utf-8") as description:
            shared = json.load(description)
        cluster = cls(shared["bindir"])
        cluster.directory = shared["directory"]
        cluster.port = shared["port"]
        cluster.password = shared["password"]
        return cluster

    @property
    def data(self):
        return os.path.join(self.directory, "data")

    def url_of(self, database):
        """The SQLAlchemy URL of the cluster's database ``database``, for
        psycopg 3."""
        return "postgresql+psycopg://%s:%s@127.0.0.1:%d/%s" % (
            self.superuser,
            self.password,
            self.port,
            database,
        )

    def new_database(self, prefix):
        """Create an empty database named after ``prefix``, by a name that
        no other process using the cluster takes: its URL."""
        name = "%s_%d_%d" % (prefix, os.getpid(), next(self._names))
        with psycopg.connect(
            host="127.0.0.1",
            port=self.port,
            dbname="postgres",
            user=self.superuser,
            password=self.password,
            autocommit=True,
        ) as connection:
            connection.execute(
                sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
            )
        return self.url_of(name)

    def __enter__(self):
        self.directory = tempfile.mkdtemp(prefix="quickwiki-pg-")
        try:
            if self._owner is not None:
                os.chown(self.directory, self._owner.pw_uid, self._owner.pw_gid)
            self._initdb()
            self._start()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc_info):
        try:
            if os.path.exists(os.path.join(self.data, "postmaster.pid")):
                self._pg_ctl("stop", "-m", "fast")
        finally:
            shutil.rmtree(self.directory, ignore_errors=True)

    def _initdb(self):
        password_file = os.path.join(self.directory, "password")
        with open(
            os.open(password_file, os.O_WRONLY | os.O_CREAT, 0o600),
            "w",
            encoding="ascii",
        ) as written:
            written.write(self.password + "\n")
        self._own(password_file)
        try:
            self._run(
                "initdb",
                "-D",
                self.data,
                "-U",
                self.superuser,
                "--pwfile",
                password_file,
                "--auth",
                "scram-sha-256",
                "--encoding",
                "UTF8",
                "--no-locale",
            )
        finally:
            os.unlink(password_file)
        with open(
            os.path.join(self.data, "postgresql.conf"), "a", encoding="utf-8"
        ) as conf:
            conf.write("\n# A throwaway cluster for QuickWiki's tests.\n")
            for name, value in THROWAWAY_SETTINGS.items():
                conf.write("%s = %s\n" % (name, value))
            # Its Unix socket stays in its own directory, out of others' way.
            conf.write("unix_socket_directories = '%s'\n" % self.directory)

    def _start(self, attempts=3):
        """Start the server on a free port; another, should that one be taken."""
        log = os.path.join(self.directory, "server.log")
        for attempt in range(attempts):
            self.port = free_port()
            try:
                self._pg_ctl(
                    "start", "-w", "-t", "60", "-l", log, "-o", "-p %d" % self.port
                )
                return
            except subprocess.CalledProcessError:
                with open(log, encoding="utf-8", errors="replace") as server_log:
                    text = server_log.read()
                if "already in use" not in text or attempt == attempts - 1:
                    raise RuntimeError("PostgreSQL did not start:\n" + text) from None

    def _pg_ctl(self, *args):
        self._run("pg_ctl", "-D", self.data, *args)

    def _run(self, program, *args):
        """Run one of PostgreSQL's programs, as the cluster's owner."""
        owner = {}
        if self._owner is not None:
            owner = {
                "user": self._owner.pw_uid,
                "group": self._owner.pw_gid,
                "extra_groups": [],
            }
        subprocess.run(
            [os.path.join(self.bindir, program), *args],
            cwd=self.directory,
            check=True,
            stdout=subprocess.DEVNULL,
            **owner,
        )

    def _own(self, path):
        if self._owner is not None:
            os.chown(path, self._owner.pw_uid, self._owner.pw_gid)


_shared = None


def shared():
    """The run's cluster: the one that :data:`SHARED` describes, or else
    one started for this process (stopped when it exits).

    Where PostgreSQL is not installed the test is skipped, or fails where
    it is required, as :func:`require_postgresql` says.
    """
    global _shared
    if _shared is None:
        if os.environ.get(SHARED):
            _shared = Cluster.attach(os.environ[SHARED])
        else:
            cluster = Cluster(require_postgresql())
            _shared = cluster.__enter__()
            atexit.register(cluster.__exit__, None, None, None)
    return _shared


def write_test_config(directory, base_config, database_url, name="test-postgresql.ini"):
    """Write a config that is ``base_config`` but for its database, as
    ``name`` in ``directory``; its path."""
    path = os.path.join(directory, name)
    with open(path, "w", encoding="utf-8") as config:
        config.write(
            "# %s, with the database of a throwaway PostgreSQL cluster.\n"
            "[app:main]\n"
            "use = config:%s\n"
            "sqlalchemy.url = %s\n" % (base_config, base_config, database_url)
        )
    return path


def _stop_on_sigterm(signum, frame):
    """SIGTERM ends the run as Ctrl-C does: the cluster (or the config
    naming the run's) is removed."""
    raise SystemExit(128 + signum)


def main(argv=None):
    """Run QuickWiki's tests on a throwaway cluster; nose2's exit status."""
    argv = sys.argv[1:] if argv is None else argv
    try:
        bindir = find_bindir()
    except PostgreSQLMissing as missing:
        if os.environ.get(REQUIRE) == "1":
            print("%s; %s=1 requires it." % (missing, REQUIRE), file=sys.stderr)
            return 1
        print("Skipped QuickWiki's tests on PostgreSQL: %s." % missing)
        return 0
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    if os.environ.get(SHARED):
        return _run_suite(Cluster.attach(os.environ[SHARED]), argv)
    with Cluster(bindir) as cluster:
        os.environ[SHARED] = cluster.share()
        try:
            return _run_suite(cluster, argv)
        finally:
            del os.environ[SHARED]


def _run_suite(cluster, argv):
    """nose2 with ``argv``, on a new database of ``cluster``: its exit status."""
    database_url = cluster.new_database("quickwiki")
    print(
        "PostgreSQL of %s, on 127.0.0.1:%d" % (cluster.bindir, cluster.port),
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="quickwiki-pg-config-") as directory:
        config = write_test_config(directory, os.path.abspath("test.ini"), database_url)
        return subprocess.call(
            [sys.executable, "-m", "nose2", "--test-config", config, *argv]
        )


if __name__ == "__main__":
    sys.exit(main())
