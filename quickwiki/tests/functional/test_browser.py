"""A person's visit, in a real browser: Playwright driving headless Chromium.

The application is served over HTTP on 127.0.0.1, on a free port, from a
thread of the test process.  The browser follows a WikiWord link to a page
that does not exist yet, writes it, sees the flash message and the rendered
reStructuredText, and deletes the page from the title list.  Screenshots of
each step go to ``test-artifacts/`` at the top of the repository.

Chromium comes from Debian's ``chromium`` package.  Where it is missing the
test is skipped, saying so, unless ``QUICKWIKI_REQUIRE_BROWSER=1`` makes
that a failure (as in CI).
"""
import os
import re
import tempfile
import threading
import unittest

from paste import httpserver
from playwright.sync_api import expect, sync_playwright

import pylons.test

from quickwiki.lib.wikitext import EXISTING_PAGE_CLASS, MISSING_PAGE_CLASS
from quickwiki.tests import reset_database, stored_titles

CHROMIUM = "/usr/bin/chromium"
# Headless, and kept off the network: this machine only talks to itself.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
    "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]

NEW_PAGE_SOURCE = """\
Browser test
============

Some *emphasis*, some ``code`` and a way back to FrontPage.
"""


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
    """Serve ``app`` on a free port of 127.0.0.1: its URL, and how to stop."""
    server = httpserver.serve(app, host="127.0.0.1", port=0, start_loop=False)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def stop():
        server.running = False
        thread.join()
        server.server_close()

    return "http://127.0.0.1:%d" % server.server_address[1], stop


class BrowserTest(unittest.TestCase):
    def setUp(self):
        require_chromium()
        reset_database()
        config = pylons.test.pylonsapp.config
        self.artifacts = os.path.join(config["here"], "test-artifacts")
        os.makedirs(self.artifacts, exist_ok=True)
        self.base_url, stop_server = serve_in_thread(pylons.test.pylonsapp)
        self.addCleanup(stop_server)
        self.page = self.open_browser()

    def open_browser(self):
        profile = tempfile.TemporaryDirectory()
        self.addCleanup(profile.cleanup)
        playwright = sync_playwright().start()
        self.addCleanup(playwright.stop)
        context = playwright.chromium.launch_persistent_context(
            profile.name, executable_path=CHROMIUM, headless=True,
            args=CHROMIUM_ARGS)
        self.addCleanup(context.close)
        return context.new_page()

    def screenshot(self, name):
        self.page.screenshot(path=os.path.join(self.artifacts, name + ".png"),
                             full_page=True)

    def save_source(self, source):
        self.page.fill("textarea#content", source)
        self.page.click("input[type=submit][value=Save]")

    def flash(self):
        return self.page.locator("ul.flash li")

    def test_write_a_page_through_a_wikiword_link_and_delete_it(self):
        page = self.page
        page.goto(self.base_url + "/pages/edit/FrontPage")
        self.save_source("Welcome! Try BrowserTestPage.")
        expect(self.flash()).to_have_text("Successfully saved FrontPage!")
        link = page.locator("article.wiki-content a", has_text="BrowserTestPage")
        expect(link).to_have_class(one_class(MISSING_PAGE_CLASS))
        self.screenshot("01-front-page-with-a-missing-link")

        link.click()
        expect(page).to_have_url(self.base_url + "/BrowserTestPage")
        expect(page.locator("p.missing-page")).to_contain_text("no page called")
        self.screenshot("02-offer-to-create")

        page.click("a.create-link")
        expect(page).to_have_url(self.base_url + "/pages/edit/BrowserTestPage")
        self.save_source(NEW_PAGE_SOURCE)
        expect(self.flash()).to_have_text("Successfully saved BrowserTestPage!")
        content = page.locator("article.wiki-content")
        expect(content.locator("h2")).to_have_text("Browser test")
        expect(content.locator("em")).to_have_text("emphasis")
        expect(content.locator(".literal")).to_have_text("code")
        expect(content.locator("a", has_text="FrontPage")).to_have_class(
            one_class(EXISTING_PAGE_CLASS))
        self.screenshot("03-new-page-saved")

        page.goto(self.base_url + "/")
        expect(page.locator("article.wiki-content a", has_text="BrowserTestPage")
               ).to_have_class(one_class(EXISTING_PAGE_CLASS))

        page.goto(self.base_url + "/pages")
        page.check("#delete-BrowserTestPage")
        self.screenshot("04-title-list-ticked")
        page.click("input[type=submit][value='Delete ticked pages']")
        expect(page).to_have_url(self.base_url + "/pages")
        expect(self.flash()).to_have_text("Deleted BrowserTestPage.")
        expect(page.locator("ul.titles a")).to_have_text(["FrontPage"])
        self.screenshot("05-page-deleted")
        self.assertEqual(stored_titles(), ["FrontPage"])

    def test_hostile_page_runs_no_script_and_keeps_the_policy(self):
        page = self.page
        messages = []
        page.on("console", lambda message: messages.append(message.text))
        page.goto(self.base_url + "/pages/edit/HostilePage")
        self.save_source(HOSTILE_PAGE_SOURCE)
        expect(self.flash()).to_have_text("Successfully saved HostilePage!")
        page.goto(self.base_url + "/HostilePage")
        self.screenshot("06-hostile-page")
        self.assertIsNone(page.evaluate("window.attacked"))
        self.assertEqual([message for message in messages
                          if "Content Security Policy" in message], [])
