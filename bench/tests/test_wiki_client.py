"""Reading a form's fields as a browser would submit them."""
import unittest

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
        self.assertEqual(fields, {
            "_authentication_token": "tok&en",
            "content": "Some **reST** <b>\ntext",
            "comment": "",
        })

    def test_missing_form(self):
        self.assertIsNone(wiki_client.form_fields(PAGE, "/pages/delete"))

    def test_encoding(self):
        self.assertEqual(wiki_client.encode_form({"a": "x y", "b": "é&"}),
                         "a=x+y&b=%C3%A9%26")


class CookieHeaderTest(unittest.TestCase):
    def test_names_and_values_only(self):
        self.assertEqual(wiki_client.cookie_header([
            "quickwiki=abc123; Path=/; HttpOnly", "other=x"]),
            "quickwiki=abc123; other=x")
        self.assertEqual(wiki_client.cookie_header([]), "")
