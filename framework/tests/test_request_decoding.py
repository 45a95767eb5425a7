"""Requests that cannot be decoded get a 4xx error document, not a 500."""

import unittest
from unittest import mock

import webob.exc

from pylons.controllers import util
from pylons.controllers.util import Request
from pylons.middleware import may_have_fields
from pylons.secure_form import token_key

from tests import AS_SERVED, sample_app
from tests.sampleapp.controllers import forms

FORM = "application/x-www-form-urlencoded"


class QueryStringTest(unittest.TestCase):
    def setUp(self):
        self.app = sample_app()

    def test_utf8_query_is_decoded(self):
        response = self.app.get("/forms/echo?name=%C3%A9t%C3%A9")
        self.assertEqual(response.text, "name=été")

    def test_undecodable_value_is_a_400_document(self):
        response = self.app.get("/forms/echo?name=%FF", status=400)
        self.assertIn("Error 400", response.text)
        self.assertIn("Sample error page", response.text)

    def test_undecodable_name_is_a_400_document(self):
        response = self.app.get("/forms/echo?%FF=1", status=400)
        self.assertIn("Error 400", response.text)

    def test_an_actions_own_decoding_error_stays_a_server_error(self):
        response = self.app.get(
            "/forms/own_decoding",
            status=500,
            expect_errors=True,
            extra_environ=AS_SERVED,
        )
        self.assertIn("Error 500", response.text)


class NothingToDecodeTest(unittest.TestCase):
    def test_a_get_without_query_or_form_is_not_read(self):
        app = sample_app()
        with mock.patch(
            "pylons.middleware.PylonsRequest",
            side_effect=AssertionError("read the request"),
        ):
            self.assertEqual(app.get("/hello/index").text, "Hello World")
            app.head("/hello/index")

    def test_anything_with_a_query_or_a_body_is_read(self):
        app = sample_app()
        requests = [
            lambda: app.get("/hello/index?x=1"),
            lambda: app.post("/hello/index"),
            lambda: app.request(
                "/hello/index", method="PUT", body=b"x=1", content_type=FORM
            ),
        ]
        for request in requests:
            with mock.patch("pylons.middleware.PylonsRequest", wraps=Request) as reader:
                request()
            self.assertEqual(reader.call_count, 1)


class FormBodyTest(unittest.TestCase):
    def setUp(self):
        self.app = sample_app()

    def post(self, body, content_type, status=200):
        """POST ``body`` as it is (WebTest would mend a multipart one)."""
        return self.app.request(
            "/forms/echo",
            method="POST",
            body=body,
            content_type=content_type,
            status=status,
        )

    def test_utf8_form_is_decoded(self):
        for charset in ("", "; charset=UTF-8", "; charset=utf8"):
            with self.subTest(charset=charset):
                response = self.post(b"name=%C3%A9", FORM + charset)
                self.assertEqual(response.text, "name=é")

    def test_undecodable_utf8_form_is_a_bad_request(self):
        for body in (b"name=%FF", b"name=caf%C3", b"%FF=1", b"name=%ED%A0%80"):
            with self.subTest(body=body):
                response = self.post(body, FORM, status=400)
                self.assertIn("Error 400", response.text)

    def test_undecodable_multipart_field_is_a_bad_request(self):
        body = (
            b'--B\r\nContent-Disposition: form-data; name="name"\r\n\r\n'
            b"caf\xe9\r\n--B--\r\n"
        )
        response = self.post(body, "multipart/form-data; boundary=B", status=400)
        self.assertIn("Error 400", response.text)

    def test_text_that_has_replacement_characters_is_kept(self):
        response = self.post(b"name=%EF%BF%BD", FORM)
        self.assertEqual(response.text, "name=\ufffd")

    def test_other_charsets_are_unsupported_media_types(self):
        for charset in ("latin-1", "utf-16", "x-bogus"):
            with self.subTest(charset=charset):
                response = self.post(
                    b"name=%E9", "%s; charset=%s" % (FORM, charset), status=415
                )
                self.assertIn("Error 415", response.text)

    def test_multipart_without_boundary_is_a_bad_request(self):
        response = self.post(b"--x\r\n", "multipart/form-data", status=400)
        self.assertIn("Error 400", response.text)

    def post_part(self, headers, value, status=200):
        """POST a multipart form of one field, its part having ``headers``."""
        body = b"--B\r\n" + headers + b"\r\n\r\n" + value + b"\r\n--B--\r\n"
        return self.post(body, "multipart/form-data; boundary=B", status=status)

    def test_multipart_field_in_another_charset_is_unsupported(self):
        # WebOb would decode the field with the declared charset: changing
        # its text (latin-1), or failing (a bogus or non-text codec).
        name = b'Content-Disposition: form-data; name="name"'
        file = name + b'; filename="name.txt"'
        for disposition in (name, file):
            for charset in ("latin-1", "utf-16", "x-bogus", "rot13", ""):
                with self.subTest(disposition=disposition, charset=charset):
                    headers = b"%s\r\nContent-Type: text/plain; charset=%s" % (
                        disposition,
                        charset.encode(),
                    )
                    response = self.post_part(headers, b"caf\xc3\xa9", status=415)
                    self.assertIn("Error 415", response.text)

    def test_multipart_field_declared_utf8_is_decoded(self):
        for charset in (b"utf-8", b"UTF8"):
            with self.subTest(charset=charset):
                response = self.post_part(
                    b'Content-Disposition: form-data; name="name"\r\n'
                    b"Content-Type: text/plain; charset=" + charset,
                    b"caf\xc3\xa9",
                )
                self.assertEqual(response.text, "name=café")

    def test_multipart_field_without_a_name_is_a_bad_request(self):
        for headers in (b"Content-Disposition: form-data", b"Content-Type: text/plain"):
            with self.subTest(headers=headers):
                response = self.post_part(headers, b"x", status=400)
                self.assertIn("Error 400", response.text)

    def test_other_bodies_are_left_to_the_action(self):
        response = self.post(b"\xff\xfe", "application/octet-stream")
        self.assertEqual(response.text, "")


class TokenComparisonTest(unittest.TestCase):
    """A token of any characters is compared, never a TypeError."""

    def setUp(self):
        forms.runs.clear()
        self.app = sample_app()
        self.app.get("/forms/secure")

    def test_non_ascii_token_in_the_form_is_refused(self):
        self.app.post("/forms/protected", {token_key: "tökén"}, status=403)
        self.assertEqual(forms.runs, [])

    def test_non_ascii_token_in_the_header_is_refused(self):
        self.app.post(
            "/forms/protected",
            {"field": "x"},
            headers={"X-CSRF-Token": "t\xf6k\xe9n"},
            status=403,
        )
        self.assertEqual(forms.runs, [])

    def test_token_sent_as_a_file_is_refused(self):
        token = self.app.get("/forms/secure").forms[0][token_key].value
        self.app.post(
            "/forms/protected",
            upload_files=[(token_key, "token.txt", token.encode())],
            status=403,
        )
        self.assertEqual(forms.runs, [])


class RequestTest(unittest.TestCase):
    """What pylons' Request raises, for stacks without RequestDecoding too."""

    def test_undecodable_query_raises_400(self):
        with self.assertRaises(webob.exc.HTTPBadRequest) as caught:
            Request.blank("/?page=%FF").GET
        self.assertIn("not valid UTF-8", caught.exception.detail)

    def test_form_in_another_charset_raises_415(self):
        request = Request.blank(
            "/", POST=b"a=%E9", content_type=FORM + "; charset=x-bogus"
        )
        with self.assertRaises(webob.exc.HTTPUnsupportedMediaType) as caught:
            request.params
        self.assertEqual(
            caught.exception.detail, "Forms must be sent in UTF-8, not x-bogus."
        )

    def test_multipart_field_in_another_charset_raises_415(self):
        request = Request.blank(
            "/",
            POST=b'--B\r\nContent-Disposition: form-data; name="a"\r\n'
            b"Content-Type: text/plain; charset=x-bogus\r\n\r\nb\r\n--B--\r\n",
            content_type="multipart/form-data; boundary=B",
        )
        with self.assertRaises(webob.exc.HTTPUnsupportedMediaType) as caught:
            request.POST
        self.assertEqual(
            caught.exception.detail, "Forms must be sent in UTF-8, not x-bogus."
        )

    def test_unreadable_form_raises_400(self):
        request = Request.blank(
            "/", POST=b"--x\r\n", content_type="multipart/form-data"
        )
        with self.assertRaises(webob.exc.HTTPBadRequest) as caught:
            request.POST
        self.assertIn("Invalid boundary", caught.exception.detail)

    def test_a_form_is_checked_once_however_often_it_is_read(self):
        body = b'--B\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--B--\r\n'
        request = Request.blank(
            "/", POST=body, content_type="multipart/form-data; boundary=B"
        )
        with mock.patch("pylons.controllers.util._texts", wraps=util._texts) as checked:
            form = request.POST
            self.assertIs(request.POST, form)
            self.assertEqual(request.params["a"], "b")
            Request(request.environ).POST
        self.assertEqual(checked.call_count, 1)

    def test_a_form_given_a_new_body_is_checked_again(self):
        request = Request.blank("/", POST=b"a=%C3%A9", content_type=FORM)
        self.assertEqual(request.POST["a"], "é")
        request.body = b"a=%FF"
        with self.assertRaises(webob.exc.HTTPBadRequest):
            request.POST


class MayHaveFieldsTest(unittest.TestCase):
    """Which requests may bring fields, which RequestDecoding decodes."""

    def test_a_query_string_a_content_type_or_a_post_may(self):
        for environ in (
            {"REQUEST_METHOD": "GET", "QUERY_STRING": "a=1"},
            {"REQUEST_METHOD": "PUT", "CONTENT_TYPE": FORM},
            {"REQUEST_METHOD": "POST"},
        ):
            with self.subTest(environ):
                self.assertTrue(may_have_fields(environ))

    def test_a_bare_get_may_not(self):
        self.assertFalse(
            may_have_fields(
                {"REQUEST_METHOD": "GET", "QUERY_STRING": "", "CONTENT_TYPE": ""}
            )
        )
        self.assertFalse(may_have_fields({"REQUEST_METHOD": "HEAD"}))
