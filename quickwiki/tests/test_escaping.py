"""The templates' escaping filter: every value a template writes."""

import html
import unittest

from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup

from quickwiki.lib.escaping import escape

#: What the filter writes for ``&``, ``<``, ``>``, ``"`` and ``'``.
ENTITIES = ("&amp;", "&lt;", "&gt;", "&#34;", "&#39;")


class Linked:
    """A value that says it is markup."""

    def __html__(self):
        return '<a href="/x">x</a>'


class Text(str):
    """A string of another type, which says nothing of markup."""


class EscapeTest(unittest.TestCase):
    def test_text_has_its_markup_characters_escaped(self):
        self.assertEqual(
            escape("""<a href="x" title='y'>A & B</a>"""),
            "&lt;a href=&#34;x&#34; title=&#39;y&#39;&gt;A &amp; B&lt;/a&gt;",
        )
        self.assertEqual(escape("&amp;"), "&amp;amp;")
        self.assertEqual(escape("Plain words"), "Plain words")

    def test_markup_is_written_as_it_is(self):
        self.assertEqual(escape(Markup("<b>bold</b>")), "<b>bold</b>")
        self.assertEqual(escape(Linked()), '<a href="/x">x</a>')

    def test_other_values_are_their_text_escaped(self):
        self.assertEqual(escape(20), "20")
        self.assertEqual(escape(-3), "-3")
        self.assertEqual(escape(True), "True")
        self.assertEqual(escape(None), "None")
        self.assertEqual(escape(1.5), "1.5")
        self.assertEqual(escape(Text("<i>")), "&lt;i&gt;")
        self.assertEqual(escape(["<"]), "[&#39;&lt;&#39;]")


class EscapePropertiesTest(unittest.TestCase):
    @given(st.text())
    def test_any_text_comes_back_whole_and_holds_no_markup(self, text):
        written = escape(text)
        self.assertEqual(html.unescape(written), text)
        for character in "<>\"'":
            self.assertNotIn(character, written)
        # Every ampersand left starts one of the entities written.
        self.assertEqual(
            written.count("&"),
            sum(written.count(entity) for entity in ENTITIES),
        )
