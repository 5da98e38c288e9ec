"""Run tasks in worker processes, and stop them cleanly when the run is interrupted.

`ProcessPoolExecutor` alone does not stop on Ctrl-C: leaving its `with` block
waits for every queued task. And a worker must never die in the middle of a
message on the pool's pipes (sending a result, or reading its next task):
the half message left behind hangs or crashes whoever reads next. So:

- workers ignore SIGINT (a terminal sends Ctrl-C to the whole process group;
  the parent decides) and take SIGTERM as "stop": inside a task it raises
  `_Stopped` once any write in progress is complete (`write.deferred`), which
  goes back as the task's result; outside a task it only marks the worker
  stopped, and the pool's own shutdown message then ends it;
- on any exception in the parent (KeyboardInterrupt, SIGTERM, a dead worker)
  `_stop` cancels what is queued, SIGTERMs the workers and waits for them;
- a worker whose parent disappears (SIGKILL) removes its temporary file and exits.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from types import FrameType
from typing import Any

from .allocator import reuse_freed_blocks
from .write import cleanup, critical, deferred, forget_inherited_critical

_INTERRUPTS = {signal.SIGINT, signal.SIGTERM}
STOP_GRACE = 10.0  # seconds workers get to stop after SIGTERM before they are killed


class WorkerDied(Exception):
    """A worker process died or was stopped from outside; the run was stopped."""

    def __init__(self, exitcode: int | None) -> None:
        how = f"signal {-exitcode}" if exitcode is not None and exitcode < 0 else exitcode
        super().__init__(f"a worker process stopped unexpectedly ({how}); run stopped")
        self.exitcode = exitcode


class _Stopped(BaseException):
    """Raised inside a worker's task when the worker is told to stop. A BaseException,
    like KeyboardInterrupt: no `except Exception` on the way may swallow it."""


# --- in the worker -------------------------------------------------------------------
_in_task = False
_stop_requested = False


def _worker_stop(signum: int, frame: FrameType | None) -> None:
    global _stop_requested
    _stop_requested = True
    if _in_task:
        raise _Stopped()  # travels back to the parent as this task's result


def _watch_parent(parent: int) -> None:
    """If the parent dies (SIGKILL), nobody reads our results or stops us: leave now.

    The main thread may be blocked writing a result into a pipe nobody reads, so this
    cannot go through the signal handler. A temporary file of a write in progress is
    removed first (its descriptor stays valid until we exit)."""
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            cleanup()
            os._exit(128 + signal.SIGTERM)


def _worker_init(parent: int) -> None:
    forget_inherited_critical()  # forked inside the parent's `_interrupts_blocked`
    reuse_freed_blocks()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, deferred(_worker_stop))
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _INTERRUPTS)


def _run_task(fn: Callable, arg: Any) -> Any:
    global _in_task
    try:
        _in_task = True
        if _stop_requested:
            raise _Stopped()
        return fn(arg)
    finally:
        _in_task = False


# --- in the parent -----------------------------------------------------------------------
@contextlib.contextmanager
def _interrupts_blocked() -> Iterator[None]:
    """Forked workers inherit this mask, so a signal that arrives before their handlers
    are installed waits for `_worker_init` instead of killing them with a traceback.

    The mask only holds back signals not yet delivered. One delivered just before (Python
    runs its handler at any later line) would raise KeyboardInterrupt inside the pool
    between forking a worker and recording it, and that worker, unknown to `_stop`,
    would outlive the run: `critical()` holds the handler back to the end of the block,
    when the pool knows all its workers."""
    with critical():
        if not hasattr(signal, "pthread_sigmask"):
            yield
            return
        old = signal.pthread_sigmask(signal.SIG_BLOCK, _INTERRUPTS)
        try:
            yield
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)


@contextlib.contextmanager
def _frozen_heap() -> Iterator[None]:
    """Forked workers share the parent's memory until either writes to it. The cyclic
    garbage collector of a worker writes into every object it inherited (the parent's
    whole heap: every file's analysis, when the outputs are written), which copies
    each page of it: seconds of page faults, and the heap twice over. Objects frozen at
    the fork are left alone by the workers' collector (the parent collects them again
    as soon as the workers are started, unless the caller keeps them frozen itself:
    `pipeline.LongLived`)."""
    outer = gc.get_freeze_count() > 0
    gc.freeze()
    try:
        yield
    finally:
        if not outer:
            gc.unfreeze()


def _processes(pool: ProcessPoolExecutor) -> list:
    # A private attribute, but the only handle on the workers before Python 3.14.
    return list((getattr(pool, "_processes", None) or {}).values())


def _stop(pool: ProcessPoolExecutor, known: list) -> None:
    """Cancel queued tasks, SIGTERM the workers and wait for them to leave.

    A busy worker finishes the write it is in and abandons its task; once no task
    is running, the pool sends each worker its shutdown message. A worker still
    there after STOP_GRACE seconds is inside a long C call (not writing, not on a
    pipe) and is killed."""
    processes = list({id(p): p for p in known + _processes(pool)}.values())
    with critical():  # a second Ctrl-C must not leave workers behind
        pool.shutdown(wait=False, cancel_futures=True)
        for p in processes:
            with contextlib.suppress(Exception):
                p.terminate()
        deadline = time.monotonic() + STOP_GRACE
        for p in processes:
            p.join(timeout=max(0.0, deadline - time.monotonic()))
        for p in processes:
            if p.is_alive():
                p.kill()
                p.join()


def run_tasks(fn: Callable, tasks: list, jobs: int) -> list:
    """`[fn(t) for t in tasks]`, in `jobs` worker processes when there is more than one."""
    return list(iter_tasks(fn, tasks, jobs))


# Tasks submitted ahead of the one being consumed, per worker: enough to keep every worker
# busy, few enough that finished results do not pile up waiting to be read.
AHEAD_PER_JOB = 4


def runs_here(jobs: int, tasks: int) -> bool:
    """Whether `iter_tasks` runs its tasks in this process (no pool)."""
    return jobs <= 1 or tasks <= 1


def iter_tasks(fn: Callable, tasks: list, jobs: int) -> Iterator:
    """`fn(t)` for each task, in order, as they are ready; in `jobs` worker processes when
    there is more than one. A consumer that takes each result as it comes (and drops it)
    never holds more than a few results at once."""
    if runs_here(jobs, len(tasks)):
        for t in tasks:
            yield fn(t)
        return
    pool = ProcessPoolExecutor(
        max_workers=min(jobs, len(tasks)), initializer=_worker_init, initargs=(os.getpid(),)
    )
    known: list = []  # the pool forgets its workers once one dies: keep our own list
    try:
        with _interrupts_blocked(), _frozen_heap():
            pending = deque([pool.submit(_run_task, fn, tasks[0])])  # starts the workers
        known = _processes(pool)
        following = 1
        while pending:
            while following < len(tasks) and len(pending) < AHEAD_PER_JOB * jobs:
                pending.append(pool.submit(_run_task, fn, tasks[following]))
                following += 1
            result = pending.popleft().result()
            yield result
            del result
    except (BrokenProcessPool, _Stopped) as exc:
        # A worker was killed (out of memory?) or SIGTERMed by someone other than us.
        _stop(pool, known)
        dead = [p.exitcode for p in known if p.exitcode not in (None, 0)]
        # The pool SIGTERMs the other workers when one dies: name the one that died first.
        dead.sort(key=lambda code: code == -signal.SIGTERM)
        code = 128 + signal.SIGTERM if isinstance(exc, _Stopped) else (dead or [None])[0]
        raise WorkerDied(code) from None
    except BaseException:  # Ctrl-C, or the consumer stopped early (GeneratorExit)
        _stop(pool, known)
        raise
    pool.shutdown()
