"""The hooks of .pre-commit-hooks.yaml, run by the real pre-commit tool on a corpus repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, write_tree

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or not (ROOT / ".git").exists(),
    reason="needs git and a git checkout of copydesk")

P1 = ("The lighthouse on the northern cape will get a new lamp this spring, the coastal "
      "authority said, replacing one that has turned since the nineteen sixties.")
P2 = ("Keepers left the island in the eighties, but a small team still visits every month "
      "to check the mechanism and the fog signal.")
P3 = ("Birdwatchers have asked that the work avoid the nesting season of the puffins that "
      "breed on the cliffs below the tower.")
P4 = ("The ferry to the cape will run twice a day from June, and the old keeper's cottage "
      "is being turned into a small visitor centre.")


def _pre_commit() -> list[str]:
    exe = Path(sys.executable).with_name("pre-commit")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "pre_commit"]


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def _try_repo(repo: Path, hook: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*_pre_commit(), "try-repo", str(ROOT), hook, "--verbose"], cwd=repo,
                          capture_output=True, text=True, env=env, timeout=900)


def test_precommit_rejects_dirty_and_duplicate_scrapes_and_accepts_clean_ones(tmp_path):
    repo = tmp_path / "corpus"
    write_tree(repo, {".gitignore": ".copydesk/\n", "articles/lighthouse.txt": f"{P1}\n\n{P2}\n"})
    _git(repo, "init", "-q")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", ".")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "corpus")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}

    # A dirty scrape: a comment prompt and a related-stories block.
    write_tree(repo, {"articles/dirty.txt":
                      f"{P3}\nLeave a comment\nRelated stories\nA headline about ferries\n"})
    _git(repo, "add", "articles/dirty.txt")
    dirty = _try_repo(repo, "copydesk-check", env)
    assert dirty.returncode == 1, dirty.stdout + dirty.stderr
    assert "articles/dirty.txt: not clean: cleaning removes 3 line(s)" in dirty.stdout
    assert "comment-prompt 'Leave a comment'" in dirty.stdout
    _git(repo, "reset", "-q", "articles/dirty.txt")
    (repo / "articles/dirty.txt").unlink()

    # A clean scrape that repeats a paragraph already committed.
    write_tree(repo, {"articles/copy.txt": f"{P4}\n\n{P2}\n"})
    _git(repo, "add", "articles/copy.txt")
    copy = _try_repo(repo, "copydesk-check", env)
    assert copy.returncode == 1, copy.stdout + copy.stderr
    assert "articles/copy.txt:3: paragraph 2 duplicates articles/lighthouse.txt:3" in copy.stdout
    _git(repo, "reset", "-q", "articles/copy.txt")
    (repo / "articles/copy.txt").unlink()

    # A clean, new scrape passes.
    write_tree(repo, {"articles/new.txt": f"{P3}\n\n{P4}\n"})
    _git(repo, "add", "articles/new.txt")
    ok = _try_repo(repo, "copydesk-check", env)
    assert ok.returncode == 0, ok.stdout + ok.stderr

    # The fixing hook cleans a dirty scrape in place and fails once, as fixers do.
    write_tree(repo, {"articles/fixme.txt": f"Share\n{P3}\nLeave a reply\n"})
    _git(repo, "add", "articles/fixme.txt")
    fixed = _try_repo(repo, "copydesk-fix", env)
    assert fixed.returncode == 1
    assert (repo / "articles/fixme.txt").read_text() == f"{P3}\n"


def test_precommit_hooks_take_staged_files_whose_names_start_with_a_dash(tmp_path):
    # pre-commit appends the staged names to the hook's command line as they are, so a scrape
    # named `-brief.txt` at the corpus root must not be read as an option of `copydesk check`.
    repo = tmp_path / "corpus"
    write_tree(repo, {".gitignore": ".copydesk/\n", "articles/lighthouse.txt": f"{P1}\n\n{P2}\n"})
    _git(repo, "init", "-q")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", ".")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "corpus")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}

    write_tree(repo, {"-brief.txt": f"{P3}\n\n{P4}\n"})
    _git(repo, "add", "--", "-brief.txt")
    ok = _try_repo(repo, "copydesk-check", env)
    assert ok.returncode == 0, ok.stdout + ok.stderr

    write_tree(repo, {"-dirty.txt": f"{P4}\nLeave a comment\n"})
    _git(repo, "add", "--", "-dirty.txt")
    fixed = _try_repo(repo, "copydesk-fix", env)
    assert fixed.returncode == 1, fixed.stdout + fixed.stderr
    assert "-dirty.txt: fixed: removed 1 line(s)" in fixed.stdout
    assert (repo / "-dirty.txt").read_text() == f"{P4}\n"
