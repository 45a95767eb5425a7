"""ErrorHandler and StatusCodeRedirect, through the sample application."""

import io
import os
import tempfile
import unittest
from unittest import mock

import webob
from webtest import TestApp

from pylons.middleware import ErrorHandler, StatusCodeRedirect

from tests import AS_SERVED, sample_app


def call(app, path="/"):
    """Call the WSGI ``app`` directly: (status, headers, body, the iterable)."""
    started = []

    def start_response(status, headers, exc_info=None):
        started[:] = [status, headers]

    environ = webob.Request.blank(path, environ={"wsgi.errors": io.StringIO()}).environ
    app_iter = app(environ, start_response)
    try:
        body = b"".join(app_iter)
    finally:
        if hasattr(app_iter, "close"):
            app_iter.close()
    call.errors = environ["wsgi.errors"].getvalue()
    return started[0], started[1], body, app_iter


def plain(status, body=b"plain", lazily=False, written=b""):
    """A WSGI app answering ``status``; ``lazily`` starts as it is read."""

    def app(environ, start_response):
        if lazily:

            def body_iter():
                start_response(status, [("Content-Type", "text/plain")])
                yield body

            return body_iter()
        write = start_response(status, [("Content-Type", "text/plain")])
        if written:
            write(written)
        return [body]

    return app


def error_documents(app):
    """``app`` behind StatusCodeRedirect, whose error path echoes what it got."""

    def routed(environ, start_response):
        if environ["PATH_INFO"] == "/error/document":
            original = environ["pylons.original_response"]
            start_response("200 OK", [("Content-Type", "text/plain")])
            return [b"document for " + original.body]
        return app(environ, start_response)

    return StatusCodeRedirect(routed)


class FakeSMTP:
    """Stands in for smtplib.SMTP, keeping what would have been sent."""

    sent = []

    def __init__(self, host, port=None):
        self.host = host

    def sendmail(self, from_address, to_addresses, message):
        self.sent.append((self.host, from_address, to_addresses, message))

    def quit(self):
        pass


class ErrorHandlerDebugOffTest(unittest.TestCase):
    def test_exception_gives_the_500_error_document_and_a_log_record(self):
        app = sample_app(debug=False)
        with self.assertLogs("pylons.middleware", level="ERROR") as logs:
            response = app.get(
                "/hello/boom", status=500, expect_errors=True, extra_environ=AS_SERVED
            )
        self.assertIn(b"Error 500", response.body)
        self.assertIn(b"Sample error page for /hello/boom", response.body)
        self.assertNotIn(b"sample failure", response.body)
        self.assertIn("RuntimeError: sample failure", logs.output[0])
        self.assertIn("/hello/boom", logs.output[0])

    def test_the_error_is_one_log_record_with_its_exc_info_and_no_raw_text(self):
        """Logged once, through logging, whose formatter writes the
        traceback; nothing besides on the server's error stream."""

        def failing(environ, start_response):
            raise RuntimeError("logged once")

        app = ErrorHandler(failing, {}, debug=False)
        with self.assertLogs(level="DEBUG") as logs:
            status, _headers, _body, _app_iter = call(app, "/failing")
        self.assertEqual(status, "500 Internal Server Error")
        self.assertEqual(call.errors, "")
        (record,) = logs.records
        self.assertEqual(record.levelname, "ERROR")
        self.assertIn("/failing", record.getMessage())
        self.assertNotIn("Traceback", record.getMessage())
        exc_type, exc_value, exc_traceback = record.exc_info
        self.assertIs(exc_type, RuntimeError)
        self.assertEqual(str(exc_value), "logged once")
        self.assertIsNotNone(exc_traceback)

    def test_on_its_own_it_answers_a_plain_500_page(self):
        def failing(environ, start_response):
            raise RuntimeError("secret detail")

        app = TestApp(ErrorHandler(failing, {}, debug=False))
        with self.assertLogs("pylons.middleware", level="ERROR"):
            response = app.get(
                "/", status=500, expect_errors=True, extra_environ=AS_SERVED
            )
        self.assertEqual(response.content_type, "text/html")
        self.assertNotIn(b"secret detail", response.body)
        self.assertNotIn(b"Traceback", response.body)

    def test_traceback_is_mailed_when_email_to_is_set(self):
        FakeSMTP.sent.clear()
        app = sample_app(
            debug=False,
            email_to="ops@example.com",
            smtp_server="mail.example.com",
            from_address="app@example.com",
        )
        with mock.patch("backlash.tracing.reporters.mail.smtplib.SMTP", FakeSMTP):
            app.get(
                "/hello/boom", status=500, expect_errors=True, extra_environ=AS_SERVED
            )
        self.assertEqual(len(FakeSMTP.sent), 1)
        host, sender, recipients, message = FakeSMTP.sent[0]
        self.assertEqual(host, "mail.example.com")
        self.assertEqual(sender, "app@example.com")
        self.assertEqual(recipients, ["ops@example.com"])
        self.assertIn("sample failure", message)

    def test_no_mail_without_email_to(self):
        FakeSMTP.sent.clear()
        app = sample_app(debug=False)
        with mock.patch("backlash.tracing.reporters.mail.smtplib.SMTP", FakeSMTP):
            app.get(
                "/hello/boom", status=500, expect_errors=True, extra_environ=AS_SERVED
            )
        self.assertEqual(FakeSMTP.sent, [])

    def test_traceback_is_appended_to_error_log(self):
        with tempfile.TemporaryDirectory() as directory:
            error_log = os.path.join(directory, "errors.log")
            app = sample_app(debug=False, error_log=error_log)
            app.get(
                "/hello/boom", status=500, expect_errors=True, extra_environ=AS_SERVED
            )
            with open(error_log, encoding="utf-8") as logfile:
                self.assertIn("RuntimeError: sample failure", logfile.read())


class ErrorHandlerDebugOnTest(unittest.TestCase):
    def test_exception_gives_the_interactive_debugger(self):
        app = sample_app(debug=True)
        response = app.get(
            "/hello/boom", status=500, expect_errors=True, extra_environ=AS_SERVED
        )
        self.assertIn(b"RuntimeError", response.body)
        self.assertIn(b"sample failure", response.body)
        self.assertIn(b"__debugger__", response.body)
        self.assertIn(b"hello.py", response.body)

    def test_template_errors_name_the_template_line(self):
        app = sample_app(debug=True)
        response = app.get(
            "/templates/broken", status=500, expect_errors=True, extra_environ=AS_SERVED
        )
        self.assertIn(b"broken.mako, line 2", response.body)


class StatusCodeRedirectTest(unittest.TestCase):
    def setUp(self):
        self.app = sample_app()

    def test_abort_404_reaches_the_error_controller_keeping_404(self):
        response = self.app.get("/hello/not_found", status=404)
        self.assertIn(b"Error 404", response.body)
        self.assertIn(b"Sample error page for /hello/not_found", response.body)

    def test_original_request_and_response_are_handed_over(self):
        response = self.app.get("/hello/forbidden", status=403)
        environ = response.req.environ
        self.assertEqual(environ["PATH_INFO"], "/error/document")
        self.assertEqual(
            environ["pylons.original_request"].path_info, "/hello/forbidden"
        )
        self.assertEqual(environ["pylons.original_response"].status_int, 403)

    def test_a_failed_post_is_documented_by_a_get(self):
        response = self.app.post("/hello/forbidden", {"field": "value"}, status=403)
        self.assertEqual(response.req.method, "GET")
        self.assertIn(b"Error 403", response.body)

    def test_unlisted_status_passes_through(self):
        response = self.app.get("/hello/gone", status=410)
        self.assertIn(b"long gone", response.body)

    def test_debug_on_does_not_redirect_500(self):
        app = sample_app(debug=True)
        response = app.get(
            "/hello/boom", status=500, expect_errors=True, extra_environ=AS_SERVED
        )
        self.assertNotIn(b"Sample error page", response.body)

    def test_app_can_keep_its_own_error_page(self):
        response = self.app.get("/hello/own_error_page", status=404)
        self.assertEqual(response.text, "the controller's own 404 page")

    def test_cookies_of_the_original_response_are_kept(self):
        response = self.app.get("/hello/cookie_then_forbidden", status=403)
        self.assertIn("tried=once", response.headers["Set-Cookie"])
        self.assertIn(b"Error 403", response.body)

    def test_authentication_challenge_is_kept(self):
        response = self.app.get("/hello/login_required", status=401)
        self.assertEqual(response.headers["WWW-Authenticate"], 'Basic realm="sample"')
        self.assertIn(b"Error 401", response.body)


def cookie_setting_app(environ, start_response):
    """Forbids with a cookie, and documents the error with another value."""
    if environ["PATH_INFO"] == "/error/document":
        start_response(
            "200 OK",
            [
                ("Content-Type", "text/plain"),
                ("Set-Cookie", "session=documented; Path=/"),
            ],
        )
        return [b"error document"]
    start_response(
        "403 Forbidden",
        [("Content-Type", "text/plain"), ("Set-Cookie", "session=original; Path=/")],
    )
    return [b"forbidden"]


class StatusCodeRedirectCookieTest(unittest.TestCase):
    def test_a_cookie_set_by_both_keeps_the_documents_value(self):
        app = TestApp(StatusCodeRedirect(cookie_setting_app))
        response = app.get("/anything", status=403)
        self.assertEqual(response.text, "error document")
        self.assertEqual(app.cookies["session"], "documented")


def rate_limited_app(environ, start_response):
    """Refuses with 429 and the wait it asks for; documents the error."""
    if environ["PATH_INFO"] == "/error/document":
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"error document"]
    start_response(
        "429 Too Many Requests",
        [("Content-Type", "text/plain"), ("Retry-After", "42")],
    )
    return [b"slow down"]


class StatusCodeRedirectRetryAfterTest(unittest.TestCase):
    def test_the_wait_a_refusal_asks_for_is_kept(self):
        app = TestApp(StatusCodeRedirect(rate_limited_app, errors=[429]))
        response = app.get("/anything", status=429)
        self.assertEqual(response.text, "error document")
        self.assertEqual(response.headers["Retry-After"], "42")


class StatusCodeRedirectFastPathTest(unittest.TestCase):
    """Answers of unlisted statuses cost a start_response wrapper, no more."""

    def test_an_unlisted_answer_passes_without_a_webob_request(self):
        body = [b"fine"]

        def fine(environ, start_response):
            start_response("200 OK", [("Content-Type", "text/plain")])
            return body

        with mock.patch(
            "pylons.middleware.Request", side_effect=AssertionError("built a Request")
        ):
            status, _headers, _body, app_iter = call(StatusCodeRedirect(fine))
        self.assertEqual(status, "200 OK")
        self.assertIs(app_iter, body)

    def test_an_answer_started_as_its_body_is_read(self):
        app = error_documents(plain("404 Not Found", b"lazy", lazily=True))
        self.assertEqual(call(app)[0::2], ("404 Not Found", b"document for lazy"))
        app = error_documents(plain("200 OK", b"lazy", lazily=True))
        self.assertEqual(call(app)[0::2], ("200 OK", b"lazy"))

    def test_what_was_written_is_part_of_the_original_body(self):
        app = error_documents(plain("403 Forbidden", b"returned", written=b"written,"))
        self.assertEqual(
            call(app)[0::2], ("403 Forbidden", b"document for written,returned")
        )


class PlainErrorPageTest(unittest.TestCase):
    """ErrorHandler with debug off: nothing added to a request that goes well."""

    def test_a_list_body_is_passed_on_as_it_is(self):
        body = [b"fine"]

        def fine(environ, start_response):
            start_response("200 OK", [("Content-Type", "text/plain")])
            return body

        self.assertIs(call(ErrorHandler(fine, {}, debug=False))[3], body)

    def test_a_streamed_body_that_fails_is_reported_with_the_500_page(self):
        def failing_stream(environ, start_response):
            start_response("200 OK", [("Content-Type", "text/plain")])
            yield b""
            raise RuntimeError("failed while streaming")

        app = ErrorHandler(
            failing_stream, {}, debug=False, error_message="Sorry, <b>that</b> failed"
        )
        with self.assertLogs("pylons.middleware", level="ERROR") as logs:
            status, _headers, body, _app_iter = call(app)
        self.assertEqual(status, "500 Internal Server Error")
        self.assertIn(b"Sorry, &lt;b&gt;that&lt;/b&gt; failed", body)
        self.assertNotIn(b"failed while streaming", body)
        self.assertIn("RuntimeError: failed while streaming", logs.output[0])
        self.assertEqual(logs.records[0].exc_info[0], RuntimeError)
        self.assertEqual(call.errors, "")
