"""Write files atomically, and only where the user said.

Every output is written to a temporary file beside its destination and
renamed over it, so a reader (or a run killed with SIGKILL) sees either the
old file or the new one, never half of one.

Interrupts and writes: a signal handler wrapped with `deferred` does not act
while a write is in its critical section (temporary file created, not yet
renamed or removed); it acts as soon as the write is done. So Ctrl-C or
SIGTERM can never leave a temporary file behind, whichever line of Python
they land on. `cleanup()` removes the temporary files of writes still in
progress for the cases deferral does not cover (a handler that must exit at
once, an embedding program).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from types import FrameType

TEMP_PREFIX = ".copydesk-"
TEMP_SUFFIX = ".tmp"

# Temporary files of writes in progress. No lock: a signal handler may read it while
# the main thread is inside `atomic_write`, and set operations are atomic under the GIL.
_LIVE: set[str] = set()
_depth = 0  # nesting of `critical()` blocks in this process
_pending: list[Callable[[], None]] = []  # handlers held back by `critical()`

Handler = Callable[[int, FrameType | None], object]


class OutputError(Exception):
    """An output that could not be written; the message names the cause."""


@contextlib.contextmanager
def critical() -> Iterator[None]:
    """Hold back `deferred` signal handlers until the block ends, then run the first."""
    global _depth
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1
        if _depth == 0 and _pending:
            action = _pending[0]
            _pending.clear()
            action()


def forget_inherited_critical() -> None:
    """In a process forked inside a `critical()` block (a worker): that block is the
    parent's, and so are the handlers it holds back; this process starts with none."""
    global _depth
    _depth = 0
    _pending.clear()


def deferred(handler: Handler) -> Handler:
    """Wrap a signal handler so that it waits for the end of a `critical()` block."""

    def run(signum: int, frame: FrameType | None) -> None:
        if _depth:
            _pending.append(lambda: handler(signum, frame))
            return
        handler(signum, frame)

    return run


def cleanup() -> None:
    """Remove temporary files of writes that did not finish."""
    for path in list(_LIVE):
        with contextlib.suppress(OSError):
            os.unlink(path)
        _LIVE.discard(path)


def safe_target(out_dir: str, relpath: str, resolved: dict[str, str] | None = None) -> str:
    """The output path for `relpath` under `out_dir`, refusing anything that escapes it.

    `resolved` caches real paths of directories across the calls of one run: thousands of
    files share a few output directories, and resolving one costs a system call per path
    component."""
    parts = relpath.split("/")
    if relpath.startswith("/") or any(p in ("", ".", "..") for p in parts):
        raise OutputError(f"refusing unsafe output path {relpath!r}")
    cache = {} if resolved is None else resolved
    root = _real_directory(out_dir, cache)
    target = os.path.join(root, *parts)
    parent = _real_directory(os.path.dirname(target), cache)
    if parent != root and not parent.startswith(root + os.sep):
        raise OutputError(f"output path {relpath!r} leads outside {out_dir} (through a symlink)")
    return _not_a_link(target, relpath)


def _not_a_link(target: str, relpath: str) -> str:
    if os.path.islink(target):
        raise OutputError(f"output {relpath!r} is a symlink; not writing through it")
    return target


class OutputPaths:
    """`safe_target(out_dir, relpath, resolved)` for the outputs of one run, a run's worth
    of calls sharing one `resolved`: once a directory of relative paths has given a target
    (its parts checked, its real path inside `out_dir`), a file in it costs the check of
    its own name and the symlink test, not the split, the checks and the joins again (a
    serial stage of the parent, with the other core idle: 100,000 outputs in a few
    directories)."""

    def __init__(self, out_dir: str, resolved: dict[str, str] | None = None) -> None:
        self.out_dir = out_dir
        self._resolved = {} if resolved is None else resolved
        # A relative path up to its last "/" (included: "x" and "/x" differ) -> the
        # target's path up to the name.
        self._prefixes: dict[str, str] = {}

    def target(self, relpath: str) -> str:
        name = relpath.rpartition("/")[2]
        head = relpath[: len(relpath) - len(name)]
        prefix = self._prefixes.get(head)
        if prefix is None or name in ("", ".", ".."):
            target = safe_target(self.out_dir, relpath, self._resolved)
            self._prefixes[head] = target[: len(target) - len(name)]
            return target
        return _not_a_link(prefix + name, relpath)


def _real_directory(path: str, cache: dict[str, str]) -> str:
    real = cache.get(path)
    if real is None:
        real = cache[path] = os.path.realpath(path)
    return real


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
    loss), which no signal handling can prevent: their names carry the writer's pid, and
    that process is gone."""
    if directory in _SWEPT:
        return
    _SWEPT.add(directory)
    try:
        names = os.listdir(directory)
    except OSError:
        return
    for name in names:
        if not (name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)):
            continue
        pid = name[len(TEMP_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(directory, name))


# Directories this process has made or found (or written into) already: a run writes
# thousands of outputs into a few directories, and `os.makedirs` costs two system calls
# per file. One that disappears during the run is made again (see `_create_temp`).
_DIRECTORIES: set[str] = set()
_serial = 0  # numbers this process's temporary file names (with its pid, for sweep_stale)
_CREATE = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
           | getattr(os, "O_CLOEXEC", 0))


def atomic_write(path: str, data: bytes | Iterable[bytes], *, fsync: bool = False) -> None:
    """Write `data` (bytes, or chunks of bytes: a large report need never be whole in
    memory) to `path` through a temporary file and a rename; OutputError on failure.

    On any failure (full disk, read-only directory, interrupt) the temporary
    file is removed and `path` keeps its old content. The file gets the mode `path` has,
    or a new file's (0o666 less the umask). Written with plain descriptor calls: five
    system calls for a new output (stat, open, write, close, rename), where a buffered
    file object, `tempfile` and `os.makedirs` made fourteen (the cost of writing 100,000
    outputs was mostly theirs).
    """
    _replace(path, data, _existing_mode(path), fsync)


def write_output(path: str, data: bytes) -> None:
    """`atomic_write(path, data)`, unless `path` is a regular file that holds `data` already
    (a run again into the same --out): that file is left as it is, with its mtime.

    Replacing a file makes the process wait for the device: the old file's blocks are freed,
    and discarded at once where ext4 is mounted with `discard` and no journal (as on this
    project's machine: two discard requests per replaced output), and the new file's data
    is sent to be written at the rename (ext4's `auto_da_alloc`). A run into an --out of
    5,800 earlier outputs took 5.3 s to render against 2.7 s into an empty one, its
    workers off the CPU four fifths of the time (a scratch loop: replacing 2,000 files of
    3 KB by temporary file and rename 5.6 s, creating them 3.0 s). Comparing costs an open
    and a read of a file of that size, in the page cache as a rule; a new output costs
    nothing more (the stat that finds no file there is the one `atomic_write` makes)."""
    try:
        st = os.stat(path)
    except OSError:
        st = None
    if st is not None and stat.S_ISREG(st.st_mode) and st.st_size == len(data) and _holds(
            path, data):
        return
    _replace(path, data, None if st is None else st.st_mode & 0o7777, False)


# O_NOFOLLOW: a symlink put at an output's path is replaced, as `atomic_write` would, not read.
_READ_EXISTING = (os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0)
                  | getattr(os, "O_CLOEXEC", 0))


def _holds(path: str, data: bytes) -> bool:
    """Whether the regular file at `path` holds exactly `data` (False when unsure)."""
    try:
        fd = os.open(path, _READ_EXISTING)
    except OSError:
        return False
    try:
        st = os.fstat(fd)  # what was opened, which may not be what was stat'ed
        if not stat.S_ISREG(st.st_mode) or st.st_size != len(data):
            return False
        # A byte more than expected, to see a file that grew; a short read compares unequal.
        return os.read(fd, len(data) + 1) == data
    except OSError:
        return False
    finally:
        os.close(fd)


def _replace(path: str, data: bytes | Iterable[bytes], mode: int | None, fsync: bool) -> None:
    """`data` into a new temporary file beside `path`, renamed over it; `mode`: the
    permissions of the file `path` names now (None when there is none)."""
    directory = os.path.dirname(path) or "."
    with critical():
        fd, tmp = _create_temp(directory, 0o666 & ~_UMASK if mode is None else 0o600)
        _LIVE.add(tmp)
        renamed = False
        try:
            try:
                if mode is not None:
                    os.fchmod(fd, mode)  # an existing output keeps its permissions
                for chunk in [data] if isinstance(data, bytes | bytearray | memoryview) else data:
                    _write_all(fd, chunk)
                if fsync:
                    os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(tmp, path)
            renamed = True
        except OSError as exc:
            raise OutputError(f"cannot write {path}: {exc.strerror}") from None
        finally:
            _LIVE.discard(tmp)
            if not renamed:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)


def _existing_mode(path: str) -> int | None:
    """The permissions of the file `path` names now, or None when there is none."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        return None


def _create_temp(directory: str, mode: int) -> tuple[int, str]:
    """A new temporary file in `directory` (made if missing), open for writing."""
    global _serial
    if directory not in _DIRECTORIES:
        _make_directory(directory)
    pid = os.getpid()
    for _ in range(1000):
        _serial += 1
        tmp = os.path.join(directory, f"{TEMP_PREFIX}{pid}-{_serial}{TEMP_SUFFIX}")
        try:
            return os.open(tmp, _CREATE, mode), tmp
        except FileExistsError:  # left by an earlier process that had this pid
            continue
        except FileNotFoundError:  # the directory went away during the run: make it again
            _DIRECTORIES.discard(directory)
            try:
                _make_directory(directory)
                return os.open(tmp, _CREATE, mode), tmp
            except OSError as exc:
                raise OutputError(f"cannot write in {directory}: {exc.strerror}") from None
        except OSError as exc:
            raise OutputError(f"cannot write in {directory}: {exc.strerror}") from None
    raise OutputError(f"cannot write in {directory}: no free temporary file name")


def _make_directory(directory: str) -> None:
    try:
        os.makedirs(directory, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create directory {directory}: {exc.strerror}") from None
    sweep_stale(directory)
    _DIRECTORIES.add(directory)


def _write_all(fd: int, data: bytes | bytearray | memoryview) -> None:
    view = memoryview(data)
    while view:
        done = os.write(fd, view)
        view = view[done:]


def write_named_file(path: str, data: bytes | Iterable[bytes]) -> None:
    """Write a file the user named (the report): atomically, but honouring what is there.

    A symlink is followed (the file it points to is replaced, the link stays);
    a FIFO or a device (`/dev/stdout`, a process substitution) is written
    into directly: replacing it with a regular file would break it, and as
    root would replace the device node itself.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror}") from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise OutputError(f"cannot write {path}: it is a directory")
    if st is not None and not stat.S_ISREG(st.st_mode):
        try:
            fd = os.open(path, os.O_WRONLY | getattr(os, "O_CLOEXEC", 0))
            with os.fdopen(fd, "wb") as fh:
                for chunk in [data] if isinstance(data, bytes) else data:
                    fh.write(chunk)
        except OSError as exc:
            raise OutputError(f"cannot write {path}: {exc.strerror}") from None
        return
    atomic_write(os.path.realpath(path), data)


def probe_directory(directory: str) -> None:
    """Fail early, with one clear message, if files cannot be created in `directory`."""
    try:
        os.makedirs(directory, exist_ok=True)
    except FileExistsError:
        raise OutputError(f"{directory} exists and is not a directory") from None
    except OSError as exc:
        raise OutputError(f"cannot create directory {directory}: {exc.strerror}") from None
    if not os.path.isdir(directory):
        raise OutputError(f"{directory} is not a directory")
    with critical():
        try:
            fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=directory)
        except OSError as exc:
            raise OutputError(f"cannot write in {directory}: {exc.strerror}") from None
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _current_umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


_UMASK = _current_umask()
