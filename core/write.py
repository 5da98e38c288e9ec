"""Write files atomically, and only where the user said.

Every output is written to a temporary file beside its destination and
renamed over it, so a reader (or a run killed with SIGKILL) sees either the
old file or the new one, never half of one. Temporary files still open when a
run is interrupted are removed by `cleanup()`.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
from collections.abc import Iterable

_LIVE: set[str] = set()
_LOCK = threading.Lock()
TEMP_PREFIX = ".copydesk-"


class OutputError(Exception):
    """An output that could not be written; the message names the cause."""


def cleanup() -> None:
    """Remove temporary files of writes that did not finish (interrupts)."""
    with _LOCK:
        for path in list(_LIVE):
            with contextlib.suppress(OSError):
                os.unlink(path)
            _LIVE.discard(path)


def safe_target(out_dir: str, relpath: str) -> str:
    """The output path for `relpath` under `out_dir`, refusing anything that escapes it."""
    parts = relpath.split("/")
    if relpath.startswith("/") or any(p in ("", ".", "..") for p in parts):
        raise OutputError(f"refusing unsafe output path {relpath!r}")
    root = os.path.realpath(out_dir)
    target = os.path.join(root, *parts)
    parent = os.path.realpath(os.path.dirname(target))
    if parent != root and not parent.startswith(root + os.sep):
        raise OutputError(f"output path {relpath!r} leads outside {out_dir} (through a symlink)")
    if os.path.islink(target):
        raise OutputError(f"output {relpath!r} is a symlink; not writing through it")
    return target


_SWEPT: set[str] = set()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep_stale(directory: str) -> None:
    """Remove temporary files left in `directory` by runs that were killed (SIGKILL, power
    loss): their names carry the writer's pid, and that process is gone."""
    if directory in _SWEPT:
        return
    _SWEPT.add(directory)
    try:
        names = os.listdir(directory)
    except OSError:
        return
    for name in names:
        if not (name.startswith(TEMP_PREFIX) and name.endswith(".tmp")):
            continue
        pid = name[len(TEMP_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(directory, name))


def atomic_write(path: str, data: bytes | Iterable[bytes], *, fsync: bool = False) -> None:
    """Write `data` (bytes, or chunks of bytes: a large report need never be whole in
    memory) to `path` through a temporary file and a rename."""
    directory = os.path.dirname(path) or "."
    try:
        os.makedirs(directory, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create directory {directory}: {exc.strerror}") from None
    sweep_stale(directory)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=".tmp",
                                   dir=directory)
    except OSError as exc:
        raise OutputError(f"cannot write in {directory}: {exc.strerror}") from None
    with _LOCK:
        _LIVE.add(tmp)
    try:
        try:
            with os.fdopen(fd, "wb") as fh:
                if isinstance(data, bytes | bytearray | memoryview):
                    fh.write(data)
                else:
                    for chunk in data:
                        fh.write(chunk)
                fh.flush()
                if fsync:
                    os.fsync(fh.fileno())
            mode = _target_mode(path)
            os.chmod(tmp, mode)
            os.replace(tmp, path)
        except OSError as exc:
            raise OutputError(f"cannot write {path}: {exc.strerror}") from None
    finally:
        with _LOCK:
            _LIVE.discard(tmp)
        if os.path.exists(tmp):
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _current_umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


_UMASK = _current_umask()


def _target_mode(path: str) -> int:
    """Keep an existing file's permissions; new files get the usual 0o666 & ~umask."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        return 0o666 & ~_UMASK
