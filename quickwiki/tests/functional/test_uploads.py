"""Files attached to pages: uploading them, their history, serving them,
and pages that show and link them."""

import io
from unittest import mock

from PIL import Image

import pylons.test

from quickwiki.lib import filestore
from quickwiki.tests import TestController, flashes, make_account, store_page, url

#: PNG's signature: what a browser would read a file as, if it sniffed.
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: The start of a PDF file, as much as puremagic needs.
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


def image_bytes(format_="JPEG", size=(40, 20), **save_options):
    """An image of ``size`` pixels in ``format_``, with ``save_options``."""
    image = Image.new("RGB", size, (200, 30, 30))
    data = io.BytesIO()
    image.save(data, format_, **save_options)
    return data.getvalue()


def photo_with_metadata():
    """A JPEG whose EXIF says which camera took it, where, and turned how."""
    exif = Image.Exif()
    exif[0x010F] = "SpyCam Ltd."  # Make
    exif[0x0112] = 6  # Orientation: turned a quarter to the right
    exif[0x8825] = {1: "N", 2: (48.0, 8.0, 30.0)}  # GPS: latitude
    return image_bytes(
        size=(40, 20), exif=exif, comment=b"secret", icc_profile=b"\0" * 128
    )


class UploadTest(TestController):
    def upload(self, title, filename, data, status=302, **fields):
        """Upload ``data`` as file ``filename`` to page ``title``, with the
        form's other ``fields``: the response."""
        form = self.app.get(url("files", title=title)).forms["upload"]
        form["file"] = (filename, data)
        for field, value in fields.items():
            form[field] = value
        return form.submit(status=status)

    def fetch(self, title, name, number=None, status=200):
        if number is None:
            return self.app.get(url("file", title=title, name=name), status=status)
        return self.app.get(
            url("file_revision", title=title, name=name, number=number),
            status=status,
        )


class ImageTest(UploadTest):
    def test_an_uploaded_image_is_listed_and_served_inline(self):
        listing = self.upload("FrontPage", "photo.jpg", image_bytes()).follow()
        self.assertIn("Uploaded photo.jpg (revision 1).", flashes(listing))
        link = listing.html.select_one("table.files a.file-link")
        self.assertEqual(link["href"], "/pages/file/FrontPage/photo.jpg")
        served = self.fetch("FrontPage", "photo.jpg")
        self.assertEqual(served.content_type, "image/jpeg")
        self.assertTrue(served.headers["Content-Disposition"].startswith("inline;"))
        self.assertEqual(served.headers["X-Content-Type-Options"], "nosniff")
        self.assertEqual(Image.open(io.BytesIO(served.body)).size, (40, 20))

    def test_metadata_is_stripped_and_the_image_turned_upright(self):
        self.upload("FrontPage", "photo.jpg", photo_with_metadata())
        served = Image.open(io.BytesIO(self.fetch("FrontPage", "photo.jpg").body))
        self.assertEqual(dict(served.getexif()), {})
        for key in ("exif", "comment", "icc_profile"):
            self.assertNotIn(key, served.info)
        # Orientation 6: the 40 by 20 picture is 20 by 40 upright.
        self.assertEqual(served.size, (20, 40))

    def test_data_after_the_image_is_not_kept(self):
        hidden = b"<script>alert(1)</script>"
        self.upload("FrontPage", "dot.png", image_bytes("PNG") + hidden)
        self.assertNotIn(hidden, self.fetch("FrontPage", "dot.png").body)

    def test_the_kind_comes_from_the_content_not_the_name(self):
        self.upload("FrontPage", "picture.pdf", image_bytes("PNG"))
        served = self.fetch("FrontPage", "picture.pdf")
        self.assertEqual(served.content_type, "image/png")
        self.assertTrue(served.body.startswith(PNG_SIGNATURE))

    def test_an_animation_keeps_its_frames(self):
        colours = ("red", "green", "blue")
        frames = [Image.new("RGB", (8, 8), colour) for colour in colours]
        data = io.BytesIO()
        frames[0].save(data, "GIF", save_all=True, append_images=frames[1:])
        self.upload("FrontPage", "blink.gif", data.getvalue())
        served = Image.open(io.BytesIO(self.fetch("FrontPage", "blink.gif").body))
        self.assertEqual(served.n_frames, 3)

    def test_an_image_of_too_many_pixels_is_refused(self):
        settings = pylons.test.pylonsapp.config["pylons.app_globals"]
        with mock.patch.object(settings, "max_image_pixels", 100):
            response = self.upload(
                "FrontPage", "big.png", image_bytes("PNG", (20, 20)), status=413
            )
        self.assertIsNotNone(response.html.select_one(".error-document"))
        self.fetch("FrontPage", "big.png", status=404)

    def test_a_damaged_image_is_refused(self):
        damaged = image_bytes("PNG", (50, 50))[:60]
        self.upload("FrontPage", "broken.png", damaged, status=415)


class OtherFileTest(UploadTest):
    def test_a_pdf_is_served_as_a_download(self):
        self.upload("FrontPage", "report.pdf", PDF)
        served = self.fetch("FrontPage", "report.pdf")
        self.assertEqual(served.content_type, "application/pdf")
        self.assertEqual(
            served.headers["Content-Disposition"],
            "attachment; filename*=UTF-8''report.pdf",
        )
        self.assertEqual(served.body, PDF)

    def test_html_is_served_as_plain_text_to_download_and_run_nothing(self):
        page = b"<html><script>alert(document.cookie)</script></html>"
        self.upload("FrontPage", "innocent.png", page)
        served = self.fetch("FrontPage", "innocent.png")
        self.assertEqual(served.content_type, "text/plain")
        self.assertTrue(served.headers["Content-Disposition"].startswith("attachment"))
        self.assertIn("sandbox", served.headers["Content-Security-Policy"])

    def test_a_name_beyond_ascii_is_kept_and_said_in_the_header(self):
        self.upload("FrontPage", "Grüße.txt", "Grüße!".encode())
        served = self.fetch("FrontPage", "Grüße.txt")
        self.assertEqual(
            served.headers["Content-Disposition"],
            "attachment; filename*=UTF-8''Gr%C3%BC%C3%9Fe.txt",
        )

    def test_an_unknown_kind_of_file_is_refused(self):
        executable = b"\x7fELF\x02\x01\x01" + bytes(range(256))
        response = self.upload("FrontPage", "tool.txt", executable, status=415)
        self.assertIsNotNone(response.html.select_one(".error-document"))

    def test_a_file_over_the_limit_is_refused(self):
        settings = pylons.test.pylonsapp.config["pylons.app_globals"]
        with mock.patch.object(settings, "max_file_size", 10):
            self.upload("FrontPage", "long.txt", b"x" * 11, status=413)
        self.fetch("FrontPage", "long.txt", status=404)

    def test_names_with_separators_are_refused(self):
        for name in ("../escape.txt", ".hidden", "a:b.txt"):
            with self.subTest(name):
                self.upload("FrontPage", "x.txt", b"x", status=400, name=name)


class HistoryTest(UploadTest):
    def test_a_file_uploaded_again_gets_a_revision_and_keeps_the_old(self):
        self.upload("FrontPage", "notes.txt", b"first")
        self.upload("FrontPage", "notes.txt", b"second", summary="Better notes")
        self.assertEqual(self.fetch("FrontPage", "notes.txt").body, b"second")
        self.assertEqual(self.fetch("FrontPage", "notes.txt", 1).body, b"first")
        history = self.app.get(url("file_history", title="FrontPage", name="notes.txt"))
        rows = history.html.select("table.revisions tbody tr")
        self.assertEqual([row.td.get_text() for row in rows], ["2", "1"])
        self.assertIn("Better notes", rows[0].get_text())

    def test_a_numbered_revision_is_cached_for_good_the_latest_checked(self):
        self.upload("FrontPage", "notes.txt", b"first")
        numbered = self.fetch("FrontPage", "notes.txt", 1)
        self.assertIn("immutable", numbered.headers["Cache-Control"])
        latest = self.fetch("FrontPage", "notes.txt")
        # Asked for again each time (private too: the uploader's session
        # was read for the answer).
        self.assertIn("no-cache", latest.headers["Cache-Control"].split(", "))
        self.app.get(
            url("file", title="FrontPage", name="notes.txt"),
            headers={"If-None-Match": latest.headers["ETag"]},
            status=304,
        )

    def test_a_deleted_file_is_gone_but_its_revisions_stay(self):
        self.upload("FrontPage", "notes.txt", b"first")
        history = self.app.get(url("file_history", title="FrontPage", name="notes.txt"))
        history.forms[0].submit(status=302)
        self.fetch("FrontPage", "notes.txt", status=404)
        self.assertEqual(self.fetch("FrontPage", "notes.txt", 1).body, b"first")
        listing = self.app.get(url("files", title="FrontPage"))
        self.assertIsNone(listing.html.select_one("table.files"))


class GuardTest(UploadTest):
    def test_an_upload_without_the_form_token_is_refused(self):
        self.app.post(
            url("upload", title="FrontPage"),
            upload_files=[("file", "notes.txt", b"text")],
            status=403,
        )
        self.fetch("FrontPage", "notes.txt", status=404)

    def test_a_reader_may_not_upload(self):
        form = self.app.get(url("files", title="FrontPage")).forms["upload"]
        reader = make_account("Rita", role="reader")
        settings = pylons.test.pylonsapp.config["pylons.app_globals"]
        with mock.patch.object(settings, "policy", "registered"):
            from quickwiki.tests import log_in

            log_in(self.app, reader)
            listing = self.app.get(url("files", title="FrontPage"))
            self.assertNotIn("upload", listing.forms)
            form["file"] = ("notes.txt", b"text")
            form.submit(status=403)
        self.fetch("FrontPage", "notes.txt", status=404)

    def test_a_page_that_does_not_exist_has_no_files(self):
        self.app.get(url("files", title="NoSuchPage"), status=404)


class PageTextTest(UploadTest):
    def test_the_image_directive_shows_a_file_of_the_page(self):
        self.upload("FrontPage", "photo.jpg", image_bytes())
        page = self.save("FrontPage", ".. image:: photo.jpg\n").follow()
        image = page.html.select_one("article img")
        self.assertEqual(image["src"], "/pages/file/FrontPage/photo.jpg")
        self.assertEqual(image["alt"], "photo.jpg")

    def test_a_role_links_a_file_of_another_page(self):
        store_page("OtherPage", "Text")
        page = self.save("FrontPage", "See :file:`OtherPage/report.pdf`.\n").follow()
        link = page.html.select_one("article a.file-link")
        self.assertEqual(link["href"], "/pages/file/OtherPage/report.pdf")
        self.assertEqual(link.get_text(), "report.pdf")

    def test_a_reference_that_names_no_file_is_text(self):
        page = self.save(
            "FrontPage", ".. image:: notatitle/x.png\n   :alt: gone\n\n:file:`a:b`\n"
        ).follow()
        self.assertIsNone(page.html.select_one("article img"))
        self.assertIsNone(page.html.select_one("article a.file-link"))
        self.assertIn("gone", page.html.select_one("article").get_text())


class S3StoreTest(UploadTest):
    """The same upload, kept in an S3-compatible store (moto's server)."""

    def test_an_upload_goes_to_the_bucket_and_comes_back(self):
        from quickwiki.tests.s3server import bucket_store

        with bucket_store() as store:
            settings = pylons.test.pylonsapp.config["pylons.app_globals"]
            with mock.patch.object(settings, "file_store", store):
                self.upload("FrontPage", "notes.txt", b"in the bucket")
                served = self.fetch("FrontPage", "notes.txt")
            self.assertEqual(served.body, b"in the bucket")
            self.assertEqual(store.get(filestore.digest(b"in the bucket")), served.body)
