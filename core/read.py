"""Read an input's bytes without blocking on, or reading from, anything but a regular file."""

from __future__ import annotations

import os
import stat

from .model import Source


class InputError(Exception):
    """An input that cannot be used. `kind` is "error" (unreadable) or "skipped" (by design)."""

    def __init__(self, kind: str, cause: str) -> None:
        super().__init__(cause)
        self.kind = kind
        self.cause = cause


def read_source(source: Source, max_bytes: int) -> bytes:
    if source.data is not None:
        if len(source.data) > max_bytes:
            raise InputError("skipped", f"larger than --max-bytes ({max_bytes} bytes)")
        return source.data
    assert source.path is not None
    try:
        # O_NONBLOCK: a FIFO swapped in after discovery must not hang the run;
        # fstat on the opened descriptor then refuses anything but a regular file.
        fd = os.open(source.path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError("error", "no such file (removed during the run?)") from None
    except PermissionError:
        raise InputError("error", "permission denied") from None
    except OSError as exc:
        raise InputError("error", f"cannot open: {exc.strerror}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise InputError("skipped", "not a regular file, not read")
        if st.st_size > max_bytes:
            raise InputError(
                "skipped", f"larger than --max-bytes ({st.st_size} > {max_bytes} bytes)"
            )
        chunks = []
        remaining = max_bytes + 1
        # The first read asks for the size the file has (and a byte more, to meet its end):
        # os.read allocates what it is asked for, and a 1 MB buffer for a 10 KB file is
        # mapped and unmapped by malloc on every file. Later reads (a growing file) go by MB.
        size = min(remaining, st.st_size + 1)
        while remaining > 0:
            chunk = os.read(fd, size)
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
            if len(chunk) < size:
                # A regular file gives less than asked only at its end: no second read
                # (one system call per input less) to be told so.
                break
            size = min(remaining, 1 << 20)
        data = b"".join(chunks)
        if len(data) > max_bytes:
            raise InputError("skipped", f"larger than --max-bytes ({max_bytes} bytes)")
        return data
    except OSError as exc:
        raise InputError("error", f"cannot read: {exc.strerror}") from None
    finally:
        os.close(fd)
