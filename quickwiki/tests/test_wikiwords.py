"""The WikiWord rule: which titles pages may have, finding them in text,
and which titles look alike."""

import unicodedata
import unittest

from quickwiki.lib.wikiwords import (
    MAX_TITLE_LENGTH,
    find_wikiwords,
    is_title,
    normalise,
    skeleton,
)


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
            "überPage",
            "ÜBERPAGE",
            "Front\u00a0Page",
            "日本語ページ",
            "",
        ):
            self.assertFalse(is_title(text), text)

    def test_camel_case_in_any_cased_script_is_a_title(self):
        for title in (
            "ÜberPage",
            "FrontPäge",
            "ΚαλημέραΚόσμε",
            "ПерваяСтраница",
            "ԱռաջինԷջ",
            "ÉcoleNormale2",
        ):
            self.assertTrue(is_title(title), title)

    def test_a_title_is_in_composed_form(self):
        decomposed = unicodedata.normalize("NFD", "ÜberPage")
        self.assertFalse(is_title(decomposed))
        self.assertEqual(normalise(decomposed), "ÜberPage")
        self.assertTrue(is_title(normalise(decomposed)))

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
        self.assertEqual(words("xFrontPage FrontPage_2 éFrontPage ΩFrontPage"), [])

    def test_ignores_words_too_long_for_a_title(self):
        self.assertEqual(words("Page" + "Word" * 10), [])

    def test_finds_wikiwords_of_other_scripts(self):
        self.assertEqual(
            words("Grüße an ÜberPage, ΚαλημέραΚόσμε und ПерваяСтраница."),
            ["ÜberPage", "ΚαλημέραΚόσμε", "ПерваяСтраница"],
        )

    def test_a_decomposed_wikiword_is_found_whole(self):
        text = unicodedata.normalize("NFD", "see ÜberPage now")
        (span,) = find_wikiwords(text)
        self.assertEqual(normalise(text[slice(*span)]), "ÜberPage")

    def test_a_combining_mark_belongs_to_the_letter_before_it(self):
        found = words("FrontPage\u0301 and FrontPage")
        self.assertEqual(
            [normalise(word) for word in found], ["FrontPagé", "FrontPage"]
        )


class LookAlikeTest(unittest.TestCase):
    def test_titles_with_letters_of_another_script_look_alike(self):
        # Greek omicron, Cyrillic е.
        for other in ("Fr\u03bfntPage", "FrontPag\u0435"):
            self.assertEqual(skeleton(other), skeleton("FrontPage"), other)

    def test_letters_and_digits_that_look_alike(self):
        self.assertEqual(skeleton("FrontPage1"), skeleton("FrontPagel"))
        self.assertEqual(skeleton("ModernArt"), skeleton("ModemArt"))

    def test_different_titles_do_not_look_alike(self):
        for one, other in (
            ("FrontPage", "BackPage"),
            ("ÜberPage", "UberPage"),
            ("FrontPage", "FrontPages"),
        ):
            self.assertNotEqual(skeleton(one), skeleton(other), (one, other))

    def test_a_title_looks_like_itself_in_either_form(self):
        self.assertEqual(
            skeleton(unicodedata.normalize("NFD", "ÜberPage")), skeleton("ÜberPage")
        )
