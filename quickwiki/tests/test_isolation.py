"""The test base classes: rolled-back tests leave no trace, committing ones commit.

Each test here runs a small test case of its own through unittest and then
looks at the database as the next test would find it.
"""

import unittest

from sqlalchemy import event, select

from quickwiki.model import Page, meta
from quickwiki.tests import (
    FRONT_PAGE_CONTENT,
    CommittingTestController,
    TestController,
    store_page,
    stored_content,
    stored_titles,
)


def run_test(case):
    """Run the one test of ``case``; fail with its report unless it passes."""
    result = unittest.TestResult()
    case.run(result)
    problems = result.errors + result.failures
    if problems:
        raise AssertionError("the inner test failed:\n" + problems[0][1])


def committed_titles(engine):
    """The titles that a connection of its own sees: the committed ones."""
    with engine.connect() as connection:
        return list(connection.scalars(select(Page.title).order_by(Page.title)))


class RolledBackTest(unittest.TestCase):
    database = True

    def test_writes_are_seen_in_the_test_and_gone_after_it(self):
        class Writer(TestController):
            def runTest(self):
                self.assertEqual(self.save("NewPage", "Text.").status_int, 302)
                store_page("OtherPage", "Other.")
                self.assertEqual(stored_content("NewPage"), "Text.")
                self.assertEqual(stored_titles(), ["FrontPage", "NewPage", "OtherPage"])

        run_test(Writer())
        self.assertEqual(stored_titles(), ["FrontPage"])

    def test_nothing_is_committed_during_the_test(self):
        class Writer(TestController):
            def runTest(self):
                engine = meta.Session.get_bind().engine
                self.save("NewPage", "Text.")
                self.assertEqual(committed_titles(engine), ["FrontPage"])

        run_test(Writer())

    def test_a_failed_request_rolls_back_only_its_own_savepoint(self):
        def fail(connection, cursor, statement, parameters, context, many):
            if statement.startswith("UPDATE pages"):
                raise RuntimeError("simulated database failure")

        class FailingSave(TestController):
            def runTest(self):
                store_page("EarlierPage", "Earlier.")
                connection = meta.Session.get_bind()
                event.listen(connection, "before_cursor_execute", fail)
                self.addCleanup(event.remove, connection, "before_cursor_execute", fail)
                # As served: the error middleware answers 500 rather than
                # letting the exception through to WebTest.
                self.save(
                    "FrontPage",
                    "Changed.",
                    status=500,
                    expect_errors=True,
                    extra_environ={"paste.throw_errors": False},
                )
                self.assertEqual(stored_titles(), ["EarlierPage", "FrontPage"])
                self.assertEqual(
                    stored_content("FrontPage"),
                    FRONT_PAGE_CONTENT,
                )

        run_test(FailingSave())


class CommittingTest(unittest.TestCase):
    database = True

    def test_writes_are_committed(self):
        class Writer(CommittingTestController):
            def runTest(self):
                self.save("NewPage", "Text.")
                self.assertEqual(
                    committed_titles(meta.Session.get_bind()), ["FrontPage", "NewPage"]
                )

        run_test(Writer())

    def test_the_next_rolled_back_test_starts_afresh(self):
        class Writer(CommittingTestController):
            def runTest(self):
                store_page("LeftPage", "Left behind.")

        class Reader(TestController):
            def runTest(self):
                self.assertEqual(stored_titles(), ["FrontPage"])

        run_test(Writer())
        run_test(Reader())

    def test_each_starts_from_setup_apps_database(self):
        class Writer(CommittingTestController):
            def runTest(self):
                self.assertEqual(stored_titles(), ["FrontPage"])
                store_page("LeftPage", "Left behind.")

        run_test(Writer())
        run_test(Writer())
