"""pylons.middleware's SessionMiddleware and CacheMiddleware: Beaker's,
without Beaker's own globals, and without making sessions for nothing."""

import unittest

from beaker.cache import CacheManager
from beaker.middleware import SessionMiddleware as BeakerSessionMiddleware
from paste.registry import RegistryManager
from webtest import TestApp

from pylons.middleware import CacheMiddleware, SessionMiddleware

SETTINGS = {
    "beaker.session.type": "cookie",
    "beaker.session.key": "app",
    "beaker.session.validate_key": "a-secret-for-the-tests",
    "beaker.session.data_serializer": "json",
}


def session_app(environ, start_response):
    """Counts the visits of a session; ``?read`` only reads the count."""
    session = environ["beaker.session"]
    if environ["QUERY_STRING"] == "read":
        body = str(session.get("visits", 0))
    elif environ["QUERY_STRING"] == "pop":
        body = str(session.pop("visits", 0))
    else:
        session["visits"] = session.get("visits", 0) + 1
        session.save()
        body = str(session["visits"])
    try:
        BeakerSessionMiddleware.session._current_obj()
        body += ", registered"
    except TypeError:
        pass
    start_response(
        "200 OK",
        [
            ("Content-Type", "text/plain"),
            ("Cache-Control", "public, max-age=60, s-maxage=600"),
            ("Vary", "Accept-Language"),
        ],
    )
    environ["test.session"] = session
    return [body.encode()]


class SessionMiddlewareTest(unittest.TestCase):
    def setUp(self):
        self.app = TestApp(
            RegistryManager(SessionMiddleware(session_app, SETTINGS), streaming=True)
        )

    def test_a_session_is_saved_with_its_cookie_and_read_back(self):
        self.assertEqual(self.app.get("/").text, "1")
        self.assertIn("app", self.app.cookies)
        self.assertEqual(self.app.get("/").text, "2")
        self.assertEqual(self.app.get("/?read").text, "2")

    def test_beakers_own_global_is_not_registered(self):
        self.assertNotIn("registered", self.app.get("/").text)

    def test_reading_without_a_session_cookie_makes_no_session(self):
        for query in ("read", "pop"):
            with self.subTest(query=query):
                response = self.app.get("/?" + query)
                self.assertEqual(response.text, "0")
                self.assertFalse(response.request.environ["test.session"].accessed())
                self.assertNotIn("Set-Cookie", response.headers)

    def test_reading_with_a_session_cookie_reads_the_session(self):
        self.app.get("/")
        response = self.app.get("/?read")
        self.assertEqual(response.text, "1")
        self.assertTrue(response.request.environ["test.session"].accessed())

    def test_an_answer_made_with_the_session_is_private_and_varies_on_cookie(self):
        response = self.app.get("/")
        self.assertEqual(response.headers["Cache-Control"], "max-age=60, private")
        self.assertEqual(response.headers["Vary"], "Accept-Language, Cookie")

    def test_an_answer_made_without_the_session_keeps_its_caching(self):
        response = self.app.get("/?read")
        self.assertEqual(
            response.headers["Cache-Control"], "public, max-age=60, s-maxage=600"
        )
        self.assertEqual(response.headers["Vary"], "Accept-Language")

    def test_popping_a_missing_key_without_default_is_a_key_error(self):
        session = SessionMiddleware(session_app, SETTINGS)
        environ = {"QUERY_STRING": "read", "REQUEST_METHOD": "GET"}
        session(environ, lambda status, headers, exc_info=None: None)
        with self.assertRaises(KeyError):
            environ["test.session"].pop("visits")


def cache_app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    environ["test.cache"] = environ["beaker.cache"]
    return [b"cached"]


class CacheMiddlewareTest(unittest.TestCase):
    def test_the_cache_manager_is_in_the_environ(self):
        middleware = CacheMiddleware(cache_app, {"beaker.cache.type": "memory"})
        response = TestApp(RegistryManager(middleware, streaming=True)).get("/")
        self.assertIsInstance(response.request.environ["test.cache"], CacheManager)
        self.assertIs(response.request.environ["test.cache"], middleware.cache_manager)
