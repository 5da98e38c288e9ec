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
"""

from __future__ import annotations

import ctypes
import sys

_M_TRIM_THRESHOLD = -1  # mallopt parameter numbers (malloc.h)
_M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 1 << 17  # glibc's own initial value
# In workers: glibc's largest dynamic threshold (64-bit), and the top of the heap kept up
# to twice that, as glibc itself pairs them; a worker's file of many megabytes still
# gets its largest arrays mapped, and gives back what it freed above 64 MiB.
WORKER_MMAP_THRESHOLD = 32 << 20
WORKER_TRIM_THRESHOLD = 64 << 20

_done = False


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
    global _done
    _done = True
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
