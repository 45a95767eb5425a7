"""Who may do what: each role's allowed and refused actions under each
policy, from one table.

Each test logs a reader, an editor and an admin in once, sets the policy,
and tries every action as each of them and as an anonymous visitor, each
try in a savepoint rolled back after it.  A refusal is a 403 error page
that says what role is needed, offering an anonymous visitor to log in.
"""

from unittest import mock

from webtest import TestApp

import pylons.test

from quickwiki.lib import revisions
from quickwiki.model import meta
from quickwiki.tests import (
    ADMIN,
    TestController,
    log_in,
    make_account,
    store_page,
    token_of,
    url,
)

WHO = ("anonymous", "reader", "editor", "admin")

#: Who may do each action, under the policies open, registered and closed:
#: the roles from which it is allowed ("anonymous": everyone).
ALLOWED = {
    "read a page": ("anonymous", "anonymous", "reader"),
    "read a history": ("anonymous", "anonymous", "reader"),
    "read the title list": ("anonymous", "anonymous", "reader"),
    "search": ("anonymous", "anonymous", "reader"),
    "read the recent changes": ("anonymous", "anonymous", "reader"),
    "read a feed": ("anonymous", "anonymous", "reader"),
    "read what links here": ("anonymous", "anonymous", "reader"),
    "read the wanted pages": ("anonymous", "anonymous", "reader"),
    "open the new page form": ("anonymous", "anonymous", "reader"),
    "open the edit form": ("anonymous", "editor", "editor"),
    "save a page": ("anonymous", "editor", "editor"),
    "restore a revision": ("anonymous", "editor", "editor"),
    "confirm a deletion": ("admin", "admin", "admin"),
    "delete a page": ("admin", "admin", "admin"),
    "restore a deleted page": ("admin", "admin", "admin"),
    "protect a page": ("admin", "admin", "admin"),
    "open a protected page's edit form": ("admin", "admin", "admin"),
    "save a protected page": ("admin", "admin", "admin"),
    "see the accounts": ("admin", "admin", "admin"),
}


#: Each action: its address, and the form it posts (None: a GET).
ATTEMPTS = {
    "read a page": (lambda: url("page", title="SharedPage"), None),
    "read a history": (lambda: url("history", title="SharedPage"), None),
    "read the title list": (lambda: url("pages"), None),
    "search": (lambda: url("search", q="second"), None),
    "read the recent changes": (lambda: url("changes"), None),
    "read a feed": (lambda: url("history_feed", title="SharedPage"), None),
    "read what links here": (lambda: url("backlinks", title="SharedPage"), None),
    "read the wanted pages": (lambda: url("wanted"), None),
    "open the new page form": (lambda: url("new_page"), None),
    "open the edit form": (lambda: url("edit_page", title="SharedPage"), None),
    "save a page": (
        lambda: url("save_page", title="SharedPage"),
        {"base": "2", "content": "Third."},
    ),
    "restore a revision": (
        lambda: url("restore", title="SharedPage", number=1),
        {"base": "2"},
    ),
    "confirm a deletion": (lambda: url("delete_pages", title="SharedPage"), None),
    "delete a page": (lambda: url("delete_confirmed"), {"title": "SharedPage"}),
    "restore a deleted page": (
        lambda: url("restore", title="GonePage", number=1),
        {"base": "2"},
    ),
    "protect a page": (
        lambda: url("protect", title="SharedPage"),
        {"protected": "true"},
    ),
    "open a protected page's edit form": (
        lambda: url("edit_page", title="GuardedPage"),
        None,
    ),
    "save a protected page": (
        lambda: url("save_page", title="GuardedPage"),
        {"base": "1", "content": "Changed."},
    ),
    "see the accounts": (lambda: url("accounts"), None),
}


class PolicyTest(TestController):
    def setUp(self):
        super().setUp()
        store_page("SharedPage", "First.")
        store_page("SharedPage", "Second.")
        store_page("GonePage", "Soon gone.")
        revisions.delete_page("GonePage", revisions.Author())
        store_page("GuardedPage", "Guarded.")
        meta.Session.remove()
        self.browsers = {"anonymous": self.app, "admin": TestApp(pylons.test.pylonsapp)}
        log_in(self.browsers["admin"], ADMIN)
        self.browsers["admin"].post(
            url("protect", title="GuardedPage"),
            {
                "protected": "true",
                "_authentication_token": token_of(self.browsers["admin"]),
            },
            status=302,
        )
        for role in ("reader", "editor"):
            self.browsers[role] = TestApp(pylons.test.pylonsapp)
            log_in(self.browsers[role], make_account(role.title(), role))
        self.tokens = {who: token_of(app) for who, app in self.browsers.items()}

    def attempt(self, action, who):
        """``who`` tries ``action``: the response."""
        form = ATTEMPTS[action][1]
        app = self.browsers[who]
        address = ATTEMPTS[action][0]()
        if form is None:
            return app.get(address, expect_errors=True)
        posted = dict(form, _authentication_token=self.tokens[who])
        return app.post(address, posted, expect_errors=True)

    def check_policy(self, policy):
        column = ("open", "registered", "closed").index(policy)
        settings = pylons.test.pylonsapp.config["pylons.app_globals"]
        connection = meta.Session.get_bind()
        with mock.patch.object(settings, "policy", policy):
            for action, allowed in ALLOWED.items():
                lowest = WHO.index(allowed[column])
                for rank, who in enumerate(WHO):
                    with self.subTest(policy=policy, action=action, who=who):
                        with connection.begin_nested() as attempt:
                            self.check(action, who, rank >= lowest)
                            attempt.rollback()

    def check(self, action, who, allowed):
        response = self.attempt(action, who)
        if allowed:
            self.assertIn(response.status_int, (200, 302), response.text)
            return
        self.assertEqual(response.status_int, 403, response.text)
        detail = response.html.select_one(".error-document .detail").get_text()
        self.assertRegex(detail, r"needs the (reader|editor|admin) role\.")
        way_in = response.html.select_one(".way-in a.login-link")
        self.assertIsNotNone(way_in)
        if who == "anonymous":
            self.assertIn("Log in", way_in.parent.get_text())
        else:
            self.assertIn("You are logged in as", way_in.parent.get_text())

    def test_the_open_policy(self):
        self.check_policy("open")

    def test_the_registered_policy(self):
        self.check_policy("registered")

    def test_the_closed_policy(self):
        self.check_policy("closed")


class RefusedSaveTest(TestController):
    def test_a_save_refused_for_the_role_gives_the_text_back(self):
        form = self.edit_form("FrontPage", "My careful edit.")
        settings = pylons.test.pylonsapp.config["pylons.app_globals"]
        with mock.patch.object(settings, "policy", "registered"):
            response = form.submit(status=403)
        detail = response.html.select_one(".error-document .detail").get_text()
        self.assertEqual(detail, "Editing FrontPage needs the editor role.")
        self.assertEqual(response.forms[0]["content"].value, "My careful edit.")
