"""HTTP caching: the validators of pages, histories, diffs and old
revisions, their 304 answers, who may keep a copy, and the copies the
wiki keeps itself."""

import sys
import time
import unittest
from unittest import mock

from webtest import TestApp

import pylons.test

from quickwiki.controllers import pages
from quickwiki.lib import renderings, revisions, wikitext, work
from quickwiki.lib.caching import Kept, KeptPages
from quickwiki.lib.workers import WorkerTimeout
from quickwiki.tests import (
    ADMIN,
    FRONT_PAGE_CONTENT,
    TestController,
    log_in,
    offered_forms,
    store_page,
    url,
)

#: The FrontPage's address (the route "page").
FRONT_PAGE = "/FrontPage"


def directives(response):
    """The directives of ``response``'s Cache-Control, as a set."""
    return {part.strip() for part in response.headers["Cache-Control"].split(",")}


class PageViewTest(TestController):
    def test_a_reader_the_wiki_does_not_know_gets_a_public_page(self):
        response = self.app.get(FRONT_PAGE)
        self.assertEqual(response.headers["Cache-Control"], "public, max-age=60")
        # Nothing says the opposite (the framework's default does).
        self.assertNotIn("Pragma", response.headers)
        self.assertIn("Cookie", response.headers["Vary"])
        self.assertTrue(response.headers["ETag"].startswith('"page-'))
        self.assertIn("Last-Modified", response.headers)
        self.assertNotIn("Set-Cookie", response.headers)

    def test_the_page_a_reader_has_is_answered_304(self):
        etag = self.app.get(FRONT_PAGE).headers["ETag"]
        response = self.app.get(FRONT_PAGE, headers={"If-None-Match": etag}, status=304)
        self.assertEqual(response.body, b"")
        self.assertEqual(response.headers["ETag"], etag)
        self.assertEqual(response.headers["Cache-Control"], "public, max-age=60")
        self.assertNotIn("Pragma", response.headers)
        self.assertIn("Cookie", response.headers["Vary"])

    def test_a_reader_let_in_by_the_proxys_password_gets_a_private_page(self):
        """nginx's basic authentication (the deployment guide, step 5):
        what it lets someone see is for those who know the password."""
        response = self.app.get(
            FRONT_PAGE, headers={"Authorization": "Basic YWxpY2U6c2VjcmV0"}
        )
        self.assertEqual(directives(response), {"private", "no-cache"})

    def test_each_language_is_a_page_of_its_own(self):
        english = self.app.get(FRONT_PAGE).headers["ETag"]
        german = self.app.get(FRONT_PAGE, headers={"Accept-Language": "de"})
        self.assertIn("Accept-Language", german.headers["Vary"])
        self.assertNotEqual(german.headers["ETag"], english)
        self.app.get(
            FRONT_PAGE,
            headers={"Accept-Language": "de", "If-None-Match": english},
            status=200,
        )

    def test_a_page_unchanged_since_is_answered_304(self):
        modified = self.app.get(FRONT_PAGE).headers["Last-Modified"]
        self.app.get(FRONT_PAGE, headers={"If-Modified-Since": modified}, status=304)

    def test_a_new_revision_is_a_new_page(self):
        etag = self.app.get(FRONT_PAGE).headers["ETag"]
        self.save("FrontPage", FRONT_PAGE_CONTENT + "\n\nMore.\n")
        reader = TestApp(pylons.test.pylonsapp)
        response = reader.get(FRONT_PAGE, headers={"If-None-Match": etag})
        self.assertEqual(response.status_int, 200)
        self.assertNotEqual(response.headers["ETag"], etag)
        self.assertIn("More.", response.text)

    def test_a_link_made_good_is_a_new_page_of_the_same_revision(self):
        self.save("FrontPage", "See NewPage.\n")
        reader = TestApp(pylons.test.pylonsapp)
        before = reader.get(FRONT_PAGE)
        self.save("NewPage", "Here now.\n")
        after = reader.get(
            FRONT_PAGE, headers={"If-None-Match": before.headers["ETag"]}
        )
        self.assertEqual(after.status_int, 200)
        self.assertNotEqual(after.headers["ETag"], before.headers["ETag"])

    def test_a_page_with_flash_messages_is_private_and_shown_once(self):
        page = self.save("FrontPage", FRONT_PAGE_CONTENT + "\n\nMore.\n").follow()
        self.assertIn("Saved revision", page.text)
        self.assertNotIn("ETag", page.headers)
        self.assertIn("private", page.headers["Cache-Control"])
        self.assertNotIn("public", page.headers["Cache-Control"])

    def test_a_session_makes_the_page_private(self):
        self.edit_form("FrontPage")  # the form's token starts a session
        response = self.app.get(FRONT_PAGE)
        self.assertEqual(directives(response), {"private", "no-cache"})
        self.app.get(
            FRONT_PAGE, headers={"If-None-Match": response.headers["ETag"]}, status=304
        )

    def test_with_single_sign_on_every_page_is_private(self):
        settings = pylons.test.pylonsapp.config["pylons.app_globals"]
        with mock.patch.object(settings, "sso", "header"):
            response = self.app.get(FRONT_PAGE)
        self.assertEqual(directives(response), {"private", "no-cache"})

    def test_a_logged_in_users_page_is_theirs_alone(self):
        anonymous = self.app.get(FRONT_PAGE).headers["ETag"]
        log_in(self.app, ADMIN)
        self.app.get(FRONT_PAGE)  # shows the login's flash message, once
        response = self.app.get(FRONT_PAGE, headers={"If-None-Match": anonymous})
        self.assertEqual(response.status_int, 200)
        self.assertEqual(directives(response), {"private", "no-cache"})
        mine = response.headers["ETag"]
        self.assertNotEqual(mine, anonymous)
        self.app.get(FRONT_PAGE, headers={"If-None-Match": mine}, status=304)


class OtherPagesTest(TestController):
    def setUp(self):
        super().setUp()
        self.save("FrontPage", FRONT_PAGE_CONTENT + "\n\nMore.\n")
        self.reader = TestApp(pylons.test.pylonsapp)

    def assert_validated(self, path):
        """``path`` is public, has validators, and is answered 304 for them."""
        response = self.reader.get(path)
        self.assertEqual(response.headers["Cache-Control"], "public, max-age=60")
        self.assertIn("Last-Modified", response.headers)
        self.reader.get(
            path, headers={"If-None-Match": response.headers["ETag"]}, status=304
        )
        return response.headers["ETag"]

    def test_history(self):
        path = url("history", title="FrontPage")
        etag = self.assert_validated(path)
        self.save("FrontPage", FRONT_PAGE_CONTENT + "\n\nEven more.\n")
        changed = self.reader.get(path, headers={"If-None-Match": etag})
        self.assertEqual(changed.status_int, 200)

    def test_diff(self):
        self.assert_validated(url("diff", title="FrontPage", old=1, new=2))

    def test_the_latest_revision(self):
        self.assert_validated(url("revision", title="FrontPage", number=2))

    def test_the_title_list_is_tagged_by_its_titles(self):
        path = url("pages")
        response = self.reader.get(path)
        self.assertEqual(response.headers["Cache-Control"], "public, max-age=60")
        # No one time says when a page was last made, renamed or deleted.
        self.assertNotIn("Last-Modified", response.headers)
        etag = response.headers["ETag"]
        self.reader.get(path, headers={"If-None-Match": etag}, status=304)
        self.save("NewPage", "New.")
        changed = self.reader.get(path, headers={"If-None-Match": etag})
        self.assertEqual(changed.status_int, 200)
        self.assertIn("NewPage", changed.text)

    def test_a_diff_no_worker_could_make_is_kept_by_no_one(self):
        path = url("diff", title="FrontPage", old=1, new=2)
        with mock.patch.object(work, "run", side_effect=WorkerTimeout("busy")):
            failed = self.reader.get(path)
        self.assertIsNotNone(failed.html.select_one(".comparison-failed"))
        self.assertEqual(failed.headers["Cache-Control"], "no-store")
        self.assertNotIn("ETag", failed.headers)
        self.assertNotIn("Last-Modified", failed.headers)
        # Nor by the wiki: the next reader gets the diff made.
        made = TestApp(pylons.test.pylonsapp).get(path)
        self.assertIsNone(made.html.select_one(".comparison-failed"))
        # The browser's copy of the real diff is still good.
        with mock.patch.object(work, "run", side_effect=WorkerTimeout("busy")):
            self.reader.get(
                path, headers={"If-None-Match": made.headers["ETag"]}, status=304
            )

    def test_an_old_revision_no_worker_could_render_is_kept_by_no_one(self):
        path = url("revision", title="FrontPage", number=1)
        deferred = wikitext.Deferred("No worker was free in time.")
        with mock.patch.object(wikitext, "render", return_value=(deferred, (), None)):
            response = self.reader.get(path)
        self.assertIn("No worker was free in time.", response.text)
        self.assertNotIn("ETag", response.headers)

    def test_an_old_revision_with_its_restore_form_is_private(self):
        # The policy of test.ini lets anyone restore: the form's token
        # starts a session, and the tag names it once the session has it.
        path = url("revision", title="FrontPage", number=1)
        self.reader.get(path)
        response = self.reader.get(path)
        self.assertEqual(directives(response), {"private", "no-cache"})
        self.reader.get(
            path, headers={"If-None-Match": response.headers["ETag"]}, status=304
        )

    def test_each_kind_of_page_has_its_own_tag(self):
        tags = {
            self.reader.get(path).headers["ETag"]
            for path in (
                FRONT_PAGE,
                url("history", title="FrontPage"),
                url("diff", title="FrontPage", old=1, new=2),
                url("diff", title="FrontPage", old=1, new=2, style="side"),
                url("revision", title="FrontPage", number=1),
                url("revision", title="FrontPage", number=2),
            )
        }
        self.assertEqual(len(tags), 6)


class KeptPagesTest(TestController):
    """The public pages the wiki keeps, to send again without rendering."""

    def setUp(self):
        super().setUp()
        self.save("FrontPage", FRONT_PAGE_CONTENT + "\n\nMore.\n")
        self.reader = TestApp(pylons.test.pylonsapp)
        # Counts the pages rendered, and renders them as before.
        renders = mock.patch.object(pages, "render", side_effect=pages.render)
        self.render = renders.start()
        self.addCleanup(renders.stop)

    def assert_sent_again(self, path, **request):
        """A second reader of ``path`` gets the first one's answer, not
        rendered again."""
        first = self.reader.get(path, **request)
        rendered = self.render.call_count
        second = TestApp(pylons.test.pylonsapp).get(path, **request)
        self.assertEqual(self.render.call_count, rendered)
        self.assertEqual(second.body, first.body)
        for name, value in first.headers.items():
            # A fresh page's max-age counts down (FreshPagesTest).
            if name not in ("X-Request-Id", "Cache-Control"):
                self.assertEqual(second.headers[name], value, name)
        self.assertEqual(
            {d for d in directives(second) if not d.startswith("max-age=")},
            {d for d in directives(first) if not d.startswith("max-age=")},
        )
        return first

    def test_a_page_view_is_sent_again(self):
        self.assert_sent_again(FRONT_PAGE)

    def test_the_title_list_a_history_a_diff_and_a_revision_are_sent_again(self):
        self.assert_sent_again(url("pages"))
        self.assert_sent_again(url("history", title="FrontPage"))
        self.assert_sent_again(url("diff", title="FrontPage", old=1, new=2))
        with mock.patch.object(work, "run", side_effect=AssertionError("compared")):
            self.assert_sent_again(url("diff", title="FrontPage", old=1, new=2))

    def test_a_saved_page_is_rendered_anew(self):
        self.assertNotIn("Even more.", self.reader.get(FRONT_PAGE).text)
        self.save("FrontPage", FRONT_PAGE_CONTENT + "\n\nEven more.\n")
        self.assertIn("Even more.", self.reader.get(FRONT_PAGE).text)
        history = url("history", title="FrontPage")
        self.reader.get(history)
        self.save("FrontPage", FRONT_PAGE_CONTENT, summary="Shorter again")
        self.assertIn("Shorter again", self.reader.get(history).text)

    def test_each_language_and_mount_point_has_its_own(self):
        self.assert_sent_again(FRONT_PAGE)
        german = self.assert_sent_again(FRONT_PAGE, headers={"Accept-Language": "de"})
        self.assertEqual(german.html.html["lang"], "de")
        mounted = self.assert_sent_again(
            FRONT_PAGE, extra_environ={"SCRIPT_NAME": "/wiki"}
        )
        self.assertEqual(mounted.html.select_one("a.brand")["href"], "/wiki/")
        self.assertEqual(self.render.call_count, 3)

    def test_private_pages_are_rendered_for_each_reader(self):
        password = {"Authorization": "Basic YWxpY2U6c2VjcmV0"}
        self.reader.get(FRONT_PAGE, headers=password)
        self.reader.get(FRONT_PAGE, headers=password)
        log_in(self.reader, ADMIN)
        self.reader.get(FRONT_PAGE)
        self.reader.get(FRONT_PAGE)
        self.assertEqual(self.render.call_count, 4)

    def test_a_form_token_is_never_sent_to_another_reader(self):
        # The restore form's token starts the first reader's session.
        path = url("revision", title="FrontPage", number=1)
        tokens = {
            offered_forms(TestApp(pylons.test.pylonsapp).get(path))[0][
                "_authentication_token"
            ].value
            for _ in range(2)
        }
        self.assertEqual(len(tokens), 2)

    def test_none_are_kept_in_no_memory(self):
        settings = pylons.test.pylonsapp.config["pylons.app_globals"]
        with mock.patch.object(settings, "kept_pages", KeptPages(0)):
            self.reader.get(FRONT_PAGE)
            self.reader.get(FRONT_PAGE)
        self.assertEqual(self.render.call_count, 2)


#: When FreshPagesTest's page is made, on a clock of its own: whole
#: seconds, so that the ages it works out are exact.
MADE_AT = 1000.0


class FreshPagesTest(TestController):
    """A public page kept within its max-age, with nothing written since,
    is sent without reading it."""

    def setUp(self):
        super().setUp()
        self.reader = TestApp(pylons.test.pylonsapp)
        # The first view stores the FrontPage's rendering: a write.
        with mock.patch.object(
            renderings, "_refresh", side_effect=renderings._refresh
        ) as refresh:
            self.reader.get(FRONT_PAGE)
        refresh.assert_called_once()
        with self.at(0):
            self.made = self.reader.get(FRONT_PAGE)

    def unread(self):
        """A context in which the page view reads no page."""
        return mock.patch.object(renderings, "show", side_effect=AssertionError("read"))

    def test_a_fresh_page_is_sent_again_and_not_read(self):
        with self.unread(), self.at(0.5):
            again = TestApp(pylons.test.pylonsapp).get(FRONT_PAGE)
        self.assertEqual(again.body, self.made.body)
        for name in ("ETag", "Last-Modified", "Cache-Control", "Vary"):
            self.assertEqual(again.headers[name], self.made.headers[name], name)
        self.assertNotIn("Set-Cookie", again.headers)

    def at(self, seconds):
        """A context in which it is ``seconds`` after the page was made."""
        return mock.patch.object(time, "monotonic", return_value=MADE_AT + seconds)

    def test_a_reader_that_has_it_is_answered_304_without_a_read(self):
        with self.unread(), self.at(0.5):
            self.reader.get(
                FRONT_PAGE,
                headers={"If-None-Match": self.made.headers["ETag"]},
                status=304,
            )

    def test_a_304_found_unchanged_makes_it_fresh_again(self):
        conditional = {"If-None-Match": self.made.headers["ETag"]}
        with self.at(60):
            self.reader.get(FRONT_PAGE, headers=conditional, status=304)
        with self.unread(), self.at(61):
            again = self.reader.get(FRONT_PAGE)
        self.assertEqual(directives(again), {"public", "max-age=59"})

    def test_it_may_be_kept_for_what_is_left_of_its_max_age(self):
        # A copy of it is no older than the page read when it was made.
        with self.unread(), self.at(42.5):
            again = self.reader.get(FRONT_PAGE)
        self.assertEqual(directives(again), {"public", "max-age=18"})

    def test_past_its_max_age_the_page_is_read_again(self):
        with (
            self.at(60),
            mock.patch.object(renderings, "show", side_effect=renderings.show) as read,
        ):
            again = self.reader.get(FRONT_PAGE)
        read.assert_called_once()
        self.assertEqual(directives(again), {"public", "max-age=60"})
        # Found unchanged, it is fresh again from then.
        with self.unread(), self.at(80):
            again = self.reader.get(FRONT_PAGE)
        self.assertEqual(directives(again), {"public", "max-age=40"})

    def test_a_write_of_this_process_ends_every_freshness(self):
        store_page("OtherPage", "Any write, of any page.")
        self.assert_read()

    def test_the_limits_counting_is_no_write(self):
        # A diff counts against the client's costly rate, in the database.
        self.reader.get(url("diff", title="FrontPage", old=1, new=1))
        with self.at(1), self.unread():
            self.reader.get(FRONT_PAGE)

    def test_a_reload_gets_it_read(self):
        self.assert_read(headers={"Cache-Control": "no-cache"})
        self.assert_read(headers={"Pragma": "no-cache"})

    def test_a_reader_the_wiki_knows_gets_it_read(self):
        self.assert_read(headers={"Authorization": "Basic YWxpY2U6c2VjcmV0"})
        log_in(self.reader, ADMIN)
        self.assert_read()

    def assert_read(self, **request):
        """A second after the page was made, its view reads it.

        (Only where nothing is rendered: the clock stands still, and a
        render waits on it for its worker.)"""
        with self.at(1), self.unread(), self.assertRaises(AssertionError):
            self.reader.get(FRONT_PAGE, **request)

    def test_each_kind_of_kept_page_is_fresh(self):
        for path, reads in (
            (url("pages"), (pages, "_title_page")),
            (url("history", title="FrontPage"), (revisions, "latest")),
            (url("diff", title="FrontPage", old=1, new=1), (revisions, "revision")),
        ):
            self.reader.get(path)
            with mock.patch.object(*reads, side_effect=AssertionError(path)):
                self.reader.get(path)


class KeptPagesSizeTest(unittest.TestCase):
    """The memory the kept pages take is bounded."""

    database = False

    def test_the_least_recently_used_go_first(self):
        page = kept_page("x" * 1000)
        kept = KeptPages(3 * sys.getsizeof(page.body))
        for place in "abc":
            kept.put(place, page)
        kept.get("a")
        kept.put("d", page)
        self.assertIsNone(kept.get("b"))
        for place in "acd":
            self.assertEqual(kept.get(place), page)

    def test_a_page_larger_than_them_all_is_not_kept(self):
        kept = KeptPages(100)
        kept.put("a", kept_page("x" * 100))
        self.assertIsNone(kept.get("a"))


def kept_page(body):
    """A page as the kept pages keep it, of ``body``."""
    return Kept("etag", None, body, 0.0, 0)
