"""The requests of a load, numbered as wrk_script.lua numbers them."""

import itertools
import unittest

import loadgen
import pyloadgen


class LoadSpecTest(unittest.TestCase):
    def test_a_plain_request_sends_its_headers(self):
        spec = loadgen.LoadSpec(
            "GET", "/page", 304, headers=(("If-None-Match", '"page-1"'),)
        )
        worker = pyloadgen._Worker("127.0.0.1", 1, spec, itertools.count(), None, 0)
        self.assertEqual(
            worker._next_request(),
            (None, ("/page", {"If-None-Match": '"page-1"'}, None)),
        )

    def test_plain_request(self):
        spec = loadgen.LoadSpec("GET", "/pages", 200)
        self.assertEqual(spec.request(0), ("/pages", None, None))
        self.assertEqual(spec.request(41), ("/pages", None, None))

    def test_variants_in_turn_each_body_numbered(self):
        spec = loadgen.LoadSpec(
            "POST",
            "",
            302,
            (
                ("/save/PageA", "s=a", "token=a&content="),
                ("/save/PageB", "s=b", "token=b&content="),
            ),
            ("Text+", "+end"),
        )
        self.assertEqual(
            spec.request(0), ("/save/PageA", "s=a", "token=a&content=Text+0+end")
        )
        self.assertEqual(
            spec.request(1), ("/save/PageB", "s=b", "token=b&content=Text+1+end")
        )
        self.assertEqual(
            spec.request(6), ("/save/PageA", "s=a", "token=a&content=Text+6+end")
        )

    def test_a_request_names_the_revision_of_its_page(self):
        spec = loadgen.LoadSpec(
            "POST",
            "",
            302,
            (
                ("/save/PageA", "s=a", "content=", 4),
                ("/save/PageB", "s=b", "content=", 1),
            ),
            ("T", ""),
            "base",
        )
        self.assertEqual(
            spec.request(5, 1, 3), ("/save/PageB", "s=b", "content=T5&base=3")
        )


class PageTurnsTest(unittest.TestCase):
    def setUp(self):
        self.pages = pyloadgen.PageTurns(
            loadgen.LoadSpec(
                "POST",
                "",
                302,
                (
                    ("/save/PageA", "s=a", "content=", 4),
                    ("/save/PageB", "s=b", "content=", 1),
                    ("/save/PageC", "s=c", "content=", 7),
                ),
                ("T", ""),
                "base",
            )
        )

    def test_pages_in_turn_at_their_revisions(self):
        self.assertEqual(self.pages.take(), (0, 4))
        self.assertEqual(self.pages.take(), (1, 1))
        self.pages.answered(0, 302)
        self.assertEqual(self.pages.take(), (2, 7))
        self.assertEqual(self.pages.take(), (0, 5))

    def test_a_page_with_a_save_in_flight_is_passed_over(self):
        self.assertEqual(self.pages.take(), (0, 4))
        self.pages.answered(0, 302)
        self.assertEqual(self.pages.take(), (1, 1))
        self.assertEqual(self.pages.take(), (2, 7))
        self.assertEqual(self.pages.take(), (0, 5))
        self.pages.answered(2, 302)
        # PageB's and PageA's saves are in flight: PageC is next.
        self.assertEqual(self.pages.take(), (2, 8))

    def test_a_save_answered_otherwise_adds_no_revision(self):
        self.assertEqual(self.pages.take(), (0, 4))
        self.pages.answered(0, 409)
        for expected in ((1, 1), (2, 7), (0, 4)):
            index, revision = self.pages.take()
            self.pages.answered(index, None)
            self.assertEqual((index, revision), expected)

    def test_when_every_page_is_in_flight_the_next_is_taken(self):
        for _ in range(3):
            self.pages.take()
        self.assertEqual(self.pages.take(), (0, 4))

    def test_variants_without_a_numbered_text(self):
        spec = loadgen.LoadSpec("POST", "", 302, (("/p", "c", "a=1"),))
        self.assertEqual(spec.request(3), ("/p", "c", "a=1"))
