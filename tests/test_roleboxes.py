"""An author box with a role line between the author's name and a bio that opens with the
name, a bio under a short line that ends with the name ("Written by ...") or that opens
with it and gives a role after a separator ("Lena Ward, Founder of ..."), after the
article (core/roleboxes.py): it goes, in English with a credential the bio writes as a
title, and in German; a bio alone whose name only a byline or credit above shows goes; a
list of entries laid out the same way stays.

The fixtures (tests/fixtures/roleboxes/) are invented pages."""

from __future__ import annotations

import pytest

from conftest import ROOT, assert_cleans_to_lines, cleaned_lines, page_lines
from copydesk.core import roleboxes
from copydesk.core.model import Block, Label, Verdict

PAGES = ROOT / "tests" / "fixtures" / "roleboxes"

# The clean text of each page: its lines, by number (1-based).
ARTICLES = {
    "en-guide.txt": [1, 2, 3, 4, 5],  # not "Nora Quist, RD", her role and bio (6-8)
    "de-ratgeber.txt": [1, 2, 3, 4, 5],  # not "Jonas Weber", "Redakteur, Garten", bio (6-8)
    "en-products.txt": list(range(1, 13)),  # three entries: name, price line, description
    "en-written-by.txt": [1, 2, 3, 4],  # not "Written by Pia Holm" and her bio (5-6)
    "en-role-after-name.txt": [1, 2, 3, 4, 5],  # not "Oskar Lindqvist, Founder of ..", bio
}


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_the_clean_text_is_the_article(cli, name):
    assert_cleans_to_lines(cli, PAGES / name, ARTICLES[name])


ARTICLE = [
    "The council voted on Tuesday to build a new footbridge over the river, after years of "
    "complaints from parents whose children cross the road bridge on their way to school. "
    "The bridge will cost four million and open in 2028, the council said in a statement."
] * 4
BOX = ["Lena Ward", "Transport Editor", "Lena Ward is a transport planner and writes about "
       "towns and their streets every week."]


def _boxed(lines: list[str]) -> list[bool]:
    """Which of `lines`, all kept by the model before, the role-box pass removes."""
    blocks = [Block(n + 1, n + 1, n + 1, text) for n, text in enumerate(lines)]
    verdicts = [Verdict(Label.BODY, "line-model", "") for _ in lines]
    openers = roleboxes.role_openers(blocks)
    roleboxes.role_boxes(blocks, verdicts, list(range(len(lines))), openers)
    return [v.rule == roleboxes.RULE for v in verdicts]


def test_a_box_with_a_role_line_after_the_article_goes():
    assert _boxed([*ARTICLE, *BOX]) == [False] * 4 + [True] * 3


def test_two_authors_boxes_go():
    other = ["Tom Ellery", "Staff Writer", "Tom Ellery, a former bus driver, covers transport."]
    assert _boxed([*ARTICLE, *BOX, *other]) == [False] * 4 + [True] * 6


def test_a_box_with_the_article_going_on_after_it_stays():
    assert not any(_boxed([*ARTICLE, *BOX, *ARTICLE]))


def test_a_box_above_the_article_stays():
    assert not any(_boxed([*BOX, ARTICLE[0]]))


def test_a_role_line_that_is_a_sentence_makes_no_box():
    # "He wrote this." is prose of its own, not a label under a name.
    assert not any(_boxed([*ARTICLE, BOX[0], "He wrote this.", BOX[2]]))


def test_a_bio_that_does_not_open_with_the_name_makes_no_box():
    bio = "A transport planner who writes about towns and their streets every week."
    assert not any(_boxed([*ARTICLE, BOX[0], BOX[1], bio]))


def test_an_entry_whose_name_shows_twice_above_it_is_no_box_and_stops_none():
    # A product's name over its picture's caption (the name again) and its description,
    # inside the article: no role line, so the author's box at the end still goes.
    entry = ["Harbour Log", "Harbour Log", "Harbour Log keeps a record of every trip, with the "
             "weather and the catch."]
    assert _boxed([*ARTICLE, *entry, *ARTICLE, *BOX]) == [False] * 11 + [True] * 3


def test_a_bio_under_a_line_that_ends_with_the_name_goes():
    assert _boxed([*ARTICLE, "Written by Lena Ward", BOX[2]]) == [False] * 4 + [True] * 2


@pytest.mark.parametrize(
    "above",
    ["Lena Ward, Founder of Harbour Log", "Lena Ward, MBA", "Lena Ward (Harbour Log)",
     "Lena Ward | Transport Editor", "Lena Ward – Transport Editor"],
)
def test_a_bio_under_a_line_that_gives_the_role_after_the_name_goes(above):
    assert _boxed([*ARTICLE, above, BOX[2]]) == [False] * 4 + [True] * 2


@pytest.mark.parametrize(
    "above",
    [
        # What follows the comma is a sentence, or more than a role's few words: an
        # entry's heading that describes it, not a name line.
        "Lena Ward, who wrote this.",
        "Harbour Log, the app that keeps a record of every trip you make at sea",
        # No separator: the line is more than the name.
        "Lena Ward Transport Editor",
    ],
)
def test_a_line_that_is_more_than_a_name_and_a_role_makes_no_box(above):
    assert not any(_boxed([*ARTICLE, above, BOX[2]]))


def test_entries_whose_heading_gives_a_detail_after_the_name_stay():
    # A list of entries closing the article ("Harbour Log (iOS)" over "Harbour Log is
    # ..."): more than two such boxes are a list, as for the other layouts.
    entries = []
    for name in ("Harbour Log", "Tide Clock", "Mooring Map"):
        entries += [f"{name} (iOS)", f"{name} is an app for sailors who keep a small boat."]
    assert not any(_boxed([*ARTICLE, *entries]))


def test_a_numbered_entry_whose_text_opens_with_its_name_stays():
    # The last entry of a list closing the article: its number is no byline's word.
    entry = ["3. Harbour Log", "Harbour Log keeps a record of every trip, with the weather "
             "and the catch."]
    assert not any(_boxed([*ARTICLE, *entry]))


BYLINE = "Lena Ward | Guest Columnist"


def test_a_columnists_bio_goes_and_the_column_stays(cli):
    # The byline (2) is not this pass's to judge: only the bio under the column (6) goes.
    lines = page_lines(PAGES / "en-credited.txt")
    cleaned = cleaned_lines(cli, PAGES / "en-credited.txt")
    assert lines[5] not in cleaned
    assert cleaned[-3:] == lines[2:5]


def test_a_bio_whose_name_only_the_byline_shows_goes():
    assert _boxed([BYLINE, *ARTICLE, BOX[2]]) == [False] * 5 + [True]


def test_a_bio_whose_name_the_article_names_in_its_prose_stays():
    # A profile: the person is the article's subject, not its author.
    said = "Lena Ward said the bridge was the best news the town had heard in years."
    assert not any(_boxed([BYLINE, *ARTICLE, said, BOX[2]]))


def test_a_bio_with_no_byline_above_stays():
    assert not any(_boxed([*ARTICLE, BOX[2]]))



def test_a_page_of_many_paragraphs_that_open_with_names_has_no_bio_alone():
    # A report that quotes people by name: the last quoted one is no author.
    names = [f"{a} {b}" for a in ("Tom", "Ana", "Bo") for b in ("Ellery", "Ruiz", "Lind", "Moss")]
    people = [f"{name} said the bridge was good news for the town and its schools."
              for name in names[: roleboxes.MAX_NAMED]]
    assert _boxed([BYLINE, *ARTICLE, *people, BOX[2]])[-1] is False
    assert _boxed([BYLINE, *ARTICLE, BOX[2]])[-1] is True


def test_the_first_question_asked_of_each_line_never_changes_what_is_found(monkeypatch):
    # `_may_open_with_name` is asked of every line of every file before the layouts are
    # read: over the fixtures, the samples and shuffled name/role/bio lines, asking it or
    # not finds the same boxes.
    import random

    files = [p.read_text("utf-8") for p in sorted(PAGES.glob("*.txt"))]
    files += [p.read_text("utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    rng = random.Random(5)
    pieces = ARTICLE[:1] + BOX + [
        "Written by Lena Ward", "Dr. Lena Ward is a planner who writes about towns and streets.",
        "Lena  Ward is a planner with two spaces in her name and eight words.",
        "Lena Ward, a planner, writes here every week about towns.", "Mia Lund, DVM",
        "3. Harbour Log", "Harbour Log is a small boat that sails in the bay.",
        "LENA WARD | Guest Columnist", "Ana Ruiz (Madrid) escribe cada semana sobre ciudades.",
        "Lena Ward, Founder of Harbour Log", "Lena Ward (Harbour Log)",
    ]
    files += ["\n".join(rng.choice(pieces) for _ in range(12)) for _ in range(200)]

    def boxes(text: str) -> list[tuple[int, int]]:
        lines = text.splitlines()
        blocks = [Block(n + 1, n + 1, n + 1, line) for n, line in enumerate(lines)]
        return roleboxes.role_openers(blocks)

    gated = [boxes(t) for t in files]
    assert any(gated), "the cases hold boxes"
    monkeypatch.setattr(roleboxes, "_may_open_with_name", lambda bio: True)
    assert [boxes(t) for t in files] == gated
