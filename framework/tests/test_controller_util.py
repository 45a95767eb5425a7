"""pylons.controllers.util: abort, redirect, etag_cache, forward, cookies."""

import unittest

import webob

from pylons.controllers.util import Request, Response

from tests import sample_app


class AbortTest(unittest.TestCase):
    def test_abort_answers_with_the_status_and_detail(self):
        response = sample_app(full_stack=False).get("/hello/not_found", status=404)
        self.assertIn(b"no such thing", response.body)
        self.assertIn(b"for the source reader", response.body)

    def test_abort_with_headers_adds_them(self):
        with self.assertRaises(webob.exc.HTTPForbidden) as caught:
            from pylons.controllers.util import abort

            abort(403, headers=[("X-Reason", "test")])
        self.assertEqual(caught.exception.headers["X-Reason"], "test")


class RedirectTest(unittest.TestCase):
    def setUp(self):
        self.app = sample_app()

    def test_redirect_sends_a_302_to_the_path(self):
        response = self.app.get("/hello/go_away", status=302)
        self.assertEqual(response.location, "/hello/index")
        self.assertIn('<a href="/hello/index">', response.text)

    def test_redirect_code_can_be_chosen(self):
        response = self.app.get("/hello/go_away_301", status=301)
        self.assertEqual(response.location, "/hello/index")

    def test_the_host_header_never_reaches_the_location(self):
        for host in ("evil.example", "user@localhost", "localhost, evil.example"):
            with self.subTest(host=host):
                response = self.app.get(
                    "/hello/go_away", headers={"Host": host}, status=302
                )
                self.assertEqual(response.location, "/hello/index")

    def test_the_canonical_url_makes_the_location(self):
        app = sample_app(**{"pylons.canonical_url": "https://wiki.example.org/"})
        response = app.get("/hello/go_away", headers={"Host": "evil.example"})
        self.assertEqual(response.location, "https://wiki.example.org/hello/index")

    def test_a_head_request_gets_the_redirect_without_a_body(self):
        response = self.app.head("/hello/go_away", status=302)
        self.assertEqual(response.location, "/hello/index")
        self.assertEqual(response.body, b"")

    def test_redirect_refuses_codes_that_are_not_redirects(self):
        app = sample_app(full_stack=False)
        with self.assertRaises(ValueError):
            app.get("/hello/go_away_bad")


class EtagCacheTest(unittest.TestCase):
    def setUp(self):
        self.app = sample_app()

    def test_etag_is_set(self):
        response = self.app.get("/hello/tagged")
        self.assertEqual(response.headers["ETag"], '"v1"')
        self.assertEqual(response.text, "tagged content")

    def test_matching_if_none_match_answers_304(self):
        response = self.app.get(
            "/hello/tagged", headers={"If-None-Match": '"v1"'}, status=304
        )
        self.assertEqual(response.body, b"")
        self.assertEqual(response.headers["ETag"], '"v1"')
        self.assertNotIn("Content-Type", response.headers)

    def test_the_304_is_webobs_http_not_modified(self):
        response = self.app.get(
            "/hello/tagged_and_caught", headers={"If-None-Match": '"v1"'}
        )
        self.assertEqual(response.text, "caught 304 Not Modified")

    def test_other_etag_gets_the_content(self):
        response = self.app.get("/hello/tagged", headers={"If-None-Match": '"v0"'})
        self.assertEqual(response.text, "tagged content")

    def test_last_modified_cache_control_and_vary_are_sent(self):
        response = self.app.get("/hello/tagged_since")
        self.assertEqual(response.text, "tagged since")
        self.assertEqual(response.headers["ETag"], '"v2"')
        self.assertEqual(
            response.headers["Last-Modified"], "Fri, 02 Jan 2026 03:04:05 GMT"
        )
        self.assertEqual(response.headers["Cache-Control"], "public, max-age=60")
        self.assertEqual(response.headers["Vary"], "Accept-Language, Cookie")

    def test_last_modified_of_another_zone_is_sent_in_gmt(self):
        response = self.app.get("/hello/tagged_in_zone")
        self.assertEqual(
            response.headers["Last-Modified"], "Fri, 02 Jan 2026 03:04:05 GMT"
        )

    def test_a_304_repeats_how_the_copy_may_be_kept(self):
        response = self.app.get(
            "/hello/tagged_since", headers={"If-None-Match": '"v2"'}, status=304
        )
        self.assertEqual(response.body, b"")
        for name, value in (
            ("ETag", '"v2"'),
            ("Last-Modified", "Fri, 02 Jan 2026 03:04:05 GMT"),
            ("Cache-Control", "public, max-age=60"),
            ("Vary", "Accept-Language, Cookie"),
        ):
            self.assertEqual(response.headers[name], value)
        self.assertNotIn("Content-Type", response.headers)

    def test_any_tag_and_a_weak_tag_match_too(self):
        for tag in ("*", 'W/"v2"', '"v0", "v2"'):
            with self.subTest(tag=tag):
                self.app.get(
                    "/hello/tagged_since", headers={"If-None-Match": tag}, status=304
                )

    def test_if_modified_since_answers_when_no_tag_is_sent(self):
        self.app.get(
            "/hello/tagged_since",
            headers={"If-Modified-Since": "Fri, 02 Jan 2026 03:04:05 GMT"},
            status=304,
        )
        self.app.get(
            "/hello/tagged_since",
            headers={"If-Modified-Since": "Fri, 02 Jan 2026 03:04:04 GMT"},
            status=200,
        )

    def test_a_tag_that_does_not_match_wins_over_the_date(self):
        self.app.get(
            "/hello/tagged_since",
            headers={
                "If-None-Match": '"v0"',
                "If-Modified-Since": "Fri, 02 Jan 2026 03:04:05 GMT",
            },
            status=200,
        )

    def test_only_reads_are_answered_304(self):
        response = self.app.post(
            "/hello/tagged_since", headers={"If-None-Match": '"v2"'}, status=200
        )
        self.assertEqual(response.text, "tagged since")


class ForwardTest(unittest.TestCase):
    def test_forward_answers_with_the_other_application(self):
        response = sample_app().get("/hello/forwarded")
        self.assertEqual(response.text, "forwarded to /elsewhere")
        self.assertEqual(response.content_type, "text/plain")


class SignedCookieTest(unittest.TestCase):
    def setUp(self):
        self.app = sample_app()

    def test_signed_cookie_round_trips(self):
        self.app.get("/hello/set_signed")
        self.assertEqual(self.app.get("/hello/read_signed").text, "{'theme': 'dark'}")

    def test_tampered_cookie_reads_as_absent(self):
        self.app.get("/hello/set_signed")
        value = self.app.cookies["prefs"]
        self.app.set_cookie("prefs", "x" + value[1:])
        self.assertEqual(self.app.get("/hello/read_signed").text, "None")

    def test_cookie_signed_with_another_secret_reads_as_absent(self):
        response = Response()
        response.signed_cookie("prefs", {"theme": "dark"}, secret="other")
        cookie = response.headers["Set-Cookie"].split(";")[0]
        request = Request.blank("/", headers={"Cookie": cookie})
        self.assertIsNone(request.signed_cookie("prefs", secret="s3cr3t"))
        self.assertEqual(
            request.signed_cookie("prefs", secret="other"), {"theme": "dark"}
        )


class RequestResponseDefaultsTest(unittest.TestCase):
    def test_response_defaults_to_utf8_html(self):
        response = Response()
        self.assertEqual(response.content_type, "text/html")
        self.assertEqual(response.charset, "utf-8")

    def test_languages_without_accept_language_is_the_default(self):
        self.assertEqual(Request.blank("/").languages, ["en-us"])

    def test_languages_follow_the_browsers_preference(self):
        request = Request.blank(
            "/", headers={"Accept-Language": "fr;q=0.5, de, *;q=0.1"}
        )
        self.assertEqual(request.languages, ["de", "fr", "en-us"])
