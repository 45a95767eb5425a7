"""Saves, creations and deletions of one page racing each other, from
real threads, each a browser session, through the whole application and
real commits: none gets a 5xx, and every save or deletion the application
acknowledged is in the page's history.
"""

import re
import threading

from webtest import TestApp

import pylons.test

from quickwiki.model import meta
from quickwiki.tests import (
    ADMIN,
    CommittingTestController,
    flashes,
    log_in,
    store_page,
    url,
)
from quickwiki.tests import (
    stored_history as history,
)

#: Browser sessions racing in each test.
RACERS = 12
LINES = "".join("Line %d.\n" % number for number in range(1, 2 * RACERS + 1))


class Racer:
    """A browser session that opens a form, then waits for the start: a
    visitor of its own, from the address ``address``, as the wiki's
    limits of one visitor would refuse a dozen racing saves."""

    def __init__(self, start, address):
        self.app = TestApp(
            pylons.test.pylonsapp, extra_environ={"REMOTE_ADDR": address}
        )
        self.start = start
        self.response = None

    def race(self, form, button=None):
        """Submit ``form`` when every racer is ready: in a thread."""

        def run():
            try:
                self.start.wait()
                self.response = form.submit(button, expect_errors=True)
            finally:
                meta.Session.remove()

        thread = threading.Thread(target=run)
        thread.start()
        return thread

    def acknowledged(self, pattern):
        """The revision number the flash after the redirect gives, if any."""
        if self.response.status_int != 302:
            return None
        # The page may have been deleted since: its 404 shows the flash too.
        for message in flashes(self.response.follow(status="*")):
            found = re.match(pattern, message)
            if found:
                return int(found.group(1))
        return None


class RaceTest(CommittingTestController):
    """Racers in threads of their own, each with its own connection: these
    tests commit."""

    def racers(self, count=RACERS):
        start = threading.Barrier(count)
        # Addresses of TEST-NET-1, kept for documentation and tests.
        return [Racer(start, "192.0.2.%d" % number) for number in range(1, count + 1)]

    def run_race(self, entries):
        """Start ``(racer, form, button)`` entries together; wait for all."""
        for thread in [racer.race(form, button) for racer, form, button in entries]:
            thread.join(timeout=120)
            self.assertFalse(thread.is_alive(), "a save never finished")
        statuses = [racer.response.status_int for racer, _, _ in entries]
        self.assertFalse([status for status in statuses if status >= 500], statuses)
        return statuses

    def test_racing_creations_make_one_page_and_conflicts(self):
        racers = self.racers()
        entries = []
        for number, racer in enumerate(racers):
            form = self.edit_form("RacePage", app=racer.app)
            form["content"] = "Written by racer %d.\n" % number
            entries.append((racer, form, None))
        statuses = self.run_race(entries)
        self.assertEqual(sorted(statuses), [302] + [409] * (RACERS - 1))
        winner = statuses.index(302)
        self.assertEqual(
            [r.content for r in history("RacePage")],
            ["Written by racer %d.\n" % winner],
        )
        for racer, form, _ in entries:
            if racer.response.status_int == 409:
                kept = racer.response.forms[0]["content"].value
                self.assertEqual(kept, form["content"].value)

    def test_racing_saves_of_other_lines_are_all_kept(self):
        store_page("RacePage", LINES)
        racers = self.racers()
        entries = []
        for number, racer in enumerate(racers):
            form = self.edit_form("RacePage", app=racer.app)
            line = 2 * number + 1
            form["content"] = LINES.replace(
                "Line %d." % line, "Line %d, racer %d." % (line, number)
            )
            entries.append((racer, form, None))
        statuses = self.run_race(entries)
        self.assertEqual(set(statuses) - {302, 409}, set())
        saved = history("RacePage")
        self.assertEqual([r.number for r in saved], list(range(1, len(saved) + 1)))
        acknowledged = {}
        for number, (racer, _, _) in enumerate(entries):
            revision = racer.acknowledged(r"Saved revision (\d+) of RacePage\.")
            if racer.response.status_int == 302:
                self.assertIsNotNone(revision)
                acknowledged[number] = revision
        self.assertGreater(len(acknowledged), 0)
        for number, revision in acknowledged.items():
            line = 2 * number + 1
            # The racer's change is in the revision it was told of, and
            # stays in every later one: no save undid another.
            for later in saved[revision - 1 :]:
                self.assertIn("Line %d, racer %d." % (line, number), later.content)
        self.assertEqual(len(saved), 1 + len(acknowledged))

    def test_racing_saves_and_deletions_keep_every_acknowledged_one(self):
        store_page("RacePage", LINES)
        racers = self.racers()
        entries = []
        for number, racer in enumerate(racers):
            if number % 3 == 0:
                log_in(racer.app, ADMIN)
                form = racer.app.get(url("delete_pages", title="RacePage")).forms[0]
            else:
                form = self.edit_form("RacePage", app=racer.app)
                form["content"] = "Written by racer %d.\n" % number
            entries.append((racer, form, None))
        self.run_race(entries)
        saved = history("RacePage")
        self.assertEqual([r.number for r in saved], list(range(1, len(saved) + 1)))
        for number, (racer, _, _) in enumerate(entries):
            if number % 3 == 0:
                revision = racer.acknowledged(r"Deleted RacePage \(revision (\d+)\)")
                if revision is not None:
                    self.assertTrue(saved[revision - 1].deleted)
            else:
                revision = racer.acknowledged(r"Saved revision (\d+) of RacePage\.")
                if revision is not None:
                    self.assertEqual(
                        saved[revision - 1].content, "Written by racer %d.\n" % number
                    )
