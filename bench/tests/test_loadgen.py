"""The requests of a load, numbered as wrk_script.lua numbers them."""
import unittest

import loadgen


class LoadSpecTest(unittest.TestCase):
    def test_plain_request(self):
        spec = loadgen.LoadSpec("GET", "/pages", 200)
        self.assertEqual(spec.request(0), ("/pages", None, None))
        self.assertEqual(spec.request(41), ("/pages", None, None))

    def test_variants_in_turn_each_body_numbered(self):
        spec = loadgen.LoadSpec("POST", "", 302, (
            ("/save/PageA", "s=a", "token=a&content="),
            ("/save/PageB", "s=b", "token=b&content=")), ("Text+", "+end"))
        self.assertEqual(spec.request(0),
                         ("/save/PageA", "s=a", "token=a&content=Text+0+end"))
        self.assertEqual(spec.request(1),
                         ("/save/PageB", "s=b", "token=b&content=Text+1+end"))
        self.assertEqual(spec.request(6),
                         ("/save/PageA", "s=a", "token=a&content=Text+6+end"))

    def test_variants_without_a_numbered_text(self):
        spec = loadgen.LoadSpec("POST", "", 302, (("/p", "c", "a=1"),))
        self.assertEqual(spec.request(3), ("/p", "c", "a=1"))
