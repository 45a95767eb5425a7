"""The https decorator: plain HTTP is redirected to HTTPS, or refused."""

import unittest

from tests import sample_app
from tests.sampleapp.controllers import secured

HTTPS = {"wsgi.url_scheme": "https"}


class HttpsTest(unittest.TestCase):
    def setUp(self):
        self.app = sample_app()
        secured.runs.clear()

    def test_https_request_runs_the_action(self):
        response = self.app.get("/secured/index", extra_environ=HTTPS)
        self.assertEqual(response.text, "served over https")

    def test_http_get_is_redirected_to_the_same_url_over_https(self):
        response = self.app.get("/secured/index?page=2", status=302)
        self.assertEqual(response.location, "https://localhost/secured/index?page=2")
        self.assertEqual(secured.runs, [])

    def test_redirect_goes_to_the_url_given(self):
        response = self.app.get("/secured/elsewhere", status=302)
        self.assertEqual(response.location, "https://localhost/secured/landing")

    def test_redirect_goes_to_the_url_a_callable_returns(self):
        response = self.app.get("/secured/computed", status=302)
        self.assertEqual(
            response.location, "https://localhost/secured/landing/computed"
        )

    def test_the_canonical_host_is_kept_over_the_requests(self):
        app = sample_app(**{"pylons.canonical_url": "http://wiki.example.org"})
        response = app.get(
            "/secured/index?page=2", headers={"Host": "evil.example"}, status=302
        )
        self.assertEqual(
            response.location, "https://wiki.example.org/secured/index?page=2"
        )

    def test_http_post_is_refused_without_running_the_action(self):
        response = self.app.post("/secured/index", {"data": "1"}, status=405)
        self.assertEqual(response.headers["Allow"], "GET")
        self.assertEqual(secured.runs, [])

    def test_https_post_runs_the_action(self):
        self.app.post("/secured/index", {"data": "1"}, extra_environ=HTTPS)
        self.assertEqual(secured.runs, ["index"])
