"""The stage runner of ``scripts/run-tests``: each stage's outcome, read
from its exit status and nose2's output, and the table that ends a run."""

import importlib.util
import os
import tempfile
import threading
import unittest

from quickwiki.tests import CHECKOUT

_spec = importlib.util.spec_from_file_location(
    "run_tests", os.path.join(CHECKOUT, "scripts", "_run_tests.py")
)
run_tests = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(run_tests)


class StageTest(unittest.TestCase):
    def stage(self, *commands):
        """A stage of ``commands``, run: its outcome, detail and log."""
        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        stage = run_tests.Stage(
            "A stage",
            "stage",
            list(commands),
            cwd=directory.name,
            log_directory=directory.name,
        )
        stage.run(dict(os.environ), threading.Event())
        with open(stage.log_path, encoding="utf-8") as log:
            return stage.outcome, stage.detail, log.read()

    def script(self, text, status=0):
        """A command that prints ``text`` and exits with ``status``."""
        with tempfile.NamedTemporaryFile("w", delete=False) as output:
            output.write(text + "\n")
        self.addCleanup(os.unlink, output.name)
        return ["sh", "-c", "cat %s; exit %d" % (output.name, status)]

    def test_a_stage_that_exits_with_success_passed(self):
        outcome, detail, log = self.stage(
            self.script("Ran 12 tests in 1.0s\n\nOK"),
            self.script("Ran 3 tests in 0.1s\n\nOK (skipped=1)"),
        )
        self.assertEqual((outcome, detail), ("passed", "15 tests, 1 skipped"))
        self.assertIn("Ran 12 tests", log)
        self.assertIn("Ran 3 tests", log)

    def test_a_failing_command_fails_the_stage_and_ends_it(self):
        outcome, detail, log = self.stage(
            self.script("Ran 2 tests in 1.0s\n\nFAILED (failures=1)", status=1),
            self.script("not run"),
        )
        self.assertEqual((outcome, detail), ("FAILED", "2 tests"))
        self.assertNotIn("not run", log)

    def test_a_stage_whose_every_test_skipped_says_why(self):
        outcome, detail, _ = self.stage(
            self.script(
                "test_one (t.T.test_one) ... skipped 'Chromium is not installed'\n"
                "Ran 1 test in 0.0s\n\nOK (skipped=1)"
            )
        )
        self.assertEqual((outcome, detail), ("skipped", "Chromium is not installed"))

    def test_the_postgresql_run_skipped_says_why(self):
        outcome, detail, _ = self.stage(
            self.script(
                "Skipped QuickWiki's tests on PostgreSQL: PostgreSQL is not installed"
            )
        )
        self.assertEqual((outcome, detail), ("skipped", "PostgreSQL is not installed"))

    def test_the_table_has_a_line_a_stage_with_the_load(self):
        stages = [
            run_tests.Stage("First", "first", [], outcome="passed", detail="3 tests"),
            run_tests.Stage("Second stage", "second", [], outcome="FAILED"),
        ]
        lines = run_tests.table(stages, 61.4, (1.5, 2.25)).splitlines()
        self.assertIn("61 s in all", lines[0])
        self.assertIn("load average 1.5 at the start, 2.2 at the end", lines[0])
        self.assertEqual(len(lines), 4)
        self.assertTrue(lines[2].startswith("First         passed"))
        self.assertTrue(lines[2].endswith("3 tests"))
        self.assertTrue(lines[3].startswith("Second stage  FAILED"))
