"""Every kind of page, in a real browser, light and dark, wide and narrow.

One Chromium serves the module.  Each kind of page is opened at 1280 px
in the light and the dark scheme, where axe-core finds no violation of
WCAG 2.2 AA, then at 390 px, where every control is at least 44 px high,
and at 320 px, where the page does not scroll sideways.  axe-core's script
comes from PyPI's axe-playwright-python, and reaches the page through the
browser's DevTools protocol: the wiki never serves it, and the page's
Content-Security-Policy does not govern it.  Each page is photographed at
390 and 1280 px in both schemes, in 256 colours, into
``test-artifacts/screenshots/``; those in ``docs/screenshots/`` are copies,
and every kind must have its four there.  A keyboard alone then edits,
saves, compares, restores and deletes a page; quick.js's shortcuts edit,
save and show the history; and its live preview follows the author's
typing, spaced out, showing refusals, stops when told to, and gives way
to a save.
"""

import io
import os
import unittest

from axe_playwright_python.sync_playwright import Axe
from PIL import Image
from playwright.sync_api import expect, sync_playwright

import pylons.test

from quickwiki.tests import ADMIN, CHECKOUT, CommittingTestController, store_page
from quickwiki.tests.functional.test_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    require_chromium,
    serve_in_thread,
)

#: The rules axe-core checks: WCAG 2.0, 2.1 and 2.2, levels A and AA.
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCREENSHOTS = os.path.join(CHECKOUT, "test-artifacts", "screenshots")
#: The copies that the documentation and the README show.
DOCS_SCREENSHOTS = os.path.join(CHECKOUT, "docs", "screenshots")

#: A page of the reST the stylesheet styles.
STYLE_SOURCE = """\
A page of every style
=====================

Text with *emphasis*, **strength**, ``code``, a link to FrontPage and one
to NoPageYet, and a footnote [#]_.

.. note:: Notes, tips, warnings and dangers stand out.

.. warning:: This one warns.

=========  ========  ======
Fruit      Colour    Price
=========  ========  ======
Apple      Red       1.20
Banana     Yellow    0.80
=========  ========  ======

.. code:: python

   def greet(name):
       # Say hello.
       return "Hello, %s" % name

.. figure:: Chart.png
   :alt: A blue chart

   A figure, with its caption.

.. [#] The footnote, at the end.
"""


#: Each kind of page: its name, its address, and what its pictures show.
PAGE_KINDS = [
    ("page", "/StylePage", "A page: headings, admonitions, a table, code, a figure"),
    ("front-page", "/", "The front page"),
    ("missing-page", "/NoPageYet", "A WikiWord without a page yet"),
    ("edit", "/pages/edit/StylePage", "The editor, with the cheat sheet beside it"),
    ("history", "/pages/history/StylePage", "A page's history"),
    (
        "diff-inline",
        "/pages/diff/StylePage?old=2&new=3&style=inline",
        "A diff, inline",
    ),
    (
        "diff-side",
        "/pages/diff/StylePage?old=2&new=3&style=side",
        "A diff, side by side (inline on a narrow screen)",
    ),
    ("revision", "/pages/revision/StylePage/2", "An old revision, to restore"),
    ("title-list", "/pages", "The title list"),
    ("search", "/pages/search?q=style", "Search results"),
    ("changes", "/pages/changes", "Recent changes"),
    ("backlinks", "/pages/backlinks/FrontPage", "What links to a page"),
    ("wanted", "/pages/wanted", "Wanted pages"),
    ("new-page", "/pages/new", "Starting a new page"),
    ("rename", "/pages/rename/StylePage", "Renaming a page"),
    (
        "relink",
        "/pages/relink/HomePage?old=FrontPage",
        "Leading an old title's links to the new one",
    ),
    ("delete", "/pages/delete?title=StylePage", "Confirming a deletion"),
    ("files", "/pages/files/StylePage", "A page's files, and the upload form"),
    ("file-history", "/pages/file-history/StylePage/Chart.png", "A file's history"),
    ("error-404", "/pages/history/NoSuchPage", "An error document: 404"),
    (
        "error-400",
        "/pages/diff/StylePage?old=x&new=y",
        "An error document: 400, a line for each wrong parameter",
    ),
    ("error-413", "/too-large.html", "The 413 page, a static file that nginx sends"),
    ("login", "/login", "Logging in"),
    ("register", "/register", "Registering"),
    ("account", "/account", "One's account"),
    ("accounts", "/accounts", "The admins' list of accounts"),
]
WIDTHS = (1280, 390)
SCHEMES = ("light", "dark")


def screenshot_name(kind, width, scheme):
    """The file name of a kind of page's picture."""
    return "%s-%d-%s.png" % (kind, width, scheme)


def axe_violations(page):
    """axe-core's WCAG 2.2 AA violations on ``page``: (rule, where, help)."""
    results = Axe().run(
        page,
        options={
            "runOnly": {"type": "tag", "values": WCAG_AA},
            "resultTypes": ["violations"],
        },
    )
    return [
        (violation["id"], node["target"], violation["help"])
        for violation in results.response["violations"]
        for node in violation["nodes"]
    ]


class ScreenshotsDocumentedTest(unittest.TestCase):
    """The documentation shows every kind of page, as the browser test
    photographs it: a kind added to the test needs its pictures."""

    def test_every_kind_has_its_pictures_in_the_docs_and_the_readme(self):
        with open(os.path.join(CHECKOUT, "README.md"), encoding="utf-8") as readme:
            readme = readme.read()
        rst = os.path.join(CHECKOUT, "docs", "quickwiki", "screenshots.rst")
        with open(rst, encoding="utf-8") as docs:
            docs = docs.read()
        expected = {
            screenshot_name(kind, width, scheme)
            for kind, _path, _what in PAGE_KINDS
            for width in WIDTHS
            for scheme in SCHEMES
        }
        self.assertEqual(set(os.listdir(DOCS_SCREENSHOTS)), expected)
        for name in sorted(expected):
            self.assertIn("docs/screenshots/" + name, readme)
            self.assertIn("../screenshots/" + name, docs)


class LookTest(CommittingTestController):
    browser = True
    #: The problems' list is the report: show all of it.
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        require_chromium()
        cls.playwright = sync_playwright().start()
        cls.chromium = cls.playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        cls.base_url, cls.stop_server = serve_in_thread(pylons.test.pylonsapp)
        os.makedirs(SCREENSHOTS, exist_ok=True)

    @classmethod
    def tearDownClass(cls):
        cls.stop_server()
        cls.chromium.close()
        cls.playwright.stop()

    def open(self, scheme="light", width=1280):
        """A page in a browser context of its own, logged in as the admin."""
        context = self.chromium.new_context(
            color_scheme=scheme, viewport={"width": width, "height": 900}
        )
        self.addCleanup(context.close)
        page = context.new_page()
        page.goto(self.base_url + "/login")
        page.fill("input#name", ADMIN.name)
        page.fill("input#password", ADMIN.password)
        page.click("input[type=submit][name=login]")
        return page

    def make_a_wiki(self, page):
        """Pages, revisions and a file for every kind of page to show."""
        chart = io.BytesIO()
        Image.new("RGB", (240, 120), (40, 100, 190)).save(chart, "PNG")
        store_page("StylePage", "Draft.")
        page.goto(self.base_url + "/pages/files/StylePage")
        page.set_input_files(
            "input#file",
            files=[
                {
                    "name": "Chart.png",
                    "mimeType": "image/png",
                    "buffer": chart.getvalue(),
                }
            ],
        )
        page.click("input[type=submit][name=upload]")
        store_page("StylePage", STYLE_SOURCE)
        store_page("StylePage", STYLE_SOURCE.replace("Banana", "Cherry"))

    def test_every_kind_of_page_is_accessible_and_fits_a_phone(self):
        problems = []
        for scheme in ("light", "dark"):
            page = self.open(scheme)
            if scheme == "light":
                self.make_a_wiki(page)
            for kind, path, _what in PAGE_KINDS:
                page.set_viewport_size({"width": 1280, "height": 900})
                page.goto(self.base_url + path)
                for violation in axe_violations(page):
                    problems.append((scheme, kind) + violation)
                self.screenshot(page, kind, 1280, scheme)
                page.set_viewport_size({"width": 390, "height": 844})
                self.screenshot(page, kind, 390, scheme)
                if scheme == "light":
                    problems += self.small_targets(page, kind)
                    page.set_viewport_size({"width": 320, "height": 640})
                    for wide in self.too_wide(page):
                        problems.append(("light", kind, "wider than 320 px: " + wide))
        self.assertEqual(problems, [])

    def test_the_edit_form_previews_as_the_author_types(self):
        page = self.open()
        page.goto(self.base_url + "/pages/edit/FrontPage")
        previews = self.posts_sent(page)
        page.locator("textarea#content").press_sequentially("Live *preview*.")
        preview = page.locator("section.preview article.wiki-content em")
        expect(preview).to_have_text("preview")
        # One preview for the whole burst of typing, not one a key.
        self.assertEqual(len(previews), 1)
        # The same renderer: its problems are listed too.
        page.fill("textarea#content", "Broken *emphasis.")
        expect(page.locator("section.problems li")).to_have_count(1)

    def test_keyboard_shortcuts_edit_save_and_show_the_history(self):
        page = self.open()
        store_page("ShortcutPage", "Before.")
        page.goto(self.base_url + "/ShortcutPage")
        page.keyboard.press("e")
        expect(page).to_have_url(self.base_url + "/pages/edit/ShortcutPage")
        page.fill("textarea#content", "After.")
        page.keyboard.press("Control+Enter")
        expect(page.locator("article.wiki-content")).to_have_text("After.")
        page.keyboard.press("h")
        expect(page).to_have_url(self.base_url + "/pages/history/ShortcutPage")
        # In a text field a letter is only a letter.
        page.goto(self.base_url + "/ShortcutPage")
        page.locator("header input[type=search]").press("e")
        expect(page.locator("header input[type=search]")).to_have_value("e")
        expect(page).to_have_url(self.base_url + "/ShortcutPage")

    def test_the_live_preview_shows_a_refusal_and_the_limits_stop_it(self):
        page = self.open()
        page.goto(self.base_url + "/pages/edit/FrontPage")
        limit = pylons.test.pylonsapp.config["pylons.app_globals"].max_page_size
        page.fill("textarea#content", "x" * (limit + 1))
        expect(page.locator("section.preview ul.flash li.error")).to_be_visible()
        expect(page.locator(".live-preview-stopped")).to_be_hidden()
        # Told it asks too much (a 429, as the rate limit answers), it
        # stops, says so, and sends no more.
        page.route(
            "**/pages/save/FrontPage",
            lambda route: route.fulfill(
                status=429,
                content_type="text/html",
                body='<ul class="flash"><li class="error">Slow down.</li></ul>',
            ),
        )
        page.fill("textarea#content", "Short again.")
        expect(page.locator("section.preview ul.flash li")).to_have_text("Slow down.")
        expect(page.locator(".live-preview-stopped")).to_be_visible()
        previews = self.posts_sent(page)
        page.fill("textarea#content", "Typed after the stop.")
        page.wait_for_timeout(1500)  # the delay before a preview, and more
        self.assertEqual(previews, [])

    def test_a_save_sends_no_preview_and_waits_for_the_one_running(self):
        page = self.open()
        store_page("QuickSavePage", "Before.")
        page.goto(self.base_url + "/pages/edit/QuickSavePage")
        # Saved at once, and answered slowly: no preview follows it.
        posts = self.posts_sent(page)
        held = self.hold_first_post(page)
        page.fill("textarea#content", "Saved at once.")
        page.click("input[type=submit][value=Save]", no_wait_after=True)
        page.wait_for_timeout(1500)  # the delay before a preview, and more
        self.assertEqual([self.is_preview(post) for post in posts], [False])
        held[0].continue_()
        expect(self.flash(page)).to_have_text("Saved revision 2 of QuickSavePage.")
        # Saved while a preview runs: the save waits for its answer, since
        # the author's one place to render is the preview's until then.
        page.goto(self.base_url + "/pages/edit/QuickSavePage")
        posts = self.posts_sent(page)
        held = self.hold_first_post(page)
        with page.expect_request(lambda request: request.method == "POST"):
            page.fill("textarea#content", "Previewed, then saved.")
        page.click("input[type=submit][value=Save]", no_wait_after=True)
        page.wait_for_timeout(500)
        self.assertEqual([self.is_preview(post) for post in posts], [True])
        held[0].continue_()
        expect(self.flash(page)).to_have_text("Saved revision 3 of QuickSavePage.")
        expect(page.locator("article.wiki-content")).to_have_text(
            "Previewed, then saved."
        )
        self.assertEqual([self.is_preview(post) for post in posts], [True, False])

    def hold_first_post(self, page):
        """The next request that ``page`` sends to the save action, held
        unanswered until the test continues it (a list it fills)."""
        held = []
        page.route("**/pages/save/**", lambda route: held.append(route), times=1)
        return held

    @staticmethod
    def is_preview(request):
        """Whether a request to the save action is the live preview's."""
        return 'name="preview"' in (request.post_data or "")

    def flash(self, page):
        return page.locator("ul.flash li")

    def posts_sent(self, page):
        """The requests that ``page`` sends to the save action from now on,
        previews and saves (a list it fills)."""
        sent = []
        page.on(
            "request",
            lambda request: (
                request.method == "POST"
                and "/pages/save/" in request.url
                and sent.append(request)
            ),
        )
        return sent

    def test_a_keyboard_alone_edits_compares_restores_and_deletes(self):
        page = self.open()
        store_page("KeyPage", "First text.")
        page.goto(self.base_url + "/KeyPage")
        # The first stop is the way past the header.
        page.keyboard.press("Tab")
        expect(page.locator(".skip-link")).to_be_focused()
        self.press_on(page, "nav.page-actions a.edit-link")
        self.tab_to(page, "textarea#content")
        page.keyboard.press("Control+a")
        page.keyboard.type("Second text.")
        self.press_on(page, "input[type=submit][name=save]")
        expect(page.locator("article.wiki-content")).to_have_text("Second text.")
        self.press_on(page, "nav.page-actions a.history-link")
        self.press_on(page, "input[type=submit][value='Compare the chosen revisions']")
        expect(page.locator("table.diff tr.added")).to_contain_text("Second text.")
        self.press_on(page, "nav.page-actions a.history-link")
        self.press_on(page, "td.number a >> text='1'")
        self.press_on(page, "input[type=submit][name=restore]")
        expect(page.locator("article.wiki-content")).to_have_text("First text.")
        self.press_on(page, "nav.page-actions a.delete-link")
        self.press_on(page, "input[type=submit][name=delete]")
        expect(page.locator("ul.flash li")).to_contain_text("Deleted KeyPage")

    def tab_to(self, page, selector, limit=80):
        """Press Tab until ``selector`` has the focus."""
        target = page.locator(selector).first
        for _press in range(limit):
            if target.evaluate("element => element === document.activeElement"):
                return
            page.keyboard.press("Tab")
        self.fail("Tab never reached %s on %s" % (selector, page.url))

    def press_on(self, page, selector):
        """Tab to ``selector`` and press Enter on it."""
        self.tab_to(page, selector)
        page.keyboard.press("Enter")
        page.wait_for_load_state()

    def screenshot(self, page, kind, width, scheme):
        """The whole of ``page``, in 256 colours: a third of the bytes, and
        no difference that a reader of the documentation would see.  The
        fast octree quantiser takes a tenth of the default one's time."""
        shot = Image.open(io.BytesIO(page.screenshot(full_page=True)))
        shot.convert("RGB").quantize(colors=256, method=Image.Quantize.FASTOCTREE).save(
            os.path.join(SCREENSHOTS, screenshot_name(kind, width, scheme))
        )

    def too_wide(self, page):
        """What makes ``page`` scroll sideways: the elements that reach past
        the window's right edge (none when it does not scroll)."""
        return page.evaluate(
            """() => document.documentElement.scrollWidth <= window.innerWidth
                ? []
                : [document.documentElement.scrollWidth + ' px'].concat(
                    Array.from(document.querySelectorAll('body *'))
                    .filter(element => element.getBoundingClientRect().right
                                       > window.innerWidth + 1)
                    .filter(element => !element.closest('.table-scroll'))
                    .map(element => element.outerHTML.slice(0, 80)))"""
        )

    def small_targets(self, page, kind):
        """The controls of ``page`` less than 44 px high, and the boxes and
        buttons to tick whose label is less than 44 px square: (kind, control).
        """
        small = page.evaluate(
            """() => Array.from(document.querySelectorAll(
                  'header a, nav a, input[type=submit], button, select, '
                  + 'input[type=text], input[type=password], input[type=search], '
                  + 'textarea, input[type=checkbox], input[type=radio]'))
                .filter(element => element.offsetParent !== null)
                .filter(element => {
                    const box = element.matches('[type=checkbox], [type=radio]')
                        ? (element.closest('label') || element)
                            .getBoundingClientRect()
                        : {height: element.getBoundingClientRect().height,
                           width: 44};
                    return box.height < 44 || box.width < 44;
                })
                .map(element => element.outerHTML.slice(0, 80))"""
        )
        return [("light", kind, "smaller than 44 px: " + html) for html in small]
