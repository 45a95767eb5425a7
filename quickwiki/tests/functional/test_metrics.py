"""Prometheus metrics: requests by route, the render workers and the
database connections, at /metrics when the config turns them on."""

from prometheus_client.parser import text_string_to_metric_families
from webtest import TestApp

import pylons.test

from quickwiki.lib import work
from quickwiki.lib.metrics import Metrics
from quickwiki.model import meta
from quickwiki.tests import TestController, url


class MetricsTest(TestController):
    def setUp(self):
        super().setUp()
        self.metrics = Metrics(pylons.test.pylonsapp, meta.Session.get_bind().engine)
        self.app = TestApp(self.metrics)

    def value(self, name, **labels):
        """A sample of /metrics, as Prometheus reads it; None if none."""
        scraped = self.app.get("/metrics", status=200)
        self.assertTrue(scraped.content_type.startswith("text/plain"))
        for family in text_string_to_metric_families(scraped.text):
            for sample in family.samples:
                if sample.name == name and sample.labels == labels:
                    return sample.value
        return None

    def test_requests_are_counted_by_route_method_and_status(self):
        self.app.get(url("page", title="FrontPage"))
        self.app.get(url("page", title="FrontPage"))
        self.app.get(url("page", title="NoSuchPage"), status=404)
        self.save("NewPage", "Text.")
        self.app.get("/quick.css")
        counted = {
            ("page", "GET", "200"): 2,
            ("page", "GET", "404"): 1,
            ("edit_page", "GET", "200"): 1,
            ("save_page", "POST", "302"): 1,
            ("other", "GET", "200"): 1,
        }
        for (route, method, status), count in counted.items():
            self.assertEqual(
                self.value(
                    "quickwiki_requests_total",
                    route=route,
                    method=method,
                    status=status,
                ),
                count,
                (route, method, status),
            )

    def test_their_durations_are_measured(self):
        self.app.get(url("pages"))
        self.assertEqual(
            self.value(
                "quickwiki_request_duration_seconds_count", route="pages", method="GET"
            ),
            1,
        )
        self.assertGreater(
            self.value(
                "quickwiki_request_duration_seconds_sum", route="pages", method="GET"
            ),
            0,
        )

    def test_scrapes_are_not_counted(self):
        self.value("quickwiki_requests_total")
        self.assertIsNone(
            self.value(
                "quickwiki_requests_total", route="other", method="GET", status="200"
            )
        )

    def test_the_render_workers_are_reported(self):
        calls = self.value("quickwiki_render_calls_total")
        self.save("NewPage", "Some *text*.")
        self.assertEqual(self.value("quickwiki_render_calls_total"), calls + 1)
        self.assertEqual(self.value("quickwiki_render_waiting"), 0)
        self.assertEqual(self.value("quickwiki_render_busy"), 0)
        # test.ini keeps the default number of workers.
        self.assertEqual(
            self.value("quickwiki_render_workers"), work.DEFAULT_LIMITS["workers"]
        )

    def test_the_database_connections_are_reported(self):
        self.assertIsNotNone(self.value("quickwiki_db_connections", state="in_use"))
        self.assertIsNotNone(self.value("quickwiki_db_connections", state="idle"))
        self.assertIsNotNone(self.value("quickwiki_db_pool_size"))

    def test_the_process_is_reported(self):
        self.assertGreater(self.value("process_resident_memory_bytes"), 0)

    def test_without_the_setting_there_are_none(self):
        TestApp(pylons.test.pylonsapp).get("/metrics", status=404)
