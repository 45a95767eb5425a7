"""Malformed and hostile requests get a 4xx error document and change nothing."""

import pylons.test

from quickwiki.lib import wikitext
from quickwiki.tests import (
    FRONT_PAGE_CONTENT,
    TestController,
    store_page,
    stored_content,
    url,
)

FORM = "application/x-www-form-urlencoded"


class BadRequestTest(TestController):
    def token(self):
        """This session's CSRF token, from the edit form."""
        form = self.edit_form("FrontPage")
        return form["_authentication_token"].value

    def post_save(self, body, content_type, status):
        """POST ``body`` to the save action as it is, not mended by WebTest."""
        return self.app.request(
            url("save_page", title="FrontPage"),
            method="POST",
            body=body,
            content_type=content_type,
            status=status,
        )


class QueryStringTest(BadRequestTest):
    def test_undecodable_page_number(self):
        response = self.app.get("/pages?page=%FF", status=400)
        self.assert_document(
            response, "Error 400: Bad Request", "query string is not valid UTF-8"
        )

    def test_undecodable_parameter_name(self):
        response = self.app.get("/pages?%FF=1", status=400)
        self.assert_document(response, "Error 400: Bad Request")

    def test_undecodable_query_of_a_page(self):
        response = self.app.get("/FrontPage?%FF=1", status=400)
        self.assert_document(response, "Error 400: Bad Request")


class TokenTest(BadRequestTest):
    def test_non_ascii_token_in_the_form(self):
        self.token()
        response = self.app.post(
            url("save_page", title="FrontPage"),
            {"_authentication_token": "tökén", "content": "Changed."},
            status=403,
        )
        self.assert_document(response, "Error 403: Forbidden", "security token")
        self.assertEqual(stored_content("FrontPage"), FRONT_PAGE_CONTENT)

    def test_non_ascii_token_in_the_header(self):
        self.token()
        response = self.app.post(
            url("save_page", title="FrontPage"),
            {"content": "Changed."},
            headers={"X-CSRF-Token": "t\xf6k\xe9n"},
            status=403,
        )
        self.assert_document(response, "Error 403: Forbidden")
        self.assertEqual(stored_content("FrontPage"), FRONT_PAGE_CONTENT)


class FormBodyTest(BadRequestTest):
    def test_forms_in_other_charsets(self):
        body = ("_authentication_token=%s&content=Chang%%E9" % self.token()).encode()
        for charset in ("latin-1", "utf-16", "x-bogus"):
            with self.subTest(charset=charset):
                response = self.post_save(
                    body, "%s; charset=%s" % (FORM, charset), status=415
                )
                self.assert_document(
                    response,
                    "Error 415: Unsupported Media Type",
                    "Forms must be sent in UTF-8, not %s" % charset,
                )
        self.assertEqual(stored_content("FrontPage"), FRONT_PAGE_CONTENT)

    def test_multipart_field_in_another_charset(self):
        body = (
            "--B\r\n"
            'Content-Disposition: form-data; name="_authentication_token"\r\n'
            "\r\n%s\r\n"
            "--B\r\n"
            'Content-Disposition: form-data; name="content"\r\n'
            "Content-Type: text/plain; charset=x-bogus\r\n"
            "\r\nChanged.\r\n"
            "--B--\r\n" % self.token()
        ).encode()
        response = self.post_save(body, "multipart/form-data; boundary=B", status=415)
        self.assert_document(
            response,
            "Error 415: Unsupported Media Type",
            "Forms must be sent in UTF-8, not x-bogus",
        )
        self.assertEqual(stored_content("FrontPage"), FRONT_PAGE_CONTENT)

    def test_multipart_field_without_a_name(self):
        body = (
            "--B\r\n"
            'Content-Disposition: form-data; name="_authentication_token"\r\n'
            "\r\n%s\r\n"
            "--B\r\n"
            "Content-Disposition: form-data\r\n"
            "\r\nChanged.\r\n"
            "--B--\r\n" % self.token()
        ).encode()
        response = self.post_save(body, "multipart/form-data; boundary=B", status=400)
        self.assert_document(response, "Error 400: Bad Request", "has no name")
        self.assertEqual(stored_content("FrontPage"), FRONT_PAGE_CONTENT)

    def test_multipart_without_boundary(self):
        self.token()
        response = self.post_save(b"--x\r\n", "multipart/form-data", status=400)
        self.assert_document(
            response, "Error 400: Bad Request", "form's data could not be read"
        )
        self.assertEqual(stored_content("FrontPage"), FRONT_PAGE_CONTENT)

    def test_file_upload_as_the_content(self):
        response = self.app.post(
            url("save_page", title="FrontPage"),
            {"_authentication_token": self.token()},
            upload_files=[("content", "page.txt", b"Changed.")],
            status=400,
        )
        self.assert_document(response, "Error 400: Bad Request", "not a file")
        self.assertEqual(stored_content("FrontPage"), FRONT_PAGE_CONTENT)

    def test_file_upload_as_any_other_field(self):
        token = self.token()
        save = url("save_page", title="FrontPage")
        delete = url("delete_confirmed")
        posts = [
            (save, "summary", {"base": "1", "content": "Changed."}),
            (save, "preview", {"base": "1", "content": "Changed."}),
            (save, "base", {"content": "Changed."}),
            (url("restore", title="FrontPage", number=1), "summary", {"base": "1"}),
            (delete, "title", {}),
            (delete, "summary", {"title": "FrontPage"}),
            (url("delete_pages"), "title", {}),
            (save, "_method", {"base": "1", "content": "Changed."}),
        ]
        for address, field, fields in posts:
            with self.subTest(address=address, field=field):
                response = self.app.post(
                    address,
                    dict(fields, _authentication_token=token),
                    upload_files=[(field, "field.txt", b"FrontPage")],
                    status=400,
                )
                self.assert_document(response, "Error 400: Bad Request", "not a file")
        self.assertEqual(stored_content("FrontPage"), FRONT_PAGE_CONTENT)


class PageSizeTest(BadRequestTest):
    def test_a_page_over_the_limit_is_refused_keeping_the_text(self):
        limit = pylons.test.pylonsapp.config["pylons.app_globals"].max_page_size
        content = "é" * (limit // 2) + "x"
        response = self.edit_form("FrontPage", content).submit(status=413)
        self.assertEqual(response.forms[0]["content"].value, content)
        message = response.html.select_one(".flash .error").get_text()
        self.assertIn(
            "FrontPage was not saved: its text is %d bytes long" % (limit + 1), message
        )
        self.assertEqual(stored_content("FrontPage"), FRONT_PAGE_CONTENT)
        response.forms[0].submit(status=413)

    def test_a_page_at_the_limit_is_saved(self):
        limit = pylons.test.pylonsapp.config["pylons.app_globals"].max_page_size
        self.edit_form("FrontPage", "x" * limit).submit(status=302)
        self.assertEqual(len(stored_content("FrontPage")), limit)


class HostilePageTest(TestController):
    """Pages that once broke the server are shown with a message."""

    def render_error(self, title):
        response = self.app.get(url("page", title=title), status=200)
        return response.html.select_one("." + wikitext.RENDER_ERROR_CLASS)

    def test_deeply_nested_page(self):
        store_page(
            "DeepPage", "".join("  " * depth + "- item\n\n" for depth in range(500))
        )
        self.assertIn("nested too deeply", self.render_error("DeepPage").get_text())

    def test_page_stored_over_the_size_limit(self):
        limit = pylons.test.pylonsapp.config["pylons.app_globals"].max_page_size
        store_page("HugePage", "x" * (2 * limit))
        self.assertIn(
            "more than the %d the wiki renders" % limit,
            self.render_error("HugePage").get_text(),
        )
