"""The stylesheet and the icon in public/, served in front of the wiki."""

from quickwiki.tests import TestController


class StaticFileTest(TestController):
    def test_stylesheet_with_its_cache_headers(self):
        response = self.app.get("/quick.css")
        self.assertEqual(response.content_type, "text/css")
        self.assertIn(b"nav.pager", response.body)
        # A plain name, not fingerprinted: kept a minute, then revalidated.
        self.assertEqual(response.headers["Cache-Control"], "max-age=60, public")
        self.assertTrue(response.headers["ETag"])

    def test_icon(self):
        response = self.app.get("/favicon.ico")
        self.assertEqual(response.body[:4], b"\x00\x00\x01\x00")

    def test_unchanged_stylesheet_is_not_modified(self):
        etag = self.app.get("/quick.css").headers["ETag"]
        response = self.app.get(
            "/quick.css", headers={"If-None-Match": etag}, status=304
        )
        self.assertEqual(response.body, b"")

    def test_missing_static_files_are_404_error_documents(self):
        for path in ("/quick2.css", "/static/wiki.js", "/public/quick.css"):
            with self.subTest(path=path):
                response = self.app.get(path, status=404)
                self.assertIsNotNone(response.html.select_one(".error-document"))

    def test_static_file_cannot_be_posted_to(self):
        response = self.app.post("/quick.css", {"content": "x"}, status=405)
        self.assertEqual(response.headers["Allow"], "GET, HEAD")
