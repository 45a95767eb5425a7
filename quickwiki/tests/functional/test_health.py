"""The health check, /_health: 200 when the database answers at this
code's schema and the render workers run; 503, saying what failed, when
not; answered without a session, and logging nothing at INFO."""

import logging
from unittest import mock

from sqlalchemy import create_engine, text
from sqlalchemy.orm import scoped_session, sessionmaker

from quickwiki import migrations
from quickwiki.lib import work
from quickwiki.lib.workers import WorkerStartFailed
from quickwiki.model import meta
from quickwiki.tests import TestController

OK = {"database": "ok", "migrations": "ok", "render_workers": "ok"}


class HealthTest(TestController):
    def check(self, status=200, **kwargs):
        response = self.app.get("/_health", status=status, **kwargs)
        self.assertEqual(response.content_type, "application/json")
        self.assertEqual(response.headers["Cache-Control"], "no-store")
        self.assertNotIn("Set-Cookie", response.headers)
        return response.json

    def test_a_healthy_process_answers_200(self):
        self.assertEqual(self.check(), {"status": "ok", "checks": OK})

    def test_a_database_without_the_schema_fails_the_check(self):
        with meta.transaction() as session:
            session.execute(text("DROP TABLE alembic_version"))
        body = self.check(503)
        self.assertEqual(body["checks"]["database"], "ok")
        self.assertIn("run paster setup-app", body["checks"]["migrations"])

    def test_a_schema_behind_the_code_fails_the_check(self):
        with meta.transaction() as session:
            session.execute(text("UPDATE alembic_version SET version_num = '0001'"))
        body = self.check(503)
        self.assertEqual(body["status"], "failing")
        self.assertEqual(body["checks"]["database"], "ok")
        self.assertIn("0001", body["checks"]["migrations"])
        self.assertIn(migrations.head(), body["checks"]["migrations"])
        self.assertEqual(body["checks"]["render_workers"], "ok")

    def test_a_database_that_does_not_answer_fails_the_check(self):
        unreachable = create_engine("sqlite:////nonexistent/directory/wiki.db")
        self.addCleanup(unreachable.dispose)
        session = scoped_session(sessionmaker(bind=unreachable))
        with mock.patch.object(meta, "Session", session):
            body = self.check(503)
        self.assertTrue(body["checks"]["database"].startswith("OperationalError"))
        self.assertNotEqual(body["checks"]["migrations"], "ok")
        self.assertEqual(body["checks"]["render_workers"], "ok")

    def test_render_workers_that_do_not_start_fail_the_check(self):
        failed = WorkerStartFailed("the worker process was not ready")
        pool = mock.Mock(check=mock.Mock(side_effect=failed))
        with mock.patch.object(work, "worker_pool", return_value=pool):
            body = self.check(503)
        self.assertEqual(
            body["checks"]["render_workers"],
            "WorkerStartFailed: the worker process was not ready",
        )
        self.assertEqual(body["checks"]["database"], "ok")

    def test_head_answers_without_a_body(self):
        response = self.app.head("/_health", status=200)
        self.assertEqual(response.body, b"")

    def test_only_get_and_head_are_answered(self):
        response = self.app.post("/_health", status=405)
        self.assertEqual(response.headers["Allow"], "GET, HEAD")

    def test_a_check_logs_nothing_at_info(self):
        with self.assertNoLogs(level=logging.INFO):
            self.check()
