"""Wiki pages: the edit link a wiki prints after each section heading came out glued to
the heading ("History[edit]", "Geschichte[Bearbeiten | Quelltext bearbeiten]", a fandom
wiki's "Biography[]") and was written with it. The heading stays; its link goes, found
by the marker that ends two or more heading-like lines of the file, in any language.

The fixtures (tests/fixtures/kinds7/) are invented wiki articles: a whole English page
with its chrome, German, French and Spanish article regions, a fandom character page.
"""

from __future__ import annotations

import json

import pytest

from conftest import ROOT
from copydesk.core import editmarks

KINDS = ROOT / "tests" / "fixtures" / "kinds7"

PAGES = {
    "en-wiki-tide-mill.txt": ["History", "Design", "Operation"],
    "de-wiki-gezeitenmuehle.txt": ["Geschichte", "Aufbau", "Betrieb"],
    "fr-wiki-moulin.txt": ["Histoire", "Fonctionnement"],
    "es-wiki-molino.txt": ["Historia", "Funcionamiento"],
    "en-fandom-character.txt": ["Biography", "Personality", "Relationships", "Trivia"],
}


@pytest.mark.parametrize(("name", "headings"), sorted(PAGES.items()))
def test_wiki_headings_are_written_without_their_edit_links(cli, name, headings):
    result = cli(["clean", KINDS / name])
    assert result.exit_code == 0
    written = [line for line in result.stdout.splitlines() if line]
    for heading in headings:
        assert heading in written
    assert not [line for line in written if line.endswith("]") and len(line.split()) < 8]
    # The article's paragraphs under the headings stay.
    assert sum(len(line.split()) >= 20 for line in written) >= len(headings)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_cleaning_the_clean_wiki_page_changes_nothing(cli, tmp_path, name):
    once = cli(["clean", KINDS / name]).stdout
    clean = tmp_path / name
    clean.write_text(once, encoding="utf-8")
    assert cli(["clean", clean]).stdout == once


def test_the_report_records_the_link_cut_from_the_heading(cli, tmp_path):
    report = tmp_path / "report.json"
    result = cli(["clean", KINDS / "de-wiki-gezeitenmuehle.txt", "-r", report])
    assert result.exit_code == 0
    (entry,) = json.loads(report.read_text(encoding="utf-8"))["files"]
    partial = [r for r in entry["removed"] if r.get("partial")]
    assert partial and {r["text"] for r in partial} == {"[Bearbeiten | Quelltext bearbeiten]"}


def test_a_heading_the_rules_remove_without_its_link_goes_as_a_second_run_sees_it(cli):
    # "See also" alone is a header of related links to the rules; with "[edit]" glued on it
    # was read as a heading of the article and kept, and its cleaned form then removed.
    written = cli(["clean", KINDS / "en-wiki-tide-mill.txt"]).stdout.splitlines()
    assert "See also" not in written and "Watermill" not in written


def test_marks_are_found_by_repetition():
    texts = ["Intro text of the page.", "Early years[edit]", "Prose.", "Later years[edit]"]
    assert editmarks.find(texts) == {1: "Early years", 3: "Later years"}
    assert editmarks.find(["Fandom heading[]", "Text.", "Another heading[]"]) == {
        0: "Fandom heading",
        2: "Another heading",
    }


@pytest.mark.parametrize(
    "texts",
    [
        # One marked line alone could be the text's own bracket.
        ["Early years[edit]", "Some prose of the article."],
        # Footnote numbers differ and hold no letters.
        ["Early years[1]", "Later years[1]", "Prose."],
        # A sentence ending in a bracketed aside is not a heading.
        ["It was sold in 1901.[sic]", "The mill was closed.[sic]"],
        # A title's own tag, after a space ("[Tested and Reviewed]", "[20 min]").
        ["Best boxes [Tested and Reviewed]", "Best candles [Tested and Reviewed]"],
        ["Walkthrough [2 min]", "Demo [20 min]", "Walkthrough [2 min]", "Demo [20 min]"],
        # Different markers on each line.
        ["Early years[edit]", "Later years[source]"],
        # A long line is not a heading.
        [
            "one two three four five six seven eight nine ten eleven twelve thirteen[edit]",
            "one two three four five six seven eight nine ten eleven twelve thirteen[edit]",
        ],
    ],
)
def test_lines_that_are_not_marked_headings_are_left(texts):
    assert editmarks.find(texts) is None
