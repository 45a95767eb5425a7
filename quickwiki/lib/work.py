"""The wiki's costly work, run in worker processes within a request's budget.

Rendering a text, comparing two revisions and merging three texts each
take time that grows with what an author wrote, faster than its size for
some shapes of text.  All of it runs in one pool of worker processes
(:mod:`quickwiki.lib.workers`), where a deadline can stop it:

- each call has at most ``timeout`` seconds (``quickwiki.render_timeout``);
- a request's calls together have at most its :func:`budget`
  (``quickwiki.work_budget`` seconds), the wait for a free worker
  included, so that no request holds a server thread for longer.

A call cut short by the budget, not by its own deadline, raises
:class:`BudgetSpent`: that says nothing of the input, which may well be
done in time by the next request, so it is never remembered as the
input's failure.  Any other :class:`~quickwiki.lib.workers.WorkerError`
(past its deadline, out of memory) would happen again.

A task is a module-level function and its arguments, run as
``function(*args)`` in a worker; :func:`ask` sends a question back to
the calling thread from inside it.
"""

import contextlib
import contextvars
import time

from quickwiki.lib.workers import WorkerBusy, WorkerError, WorkerPool, WorkerTimeout

__all__ = [
    "DEFAULT_LIMITS",
    "BudgetSpent",
    "ask",
    "budget",
    "configure",
    "run",
    "worker_pool",
]

#: The pool's bounds, unless :func:`configure` sets others.
DEFAULT_LIMITS = {
    "workers": 2,
    "timeout": 10.0,
    "memory_limit": 512 * 2**20,
}
#: The modules whose functions are tasks, imported by each worker as it
#: starts rather than by its first task.
PRELOAD = ["quickwiki.lib.wikitext", "quickwiki.lib.diffs"]

_limits = dict(DEFAULT_LIMITS)
_pool = None
#: When the current request's work must be done (time.monotonic()).
_deadline = contextvars.ContextVar("quickwiki_work_deadline", default=None)
#: In a worker, while a task runs: how it asks the calling thread.
_asking = None


class BudgetSpent(WorkerError):
    """The request's budget ran out before the task was done."""


def configure(**limits):
    """Set the pool's bounds; the running workers are replaced.

    ``workers`` processes work at once, each for at most ``timeout``
    seconds a task and ``memory_limit`` bytes of address space (None: no
    limit).  Those not given take their :data:`DEFAULT_LIMITS`.
    """
    global _pool
    unknown = set(limits) - set(DEFAULT_LIMITS)
    if unknown:
        raise TypeError("Unknown work limits: %s" % ", ".join(sorted(unknown)))
    _limits.update(DEFAULT_LIMITS, **limits)
    if _pool is not None:
        _pool.close()
        _pool = None


def _workers():
    global _pool
    if _pool is None:
        _pool = WorkerPool(
            _perform,
            workers=_limits["workers"],
            timeout=_limits["timeout"],
            memory_limit=_limits["memory_limit"],
            preload=PRELOAD,
        )
    return _pool


@contextlib.contextmanager
def budget(seconds):
    """Give the work of the ``with`` block at most ``seconds`` in all
    (within an enclosing budget, the earlier end holds)."""
    deadline = time.monotonic() + seconds
    enclosing = _deadline.get()
    if enclosing is not None:
        deadline = min(deadline, enclosing)
    token = _deadline.set(deadline)
    try:
        yield
    finally:
        _deadline.reset(token)


def run(function, *args, answer=None):
    """``function(*args)``'s result, from a worker, within the budget.

    ``answer(question)`` answers what the task :func:`ask`\\ s.  Raises
    :class:`BudgetSpent` when the budget ran out first, or the
    :class:`~quickwiki.lib.workers.WorkerError` that kept the task from
    a result.
    """
    timeout = _limits["timeout"]
    deadline = _deadline.get()
    left = timeout if deadline is None else deadline - time.monotonic()
    if left <= 0:
        raise BudgetSpent("the request's time for such work is spent")
    try:
        return _workers().run((function, args), answer, timeout=min(timeout, left))
    except (WorkerBusy, WorkerTimeout) as exc:
        if left < timeout:
            raise BudgetSpent(
                "the request's time for such work ran out (%s)" % exc
            ) from exc
        raise


def worker_pool():
    """The :class:`~quickwiki.lib.workers.WorkerPool` that does the work,
    for the health check and the metrics (its workers start when first
    needed)."""
    return _workers()


def ask(question):
    """In a task: ``answer(question)``, from the thread that ran it."""
    if _asking is None:
        raise RuntimeError("ask() is for tasks running in a worker")
    return _asking(question)


def _perform(task, asking):
    """A worker's part: run ``task``, ``(function, args)``, letting it ask."""
    global _asking
    function, args = task
    _asking = asking
    try:
        return function(*args)
    finally:
        _asking = None
