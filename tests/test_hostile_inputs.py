"""Issue 6, hostile inputs: files that are not text, odd names, and odd file-system objects.

Each kind is skipped or refused with one line naming the file and the cause,
the run goes on, good files are written exactly, and no input changes.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from copydesk.cli.app import app
from copydesk.core import read as read_module
from copydesk.core.model import Source
from copydesk.core.read import InputError, read_source

# Clean scrapes: already what copydesk writes, so each output must equal its input.
GOOD = {
    "ferry.txt": (
        "The harbour board voted on Tuesday to add two late ferry sailings after shift "
        "workers at the hospital complained that the last boat left before their rota ended.\n\n"
        '"We listened to the night staff," the board chair told reporters after the meeting.\n'
    ),
    "library.txt": (
        "The city library will stay open until ten on weekdays from next month, the council "
        "said, after a pilot scheme drew more students than expected.\n\n"
        "Librarians said the quiet hours after eight were the busiest of the evening.\n"
    ),
}
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
NOT_TEXT = {
    "photo.txt": (PNG, "binary data (a PNG image), not text"),
    "nuls.txt": (b"text\x00with\x00nul\x00bytes\x00" * 20, "binary data (NUL bytes), not text"),
    "empty.txt": (b"", "empty file"),
    "blank.txt": (b"  \n\t\n   \r\n", "whitespace only"),
    "noise.txt": (bytes((i * 37 + 11) % 31 + 1 for i in range(4000)), "control characters"),
    "utf8-with-nuls.txt": (b"Plain words\x00 and\x00 stray nuls\x00 " * 30, "(NUL bytes)"),
}
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def snapshot(root: Path) -> dict[str, object]:
    """Everything under `root` as it is on disk, without following any link."""
    seen: dict[str, object] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in sorted(dirnames + filenames):
            path = Path(dirpath) / name
            rel = str(path.relative_to(root))
            if path.is_symlink():
                seen[rel] = ("link", os.readlink(path))
            elif path.is_fifo():
                seen[rel] = "fifo"
            elif path.is_file():
                seen[rel] = (path.read_bytes(), path.stat().st_mode)
    return seen


def write_good(directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in GOOD.items():
        (directory / name).write_text(text, encoding="utf-8")


def invoke(*args: str):
    return CliRunner().invoke(app, ["clean", *args])


def problem_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("copydesk: ")]


def assert_good_written(out: Path, prefix: str = "") -> None:
    for name, text in GOOD.items():
        assert (out / prefix / name).read_text(encoding="utf-8") == text


# --- not text ------------------------------------------------------------------------


@pytest.fixture
def not_text_dir(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    write_good(src)
    for name, (data, _) in NOT_TEXT.items():
        (src / name).write_bytes(data)
    return src


def test_not_text_files_are_skipped_with_a_reason_and_not_written(
    not_text_dir: Path, tmp_path: Path
) -> None:
    before = snapshot(not_text_dir)
    out = tmp_path / "out"
    result = invoke(str(not_text_dir), "--out", str(out), "--report", str(tmp_path / "r.json"))
    assert result.exit_code == 0, result.stderr
    lines = problem_lines(result.stderr)
    assert len(lines) == len(NOT_TEXT)
    for name, (_, cause) in NOT_TEXT.items():
        [line] = [line for line in lines if f"/{name}: " in line]
        assert line.startswith("copydesk: skipped: ")
        assert cause in line
        assert not (out / name).exists()
    assert_good_written(out)
    assert sorted(p.name for p in out.iterdir()) == sorted(GOOD)
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    status = {Path(f["input"]).name: f["status"] for f in report["files"]}
    assert status == {**dict.fromkeys(GOOD, "ok"), **dict.fromkeys(NOT_TEXT, "skipped")}
    assert snapshot(not_text_dir) == before


def test_strict_counts_skipped_files_as_errors(not_text_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke(str(not_text_dir), "--out", str(out), "--strict")
    assert result.exit_code == 3
    assert len(problem_lines(result.stderr)) == len(NOT_TEXT)
    assert_good_written(out)  # --strict changes the verdict, not the work


def test_a_single_binary_file_to_stdout_prints_nothing(tmp_path: Path) -> None:
    (tmp_path / "photo.txt").write_bytes(PNG)
    result = invoke(str(tmp_path / "photo.txt"))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "photo.txt: binary data (a PNG image), not text" in result.stderr


def test_binary_on_stdin_is_skipped() -> None:
    result = CliRunner().invoke(app, ["clean", "-"], input=PNG)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "<stdin>: binary data (a PNG image), not text" in result.stderr


# --- names ---------------------------------------------------------------------------

ODD_NAMES = [
    "two words.txt",
    'it\'s "quoted".txt',
    "-leading-dash.txt",
    "--double-dash.txt",
    "café 東京 ✓.txt",
    "semi;colon & $dollar (1).txt",
]


def test_odd_file_names_are_mirrored_exactly(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "sub dir").mkdir(parents=True)
    text = GOOD["ferry.txt"]
    for name in ODD_NAMES:
        (src / "sub dir" / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = invoke(str(src), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (out / "sub dir").iterdir()) == sorted(ODD_NAMES)
    for name in ODD_NAMES:
        assert (out / "sub dir" / name).read_text(encoding="utf-8") == text


def test_names_that_are_not_utf8_or_hold_newlines_keep_one_line_and_valid_json(
    tmp_path: Path,
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    raw = os.fsencode(src)
    good = GOOD["ferry.txt"].encode()
    for name, data in [
        (b"caf\xe9 latin1.txt", good),  # a name written by a latin-1 system
        (b"new\nline.txt", good),
        (b"empty\xff\n.txt", b""),
    ]:
        with open(os.path.join(raw, name), "wb") as fh:
            fh.write(data)
    out, report = tmp_path / "out", tmp_path / "r.json"
    result = invoke(str(src), "--out", str(out), "--report", str(report))
    assert result.exit_code == 0, result.stderr
    # Outputs carry the real names, byte for byte.
    assert sorted(os.listdir(os.fsencode(out))) == [b"caf\xe9 latin1.txt", b"new\nline.txt"]
    # Messages and the report show them escaped: one line each, valid UTF-8 JSON.
    assert problem_lines(result.stderr) == [
        f"copydesk: skipped: {src}/empty\\xff\\n.txt: empty file"
    ]
    entries = json.loads(report.read_bytes().decode("utf-8"))["files"]
    assert sorted(Path(e["input"]).name for e in entries) == [
        "caf\\xe9 latin1.txt",
        "empty\\xff\\n.txt",
        "new\\nline.txt",
    ]


def test_a_leading_dash_file_can_be_named_after_double_dash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "-story.txt").write_text(GOOD["library.txt"], encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("--", "-story.txt")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == GOOD["library.txt"]


def test_a_missing_file_is_one_error_line(tmp_path: Path) -> None:
    result = invoke(str(tmp_path / "nope.txt"))
    assert result.exit_code == 3
    assert problem_lines(result.stderr) == [
        f"copydesk: error: {tmp_path / 'nope.txt'}: no such file or directory"
    ]


# --- unreadable ----------------------------------------------------------------------


@pytest.mark.skipif(IS_ROOT, reason="root reads files whatever their permissions")
def test_unreadable_file_is_an_error_and_the_run_goes_on(tmp_path: Path) -> None:
    src = tmp_path / "in"
    write_good(src)
    locked = src / "locked.txt"
    locked.write_text(GOOD["ferry.txt"], encoding="utf-8")
    locked.chmod(0)
    try:
        result = invoke(str(src), "--out", str(tmp_path / "out"))
    finally:
        locked.chmod(0o644)
    assert result.exit_code == 3
    assert problem_lines(result.stderr) == [
        f"copydesk: error: {src / 'locked.txt'}: permission denied"
    ]
    assert_good_written(tmp_path / "out")


def test_permission_denied_on_open_is_an_error_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Runs as root too: the open() itself is made to fail as it does for a normal user.
    src = tmp_path / "in"
    write_good(src)
    (src / "locked.txt").write_text(GOOD["ferry.txt"], encoding="utf-8")
    real_open = os.open

    def deny(path, flags, *args, **kwargs):
        if str(path).endswith("locked.txt"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(read_module.os, "open", deny)
    result = invoke(str(src), "--out", str(tmp_path / "out"))
    assert result.exit_code == 3
    assert problem_lines(result.stderr) == [
        f"copydesk: error: {src / 'locked.txt'}: permission denied"
    ]
    assert_good_written(tmp_path / "out")
    assert not (tmp_path / "out" / "locked.txt").exists()


def test_read_error_midway_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "in"
    write_good(src)
    real_read = os.read

    def failing(fd, n):
        if os.readlink(f"/proc/self/fd/{fd}").endswith("library.txt"):
            raise OSError(errno.EIO, "Input/output error")
        return real_read(fd, n)

    if not os.path.exists("/proc/self/fd"):
        pytest.skip("needs /proc to tell which file a descriptor is")
    monkeypatch.setattr(read_module.os, "read", failing)
    result = invoke(str(src), "--out", str(tmp_path / "out"))
    assert result.exit_code == 3
    assert problem_lines(result.stderr) == [
        f"copydesk: error: {src / 'library.txt'}: cannot read: Input/output error"
    ]
    assert (tmp_path / "out" / "ferry.txt").read_text(encoding="utf-8") == GOOD["ferry.txt"]


@pytest.mark.skipif(IS_ROOT, reason="root lists directories whatever their permissions")
def test_unreadable_directory_is_an_error(tmp_path: Path) -> None:
    src = tmp_path / "in"
    write_good(src)
    (src / "closed").mkdir()
    (src / "closed").chmod(0)
    try:
        result = invoke(str(src), "--out", str(tmp_path / "out"))
    finally:
        (src / "closed").chmod(0o755)
    assert result.exit_code == 3
    assert "closed: cannot list directory: Permission denied" in result.stderr
    assert_good_written(tmp_path / "out")


# --- links, FIFOs, devices -------------------------------------------------------------


def test_dangling_symlinks_and_symlink_loops_are_named(tmp_path: Path) -> None:
    src = tmp_path / "in"
    write_good(src)
    (src / "dangling.txt").symlink_to("gone.txt")
    (src / "loop-a.txt").symlink_to("loop-b.txt")
    (src / "loop-b.txt").symlink_to("loop-a.txt")
    (src / "sub").mkdir()
    (src / "sub" / "parent").symlink_to("..")  # a directory loop
    result = invoke(str(src), "--out", str(tmp_path / "out"))
    assert result.exit_code == 3
    assert problem_lines(result.stderr) == [
        f"copydesk: error: {src / 'dangling.txt'}: dangling symlink",
        f"copydesk: error: {src / 'loop-a.txt'}: symlink loop",
        f"copydesk: error: {src / 'loop-b.txt'}: symlink loop",
    ]
    assert_good_written(tmp_path / "out")
    assert not (tmp_path / "out" / "sub").exists()  # each file once, not again via sub/parent


def test_symlinks_outside_the_input_are_followed_only_when_asked(tmp_path: Path) -> None:
    src = tmp_path / "in"
    write_good(src)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "private.txt").write_text(GOOD["ferry.txt"], encoding="utf-8")
    (src / "private.txt").symlink_to(elsewhere / "private.txt")
    (src / "alias.txt").symlink_to("ferry.txt")  # inside: fine, but read once only
    out = tmp_path / "out"
    result = invoke(str(src), "--out", str(out))
    assert result.exit_code == 0
    assert problem_lines(result.stderr) == [
        f"copydesk: skipped: {src / 'alias.txt'}: same file as {src / 'ferry.txt'}",
        f"copydesk: skipped: {src / 'private.txt'}: symlink leads outside the input "
        "directory (use --follow-symlinks)",
    ]
    assert sorted(p.name for p in out.iterdir()) == sorted(GOOD)
    result = invoke(str(src), "--out", str(tmp_path / "out2"), "--follow-symlinks")
    assert result.exit_code == 0
    assert (tmp_path / "out2" / "private.txt").read_text(encoding="utf-8") == GOOD["ferry.txt"]


def test_read_source_never_blocks_on_a_fifo(tmp_path: Path) -> None:
    # A FIFO swapped in after discovery: opened non-blocking, refused after fstat.
    fifo = tmp_path / "late.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError) as info:
        read_source(Source(display="late.txt", relpath="late.txt", path=str(fifo)), 1 << 20)
    assert info.value.kind == "skipped"
    assert info.value.cause == "not a regular file, not read"


def test_read_source_reads_a_regular_file_in_one_call(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A short read of a regular file is its end: no second read to be told so (twice per
    # input, once to analyze and once to write, on every file of a run).
    path = tmp_path / "a.txt"
    path.write_bytes(b"word " * 3000)
    calls = []
    real = os.read
    monkeypatch.setattr(read_module.os, "read", lambda fd, n: calls.append(n) or real(fd, n))
    source = Source(display="a.txt", relpath="a.txt", path=str(path))
    assert read_source(source, 1 << 20) == b"word " * 3000
    assert calls == [15001]


def test_read_source_reads_past_a_size_of_zero() -> None:
    # Files of /proc say they are empty and are not: reading goes on until the end.
    data = read_source(Source(display="status", relpath="status", path="/proc/self/status"),
                       1 << 20)
    assert b"\nPid:" in data and len(data) > 100


def test_read_source_refuses_a_device(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        read_source(Source(display="zero", relpath="zero", path="/dev/zero"), 1 << 20)
    assert info.value.cause == "not a regular file, not read"


def test_fifos_and_devices_are_never_opened(tmp_path: Path) -> None:
    # A real process: opening the FIFO would block it forever, reading /dev/zero would
    # never end. The timeout only guards the test suite against such a hang.
    src = tmp_path / "in"
    write_good(src)
    os.mkfifo(src / "pipe.txt")
    (src / "zeros.txt").symlink_to("/dev/zero")
    (src / "null.txt").symlink_to("/dev/null")
    out = tmp_path / "out"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "copydesk",
            "clean",
            str(src),
            "/dev/null",
            "--out",
            str(out),
            "--follow-symlinks",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert sorted(problem_lines(proc.stderr)) == [
        "copydesk: skipped: /dev/null: a device file, not read",
        f"copydesk: skipped: {src / 'null.txt'}: a device file, not read",
        f"copydesk: skipped: {src / 'pipe.txt'}: a FIFO, not read",
        f"copydesk: skipped: {src / 'zeros.txt'}: a device file, not read",
    ]
    assert_good_written(out)


# --- output directories --------------------------------------------------------------


def test_output_directories_that_do_not_exist_are_created(tmp_path: Path) -> None:
    src = tmp_path / "in"
    write_good(src)
    (src / "a" / "b").mkdir(parents=True)
    (src / "a" / "b" / "deep.txt").write_text(GOOD["ferry.txt"], encoding="utf-8")
    out = tmp_path / "not" / "yet" / "there"
    result = invoke(str(src), "--out", str(out), "--report", str(tmp_path / "new" / "r.json"))
    assert result.exit_code == 0, result.stderr
    assert (out / "a" / "b" / "deep.txt").read_text(encoding="utf-8") == GOOD["ferry.txt"]
    assert_good_written(out)
    assert (tmp_path / "new" / "r.json").is_file()


def test_output_inside_the_input_is_not_read_back(tmp_path: Path) -> None:
    src = tmp_path / "in"
    write_good(src)
    out = src / "clean"
    for _ in range(2):  # the second run must not see the first run's outputs
        result = invoke(str(src), "--out", str(out), "--report", str(tmp_path / "r.json"))
        assert result.exit_code == 0, result.stderr
        report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
        assert sorted(Path(f["input"]).name for f in report["files"]) == sorted(GOOD)
    assert sorted(p.name for p in out.iterdir()) == sorted(GOOD)
    assert not (out / "clean").exists()


def test_a_file_named_inside_the_output_directory_is_skipped(tmp_path: Path) -> None:
    src = tmp_path / "in"
    write_good(src)
    before = snapshot(src)
    result = invoke(str(src / "ferry.txt"), "--out", str(src))
    assert result.exit_code == 0
    assert problem_lines(result.stderr) == [
        f"copydesk: skipped: {src / 'ferry.txt'}: inside the output directory"
    ]
    assert snapshot(src) == before


def test_out_naming_a_file_is_a_usage_error(tmp_path: Path) -> None:
    src = tmp_path / "in"
    write_good(src)
    (tmp_path / "taken").write_text("mine", encoding="utf-8")
    result = invoke(str(src), "--out", str(tmp_path / "taken"))
    assert result.exit_code == 2
    assert "exists and is not a directory" in result.stderr
    assert (tmp_path / "taken").read_text(encoding="utf-8") == "mine"


# --- everything at once ----------------------------------------------------------------


def test_hostile_folder_runs_to_the_end(tmp_path: Path) -> None:
    """The issue's "done when": all of the above next to good scrapes, in a real process."""
    src = tmp_path / "scrapes"
    write_good(src)
    write_good(src / "nested dir")
    for name, (data, _) in NOT_TEXT.items():
        (src / name).write_bytes(data)
    for name in ODD_NAMES:
        (src / "odd" / name).parent.mkdir(exist_ok=True)
        (src / "odd" / name).write_text(GOOD["library.txt"], encoding="utf-8")
    (src / "mixed.txt").write_bytes(
        GOOD["ferry.txt"].encode() + b"\nThe caf\xe9 on the quay stays open late on Fridays.\n"
    )
    with open(os.path.join(os.fsencode(src), b"latin1 caf\xe9.txt"), "wb") as fh:
        fh.write(GOOD["ferry.txt"].encode())  # a name that is not UTF-8
    (src / "dangling.txt").symlink_to("gone.txt")
    (src / "loop.txt").symlink_to("loop.txt")
    os.mkfifo(src / "pipe.txt")
    (src / "zeros.txt").symlink_to("/dev/zero")
    (tmp_path / "secret.txt").write_text(GOOD["ferry.txt"], encoding="utf-8")
    (src / "secret.txt").symlink_to(tmp_path / "secret.txt")
    (src / "sub").mkdir()
    (src / "sub" / "up").symlink_to("..")
    out = src / "clean"  # inside the input, on purpose
    before = snapshot(src)

    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "copydesk",
            "clean",
            str(src),
            "--out",
            str(out),
            "--report",
            str(tmp_path / "report.json"),
            "--jobs",
            "2",
        ],
        capture_output=True,
        text=True,
        timeout=600,  # guards the suite against a hang; the run takes seconds
    )
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 3, proc.stderr  # errors: the dangling link and the loop
    lines = problem_lines(proc.stderr)
    problems = {
        "dangling.txt": ("error", "dangling symlink"),
        "loop.txt": ("error", "symlink loop"),
        "pipe.txt": ("skipped", "a FIFO, not read"),
        "zeros.txt": ("skipped", "symlink leads outside the input directory"),
        "secret.txt": ("skipped", "symlink leads outside the input directory"),
        **{name: ("skipped", cause) for name, (_, cause) in NOT_TEXT.items()},
    }
    assert len(lines) == len(problems)  # one line per file, nothing else
    for name, (kind, cause) in problems.items():
        [line] = [line for line in lines if line.startswith(f"copydesk: {kind}: {src / name}: ")]
        assert cause in line
    assert_good_written(out)
    assert_good_written(out, prefix="nested dir")
    for name in ODD_NAMES:
        assert (out / "odd" / name).read_text(encoding="utf-8") == GOOD["library.txt"]
    with open(os.path.join(os.fsencode(out), b"latin1 caf\xe9.txt"), "rb") as fh:
        assert fh.read() == GOOD["ferry.txt"].encode()
    assert (
        (out / "mixed.txt")
        .read_text(encoding="utf-8")
        .endswith("The café on the quay stays open late on Fridays.\n")
    )
    # Every input byte-identical (the output directory is new), no temporary file anywhere.
    assert {k: v for k, v in snapshot(src).items() if not k.startswith("clean")} == before
    assert not [p for p in snapshot(tmp_path) if ".copydesk-" in p]
