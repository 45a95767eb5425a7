"""rotate_session: at login and logout the session gets a new id and a new
CSRF token, and the old id holds nothing of what came after."""

import unittest

from webtest import TestApp

from tests import LOCAL_CLIENT, sample_app


class RotateSessionTest(unittest.TestCase):
    session_type = "memory"

    def setUp(self):
        options = {"beaker.session.type": self.session_type}
        if self.session_type == "cookie":
            options["beaker.session.validate_key"] = "test-validate-key"
        self.app = sample_app(**options)
        self.app.get("/guarded/remember", {"note": "kept"})
        self.before = self.show()

    def show(self, app=None):
        """The session's id, user, note and token."""
        return (app or self.app).get("/guarded/show").text.split()

    def test_login_gives_a_new_id_and_token_and_keeps_the_data(self):
        self.app.get("/guarded/log_in", {"user": "alice"})
        session_id, user, note, token = self.show()
        old_id, _user, _note, old_token = self.before
        self.assertNotEqual(session_id, old_id)
        self.assertNotEqual(token, old_token)
        self.assertEqual((user, note), ("alice", "kept"))

    def test_logout_gives_a_new_empty_session(self):
        self.app.get("/guarded/log_in", {"user": "alice"})
        logged_in = self.show()
        self.app.get("/guarded/log_out")
        session_id, user, note, token = self.show()
        self.assertNotIn(session_id, (logged_in[0], self.before[0]))
        self.assertNotEqual(token, logged_in[3])
        self.assertEqual((user, note), ("None", "None"))

    def test_the_cookie_from_before_the_login_holds_no_login(self):
        planted = self.app.cookies["beaker.session.id"]
        self.app.get("/guarded/log_in", {"user": "alice"})
        attacker = TestApp(self.app.app, extra_environ=LOCAL_CLIENT)
        attacker.set_cookie("beaker.session.id", planted)
        _id, user, _note, _token = self.show(attacker)
        self.assertEqual(user, "None")


class RotateCookieSessionTest(RotateSessionTest):
    """The same with the session in a signed cookie."""

    session_type = "cookie"
