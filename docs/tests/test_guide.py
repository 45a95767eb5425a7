"""The user's guide shows the screenshots the browser test takes."""

import os
import re
import unittest

DOCS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GUIDE = os.path.join(DOCS, "quickwiki", "finding.rst")
BROWSER_TEST = os.path.join(
    os.path.dirname(DOCS), "quickwiki", "tests", "functional", "test_browser.py"
)


class GuideTest(unittest.TestCase):
    def test_every_picture_is_one_the_browser_test_takes(self):
        with open(GUIDE, encoding="utf-8") as guide:
            pictures = re.findall(r"\.\. image:: guide/([\w-]+)\.png", guide.read())
        with open(BROWSER_TEST, encoding="utf-8") as test:
            taken = set(re.findall(r'guide_screenshot\("([\w-]+)"\)', test.read()))
        self.assertTrue(pictures)
        self.assertEqual(set(pictures), taken)
        for name in pictures:
            self.assertTrue(
                os.path.exists(os.path.join(DOCS, "quickwiki", "guide", name + ".png")),
                name,
            )
