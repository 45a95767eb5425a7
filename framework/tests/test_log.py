"""pylons.log: log lines that no request forges."""

import io
import logging
import unittest

from pylons.log import EscapingFormatter, escape_controls


class EscapingFormatterTest(unittest.TestCase):
    def setUp(self):
        self.stream = io.StringIO()
        handler = logging.StreamHandler(self.stream)
        handler.setFormatter(EscapingFormatter("%(levelname)s %(message)s"))
        self.log = logging.getLogger("tests.test_log")
        self.log.addHandler(handler)
        self.addCleanup(self.log.removeHandler, handler)
        self.log.propagate = False
        self.addCleanup(setattr, self.log, "propagate", True)

    def test_a_message_is_one_line_whatever_it_holds(self):
        self.log.warning(
            "Refused %s", "/x\nERROR forged line\r\x1b[2J\x85\u2028end\ttab"
        )
        self.assertEqual(
            self.stream.getvalue(),
            "WARNING Refused /x\\nERROR forged line\\r\\x1b[2J\\x85\\u2028end\\ttab\n",
        )

    def test_a_traceback_keeps_its_lines(self):
        try:
            raise ValueError("bad\nvalue")
        except ValueError:
            self.log.exception("Failed on %s", "a\nb")
        lines = self.stream.getvalue().splitlines()
        self.assertEqual(lines[0], "ERROR Failed on a\\nb")
        self.assertEqual(lines[1], "Traceback (most recent call last):")

    def test_text_without_controls_is_unchanged(self):
        self.assertEqual(escape_controls("Grüße, 日本 ✓"), "Grüße, 日本 ✓")
