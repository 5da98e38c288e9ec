"""The persistent index: incremental runs, earlier-run matches, safety under cron."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import time

import pytest

from conftest import ROOT, copydesk_exe, run_copydesk, tree_digest, write_tree
from copydesk.core.config import Config
from copydesk.core.index import Index

P1 = ("The regional water board confirmed on Thursday that the reservoir above Halden "
      "reached its lowest level in thirty years after a dry spring.")
P2 = ("Farmers in the valley have been asked to cut irrigation by a fifth until the autumn "
      "rains return, the board said in a statement.")
P3 = ("Engineers will inspect the old dam wall next month, and the board expects to publish "
      "their findings before the end of the year.")
OTHER = ("A new cycling path between the harbour and the university campus opens to the "
         "public next week after two years of construction work.")


def _report(path):
    return json.loads(path.read_text())


def test_second_run_processes_only_new_files_and_names_earlier_matches(cli, tmp_path):
    scrapes = write_tree(tmp_path / "scrapes", {"day1/a.txt": f"{P1}\n{P2}\n{P3}\n"})
    index = tmp_path / "idx"
    first = cli(["clean", scrapes, "-o", tmp_path / "out", "-r", tmp_path / "r1.json",
                 "--index", index])
    assert first.exit_code == 0, first.stderr
    # The next hour brings a copy of one paragraph in a new file.
    write_tree(scrapes, {"day2/b.txt": f"{OTHER}\n{P2}\n"})
    second = cli(["clean", scrapes, "-o", tmp_path / "out", "-r", tmp_path / "r2.json",
                  "--index", index])
    assert second.exit_code == 0, second.stderr
    report = _report(tmp_path / "r2.json")
    assert [f["input"] for f in report["files"]] == [str(scrapes / "day2/b.txt")]
    assert report["summary"]["unchanged_in_index"] == 1
    [cluster] = report["clusters"]
    canonical, member = cluster["members"]
    assert canonical["file"] == str(scrapes / "day1/a.txt") and canonical["paragraph"] == 2
    assert "indexed" in canonical and canonical["indexed"].endswith("Z")
    assert member["file"] == str(scrapes / "day2/b.txt") and "indexed" not in member
    # A third run with nothing new does nothing.
    third = cli(["clean", scrapes, "-o", tmp_path / "out", "-r", tmp_path / "r3.json",
                 "--index", index])
    assert _report(tmp_path / "r3.json")["summary"]["unchanged_in_index"] == 2
    assert third.exit_code == 0


def test_seen_paragraphs_dropped_against_earlier_runs(cli, tmp_path):
    index = tmp_path / "idx"
    write_tree(tmp_path, {"old.txt": f"{P1}\n{P2}\n", "new.txt": f"{OTHER}\n{P1}\n"})
    cli(["clean", tmp_path / "old.txt", "--index", index])
    result = cli(["clean", tmp_path / "new.txt", "--index", index, "--drop-seen-paragraphs"])
    assert result.stdout == f"{OTHER}\n"


def test_changed_file_is_reprocessed_and_replaced_in_the_index(cli, tmp_path):
    index = tmp_path / "idx"
    write_tree(tmp_path, {"a.txt": f"{P1}\n"})
    cli(["clean", tmp_path / "a.txt", "--index", index])
    write_tree(tmp_path, {"a.txt": f"{P2}\n{P3}\n"})
    cli(["clean", tmp_path / "a.txt", "--index", index])
    with Index.open(str(index), Config(), write=False) as idx:
        stats = idx.stats()
    assert stats["files"] == 1 and stats["paragraphs"] == 2


def test_index_built_with_other_parameters_is_refused(cli, tmp_path):
    index = tmp_path / "idx"
    write_tree(tmp_path, {"a.txt": f"{P1}\n", "other.toml": "[copydesk]\nngram = 4\n"})
    assert cli(["clean", tmp_path / "a.txt", "--index", index]).exit_code == 0
    result = cli(["clean", tmp_path / "a.txt", "--index", index,
                  "--config", tmp_path / "other.toml"])
    assert result.exit_code == 5
    assert "ngram" in result.stderr and "copydesk index rebuild" in result.stderr
    rebuilt = cli(["index", "rebuild", tmp_path / "a.txt", "--index", index,
                   "--config", tmp_path / "other.toml"])
    assert rebuilt.exit_code == 0, rebuilt.stderr


def test_locked_index_gives_a_clear_error_not_a_hang(cli, tmp_path):
    index = tmp_path / "idx"
    write_tree(tmp_path, {"a.txt": f"{P1}\n"})
    with Index.open(str(index), Config(), write=True):
        result = cli(["clean", tmp_path / "a.txt", "--index", index, "--lock-timeout", "0.3"])
    assert result.exit_code == 5
    assert "locked by another copydesk run" in result.stderr
    assert f"pid {os.getpid()}" in result.stderr


def test_prune_forgets_vanished_files_and_stats_count(cli, tmp_path):
    corpus = write_tree(tmp_path / "corpus", {"a.txt": f"{P1}\n", "b.txt": f"{P2}\n"})
    index = tmp_path / "corpus/.copydesk"
    assert cli(["index", "update", corpus, "--index", index]).exit_code == 0
    (corpus / "b.txt").unlink()
    result = cli(["index", "prune", "--index", index])
    assert result.stdout == "forgot b.txt\n"
    stats = json.loads(cli(["index", "stats", "--index", index, "--json"]).stdout)
    assert stats["files"] == 1 and stats["paragraphs"] == 1


def test_index_commands_are_quiet_in_cron_unless_verbose(tmp_path):
    # As `clean`: with stderr not a terminal, nothing to mail when all went well.
    corpus = write_tree(tmp_path / "corpus", {"a.txt": f"{P1}\n", "b.txt": f"{P2}\n"})
    index = tmp_path / "corpus/.copydesk"
    for args in (["update", corpus], ["rebuild", corpus], ["prune"]):
        quiet = run_copydesk(["index", *args, "--index", index])
        assert quiet.returncode == 0 and quiet.stderr == b"", args
    (corpus / "b.txt").unlink()
    told = run_copydesk(["index", "prune", "--index", index, "-v"])
    assert told.stdout == b"forgot b.txt\n"  # data, whoever reads it
    assert told.stderr == b"copydesk: 1 file(s) forgotten\n"
    told = run_copydesk(["index", "update", corpus, "--index", index, "--verbose"])
    assert b"the index holds 1 file(s), 1 paragraph(s)" in told.stderr


def test_stats_of_an_empty_index_reads_plainly(cli, tmp_path):
    corpus = write_tree(tmp_path / "corpus", {"a.txt": f"{P1}\n"})
    index = tmp_path / "idx"
    assert cli(["index", "update", corpus, "--index", index]).exit_code == 0
    assert "files       1 (ok 1)\n" in cli(["index", "stats", "--index", index]).stdout
    (corpus / "a.txt").unlink()
    assert cli(["index", "prune", "--index", index]).exit_code == 0
    assert "files       0\n" in cli(["index", "stats", "--index", index]).stdout


@pytest.mark.skipif(__import__("shutil").which("git") is None, reason="needs git")
def test_an_index_copydesk_made_is_never_picked_up_by_git(cli, tmp_path, monkeypatch):
    # A corpus repository whose .gitignore lacks `.copydesk/`: `git add -A` after the
    # pre-commit check must not commit the index database.
    repo = write_tree(tmp_path / "repo", {"a.txt": f"{P1}\n\n{P2}\n"})
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    monkeypatch.chdir(repo)
    assert cli(["check", "--corpus", ".", "a.txt"]).exit_code == 0
    assert (repo / ".copydesk/index.sqlite3").exists()
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=repo,
                            capture_output=True, text=True, check=True).stdout
    assert status == "?? a.txt\n"
    # A directory the user already had is theirs: nothing is added to it.
    mine = tmp_path / "mine"
    mine.mkdir()
    assert cli(["index", "update", repo / "a.txt", "--index", mine]).exit_code == 0
    assert not (mine / ".gitignore").exists()


def _corpus(root, n):
    """n files of invented, distinct paragraphs plus shared wire copies."""
    files = {}
    for i in range(n):
        paras = [f"Report {i} part {j}: the district office counted {i * 7 + j} new permits "
                 f"for houses on plot {j} of the {i}th ward, officials said on day {j}."
                 for j in range(8)]
        if i % 5 == 0:
            paras.append(P2)
        files[f"f{i:04d}.txt"] = "\n".join(paras) + "\n"
    return write_tree(root, files)


def test_kill_9_leaves_index_as_before_and_next_run_completes(tmp_path):
    scrapes = _corpus(tmp_path / "scrapes", 40)
    index, out = tmp_path / "idx", tmp_path / "out"
    assert run_copydesk(["clean", scrapes, "-o", out, "--index", index]).returncode == 0
    with Index.open(str(index), Config(), write=False) as idx:
        before = idx.stats()
    _corpus(tmp_path / "scrapes/new", 400)
    proc = subprocess.Popen([*copydesk_exe(), "clean", str(scrapes), "-o", str(out),
                             "--index", str(index)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    # Kill it as soon as it has started writing this run's outputs.
    deadline = time.monotonic() + 120
    while not (out / "new").exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    if proc.returncode != -signal.SIGKILL:
        pytest.skip("the run finished before it could be killed")
    with Index.open(str(index), Config(), write=False) as idx:
        assert idx.stats()["files"] == before["files"]
        assert idx.stats()["paragraphs"] == before["paragraphs"]
    # The next run completes the work, with the result of an uninterrupted run, and
    # clears the temporary file the killed run may have left behind.
    assert run_copydesk(["clean", scrapes, "-o", out, "--index", index]).returncode == 0
    assert not [p for p in out.rglob("*") if p.name.startswith(".copydesk-")]
    fresh = tmp_path / "fresh"
    assert run_copydesk(["clean", scrapes, "-o", fresh, "--index", tmp_path / "idx2"]
                        ).returncode == 0
    assert tree_digest(out) == tree_digest(fresh)
    with Index.open(str(index), Config(), write=False) as idx:
        assert idx.stats()["files"] == 440


def test_readme_documents_the_index_location_and_a_crontab_line():
    import re

    readme = (ROOT / "README.md").read_text()
    assert ".copydesk/" in readme
    assert re.search(r"^ +[\d*]+ [\d*]+ \* \* \* .*copydesk clean .*--index .*--quiet", readme,
                     re.MULTILINE)


def _tables(index_dir) -> dict[str, list[tuple]]:
    import sqlite3

    conn = sqlite3.connect(index_dir / "index.sqlite3")
    try:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
                for t in ("lsh", "anchors", "headlines")} | {
            "paragraphs": conn.execute("SELECT * FROM paragraphs ORDER BY id").fetchall()}
    finally:
        conn.close()


def test_keys_written_in_slices_make_the_same_index(cli, tmp_path, monkeypatch):
    # A first run over a large corpus inserts its keys a slice at a time, so that they are
    # never all in memory: the index must hold exactly what one batch would have written,
    # and find the same earlier copies.
    import copydesk.core.index as index_module

    scrapes = _corpus(tmp_path / "scrapes", 30)
    cli(["clean", scrapes, "-o", tmp_path / "o1", "--index", tmp_path / "whole"])
    monkeypatch.setattr(index_module, "KEY_FLUSH_PARAGRAPHS", 7)
    cli(["clean", scrapes, "-o", tmp_path / "o2", "--index", tmp_path / "sliced"])
    whole, sliced = _tables(tmp_path / "whole"), _tables(tmp_path / "sliced")
    assert whole["lsh"] and whole["anchors"]
    assert sliced == whole
    write_tree(tmp_path / "new", {"late.txt": f"{OTHER}\n{P2}\n"})
    reports = []
    for name in ("whole", "sliced"):
        result = cli(["clean", tmp_path / "new", "--index", tmp_path / name, "-f", "jsonl"])
        # The two indexes were built a moment apart: their timestamps may differ.
        reports.append(sorted(re.sub(r'"indexed": "[^"]*"', '"indexed": "T"', line)
                              for line in result.stdout.splitlines()))
    assert reports[0] == reports[1] and any('"indexed"' in line for line in reports[0])


def test_spilled_fingerprints_read_back_exactly_as_they_were(tmp_path):
    # A recording run parks its fingerprints on disk through rendering and reads each
    # file's range back: every column must come back bit for bit, ragged or not.
    from dataclasses import fields

    import numpy as np

    from copydesk.core.fingerprint import Fingerprinter, Prints
    from copydesk.core.spill import SpilledPrints

    texts = [P1, "Short line.", P2, "", P3 + " " + P1, OTHER, "Two words", P2.upper()]
    prints = Fingerprinter(Config()).prints(texts)
    spilled = SpilledPrints(prints, str(tmp_path))
    try:
        assert os.listdir(tmp_path) == []  # nothing a killed run could leave behind
        for lo, hi in [(0, len(texts)), (0, 0), (3, 3), (1, 2), (2, 7), (5, len(texts))]:
            got, want = spilled.rows(lo, hi), prints.slice(lo, hi)
            for f in fields(Prints):
                a, b = getattr(got, f.name), getattr(want, f.name)
                assert a.dtype == b.dtype and a.shape == b.shape, (f.name, lo, hi)
                assert np.array_equal(a, b), (f.name, lo, hi)
    finally:
        spilled.close()


def test_index_recorded_through_disk_is_the_one_memory_would_write(cli, tmp_path, monkeypatch):
    import copydesk.core.pipeline as pipeline_module

    class InMemory:  # what recording read before fingerprints were parked on disk
        def __init__(self, prints, index):
            self.prints = prints

        def rows(self, lo, hi):
            return self.prints.slice(lo, hi)

        def close(self):
            pass

    scrapes = _corpus(tmp_path / "scrapes", 12)
    cli(["clean", scrapes, "-o", tmp_path / "o1", "--index", tmp_path / "disk"])
    monkeypatch.setattr(pipeline_module, "spill", InMemory)
    cli(["clean", scrapes, "-o", tmp_path / "o2", "--index", tmp_path / "memory"])
    disk, memory = _tables(tmp_path / "disk"), _tables(tmp_path / "memory")
    assert disk["paragraphs"] and disk == memory
    assert sorted(os.listdir(tmp_path / "disk")) == sorted(os.listdir(tmp_path / "memory"))


def test_failed_recording_is_an_index_error_that_keeps_outputs_and_the_index(
        cli, tmp_path, monkeypatch):
    import sqlite3

    write_tree(tmp_path / "day1", {"a.txt": f"{P1}\n{P2}\n"})
    write_tree(tmp_path / "day2", {"b.txt": f"{OTHER}\n{P3}\n"})
    index = tmp_path / "idx"
    assert cli(["clean", tmp_path / "day1", "-o", tmp_path / "out1", "--index", index]
               ).exit_code == 0
    before = _tables(index)

    def full_disk(self, new_files, **kwargs):
        list(new_files)
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(Index, "record", full_disk)
    result = cli(["clean", tmp_path / "day2", "-o", tmp_path / "out2", "--index", index])
    assert result.exit_code == 5
    [line] = result.stderr.strip().splitlines()
    assert str(index) in line and "database or disk is full" in line and "Traceback" not in line
    assert (tmp_path / "out2" / "b.txt").read_text().split() == f"{OTHER}\n{P3}".split()
    assert _tables(index) == before
    monkeypatch.undo()
    # The next run finds the file not yet indexed and records it.
    again = cli(["clean", tmp_path / "day2", "-o", tmp_path / "out2", "--index", index,
                 "-f", "json"])
    assert again.exit_code == 0
    assert json.loads(again.stdout)["summary"]["unchanged_in_index"] == 0


def test_lookup_in_slices_finds_what_one_lookup_finds(cli, tmp_path, monkeypatch):
    # A large run looks its paragraphs up in the index a slice at a time (all its LSH keys
    # at once were gigabytes): the earlier copies found must be the same.
    import copydesk.core.index as index_module

    scrapes = _corpus(tmp_path / "scrapes", 20)
    assert cli(["index", "update", "--index", tmp_path / "idx", scrapes]).exit_code == 0
    late = write_tree(tmp_path / "late", {
        "a.txt": f"{OTHER}\n{P2}\n",
        "b.txt": "\n".join(f"Report {i} part 3: the district office counted {i * 7 + 3} new "
                           f"permits for houses on plot 3 of the {i}th ward, officials said "
                           f"on day 3." for i in range(0, 20, 3)) + "\n"})
    reports = []
    for size in (index_module.RETRIEVE_PARAGRAPHS, 2):
        monkeypatch.setattr(index_module, "RETRIEVE_PARAGRAPHS", size)
        result = cli(["clean", late, "--index", tmp_path / "idx", "-f", "json"])
        assert result.exit_code == 0, result.stderr
        reports.append(json.loads(result.stdout))
    assert reports[0]["index"]["earlier_paragraphs"] >= 8
    assert reports[1] == reports[0]


def test_an_output_deleted_since_the_last_run_is_written_again(cli, tmp_path):
    # The index says what was cleaned, not what is still in --out: a clean file removed by
    # hand (or a new --out) must not be skipped as done for ever.
    scrapes = write_tree(tmp_path / "scrapes", {"a.txt": f"{P1}\n{P2}\n", "b.txt": f"{OTHER}\n"})
    index, out = tmp_path / "idx", tmp_path / "out"
    assert cli(["clean", scrapes, "-o", out, "--index", index]).exit_code == 0
    first = (out / "a.txt").read_text()
    (out / "a.txt").unlink()
    again = cli(["clean", scrapes, "-o", out, "--index", index, "-f", "json"])
    assert again.exit_code == 0
    assert json.loads(again.stdout)["summary"]["unchanged_in_index"] == 1  # b.txt only
    assert (out / "a.txt").read_text() == first
    elsewhere = cli(["clean", scrapes, "-o", tmp_path / "other", "--index", index, "-f", "json"])
    assert json.loads(elsewhere.stdout)["summary"]["unchanged_in_index"] == 0
    assert (tmp_path / "other" / "b.txt").exists()


def test_a_corpus_reached_through_a_symlink_is_the_same_corpus(cli, tmp_path):
    # Cron may name the corpus through a link (a "current" symlink to a dated folder): the
    # index knows files by their real paths, so the run through the real path finds every
    # file already done, and a new file's paragraph is matched against them.
    scrapes = write_tree(tmp_path / "scrapes", {"day1/a.txt": f"{P1}\n{P2}\n",
                                                "day1/deep/b.txt": f"{P3}\n"})
    (tmp_path / "current").symlink_to(scrapes)
    index = tmp_path / "idx"
    first = cli(["clean", tmp_path / "current", "-o", tmp_path / "out", "--index", index,
                 "--format", "json"])
    assert first.exit_code == 0, first.stderr
    again = cli(["clean", scrapes, "-o", tmp_path / "out", "--index", index,
                 "--format", "json"])
    assert again.exit_code == 0, again.stderr
    assert json.loads(again.stdout)["summary"]["unchanged_in_index"] == 2
    write_tree(scrapes, {"day2/c.txt": f"{OTHER}\n{P2}\n"})
    third = cli(["clean", tmp_path / "current", "-o", tmp_path / "out", "--index", index,
                 "--format", "json", "--drop-seen-paragraphs"])
    assert third.exit_code == 0, third.stderr
    dropped = [e for f in json.loads(third.stdout)["files"] for e in f["removed"]
               if e["reason"]["rule"] == "seen-paragraph"]
    assert [e["text"] for e in dropped] == [P2]
