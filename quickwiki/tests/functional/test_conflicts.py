"""Two people editing one page: no save is lost.

Each test opens the edit form in two sessions (two cookie jars, as two
browsers), saves one, then the other.
"""

import threading
from unittest import mock

from sqlalchemy import event
from webtest import TestApp

import pylons.test

from quickwiki.lib import diffs, work
from quickwiki.lib.workers import WorkerTimeout
from quickwiki.model import meta
from quickwiki.tests import (
    ADMIN,
    CommittingTestController,
    TestController,
    delete_pages,
    flashes,
    log_in,
    store_page,
    stored_history,
    url,
)

LINES = "".join("Line %d.\n" % number for number in range(1, 9))


def history_texts(title):
    """The texts of page ``title``'s revisions, oldest first."""
    return [revision.content for revision in stored_history(title)]


class TwoEditorsTest(TestController):
    def setUp(self):
        super().setUp()
        store_page("SharedPage", LINES)
        self.other = TestApp(pylons.test.pylonsapp)

    def test_changes_to_the_same_line_conflict(self):
        mine = self.edit_form("SharedPage")
        theirs = self.edit_form("SharedPage", app=self.other)
        theirs["content"] = LINES.replace("Line 4.", "Line four, theirs.")
        theirs.submit(status=302)
        my_text = LINES.replace("Line 4.", "Line 4, <b>mine</b> & more.")
        mine["content"] = my_text
        mine["summary"] = "My summary."
        response = mine.submit(status=409)
        self.assertEqual(response.html.h1.get_text(), "Editing SharedPage")
        conflict = " ".join(
            response.html.select_one("section.conflict p").get_text().split()
        )
        self.assertIn(
            "Nothing was saved: while you were editing, anonymous saved revision 2",
            conflict,
        )
        other_change = response.html.select_one("section.conflict table.diff")
        self.assertEqual(
            [row.get_text() for row in other_change.select("del")], ["Line 4."]
        )
        self.assertEqual(
            [row.get_text() for row in other_change.select("ins")],
            ["Line four, theirs."],
        )
        form = response.forms[0]
        self.assertEqual(form["content"].value, my_text)
        self.assertEqual(form["summary"].value, "My summary.")
        self.assertEqual(form["base"].value, "2")
        self.assertEqual(
            history_texts("SharedPage"),
            [LINES, LINES.replace("Line 4.", "Line four, theirs.")],
        )

    def test_saving_again_after_a_conflict_saves(self):
        mine = self.edit_form("SharedPage")
        theirs = self.edit_form("SharedPage", app=self.other)
        theirs["content"] = "Theirs."
        theirs.submit(status=302)
        mine["content"] = "Mine."
        form = mine.submit(status=409).forms[0]
        form["content"] = "Mine, having read theirs."
        form.submit(status=302)
        self.assertEqual(
            history_texts("SharedPage"), [LINES, "Theirs.", "Mine, having read theirs."]
        )

    def test_changes_to_other_lines_are_merged(self):
        mine = self.edit_form("SharedPage")
        theirs = self.edit_form("SharedPage", app=self.other)
        theirs["content"] = LINES.replace("Line 2.", "Line two, theirs.")
        theirs.submit(status=302)
        mine["content"] = LINES.replace("Line 7.", "Line seven, mine.")
        response = mine.submit(status=302)
        merged = LINES.replace("Line 2.", "Line two, theirs.").replace(
            "Line 7.", "Line seven, mine."
        )
        self.assertEqual(history_texts("SharedPage")[-1], merged)
        self.assertEqual(
            flashes(response.follow()),
            [
                "Saved revision 3 of SharedPage.",
                "Revision 2 was saved by anonymous while you were editing. Your "
                "changes touched other lines, so they were merged with it.",
            ],
        )

    def test_the_same_change_made_twice_is_saved_once(self):
        mine = self.edit_form("SharedPage")
        theirs = self.edit_form("SharedPage", app=self.other)
        changed = LINES.replace("Line 2.", "Line two.")
        theirs["content"] = changed
        theirs.submit(status=302)
        mine["content"] = changed
        page = mine.submit(status=302).follow()
        self.assertEqual(
            flashes(page),
            ["Nothing saved: your text is that of revision 2 of SharedPage already."],
        )
        self.assertEqual(len(history_texts("SharedPage")), 2)

    def test_two_creators_of_one_page_conflict(self):
        mine = self.edit_form("NewPage")
        theirs = self.edit_form("NewPage", app=self.other)
        theirs["content"] = "Theirs."
        theirs.submit(status=302)
        mine["content"] = "Mine."
        response = mine.submit(status=409)
        self.assertEqual(response.forms[0]["content"].value, "Mine.")
        self.assertEqual(response.forms[0]["base"].value, "1")
        self.assertEqual(history_texts("NewPage"), ["Theirs."])

    def test_a_page_deleted_while_editing_is_a_conflict(self):
        mine = self.edit_form("SharedPage")
        log_in(self.other, ADMIN)
        delete_pages(self.other, ["SharedPage"])
        mine["content"] = LINES + "More.\n"
        response = mine.submit(status=409)
        conflict = " ".join(
            response.html.select_one("section.conflict").get_text().split()
        )
        self.assertIn(
            "while you were editing, SharedPage was deleted by %s" % ADMIN.name,
            conflict,
        )
        self.assertIsNone(response.html.select_one("section.conflict table"))
        form = response.forms[0]
        self.assertEqual(form["base"].value, "2")
        form.submit(status=302)
        self.assertEqual(history_texts("SharedPage"), [LINES, "", LINES + "More.\n"])

    def test_a_page_saved_while_being_deleted_is_not_lost(self):
        log_in(self.app, ADMIN)
        confirmation = self.app.get(url("delete_pages", title="SharedPage")).forms[0]
        theirs = self.edit_form("SharedPage", app=self.other)
        theirs["content"] = "Saved before the deletion."
        theirs.submit(status=302)
        confirmation.submit(status=302)
        self.assertEqual(
            history_texts("SharedPage"), [LINES, "Saved before the deletion.", ""]
        )


class OvertakenTest(CommittingTestController):
    """A save whose compare-and-set finds that another writer got there
    first, between its reading the page and its writing: it reads again,
    merges and saves.  The other writer is another thread, with its own
    connection: this test commits.
    """

    def test_an_overtaken_save_merges_and_saves(self):
        store_page("SharedPage", LINES)
        form = self.edit_form(
            "SharedPage", LINES.replace("Line 7.", "Line seven, mine.")
        )
        engine = meta.Session.get_bind()
        overtaken = []

        def save_first(connection, cursor, statement, parameters, context, many):
            if statement.startswith("UPDATE pages") and not overtaken:
                overtaken.append(True)
                # Another writer, in another thread and transaction.
                writer = threading.Thread(
                    target=store_page,
                    args=("SharedPage", LINES.replace("Line 2.", "Line two, theirs.")),
                )
                writer.start()
                writer.join()

        event.listen(engine, "before_cursor_execute", save_first)
        self.addCleanup(event.remove, engine, "before_cursor_execute", save_first)
        page = form.submit(status=302).follow()
        self.assertEqual(overtaken, [True])
        self.assertEqual(
            history_texts("SharedPage"),
            [
                LINES,
                LINES.replace("Line 2.", "Line two, theirs."),
                LINES.replace("Line 2.", "Line two, theirs.").replace(
                    "Line 7.", "Line seven, mine."
                ),
            ],
        )
        self.assertIn("Saved revision 3 of SharedPage.", flashes(page))


class MergeTest(TestController):
    """The three-way merge itself, line by line."""

    def test_changes_to_lines_apart_merge(self):
        self.assertEqual(
            diffs.merge("a\nb\nc\n", "A\nb\nc\n", "a\nb\nC\n"), "A\nb\nC\n"
        )

    def test_additions_at_both_ends_merge(self):
        self.assertEqual(
            diffs.merge("a\nb\nc\n", "top\na\nb\nc\n", "a\nb\nc\nend\n"),
            "top\na\nb\nc\nend\n",
        )

    def test_changes_to_the_same_line_conflict(self):
        self.assertIsNone(diffs.merge("a\nb\nc\n", "a\nB\nc\n", "a\nb!\nc\n"))

    def test_changes_to_neighbouring_lines_conflict(self):
        self.assertIsNone(diffs.merge("a\nb\nc\n", "A\nb\nc\n", "a\nB\nc\n"))

    def test_identical_changes_merge_into_one(self):
        self.assertEqual(diffs.merge("a\nb\n", "a\nB\n", "a\nB\n"), "a\nB\n")

    def test_two_new_texts_conflict(self):
        self.assertIsNone(diffs.merge("", "theirs\n", "mine\n"))


def failing(failed_function, error):
    """``work.run``, but for ``failed_function``, which fails with ``error``."""
    run = work.run

    def run_or_fail(function, *args, **kwargs):
        if function is failed_function:
            raise error
        return run(function, *args, **kwargs)

    return mock.patch.object(work, "run", side_effect=run_or_fail)


class UnfinishedMergeTest(TestController):
    """A merge or a comparison the workers could not finish in time is a
    conflict, told as such, and the author's text is kept."""

    def setUp(self):
        super().setUp()
        store_page("SharedPage", LINES)
        self.mine = self.edit_form("SharedPage")
        store_page("SharedPage", LINES.replace("Line 2.", "Line two, theirs."))
        self.my_text = LINES.replace("Line 7.", "Line seven, mine.")
        self.mine["content"] = self.my_text

    def test_a_merge_past_its_deadline_is_a_conflict_keeping_the_text(self):
        with failing(diffs.merge, WorkerTimeout("still running after 10 seconds")):
            response = self.mine.submit(status=409)
        conflict = " ".join(
            response.html.select_one("section.conflict p").get_text().split()
        )
        self.assertIn(
            "could not be merged with your text (still running after 10 seconds)",
            conflict,
        )
        self.assertIsNotNone(response.html.select_one("section.conflict table.diff"))
        self.assertEqual(response.forms[0]["content"].value, self.my_text)
        self.assertEqual(len(stored_history("SharedPage")), 2)

    def test_a_comparison_not_done_in_time_is_told(self):
        with (
            failing(diffs.merge, work.BudgetSpent("the request's time ran out")),
            failing(diffs.compare, work.BudgetSpent("the request's time ran out")),
        ):
            response = self.mine.submit(status=409)
        told = response.html.select_one("section.conflict .comparison-failed")
        self.assertIn("the request's time ran out", told.get_text())
        self.assertEqual(response.forms[0]["content"].value, self.my_text)
