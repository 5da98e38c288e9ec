"""A source's equal names are one str: the parent holds every source to the end of a run."""

import os
import sys

import pytest

from copydesk.core.discover import discover


def _tree(root) -> None:
    for k in range(3):
        (root / f"d{k}").mkdir()
        (root / f"d{k}" / "story.txt").write_text("The ferry runs every hour.\n")


def test_a_corpus_named_by_its_absolute_path_shares_its_names(tmp_path):
    _tree(tmp_path)
    root = os.path.realpath(tmp_path)
    found = discover([root])
    assert len(found.sources) == 3
    for s in found.sources:
        assert s.display == s.path == s.real == os.path.join(root, s.relpath)
        assert s.display is s.path and s.real is s.path


def test_names_that_differ_stay_apart(tmp_path, monkeypatch):
    _tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    found = discover(["d1"])
    (s,) = found.sources
    assert s.display == os.path.join("d1", "story.txt")
    assert s.path == s.real == os.path.join(os.path.realpath(tmp_path), "d1", "story.txt")
    assert s.real is s.path


@pytest.mark.skipif(sys.platform != "linux", reason="names of any bytes")
def test_an_unprintable_name_is_shown_printable_not_shared(tmp_path):
    root = os.path.realpath(tmp_path)
    name = os.fsdecode(b"bad\xff.txt")
    with open(os.path.join(root, name), "w") as fh:
        fh.write("The ferry runs every hour.\n")
    (s,) = discover([root]).sources
    assert s.path == os.path.join(root, name)
    assert s.display == os.path.join(root, "bad\\xff.txt")
