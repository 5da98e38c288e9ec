"""`copydesk check`, the pre-commit gate, in-process."""

from __future__ import annotations

from conftest import write_tree

P1 = ("The museum of maritime history will reopen its east wing in May after restoring "
      "the collection of ship models damaged by a leaking roof.")
P2 = ("Volunteers spent two winters cataloguing more than four hundred models, some of them "
      "built by sailors during long voyages in the nineteenth century.")
P3 = ("Admission stays free for children under twelve, and the museum plans evening tours "
      "on the first Friday of every month.")
CLEAN = f"{P1}\n\n{P2}\n"


def test_clean_file_passes(cli, tmp_path):
    write_tree(tmp_path, {"a.txt": CLEAN})
    result = cli(["check", tmp_path / "a.txt"])
    assert result.exit_code == 0 and result.stdout == ""


def test_dirty_file_fails_with_one_line_naming_what_cleaning_removes(cli, tmp_path):
    write_tree(tmp_path, {"a.txt": f"{P1}\nLeave a comment\n{P2}\n"})
    result = cli(["check", tmp_path / "a.txt"])
    assert result.exit_code == 1
    assert result.stdout == (
        f"{tmp_path / 'a.txt'}: not clean: cleaning removes 1 line(s) "
        "(line 2 comment-prompt 'Leave a comment')\n")


def test_layout_only_difference_is_reported_as_reformatting(cli, tmp_path):
    write_tree(tmp_path, {"a.txt": f"{P1}\n{P2}\n"})
    result = cli(["check", tmp_path / "a.txt"])
    assert result.exit_code == 1
    assert "not clean: cleaning reformats it" in result.stdout


def test_fix_rewrites_in_place_then_passes(cli, tmp_path):
    path = tmp_path / "a.txt"
    write_tree(tmp_path, {"a.txt": f"READ MORE:\nOther story headline here today\n{P1}\n{P2}\n"})
    first = cli(["check", "--fix", path])
    assert first.exit_code == 1
    assert first.stdout == f"{path}: fixed: removed 2 line(s)\n"
    assert path.read_text() == CLEAN
    second = cli(["check", "--fix", path])
    assert second.exit_code == 0 and second.stdout == ""


def test_fix_names_duplicate_lines_as_they_were_before_the_fix(cli, tmp_path):
    # After --fix, line 4 of b.txt is gone: "b.txt:4" would send the user to the wrong line.
    write_tree(tmp_path, {"a.txt": CLEAN, "b.txt": f"Leave a comment\n{P3}\n\n{P2}\n"})
    b = tmp_path / "b.txt"
    result = cli(["check", "--fix", tmp_path / "a.txt", b])
    assert result.exit_code == 1
    assert result.stdout == (
        f"{b}: fixed: removed 1 line(s)\n"
        f"{b}: paragraph 3 (line 4 before the fix) duplicates {tmp_path / 'a.txt'}:3 "
        "(jaccard 1.0)\n")
    assert b.read_text() == f"{P3}\n\n{P2}\n"
    again = cli(["check", "--fix", tmp_path / "a.txt", b])
    assert again.stdout == (
        f"{b}:3: paragraph 2 duplicates {tmp_path / 'a.txt'}:3 (jaccard 1.0)\n")


def test_duplicate_of_another_given_file_fails(cli, tmp_path):
    write_tree(tmp_path, {"a.txt": CLEAN, "b.txt": f"{P3}\n\n{P2}\n"})
    result = cli(["check", tmp_path / "a.txt", tmp_path / "b.txt"])
    assert result.exit_code == 1
    assert result.stdout == (
        f"{tmp_path / 'b.txt'}:3: paragraph 2 duplicates {tmp_path / 'a.txt'}:3 "
        "(jaccard 1.0)\n")


def test_duplicate_of_the_corpus_fails_and_names_when_it_was_indexed(cli, tmp_path, monkeypatch):
    write_tree(tmp_path, {"corpus/old.txt": CLEAN, "corpus/new.txt": f"{P3}\n\n{P1}\n"})
    monkeypatch.chdir(tmp_path)
    result = cli(["check", "--corpus", "corpus", "corpus/new.txt"])
    assert result.exit_code == 1
    [line] = result.stdout.splitlines()
    assert line.startswith("corpus/new.txt:3: paragraph 2 duplicates corpus/old.txt:1 "
                           "(jaccard 1.0, indexed ")
    # The checked file itself was not added to the index: checking twice says the same.
    again = cli(["check", "--corpus", "corpus", "corpus/new.txt"])
    assert again.stdout == result.stdout


def test_unreadable_file_exit_code_wins_over_findings(cli, tmp_path):
    write_tree(tmp_path, {"a.txt": f"{P1}\nLeave a comment\n"})
    result = cli(["check", tmp_path / "a.txt", tmp_path / "missing.txt"])
    assert result.exit_code == 3
    assert "missing.txt: no such file or directory" in result.stderr


def test_a_corpus_repository_is_what_git_holds_not_local_drafts(cli, tmp_path, monkeypatch):
    # A staged file is checked against the repository, not against drafts the user keeps
    # beside it (ignored or untracked): those are not part of the corpus.
    import shutil
    import subprocess

    import pytest

    if shutil.which("git") is None:
        pytest.skip("needs git")
    write_tree(tmp_path / "corpus", {"old.txt": CLEAN, ".gitignore": "drafts/\n.copydesk/\n"})

    def git(*args):
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                       cwd=tmp_path / "corpus", check=True, capture_output=True)

    git("init", "-q")
    git("add", ".")
    git("commit", "-qm", "corpus")
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path / "corpus", {"drafts/d.txt": f"{P3}\n", "loose.txt": f"{P3}\n",
                                     "new.txt": f"{P3}\n\n{P1}\n"})
    # An index that took the drafts in earlier (`index update` reads the whole folder)
    # must let them go when it is brought up to date with the repository.
    assert cli(["index", "update", "corpus", "--index", "corpus/.copydesk"]).exit_code == 0
    git("add", "new.txt")
    result = cli(["check", "--corpus", "corpus", "corpus/new.txt"])
    assert result.exit_code == 1
    [line] = result.stdout.splitlines()  # the committed copy only
    assert line.startswith("corpus/new.txt:3: paragraph 2 duplicates corpus/old.txt:1 ")
    # Once committed, the draft's twin is part of the corpus like any other file.
    git("add", "loose.txt")
    git("commit", "-qm", "loose")
    again = cli(["check", "--corpus", "corpus", "corpus/new.txt"])
    assert "duplicates corpus/loose.txt:1" in again.stdout


def test_a_file_the_index_already_holds_is_still_checked(cli, tmp_path, monkeypatch):
    # `index update` took the folder in, dirty file and all; checking that file later must
    # look at it, not skip it as already done.
    write_tree(tmp_path, {"corpus/old.txt": CLEAN,
                          "corpus/dirty.txt": f"{P3}\nLeave a comment\n"})
    monkeypatch.chdir(tmp_path)
    assert cli(["index", "update", "corpus", "--index", "corpus/.copydesk"]).exit_code == 0
    result = cli(["check", "--corpus", "corpus", "corpus/dirty.txt"])
    assert result.exit_code == 1
    assert "corpus/dirty.txt: not clean" in result.stdout
