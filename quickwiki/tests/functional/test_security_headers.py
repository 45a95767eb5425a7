"""Every kind of response the wiki sends carries a public site's headers."""

from quickwiki.tests import TestController, url

#: The headers of every response, as the framework's SecurityHeaders sends
#: them by default (test.ini changes none of them).
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self'; "
    "object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


class SecurityHeadersTest(TestController):
    def assert_headers(self, response):
        for name, value in HEADERS.items():
            self.assertEqual(response.headers.get(name), value, name)
        self.assertNotIn("Server", response.headers)

    def test_pages_forms_and_redirects(self):
        form = self.edit_form("FrontPage", "Changed.")
        responses = [
            self.app.get(url("home")),
            self.app.get(url("pages")),
            self.app.get(url("history", title="FrontPage")),
            self.app.get(url("page", title="NoSuchPage"), status=404),
            form.submit(status=302),
        ]
        for response in responses:
            with self.subTest(request=response.request.path_qs):
                self.assert_headers(response)

    def test_error_documents(self):
        responses = [
            self.app.get("/no_such_page", status=404),
            self.app.get("/pages?page=%FF", status=400),
            self.app.post(
                url("save_page", title="FrontPage"), {"content": "x"}, status=403
            ),
            self.app.get(url("save_page", title="FrontPage"), status=405),
        ]
        for response in responses:
            with self.subTest(status=response.status):
                self.assertIsNotNone(response.html.select_one(".error-document"))
                self.assert_headers(response)

    def test_static_files(self):
        response = self.app.get("/quick.css")
        self.assert_headers(response)
        self.assert_headers(
            self.app.get(
                "/quick.css",
                headers={"If-None-Match": response.headers["ETag"]},
                status=304,
            )
        )
        self.assert_headers(self.app.post("/quick.css", status=405))
