"""An admin's pages of accounts: one account's contributions, reverting
all its edits since a moment, blocking it and setting its role."""

from datetime import timedelta

from webtest import TestApp

import pylons.test

from quickwiki.tests import (
    ADMIN,
    TestController,
    flashes,
    log_in,
    make_account,
    offered_forms,
    store_page,
    stored_content,
    stored_history,
    stored_titles,
    token_of,
    url,
)


class AdminTest(TestController):
    log_in_as = ADMIN

    def setUp(self):
        super().setUp()
        self.vandal = TestApp(pylons.test.pylonsapp)
        self.vandal_person = make_account("Vandal")
        log_in(self.vandal, self.vandal_person)
        self.editor = TestApp(pylons.test.pylonsapp)
        log_in(self.editor, make_account("Editor"))

    def save_as(self, app, title, content):
        form = self.edit_form(title, content, app=app)
        form.submit(status=302)

    def contributions(self, name):
        return self.app.get(url("contributions", name=name))


class ContributionsTest(AdminTest):
    def test_an_accounts_contributions_are_listed_newest_first(self):
        self.save_as(self.vandal, "FrontPage", "Vandalised.")
        self.save_as(self.vandal, "NewPage", "Spam.")
        page = self.contributions("Vandal")
        rows = [
            [cell.get_text().strip() for cell in row.select("td")][1:3]
            for row in page.html.select("table.contributions tbody tr")
        ]
        self.assertEqual(rows, [["NewPage", "1"], ["FrontPage", "2"]])

    def test_the_history_names_accounts_and_links_them_for_admins(self):
        self.save_as(self.vandal, "FrontPage", "Vandalised.")
        history = self.app.get(url("history", title="FrontPage"))
        link = history.html.select_one("td.author a.account-link")
        self.assertEqual(
            (link.get_text(), link["href"]), ("Vandal", "/accounts/Vandal")
        )
        others = self.editor.get(url("history", title="FrontPage"))
        self.assertIsNone(others.html.select_one("td.author a"))
        self.assertEqual(
            others.html.select_one("td.author").get_text().strip(), "Vandal"
        )

    def test_a_diff_names_the_accounts_of_its_revisions(self):
        self.save_as(self.vandal, "FrontPage", "Vandalised.")
        diff = self.editor.get(url("diff", title="FrontPage", old=1, new=2))
        self.assertIn("(Vandal, ", diff.html.select_one("p.diff-revisions").get_text())

    def test_only_admins_see_contributions(self):
        self.editor.get(url("contributions", name="Vandal"), status=403)

    def test_an_unknown_account_is_a_404(self):
        self.app.get(url("contributions", name="Nobody"), status=404)


class RevertTest(AdminTest):
    def revert(self, since):
        form = self.contributions("Vandal").forms[0]
        form["since"] = since.isoformat()
        return form.submit(status=302).follow()

    def test_reverting_makes_each_page_as_it_was_and_keeps_everything(self):
        store_page("SandBox", "Play here.")
        store_page("OtherPage", "Other.")
        first = stored_history("SandBox")[-1].created
        self.save_as(self.vandal, "FrontPage", "Vandalised.")
        self.save_as(self.vandal, "FrontPage", "Vandalised again.")
        self.save_as(self.vandal, "SandBox", "Spam.")
        self.save_as(self.vandal, "SpamPage", "Spam.")
        self.save_as(self.vandal, "OtherPage", "Vandalised.")
        self.save_as(self.editor, "OtherPage", "Vandalised, then mended.")
        page = self.revert(first - timedelta(seconds=1))
        messages = flashes(page)
        self.assertIn("FrontPage, SandBox, SpamPage", messages[0])
        self.assertIn("Left OtherPage as they are", messages[1])
        self.assertEqual(stored_content("SandBox"), "Play here.")
        self.assertNotIn("SpamPage", stored_titles())
        self.assertEqual(stored_content("OtherPage"), "Vandalised, then mended.")
        front = stored_history("FrontPage")
        self.assertEqual(
            [(r.number, r.author, r.content) for r in front],
            [
                (1, "anonymous", front[0].content),
                (2, "Vandal", "Vandalised."),
                (3, "Vandal", "Vandalised again."),
                (4, ADMIN.name, front[0].content),
            ],
        )
        self.assertIn("Reverted the changes of Vandal", front[-1].summary)
        self.assertEqual(len(stored_history("SpamPage")), 2)

    def test_only_the_changes_since_the_moment_are_reverted(self):
        self.save_as(self.vandal, "FrontPage", "Early.")
        since = stored_history("FrontPage")[-1].created + timedelta(microseconds=1)
        self.save_as(self.vandal, "NewPage", "Late.")
        self.revert(since)
        self.assertEqual(stored_content("FrontPage"), "Early.")
        self.assertNotIn("NewPage", stored_titles())

    def test_only_admins_revert(self):
        self.editor.post(
            url("revert_account", name="Vandal"), {"since": "2026-01-01"}, status=403
        )


class BlockTest(AdminTest):
    def form(self, page, action):
        """The form of ``page`` that posts to the account's ``action``."""
        return next(f for f in page.forms.values() if f.action.endswith(action))

    def test_blocking_ends_the_accounts_logins(self):
        self.form(self.contributions("Vandal"), "/block").submit(status=302)
        self.assertIsNone(
            self.vandal.get(url("home")).html.select_one("header .account-name")
        )
        login = self.vandal.get(url("login")).forms[0]
        login["name"], login["password"] = self.vandal_person
        self.assertIn("is blocked", login.submit(status=403).text)
        page = self.contributions("Vandal")
        self.assertIn("blocked", page.html.select_one(".account-info").get_text())
        self.form(page, "/block").submit(status=302)
        log_in(self.vandal, self.vandal_person)

    def test_setting_a_role(self):
        form = self.form(self.contributions("Editor"), "/role")
        form["role"] = "reader"
        self.assertIn(
            "Editor now has the role reader.", flashes(form.submit(status=302).follow())
        )

    def test_an_admin_cannot_block_their_own_account(self):
        page = self.contributions(ADMIN.name)
        self.assertEqual(offered_forms(page), [])
        self.app.post(
            url("block_account", name=ADMIN.name),
            {"blocked": "true", "_authentication_token": token_of(self.app)},
            status=403,
        )
