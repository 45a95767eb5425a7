"""CSRF tokens: the form carries one, submissions without it are refused."""

import unittest

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
