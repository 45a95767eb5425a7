"""``paster setup-app``: the schema, the FrontPage and the first admin,
and running it again."""

import contextlib
import io
from unittest import mock

from sqlalchemy import select

from quickwiki import websetup
from quickwiki.lib import accounts, revisions
from quickwiki.model import Account, meta
from quickwiki.tests import (
    ADMIN,
    FRONT_PAGE_CONTENT,
    CommittingTestController,
    TestController,
    delete_pages,
    log_in,
    run_setup_app,
    store_page,
    stored_content,
    stored_titles,
)


class SetupAppTest(CommittingTestController):
    """Each test starts from a database that setup-app has just made.

    setup-app loads the application anew, with an engine of its own, and
    commits: these tests commit too.
    """

    def test_setup_app_creates_the_front_page(self):
        self.assertEqual(stored_titles(), ["FrontPage"])
        self.assertEqual(stored_content("FrontPage"), FRONT_PAGE_CONTENT)

    def test_setup_app_runs_again_without_duplicates(self):
        run_setup_app()
        run_setup_app()
        self.assertEqual(stored_titles(), ["FrontPage"])

    def test_setup_app_again_keeps_the_pages(self):
        store_page("FrontPage", "Edited.")
        store_page("OtherPage", "Other.")
        run_setup_app()
        self.assertEqual(stored_content("FrontPage"), "Edited.")
        self.assertEqual(stored_content("OtherPage"), "Other.")

    def test_front_page_is_a_first_revision(self):
        try:
            latest = revisions.head("FrontPage")
        finally:
            meta.Session.remove()
        self.assertEqual(
            (latest.number, latest.author, latest.summary),
            (1, "anonymous", "Written by paster setup-app."),
        )

    def test_setup_app_leaves_a_deleted_front_page_deleted(self):
        # Its history has it; bringing it back is for the wiki's people.
        store_page("OtherPage", "Other.")
        log_in(self.app, ADMIN)
        delete_pages(self.app, ["FrontPage"])
        run_setup_app()
        self.assertEqual(stored_titles(), ["OtherPage"])


class FirstAdminTest(TestController):
    """setup-app's first admin, when the wiki has none: from the config, the
    environment or a terminal, and never with a made-up password."""

    def setUp(self):
        super().setUp()
        # The wiki without an admin: setup-app's own made from test.ini
        # is an editor for the test.
        accounts.set_role(accounts.find(ADMIN.name), "editor")
        meta.Session.remove()

    def make(self, conf, environ=None, answers=None):
        """create_first_admin's work: what it said on standard error."""
        said = io.StringIO()
        terminal = answers is not None
        with (
            contextlib.redirect_stderr(said),
            contextlib.redirect_stdout(io.StringIO()),
            mock.patch("builtins.input", side_effect=(answers or {}).get("name")),
            mock.patch("getpass.getpass", side_effect=(answers or {}).get("passwords")),
        ):
            websetup.create_first_admin(conf, environ or {}, terminal)
        meta.Session.remove()
        return said.getvalue()

    def admins(self):
        try:
            return sorted(
                meta.Session.scalars(
                    select(Account.name).where(Account.role == "admin")
                )
            )
        finally:
            meta.Session.remove()

    def logs_in(self, name, password):
        try:
            return accounts.authenticate(name, password) is not None
        finally:
            meta.Session.remove()

    def test_the_config_names_it_and_the_environment_gives_the_password(self):
        said = self.make(
            {"quickwiki.admin": "boss"}, {"QUICKWIKI_ADMIN_PASSWORD": "boss's secret"}
        )
        self.assertEqual((said, self.admins()), ("", ["boss"]))
        self.assertTrue(self.logs_in("boss", "boss's secret"))

    def test_without_a_password_it_has_none_and_setup_app_says_so(self):
        said = self.make({}, {"QUICKWIKI_ADMIN": "boss"})
        self.assertIn("without a password, as none was given", said)
        self.assertEqual(self.admins(), ["boss"])
        try:
            self.assertIsNone(accounts.find("boss").password)
        finally:
            meta.Session.remove()

    def test_without_a_name_none_is_made_and_setup_app_says_so(self):
        said = self.make({})
        self.assertIn("No admin account was made", said)
        self.assertEqual(self.admins(), [])

    def test_an_account_of_that_name_is_made_an_admin(self):
        self.make({"quickwiki.admin": ADMIN.name.upper()})
        self.assertEqual(self.admins(), [ADMIN.name])
        self.assertTrue(self.logs_in(ADMIN.name, ADMIN.password))

    def test_on_a_terminal_it_asks(self):
        answers = {
            "name": ["boss"],
            "passwords": [
                "short",
                "a good password",
                "another",
                "a good password",
                "a good password",
            ],
        }
        self.assertEqual(self.make({}, answers=answers), "")
        self.assertEqual(self.admins(), ["boss"])
        self.assertTrue(self.logs_in("boss", "a good password"))

    def test_with_an_admin_nothing_is_made(self):
        accounts.set_role(accounts.find(ADMIN.name), "admin")
        meta.Session.remove()
        self.make({"quickwiki.admin": "boss"}, {"QUICKWIKI_ADMIN_PASSWORD": "x" * 8})
        self.assertEqual(self.admins(), [ADMIN.name])
