"""Each client's limits (:mod:`quickwiki.lib.limiting`): rates counted in
the database, shares of the process, and the 429 answers they give.

The database storage is checked against the ``limits`` library's own
fixed-window strategy, with the clock set by the test; the answers
through the whole application, with a limiter of small limits put in the
application's place.
"""

import threading
import unittest
from unittest import mock

from limits.storage import MemoryStorage
from webtest import TestApp

import pylons.test

from quickwiki.lib import limiting
from quickwiki.tests import (
    ADMIN,
    TestController,
    flashes,
    log_in,
    stored_titles,
    ticked_title_list,
    url,
)

#: Addresses of TEST-NET-1 and of the IPv6 documentation prefix.
ALICE, BOB = "192.0.2.1", "192.0.2.2"


class Clock:
    """``time.time`` for the limiter, moved by the test."""

    def __init__(self, now=1_000_000.0):
        self.now = now

    def __call__(self):
        return self.now


class DatabaseStorageTest(TestController):
    """The counters in ``rate_counters``, through the ``limits`` strategy."""

    def setUp(self):
        super().setUp()
        self.clock = Clock()
        patcher = mock.patch("quickwiki.lib.limiting.time.time", self.clock)
        patcher.start()
        self.addCleanup(patcher.stop)

    def limiter(self, **rules):
        return limiting.Limiter(rules, {}, limiting.DatabaseStorage())

    def test_a_rule_refuses_the_hit_over_its_amount(self):
        limiter = self.limiter(writes="3/minute")
        for _ in range(3):
            limiter.hit("writes", ALICE)
        with self.assertRaises(limiting.TooManyRequests) as refused:
            limiter.hit("writes", ALICE)
        self.assertEqual(refused.exception.code, 429)
        self.assertEqual(refused.exception.wait, 60)
        self.assertEqual(refused.exception.headers["Retry-After"], "60")

    def test_each_key_is_counted_apart(self):
        limiter = self.limiter(writes="1/minute")
        limiter.hit("writes", ALICE)
        limiter.hit("writes", BOB)
        with self.assertRaises(limiting.TooManyRequests):
            limiter.hit("writes", ALICE)

    def test_the_count_starts_again_when_the_window_ends(self):
        limiter = self.limiter(writes="2/minute")
        limiter.hit("writes", ALICE)
        self.clock.now += 30
        limiter.hit("writes", ALICE)
        with self.assertRaises(limiting.TooManyRequests) as refused:
            limiter.hit("writes", ALICE)
        self.assertEqual(refused.exception.wait, 30)
        self.clock.now += 30
        limiter.hit("writes", ALICE)

    def test_a_cost_counts_as_many_hits(self):
        limiter = self.limiter(written="1000/hour")
        limiter.hit("written", ALICE, cost=600)
        with self.assertRaises(limiting.TooManyRequests):
            limiter.hit("written", ALICE, cost=600)

    def test_every_limit_of_a_rule_applies_and_the_longest_wait_is_asked(self):
        limiter = self.limiter(writes="2/minute;3/hour")
        limiter.hit("writes", ALICE)
        limiter.hit("writes", ALICE)
        self.clock.now += 60
        limiter.hit("writes", ALICE)
        with self.assertRaises(limiting.TooManyRequests) as refused:
            limiter.hit("writes", ALICE)
        self.assertEqual(refused.exception.wait, 3600 - 60)

    def test_a_rule_of_none_never_refuses(self):
        limiter = self.limiter(writes="none")
        for _ in range(100):
            limiter.hit("writes", ALICE)

    def test_an_unknown_rule_is_an_error(self):
        with self.assertRaises(KeyError):
            self.limiter().hit("no-such-rule", ALICE)

    def test_clear_forgets_the_count(self):
        limiter = self.limiter(writes="1/minute")
        limiter.hit("writes", ALICE)
        limiter.clear("writes", ALICE)
        limiter.hit("writes", ALICE)

    def test_two_processes_count_together(self):
        # Each process of the wiki has its own limiter on the one database.
        first, second = self.limiter(writes="3/minute"), self.limiter(writes="3/minute")
        first.hit("writes", ALICE)
        second.hit("writes", ALICE)
        first.hit("writes", ALICE)
        with self.assertRaises(limiting.TooManyRequests):
            second.hit("writes", ALICE)

    def test_a_long_key_is_stored_as_its_digest(self):
        limiter = self.limiter(login="1/minute")
        name = "x" * 500
        limiter.hit("login", name)
        with self.assertRaises(limiting.TooManyRequests):
            limiter.hit("login", name)
        limiter.hit("login", name[:-1] + "y")

    def test_expired_counters_are_deleted_as_increments_go_by(self):
        storage = limiting.DatabaseStorage()
        storage.incr("old", 60)
        self.clock.now += 61
        storage.PURGE_INTERVAL = 0
        storage.incr("new", 60)
        self.assertEqual(storage.reset(), 1)

    def test_the_storage_answers_the_strategys_other_questions(self):
        storage = limiting.DatabaseStorage()
        self.assertTrue(storage.check())
        self.assertEqual(storage.get("counter"), 0)
        self.assertEqual(storage.get_expiry("counter"), self.clock.now)
        storage.incr("counter", 60, amount=5)
        self.assertEqual(storage.get("counter"), 5)
        self.assertEqual(storage.get_expiry("counter"), self.clock.now + 60)
        self.clock.now += 60
        self.assertEqual(storage.get("counter"), 0)


class SharesTest(unittest.TestCase):
    def test_a_key_holds_at_most_its_share(self):
        limiter = limiting.Limiter({}, {"renders": 2}, storage=MemoryStorage())
        with limiter.share("renders", ALICE), limiter.share("renders", ALICE):
            with self.assertRaises(limiting.TooManyRequests) as refused:
                with limiter.share("renders", ALICE):
                    pass
            self.assertEqual(refused.exception.wait, 1)
            with limiter.share("renders", BOB):
                pass
        with limiter.share("renders", ALICE):
            pass

    def test_a_share_of_zero_is_not_limited(self):
        limiter = limiting.Limiter({}, {"renders": 0}, storage=MemoryStorage())
        with limiter.share("renders", ALICE), limiter.share("renders", ALICE):
            pass


class ClientTest(unittest.TestCase):
    def test_an_ipv4_address_is_the_client(self):
        self.assertEqual(limiting.client({"REMOTE_ADDR": ALICE}), ALICE)

    def test_an_ipv6_address_counts_by_its_64_network(self):
        self.assertEqual(
            limiting.client({"REMOTE_ADDR": "2001:db8:1:2:3:4:5:6"}),
            "2001:db8:1:2::/64",
        )

    def test_an_ipv4_mapped_address_is_the_ipv4_client(self):
        self.assertEqual(limiting.client({"REMOTE_ADDR": "::ffff:192.0.2.1"}), ALICE)

    def test_no_address_is_one_client(self):
        self.assertEqual(limiting.client({}), "unknown")


def streaming_app(environ, start_response):
    """Answers with a body that is read only when the test says so."""
    start_response("200 OK", [("Content-Type", "text/plain")])
    yield b"done"


def made_app(environ, start_response):
    """Answers with a body made whole, as pages and redirects are."""
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"made"]


class ClientShareTest(unittest.TestCase):
    """The middleware: a request holds its place until its body is made."""

    def setUp(self):
        self.limiter = limiting.Limiter({}, {"requests": 1}, storage=MemoryStorage())
        self.app = limiting.ClientShare(streaming_app, self.limiter)

    def call(self, address):
        statuses = []
        body = self.app(
            {"REMOTE_ADDR": address, "REQUEST_METHOD": "GET"},
            lambda status, headers, exc_info=None: statuses.append(status),
        )
        return statuses, body

    def test_a_second_request_while_the_first_runs_is_refused(self):
        _, first = self.call(ALICE)
        statuses, _ = self.call(ALICE)
        self.assertEqual(statuses, ["429 Too Many Requests"])
        self.assertEqual(b"".join(first), b"done")
        first.close()
        statuses, second = self.call(ALICE)
        self.assertEqual(b"".join(second), b"done")
        second.close()
        self.assertEqual(statuses, ["200 OK"])

    def test_a_body_made_whole_gives_the_place_back_before_it_is_closed(self):
        # A redirect's client may follow it before the server closes it.
        self.app.app = made_app
        _, first = self.call(ALICE)
        statuses, second = self.call(ALICE)
        self.assertEqual(statuses, ["200 OK"])
        self.assertEqual((first, second), ([b"made"], [b"made"]))

    def test_the_refusal_is_made_once(self):
        _, first = self.call(ALICE)
        self.call(ALICE)
        with mock.patch.object(self.app, "app", side_effect=AssertionError("made")):
            statuses, refused = self.call(ALICE)
        self.assertEqual(statuses, ["429 Too Many Requests"])
        self.assertEqual(b"".join(refused), b"done")
        first.close()

    def test_other_clients_go_on(self):
        _, first = self.call(ALICE)
        statuses, other = self.call(BOB)
        self.assertEqual(b"".join(other), b"done")
        self.assertEqual(statuses, ["200 OK"])
        other.close()
        first.close()


class LimitedApplicationTest(TestController):
    """The application with a limiter of small limits in its place."""

    def test_a_save_over_the_quota_keeps_the_text(self):
        self.use_limiter({"writes": "1/minute"})
        self.save("NewPage", "First.")
        response = self.save("NewPage", "Second, kept.", status=429)
        self.assertIn(int(response.headers["Retry-After"]), range(1, 61))
        self.assertEqual(response.forms[0]["content"].value, "Second, kept.")
        self.assertIn("NewPage was not saved", flashes(response)[0])
        self.assertIn("at most 1 per minute", flashes(response)[0])

    def test_the_bytes_written_in_an_hour_are_bounded(self):
        self.use_limiter({"written": "10/hour"})
        response = self.save("NewPage", "Longer than ten bytes.", status=429)
        self.assertEqual(response.forms[0]["content"].value, "Longer than ten bytes.")

    def test_a_preview_counts_as_costly_but_not_as_a_write(self):
        self.use_limiter({"writes": "1/minute", "costly": "3/minute"})
        form = self.edit_form("NewPage", "Previewed.")
        form.submit("preview", status=200)
        form.submit("preview", status=200)
        self.save("NewPage", "Saved.")
        response = self.save("NewPage", "Refused.", status=429)
        self.assertIn("at most 3 per minute", flashes(response)[0])

    def test_a_costly_view_over_its_rate_gets_the_error_document(self):
        self.use_limiter({"costly": "1/minute"})
        self.app.get(url("revision", title="FrontPage", number=1), status=200)
        response = self.app.get(
            url("revision", title="FrontPage", number=1), status=429
        )
        self.assertIn(int(response.headers["Retry-After"]), range(1, 61))
        self.assert_document(response, "Error 429: Too Many Requests", "at most 1")

    def test_deletions_count_each_page_as_a_write(self):
        self.use_limiter({"writes": "3/minute"})
        self.save("OnePage", "One.")
        self.save("TwoPage", "Two.")
        log_in(self.app, ADMIN)  # who may delete
        confirmation = ticked_title_list(self.app, ["OnePage", "TwoPage"]).submit()
        confirmation.forms[0].submit(status=429)
        self.assertEqual(stored_titles(), ["FrontPage", "OnePage", "TwoPage"])

    def test_searches_count_in_the_pages_and_the_api(self):
        self.use_limiter({"searches": "2/minute"})
        self.app.get(url("search", q="home"), status=200)
        self.app.get("/api/v1/search", params={"q": "home"}, status=200)
        refused = self.app.get(url("search", q="home"), status=429)
        self.assert_document(refused, "Error 429: Too Many Requests", "at most 2")
        answer = self.app.get("/api/v1/search", params={"q": "home"}, status=429)
        self.assertIn(int(answer.headers["Retry-After"]), range(1, 61))
        self.assertEqual(answer.json["error"]["status"], 429)
        # An exact title is no search: it goes to its page.
        self.app.get(url("search", q="FrontPage"), status=302)

    def test_feeds_made_count_but_a_304_does_not(self):
        self.use_limiter({"feeds": "1/minute"})
        etag = self.app.get(url("changes_feed"), status=200).headers["ETag"]
        for _ in range(3):
            self.app.get(
                url("changes_feed"), headers={"If-None-Match": etag}, status=304
            )
        refused = self.app.get(url("history_feed", title="FrontPage"), status=429)
        self.assertIn(int(refused.headers["Retry-After"]), range(1, 61))

    def test_each_client_has_its_own_count(self):
        self.use_limiter({"costly": "1/minute"})
        alice = TestApp(pylons.test.pylonsapp, extra_environ={"REMOTE_ADDR": ALICE})
        bob = TestApp(pylons.test.pylonsapp, extra_environ={"REMOTE_ADDR": BOB})
        diff = url("diff", title="FrontPage", old=1, new=1)
        alice.get(diff, status=200)
        alice.get(diff, status=429)
        bob.get(diff, status=200)

    def shares(self, **sizes):
        """The application's own limiter, with shares of ``sizes``."""
        limiter = pylons.test.pylonsapp.config["pylons.app_globals"].limiter
        patcher = mock.patch.dict(limiter.shares, sizes)
        patcher.start()
        self.addCleanup(patcher.stop)
        return limiter

    def test_a_client_over_its_share_of_threads_gets_429(self):
        limiter = self.shares(requests=1)
        # The client's one place is taken by a request still running.
        with limiter.share("requests", ALICE):
            response = TestApp(
                pylons.test.pylonsapp, extra_environ={"REMOTE_ADDR": ALICE}
            ).get(url("page", title="FrontPage"), status=429)
        self.assertEqual(response.headers["Retry-After"], "1")
        self.assert_document(response, "Error 429: Too Many Requests")

    def test_a_client_over_its_share_of_renders_gets_429(self):
        limiter = self.shares(renders=1)
        with limiter.share("renders", ALICE):
            TestApp(pylons.test.pylonsapp, extra_environ={"REMOTE_ADDR": ALICE}).get(
                url("revision", title="FrontPage", number=1), status=429
            )


class ConcurrentSharesTest(unittest.TestCase):
    """A place is given back whatever ends the block, in any thread."""

    def test_places_held_in_threads_are_counted_and_given_back(self):
        limiter = limiting.Limiter({}, {"renders": 2}, storage=MemoryStorage())
        inside, leave = threading.Barrier(3), threading.Event()

        def hold():
            with limiter.share("renders", ALICE):
                inside.wait()
                leave.wait()

        threads = [threading.Thread(target=hold) for _ in range(2)]
        for thread in threads:
            thread.start()
        inside.wait()
        with self.assertRaises(limiting.TooManyRequests):
            with limiter.share("renders", ALICE):
                pass
        leave.set()
        for thread in threads:
            thread.join()
        with limiter.share("renders", ALICE):
            pass


class RequestRateTest(unittest.TestCase):
    def test_a_client_starting_requests_too_fast_is_refused_at_the_door(self):
        limiter = limiting.Limiter({}, {"requests": 0}, MemoryStorage(), "3/minute")
        app = limiting.ClientShare(streaming_app, limiter)
        statuses = []

        def call(address):
            body = app(
                {"REMOTE_ADDR": address, "REQUEST_METHOD": "GET"},
                lambda status, headers, exc_info=None: statuses.append(status),
            )
            b"".join(body)
            getattr(body, "close", lambda: None)()

        for _ in range(4):
            call(ALICE)
        call(BOB)
        self.assertEqual(statuses, ["200 OK"] * 3 + ["429 Too Many Requests", "200 OK"])
