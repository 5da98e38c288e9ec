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
files, about a second and a half of system time per 100,000 files each.
"""

from __future__ import annotations

import contextlib
import ctypes
import sys
from collections.abc import Iterator

_M_TRIM_THRESHOLD = -1  # mallopt parameter numbers (malloc.h)
_M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 1 << 17  # glibc's own initial value
TRIM_THRESHOLD = 1 << 17  # glibc's default, which a fixed mmap threshold keeps
# In workers: glibc's largest dynamic threshold (64-bit), and the top of the heap kept up
# to twice that, as glibc itself pairs them; a worker's file of many megabytes still
# gets its largest arrays mapped, and gives back what it freed above 64 MiB.
WORKER_MMAP_THRESHOLD = 32 << 20
WORKER_TRIM_THRESHOLD = 64 << 20

_done = False
_fixed = False  # this process fixed its threshold (`return_large_blocks`)
reusing = False  # inside `reusing_freed_blocks`


def return_large_blocks() -> None:
    """Fix glibc's mmap threshold (once per process; elsewhere, nothing to do)."""
    global _done, _fixed
    if _done:
        return
    _done = _fixed = True
    _mallopt((_M_MMAP_THRESHOLD, MMAP_THRESHOLD))


@contextlib.contextmanager
def reusing_freed_blocks() -> Iterator[None]:
    """A stage of the parent that makes and drops many large temporaries (matching and
    resolution: a few dozen numpy arrays per step, each the size of the run's paragraphs)
    takes them from the memory the last ones freed rather than from a mapping of its own,
    faulted in page by page and zeroed each time (110,000 page faults, half the CPU of
    matching 10,000 files). At its end the threshold is fixed again, and every whole page
    freed in the heap meanwhile goes back to the system (`malloc_trim`), so that what the
    stage freed is not carried into the rest of the run."""
    global reusing
    if not _fixed or reusing:
        yield
        return
    _mallopt((_M_MMAP_THRESHOLD, WORKER_MMAP_THRESHOLD), (_M_TRIM_THRESHOLD,
                                                           WORKER_TRIM_THRESHOLD))
    reusing = True
    try:
        yield
    finally:
        reusing = False
        _mallopt((_M_MMAP_THRESHOLD, MMAP_THRESHOLD), (_M_TRIM_THRESHOLD, TRIM_THRESHOLD))
        _malloc_trim()


def _malloc_trim() -> None:
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).malloc_trim(0)


def reuse_freed_blocks() -> None:
    """In a worker process: large blocks freed are kept for the next file's arrays (glibc).
    Only the parent holds the run's data, and its threshold stays fixed."""
    global _done, _fixed
    _done, _fixed = True, False
    _mallopt((_M_MMAP_THRESHOLD, WORKER_MMAP_THRESHOLD), (_M_TRIM_THRESHOLD,
                                                           WORKER_TRIM_THRESHOLD))


def _mallopt(*settings: tuple[int, int]) -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # no mallopt in this C library
        return
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    for param, value in settings:
        mallopt(param, value)
