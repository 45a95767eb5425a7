"""The wiki's costly work in its workers: each task's deadline, a
request's budget over all its tasks, and the questions tasks ask."""

import os
import time
import unittest

from quickwiki.lib import work
from quickwiki.lib.workers import WorkerTimeout

# The tasks are the standard library's and work.ask: a worker imports them
# at once, where importing this module would take longer than a deadline.


class WorkTest(unittest.TestCase):
    """A pool of one worker, two seconds a task; the application's pool is
    given its bounds back afterwards."""

    def setUp(self):
        self.addCleanup(work.configure, **dict(work._limits))
        work.configure(workers=1, timeout=2)

    def test_a_task_runs_in_a_worker(self):
        self.assertNotEqual(work.run(os.getpid), os.getpid())

    def test_a_task_asks_the_calling_thread(self):
        self.assertEqual(
            work.run(work.ask, "title", answer=lambda question: question.upper()),
            "TITLE",
        )

    def test_asking_outside_a_worker_is_an_error(self):
        with self.assertRaises(RuntimeError):
            work.ask("title")

    def test_a_task_past_its_own_deadline_fails_for_good(self):
        with self.assertRaises(WorkerTimeout) as caught:
            work.run(time.sleep, 60)
        self.assertNotIsInstance(caught.exception, work.BudgetSpent)

    def test_the_budget_cuts_a_task_short(self):
        with work.budget(0.3), self.assertRaises(work.BudgetSpent):
            work.run(time.sleep, 60)

    def test_the_budget_counts_every_task_of_the_block(self):
        work.run(time.sleep, 0)  # a worker started, outside the budget
        with work.budget(0.5):
            work.run(time.sleep, 0.3)
            with self.assertRaises(work.BudgetSpent):
                work.run(time.sleep, 0.3)

    def test_a_spent_budget_runs_nothing(self):
        with work.budget(0), self.assertRaises(work.BudgetSpent) as caught:
            work.run(time.sleep, 0)
        self.assertIn("spent", str(caught.exception))

    def test_an_inner_budget_cannot_outlast_the_outer(self):
        with work.budget(0.3), work.budget(60), self.assertRaises(work.BudgetSpent):
            work.run(time.sleep, 60)

    def test_the_wait_for_a_free_worker_counts_in_the_budget(self):
        work.run(time.sleep, 0)
        worker = work._workers()._idle.get()  # busy with another request
        self.addCleanup(work._workers()._idle.put, worker)
        with work.budget(0.3), self.assertRaises(work.BudgetSpent):
            work.run(time.sleep, 0)

    def test_unknown_limits_are_an_error(self):
        with self.assertRaises(TypeError):
            work.configure(threads=3)
