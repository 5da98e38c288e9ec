"""Runs of one site's pages (probe36): a folder cleaned together, as a cron run brings it.

tests/fixtures/runs36/<site>/pages/ holds an invented site's scrapes (en, fr, nl with a
rule pack; pl, sv without): the same chrome on every page, varying as templates do (a
date and a view counter in the footer, a rotating "Most read" list, a share counter, a
breadcrumb's tail, a comment count), whole-page and region scrapes, and body lines that
recur across the site's articles (an agency's credit, a column's standing intro and its
author's line, a correction notice, "The company did not respond to a request for
comment."). `run/` is what the folder cleaned in one run writes, `alone/` what each page
cleaned by itself writes, `truth/` an editor's body (for `bench/runs.py`).

What the run adds to a page alone: the site's chrome goes as "site-template" (the
packless sites' cookie banner and newsletter pitch, which no rule knows), while the
site's standing sentence stays (`templates._standing`); a site's pages that share a
credit or a byline are no copies of one story (`templates._copied`); in a run of several
folders, a line's share is taken of its folders' pages (`templates._pages`).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from test_classify_templates import article, write_run

from conftest import ROOT

RUNS = ROOT / "tests" / "fixtures" / "runs36"
SITES = sorted(p.name for p in RUNS.iterdir() if (p / "pages").is_dir())
PAGES = [(site, p.name) for site in SITES for p in sorted((RUNS / site / "pages").glob("*.txt"))]
STANDING = "The company did not respond to a request for comment."
PACKLESS_CHROME = {
    "pl-gazetapomorska": [
        "Używamy plików cookies, aby zapewnić prawidłowe działanie serwisu, analizować ruch i "
        "dopasować reklamy do Twoich zainteresowań.",
        "Zapisz się na nasz newsletter i otrzymuj najważniejsze wiadomości z regionu każdego "
        "ranka.",
    ],
    "sv-kustposten": [
        "Vi använder kakor för att webbplatsen ska fungera, för att mäta trafiken och för att "
        "visa annonser som passar dig.",
        "Få de viktigaste nyheterna från kusten i din inkorg varje morgon.",
    ],
}


def outputs(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(folder.rglob("*.txt"))}


def clean_run(cli, inputs: list[Path], out: Path, *extra: str) -> dict:
    report = out.parent / f"{out.name}.json"
    result = cli(["clean", *inputs, "--out", out, "--report", report, "-q", *extra])
    assert result.exit_code == 0
    return json.loads(report.read_text(encoding="utf-8"))


def removed_as(report: dict, rule: str) -> dict[str, set[str]]:
    """Per input file name: the texts the report lists as removed by `rule`."""
    return {Path(f["input"]).name: {r["text"] for r in f.get("removed", [])
                                    if r["reason"]["rule"] == rule}
            for f in report["files"]}


def test_each_site_holds_a_run_of_pages():
    assert len(SITES) >= 5
    for site in SITES:
        names = sorted(p.name for p in (RUNS / site / "pages").glob("*.txt"))
        assert len(names) >= 6
        for golden in ("run", "alone", "truth"):
            assert sorted(p.name for p in (RUNS / site / golden).glob("*.txt")) == names


@pytest.mark.parametrize("site", SITES)
def test_a_site_cleaned_as_one_run_gives_its_golden_texts(cli, tmp_path, site):
    clean_run(cli, [RUNS / site / "pages"], tmp_path / "out")
    assert outputs(tmp_path / "out") == outputs(RUNS / site / "run")


@pytest.mark.parametrize(("site", "name"), PAGES, ids=[f"{s}/{n}" for s, n in PAGES])
def test_a_page_cleaned_alone_gives_its_golden_text(cli, site, name):
    result = cli(["clean", RUNS / site / "pages" / name])
    assert result.exit_code == 0
    assert result.stdout == (RUNS / site / "alone" / name).read_text(encoding="utf-8")


def test_a_sites_standing_sentence_stays_in_the_run_and_is_reported_as_a_duplicate(
        cli, tmp_path):
    site = RUNS / "en-harbourledger"
    holders = sorted(p.name for p in (site / "truth").glob("*.txt")
                     if STANDING in p.read_text(encoding="utf-8").splitlines())
    assert len(holders) == 5  # of the run's 8 pages: as many as a template needs
    report = clean_run(cli, [site / "pages"], tmp_path / "out")
    for name in holders:
        assert STANDING in (tmp_path / "out" / name).read_text(encoding="utf-8").splitlines()
    assert not any(STANDING in texts for texts in removed_as(report, "site-template").values())
    # The same sentence in five files is one cluster of duplicates, not dropped. It closes
    # five unrelated articles: reported as boilerplate, apart from story clusters
    # (session 34).
    clusters = [c for c in report["boilerplate"] if c["files"] == len(holders)]
    assert len(clusters) == 1


@pytest.mark.parametrize("site", sorted(PACKLESS_CHROME))
def test_a_packless_sites_chrome_goes_as_its_template_in_the_run(cli, tmp_path, site):
    """The pages share an agency's credit, a byline, a column's intro two or three at a
    time: that is no copied story, and the chrome beside them is the run's template."""
    report = clean_run(cli, [RUNS / site / "pages"], tmp_path / "out")
    gone = removed_as(report, "site-template")
    for line in PACKLESS_CHROME[site]:
        holders = [p.name for p in (RUNS / site / "pages").glob("*.txt")
                   if line in p.read_text(encoding="utf-8").splitlines()]
        assert len(holders) >= 5
        for name in holders:
            assert line not in (tmp_path / "out" / name).read_text(encoding="utf-8")
        # where the page kept it (a region scrape may lose it to the line model first)
        assert sum(line in gone[name] for name in holders) >= 5


def test_folders_of_sites_cleaned_together_give_each_sites_run(cli, tmp_path):
    """`clean scrapes/` with a folder per site: each site's chrome is on every page of its
    folder, a fifth of the run; its share is taken of its folder's pages."""
    clean_run(cli, [RUNS / site / "pages" for site in SITES], tmp_path / "out")
    for site in SITES:
        assert outputs(tmp_path / "out" / site / "pages") == outputs(RUNS / site / "run")


def test_a_run_is_the_same_whatever_the_order_of_its_files_and_the_jobs(cli, tmp_path):
    pages = [RUNS / site / "pages" / name for site, name in PAGES]
    first = clean_run(cli, pages, tmp_path / "one", "--jobs", "1")
    second = clean_run(cli, pages[::-1], tmp_path / "two", "--jobs", "2")
    assert outputs(tmp_path / "one") == outputs(tmp_path / "two")
    for report, out in ((first, "one"), (second, "two")):
        for f in report["files"]:
            f["output"] = Path(f["output"]).relative_to(tmp_path / out).as_posix()
        report.pop("summary")
    assert first == second


@pytest.mark.parametrize("site", SITES)
def test_a_sites_run_cleaned_again_as_a_run_changes_nothing(cli, tmp_path, site):
    clean_run(cli, [RUNS / site / "run"], tmp_path / "out")
    assert outputs(tmp_path / "out") == outputs(RUNS / site / "run")


STANDING_SENTENCE = "The council did not respond to a request for comment."
CHROME_SENTENCE = "Read every story from the Courier on your phone each morning."
CHROME_BUTTON = "Download the Courier app"


def test_a_standing_sentence_on_half_the_pages_stays(tmp_path):
    rng = random.Random(17)
    files = {f"page{k:02}.txt": [*article(rng), *([STANDING_SENTENCE] if k % 2 else [])]
             for k in range(12)}
    texts, reasons = write_run(tmp_path, files)
    for k in range(1, 12, 2):
        assert STANDING_SENTENCE in texts[f"page{k:02}.txt"].splitlines()
        assert reasons[f"page{k:02}.txt"].get(STANDING_SENTENCE) != "site-template"


def test_a_sentence_beside_other_chrome_on_half_the_pages_goes(tmp_path):
    """The same share, but the sentence sits over a button the run finds as chrome too:
    chrome comes in blocks, a site's standing sentence in the article's text."""
    rng = random.Random(17)
    files = {f"page{k:02}.txt": [*article(rng),
                                 *([CHROME_SENTENCE, CHROME_BUTTON] if k % 2 else [])]
             for k in range(12)}
    texts, reasons = write_run(tmp_path, files)
    for k in range(1, 12, 2):
        assert CHROME_SENTENCE not in texts[f"page{k:02}.txt"]
        assert reasons[f"page{k:02}.txt"][CHROME_SENTENCE] == "site-template"


def test_pages_sharing_an_intro_two_at_a_time_still_lose_their_chrome(tmp_path):
    """A site's pages share short lines with each other (a column's standing intro on two
    of them): no copies of one story, so the footer on every page is still the template."""
    rng = random.Random(23)
    footer = "The Coast Courier is an independent weekly paper covering the northern shore."
    files = {f"page{k:02}.txt": [*article(rng), f"Every week columnist number {k // 2} "
                                 "visits a village on the shore.", footer]
             for k in range(10)}
    texts, reasons = write_run(tmp_path, files)
    for name in files:
        assert footer not in texts[name]
        assert reasons[name][footer] == "site-template"
