"""XMLRPCController: calls, introspection, faults and limits."""

import datetime
import io
import unittest
import xmlrpc.client

import webob

from tests import sample_app
from tests.sampleapp.controllers import xmlrpc_calc

URL = "/xmlrpc_calc/index"


def call(app, method, *params, url=URL, status=200):
    body = xmlrpc.client.dumps(params, methodname=method, allow_none=True)
    return app.post(url, body, content_type="text/xml", status=status)


def result_of(response):
    (result,), _method = xmlrpc.client.loads(response.body, use_builtin_types=True)
    return result


def fault_of(response):
    try:
        xmlrpc.client.loads(response.body)
    except xmlrpc.client.Fault as fault:
        return fault
    raise AssertionError("not a fault response: %r" % response.body)


class CallTest(unittest.TestCase):
    def setUp(self):
        self.app = sample_app()

    def test_method_result_is_sent_as_a_method_response(self):
        response = call(self.app, "add", 2, 3)
        self.assertEqual(response.content_type, "text/xml")
        self.assertEqual(result_of(response), 5)

    def test_values_of_every_type_travel_both_ways(self):
        value = {
            "text": "Grüße",
            "int": 7,
            "float": 1.5,
            "bool": True,
            "list": [1, "two"],
            "bytes": b"\x00\x01",
            "when": datetime.datetime(2024, 5, 6, 7, 8, 9),
        }
        self.assertEqual(result_of(call(self.app, "echo", value)), value)

    def test_struct_results(self):
        self.assertEqual(
            result_of(call(self.app, "describe", "ann", 30)), {"name": "ann", "age": 30}
        )

    def test_before_sees_the_remote_method_as_its_action(self):
        xmlrpc_calc.before_actions.clear()
        call(self.app, "system.listMethods")
        self.assertEqual(xmlrpc_calc.before_actions, ["system_listMethods"])


class IntrospectionTest(unittest.TestCase):
    def setUp(self):
        self.app = sample_app()

    def test_list_methods_names_the_public_methods(self):
        methods = result_of(call(self.app, "system.listMethods"))
        self.assertEqual(
            methods,
            [
                "add",
                "describe",
                "echo",
                "explode",
                "forbidden",
                "nothing",
                "refuse",
                "returned.fault",
                "structured.methodname",
                "system.listMethods",
                "system.methodHelp",
                "system.methodSignature",
            ],
        )

    def test_method_help_is_the_docstring(self):
        self.assertEqual(
            result_of(call(self.app, "system.methodHelp", "add")), "Add two numbers."
        )

    def test_method_help_of_an_undocumented_method_is_empty(self):
        self.assertEqual(result_of(call(self.app, "system.methodHelp", "echo")), "")

    def test_method_signature_lists_the_declared_signatures(self):
        self.assertEqual(
            result_of(call(self.app, "system.methodSignature", "add")),
            [["int", "int", "int"], ["double", "double", "double"]],
        )

    def test_method_signature_without_a_declaration_is_undef(self):
        self.assertEqual(
            result_of(call(self.app, "system.methodSignature", "echo")), "undef"
        )

    def test_introspecting_an_unknown_method_is_a_fault(self):
        fault = fault_of(call(self.app, "system.methodHelp", "nope"))
        self.assertEqual(fault.faultCode, -32601)


class FaultTest(unittest.TestCase):
    def setUp(self):
        self.app = sample_app()

    def test_unknown_method(self):
        fault = fault_of(call(self.app, "subtract", 1, 2))
        self.assertEqual(fault.faultCode, -32601)
        self.assertIn("subtract", fault.faultString)

    def test_private_method_is_unknown(self):
        self.assertEqual(fault_of(call(self.app, "_hidden")).faultCode, -32601)

    def test_arguments_matching_no_signature(self):
        fault = fault_of(call(self.app, "add", "two", 3))
        self.assertEqual(fault.faultCode, -32602)
        self.assertIn("string, int", fault.faultString)

    def test_wrong_number_of_arguments_without_a_signature(self):
        self.assertEqual(fault_of(call(self.app, "echo")).faultCode, -32602)
        self.assertEqual(fault_of(call(self.app, "echo", 1, 2)).faultCode, -32602)

    def test_exception_in_a_method_is_an_application_fault(self):
        with self.assertLogs("pylons.controllers.rpc", "ERROR") as logged:
            fault = fault_of(call(self.app, "explode"))
        self.assertEqual(fault.faultCode, -32500)
        self.assertNotIn("secret internals", fault.faultString)
        self.assertIn("secret internals", "\n".join(logged.output))

    def test_method_may_raise_its_own_fault(self):
        fault = fault_of(call(self.app, "refuse"))
        self.assertEqual(
            (fault.faultCode, fault.faultString), (42, "refused on purpose")
        )

    def test_none_result_is_a_fault_unless_allowed(self):
        self.assertEqual(fault_of(call(self.app, "nothing")).faultCode, -32603)
        response = call(self.app, "nothing", url="/xmlrpc_small/index")
        self.assertIsNone(result_of(response))

    def test_malformed_xml_is_a_parse_fault(self):
        response = self.app.post(URL, b"<methodCall><oops", content_type="text/xml")
        self.assertEqual(fault_of(response).faultCode, -32700)

    def test_xml_that_is_not_a_call_is_an_invalid_request(self):
        response_document = xmlrpc.client.dumps((1,), methodresponse=True)
        response = self.app.post(URL, response_document, content_type="text/xml")
        self.assertEqual(fault_of(response).faultCode, -32600)

    def test_bad_value_is_an_invalid_request(self):
        body = (
            "<methodCall><methodName>echo</methodName><params><param>"
            "<value><int>seven</int></value></param></params></methodCall>"
        )
        response = self.app.post(URL, body, content_type="text/xml")
        self.assertEqual(fault_of(response).faultCode, -32600)


class HTTPTest(unittest.TestCase):
    def setUp(self):
        self.app = sample_app()

    def test_get_is_refused(self):
        response = self.app.get(URL, status=405)
        self.assertEqual(response.headers["Allow"], "POST")

    def test_body_over_the_limit_is_refused(self):
        call(self.app, "echo", "x" * 50, url="/xmlrpc_small/index")
        call(self.app, "echo", "x" * 500, url="/xmlrpc_small/index", status=413)

    def test_body_of_unknown_length_is_refused(self):
        request = webob.Request.blank(URL, method="POST", body=b"<x/>")
        del request.environ["CONTENT_LENGTH"]
        self.assertEqual(request.get_response(self.app.app).status_int, 411)

    def test_body_of_unknown_length_and_type_is_refused(self):
        # The form decoding in front of the controller must not give the
        # untyped body a length of its own.  The body comes as a server
        # gives it: a stream WebOb has not made seekable.
        request = webob.Request.blank(URL, method="POST")
        request.environ["wsgi.input"] = io.BytesIO(b"<x/>")
        request.environ.pop("CONTENT_LENGTH", None)
        request.environ.pop("CONTENT_TYPE", None)
        request.environ.pop("webob.is_body_seekable", None)
        self.assertEqual(request.get_response(self.app.app).status_int, 411)

    def test_abort_in_a_method_is_the_http_response(self):
        call(self.app, "forbidden", status=403)
