"""jsonify, validate, restrict and dispatch_on."""

import json
import unittest
import warnings

from pylons.decorators import JSON_ARRAY_WARNING

from tests import sample_app


class JsonifyTest(unittest.TestCase):
    def test_return_value_is_sent_as_json(self):
        response = sample_app().get("/forms/data")
        self.assertEqual(response.content_type, "application/json")
        self.assertEqual(json.loads(response.text), {"answer": 42, "text": "ünïcode"})

    def test_top_level_list_is_refused_after_pylons_1_warning(self):
        app = sample_app(full_stack=False)
        with (
            warnings.catch_warnings(record=True) as caught,
            self.assertLogs("pylons.decorators", "WARNING") as logged,
        ):
            warnings.simplefilter("always")
            with self.assertRaises(ValueError):
                app.get("/forms/array")
        self.assertEqual([str(w.message) for w in caught], [JSON_ARRAY_WARNING])
        self.assertIs(caught[0].category, Warning)
        self.assertIn(JSON_ARRAY_WARNING, logged.output[0])


class ValidateTest(unittest.TestCase):
    def setUp(self):
        self.app = sample_app()

    def test_valid_input_is_converted_into_form_result(self):
        response = self.app.post("/forms/signup", {"name": "Ada", "age": "36"})
        self.assertEqual(response.text, "welcome Ada, aged 36")

    def test_invalid_input_refills_the_form_with_errors(self):
        response = self.app.post("/forms/signup", {"name": "", "age": "old"})
        self.assertNotIn("welcome", response.text)
        form = response.forms[0]
        self.assertEqual(form["age"].value, "old")
        self.assertIn("Please enter a value", response.text)
        self.assertIn("Please enter an integer value", response.text)
        self.assertEqual(sorted(response.c.form_errors), ["age", "name"])

    def test_get_is_not_validated(self):
        self.assertEqual(self.app.get("/forms/checked").text, "not validated")
        self.assertEqual(self.app.post("/forms/checked").text, "validated")

    def test_on_get_validates_get_requests(self):
        self.assertEqual(
            self.app.get("/forms/checked_on_get").text, "errors: age, name"
        )

    def test_without_form_the_action_sees_the_errors(self):
        self.assertEqual(
            self.app.post("/forms/lenient", {"age": "x"}).text, "errors: age"
        )
        self.assertEqual(self.app.post("/forms/lenient", {"age": "1"}).text, "age+1=2")


class RestTest(unittest.TestCase):
    def setUp(self):
        self.app = sample_app()

    def test_restrict_allows_the_listed_method(self):
        self.assertEqual(self.app.post("/forms/post_only").text, "posted")

    def test_restrict_refuses_other_methods_with_405(self):
        response = self.app.get("/forms/post_only", status=405)
        self.assertEqual(response.headers["Allow"], "POST")

    def test_dispatch_on_sends_the_method_to_its_action(self):
        self.assertEqual(self.app.post("/forms/collection").text, "created")
        self.assertEqual(self.app.get("/forms/collection").text, "listing")
