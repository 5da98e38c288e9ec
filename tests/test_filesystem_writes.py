"""Issue 6, writing: outputs stay under --out, inputs are never overwritten unless asked,
and a full disk or read-only directory gives a clear error and no half-written file."""

from __future__ import annotations

import contextlib
import errno
import functools
import json
import os
import random
import stat
import subprocess
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from copydesk.cli.app import app
from copydesk.core import write as write_module
from copydesk.core.write import (
    OutputError,
    OutputPaths,
    atomic_write,
    safe_target,
    write_named_file,
    write_output,
)

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
DIRTY = (
    "Share this article\n"
    "The ferry timetable changes on Monday, the harbour board said, adding two late "
    "sailings for hospital staff on night shifts.\n"
    "Sign up for our newsletter\n"
)
CLEAN = (
    "The ferry timetable changes on Monday, the harbour board said, adding two late "
    "sailings for hospital staff on night shifts.\n"
)
OTHER = (
    "The library opens until ten on weekdays from next month after a pilot scheme drew "
    "more students than the council expected.\n"
)


def invoke(*args: str):
    return CliRunner().invoke(app, ["clean", *args])


def temp_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.name.startswith(write_module.TEMP_PREFIX)]


@pytest.fixture
def src(tmp_path: Path) -> Path:
    directory = tmp_path / "in"
    directory.mkdir()
    (directory / "ferry.txt").write_text(DIRTY, encoding="utf-8")
    (directory / "library.txt").write_text(OTHER, encoding="utf-8")
    return directory


def test_dirty_fixture_really_changes() -> None:
    # The tests below rely on DIRTY cleaning to CLEAN (and OTHER staying as it is).
    result = CliRunner().invoke(app, ["clean", "-"], input=DIRTY)
    assert result.stdout == CLEAN
    result = CliRunner().invoke(app, ["clean", "-"], input=OTHER)
    assert result.stdout == OTHER


# --- nowhere but --out -----------------------------------------------------------------


@pytest.mark.parametrize(
    "relpath", ["../escape.txt", "/etc/passwd", "a/../../b.txt", "a//b.txt", "./a.txt", ""]
)
def test_safe_target_refuses_paths_that_leave_the_output(tmp_path: Path, relpath: str) -> None:
    with pytest.raises(OutputError):
        safe_target(str(tmp_path), relpath)


def _answer(find, relpath: str) -> tuple[str, str]:
    try:
        return "target", find(relpath)
    except OutputError as exc:
        return "refused", str(exc)


def test_output_paths_answer_as_safe_target(tmp_path: Path) -> None:
    """A run's `OutputPaths` gives each relative path the target (or the refusal) that
    `safe_target` gives with the run's shared cache, in any order of the paths: a name
    beside one already placed, a name that is a symlink, a directory that leads out,
    unsafe parts before or after a safe path of the same directory."""
    out = tmp_path / "out"
    (out / "a" / "b").mkdir(parents=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    (out / "esc").symlink_to(outside)
    (out / "a" / "link.txt").symlink_to(tmp_path / "victim.txt")
    relpaths = ["x.txt", "/x.txt", "a/y.txt", "a//y.txt", "a/./y.txt", "a/..", "a/.", "a/",
                "a/b/z.txt", "a/link.txt", "a/b/../c.txt", "esc/w.txt", "esc/v.txt",
                "../q.txt", "", ".", "new/dir/n.txt", "new/dir/m.txt", "a/y2.txt", "/a/y.txt",
                "a/b/", "link.txt"]
    rng = random.Random(5)
    for _ in range(30):
        order = relpaths * 2
        rng.shuffle(order)
        reference = functools.partial(safe_target, str(out), resolved={})
        paths = OutputPaths(str(out))
        expected = [_answer(reference, r) for r in order]
        assert [_answer(paths.target, r) for r in order] == expected
    assert {kind for kind, _ in expected} == {"target", "refused"}


def test_outputs_never_follow_a_symlinked_directory_out(src: Path, tmp_path: Path) -> None:
    (src / "sub").mkdir()
    (src / "sub" / "deep.txt").write_text(OTHER, encoding="utf-8")
    victim = tmp_path / "victim"
    victim.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "sub").symlink_to(victim)  # planted: out/sub leads elsewhere
    result = invoke(str(src), "--out", str(out))
    assert result.exit_code == 4
    assert f"{src / 'sub' / 'deep.txt'}: output path 'sub/deep.txt' leads outside" in (
        result.stderr
    )
    assert list(victim.iterdir()) == []
    assert (out / "ferry.txt").read_text(encoding="utf-8") == CLEAN


def test_an_output_that_is_a_symlink_is_not_written_through(src: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "ferry.txt").symlink_to(victim)
    result = invoke(str(src), "--out", str(out))
    assert result.exit_code == 4
    assert "output 'ferry.txt' is a symlink; not writing through it" in result.stderr
    assert victim.read_text(encoding="utf-8") == "precious"
    assert (out / "library.txt").read_text(encoding="utf-8") == OTHER


def test_two_inputs_with_one_output_path_is_an_error_not_an_overwrite(
    src: Path, tmp_path: Path
) -> None:
    (src / "stdin.txt").write_text(OTHER, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["clean", "-", str(src), "--out", str(out)], input=DIRTY)
    assert result.exit_code == 4
    assert result.stderr == (
        f"copydesk: error: <stdin>: output {out.resolve() / 'stdin.txt'} is also the output "
        f"of {src / 'stdin.txt'}\n"
    )
    assert (out / "stdin.txt").read_text(encoding="utf-8") == OTHER  # the first one's


# --- inputs are never overwritten unless asked ---------------------------------------------


def test_report_naming_an_input_is_refused(src: Path, tmp_path: Path) -> None:
    result = invoke(str(src), "--out", str(tmp_path / "out"), "--report", str(src / "ferry.txt"))
    assert result.exit_code == 2
    assert "is one of the inputs; not overwriting it" in result.stderr
    assert (src / "ferry.txt").read_text(encoding="utf-8") == DIRTY
    assert not (tmp_path / "out").exists()


def test_report_naming_an_output_is_refused(src: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke(str(src), "--out", str(out), "--report", str(out / "ferry.txt"))
    assert result.exit_code == 2
    assert "is also the output of an input" in result.stderr


def test_an_output_hardlinked_to_its_input_leaves_the_input_alone(
    src: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    os.link(src / "ferry.txt", out / "ferry.txt")  # same inode as the input
    result = invoke(str(src), "--out", str(out))
    assert result.exit_code == 0
    assert (out / "ferry.txt").read_text(encoding="utf-8") == CLEAN
    assert (src / "ferry.txt").read_text(encoding="utf-8") == DIRTY  # rename, not rewrite


def test_a_directory_without_out_or_in_place_writes_nothing(src: Path) -> None:
    before = {p.name: p.read_bytes() for p in src.iterdir()}
    result = invoke(str(src))
    assert result.exit_code == 2
    assert {p.name: p.read_bytes() for p in src.iterdir()} == before


def test_in_place_rewrites_only_what_changes_and_keeps_modes_and_links(src: Path) -> None:
    (src / "ferry.txt").chmod(0o640)
    (src / "link.txt").symlink_to("ferry.txt")
    untouched = (src / "library.txt").stat()
    result = invoke(str(src), "--in-place")
    assert result.exit_code == 0, result.stderr
    assert (src / "ferry.txt").read_text(encoding="utf-8") == CLEAN
    assert stat.S_IMODE((src / "ferry.txt").stat().st_mode) == 0o640
    assert (src / "link.txt").is_symlink()  # rewritten through its own name, link kept
    after = (src / "library.txt").stat()
    assert (after.st_ino, after.st_mtime_ns) == (untouched.st_ino, untouched.st_mtime_ns)
    assert temp_files(src) == []


# --- full disk, read-only directories ------------------------------------------------------


@contextlib.contextmanager
def mounted(target: Path, *args: str):
    """Mount something at `target` for the test (needs root and a permissive sandbox)."""
    if not IS_ROOT:
        pytest.skip("mounting needs root")
    target.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", *args, str(target)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield target
    finally:
        subprocess.run(["umount", "-l", str(target)], check=False)


def test_full_disk_gives_clear_errors_and_no_partial_files(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    words = (OTHER + CLEAN).replace(",", "").replace(".", "").split()
    for k in range(30):  # ~8 KB each, 240 KB in all, for a 64 KB disk
        rng = random.Random(k)
        paragraphs = [" ".join(rng.choices(words, k=25)).capitalize() + "." for _ in range(50)]
        (src / f"story{k:02d}.txt").write_text("\n\n".join(paragraphs) + "\n")
    reference = tmp_path / "reference"
    assert invoke(str(src), "--out", str(reference)).exit_code == 0
    with mounted(tmp_path / "small", "-t", "tmpfs", "-o", "size=64k", "tmpfs") as out:
        result = invoke(str(src), "--out", str(out), "--report", str(tmp_path / "r.json"))
        assert result.exit_code == 4
        errors = [line for line in result.stderr.splitlines() if "error:" in line]
        assert errors and all("No space left on device" in line for line in errors)
        assert temp_files(out) == []
        written = sorted(out.iterdir())
        assert 0 < len(written) < 30
        for path in written:  # every file there is complete
            assert path.read_bytes() == (reference / path.name).read_bytes()
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    failed = [f for f in report["files"] if f["status"] == "error"]
    assert len(failed) == len(errors)


def _fill_the_disk(fd: int, data) -> None:
    """A write whose disk fills up after the first few bytes."""
    os.write(fd, bytes(data)[:10])
    raise OSError(errno.ENOSPC, "No space left on device")


def test_enospc_during_a_write_keeps_the_old_output(
    src: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "ferry.txt").write_text("the previous run's output\n", encoding="utf-8")
    monkeypatch.setattr(write_module, "_write_all", _fill_the_disk)
    result = invoke(str(src), "--out", str(out))
    assert result.exit_code == 4
    assert f"cannot write {out.resolve() / 'ferry.txt'}: No space left on device" in (result.stderr)
    assert (out / "ferry.txt").read_text(encoding="utf-8") == "the previous run's output\n"
    assert temp_files(tmp_path) == []


def test_atomic_write_modes_new_and_kept(tmp_path: Path) -> None:
    # A new file gets 0o666 less the umask (what open() gives); an existing one keeps its own
    # mode, even bits the umask would strip.
    umask = os.umask(0o022)
    os.umask(umask)
    atomic_write(str(tmp_path / "new.txt"), b"new\n")
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o666 & ~umask
    (tmp_path / "old.txt").write_bytes(b"old\n")
    (tmp_path / "old.txt").chmod(0o664)
    old = os.umask(0o077)
    try:
        atomic_write(str(tmp_path / "old.txt"), [b"re", b"placed\n"])
    finally:
        os.umask(old)
    assert (tmp_path / "old.txt").read_bytes() == b"replaced\n"
    assert stat.S_IMODE((tmp_path / "old.txt").stat().st_mode) == 0o664
    assert temp_files(tmp_path) == []


def test_atomic_write_steps_over_a_temporary_name_already_taken(tmp_path: Path) -> None:
    # Temporary names are the pid and a counter: one left by an earlier process that had
    # this pid (sweep_stale spares names of live pids) is neither reused nor removed.
    taken = tmp_path / f"{write_module.TEMP_PREFIX}{os.getpid()}-{write_module._serial + 1}"\
        f"{write_module.TEMP_SUFFIX}"
    taken.write_bytes(b"someone else's\n")
    atomic_write(str(tmp_path / "x.txt"), b"data\n")
    assert (tmp_path / "x.txt").read_bytes() == b"data\n"
    assert taken.read_bytes() == b"someone else's\n"


def test_atomic_write_makes_a_directory_removed_during_the_run(tmp_path: Path) -> None:
    # Directories are made once per process; one deleted after that is made again.
    target = tmp_path / "sub" / "a.txt"
    atomic_write(str(target), b"first\n")
    target.unlink()
    (tmp_path / "sub").rmdir()
    atomic_write(str(target), b"second\n")
    assert target.read_bytes() == b"second\n"


def test_atomic_write_failure_on_rename_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(a, b):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(write_module.os, "replace", refuse)
    with pytest.raises(OutputError, match="Invalid cross-device link"):
        atomic_write(str(tmp_path / "x.txt"), b"data")
    assert list(tmp_path.iterdir()) == []


def test_read_only_output_directory_is_one_clear_error(src: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    if IS_ROOT:
        real = tmp_path / "real"
        real.mkdir()
        ctx = mounted(out, "--bind", "-o", "ro", str(real))
    else:
        out.chmod(0o555)
        ctx = contextlib.nullcontext(out)
    with ctx:
        if IS_ROOT and os.access(out, os.W_OK):
            # Older mount(8) ignores "ro" on a first bind: remount to make it stick.
            subprocess.run(["mount", "-o", "remount,bind,ro", str(out)], check=False)
            if os.access(out, os.W_OK):
                pytest.skip("cannot make a read-only bind mount here")
        result = invoke(str(src), "--out", str(out))
        if not IS_ROOT:
            out.chmod(0o755)
    assert result.exit_code == 4
    reason = "Read-only file system" if IS_ROOT else "Permission denied"
    assert result.stderr == f"copydesk: cannot write in {out}: {reason}\n"
    assert list(out.iterdir()) == []


def test_unwritable_report_location_fails_before_any_work(src: Path, tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("a file, not a directory", encoding="utf-8")
    out = tmp_path / "out"
    result = invoke(str(src), "--out", str(out), "--report", str(tmp_path / "plain" / "r.json"))
    assert result.exit_code == 4
    assert result.stderr == f"copydesk: {tmp_path / 'plain'} exists and is not a directory\n"
    assert not [p for p in out.rglob("*.txt")]  # no work done for a run that cannot report


# --- the report goes where it is told, as what is there -----------------------------------


def test_report_into_a_full_device(src: Path, tmp_path: Path) -> None:
    if IS_ROOT:
        # A private node for the same device: if this ever regressed into replacing the
        # node with a file, it would replace this one and not the system's /dev/full.
        device = tmp_path / "full"
        try:
            os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 7))
        except OSError as exc:
            pytest.skip(f"cannot make a device node here: {exc}")
    else:
        device = Path("/dev/full")
    result = invoke(str(src), "--out", str(tmp_path / "out"), "--report", str(device))
    assert result.exit_code == 4
    assert f"cannot write {device}: No space left on device" in result.stderr
    assert stat.S_ISCHR(device.stat().st_mode)  # still the device
    assert (tmp_path / "out" / "ferry.txt").read_text(encoding="utf-8") == CLEAN


def test_report_into_a_fifo_is_streamed_not_replaced(src: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = invoke(str(src), "--out", str(tmp_path / "out"), "--report", str(fifo))
    reader.join(timeout=120)  # guards the suite; the writer has already finished
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert json.loads(received[0])["format"] == "copydesk-report"


def test_report_through_a_symlink_keeps_the_link(src: Path, tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    real = tmp_path / "reports" / "latest.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "report.json"
    link.symlink_to(real)
    result = invoke(str(src), "--out", str(tmp_path / "out"), "--report", str(link))
    assert result.exit_code == 0
    assert link.is_symlink()
    assert json.loads(real.read_text(encoding="utf-8"))["format"] == "copydesk-report"


def test_write_named_file_refuses_a_directory(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="it is a directory"):
        write_named_file(str(tmp_path), b"{}")


# --- a run again into the same --out ---------------------------------------------------------


def _identity(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_ino, st.st_mtime_ns


def test_a_run_again_leaves_identical_outputs_alone(src: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert invoke(str(src), "--out", str(out)).exit_code == 0
    (out / "ferry.txt").chmod(0o640)
    first = {p.name: (_identity(p), p.read_bytes()) for p in out.iterdir()}
    # An output someone changed (same size), and an input that changed since.
    wrong = CLEAN.replace("ferry", "FERRY").encode("utf-8")
    (out / "ferry.txt").write_bytes(wrong)
    (src / "library.txt").write_text(OTHER.replace("ten", "nine"), encoding="utf-8")
    (src / "new.txt").write_text(CLEAN, encoding="utf-8")
    changed = _identity(out / "ferry.txt")
    result = invoke(str(src), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert (out / "ferry.txt").read_text(encoding="utf-8") == CLEAN
    assert _identity(out / "ferry.txt")[0] != changed[0]  # replaced, not rewritten
    assert stat.S_IMODE((out / "ferry.txt").stat().st_mode) == 0o640
    assert (out / "library.txt").read_text(encoding="utf-8") == OTHER.replace("ten", "nine")
    assert _identity(out / "library.txt") != first["library.txt"][0]
    assert (out / "new.txt").read_text(encoding="utf-8") == CLEAN
    # A third run changes nothing: every output already holds its text.
    before = {p.name: _identity(p) for p in out.iterdir()}
    assert invoke(str(src), "--out", str(out)).exit_code == 0
    assert {p.name: _identity(p) for p in out.iterdir()} == before
    assert temp_files(tmp_path) == []


@pytest.mark.parametrize(
    ("there", "data"),
    [
        (b"same bytes\n", b"same bytes\n"),
        (b"", b""),
    ],
)
def test_write_output_leaves_a_file_holding_the_data(
    tmp_path: Path, there: bytes, data: bytes
) -> None:
    target = tmp_path / "a.txt"
    target.write_bytes(there)
    before = _identity(target)
    write_output(str(target), data)
    assert _identity(target) == before
    assert target.read_bytes() == data


@pytest.mark.parametrize(
    ("there", "data"),
    [
        (b"same size, other\n", b"same size, bytes\n"),  # equal length, other bytes
        (b"prefix and more\n", b"prefix"),  # the data is a prefix of the file
        (b"prefix", b"prefix and more\n"),  # the file is a prefix of the data
        (b"x", b""),
        (b"", b"x"),
    ],
)
def test_write_output_replaces_a_file_holding_other_bytes(
    tmp_path: Path, there: bytes, data: bytes
) -> None:
    target = tmp_path / "a.txt"
    target.write_bytes(there)
    target.chmod(0o604)
    before = _identity(target)
    write_output(str(target), data)
    assert target.read_bytes() == data
    assert _identity(target)[0] != before[0]
    assert stat.S_IMODE(target.stat().st_mode) == 0o604
    assert temp_files(tmp_path) == []


def test_write_output_makes_a_new_file_as_atomic_write_does(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    os.umask(umask)
    write_output(str(tmp_path / "sub" / "new.txt"), b"new\n")
    assert (tmp_path / "sub" / "new.txt").read_bytes() == b"new\n"
    assert stat.S_IMODE((tmp_path / "sub" / "new.txt").stat().st_mode) == 0o666 & ~umask


def test_write_output_replaces_a_symlink_to_the_same_bytes(tmp_path: Path) -> None:
    # As atomic_write does: the link itself is replaced, the file it named is not read.
    (tmp_path / "real.txt").write_bytes(b"data\n")
    (tmp_path / "a.txt").symlink_to("real.txt")
    write_output(str(tmp_path / "a.txt"), b"data\n")
    assert not (tmp_path / "a.txt").is_symlink()
    assert (tmp_path / "a.txt").read_bytes() == b"data\n"
    assert (tmp_path / "real.txt").read_bytes() == b"data\n"


def test_write_output_replaces_a_fifo_without_reading_it(tmp_path: Path) -> None:
    fifo = tmp_path / "a.txt"
    os.mkfifo(fifo)
    write_output(str(fifo), b"")  # a FIFO reads as empty: not "the same"
    assert fifo.is_file() and not stat.S_ISFIFO(fifo.lstat().st_mode)
    assert fifo.read_bytes() == b""
