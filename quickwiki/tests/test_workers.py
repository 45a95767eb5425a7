"""The worker pool: results, questions, and the bounds of time and memory."""

import os
import signal
import threading
import time
import unittest
from unittest import mock

from quickwiki.lib.workers import (
    WORKER_NICENESS,
    WorkerBusy,
    WorkerCrashed,
    WorkerError,
    WorkerPool,
    WorkerStartFailed,
    WorkerTimeout,
)

# The functions the workers run: module-level, so that workers import them.


def double(payload, ask):
    return payload * 2


def ask_twice(payload, ask):
    return [ask(payload), ask(payload + 1)]


def sleep_for(seconds, ask):
    time.sleep(seconds)
    return os.getpid()


def exit_now(code, ask):
    os._exit(code)


def allocate(size, ask):
    return len(bytearray(size))


def niceness(payload, ask):
    return os.nice(0)


def fail(message, ask):
    raise ValueError(message)


class SlowToStart:
    """A function that a new worker takes ``seconds`` to unpickle, before it
    is ready: a worker's start-up, as slow as a busy machine makes it.
    """

    def __init__(self, seconds):
        self.seconds = seconds

    def __setstate__(self, state):
        time.sleep(state["seconds"])
        self.__dict__.update(state)

    def __call__(self, payload, ask):
        return os.getpid()


class DiesOnStart:
    """A function whose new worker ends with ``exit_code`` as it unpickles it."""

    def __init__(self, exit_code):
        self.exit_code = exit_code

    def __setstate__(self, state):
        os._exit(state["exit_code"])

    def __call__(self, payload, ask):
        return os.getpid()


def _alive(pid):
    """Whether process ``pid`` has not yet ended (a zombie counts as ended)."""
    try:
        with open("/proc/%d/stat" % pid) as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


class WorkerPoolTest(unittest.TestCase):
    def pool(self, function, **limits):
        pool = WorkerPool(function, **limits)
        self.addCleanup(pool.close)
        return pool

    def test_result_of_the_function(self):
        self.assertEqual(self.pool(double).run(21), 42)

    def test_questions_are_answered_in_the_calling_process(self):
        asked = []

        def answer(question):
            asked.append(question)
            return question * 10

        self.assertEqual(self.pool(ask_twice).run(1, answer), [10, 20])
        self.assertEqual(asked, [1, 2])

    def test_a_worker_past_its_timeout_is_killed_and_replaced(self):
        pool = self.pool(sleep_for, workers=1, timeout=0.5)
        with self.assertRaises(WorkerTimeout):
            pool.run(60)
        first = pool.run(0)
        self.assertEqual(pool.run(0), first, "the replacement is reused")

    def test_the_deadline_does_not_count_the_start_of_a_worker(self):
        pool = self.pool(SlowToStart(2), workers=1, timeout=0.5)
        self.assertNotEqual(pool.run(None), os.getpid())

    def test_a_worker_that_does_not_start_in_time_is_an_error(self):
        pool = self.pool(SlowToStart(2), workers=1, start_timeout=0.5)
        with self.assertRaises(WorkerStartFailed) as caught:
            pool.run(None)
        self.assertIn("not ready after 0.5 seconds", str(caught.exception))

    def test_a_worker_that_dies_as_it_starts_is_reported(self):
        pool = self.pool(DiesOnStart(7), workers=1)
        with self.assertRaises(WorkerCrashed) as caught:
            pool.run(None)
        self.assertIn("ended as it started (exit code 7)", str(caught.exception))

    def test_the_deadline_does_not_count_the_wait_for_a_free_worker(self):
        pool = self.pool(sleep_for, workers=1, timeout=3)
        first = pool.run(0)
        worker = pool._idle.get()  # busy with another call for 1.5 seconds
        threading.Timer(1.5, pool._idle.put, [worker]).start()
        self.assertEqual(pool.run(2), first)

    def test_a_crashed_worker_is_replaced(self):
        pool = self.pool(exit_now, workers=1)
        with self.assertRaises(WorkerCrashed) as caught:
            pool.run(3)
        self.assertIn("exit code 3", str(caught.exception))
        with self.assertRaises(WorkerCrashed):
            pool.run(4)

    def test_a_worker_that_ended_while_idle_is_replaced(self):
        pool = self.pool(sleep_for, workers=1)
        first = pool.run(0)
        os.kill(first, signal.SIGKILL)  # as the OOM killer or an admin would
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and _alive(first):
            time.sleep(0.05)
        self.assertNotIn(pool.run(0), (first, os.getpid()))

    def test_a_worker_that_ended_before_it_was_reaped_is_replaced(self):
        # On a busy machine the fork server reaps a killed worker late, and
        # until then is_alive() still says that it lives.
        pool = self.pool(sleep_for, workers=1)
        first = pool.run(0)
        worker = next(iter(pool._started))
        os.kill(first, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and _alive(first):
            time.sleep(0.05)
        with mock.patch.object(worker, "is_alive", return_value=True):
            self.assertNotIn(pool.run(0), (first, os.getpid()))

    def test_a_closed_pool_starts_new_workers_when_used_again(self):
        pool = self.pool(sleep_for, workers=1)
        first = pool.run(0)
        pool.close()
        self.assertNotIn(pool.run(0), (first, os.getpid()))

    def test_a_check_starts_a_worker_and_runs_no_call(self):
        calls = []
        pool = self.pool(double, workers=1)
        pool.check()
        self.assertEqual(len(pool._started), 1)
        self.assertEqual(pool.run(2, calls.append), 4)
        self.assertEqual(calls, [])

    def hold_calls(self, pool, count):
        """Start ``count`` calls on ``pool`` (of ask_twice), each held busy
        until the function returned releases them, and waits for them."""
        released = threading.Event()

        def answer(question):
            # The worker waits for the answer: busy until the test says.
            released.wait(60)
            return question

        calls = [
            threading.Thread(target=pool.run, args=(1, answer)) for _ in range(count)
        ]
        for call in calls:
            call.start()

        def release():
            released.set()
            for call in calls:
                call.join()

        return release

    def wait_until(self, pool, busy, waiting=0):
        deadline = time.monotonic() + 30
        while (pool.busy, pool.waiting) != (busy, waiting):
            self.assertLess(time.monotonic(), deadline, (pool.busy, pool.waiting))
            time.sleep(0.01)

    def test_a_check_does_not_wait_for_busy_workers(self):
        pool = self.pool(ask_twice, workers=1, timeout=60)
        release = self.hold_calls(pool, 1)
        self.wait_until(pool, busy=1)
        pool.check()
        # Still running: the check took no turn after it.
        self.assertEqual(pool.busy, 1)
        release()

    def test_a_check_fails_when_no_worker_starts(self):
        pool = self.pool(double, workers=1, start_timeout=0)
        with self.assertRaises(WorkerError):
            pool.check()

    def test_calls_and_failures_are_counted_by_reason(self):
        pool = self.pool(double, workers=1)
        with self.assertRaises(WorkerError):
            pool.run(None)
        self.assertEqual(pool.run(2), 4)
        self.assertEqual((pool.calls, dict(pool.failures)), (2, {"error": 1}))

    def test_waiting_and_busy_calls_are_counted(self):
        pool = self.pool(ask_twice, workers=1, timeout=60)
        release = self.hold_calls(pool, 2)
        self.wait_until(pool, busy=1, waiting=1)
        release()
        self.assertEqual((pool.busy, pool.waiting, pool.calls), (0, 0, 2))

    def test_memory_beyond_the_limit_fails_in_the_worker(self):
        pool = self.pool(allocate, workers=1, memory_limit=512 * 2**20)
        with self.assertRaises(WorkerError) as caught:
            pool.run(2**30)
        self.assertIn("more memory", str(caught.exception))
        self.assertEqual(pool.run(2**20), 2**20)

    def test_an_exception_of_the_function_is_reported(self):
        pool = self.pool(fail, workers=1)
        with self.assertRaises(WorkerError) as caught:
            pool.run("bad input")
        self.assertEqual(str(caught.exception), "ValueError: bad input")

    def test_an_exception_while_answering_replaces_the_worker(self):
        pool = self.pool(ask_twice, workers=1)

        def answer(question):
            raise KeyError(question)

        with self.assertRaises(KeyError):
            pool.run(1, answer)
        self.assertEqual(pool.run(1, lambda question: question), [1, 2])

    def test_no_free_worker_until_the_timeout(self):
        pool = self.pool(sleep_for, workers=1, timeout=0.5)
        pool._idle.get()  # the only worker, taken by another call
        with self.assertRaises(WorkerBusy):
            pool.run(0)

    def test_at_least_one_worker(self):
        with self.assertRaises(ValueError):
            WorkerPool(double, workers=0)

    def test_a_call_may_have_a_shorter_timeout_than_the_pool(self):
        pool = self.pool(sleep_for, workers=1, timeout=60)
        pool.run(0)
        with self.assertRaises(WorkerTimeout) as caught:
            pool.run(60, timeout=0.3)
        self.assertIn("after 0.3 seconds", str(caught.exception))

    def test_workers_run_below_the_servers_priority(self):
        pool = self.pool(niceness, workers=1)
        self.assertEqual(pool.run(None), os.nice(0) + WORKER_NICENESS)
