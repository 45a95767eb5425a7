"""Single sign-on: the front end names the user, by the server's
REMOTE_USER or by a header that only the trusted proxy's requests carry
(as waitress passes them on), and the wiki maps the name to an account,
made on first sight."""

from unittest import mock

from waitress.proxy_headers import proxy_headers_middleware
from webtest import TestApp

import pylons.test

from quickwiki.lib import accounts
from quickwiki.model import meta
from quickwiki.tests import TestController, stored_history, url


def who(response):
    name = response.html.select_one("header .account-name")
    return None if name is None else name.get_text()


class SingleSignOnTest(TestController):
    def sso(self, mode):
        """Single sign-on by ``mode`` for the test; its accounts are readers."""
        settings = pylons.test.pylonsapp.config["pylons.app_globals"]
        for name, value in (("sso", mode), ("sso_role", "reader")):
            patch = mock.patch.object(settings, name, value)
            patch.start()
            self.addCleanup(patch.stop)

    def role_of(self, name):
        try:
            return accounts.find(name).role
        finally:
            meta.Session.remove()

    def test_remote_user_names_an_account_made_on_first_sight(self):
        self.sso("remote_user")
        carol = TestApp(pylons.test.pylonsapp, extra_environ={"REMOTE_USER": "carol"})
        page = carol.get(url("home"))
        self.assertEqual(who(page), "carol")
        self.assertIsNone(page.html.select_one("header .logout-link"))
        self.assertEqual(self.role_of("carol"), "reader")
        carol.get(url("home"))
        accounts.set_role(accounts.find("carol"), "editor")
        meta.Session.remove()
        form = carol.get(url("edit_page", title="FrontPage")).forms[0]
        form["content"] = "Signed on."
        form.submit(status=302)
        self.assertEqual(stored_history("FrontPage")[-1].author, "carol")

    def test_a_blocked_account_is_anonymous(self):
        self.sso("remote_user")
        accounts.create("carol", role="editor")
        accounts.set_blocked(accounts.find("carol"), True)
        meta.Session.remove()
        carol = TestApp(pylons.test.pylonsapp, extra_environ={"REMOTE_USER": "carol"})
        self.assertIsNone(who(carol.get(url("home"))))

    def test_a_name_no_account_may_have_is_anonymous(self):
        self.sso("remote_user")
        odd = TestApp(pylons.test.pylonsapp, extra_environ={"REMOTE_USER": "a b"})
        self.assertIsNone(who(odd.get(url("home"))))

    def test_the_header_is_believed_from_the_trusted_proxy_only(self):
        self.sso("header")
        served = TestApp(
            proxy_headers_middleware(
                pylons.test.pylonsapp,
                trusted_proxy="127.0.0.1",
                trusted_proxy_headers={"x-forwarded-for"},
                clear_untrusted=True,
            )
        )
        headers = {"X-Remote-User": "dave", "X-Forwarded-For": "203.0.113.9"}
        for peer, named in (("127.0.0.1", "dave"), ("198.51.100.4", None)):
            with self.subTest(peer=peer):
                page = served.get(
                    url("home"), headers=headers, extra_environ={"REMOTE_ADDR": peer}
                )
                self.assertEqual(who(page), named)
        # Without the proxy's X-Forwarded-For, the request came from elsewhere.
        page = self.app.get(url("home"), headers={"X-Remote-User": "dave"})
        self.assertIsNone(who(page))

    def test_without_single_sign_on_the_names_are_not_believed(self):
        page = TestApp(
            pylons.test.pylonsapp, extra_environ={"REMOTE_USER": "carol"}
        ).get(url("home"), headers={"X-Remote-User": "dave", "X-Forwarded-For": "x"})
        self.assertIsNone(who(page))
