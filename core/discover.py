"""Turn command-line paths into a stable, sorted list of sources.

Directories are walked recursively (hidden directories skipped) for files whose
name matches the glob. The order is sorted by relative path so that every run,
every `--jobs` value and every machine agrees on which copy came "first".
"""

from __future__ import annotations

import fnmatch
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import PurePath

from .model import Problem, Source

STDIN_NAME = "<stdin>"


@dataclass(slots=True)
class Discovery:
    sources: list[Source] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def printable(name: str) -> str:
    """How a path is shown on stderr and in the report: bytes that are not UTF-8 as
    \\xNN, control characters escaped, so that a problem stays on one line and the
    report stays valid UTF-8. Files are still opened and written by their real names."""
    if name.isprintable():
        return name
    shown = []
    for ch in name:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte, kept by surrogateescape
            shown.append(f"\\x{code - 0xDC00:02x}")
        elif ch.isprintable() or ch == " ":
            shown.append(ch)
        else:
            shown.append(ch.encode("unicode_escape", errors="backslashreplace").decode("ascii"))
    return "".join(shown)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device file"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _matches(glob: str, name: str, rel: str) -> bool:
    if "/" in glob:
        return fnmatch.fnmatchcase(rel, glob) or PurePath(rel).match(glob)
    return fnmatch.fnmatchcase(name, glob)


def _matcher(glob: str) -> Callable[[str, str], bool]:
    """`_matches(glob, name, rel)` as one function: a glob without "/" by its regex, which
    `fnmatchcase` compiles from `fnmatch.translate` and looks up in a cache on every call."""
    if "/" in glob:
        return lambda name, rel: _matches(glob, name, rel)
    match = re.compile(fnmatch.translate(glob)).match
    return lambda name, rel: match(name) is not None


def discover(
    paths: list[str],
    glob: str = "*.txt",
    *,
    stdin: bytes | None = None,
    exclude: list[str] | None = None,
    follow_symlinks: bool = False,
) -> Discovery:
    """Expand `paths` (files, directories, "-") into sources.

    `exclude` lists directories whose files are never inputs (the output
    directory, the index). Symlinks met while walking are followed only when
    they stay inside the directory given, unless `follow_symlinks`.
    """
    found = Discovery()
    excluded = [os.path.realpath(p) for p in (exclude or [])]
    # `_inside(real, ex)` for each excluded directory, its prefix made once, not per file.
    inside_excluded = _inside_any(excluded)
    roots: list[str] = []
    # real path -> every (absolute path, display name, is a symlink) that reaches it
    reached: dict[str, list[tuple[str, str, bool]]] = {}

    def add(abs_path: str, display: str, is_link: bool = False, real: str | None = None) -> None:
        real = real or os.path.realpath(abs_path)
        if inside_excluded(real):
            return
        ways = reached.get(real)
        if ways is None:
            reached[real] = [(abs_path, display, is_link)]
        else:
            ways.append((abs_path, display, is_link))

    for arg in paths:
        if arg == "-":
            continue
        abs_arg = os.path.abspath(arg)
        try:
            st = os.stat(abs_arg)
        except FileNotFoundError:
            cause = "dangling symlink" if os.path.islink(abs_arg) else "no such file or directory"
            found.problems.append(Problem(arg, "error", cause))
            continue
        except OSError as exc:
            found.problems.append(Problem(arg, "error", f"cannot access: {exc.strerror}"))
            continue
        if stat.S_ISDIR(st.st_mode):
            roots.append(abs_arg)
            _walk(arg, abs_arg, glob, follow_symlinks, excluded, add, found)
        elif stat.S_ISREG(st.st_mode):
            if any(_inside(os.path.realpath(abs_arg), ex) for ex in excluded):
                # Named explicitly, so say why it is not read: it is where outputs go.
                found.problems.append(Problem(arg, "skipped", "inside the output directory"))
                continue
            roots.append(os.path.dirname(abs_arg))
            add(abs_arg, arg, os.path.islink(abs_arg))
        else:
            found.problems.append(Problem(arg, "skipped", f"{_kind(st.st_mode)}, not read"))

    # A file reached several ways is read once, under its own name rather than a link's.
    files: list[tuple[str, str, str]] = []
    for real, ways in reached.items():
        if len(ways) > 1:  # most files: reached one way
            ways.sort(key=lambda w: (w[2], w[1]))
        path, display, _ = ways[0]
        files.append((path, display, real))
        for _, other, _ in ways[1:]:
            if other != display:
                found.problems.append(Problem(other, "skipped", f"same file as {display}"))
    base = os.path.commonpath(roots) if roots else os.getcwd()
    # Equal names are one str (a corpus named by its absolute path: display, path and real
    # path alike): the parent holds every source to the end of the run, 20 MB of names
    # fewer at 100,000 files.
    relative = _relative_to(base)
    sources = [
        Source(display=printable(p if display == p else display), relpath=relative(p),
               path=p, real=p if real == p else real)
        for p, display, real in files
    ]
    if "-" in paths:
        sources.append(Source(display=STDIN_NAME, relpath="stdin.txt", data=stdin or b""))
    sources.sort(key=_ORDER)
    found.sources = sources
    found.problems = sorted(
        (Problem(printable(p.display), p.kind, printable(p.cause)) for p in found.problems),
        key=lambda p: p.display,
    )
    return found


# Sources in the run's order: by relative path, then display name (one C call a source).
_ORDER = attrgetter("relpath", "display")


def _relative(path: str, base: str) -> str:
    """`path` relative to `base`, POSIX style. Walked paths are already normal and under
    `base`, so slicing gives what os.path.relpath would, without its per-call work."""
    return _relative_to(base)(path)


def _relative_to(base: str) -> Callable[[str], str]:
    """`_relative(path, base)` for many paths under one `base`, its prefix made once."""
    prefix = base.rstrip(os.sep) + os.sep
    cut = len(prefix)
    slash = os.sep == "/"

    def relative(path: str) -> str:
        if path.startswith(prefix):
            rest = path[cut:]
            return rest if slash else rest.replace(os.sep, "/")
        return PurePath(os.path.relpath(path, base)).as_posix()

    return relative


def _inside_any(roots: list[str]) -> Callable[[str], bool]:
    """`any(_inside(path, root) for root in roots)`, each root's prefix made once."""
    if not roots:
        return lambda path: False
    prefixes = tuple(root.rstrip(os.sep) + os.sep for root in roots)
    exact = frozenset(roots)
    return lambda path: path in exact or path.startswith(prefixes)


def _join(directory: str) -> Callable[[str], str]:
    """`os.path.join(directory, name)` for the names a directory lists (never absolute,
    never holding a separator), the separator decided once: a join is a Python call of
    several steps, and discovery made two a file."""
    prefix = directory if not directory or directory.endswith(os.sep) else directory + os.sep
    return prefix.__add__


def _walk(arg, abs_root, glob, follow_symlinks, excluded, add, found) -> None:
    real_root = os.path.realpath(abs_root)
    matches = _matcher(glob)
    top = os.path.normpath(arg)
    visited: set[str] = set()
    # (directory, its real path, its path relative to the root); a directory entry that is
    # not a symlink lies in its parent's real directory, so nothing below the root is
    # resolved again, and plain entries are typed by the directory listing, not by a stat.
    stack = [(abs_root, real_root, "")]
    while stack:
        directory, real_dir, rel_dir = stack.pop()
        if real_dir in visited:
            continue  # a symlink loop, or a directory reached twice
        visited.add(real_dir)
        if any(_inside(real_dir, ex) for ex in excluded):
            continue
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            display = os.path.join(arg, rel_dir or ".")
            found.problems.append(
                Problem(
                    os.path.normpath(display), "error", f"cannot list directory: {exc.strerror}"
                )
            )
            continue
        shown_dir = os.path.normpath(os.path.join(top, rel_dir)) if rel_dir else top
        shown = str if shown_dir == "." else _join(shown_dir)
        in_real = _join(real_dir)
        subdirs = []
        for entry in entries:
            name = entry.name
            rel = f"{rel_dir}/{name}" if rel_dir else name
            display = shown(name)
            try:
                is_link = entry.is_symlink()
                if not is_link and entry.is_dir(follow_symlinks=False):
                    if not name.startswith("."):
                        subdirs.append((entry.path, in_real(name), rel))
                    continue
                if not is_link and entry.is_file(follow_symlinks=False):
                    if matches(name, rel):
                        add(entry.path, display, False, in_real(name))
                    continue
                st = os.stat(entry.path)  # follows links
            except FileNotFoundError:
                if matches(name, rel):
                    found.problems.append(Problem(display, "error", "dangling symlink"))
                continue
            except OSError as exc:
                cause = "symlink loop" if exc.errno == 40 else f"cannot access: {exc.strerror}"
                found.problems.append(Problem(display, "error", cause))
                continue
            target = os.path.realpath(entry.path) if is_link else in_real(name)
            if is_link and not follow_symlinks and not _inside(target, real_root):
                if stat.S_ISDIR(st.st_mode) or matches(name, rel):
                    found.problems.append(
                        Problem(
                            display,
                            "skipped",
                            "symlink leads outside the input directory (use --follow-symlinks)",
                        )
                    )
                continue
            if stat.S_ISDIR(st.st_mode):
                if not name.startswith("."):
                    subdirs.append((entry.path, target, rel))
                continue
            if not matches(name, rel):
                continue
            if not stat.S_ISREG(st.st_mode):
                found.problems.append(Problem(display, "skipped", f"{_kind(st.st_mode)}, not read"))
                continue
            add(entry.path, display, is_link, target)
        stack.extend(reversed(subdirs))


def git_tracked(directory: str) -> set[str] | None:
    """Real paths of the files git tracks or has staged under `directory`, or None when it is
    not inside a git work tree (or git cannot be run). A corpus repository's ignored and
    untracked files (local drafts) are not part of the corpus a commit is checked against."""
    import subprocess

    try:
        done = subprocess.run(["git", "-C", directory, "ls-files", "-z", "--cached"],
                              capture_output=True, timeout=120, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    names = done.stdout.decode("utf-8", "surrogateescape").split("\0")
    # As in the walk: a file that is not a symlink lies in its directory's real path, so
    # only directories (a few) and links are resolved, not every file of a large corpus.
    real_dirs: dict[str, str] = {}
    tracked = set()
    for name in filter(None, names):
        path = os.path.join(directory, name)
        if os.path.islink(path):
            tracked.add(os.path.realpath(path))
            continue
        parent, base = os.path.split(path)
        real_dir = real_dirs.get(parent)
        if real_dir is None:
            real_dir = real_dirs[parent] = os.path.realpath(parent)
        tracked.add(os.path.join(real_dir, base))
    return tracked
