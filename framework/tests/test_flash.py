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

    def test_message_escapes_its_html(self):
        message = Message("notice", "<b>bold</b>")
        self.assertEqual(message.__html__(), "&lt;b&gt;bold&lt;/b&gt;")
        self.assertEqual(str(message), "<b>bold</b>")

    def test_unknown_category_is_refused(self):
        flash = Flash(categories=("notice",))
        with self.assertRaises(ValueError):
            flash("hi", category="shout")
