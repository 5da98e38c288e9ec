"""Paragraphs a scraper glued into one line (core/unglue.py): cut apart at their joins when
the file shows the habit, and ordinary text (abbreviations, code, paths, names) left whole.

The fixtures (tests/fixtures/unglue/) are invented: an article glued into one line with a
sign-up prompt and a related link glued to its end, a copy of its body written as
paragraphs on another site, and a page of long lines that hold stops between words that
are no paragraph breaks.
"""

from __future__ import annotations

import json

import pytest

from conftest import ROOT, assert_cleans_to_golden, assert_golden_is_stable, run_copydesk
from copydesk.core.unglue import unglue

UNGLUE = ROOT / "tests" / "fixtures" / "unglue"
PAGES = ["en-glued-article", "en-not-glue"]

_SENTENCES = [
    "The harbour board met on Monday and agreed to repair the north wall before the storms",
    "Fishing crews will moor in the outer basin for six weeks while the divers work below",
    "The contract went to a firm from the coast that rebuilt the ferry slip two years ago",
    "Visitors can still walk the pier on weekends, when the cranes stand still for the day",
]


def _glued(joins: int) -> str:
    """One line of `joins + 1` sentences, each glued to the next with no space."""
    return ".".join(_SENTENCES[: joins + 1]) + ".\n"


@pytest.mark.parametrize("name", PAGES)
def test_a_page_cleans_to_its_golden_text(cli, name):
    # Before: the glued article came out as one paragraph, with the newsletter prompt and
    # the related link glued to its end kept.
    assert_cleans_to_golden(cli, UNGLUE, name)


def test_the_chrome_glued_to_the_article_is_removed_and_the_heading_stands_alone(cli):
    out = cli(["clean", str(UNGLUE / "en-glued-article.txt")]).stdout
    assert "newsletter" not in out and "Ferry fares" not in out
    assert "\nWhy it matters\n" in out  # "Why it mattersThe branches ...": a run-on heading
    assert "front desks.\n\nBoard chair Miriam Okafor said" in out


@pytest.mark.parametrize("name", PAGES)
def test_cleaning_the_clean_text_again_changes_nothing(cli, name):
    assert_golden_is_stable(cli, UNGLUE, name)


def test_the_report_says_which_line_was_cut_and_counts_the_lines_after_the_cut(tmp_path):
    report = tmp_path / "report.json"
    done = run_copydesk(["clean", str(UNGLUE / "en-glued-article.txt"), "--out",
                         str(tmp_path / "out"), "--report", str(report)])
    assert done.returncode == 0, done.stderr
    entry = json.loads(report.read_text(encoding="utf-8"))["files"][0]
    assert "glued paragraphs split apart on 1 line(s) (5)" in entry["repairs"]
    removed = {r["text"]: (r["reason"]["rule"], r["lines"]) for r in entry["removed"]}
    # Line 5 became 15 lines (8 paragraphs, a blank line between two): the prompt is 17.
    assert removed["Sign up for our weekly newsletter and never miss a story from the "
                   "valley."] == ("signup-prompt", [17, 17])
    assert removed["Read more: Ferry fares rise for the first time in six years"][0] == (
        "related-inline")
    assert removed["Share this article"][1] == [20, 20]


def test_a_glued_body_and_its_paragraphed_copy_are_clustered(tmp_path):
    # Before: one fingerprint covered the glued body, so the copy's paragraphs were only
    # "contained" in it; now each paragraph is the same paragraph in both files.
    report = tmp_path / "report.json"
    done = run_copydesk(["clean", str(UNGLUE / "en-glued-article.txt"),
                         str(UNGLUE / "en-paragraphed-copy.txt"), "--out",
                         str(tmp_path / "out"), "--report", str(report)])
    assert done.returncode == 0, done.stderr
    clusters = json.loads(report.read_text(encoding="utf-8"))["clusters"]
    pairs = [
        sorted(m["file"].rsplit("/", 1)[-1] for m in c["members"]) for c in clusters
        if all(m.get("jaccard", 1.0) == 1.0 for m in c["members"])
    ]
    assert pairs.count(["en-glued-article.txt", "en-paragraphed-copy.txt"]) == 5


def test_text_whose_stops_are_no_paragraph_breaks_is_left_whole():
    text = (UNGLUE / "en-not-glue.txt").read_text(encoding="utf-8")
    assert unglue(text) == (text, [])


@pytest.mark.parametrize(
    "line",
    [
        # Abbreviations: one letter before the stop, or a title.
        "We met the U.S.The delegation, e.g.The envoy, and Dr.Smith and Mr.Jones",
        # Names, files, versions and paths: no plain capitalised word after the stop.
        "Node.js, www.Example.com, report.PDF, release 3.5.Final and System.Text.Json",
        # A path before the stop.
        "See docs/Guide.Intro and src/Main.Java in the repository",
    ],
)
def test_stops_inside_names_and_abbreviations_are_no_joins(line):
    text = " and ".join([line] * 3) + ", " + _glued(3)
    cut, _ = unglue(text)
    assert cut.count("\n\n") == 3  # only the three glued sentence breaks


def test_a_file_is_cut_only_when_it_shows_three_different_joins():
    assert unglue(_glued(2)) == (_glued(2), [])  # two joins: a writer's slips
    cut, notes = unglue(_glued(3))
    assert cut.split("\n\n") == [s + "." for s in _SENTENCES[:3]] + [_SENTENCES[3] + ".\n"]
    assert notes == ["glued paragraphs split apart on 1 line(s) (1)"]


def test_short_lines_and_code_are_never_cut():
    short = "It rained.Then it stopped.Later it snowed.Now it is sunny.\n"
    assert unglue(short) == (short, [])
    code = "if (ok) { x = a.Value; } " + _glued(3)
    assert unglue(code) == (code, [])


def test_a_name_joined_to_two_members_is_no_glue():
    # "config.Load" and "config.Save": a name and its members, not two paragraph ends.
    line = ("The settings are read with config.Load when the program starts and written "
            "back with config.Save when it stops, and the file lives beside the binary "
            "so that a user can find it and change it with any text editor at all.\n")
    assert unglue(line + line.replace("settings", "options")) == (
        line + line.replace("settings", "options"), [])


def test_cutting_is_idempotent_and_keeps_every_character_but_spaces():
    text = _glued(3) + "Other line\n"
    once, _ = unglue(text)
    assert unglue(once) == (once, [])
    assert once.replace("\n", "").replace(" ", "") == text.replace("\n", "").replace(" ", "")


def test_a_quote_is_cut_after_its_closing_mark_and_before_its_opening_one():
    text = ("The board met on Monday and agreed to repair the north wall before the storms."
            "\u201cWe waited long enough,\u201d said the harbour master, who has asked for the "
            "work since the winter.Fishing crews will moor in the outer basin for six weeks."
            "The divers said \u201cthe wall is sound below the water.\u201dThe work starts "
            "on the first of the month.\n")
    cut, _ = unglue(text)
    assert cut.split("\n\n") == [
        "The board met on Monday and agreed to repair the north wall before the storms.",
        "\u201cWe waited long enough,\u201d said the harbour master, who has asked for the "
        "work since the winter.",
        "Fishing crews will moor in the outer basin for six weeks.",
        "The divers said \u201cthe wall is sound below the water.\u201d",
        "The work starts on the first of the month.\n",
    ]


@pytest.mark.parametrize("path", [UNGLUE / f"{name}.txt" for name in PAGES]
                         + sorted((ROOT / "samples").glob("*.txt")))
def test_a_text_loaded_again_without_its_scan_for_joins_is_the_same(path):
    """A text unglue left as it was is loaded again (render, templates) without the scan:
    the same blocks and notes as loaded afresh; a cut text, or other bytes, are scanned."""
    from copydesk.core.analyze import load
    from copydesk.core.config import Config
    from copydesk.core.model import Source
    from copydesk.core.unglue import cut_in

    source = Source(display=str(path), relpath=path.name, path=str(path))
    first = load(source, Config())
    again = load(source, Config(), uncut=None if cut_in(first.repairs) else first.content_hash)
    other = load(source, Config(), uncut="0" * 32)  # not these bytes: scanned
    for loaded in (again, other):
        assert [(b.text, b.start, b.end) for b in loaded.blocks] == [
            (b.text, b.start, b.end) for b in first.blocks]
        assert loaded.repairs == first.repairs
    assert cut_in(first.repairs) == path.stem.startswith(("en-glued", "glued"))
