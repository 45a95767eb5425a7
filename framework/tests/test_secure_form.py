"""CSRF tokens: the form carries one, submissions without it are refused."""

import unittest

from webob import Request

from pylons.decorators.secure import same_origin
from pylons.secure_form import token_key

from tests import sample_app
from tests.sampleapp.controllers import forms


class SecureFormTest(unittest.TestCase):
    def setUp(self):
        forms.runs.clear()
        self.app = sample_app()
        self.form = self.app.get("/forms/secure").forms[0]

    def test_form_carries_the_sessions_token(self):
        token = self.form[token_key].value
        self.assertGreaterEqual(len(token), 32)
        self.assertEqual(self.app.get("/forms/secure").forms[0][token_key].value, token)

    def test_token_field_is_hidden_without_inline_style(self):
        field = self.form.html.find("input", attrs={"name": token_key})
        self.assertEqual(field.parent.get("hidden"), "hidden")
        self.assertNotIn("style=", self.form.text)

    def test_form_posts_to_the_given_url(self):
        self.assertEqual(self.form.action, "/forms/protected")
        self.assertEqual(self.form.method.upper(), "POST")

    def test_submission_with_the_token_runs_without_the_token_field(self):
        self.form["field"] = "value"
        response = self.form.submit()
        self.assertEqual(response.text, "accepted: ['field']")
        self.assertEqual(forms.runs, ["protected"])

    def test_missing_token_is_refused_with_403_and_the_action_does_not_run(self):
        response = self.app.post("/forms/protected", {"field": "value"}, status=403)
        self.assertIn(b"Error 403", response.body)
        self.assertEqual(forms.runs, [])

    def test_wrong_token_is_refused_with_403_and_the_action_does_not_run(self):
        self.form[token_key] = "forged" + self.form[token_key].value
        self.form.submit(status=403)
        self.assertEqual(forms.runs, [])

    def test_token_from_another_session_is_refused(self):
        stolen = self.form[token_key].value
        other = sample_app()
        other.get("/forms/secure")
        other.post("/forms/protected", {token_key: stolen}, status=403)
        self.assertEqual(forms.runs, [])

    def test_no_session_token_at_all_is_refused(self):
        fresh = sample_app()
        fresh.post("/forms/protected", {token_key: ""}, status=403)
        self.assertEqual(forms.runs, [])

    def test_token_may_come_in_a_header(self):
        token = self.form[token_key].value
        response = self.app.post(
            "/forms/protected", {"field": "x"}, headers={"X-CSRF-Token": token}
        )
        self.assertEqual(response.text, "accepted: ['field']")


class SameOriginTest(unittest.TestCase):
    """A form with the right token is still refused when the browser says
    another site's page sent it."""

    def setUp(self):
        forms.runs.clear()
        self.app = sample_app()
        self.form = self.app.get("/forms/secure").forms[0]

    def test_a_form_from_another_site_is_refused_with_its_token(self):
        for headers in (
            {"Origin": "https://evil.example"},
            {"Origin": "null"},
            {"Origin": "https://localhost"},
            {"Referer": "http://evil.example/form"},
        ):
            with self.subTest(headers=headers):
                self.form.submit(headers=headers, status=403)
        self.assertEqual(forms.runs, [])

    def test_a_form_from_this_site_is_accepted(self):
        for headers in (
            {"Origin": "http://localhost"},
            {"Origin": "HTTP://LOCALHOST:80"},
            {"Referer": "http://localhost/forms/secure"},
        ):
            with self.subTest(headers=headers):
                self.form.submit(headers=headers, status=200)
        self.assertEqual(forms.runs, ["protected"] * 3)

    def test_the_origin_wins_over_the_referer(self):
        self.form.submit(
            headers={
                "Origin": "https://evil.example",
                "Referer": "http://localhost/forms/secure",
            },
            status=403,
        )

    def test_a_form_of_no_stated_origin_needs_its_token_only(self):
        self.form.submit(extra_environ={"HTTP_REFERER": ""}, status=200)
        self.assertEqual(forms.runs, ["protected"])

    def test_the_canonical_url_is_this_site_too(self):
        app = sample_app(**{"pylons.canonical_url": "https://wiki.example.org"})
        form = app.get("/forms/secure").forms[0]
        form.submit(headers={"Origin": "https://wiki.example.org"}, status=200)
        form.submit(headers={"Origin": "https://wiki.example.com"}, status=403)

    def test_same_origin_says_so(self):
        request = Request.blank("http://localhost:8080/x")
        self.assertIsNone(same_origin(request))
        request.headers["Referer"] = "http://localhost:8080/page"
        self.assertTrue(same_origin(request))
        request.headers["Origin"] = "http://localhost:8081"
        self.assertFalse(same_origin(request))
        request.headers["Origin"] = "http://localhost:port"
        self.assertFalse(same_origin(request))
