"""The headers of a public site, HTTPS-only sessions and the debugger's reach."""

import unittest

from webtest import TestApp

from pylons.middleware import SecurityHeaders, default_security_headers, local_request

from tests import AS_SERVED, sample_app


def plain_app(environ, start_response):
    start_response(
        "200 OK", [("Content-Type", "text/plain"), ("X-Frame-Options", "SAMEORIGIN")]
    )
    return [b"plain"]


class SecurityHeadersTest(unittest.TestCase):
    def test_every_kind_of_response_carries_the_default_headers(self):
        app = sample_app()
        for path, status in (
            ("/hello/index", 200),
            ("/static.txt", 200),
            ("/hello/not_found", 404),
            ("/hello/boom", 500),
        ):
            with self.subTest(path=path):
                response = app.get(
                    path, status=status, expect_errors=True, extra_environ=AS_SERVED
                )
                for name, value in default_security_headers.items():
                    self.assertEqual(response.headers[name], value)

    def test_default_policy_allows_no_inline_or_foreign_script(self):
        policy = default_security_headers["Content-Security-Policy"]
        self.assertIn("default-src 'self'", policy)
        self.assertIn("frame-ancestors 'none'", policy)
        self.assertNotIn("unsafe-inline", policy)
        self.assertNotIn("script-src", policy)

    def test_images_come_from_the_site_alone_unless_allowed(self):
        policy = sample_app().get("/hello/index").headers["Content-Security-Policy"]
        self.assertIn("img-src 'self';", policy)
        app = sample_app(
            **{"pylons.image_sources": "https://images.example.org  https://a.example"}
        )
        policy = app.get("/hello/index").headers["Content-Security-Policy"]
        self.assertIn(
            "img-src 'self' https://images.example.org https://a.example;", policy
        )

    def test_settings_change_add_and_remove_headers(self):
        app = sample_app(
            **{
                "security_headers.content_security_policy": "default-src 'none'",
                "security_headers.permissions_policy": "camera=()",
                "security_headers.referrer_policy": "",
            }
        )
        headers = app.get("/hello/index").headers
        self.assertEqual(headers["Content-Security-Policy"], "default-src 'none'")
        self.assertEqual(headers["Permissions-Policy"], "camera=()")
        self.assertNotIn("Referrer-Policy", headers)
        self.assertEqual(headers["X-Content-Type-Options"], "nosniff")

    def test_a_header_the_application_set_is_kept(self):
        app = TestApp(SecurityHeaders(plain_app, {}))
        self.assertEqual(app.get("/").headers.getall("X-Frame-Options"), ["SAMEORIGIN"])

    def test_the_applications_headers_are_kept_from_answer_to_answer(self):
        answers = [
            [("Content-Type", "text/plain")],
            [("Content-Type", "text/plain"), ("x-frame-options", "SAMEORIGIN")],
            [("Content-Type", "text/plain")],
            [("Content-Type", "text/plain"), ("X-FRAME-OPTIONS", "SAMEORIGIN")],
        ]

        def app(environ, start_response):
            start_response("200 OK", answers.pop(0))
            return [b"answer"]

        test_app = TestApp(SecurityHeaders(app, {}))
        frame_options = [
            test_app.get("/").headers.getall("X-Frame-Options") for _ in range(4)
        ]
        self.assertEqual(
            frame_options, [["DENY"], ["SAMEORIGIN"], ["DENY"], ["SAMEORIGIN"]]
        )

    def test_many_other_header_names_leave_the_check_as_it_is(self):
        answers = [[("X-Other-%d" % number, "1")] for number in range(100)]
        answers.append([("X-Frame-Options", "SAMEORIGIN")])

        def app(environ, start_response):
            start_response("200 OK", answers.pop(0))
            return [b"answer"]

        test_app = TestApp(SecurityHeaders(app, {}))
        for _number in range(100):
            test_app.get("/")
        frame_options = test_app.get("/").headers.getall("X-Frame-Options")
        self.assertEqual(frame_options, ["SAMEORIGIN"])

    def test_debug_allows_the_debuggers_inline_script_and_style(self):
        policy = (
            sample_app(debug=True)
            .get("/hello/index")
            .headers["Content-Security-Policy"]
        )
        self.assertIn("script-src 'self' 'unsafe-inline'", policy)
        self.assertIn("style-src 'self' 'unsafe-inline'", policy)


class HttpsTest(unittest.TestCase):
    def session_cookie(self, app):
        return app.get("/forms/count").headers["Set-Cookie"].lower()

    def test_https_sites_send_hsts_and_secure_session_cookies(self):
        app = sample_app(**{"pylons.https": "true"})
        self.assertEqual(
            app.get("/hello/index").headers["Strict-Transport-Security"],
            "max-age=31536000",
        )
        self.assertIn("; secure", self.session_cookie(app))

    def test_plain_http_sites_do_not(self):
        app = sample_app()
        self.assertNotIn("Strict-Transport-Security", app.get("/hello/index").headers)
        self.assertNotIn("; secure", self.session_cookie(app))


class DebuggerReachTest(unittest.TestCase):
    def test_local_browser_gets_the_debugger(self):
        response = sample_app(debug=True).get(
            "/hello/boom", status=500, expect_errors=True, extra_environ=AS_SERVED
        )
        self.assertIn(b"__debugger__", response.body)

    def test_other_host_names_never_get_the_debugger(self):
        app = sample_app(debug=True)
        for host in ("evil.example", "localhost.evil.example", "10.0.0.1"):
            with self.subTest(host=host):
                with self.assertRaises(RuntimeError):
                    app.get(
                        "/hello/boom", headers={"Host": host}, extra_environ=AS_SERVED
                    )

    def test_other_machines_never_get_the_debugger(self):
        app = sample_app(debug=True)
        with self.assertRaises(RuntimeError):
            app.get(
                "/hello/boom", extra_environ=dict(AS_SERVED, REMOTE_ADDR="192.0.2.7")
            )

    def test_there_is_no_console(self):
        response = sample_app(debug=True).get(
            "/__console__", status=404, extra_environ=AS_SERVED
        )
        self.assertNotIn(b"__debugger__", response.body)

    def test_local_request(self):
        local = [
            ("localhost", "127.0.0.1"),
            ("localhost:5000", "127.0.0.1"),
            ("127.0.0.1:8080", "127.0.0.1"),
            ("[::1]:5000", "::1"),
        ]
        remote = [
            ("evil.example", "127.0.0.1"),
            ("localhost", "192.0.2.7"),
            ("localhost", ""),
            ("", "127.0.0.1"),
            ("[bad", "127.0.0.1"),
        ]
        for host, address in local:
            self.assertTrue(
                local_request({"HTTP_HOST": host, "REMOTE_ADDR": address}), host
            )
        for host, address in remote:
            self.assertFalse(
                local_request({"HTTP_HOST": host, "REMOTE_ADDR": address}), host
            )
