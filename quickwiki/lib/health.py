"""The health check, ``/_health``: whether this process can serve the wiki.

An administrator's rolling restart waits for it before restarting the
next process (docs/quickwiki/deployment.rst), and a monitor may poll it.  It
answers 200 when the database answers, its schema is this code's (the
migrations are current) and the render workers run calls; otherwise 503.
The JSON body names each check's outcome::

    {"status": "ok",
     "checks": {"database": "ok", "migrations": "ok", "render_workers": "ok"}}

It is answered before the rest of the application (no session, routing
or error document), costs two small queries and a round trip to an idle
render worker (the first check starts one, so that a process reports
healthy once it can render), and logs nothing at INFO, so that polling
fills no log.
"""

import json
import logging

from sqlalchemy import text

from quickwiki import migrations
from quickwiki.lib import work
from quickwiki.model import meta

__all__ = ["PATH", "HealthCheck"]

log = logging.getLogger(__name__)

#: Where the health check answers.
PATH = "/_health"

_ANSWER = text("SELECT 1")
#: Alembic's table, read directly: its MigrationContext would log at INFO.
_REVISION = text("SELECT version_num FROM alembic_version")


class HealthCheck:
    """WSGI middleware that answers :data:`PATH` itself, and passes every
    other request to ``app``."""

    def __init__(self, app):
        self.app = app
        #: The schema this code needs, read once: the code does not change
        #: while the process runs.
        self.head = migrations.head()

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") != PATH:
            return self.app(environ, start_response)
        if environ["REQUEST_METHOD"] not in ("GET", "HEAD"):
            start_response(
                "405 Method Not Allowed",
                [("Allow", "GET, HEAD"), ("Content-Type", "text/plain")],
            )
            return [b"The health check answers GET and HEAD.\n"]
        checks = self.checks()
        healthy = all(outcome == "ok" for outcome in checks.values())
        body = json.dumps(
            {"status": "ok" if healthy else "failing", "checks": checks},
            sort_keys=True,
        ).encode("utf-8")
        start_response(
            "200 OK" if healthy else "503 Service Unavailable",
            [
                ("Content-Type", "application/json"),
                ("Content-Length", str(len(body))),
                ("Cache-Control", "no-store"),
            ],
        )
        return [] if environ["REQUEST_METHOD"] == "HEAD" else [body]

    def checks(self):
        """Each check's outcome: "ok", or what is wrong."""
        checks = {}
        try:
            checks["database"], checks["migrations"] = self._database()
        finally:
            meta.Session.remove()
        try:
            work.worker_pool().check()
        except Exception as error:
            log.debug("Health check: the render workers failed", exc_info=True)
            checks["render_workers"] = _failure(error)
        else:
            checks["render_workers"] = "ok"
        return checks

    def _database(self):
        """The database's outcome, and the migrations'."""
        session = meta.Session()
        try:
            session.execute(_ANSWER)
        # Whatever fails is the answer: a check never fails the request.
        except Exception as error:
            log.debug("Health check: the database failed", exc_info=True)
            return _failure(error), "unknown: the database did not answer"
        try:
            revision = session.execute(_REVISION).scalar()
        except Exception as error:
            log.debug("Health check: no migration recorded", exc_info=True)
            return "ok", "no schema (%s): run paster setup-app" % _failure(error)
        if revision != self.head:
            return "ok", (
                "the database is at %s, this code needs %s: run paster setup-app"
                % (revision, self.head)
            )
        return "ok", "ok"


def _failure(error):
    """What a failed check says: the error's kind and first line."""
    lines = str(error).strip().splitlines()
    return "%s: %s" % (type(error).__name__, lines[0] if lines else "no message")
