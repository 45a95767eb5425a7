"""Flash messages: kept in the session, shown once."""

import unittest

from pylons.flash import Flash, Message

from tests import sample_app


class FlashTest(unittest.TestCase):
    def setUp(self):
        self.app = sample_app()

    def test_messages_are_shown_once_in_order_with_categories(self):
        self.app.get("/forms/flash_it", params={"what": "page"})
        self.assertEqual(
            self.app.get("/forms/messages").text, "notice:Saved page!|warning:Careful"
        )
        self.assertEqual(self.app.get("/forms/messages").text, "")

    def test_messages_belong_to_their_session(self):
        self.app.get("/forms/flash_it")
        other = sample_app()
        self.assertEqual(other.get("/forms/messages").text, "")

    def test_the_newest_messages_are_kept(self):
        self.app.get("/forms/flash_many", params={"count": "8"})
        self.assertEqual(
            self.app.get("/forms/messages").text,
            "|".join("notice:%d:" % number for number in range(3, 8)),
        )

    def test_a_long_message_is_cut(self):
        self.app.get("/forms/flash_many", params={"count": "1", "length": "400"})
        message = self.app.get("/forms/messages").text
        self.assertEqual(message, "notice:0:" + "x" * 297 + "\u2026")

    def test_message_escapes_its_html(self):
        message = Message("notice", "<b>bold</b>")
        self.assertEqual(message.__html__(), "&lt;b&gt;bold&lt;/b&gt;")
        self.assertEqual(str(message), "<b>bold</b>")

    def test_unknown_category_is_refused(self):
        flash = Flash(categories=("notice",))
        with self.assertRaises(ValueError):
            flash("hi", category="shout")
