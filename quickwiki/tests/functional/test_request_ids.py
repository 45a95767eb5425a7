"""Request ids: each response names its request in X-Request-Id, taken
from the trusted proxy when it sends a sane one, made up otherwise; the
JSON log format writes it in every record logged while the request runs."""

import io
import json
import logging
import re
from datetime import datetime

from quickwiki.lib import request_ids
from quickwiki.tests import TestController, url

OWN_ID = re.compile(r"[0-9a-f]{32}")
#: What nginx's requests carry: they came through the trusted proxy.
THROUGH_THE_PROXY = {"X-Forwarded-For": "203.0.113.9"}


class RequestIdTest(TestController):
    def request_id(self, path="/", headers=None, status=200):
        response = self.app.get(path, headers=headers or {}, status=status)
        return response.headers["X-Request-Id"]

    def test_each_response_names_its_request(self):
        first, second = self.request_id(), self.request_id()
        self.assertRegex(first, OWN_ID)
        self.assertNotEqual(first, second)

    def test_the_proxys_id_is_taken(self):
        headers = dict(THROUGH_THE_PROXY, **{"X-Request-Id": "nginx.1f2e-3d_4c"})
        self.assertEqual(self.request_id(headers=headers), "nginx.1f2e-3d_4c")

    def test_an_id_from_elsewhere_is_not(self):
        given = self.request_id(headers={"X-Request-Id": "chosen-by-the-client"})
        self.assertRegex(given, OWN_ID)

    def test_an_id_that_is_not_sane_is_not(self):
        for insane in ("a" * 65, "two words", "<script>", "new\u00e9"):
            headers = dict(THROUGH_THE_PROXY, **{"X-Request-Id": insane})
            self.assertRegex(self.request_id(headers=headers), OWN_ID, insane)

    def test_error_documents_static_files_and_health_checks_have_one(self):
        for path, status in (
            ("/pages/show/notaword", 404),
            ("/quick.css", 200),
            ("/_health", 200),
        ):
            self.assertRegex(self.request_id(path, status=status), OWN_ID, path)


class JSONLogTest(TestController):
    """The JSON log format, on the records of a save."""

    def setUp(self):
        super().setUp()
        self.stream = io.StringIO()
        handler = logging.StreamHandler(self.stream)
        handler.setFormatter(
            request_ids.JSONFormatter("%(asctime)s %(levelname)s %(name)s %(message)s")
        )
        logger = logging.getLogger("quickwiki")
        logger.addHandler(handler)
        self.addCleanup(logger.removeHandler, handler)

    def records(self):
        return [json.loads(line) for line in self.stream.getvalue().splitlines()]

    def test_a_record_logged_in_a_request_carries_its_id(self):
        response = self.save("NewPage", "Text.")
        (stored,) = [
            record
            for record in self.records()
            if record["message"] == "Stored revision 1 of NewPage"
        ]
        self.assertEqual(stored["request_id"], response.headers["X-Request-Id"])
        self.assertEqual(stored["level"], "INFO")
        self.assertEqual(stored["logger"], "quickwiki.controllers.pages")
        self.assertIsNotNone(datetime.fromisoformat(stored["time"]).tzinfo)

    def test_a_record_logged_outside_a_request_has_none(self):
        logging.getLogger("quickwiki.tests").warning("Between requests.")
        self.app.get(url("home"))
        logging.getLogger("quickwiki.tests").warning("After a request.")
        self.assertEqual(
            [record.get("request_id") for record in self.records()], [None, None]
        )

    def test_a_traceback_is_in_the_record(self):
        try:
            raise ValueError("broken")
        except ValueError:
            logging.getLogger("quickwiki.tests").exception("It broke.")
        (record,) = self.records()
        self.assertIn("ValueError: broken", record["exc_info"])
