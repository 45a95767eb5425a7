"""A browser's part: forms, the texts saves send, and checking them."""

import unittest
import urllib.parse

import wiki_client

PAGE = """<html><body>
<form action="/search" method="get"><input name="q" value="ignored"></form>
<form action="/pages/save/FrontPage?x=1" method="post">
<div><input type="hidden" name="_authentication_token" value="tok&amp;en"></div>
<textarea name="content" rows="10">Some **reST** &lt;b&gt;
text</textarea>
<input type="text" name="comment">
<input type="checkbox" name="minor" value="1">
<input type="submit" name="commit" value="Save">
</form></body></html>"""


class FormFieldsTest(unittest.TestCase):
    def test_fields_of_the_named_form_only(self):
        fields = wiki_client.form_fields(PAGE, "/pages/save/FrontPage")
        self.assertEqual(
            fields,
            {
                "_authentication_token": "tok&en",
                "content": "Some **reST** <b>\ntext",
                "comment": "",
            },
        )

    def test_missing_form(self):
        self.assertIsNone(wiki_client.form_fields(PAGE, "/pages/delete"))

    def test_encoding(self):
        self.assertEqual(
            wiki_client.encode_form({"a": "x y", "b": "é&"}), "a=x+y&b=%C3%A9%26"
        )


class CookieHeaderTest(unittest.TestCase):
    def test_names_and_values_only(self):
        self.assertEqual(
            wiki_client.cookie_header(
                ["quickwiki=abc123; Path=/; HttpOnly", "other=x"]
            ),
            "quickwiki=abc123; other=x",
        )
        self.assertEqual(wiki_client.cookie_header([]), "")


class SaveTextTest(unittest.TestCase):
    def test_every_save_of_a_load_sends_its_own_text(self):
        texts = {wiki_client.save_text("r1", number) for number in range(1000)}
        self.assertEqual(len(texts), 1000)
        self.assertNotEqual(
            wiki_client.save_text("r1", 5), wiki_client.save_text("r2", 5)
        )

    def test_numbered_text_is_the_encoded_text_around_the_number(self):
        start, end = wiki_client.numbered_text("r1-100")
        for number in (0, 7, 123456):
            self.assertEqual(
                start + str(number) + end,
                urllib.parse.quote_plus(wiki_client.save_text("r1-100", number)),
            )

    def test_form_prefix_ends_with_the_field_to_fill(self):
        prefix = wiki_client.form_prefix(
            {"_authentication_token": "a&b", "content": "old text"}, "content"
        )
        self.assertEqual(prefix, "_authentication_token=a%26b&content=")
        self.assertEqual(
            wiki_client.form_prefix({"content": "x"}, "content"), "content="
        )


class SaveFailuresTest(unittest.TestCase):
    """The load's texts in the database against the saves acknowledged."""

    def texts(self, *numbers):
        return [wiki_client.save_text("load", number) for number in numbers]

    def test_one_revision_per_acknowledged_save(self):
        self.assertEqual(wiki_client.save_failures(3, self.texts(0, 1, 2), 8), 0)

    def test_a_save_in_flight_at_the_end_may_be_stored_too(self):
        self.assertEqual(wiki_client.save_failures(3, self.texts(0, 1, 2, 3), 1), 0)
        # ...but no more of them than there were connections.
        self.assertEqual(wiki_client.save_failures(3, self.texts(0, 1, 2, 3, 4), 1), 1)

    def test_a_missing_save_is_a_failure(self):
        self.assertEqual(wiki_client.save_failures(3, self.texts(0, 2), 8), 1)
        self.assertEqual(wiki_client.save_failures(3, [], 8), 3)

    def test_a_save_stored_twice_is_a_failure(self):
        self.assertEqual(wiki_client.save_failures(3, self.texts(0, 1, 2, 2), 8), 1)

    def test_texts_around_the_number(self):
        self.assertTrue(
            wiki_client.save_text("r1", 17).startswith(
                wiki_client.save_text_start("r1")
            )
        )
        self.assertFalse(
            wiki_client.save_text("r10", 17).startswith(
                wiki_client.save_text_start("r1")
            )
        )
