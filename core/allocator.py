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
"""

from __future__ import annotations

import ctypes
import sys

_M_MMAP_THRESHOLD = -3  # mallopt parameter number (malloc.h)
MMAP_THRESHOLD = 1 << 17  # glibc's own initial value

_done = False


def return_large_blocks() -> None:
    """Fix glibc's mmap threshold (once per process; elsewhere, nothing to do)."""
    global _done
    if _done or not sys.platform.startswith("linux"):
        return
    _done = True
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # no mallopt in this C library
        return
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)
