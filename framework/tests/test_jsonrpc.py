"""JSONRPCController: JSON-RPC 2.0 calls, Pylons 1.0 calls, notifications, errors."""

import json
import unittest

from tests import sample_app
from tests.sampleapp.controllers import jsonrpc_calc

URL = "/jsonrpc_calc/index"


def post(app, document, status=200):
    body = document if isinstance(document, bytes) else json.dumps(document)
    return app.post(URL, body, content_type="application/json", status=status)


class Version2Test(unittest.TestCase):
    def setUp(self):
        self.app = sample_app()

    def test_positional_params(self):
        response = post(
            self.app,
            {"jsonrpc": "2.0", "method": "subtract", "params": [42, 23], "id": 1},
        )
        self.assertEqual(response.content_type, "application/json")
        self.assertEqual(response.json, {"jsonrpc": "2.0", "result": 19, "id": 1})

    def test_named_params(self):
        response = post(
            self.app,
            {
                "jsonrpc": "2.0",
                "method": "subtract",
                "params": {"subtrahend": 23, "minuend": 42},
                "id": "abc",
            },
        )
        self.assertEqual(response.json, {"jsonrpc": "2.0", "result": 19, "id": "abc"})

    def test_notification_runs_the_method_and_gets_no_answer(self):
        jsonrpc_calc.calls.clear()
        response = post(
            self.app,
            {"jsonrpc": "2.0", "method": "record", "params": [1, 2]},
            status=204,
        )
        self.assertEqual(response.body, b"")
        self.assertIn(("record", 1, 2), jsonrpc_calc.calls)

    def test_before_sees_the_remote_method_as_its_action(self):
        jsonrpc_calc.calls.clear()
        post(self.app, {"jsonrpc": "2.0", "method": "record", "id": 1})
        self.assertEqual(jsonrpc_calc.calls[0], ("before", "record"))

    def test_batch_answers_each_call_but_notifications(self):
        response = post(
            self.app,
            [
                {"jsonrpc": "2.0", "method": "subtract", "params": [5, 1], "id": 1},
                {"jsonrpc": "2.0", "method": "record", "params": [9]},
                {"jsonrpc": "2.0", "method": "nope", "id": 2},
                7,
            ],
        )
        self.assertEqual(
            response.json,
            [
                {"jsonrpc": "2.0", "result": 4, "id": 1},
                {
                    "jsonrpc": "2.0",
                    "id": 2,
                    "error": {"code": -32601, "message": "Method not found"},
                },
                {
                    "jsonrpc": "2.0",
                    "id": None,
                    "error": {"code": -32600, "message": "Invalid Request"},
                },
            ],
        )

    def test_batch_of_notifications_gets_no_answer(self):
        post(self.app, [{"jsonrpc": "2.0", "method": "record"}], status=204)

    def test_empty_batch_is_an_invalid_request(self):
        self.assertEqual(post(self.app, []).json["error"]["code"], -32600)


class ErrorTest(unittest.TestCase):
    def setUp(self):
        self.app = sample_app()

    def error_of(self, document):
        response = post(self.app, dict(document, jsonrpc="2.0", id=1))
        return response.json["error"]

    def test_unreadable_json_is_a_parse_error(self):
        response = post(self.app, b'{"jsonrpc": "2.0", "method"')
        self.assertEqual(response.json["error"]["code"], -32700)
        self.assertIsNone(response.json["id"])

    def test_missing_method_name_is_an_invalid_request(self):
        self.assertEqual(self.error_of({"params": []})["code"], -32600)

    def test_params_of_the_wrong_kind_are_an_invalid_request(self):
        error = self.error_of({"method": "subtract", "params": "1, 2"})
        self.assertEqual(error["code"], -32600)

    def test_private_method_is_not_found(self):
        self.assertEqual(self.error_of({"method": "_hidden"})["code"], -32601)

    def test_wrong_params_are_invalid_params(self):
        error = self.error_of({"method": "subtract", "params": [1]})
        self.assertEqual(error["code"], -32602)
        error = self.error_of(
            {"method": "subtract", "params": {"minuend": 1, "other": 2}}
        )
        self.assertEqual(error["code"], -32602)

    def test_exception_is_an_internal_error_and_is_logged(self):
        with self.assertLogs("pylons.controllers.rpc", "ERROR") as logged:
            error = self.error_of({"method": "explode"})
        self.assertEqual(error["code"], -32603)
        self.assertNotIn("secret internals", error["message"])
        self.assertIn("secret internals", "\n".join(logged.output))

    def test_method_may_send_its_own_error(self):
        self.assertEqual(
            self.error_of({"method": "refuse"}),
            {"code": -32001, "message": "refused on purpose", "data": {"why": "test"}},
        )

    def test_result_that_is_not_json_is_an_internal_error(self):
        self.assertEqual(self.error_of({"method": "unsendable"})["code"], -32603)

    def test_get_is_refused(self):
        self.app.get(URL, status=405)
