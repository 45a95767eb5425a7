"""The WikiWord rule: which titles pages may have, and finding them in text."""

import unittest

from quickwiki.lib.wikiwords import MAX_TITLE_LENGTH, find_wikiwords, is_title


def words(text):
    return [text[start:end] for start, end in find_wikiwords(text)]


class TitleTest(unittest.TestCase):
    def test_camel_case_words_are_titles(self):
        for title in ("FrontPage", "QuickWiki", "PageNumber2", "BookOfWords"):
            self.assertTrue(is_title(title), title)

    def test_other_words_are_not_titles(self):
        for text in (
            "Frontpage",
            "frontPage",
            "FRONTPAGE",
            "Front",
            "Front Page",
            "Front-Page",
            "FrontPage!",
            "ÜberPage",
            "FrontPäge",
            "",
        ):
            self.assertFalse(is_title(text), text)

    def test_titles_have_at_most_40_characters(self):
        longest = "Page" + "Word" * 9
        self.assertEqual(MAX_TITLE_LENGTH, 40)
        self.assertEqual(len(longest), 40)
        self.assertTrue(is_title(longest))
        self.assertFalse(is_title(longest + "X"))


class FindTest(unittest.TestCase):
    def test_finds_wikiwords_between_words_and_punctuation(self):
        self.assertEqual(
            words("See FrontPage, then (QuickWiki)."), ["FrontPage", "QuickWiki"]
        )

    def test_ignores_wikiwords_inside_longer_words(self):
        self.assertEqual(words("xFrontPage FrontPage_2 éFrontPage FrontPageé"), [])

    def test_ignores_words_too_long_for_a_title(self):
        self.assertEqual(words("Page" + "Word" * 10), [])
