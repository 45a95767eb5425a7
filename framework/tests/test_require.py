"""require: an action runs only for the requests its check allows, before
its CSRF token and its form are looked at."""

import unittest

from pylons.decorators.secure import Refused, csrf_detected_message, refused_message

from tests import sample_app
from tests.sampleapp.controllers import guarded

EDITOR = {"X-Role": "editor"}


def refusal(response):
    """The exception that the controller answered ``response`` with."""
    return response.request.environ["pylons.controller.exception"]


class RequireTest(unittest.TestCase):
    def setUp(self):
        guarded.runs.clear()
        self.app = sample_app()

    def test_an_allowed_request_runs_the_action(self):
        response = self.app.get("/guarded/editors_only", headers=EDITOR)
        self.assertEqual(response.text, "for editors")
        self.assertEqual(guarded.runs, ["editors_only"])

    def test_a_refused_request_is_a_403_and_the_action_does_not_run(self):
        response = self.app.get("/guarded/editors_only", status=403)
        self.assertIsInstance(refusal(response), Refused)
        self.assertEqual(refusal(response).detail, refused_message)
        self.assertEqual(guarded.runs, [])

    def test_the_refusal_says_the_given_detail(self):
        response = self.app.get("/guarded/explained", status=403)
        self.assertEqual(refusal(response).detail, "Only editors see this.")

    def test_the_check_gets_the_routing_variables_it_names(self):
        self.app.get("/guarded/edit_form/item", headers=EDITOR, status=200)
        self.app.get("/guarded/edit_form/item", status=403)

    def test_a_check_may_raise_its_own_refusal(self):
        response = self.app.get("/guarded/edit_form/locked", headers=EDITOR, status=403)
        self.assertIsInstance(refusal(response), Refused)
        self.assertEqual(refusal(response).detail, "Item locked is locked.")


class RequireWithFormsTest(unittest.TestCase):
    """@restrict, @require, @authenticate_form and @validate, in that order."""

    def setUp(self):
        guarded.runs.clear()
        self.app = sample_app()
        self.form = self.app.get("/guarded/edit_form/item", headers=EDITOR).forms[0]

    def test_an_editors_valid_form_runs_the_action(self):
        self.form["name"] = "New name"
        response = self.form.submit(headers=EDITOR)
        self.assertEqual(response.text, "changed item to New name")

    def test_a_refused_request_is_refused_before_its_token_is_looked_at(self):
        response = self.app.post(
            "/guarded/change/item", {"name": "New name"}, status=403
        )
        self.assertIsInstance(refusal(response), Refused)
        self.form["name"] = "New name"
        self.assertIsInstance(refusal(self.form.submit(status=403)), Refused)
        self.assertEqual(guarded.runs, [])

    def test_an_allowed_request_without_the_token_is_refused_for_it(self):
        response = self.app.post(
            "/guarded/change/item", {"name": "New name"}, headers=EDITOR, status=403
        )
        self.assertNotIsInstance(refusal(response), Refused)
        self.assertEqual(refusal(response).detail, csrf_detected_message)
        self.assertEqual(guarded.runs, [])

    def test_an_invalid_form_comes_back_with_its_errors(self):
        response = self.form.submit(headers=EDITOR)
        self.assertIn('class="error-message"', response.text)
        self.assertEqual(guarded.runs, [])

    def test_the_form_shown_again_can_be_corrected_and_saved(self):
        # @authenticate_form takes the token out of the form before
        # @validate sees it: the form shown again must still carry it.
        response = self.form.submit(headers=EDITOR)
        form = response.forms[0]
        form["name"] = "Corrected"
        response = form.submit(headers=EDITOR)
        self.assertEqual(response.text, "changed item to Corrected")

    def test_the_form_shown_again_checks_its_own_requirement(self):
        # change lets an editor's form through to @validate, which shows
        # the form again with its errors: edit_form, whose check refuses
        # the locked item.
        form = self.app.get("/guarded/edit_form/item", headers=EDITOR).forms[0]
        form.action = "/guarded/change/locked"
        response = form.submit(headers=EDITOR, status=403)
        self.assertEqual(refusal(response).detail, "Item locked is locked.")

    def test_restrict_comes_first(self):
        self.app.get("/guarded/change/item", status=405)
