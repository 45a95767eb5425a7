"""A small pool of worker processes that run one function under a bound.

Rendering a page's text runs docutils on whatever an author wrote: some
texts take minutes or gigabytes.  A thread cannot be stopped, so the work
runs in a separate process that can: each call gets a deadline, and a
worker still busy at the deadline is killed and replaced.  Each worker's
address space is limited (``RLIMIT_AS``, where the platform has it), so a
text that wants too much memory fails in its worker, not in the server;
and it runs at a lower priority than the server (``nice``), so that the
server's quick answers are not kept waiting for a core by slow work.

The deadline counts the function's run alone.  Waiting for a free worker
is bounded by the same number of seconds, and a worker's start-up (a new
process importing the function's module: a second or more on a busy
machine, more for the first, which starts the fork server) by a bound of
its own, so that neither a queue nor a slow start gets a worker killed
for a function that had not yet run for its time.

The function runs as ``function(payload, ask)``; ``ask(question)`` sends a
question back to the calling thread, which answers with the ``answer``
callable given to :meth:`WorkerPool.run` (the wiki uses it to look up in
the database which of a page's WikiWords have a page, in the server
process, where the database connection lives).  :meth:`WorkerPool.check`
tells a health check whether the pool runs calls, without running one.
"""

import collections
import importlib
import logging
import multiprocessing
import os
import queue
import threading
import time

try:
    import resource
except ImportError:  # not on Windows: workers run without a memory limit
    resource = None

__all__ = [
    "WorkerBusy",
    "WorkerCrashed",
    "WorkerError",
    "WorkerPool",
    "WorkerStartFailed",
    "WorkerTimeout",
]

log = logging.getLogger(__name__)

#: How much lower than the server's the workers' scheduling priority is.
WORKER_NICENESS = 10


class WorkerError(Exception):
    """The function did not return a result; the message says why."""

    #: The name :attr:`WorkerPool.failures` counts it by.
    reason = "error"


class WorkerTimeout(WorkerError):
    """The function was still running at the deadline: its worker was killed."""

    reason = "timeout"


class WorkerCrashed(WorkerError):
    """The worker process died (out of memory, or a crash of the interpreter)."""

    reason = "crashed"


class WorkerBusy(WorkerError):
    """Every worker stayed busy with other calls for the timeout."""

    reason = "busy"


class WorkerStartFailed(WorkerError):
    """A new worker process was not ready within the start-up bound."""

    reason = "start_failed"


def _context():
    # Forking a threaded server process could copy locks held by other
    # threads; a fork server forks from a clean, single-threaded process.
    if "forkserver" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


class WorkerPool:
    """Up to ``workers`` processes running ``function``, ``timeout`` seconds a call.

    ``function`` must be picklable, as a module-level function is: each
    worker unpickles it, importing its module, as it starts, and imports
    the modules named in ``preload`` (which the fork server, where there
    is one, imports once for all of them), so that no call waits for an
    import.  ``memory_limit`` is each worker's address-space limit in bytes (None:
    no limit).  Workers are started when first needed, each given
    ``start_timeout`` seconds to be ready; :meth:`close` stops them.
    """

    def __init__(
        self,
        function,
        workers=2,
        timeout=10.0,
        memory_limit=None,
        preload=(),
        start_timeout=30.0,
    ):
        if workers < 1:
            raise ValueError("A worker pool needs at least one worker")
        self.workers = workers
        self.function = function
        self.preload = list(preload)
        self.timeout = timeout
        self.start_timeout = start_timeout
        self.memory_limit = memory_limit
        self._context = _context()
        if self._context.get_start_method() == "forkserver":
            self._context.set_forkserver_preload(self.preload)
        self._idle = queue.LifoQueue()
        for _ in range(workers):
            self._idle.put(None)  # a worker yet to be started
        self._lock = threading.Lock()
        self._started = set()
        #: Calls waiting for a free worker now; calls ended since the pool
        #: was made, and those that raised, by the :attr:`WorkerError.reason`
        #: of their error (for metrics).
        self.waiting = 0
        self.calls = 0
        self.failures = collections.Counter()

    @property
    def busy(self):
        """How many workers are running a call now."""
        return self.workers - self._idle.qsize()

    def run(self, payload, answer=None, timeout=None):
        """``function(payload, ask)``'s result, from a worker process.

        Raises a :class:`WorkerError` when there is none: no worker was
        free within the timeout, a new one did not start, or the function
        ran past the timeout (``timeout``, or else the pool's).  Whatever
        ``answer`` raises while answering a question is raised here, after
        the worker that asked has been replaced.
        """
        if timeout is None:
            timeout = self.timeout
        with self._lock:
            self.waiting += 1
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            busy = WorkerBusy("every worker stayed busy for %g seconds" % timeout)
            self._ended(busy)
            raise busy from None
        finally:
            with self._lock:
                self.waiting -= 1
        error = None
        try:
            return self._run_on(worker, payload, answer, timeout)
        except WorkerError as failed:
            error = failed
            raise
        finally:
            self._ended(error)

    def _ended(self, error):
        """Count a call that ended, raising ``error`` (None: returning)."""
        with self._lock:
            self.calls += 1
            if error is not None:
                self.failures[error.reason] += 1

    def check(self):
        """Raise a :class:`WorkerError` unless the pool runs calls, for a
        health check: an idle worker must answer (one is started if none
        has been yet); when every worker is busy, they are working.

        It never waits for a busy worker: its own time is a round trip to
        an idle one, or a worker's start when none has started yet.
        """
        try:
            worker = self._idle.get_nowait()
        except queue.Empty:
            return
        self._run_on(worker, _PING, None, self.timeout)

    def _run_on(self, worker, payload, answer, timeout):
        """Run the call on ``worker``, taken from the idle ones (None: one
        to start), for at most ``timeout`` seconds, and give it back, or a
        place for a new one."""
        try:
            if worker is not None and not _idle_and_alive(worker):
                # Stopped by close(), or killed while idle (say by the OOM
                # killer): not this call's failure, so a new worker takes it.
                self._stop_worker(worker)
                worker = None
            if worker is None:
                worker = self._start_worker()
                self._wait_until_ready(worker)
            result = self._exchange(worker, payload, answer, timeout)
        except BaseException:
            self._stop_worker(worker)
            self._idle.put(None)
            raise
        self._idle.put(worker)
        return result

    def close(self):
        """Stop every worker; the pool starts new ones if it is used again."""
        with self._lock:
            workers = list(self._started)
        for worker in workers:
            self._stop_worker(worker)

    def _exchange(self, worker, payload, answer, timeout):
        """Send ``payload`` and answer the worker's questions until its
        result, for at most ``timeout`` seconds."""
        connection = worker.connection
        try:
            connection.send(payload)
            deadline = time.monotonic() + timeout
            while True:
                if not connection.poll(max(0.0, deadline - time.monotonic())):
                    raise WorkerTimeout("still running after %g seconds" % timeout)
                kind, value = connection.recv()
                if kind == "result":
                    return value
                if kind == "error":
                    raise WorkerError(value)
                connection.send(answer(value))
        except (EOFError, ConnectionError) as exc:
            raise WorkerCrashed(
                "the worker process ended (exit code %s)" % _exit_code(worker)
            ) from exc

    def _start_worker(self):
        parent_end, child_end = self._context.Pipe()
        worker = self._context.Process(
            target=_serve,
            args=(child_end, self.function, self.memory_limit, self.preload),
            daemon=True,
            name="quickwiki-worker",
        )
        worker.start()
        child_end.close()
        worker.connection = parent_end
        with self._lock:
            self._started.add(worker)
        return worker

    def _wait_until_ready(self, worker):
        """Wait for a new worker's word that it is ready for payloads."""
        try:
            if not worker.connection.poll(self.start_timeout):
                raise WorkerStartFailed(
                    "the worker process was not ready "
                    "after %g seconds" % self.start_timeout
                )
            worker.connection.recv()
        except (EOFError, ConnectionError) as exc:
            raise WorkerCrashed(
                "the worker process ended as it started "
                "(exit code %s)" % _exit_code(worker)
            ) from exc

    def _stop_worker(self, worker):
        with self._lock:
            if worker not in self._started:  # None, or stopped already
                return
            self._started.discard(worker)
        worker.kill()
        worker.join()
        worker.connection.close()
        log.info("Stopped worker %s (exit code %s)", worker.pid, worker.exitcode)


class _Ping:
    """The payload a worker answers itself, not running the function."""


_PING = _Ping()


def _idle_and_alive(worker):
    """Whether an idle worker is still there to take a call.

    An idle worker sends nothing: if its end of the pipe reads, it closed
    it by ending, which shows there at once, while ``is_alive`` knows only
    once the process that started it has reaped it (later, on a busy
    machine).
    """
    return worker.is_alive() and not worker.connection.poll()


def _exit_code(worker):
    worker.join(1)
    return worker.exitcode


def _serve(connection, function, memory_limit, preload):
    """A worker's loop: run ``function`` on each payload the pool sends."""
    for module in preload:
        importlib.import_module(module)
    if hasattr(os, "nice"):
        # Below the server's threads: a page view, a few milliseconds of
        # work, goes before a rendering that may take seconds.
        os.nice(WORKER_NICENESS)
    if memory_limit and resource is not None:
        resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))

    def ask(question):
        connection.send(("ask", question))
        return connection.recv()

    # Started: the modules are imported, and the limit is set.
    connection.send(("ready", None))
    while True:
        try:
            payload = connection.recv()
        except EOFError:
            return
        if isinstance(payload, _Ping):
            connection.send(("result", None))
            continue
        try:
            reply = ("result", function(payload, ask))
        except MemoryError:
            reply = ("error", "it needed more memory than a worker may use")
        except Exception as exc:  # the worker lives on for the next call
            reply = ("error", "%s: %s" % (type(exc).__name__, exc))
        connection.send(reply)
