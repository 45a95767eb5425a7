"""Accounts: registering, logging in and out, changing one's password.

A login gets a new session id and CSRF token, and ends on the server at
logout, wherever a copy of the session's cookie is; a failed login says
the same, and hashes a password as often, whether the name has an
account or not.
"""

from unittest import mock

from argon2 import PasswordHasher
from sqlalchemy import select, update
from webtest import TestApp

import pylons.test

from quickwiki.lib import accounts
from quickwiki.model import Account, meta
from quickwiki.tests import (
    ADMIN,
    Person,
    TestController,
    flashes,
    log_in,
    make_account,
    stored_history,
    token_of,
    url,
)

ALICE = Person("alice", "alice's password")


def who(response):
    """The name the page's header shows as logged in; None: nobody."""
    name = response.html.select_one("header .account-name")
    return None if name is None else name.get_text()


def session_cookie(app):
    return app.cookies["quickwiki"]


def stored_account(name):
    try:
        return meta.Session.scalars(
            select(Account).where(Account.key == accounts.name_key(name))
        ).one_or_none()
    finally:
        meta.Session.remove()


def fill_login(app, name, password):
    form = app.get(url("login")).forms[0]
    form["name"] = name
    form["password"] = password
    return form


class RegisterTest(TestController):
    def register(self, name, password, confirm=None, status=302):
        form = self.app.get(url("register")).forms[0]
        form["name"] = name
        form["password"] = password
        form["confirm"] = password if confirm is None else confirm
        return form.submit(status=status)

    def test_registering_makes_an_editor_and_logs_in(self):
        page = self.register("alice", ALICE.password).follow()
        self.assertEqual(who(page), "alice")
        self.assertIn("your account is made", flashes(page)[0])
        self.assertEqual(stored_account("alice").role, "editor")
        self.save("FrontPage", "Edited by alice.")
        self.assertEqual(stored_history("FrontPage")[-1].author, "alice")

    def test_a_name_taken_in_any_case_is_refused(self):
        make_account("alice")
        response = self.register("ALICE", "another password", status=409)
        self.assertIn("There is an account called ALICE", response.text)
        self.assertIsNone(who(response))

    def test_bad_names_and_passwords_come_back_with_errors(self):
        for name, password, confirm in [
            ("anonymous", ALICE.password, None),
            ("two words", ALICE.password, None),
            ("alice", "short", None),
            ("alice", ALICE.password, "something else"),
        ]:
            with self.subTest(name=name, password=password, confirm=confirm):
                response = self.register(name, password, confirm, status=200)
                self.assertTrue(response.html.select(".error-message"))
        self.assertIsNone(stored_account("alice"))

    def test_registration_may_be_turned_off(self):
        settings = pylons.test.pylonsapp.config["pylons.app_globals"]
        with mock.patch.object(settings, "registration", False):
            self.app.get(url("register"), status=404)
            self.assertIsNone(
                self.app.get(url("login")).html.select_one(".register-link")
            )


class LoginTest(TestController):
    def setUp(self):
        super().setUp()
        make_account(ALICE.name, password=ALICE.password)

    def test_logging_in_gives_a_new_session_and_token(self):
        token = token_of(self.app)
        cookie = session_cookie(self.app)
        page = log_in(self.app, ALICE).follow()
        self.assertEqual(who(page), "alice")
        self.assertEqual(flashes(page), ["Logged in as alice."])
        self.assertNotEqual(session_cookie(self.app), cookie)
        self.assertNotEqual(token_of(self.app), token)

    def test_the_session_from_before_the_login_is_not_logged_in(self):
        self.app.get(url("login"))
        planted = session_cookie(self.app)
        log_in(self.app, ALICE)
        other = TestApp(pylons.test.pylonsapp)
        other.set_cookie("quickwiki", planted)
        self.assertIsNone(who(other.get(url("home"))))

    def test_a_login_leads_back_to_the_page_it_came_from(self):
        form = self.app.get(url("login", came_from="/pages?after=FrontPage")).forms[0]
        form["name"], form["password"] = ALICE
        response = form.submit(status=302)
        self.assertEqual(response.location, "/pages?after=FrontPage")

    def test_the_login_link_leads_back_to_the_page_shown(self):
        # The link is written without Routes; it must be what Routes writes.
        for shown in (
            "/FrontPage",
            "/pages?after=FrontPage&before=Some+Page",
            "/pages?after=%C3%9CberPage",
            "/pages/history/FrontPage",
        ):
            with self.subTest(shown=shown):
                # An error document's leads back to the page asked for.
                page = self.app.get(shown, status="*")
                link = page.html.select_one("header a.login-link")["href"]
                self.assertEqual(link, url("login", came_from=shown))
        page = self.app.get(url("register"))
        link = page.html.select_one("header a.login-link")["href"]
        self.assertEqual(link, url("login"))

    def test_a_login_leads_nowhere_else(self):
        for elsewhere in ("//evil.example/", "https://evil.example/", "/\\evil"):
            with self.subTest(elsewhere=elsewhere):
                form = self.app.get(url("login", came_from=elsewhere)).forms[0]
                form["name"], form["password"] = ALICE
                response = form.submit(status=302)
                self.assertEqual(response.location, "/")

    def test_a_wrong_name_and_a_wrong_password_answer_alike(self):
        checks = type(accounts._hasher).verify
        answers = []
        for name in ("alice", "nobody"):
            app = TestApp(pylons.test.pylonsapp)
            form = fill_login(app, name, "not the password")
            with mock.patch.object(
                type(accounts._hasher), "verify", autospec=True, side_effect=checks
            ) as verify:
                response = form.submit(status=403)
            # Each checked one password against an Argon2 hash.
            self.assertEqual(verify.call_count, 1, name)
            # The same but for the name typed and the session's token.
            answers.append(
                (
                    response.status,
                    sorted(response.headers.keys()),
                    response.text.replace('value="%s"' % name, 'value="NAME"').replace(
                        token_of(app), "TOKEN"
                    ),
                )
            )
            self.assertIsNone(who(response))
        self.assertEqual(answers[0], answers[1])
        self.assertIn("That name and password do not match an account.", answers[0][2])

    def test_a_blocked_account_is_told_so_with_its_password_only(self):
        accounts.set_blocked(accounts.find("alice"), True)
        meta.Session.remove()
        wrong = fill_login(self.app, "alice", "not the password").submit(status=403)
        self.assertIn("do not match an account", wrong.text)
        right = fill_login(self.app, *ALICE).submit(status=403)
        self.assertIn("The account alice is blocked", right.text)
        self.assertIsNone(who(right))

    def test_a_password_hashed_with_other_parameters_is_hashed_again(self):
        older = PasswordHasher(
            time_cost=2, memory_cost=16, parallelism=1, hash_len=16, salt_len=16
        ).hash(ALICE.password)
        with meta.transaction() as session:
            session.execute(
                update(Account).where(Account.name == "alice").values(password=older)
            )
        meta.Session.remove()
        log_in(self.app, ALICE)
        stored = stored_account("alice").password
        self.assertNotEqual(stored, older)
        self.assertFalse(accounts._hasher.check_needs_rehash(stored))
        log_in(TestApp(pylons.test.pylonsapp), ALICE)

    def test_logging_in_needs_the_forms_token(self):
        self.app.post(
            url("login"), {"name": ALICE.name, "password": ALICE.password}, status=403
        )
        self.assertIsNone(who(self.app.get(url("home"))))


class LoginLimitTest(TestController):
    """Login attempts are limited per account named and per client."""

    def setUp(self):
        super().setUp()
        make_account(ALICE.name, password=ALICE.password)

    def client_at(self, address):
        return TestApp(pylons.test.pylonsapp, extra_environ={"REMOTE_ADDR": address})

    def test_attempts_naming_one_account_are_limited(self):
        self.use_limiter({"login_account": "2/minute"})
        guesser = self.client_at("192.0.2.1")
        for _ in range(2):
            fill_login(guesser, "ALICE", "a guess").submit(status=403)
        # Over the limit, even the right password (from elsewhere, in
        # another case of the name) is not checked.
        owner = self.client_at("192.0.2.2")
        refused = fill_login(owner, "alice", ALICE.password).submit(status=429)
        self.assertIn(int(refused.headers["Retry-After"]), range(1, 61))
        self.assertIsNone(who(refused))
        # Another account is not locked by the guesses at this one.
        make_account("bob", password="bob's password")
        log_in(owner, Person("bob", "bob's password"))

    def test_an_unknown_name_is_limited_alike(self):
        self.use_limiter({"login_account": "1/minute"})
        answers = []
        for number, name in enumerate(("alice", "nobody")):
            app = self.client_at("192.0.2.%d" % (number + 1))
            fill_login(app, name, "a guess").submit(status=403)
            response = fill_login(app, name, "a guess").submit(status=429)
            answers.append(
                (
                    response.status,
                    sorted(response.headers.keys()),
                    response.text.replace('value="%s"' % name, 'value="NAME"').replace(
                        token_of(app), "TOKEN"
                    ),
                )
            )
        self.assertEqual(answers[0], answers[1])

    def test_attempts_from_one_client_are_limited(self):
        self.use_limiter({"login_client": "2/minute"})
        guesser = self.client_at("192.0.2.1")
        for name in ("carol", "dave"):
            fill_login(guesser, name, "a guess").submit(status=403)
        fill_login(guesser, "alice", ALICE.password).submit(status=429)
        # Another client is counted apart.
        log_in(self.client_at("192.0.2.2"), ALICE)

    def test_a_login_to_the_account_clears_its_count(self):
        self.use_limiter({"login_account": "2/minute"})
        app = self.client_at("192.0.2.1")
        fill_login(app, "alice", "a typo").submit(status=403)
        log_in(app, ALICE)
        for _ in range(2):
            fill_login(app, "alice", "a typo").submit(status=403)
        fill_login(app, "alice", "a typo").submit(status=429)


class LogoutTest(TestController):
    def setUp(self):
        super().setUp()
        make_account(ALICE.name, password=ALICE.password)
        log_in(self.app, ALICE)

    def log_out(self):
        return self.app.get(url("logout")).forms[0].submit(status=302).follow()

    def test_logging_out_ends_the_login_and_the_session(self):
        cookie = session_cookie(self.app)
        page = self.log_out()
        self.assertIsNone(who(page))
        self.assertEqual(flashes(page), ["Logged out."])
        self.assertNotEqual(session_cookie(self.app), cookie)

    def test_a_copy_of_the_cookie_is_logged_out_too(self):
        copy = TestApp(pylons.test.pylonsapp)
        copy.set_cookie("quickwiki", session_cookie(self.app))
        self.assertEqual(who(copy.get(url("home"))), "alice")
        self.log_out()
        self.assertIsNone(who(copy.get(url("home"))))

    def test_logging_out_needs_the_forms_token(self):
        self.app.post(url("logout"), status=403)
        self.assertEqual(who(self.app.get(url("home"))), "alice")


class PasswordTest(TestController):
    def setUp(self):
        super().setUp()
        make_account(ALICE.name, password=ALICE.password)
        log_in(self.app, ALICE)

    def change(self, current, new, status=302):
        form = self.app.get(url("account")).forms[0]
        form["current"] = current
        form["password"] = form["confirm"] = new
        return form.submit(status=status)

    def test_changing_the_password_ends_the_other_logins(self):
        elsewhere = TestApp(pylons.test.pylonsapp)
        log_in(elsewhere, ALICE)
        page = self.change(ALICE.password, "a new password").follow()
        self.assertEqual(who(page), "alice")
        self.assertIsNone(who(elsewhere.get(url("home"))))
        log_in(TestApp(pylons.test.pylonsapp), Person("alice", "a new password"))

    def test_the_current_password_must_be_given(self):
        response = self.change("not the password", "a new password", status=403)
        self.assertIn("Your current password was not that", response.text)
        log_in(TestApp(pylons.test.pylonsapp), ALICE)

    def test_the_account_page_is_for_the_logged_in(self):
        response = TestApp(pylons.test.pylonsapp).get(url("account"), status=403)
        self.assertIsNotNone(response.html.select_one(".way-in a.login-link"))


class FirstAdminTest(TestController):
    def test_setup_app_made_the_admin_of_the_config(self):
        page = log_in(self.app, ADMIN).follow()
        self.assertIn("(admin)", page.html.select_one("header .who").get_text())


class CachingTest(TestController):
    def test_a_logged_in_users_pages_are_private(self):
        anonymous = self.app.get(url("home"))
        self.assertNotIn("private", anonymous.headers["Cache-Control"])
        log_in(self.app, ADMIN)
        for page in (url("home"), url("history", title="FrontPage")):
            with self.subTest(page=page):
                response = self.app.get(page)
                self.assertIn("private", response.headers["Cache-Control"])
