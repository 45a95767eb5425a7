"""Error statuses are answered with the error controller's documents."""

from quickwiki.tests import TestController, url


class ErrorDocumentTest(TestController):
    def test_unknown_title_is_a_404_document(self):
        response = self.app.get("/no_such_page", status=404)
        self.assert_document(
            response, "Error 404: Not Found", "There is no page called no_such_page"
        )

    def test_unrouted_url_is_a_404_document(self):
        response = self.app.get("/pages/show/FrontPage/more", status=404)
        self.assert_document(response, "Error 404: Not Found")

    def test_bad_request_is_a_400_document(self):
        response = self.app.get(url("pages", page="x"), status=400)
        self.assert_document(response, "Error 400: Bad Request", "page=last")

    def test_forbidden_is_a_403_document(self):
        response = self.app.post(
            url("save_page", title="FrontPage"), {"content": "x"}, status=403
        )
        self.assert_document(response, "Error 403: Forbidden", "security token")

    def test_error_document_is_not_a_page_of_its_own(self):
        response = self.app.get("/error/document", status=404)
        self.assert_document(response, "Error 404: Not Found")

    def test_user_input_in_the_document_is_escaped(self):
        response = self.app.get("/<em>Title", status=404)
        self.assertIsNone(response.html.find("em"))
        self.assertIn("There is no page called &lt;em&gt;Title", response)
