"""Static files in front of the application, and large request bodies.

The sample application's ``make_app`` serves ``public/`` with WhiteNoise,
as the ``pylons`` project template does.  Applications that still wrap
themselves in Paste's ``Cascade([StaticURLParser(...), app])``, as Pylons
1.0 projects did, keep working.
"""

import gzip
import hashlib
import os
import unittest
import warnings
from unittest import mock

from paste.cascade import Cascade
from webob import Request
from webtest import TestApp

from tests import HERE, sample_app

with warnings.catch_warnings():
    # paste.urlparser still imports pkg_resources, deprecated by setuptools.
    warnings.simplefilter("ignore", UserWarning)
    from paste.urlparser import StaticURLParser

PUBLIC = os.path.join(HERE, "sampleapp", "public")
#: A body of 10 MB: every byte value, in an order that is not a pattern.
LARGE_BODY = hashlib.shake_256(b"sample").digest(10 * 1024 * 1024)


def public_file(name):
    with open(os.path.join(PUBLIC, name), "rb") as public:
        return public.read()


def summary(data):
    return "%d bytes, sha256 %s" % (len(data), hashlib.sha256(data).hexdigest())


class StaticFilesTest(unittest.TestCase):
    def setUp(self):
        self.app = sample_app(debug=False)

    def get(self, path, **headers):
        """The response as sent, its body still encoded (WebTest decodes)."""
        return Request.blank(path, headers=headers).get_response(self.app.app)

    def test_file_is_served_with_its_headers(self):
        response = self.get("/static.txt")
        self.assertEqual(response.status_int, 200)
        self.assertEqual(response.body, public_file("static.txt"))
        self.assertEqual(
            response.headers["Content-Type"], 'text/plain; charset="utf-8"'
        )
        self.assertEqual(response.headers["Cache-Control"], "max-age=60, public")
        self.assertTrue(response.etag)
        self.assertTrue(response.last_modified)

    def test_fingerprinted_file_is_cached_for_ever(self):
        response = self.get("/app.5d41402a.js")
        self.assertEqual(response.body, public_file("app.5d41402a.js"))
        self.assertEqual(
            response.headers["Cache-Control"], "max-age=315360000, public, immutable"
        )

    def test_unchanged_file_is_not_modified(self):
        etag = self.get("/style.css").headers["ETag"]
        response = self.get("/style.css", **{"If-None-Match": etag})
        self.assertEqual(response.status_int, 304)
        self.assertEqual(response.body, b"")

    def test_gzip_copy_for_browsers_that_accept_it(self):
        response = self.get("/style.css", **{"Accept-Encoding": "gzip"})
        self.assertEqual(response.headers["Content-Encoding"], "gzip")
        self.assertEqual(response.headers["Vary"], "Accept-Encoding")
        self.assertEqual(gzip.decompress(response.body), public_file("style.css"))

    def test_brotli_copy_for_browsers_that_accept_it(self):
        response = self.get("/style.css", **{"Accept-Encoding": "gzip, br"})
        self.assertEqual(response.headers["Content-Encoding"], "br")
        self.assertEqual(response.body, public_file("style.css.br"))

    def test_file_as_it_is_without_accept_encoding(self):
        response = self.get("/style.css")
        self.assertNotIn("Content-Encoding", response.headers)
        self.assertEqual(response.body, public_file("style.css"))

    def test_missing_static_file_is_the_404_error_document(self):
        response = self.app.get("/missing/style.css", status=404)
        self.assertIn(b"Error 404", response.body)
        self.assertIn(b"Sample error page for /missing/style.css", response.body)

    def test_dynamic_request_touches_no_file_of_public(self):
        touched = []

        def watch(real):
            def watched(path, *args, **kwargs):
                if os.fspath(path).startswith(PUBLIC):
                    touched.append(path)
                return real(path, *args, **kwargs)

            return watched

        with (
            mock.patch("os.stat", watch(os.stat)),
            mock.patch("os.scandir", watch(os.scandir)),
        ):
            response = self.app.get("/hello/index")
        self.assertEqual(response.text, "Hello World")
        self.assertEqual(touched, [])


class LargeBodyTest(unittest.TestCase):
    """10 MB bodies reach the action intact through the whole stack."""

    def assert_reaches_the_action(self, app):
        response = app.post(
            "/uploads/raw", LARGE_BODY, content_type="application/octet-stream"
        )
        self.assertEqual(response.text, summary(LARGE_BODY))
        response = app.post(
            "/uploads/form", upload_files=[("upload", "large.bin", LARGE_BODY)]
        )
        self.assertEqual(response.text, summary(LARGE_BODY))

    def test_through_the_project_stack(self):
        self.assert_reaches_the_action(sample_app(debug=False))

    def test_through_a_static_cascade(self):
        self.assert_reaches_the_action(cascade_app())


def cascade_app():
    """The sample application behind Paste's Cascade, as in Pylons 1.0."""
    app = sample_app(debug=False, static_files="false").app
    return TestApp(Cascade([StaticURLParser(PUBLIC), app]))


class CascadeTest(unittest.TestCase):
    """``Cascade([StaticURLParser(public), app])`` keeps working."""

    def setUp(self):
        self.app = cascade_app()

    def test_static_file(self):
        self.assertEqual(self.app.get("/static.txt").body, public_file("static.txt"))

    def test_action(self):
        self.assertEqual(self.app.get("/hello/index").text, "Hello World")

    def test_missing_file_is_the_404_error_document(self):
        response = self.app.get("/missing/style.css", status=404)
        self.assertIn(b"Sample error page for /missing/style.css", response.body)

    def test_without_static_files_the_application_answers_alone(self):
        app = sample_app(debug=False, static_files="false")
        response = app.get("/static.txt", status=404)
        self.assertIn(b"Sample error page for /static.txt", response.body)
