"""The throwaway PostgreSQL cluster that the tests run on, and its removal."""

import contextlib
import io
import os
import unittest
from unittest import mock

import psycopg

from quickwiki.tests import pgcluster


class ClusterTest(unittest.TestCase):
    def test_serves_an_empty_database_then_is_removed(self):
        with pgcluster.Cluster(pgcluster.require_postgresql()) as cluster:
            directory = cluster.directory
            with psycopg.connect(
                host="127.0.0.1",
                port=cluster.port,
                dbname=cluster.database,
                user=cluster.superuser,
                password=cluster.password,
            ) as connection:
                tables = connection.execute(
                    "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
                ).fetchone()[0]
                user = connection.execute("SELECT current_user").fetchone()[0]
            self.assertEqual((tables, user), (0, cluster.superuser))
            owner = os.stat(os.path.join(directory, "data")).st_uid
            if os.geteuid() == 0:
                self.assertNotEqual(owner, 0)
            self.assertTrue(cluster.url.startswith("postgresql+psycopg://"))
        self.assertFalse(os.path.exists(directory))

    def test_a_password_is_required(self):
        with pgcluster.Cluster(pgcluster.require_postgresql()) as cluster:
            with self.assertRaises(psycopg.OperationalError):
                psycopg.connect(
                    host="127.0.0.1",
                    port=cluster.port,
                    dbname=cluster.database,
                    user=cluster.superuser,
                    password="wrong",
                ).close()

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
