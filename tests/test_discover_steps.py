"""Discovery's per-file steps made once per directory or per run (a join's separator, an
excluded directory's prefix, the glob's regex, the base of relative paths): each answers
as the general function it stands for, and a walk of many files calls none of those per
file."""

from __future__ import annotations

import fnmatch
import os
import posixpath
import random
from pathlib import Path, PurePath

import pytest

from copydesk.core import discover as disc

NAMES = ["a.txt", "b", ".hidden.txt", "ü.txt", "x y.md", "page-01.txt", "a", "..txt", "\udcff.txt"]
DIRECTORIES = ["", "/", "/tmp", "/tmp/", "rel", "rel/", ".", "./x", "/a/b/c", "//srv"]


def test_a_directory_join_is_os_path_join():
    for directory in DIRECTORIES:
        join = disc._join(directory)
        for name in NAMES:
            assert join(name) == os.path.join(directory, name)


def test_inside_any_is_inside_one_of_them():
    rng = random.Random(7)
    parts = ["", "/", "a", "ab", "a/", "b", "srv", "x"]
    paths = {"/".join(rng.choice(parts) for _ in range(rng.randint(1, 4))) for _ in range(400)}
    for roots in ([], ["/a"], ["/a/", "/srv/x"], ["a", "/"], ["/a/b", "/a"]):
        inside = disc._inside_any(roots)
        for path in paths | {"/a", "/a/b", "/ab", "/a/", "/srv/x/y"}:
            assert inside(path) == any(disc._inside(path, root) for root in roots), (path, roots)


@pytest.mark.parametrize("glob", ["*.txt", "*", "page-??.txt", "[ab]*", "*.[tm][xd]*", "a",
                                  "sub/*.txt", "**/*.txt"])
def test_the_glob_matcher_is_matches(glob):
    matcher = disc._matcher(glob)
    for name in NAMES:
        for rel in (name, f"sub/{name}", f"deep/sub/{name}"):
            assert matcher(name, rel) == disc._matches(glob, name, rel), (glob, name, rel)


def test_relative_paths_under_one_base_are_those_of_the_general_rule():
    def general(path: str, base: str) -> str:
        if path.startswith(base.rstrip(os.sep) + os.sep):
            return path[len(base.rstrip(os.sep)) + 1 :].replace(os.sep, "/")
        return PurePath(os.path.relpath(path, base)).as_posix()

    for base in ("/", "/tmp", "/tmp/", "/tmp/corpus", "/srv/x"):
        relative = disc._relative_to(base)
        for path in ("/tmp/corpus/a.txt", "/tmp/corpusx/b.txt", "/srv/x/y/z.txt", "/a.txt"):
            assert relative(path) == general(path, base) == disc._relative(path, base)


def test_a_walk_joins_no_path_per_file(tmp_path: Path, monkeypatch):
    for site in range(3):
        folder = tmp_path / f"site{site}" / "000"
        folder.mkdir(parents=True)
        for n in range(60):
            (folder / f"article{n:03d}.txt").write_text("A line of text.\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "hidden.txt").write_text("not an input\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "old.txt").write_text("an earlier output\n", encoding="utf-8")
    expected = disc.discover([str(tmp_path)], exclude=[str(out)])
    joins = 0
    join = posixpath.join

    def counted(*parts: str) -> str:
        nonlocal joins
        joins += 1
        return join(*parts)

    monkeypatch.setattr(posixpath, "join", counted)
    calls = 0
    match = fnmatch.fnmatchcase

    def counted_match(name: str, pattern: str) -> bool:
        nonlocal calls
        calls += 1
        return match(name, pattern)

    monkeypatch.setattr(fnmatch, "fnmatchcase", counted_match)
    found = disc.discover([str(tmp_path)], exclude=[str(out)])
    assert found.sources == expected.sources and len(found.sources) == 180
    assert all(s.relpath.startswith("site") for s in found.sources)  # no hidden, no output
    assert joins < 20  # per directory at most, not per file
    assert calls == 0  # the glob's regex, compiled once
