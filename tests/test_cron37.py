"""A site's template remembered across cron runs (cron37).

A cron run brings a few new pages of a site whose earlier pages the index holds. The
template pass counts a line across the run's files, and two files are too few to count
anything: with an index it counts the indexed pages of the run's folders too, by the
lines each held when its own run classified it (its recorded paragraphs and the index's
`template_lines`: what that run then removed, the site's chrome among them). The runs of
probe36's invented sites (`tests/fixtures/runs36/<site>/`) are the goldens: the new pages
of a cron run come out as the folder cleaned in one run writes them (`run/`).
"""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from test_classify_templates import article

from conftest import ROOT, copydesk_exe, run_copydesk, write_tree
from copydesk.core import sitelines
from copydesk.core.config import Config
from copydesk.core.index import Index

RUNS = ROOT / "tests" / "fixtures" / "runs36"
SITES = sorted(p.name for p in RUNS.iterdir() if (p / "pages").is_dir())


def pages_of(site: str) -> list[Path]:
    return sorted((RUNS / site / "pages").glob("*.txt"))


def cron(cli, corpus: Path, out: Path, *extra: str) -> dict:
    """One cron run as the README's crontab line runs it (the corpus, its index at the
    corpus root), with a report."""
    report = out.parent / f"{out.name}.json"
    result = cli(["clean", corpus, "--out", out, "--index", corpus / ".copydesk",
                  "--report", report, "-q", *extra])
    assert result.exit_code == 0, result.stderr
    return json.loads(report.read_text(encoding="utf-8"))


def arrive(corpus: Path, site: str, pages: list[Path]) -> None:
    (corpus / site).mkdir(parents=True, exist_ok=True)
    for page in pages:
        shutil.copy(page, corpus / site / page.name)


def template_lines(index: Path) -> list[tuple[str, int]]:
    with sqlite3.connect(index / "index.sqlite3") as conn:
        return conn.execute("SELECT f.path, t.exact FROM template_lines t "
                            "JOIN files f ON f.id = t.file ORDER BY 1, 2").fetchall()


@pytest.mark.parametrize("site", SITES)
def test_two_new_pages_of_an_indexed_site_come_out_as_the_whole_folder_run(
        cli, tmp_path, site):
    """The first run indexes all pages but two; the next brings the two. pl's and sv's
    cookie banner and newsletter pitch (no rule knows them) went as their template in the
    folder's run; before the index remembered templates, the two pages kept them."""
    pages = pages_of(site)
    corpus, out = tmp_path / "corpus", tmp_path / "clean"
    arrive(corpus, site, pages[:-2])
    cron(cli, corpus, out)
    arrive(corpus, site, pages[-2:])
    report = cron(cli, corpus, out)
    assert report["summary"]["unchanged_in_index"] == len(pages) - 2
    for page in pages[-2:]:
        assert (out / site / page.name).read_text(encoding="utf-8") == (
            RUNS / site / "run" / page.name).read_text(encoding="utf-8")


@pytest.mark.parametrize("site", ["pl-gazetapomorska", "sv-kustposten"])
def test_a_page_at_a_time_the_last_comes_out_as_the_whole_folder_run(cli, tmp_path, site):
    """One page per run: once the index holds enough of the site's pages, a run of one
    page removes the chrome they share (the first pages, cleaned when the index held too
    few, keep theirs: their outputs are written)."""
    pages = pages_of(site)
    corpus, out = tmp_path / "corpus", tmp_path / "clean"
    for page in pages:
        arrive(corpus, site, [page])
        report = cron(cli, corpus, out)
    last = pages[-1].name
    assert (out / site / last).read_text(encoding="utf-8") == (
        RUNS / site / "run" / last).read_text(encoding="utf-8")
    [entry] = [f for f in report["files"] if Path(f["input"]).name == last]
    reasons = [r["reason"] for r in entry["removed"] if r["reason"]["rule"] == "site-template"]
    assert reasons and all("indexed" in r["detail"] for r in reasons)


def test_the_chrome_a_run_removed_is_remembered_for_the_runs_after_it(cli, tmp_path):
    """The run that finds the chrome removes it, so the index's paragraphs lack it; its
    template_lines hold it, and a later run still counts those pages. Here the later run
    cleans one page again (its output was deleted), against the five others only."""
    site = "pl-gazetapomorska"
    pages = pages_of(site)
    corpus, out = tmp_path / "corpus", tmp_path / "clean"
    arrive(corpus, site, pages)
    first = cron(cli, corpus, out)
    removed = {r["text"] for f in first["files"] for r in f["removed"]
               if r["reason"]["rule"] == "site-template"}
    assert removed
    held = {path for path, _ in template_lines(corpus / ".copydesk")}
    assert held == {f"{site}/{p.name}" for p in pages}
    last = out / site / pages[-1].name
    last.unlink()
    again = cron(cli, corpus, out)
    assert again["summary"]["unchanged_in_index"] == len(pages) - 1
    assert last.read_text(encoding="utf-8") == (
        RUNS / site / "run" / pages[-1].name).read_text(encoding="utf-8")


def test_a_cron_run_is_the_same_whatever_the_jobs(cli, tmp_path):
    site = "sv-kustposten"
    pages = pages_of(site)
    corpus = tmp_path / "corpus"
    arrive(corpus, site, pages[:-2])
    cron(cli, corpus, tmp_path / "first")
    arrive(corpus, site, pages[-2:])
    saved = tmp_path / "saved"
    shutil.copytree(corpus / ".copydesk", saved)
    one = cron(cli, corpus, tmp_path / "one", "--jobs", "1")
    held_one = template_lines(corpus / ".copydesk")
    shutil.rmtree(corpus / ".copydesk")
    shutil.copytree(saved, corpus / ".copydesk")
    two = cron(cli, corpus, tmp_path / "two", "--jobs", "2")
    for page in pages[-2:]:
        assert (tmp_path / "one" / site / page.name).read_bytes() == (
            tmp_path / "two" / site / page.name).read_bytes()
    assert template_lines(corpus / ".copydesk") == held_one
    assert [f["removed"] for f in one["files"]] == [f["removed"] for f in two["files"]]


def courier(rng: random.Random, k: int, pitch: str | None) -> str:
    return "\n".join([*article(rng), f"Filed from desk {k}.", *([pitch] if pitch else [])]) + "\n"


def test_a_redesigns_new_chrome_counts_against_the_sites_recent_pages(
        cli, tmp_path, monkeypatch):
    """A prose pitch must recur on half the pages it is counted with. After a redesign it is
    on the newest pages only: counted against the folder's whole history it would wait for
    half of every page ever indexed; the index counts the latest `WINDOW` of each folder."""
    pitch = ("Read the whole Courier archive back to its first issue with a digital "
             "subscription from the shop today and support local reporting.")
    rng = random.Random(37)
    corpus, out = tmp_path / "corpus", tmp_path / "clean"
    write_tree(corpus, {f"site/old{k:02}.txt": courier(rng, k, None) for k in range(12)})
    cron(cli, corpus, out)
    write_tree(corpus, {f"site/new{k:02}.txt": courier(rng, k, pitch) for k in range(4)})
    cron(cli, corpus, out)  # four pages of the new design: under any run's count
    monkeypatch.setattr(sitelines, "WINDOW", 4)
    write_tree(corpus, {"site/new99.txt": courier(rng, 99, pitch)})
    cron(cli, corpus, out)
    assert pitch not in (out / "site" / "new99.txt").read_text(encoding="utf-8")
    monkeypatch.setattr(sitelines, "WINDOW", 256)  # the whole history: 5 of 17 pages
    write_tree(corpus, {"site/new98.txt": courier(rng, 98, pitch)})
    cron(cli, corpus, out)
    assert pitch in (out / "site" / "new98.txt").read_text(encoding="utf-8")


def test_a_changed_or_pruned_file_takes_its_template_lines_with_it(cli, tmp_path):
    site = "pl-gazetapomorska"
    pages = pages_of(site)
    corpus, out = tmp_path / "corpus", tmp_path / "clean"
    arrive(corpus, site, pages)
    cron(cli, corpus, out)
    index = corpus / ".copydesk"
    first = pages[0].name
    assert any(path == f"{site}/{first}" for path, _ in template_lines(index))
    (corpus / site / first).write_text("A page rewritten to one plain sentence.\n",
                                       encoding="utf-8")
    cron(cli, corpus, out)
    assert not any(path == f"{site}/{first}" for path, _ in template_lines(index))
    second = pages[1].name
    (corpus / site / second).unlink()
    assert cli(["index", "prune", "--index", index]).exit_code == 0
    assert not any(path == f"{site}/{second}" for path, _ in template_lines(index))
    with sqlite3.connect(index / "index.sqlite3") as conn:
        orphans = conn.execute("SELECT COUNT(*) FROM template_lines WHERE file NOT IN "
                               "(SELECT id FROM files)").fetchone()[0]
    assert orphans == 0


def test_a_failed_recording_leaves_the_template_lines_as_they_were(cli, tmp_path, monkeypatch):
    """The table is written in the run's one transaction: a run that fails while recording
    (a full disk, here after the first of its two files) leaves it as before, and the next
    run records what that one would have."""
    site = "sv-kustposten"
    pages = pages_of(site)
    corpus, out = tmp_path / "corpus", tmp_path / "clean"
    arrive(corpus, site, pages[:-2])
    cron(cli, corpus, out)
    index = corpus / ".copydesk"
    before = template_lines(index)
    arrive(corpus, site, pages[-2:])
    write = Index._write

    def failing(self, new_files):
        def first_only():
            for k, nf in enumerate(new_files):
                if k:
                    raise sqlite3.OperationalError("database or disk is full")
                yield nf
        write(self, first_only())

    monkeypatch.setattr(Index, "_write", failing)
    result = cli(["clean", corpus, "--out", out, "--index", index, "-q"])
    assert result.exit_code == 5
    assert template_lines(index) == before
    monkeypatch.undo()
    cron(cli, corpus, out)
    calm = tmp_path / "calm"  # the same two runs, neither failing
    arrive(calm, site, pages[:-2])
    cron(cli, calm, tmp_path / "calm-out")
    arrive(calm, site, pages[-2:])
    cron(cli, calm, tmp_path / "calm-out")
    assert template_lines(index) == template_lines(calm / ".copydesk")
    # the failed run had written the first new page's rows, which were rolled back
    assert any(path == f"{site}/{pages[-2].name}" for path, _ in template_lines(index))


def test_two_cron_runs_at_once_both_finish_and_the_table_is_whole(tmp_path):
    """The second run waits on the index's lock; both finish, and the index holds each
    file's template lines once (no run's rows lost, none doubled)."""
    site = "pl-gazetapomorska"
    pages = pages_of(site)
    corpus = tmp_path / "corpus"
    arrive(corpus, site, pages[:4])
    index = corpus / ".copydesk"
    assert run_copydesk(["clean", corpus, "-o", tmp_path / "o0", "--index", index, "-q"]
                        ).returncode == 0
    arrive(corpus, site, pages[4:])
    procs = [subprocess.Popen([*copydesk_exe(), "clean", str(corpus), "-o",
                               str(tmp_path / f"o{k}"), "--index", str(index), "-q"],
                              stderr=subprocess.PIPE) for k in (1, 2)]
    for proc in procs:
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
    rows = template_lines(index)
    assert len(rows) == len(set(rows))
    with Index.open(str(index), Config(), write=False) as idx:
        assert idx.stats()["files"] == len(pages)
    assert {path for path, _ in rows} >= {f"{site}/{p.name}" for p in pages[4:]}


def test_an_index_written_before_template_lines_is_migrated(cli, tmp_path):
    """An index of schema 1 (main before this table) opens: a run that writes to it adds
    the table and raises the schema in its transaction; a run reading it counts its files
    by their paragraphs."""
    site = "sv-kustposten"
    pages = pages_of(site)
    corpus, out = tmp_path / "corpus", tmp_path / "clean"
    arrive(corpus, site, pages[:-2])
    cron(cli, corpus, out)
    db = corpus / ".copydesk" / "index.sqlite3"
    with sqlite3.connect(db) as conn:  # as schema 1 wrote it
        conn.execute("DROP TABLE template_lines")
        conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema'")
    with Index.open(str(corpus / ".copydesk"), Config(), write=False) as idx:
        ids = [i for i, _ in idx.site_pages({site}, set(), 256)]
        assert len(idx.site_lines(ids)[0]) > 0  # the paragraphs, no table needed
    arrive(corpus, site, pages[-2:])
    cron(cli, corpus, out)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() == ("2",)
        assert conn.execute("SELECT COUNT(*) FROM template_lines").fetchone()[0] > 0


def test_the_readmes_cron_line_remembers_a_sites_template(tmp_path):
    """The crontab line of the README's cron section, in a real process, twice: the second
    run's two new pages lose the chrome the first run's pages share."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    line = ("copydesk clean scrapes/ --out clean/ --index .copydesk --quiet --format jsonl "
            ">> duplicates.jsonl")
    assert line in readme
    site = "pl-gazetapomorska"
    pages = pages_of(site)
    news = tmp_path / "news"
    arrive(news / "scrapes", site, pages[:-2])
    args = ["clean", "scrapes/", "--out", "clean/", "--index", ".copydesk", "--quiet",
            "--format", "jsonl"]
    first = run_copydesk(args, cwd=news)
    assert first.returncode == 0 and not first.stderr
    arrive(news / "scrapes", site, pages[-2:])
    second = run_copydesk(args, cwd=news)
    assert second.returncode == 0 and not second.stderr
    for page in pages[-2:]:
        assert (news / "clean" / site / page.name).read_text(encoding="utf-8") == (
            RUNS / site / "run" / page.name).read_text(encoding="utf-8")
