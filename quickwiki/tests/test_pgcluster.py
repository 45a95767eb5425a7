"""The throwaway PostgreSQL cluster that the tests run on, and its removal."""

import contextlib
import io
import os
import unittest
from unittest import mock

import psycopg

from quickwiki.tests import pgcluster


class ClusterTest(unittest.TestCase):
    def connect(self, cluster, database, password=None):
        return psycopg.connect(
            host="127.0.0.1",
            port=cluster.port,
            dbname=database,
            user=cluster.superuser,
            password=cluster.password if password is None else password,
        )

    def test_each_new_database_is_empty_and_served(self):
        cluster = pgcluster.shared()
        first, second = (cluster.new_database("empty") for _ in range(2))
        self.assertNotEqual(first, second)
        self.assertTrue(first.startswith("postgresql+psycopg://"))
        with self.connect(cluster, first.rsplit("/", 1)[1]) as connection:
            tables = connection.execute(
                "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
            ).fetchone()[0]
            user = connection.execute("SELECT current_user").fetchone()[0]
        self.assertEqual((tables, user), (0, cluster.superuser))

    def test_the_server_does_not_run_as_root(self):
        owner = os.stat(pgcluster.shared().data).st_uid
        if os.geteuid() == 0:
            self.assertNotEqual(owner, 0)
        else:
            self.assertEqual(owner, os.geteuid())

    def test_a_password_is_required(self):
        cluster = pgcluster.shared()
        with self.assertRaises(psycopg.OperationalError):
            self.connect(cluster, "postgres", password="wrong").close()

    def test_a_shared_cluster_is_found_from_its_description(self):
        cluster = pgcluster.shared()
        attached = pgcluster.Cluster.attach(cluster.share())
        self.assertEqual(
            (attached.port, attached.password, attached.directory),
            (cluster.port, cluster.password, cluster.directory),
        )
        self.connect(attached, "postgres").close()

    # These two make a cluster's directory, as initdb does, but start no
    # server: the run's own cluster is the one server a run starts.
    def test_a_cluster_is_removed_when_done(self):
        with mock.patch.object(pgcluster.Cluster, "_start"):
            with pgcluster.Cluster(pgcluster.require_postgresql()) as cluster:
                self.assertTrue(os.path.exists(cluster.data))
        self.assertFalse(os.path.exists(cluster.directory))

    def test_a_failed_start_removes_the_directory(self):
        cluster = pgcluster.Cluster(pgcluster.require_postgresql())
        with mock.patch.object(
            pgcluster.Cluster, "_start", side_effect=RuntimeError("no start")
        ):
            with self.assertRaises(RuntimeError):
                cluster.__enter__()
        self.assertFalse(os.path.exists(cluster.directory))


class MissingPostgreSQLTest(unittest.TestCase):
    def setUp(self):
        patches = [
            mock.patch.dict(os.environ, {"PATH": ""}),
            mock.patch.object(
                pgcluster, "DEBIAN_BINDIRS", "/nonexistent/postgresql/*/bin"
            ),
        ]
        for patch in patches:
            patch.start()
            self.addCleanup(patch.stop)

    def run_main(self):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = pgcluster.main([])
        return status, out.getvalue() + err.getvalue()

    def test_the_run_says_it_is_skipped(self):
        os.environ.pop(pgcluster.REQUIRE, None)
        status, output = self.run_main()
        self.assertEqual(status, 0)
        self.assertIn("Skipped QuickWiki's tests on PostgreSQL", output)

    def test_where_required_the_run_fails(self):
        os.environ[pgcluster.REQUIRE] = "1"
        status, output = self.run_main()
        self.assertEqual(status, 1)
        self.assertIn("requires it", output)
