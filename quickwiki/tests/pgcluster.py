"""A throwaway PostgreSQL cluster, and QuickWiki's tests run against one.

``python -m quickwiki.tests.pgcluster [nose2 options]``, from the
directory of ``unittest.cfg`` and ``test.ini``, starts a cluster of its
own with the system's ``initdb`` and ``pg_ctl``, in a temporary directory,
listening on a free port of 127.0.0.1 only, with a random password.  It
then runs QuickWiki's whole nose2 suite with the application configured
by ``test.ini`` but for ``sqlalchemy.url``, which names the cluster's
database.  The cluster is stopped and its directory removed afterwards,
also when the tests fail or the run is interrupted.

PostgreSQL refuses to run as root: run as root, the cluster runs as the
``postgres`` user (or ``nobody`` where there is none), and its directory
belongs to that user.  Where PostgreSQL is not installed the run says so
and is skipped, unless ``QUICKWIKI_REQUIRE_POSTGRESQL=1`` makes that a
failure (as in CI).
"""

import glob
import os
import pwd
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

from quickwiki.tests.servers import free_port

__all__ = ["Cluster", "PostgreSQLMissing", "find_bindir", "main", "require_postgresql"]

#: The environment variable that makes a missing PostgreSQL a failure.
REQUIRE = "QUICKWIKI_REQUIRE_POSTGRESQL"
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
    with an empty database that :attr:`url` names, and leaving the block
    stops it and removes its directory.
    """

    database = "quickwiki"
    superuser = "quickwiki"

    def __init__(self, bindir=None):
        self.bindir = bindir or find_bindir()
        self.directory = None
        self.port = None
        self.password = secrets.token_urlsafe(24)
        self._owner = _unprivileged_user() if os.geteuid() == 0 else None

    @property
    def data(self):
        return os.path.join(self.directory, "data")

    @property
    def url(self):
        """The SQLAlchemy URL of the cluster's database, for psycopg 3."""
        return self.url_of(self.database)

    def url_of(self, database):
        """The SQLAlchemy URL of the cluster's database ``database``."""
        return "postgresql+psycopg://%s:%s@127.0.0.1:%d/%s" % (
            self.superuser,
            self.password,
            self.port,
            database,
        )

    def create_database(self, name):
        """Create another empty database, ``name``: its URL."""
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
            self.create_database(self.database)
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


def _unprivileged_user():
    """The user a cluster runs as when the tests run as root."""
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise RuntimeError(
        "Running as root, and there is neither a postgres nor "
        "a nobody user to run PostgreSQL as"
    )


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
    """SIGTERM ends the run as Ctrl-C does: the cluster is removed."""
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
    with Cluster(bindir) as cluster:
        print("PostgreSQL of %s, on 127.0.0.1:%d" % (bindir, cluster.port), flush=True)
        config = write_test_config(
            cluster.directory, os.path.abspath("test.ini"), cluster.url
        )
        return subprocess.call(
            [sys.executable, "-m", "nose2", "--test-config", config, *argv]
        )


if __name__ == "__main__":
    sys.exit(main())
