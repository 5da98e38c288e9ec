"""Have large freed arrays go back to the system at once (glibc).

glibc serves a large allocation (128 KiB or more at start) with its own memory
mapping, unmapped when freed. But each time it frees such a block it raises
that threshold to the block's size, up to 32 MiB: after the first large numpy
temporaries of a run, arrays of up to 32 MiB come from the heap instead, and
heap space freed below a block still in use stays with the process. A
100,000-file run carried a few hundred MB of such freed space from stage to
stage (after matching: 200 MB above what it still used). Setting the
threshold turns the adjustment off; the cost is a mapping per large array,
small beside the work done on it.

Worker processes are the other way round (`reuse_freed_blocks`): they hold
nothing from file to file, and a fresh mapping per large temporary (numpy's
arrays in classification and fingerprinting) is faulted in page by page each
time, zeroed by the kernel: 190,000 page faults per worker on 10,000 corpus
files, at 1.4 us of system time each.

A process that analyses files itself (`--jobs 1`, the dev-set bench) does the same for the
span of its analysis (`reusing_freed_blocks`): the chunks' temporaries reuse each other's
memory, and after the last chunk the threshold is fixed again and every whole free page of
the heap is given back (`malloc_trim`), so the run's data is no more resident than with
the fixed threshold. (Given back after each chunk, the pages were faulted in again by the
next: 300 small corpus files faulted 5,000 times more.) A scope over a stage that made
large long-lived arrays (matching at 100,000 files) held 65 MB more at its peak: the
analysis's temporaries are small and its results few.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

_M_TRIM_THRESHOLD = -1  # mallopt parameter numbers (malloc.h)
_M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 1 << 17  # glibc's own initial value
TRIM_THRESHOLD = 1 << 17  # glibc's own, which a fixed mmap threshold leaves in place
# In workers: glibc's largest dynamic threshold (64-bit), and the top of the heap kept up
# to twice that, as glibc itself pairs them; a worker's file of many megabytes still
# gets its largest arrays mapped, and gives back what it freed above 64 MiB.
WORKER_MMAP_THRESHOLD = 32 << 20
WORKER_TRIM_THRESHOLD = 64 << 20

_done = False
_reusing = False  # large freed blocks are kept (a worker, or inside `reusing_freed_blocks`)


def return_large_blocks() -> None:
    """Fix glibc's mmap threshold (once per process; elsewhere, nothing to do)."""
    global _done
    if _done:
        return
    _done = True
    _mallopt((_M_MMAP_THRESHOLD, MMAP_THRESHOLD))


def reuse_freed_blocks() -> None:
    """In a worker process: large blocks freed are kept for the next file's arrays (glibc).
    Only the parent holds the run's data, and its threshold stays fixed."""
    global _done, _reusing
    _done = _reusing = True
    _mallopt((_M_MMAP_THRESHOLD, WORKER_MMAP_THRESHOLD), (_M_TRIM_THRESHOLD,
                                                           WORKER_TRIM_THRESHOLD))


@contextmanager
def reusing_freed_blocks() -> Iterator[None]:
    """For the span of a stage whose temporaries are large and whose results are
    small (the files analysed in the parent): large blocks freed are kept for the
    next ones, as in a worker; then the threshold is fixed again and the heap's free pages
    given back. Inside a worker, or nested, nothing changes."""
    global _reusing
    if _reusing or not _done:  # a worker; or a process that never fixed its threshold
        yield
        return
    _reusing = True
    _mallopt((_M_MMAP_THRESHOLD, WORKER_MMAP_THRESHOLD), (_M_TRIM_THRESHOLD,
                                                           WORKER_TRIM_THRESHOLD))
    try:
        yield
    finally:
        _reusing = False
        _mallopt((_M_MMAP_THRESHOLD, MMAP_THRESHOLD), (_M_TRIM_THRESHOLD, TRIM_THRESHOLD))
        _malloc_trim()


@cache
def _libc() -> ctypes.CDLL | None:
    """The C library's functions, where they are glibc's (elsewhere, None)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None)
        libc.mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
        libc.malloc_trim.argtypes = [ctypes.c_size_t]
    except (OSError, AttributeError):  # not glibc
        return None
    return libc


def _mallopt(*settings: tuple[int, int]) -> None:
    libc = _libc()
    if libc is None:
        return
    for param, value in settings:
        libc.mallopt(param, value)


def _malloc_trim() -> None:
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)
