"""The message catalogues: every message of the wiki translated into each
language, and the committed compiled catalogues those of their sources."""

import io
import os
import unittest

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

import quickwiki
from quickwiki.lib import languages

PACKAGE = os.path.dirname(os.path.abspath(quickwiki.__file__))


def source_messages():
    """The messages of the wiki's code and templates, as scripts/translations
    extracts them: {msgid: the places it is used}."""
    with open(os.path.join(languages.CATALOGUES, "babel.cfg")) as mapping:
        method_map, options_map = parse_mapping_cfg(mapping)
    keywords = dict(DEFAULT_KEYWORDS, translated=None)
    found = {}
    for filename, line, message, _comments, _context in extract_from_dir(
        PACKAGE, method_map, options_map, keywords=keywords
    ):
        msgid = message if isinstance(message, str) else message[0]
        found.setdefault(msgid, []).append("%s:%d" % (filename, line))
    return found


def catalogue(language, suffix):
    return os.path.join(languages.CATALOGUES, language, "LC_MESSAGES", suffix)


class CatalogueTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.messages = source_messages()

    def test_there_is_a_language_besides_english(self):
        self.assertEqual(languages.available()[0], languages.SOURCE_LANGUAGE)
        self.assertGreater(len(languages.available()), 1)
        # Extraction found the messages at all.
        self.assertIn("Title list", self.messages)

    def test_every_message_is_translated_in_every_language(self):
        for language in languages.available()[1:]:
            with open(catalogue(language, "quickwiki.po"), "rb") as source:
                translated = read_po(source, locale=language)
            for msgid, places in self.messages.items():
                with self.subTest(language=language, message=msgid):
                    entry = translated.get(msgid)
                    self.assertIsNotNone(entry, "missing; used in %s" % places)
                    self.assertTrue(entry.string, "untranslated")
                    self.assertFalse(entry.fuzzy, "fuzzy")
                    # The same %(name)s places, which Babel checks.
                    self.assertEqual(list(entry.check(translated)), [])

    def test_the_compiled_catalogues_are_those_of_their_sources(self):
        for language in languages.available()[1:]:
            with self.subTest(language):
                with open(catalogue(language, "quickwiki.po"), "rb") as source:
                    compiled = io.BytesIO()
                    write_mo(compiled, read_po(source, locale=language))
                with open(catalogue(language, "quickwiki.mo"), "rb") as committed:
                    self.assertEqual(
                        committed.read(),
                        compiled.getvalue(),
                        "run scripts/translations and commit the .mo",
                    )
