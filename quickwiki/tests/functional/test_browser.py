"""People's visits, in a real browser: Playwright driving headless Chromium.

The application is served over HTTP on 127.0.0.1, on a free port, from a
thread of the test process.  In one test a person follows a WikiWord link
to a page that does not exist yet, previews and writes it, deletes it from
the title list, confirming, and restores it from its history.  In another,
two people, each in a browser of their own, edit one page at once: the
second one to save meets a conflict, then their changes to other lines are
merged; the history, a diff and the restoring of an old revision follow.
A third saves a hostile page and checks that none of its script runs,
there or in its preview.  In a fourth, under the registered policy, an
editor registers and edits, a reader logs in in a browser of their own
and is refused the edit form, the admin protects a page that the editor
may then no longer edit, and a vandal's edits are reverted by the admin
in one action.  In a fifth, a reader whose browser asks for German writes
a page with a Greek title; in a sixth, someone uploads a picture and shows
it in a page (these two run on PostgreSQL too, in a stage of
``scripts/run-tests`` of their own).  In a seventh, a person finds their
way: searches from the header, finds what links to a page, follows the
recent changes, starts a page whose title is refused and then taken as
suggested, and the admin renames a page and leads its links to the new
title.  No page of any of them, error documents included, breaks a rule
of the Content-Security-Policy.  Screenshots of each step go to
``test-artifacts/`` at the top of the repository; the seventh test's go
to ``test-artifacts/guide/``, from which the user's guide
(``docs/quickwiki/finding.rst``) takes its pictures (copies of them are
in ``docs/quickwiki/guide/``).

Chromium comes from Debian's ``chromium`` package.  Where it is missing the
tests are skipped, saying so, unless ``QUICKWIKI_REQUIRE_BROWSER=1`` makes
that a failure (as in CI).
"""

import gettext
import io
import os
import re
import tempfile
import threading
import unittest
from unittest import mock
from urllib.parse import quote

import waitress.server
from PIL import Image
from playwright.sync_api import expect, sync_playwright

import pylons.test

from quickwiki.lib import languages
from quickwiki.lib.wikitext import EXISTING_PAGE_CLASS, MISSING_PAGE_CLASS
from quickwiki.tests import (
    ADMIN,
    CHECKOUT,
    CommittingTestController,
    make_account,
    store_page,
    stored_content,
    stored_titles,
)

CHROMIUM = "/usr/bin/chromium"
# Headless, and kept off the network: this machine only talks to itself.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

NEW_PAGE_SOURCE = """\
Browser test
============

Some *emphasis*, some ``code`` and a way back to FrontPage.
"""

#: The page two people edit: ten paragraphs of a line each.
SHARED_SOURCE = "".join("Line %d.\n\n" % number for number in range(1, 11))

#: Script in every place docutils once let through; none of it may run.
HOSTILE_PAGE_SOURCE = """\
.. image:: clip.mp4
   :alt: <script>window.attacked = 1</script><img src=x onerror="window.attacked = 2">

.. image:: javascript:window.attacked=3

`click <javascript:window.attacked=4>`_ and <img src=x onerror=window.attacked=5>
"""


def one_class(name):
    """Matches a class attribute that includes the class ``name``."""
    return re.compile(r"(^|\s)%s(\s|$)" % re.escape(name))


def require_chromium():
    """Skip the test when Chromium is missing, or fail where it is required."""
    if os.path.exists(CHROMIUM):
        return
    message = "Chromium is not installed at %s (apt-get install chromium)" % CHROMIUM
    if os.environ.get("QUICKWIKI_REQUIRE_BROWSER") == "1":
        raise AssertionError(message + "; QUICKWIKI_REQUIRE_BROWSER=1 requires it")
    raise unittest.SkipTest(message)


def serve_in_thread(app):
    """Serve ``app`` on a free port of 127.0.0.1: its URL, and how to stop.

    waitress, the server the wiki's configs name, gives the application
    the path as PEP 3333 says (bytes as Latin-1 characters), which pages of
    non-ASCII titles depend on.
    """
    server = waitress.server.create_server(app, host="127.0.0.1", port=0)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()

    def stop():
        server.close()
        thread.join()

    return "http://127.0.0.1:%s" % server.effective_port, stop


class BrowserTest(CommittingTestController):
    """The server's threads commit: the test cannot hold their transactions."""

    #: Run once, as a stage of its own (``nose2 -A browser``), not again on
    #: PostgreSQL: what it checks is the browser's side.
    browser = True

    def setUp(self):
        require_chromium()
        super().setUp()
        self.artifacts = os.path.join(CHECKOUT, "test-artifacts")
        os.makedirs(self.artifacts, exist_ok=True)
        self.base_url, stop_server = serve_in_thread(pylons.test.pylonsapp)
        self.addCleanup(stop_server)
        self.playwright = sync_playwright().start()
        self.addCleanup(self.playwright.stop)
        # What the browser said the Content-Security-Policy blocked, on any
        # page of any test: nothing the wiki sends may need inline script
        # or style.
        self.policy_violations = []
        self.page = self.open_browser()
        self.addCleanup(self.assert_no_policy_violations)

    def open_browser(self, **options):
        """A page in a browser of its own: a person, with their cookies;
        ``options`` are Playwright's (``locale``, say)."""
        profile = tempfile.TemporaryDirectory()
        self.addCleanup(profile.cleanup)
        context = self.playwright.chromium.launch_persistent_context(
            profile.name,
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
            **options,
        )
        self.addCleanup(context.close)
        page = context.new_page()
        page.on("console", self.note_policy_violation)
        return page

    def note_policy_violation(self, message):
        if "Content Security Policy" in message.text:
            self.policy_violations.append(message.text)

    def assert_no_policy_violations(self):
        self.assertEqual(self.policy_violations, [])

    def screenshot(self, name, page=None):
        (page or self.page).screenshot(
            path=os.path.join(self.artifacts, name + ".png"), full_page=True
        )

    def save_source(self, source, page=None):
        page = page or self.page
        page.fill("textarea#content", source)
        page.click("input[type=submit][value=Save]")

    def flash(self, page=None):
        return (page or self.page).locator("ul.flash li")

    def log_in(self, person, page=None):
        """Log in as ``person`` from the header's link, back to the page."""
        page = page or self.page
        page.click("header a.login-link")
        page.fill("input#name", person.name)
        page.fill("input#password", person.password)
        page.click("input[type=submit][value='Log in']")
        expect(self.flash(page)).to_contain_text("Logged in as %s." % person.name)

    def test_write_preview_delete_and_restore_a_page(self):
        page = self.page
        page.goto(self.base_url + "/")
        self.log_in(ADMIN)
        page.goto(self.base_url + "/pages/edit/FrontPage")
        self.save_source("Welcome! Try BrowserTestPage.")
        expect(self.flash()).to_have_text("Saved revision 2 of FrontPage.")
        link = page.locator("article.wiki-content a", has_text="BrowserTestPage")
        expect(link).to_have_class(one_class(MISSING_PAGE_CLASS))
        self.screenshot("01-front-page-with-a-missing-link")

        link.click()
        expect(page).to_have_url(self.base_url + "/BrowserTestPage")
        expect(page.locator("p.missing-page")).to_contain_text("no page called")
        self.screenshot("02-offer-to-create")

        page.click("a.create-link")
        expect(page).to_have_url(self.base_url + "/pages/edit/BrowserTestPage")
        page.fill("textarea#content", NEW_PAGE_SOURCE)
        page.click("input[type=submit][value=Preview]")
        preview = page.locator("section.preview article.wiki-content")
        expect(preview.locator("h2")).to_have_text("Browser test")
        expect(preview.locator("em")).to_have_text("emphasis")
        expect(page.locator("textarea#content")).to_have_value(NEW_PAGE_SOURCE)
        self.screenshot("03-preview")
        self.assertEqual(stored_titles(), ["FrontPage"])

        page.fill("input#summary", "A page for the browser test.")
        page.click("input[type=submit][value=Save]")
        expect(self.flash()).to_have_text("Saved revision 1 of BrowserTestPage.")
        content = page.locator("article.wiki-content")
        # The text's own title heads the page.
        expect(page.locator("main h1")).to_have_text("Browser test")
        expect(content.locator("em")).to_have_text("emphasis")
        expect(content.locator(".literal")).to_have_text("code")
        expect(content.locator("a", has_text="FrontPage")).to_have_class(
            one_class(EXISTING_PAGE_CLASS)
        )
        self.screenshot("04-new-page-saved")

        page.goto(self.base_url + "/")
        expect(
            page.locator("article.wiki-content a", has_text="BrowserTestPage")
        ).to_have_class(one_class(EXISTING_PAGE_CLASS))

        page.goto(self.base_url + "/pages")
        page.check("#delete-BrowserTestPage")
        self.screenshot("05-title-list-ticked")
        page.click("input[type=submit][value='Delete ticked pages']")
        expect(page.locator("h1")).to_have_text("Delete pages?")
        expect(page.locator("#delete-BrowserTestPage")).to_be_checked()
        self.screenshot("06-confirm-the-deletion")
        self.assertEqual(stored_titles(), ["BrowserTestPage", "FrontPage"])
        page.click("input[type=submit][value=Delete]")
        expect(page).to_have_url(self.base_url + "/pages")
        expect(self.flash()).to_contain_text("Deleted BrowserTestPage (revision 2).")
        expect(page.locator("ul.titles a")).to_have_text(["FrontPage"])
        self.assertEqual(stored_titles(), ["FrontPage"])

        page.goto(self.base_url + "/BrowserTestPage")
        expect(page.locator("p.deleted-page")).to_contain_text("was deleted")
        self.screenshot("07-deleted-page")
        page.click("a.history-link")
        expect(page.locator("tr.deletion")).to_contain_text("deleted the page")
        self.screenshot("08-history-of-the-deleted-page")
        page.click("td.number a >> text='1'")
        expect(page.locator("h1")).to_have_text("BrowserTestPage, revision 1")
        page.click("input[type=submit][value='Restore this revision']")
        expect(self.flash()).to_have_text(
            "Restored revision 1 of BrowserTestPage as revision 3."
        )
        expect(page.locator("main h1")).to_have_text("Browser test")
        self.screenshot("09-restored")
        self.assertEqual(stored_titles(), ["BrowserTestPage", "FrontPage"])

    def test_a_german_reader_writes_a_greek_page(self):
        # The browser's language is German: it says so in Accept-Language.
        page = self.open_browser(locale="de-DE")
        german = gettext.translation("quickwiki", languages.CATALOGUES, ["de"])
        page.goto(self.base_url + "/pages/edit/FrontPage")
        expect(page.locator("html")).to_have_attribute("lang", "de")
        page.fill("textarea#content", "Grüße an ΚαλημέραΚόσμε.")
        page.click("input[type=submit][name=save]")
        page.locator("article a", has_text="ΚαλημέραΚόσμε").click()
        expect(page.locator("p.missing-page")).to_have_text(
            german.gettext("There is no page called %(title)s yet.")
            % {"title": "ΚαλημέραΚόσμε"}
        )
        page.click("a.create-link")
        page.fill("textarea#content", "Γεια σου, κόσμε.")
        page.click("input[type=submit][name=save]")
        expect(page).to_have_url(self.base_url + "/" + quote("ΚαλημέραΚόσμε"))
        expect(self.flash(page)).to_have_text(
            german.gettext("Saved revision %(number)d of %(title)s.")
            % {"number": 1, "title": "ΚαλημέραΚόσμε"}
        )
        expect(page.locator("main h1")).to_have_text("ΚαλημέραΚόσμε")
        self.screenshot("22-a-greek-page-in-german", page)
        self.assertEqual(stored_content("ΚαλημέραΚόσμε"), "Γεια σου, κόσμε.")

    # The paths whose storing differs most between databases (a Unicode
    # title, translated pages, uploads) run on PostgreSQL too:
    # scripts/_run_tests.py picks them by this attribute.
    test_a_german_reader_writes_a_greek_page.also_on_postgresql = True

    def test_upload_an_image_and_show_it_in_the_page(self):
        page = self.page
        picture = io.BytesIO()
        Image.new("RGB", (64, 32), (30, 120, 200)).save(picture, "PNG")
        page.goto(self.base_url + "/FrontPage")
        page.click("a.files-link")
        page.set_input_files(
            "input#file",
            files=[
                {
                    "name": "Übersicht.png",
                    "mimeType": "image/png",
                    "buffer": picture.getvalue(),
                }
            ],
        )
        page.click("input[type=submit][name=upload]")
        expect(self.flash()).to_have_text("Uploaded Übersicht.png (revision 1).")
        markup = page.locator("table.files code").inner_text()
        self.screenshot("23-the-files-of-a-page")
        page.goto(self.base_url + "/pages/edit/FrontPage")
        self.save_source("A picture:\n\n%s\n" % markup)
        image = page.locator("article.wiki-content img")
        expect(image).to_have_attribute("alt", "Übersicht.png")
        # Loaded from the wiki's own origin, which the policy allows: its
        # width once it has loaded (0 while it loads, or if it is refused).
        width = image.evaluate(
            "img => img.decode().then(() => img.naturalWidth, () => 0)"
        )
        self.assertEqual(width, 64)
        self.screenshot("24-a-page-showing-its-image")

    test_upload_an_image_and_show_it_in_the_page.also_on_postgresql = True

    def test_two_people_edit_one_page(self):
        store_page("SharedPage", SHARED_SOURCE)
        alice, bob = self.page, self.open_browser()
        for person in (alice, bob):
            person.goto(self.base_url + "/pages/edit/SharedPage")

        self.save_source(
            SHARED_SOURCE.replace("Line 3.", "Line three, by Alice."), alice
        )
        expect(self.flash(alice)).to_have_text("Saved revision 2 of SharedPage.")

        bob_text = SHARED_SOURCE.replace("Line 3.", "Line 3, as Bob saw it.")
        self.save_source(bob_text, bob)
        expect(bob.locator("section.conflict")).to_contain_text("Nothing was saved")
        expect(bob.locator("section.conflict ins")).to_have_text(
            "Line three, by Alice."
        )
        expect(bob.locator("textarea#content")).to_have_value(bob_text)
        self.screenshot("10-conflict", bob)

        # Bob takes Alice's line, and changes one far from it.
        bob_text = SHARED_SOURCE.replace("Line 3.", "Line three, by Alice.").replace(
            "Line 8.", "Line eight, by Bob."
        )
        self.save_source(bob_text, bob)
        expect(self.flash(bob)).to_have_text("Saved revision 3 of SharedPage.")

        alice.goto(self.base_url + "/pages/edit/SharedPage")
        bob.goto(self.base_url + "/pages/edit/SharedPage")
        self.save_source(bob_text.replace("Line 1.", "Line one, by Bob."), bob)
        expect(self.flash(bob)).to_have_text("Saved revision 4 of SharedPage.")
        self.save_source(bob_text.replace("Line 10.", "Line ten, by Alice."), alice)
        expect(self.flash(alice)).to_have_text(
            [
                "Saved revision 5 of SharedPage.",
                "Revision 4 was saved by anonymous while you were editing. Your "
                "changes touched other lines, so they were merged with it.",
            ]
        )
        merged = alice.locator("article.wiki-content")
        expect(merged).to_contain_text("Line one, by Bob.")
        expect(merged).to_contain_text("Line ten, by Alice.")
        self.screenshot("11-merged", alice)

        alice.click("a.history-link")
        expect(alice.locator("table.revisions td.number")).to_have_text(
            ["5", "4", "3", "2", "1"]
        )
        self.screenshot("12-history", alice)
        alice.check("#old-1")
        alice.check("#new-5")
        alice.check("input[name=style][value=side]")
        alice.click("input[type=submit][value='Compare the chosen revisions']")
        expect(alice.locator("h1")).to_have_text("SharedPage: revision 1 to 5")
        expect(alice.locator("table.diff-side td.text.added")).to_have_text(
            [
                "Line one, by Bob.",
                "Line three, by Alice.",
                "Line eight, by Bob.",
                "Line ten, by Alice.",
            ]
        )
        self.screenshot("13-diff-side-by-side", alice)
        alice.click("a.style-link")
        expect(alice.locator("table.diff-inline tr.removed")).to_have_count(4)
        self.screenshot("14-diff-inline", alice)

        alice.goto(self.base_url + "/pages/revision/SharedPage/2")
        alice.fill("input#summary", "Back to Alice's version.")
        alice.click("input[type=submit][value='Restore this revision']")
        expect(self.flash(alice)).to_have_text(
            "Restored revision 2 of SharedPage as revision 6."
        )
        expect(alice.locator("article.wiki-content")).not_to_contain_text("Bob")
        self.screenshot("15-reverted", alice)

    def test_hostile_page_runs_no_script_and_keeps_the_policy(self):
        page = self.page
        page.goto(self.base_url + "/pages/edit/HostilePage")
        self.save_source(HOSTILE_PAGE_SOURCE)
        expect(self.flash()).to_have_text("Saved revision 1 of HostilePage.")
        page.goto(self.base_url + "/HostilePage")
        self.screenshot("16-hostile-page")
        self.assertIsNone(page.evaluate("window.attacked"))
        # Its preview, and the error documents, keep the policy too.
        page.goto(self.base_url + "/pages/edit/HostilePage")
        page.click("input[type=submit][value=Preview]")
        expect(page.locator("section.preview")).to_be_visible()
        self.assertIsNone(page.evaluate("window.attacked"))
        for path in (
            "/no_such_page",
            "/pages?page=last&page=last",
            "/pages/save/HostilePage",
        ):
            page.goto(self.base_url + path)
            expect(page.locator("div.error-document")).to_be_visible()
        self.assertEqual(self.policy_violations, [])

    def register(self, name, password, page):
        page.click("header a.register-link")
        page.fill("input#name", name)
        page.fill("input#password", password)
        page.fill("input#confirm", password)
        page.click("input[type=submit][value=Register]")
        expect(self.flash(page)).to_contain_text("Welcome, %s" % name)

    def test_roles_a_protected_page_and_a_revert(self):
        settings = pylons.test.pylonsapp.config["pylons.app_globals"]
        policy = mock.patch.object(settings, "policy", "registered")
        policy.start()
        self.addCleanup(policy.stop)
        store_page("SharedPage", SHARED_SOURCE)
        admin, editor, other = self.page, self.open_browser(), self.open_browser()

        editor.goto(self.base_url + "/SharedPage")
        expect(editor.locator("a.edit-link")).to_have_count(0)
        self.register("Eddie", "Eddie's password", editor)
        expect(editor.locator("header .who")).to_contain_text("Eddie (editor)")
        editor.goto(self.base_url + "/SharedPage")
        editor.click("a.edit-link")
        self.save_source(SHARED_SOURCE + "Line 11, by Eddie.\n", editor)
        expect(self.flash(editor)).to_have_text("Saved revision 2 of SharedPage.")
        self.screenshot("17-an-editor-saved", editor)

        reader = make_account("Rita", "reader")
        other.goto(self.base_url + "/SharedPage")
        self.log_in(reader, other)
        expect(other.locator("a.edit-link")).to_have_count(0)
        other.goto(self.base_url + "/pages/edit/SharedPage")
        expect(other.locator(".error-document .detail")).to_have_text(
            "Editing SharedPage needs the editor role."
        )
        expect(other.locator(".way-in")).to_contain_text("You are logged in as Rita")
        self.screenshot("18-a-reader-refused", other)

        admin.goto(self.base_url + "/FrontPage")
        self.log_in(ADMIN)
        admin.click("input[type=submit][value=Protect]")
        expect(self.flash()).to_have_text(
            "FrontPage is protected: only admins edit it."
        )
        editor.goto(self.base_url + "/pages/edit/FrontPage")
        expect(editor.locator(".error-document .detail")).to_have_text(
            "Editing the protected page FrontPage needs the admin role."
        )
        self.screenshot("19-a-protected-page", editor)

        other.goto(self.base_url + "/logout")
        other.click("input[type=submit][value='Log out']")
        self.register("Vandal", "Vandal's password", other)
        for title, source in (("SharedPage", "Vandalised."), ("SpamPage", "Spam.")):
            other.goto(self.base_url + "/pages/edit/" + title)
            self.save_source(source, other)
        self.assertEqual(stored_content("SharedPage"), "Vandalised.")

        admin.click("header a.accounts-link")
        admin.click("table.accounts a >> text=Vandal")
        expect(admin.locator("table.contributions tbody tr")).to_have_count(2)
        self.screenshot("20-the-vandals-contributions")
        admin.click("input[type=submit][value=Revert]")
        expect(self.flash()).to_contain_text("Reverted the changes of Vandal since")
        admin.click("input[type=submit][value='Block Vandal']")
        expect(self.flash()).to_contain_text("Blocked Vandal")
        self.screenshot("21-reverted-and-blocked")
        self.assertEqual(
            stored_content("SharedPage"), SHARED_SOURCE + "Line 11, by Eddie.\n"
        )
        self.assertNotIn("SpamPage", stored_titles())
        other.goto(self.base_url + "/SharedPage")
        expect(other.locator("header a.login-link")).to_be_visible()
        expect(other.locator("article.wiki-content")).to_contain_text("Line 11")

    def guide_screenshot(self, name):
        """A screenshot for the user's guide (see the module's docstring)."""
        directory = os.path.join(self.artifacts, "guide")
        os.makedirs(directory, exist_ok=True)
        self.page.screenshot(path=os.path.join(directory, name + ".png"))

    def test_find_pages_follow_changes_start_and_rename_one(self):
        page = self.page
        store_page("HarbourGuide", "Where the **boats** are moored. See TideTables.")
        store_page(
            "TideTables", "The harbour at high tide. The FishMarket opens early."
        )
        store_page("BoatYard", "Boats are mended here, by the harbour: HarbourGuide.")
        for title in ("HarbourGuide", "TideTables", "BoatYard"):
            # A page's links are known once it is rendered, at its first view.
            page.goto(self.base_url + "/" + title)
        self.log_in(ADMIN)

        search = page.locator("header input[type=search]")
        search.fill("harbour boats")
        search.press("Enter")
        results = page.locator("ol.search-results a.result-title")
        expect(results).to_have_text(["HarbourGuide", "BoatYard"])
        expect(page.locator("ol.search-results mark").first).to_be_visible()
        self.guide_screenshot("search")
        search.fill("FishMarket")
        search.press("Enter")
        expect(page.locator("p.create-offer a.create-link")).to_have_text(
            "Create FishMarket"
        )
        self.guide_screenshot("search-offers-a-new-page")
        search.fill("HarbourGuide")
        search.press("Enter")
        expect(page).to_have_url(self.base_url + "/HarbourGuide")

        page.click("a.backlinks-link")
        expect(page.locator("ul.backlinks a")).to_have_text(["BoatYard"])
        self.guide_screenshot("what-links-here")
        page.goto(self.base_url + "/pages/wanted")
        expect(page.locator("ul.wanted li > a:first-child")).to_have_text(
            ["FishMarket"]
        )
        self.guide_screenshot("wanted-pages")

        page.click("header nav >> text=Recent changes")
        expect(page.locator("table.changes td.page").first).to_have_text("BoatYard")
        expect(
            page.locator('head link[rel=alternate][type="application/atom+xml"]')
        ).to_have_count(1)
        self.guide_screenshot("recent-changes")

        page.click("header nav >> text=New page")
        page.fill("input#title", "fish market")
        page.click("input[type=submit][value='Write the page']")
        expect(page.locator("p.title-problem")).to_contain_text("without spaces")
        self.guide_screenshot("new-page-refused")
        page.click("a.suggestion")
        expect(page.locator("h1")).to_have_text("Editing FishMarket")
        self.save_source("Fish, sold by the harbour every morning.")
        expect(self.flash()).to_have_text("Saved revision 1 of FishMarket.")

        page.goto(self.base_url + "/HarbourGuide")
        page.click("a.rename-link")
        page.fill("input#new", "HarbourMap")
        page.fill("input#summary", "A map, more than a guide.")
        self.guide_screenshot("rename")
        page.click("input[type=submit][value=Rename]")
        expect(page.locator("ul.titles a")).to_have_text(["BoatYard"])
        self.guide_screenshot("relink")
        page.click("input[type=submit][value='Change their links']")
        expect(self.flash()).to_have_text(
            ["BoatYard now links to HarbourMap, in a new revision."]
        )
        self.assertIn("HarbourMap.", stored_content("BoatYard"))
        page.goto(self.base_url + "/HarbourGuide")
        expect(page).to_have_url(
            self.base_url + "/HarbourMap?redirected_from=HarbourGuide"
        )
        expect(page.locator("p.redirected-from")).to_contain_text("HarbourGuide")
        self.guide_screenshot("renamed")
