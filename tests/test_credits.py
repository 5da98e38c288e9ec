"""Captions that close with one credit, shared by three or more scattered lines ("... |
Photo by Dana Whitlock" under each picture), go as "repeated-credit" (core/credits.py);
a list that credits its items to one maker (numbered, or its items next to each other),
questions ending "by Yourself?" and posts signed "by Name ( 123 ) writes:" stay.

The fixtures (tests/fixtures/credits/) are invented pages."""

from __future__ import annotations

import pytest

from conftest import (
    ROOT,
    article_page_tests,
)
from copydesk.core import credits
from copydesk.core.model import Label, Verdict

PAGES = ROOT / "tests" / "fixtures" / "credits"

# The clean text of each page: its lines, by number (1-based).
ARTICLES = {
    "en-credited-captions.txt": [1, 2, 4, 6, 8, 10],  # not the captions (3, 5, 7, 9)
    "en-one-makers-list.txt": list(range(1, 13)),  # numbered or adjacent: a list's items
    "en-questions-by-yourself.txt": list(range(1, 10)),  # questions, not captions
}


test_the_clean_text_is_the_article, test_cleaning_the_clean_text_changes_nothing = (
    article_page_tests(PAGES, ARTICLES)
)


def test_explain_names_the_shared_credit(cli):
    result = cli(["explain", PAGES / "en-credited-captions.txt"])
    assert result.exit_code == 0
    assert "repeated-credit" in result.stdout
    assert "the credit of 4 captions" in result.stdout


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Interior of a coffee-house, 17th century — via Wikimedia Commons", "wikimedia commons"),
        ("Guests pick their pastries. | Photo by Lisa Jennings", "lisa jennings"),
        ("Color Wheel by Clay", "clay"),
        ("Source: statista.com", "statista.com"),
        ("Courtesy of brand", "brand"),
        ("The view from the pier. Photo Credit: Jo Lee (Harbour.com)", "jo lee (harbour.com"),
        ("Traffic grew by 40%", None),  # "by" and no name
        ("Avoid overwatering by feeling the soil.", None),
        ("by Ann Lee", None),  # a byline alone
        ("by Ann Lee ( 10503 ) writes:", None),  # a post's signature
        ("How Long Does It Take to Install Solar by Yourself?", None),  # a question
        ("4. Futurist by Fuego Fonts", None),  # a numbered entry
        ("The council met on Tuesday to vote on the budget.", None),
    ],
)
def test_what_reads_as_a_credit(text, name):
    assert credits.credit(text) == name


PROSE = (
    "The council voted on Tuesday to build a new footbridge over the river, after years of "
    "complaints from parents whose children cross the road bridge on their way to school."
)
CAPTION = "The old bridge in {} | Photo by Dana Whitlock"


def _removed(lines: list[str]) -> list[bool]:
    """Which of `lines`, all kept by the model before, the pass removes."""
    groups = credits.find(lines)
    if groups is None:
        return [False] * len(lines)
    verdicts = [Verdict(Label.BODY, "line-model", "", score=0.9) for _ in lines]
    credits.credited_captions(groups, verdicts, list(range(len(lines))))
    return [v.rule == credits.RULE for v in verdicts]


def test_three_scattered_captions_of_one_credit_go():
    lines = [PROSE, CAPTION.format(1990), PROSE, CAPTION.format(2001), PROSE,
             CAPTION.format(2024), PROSE]
    assert _removed(lines) == [False, True, False, True, False, True, False]


def test_two_captions_are_no_signature():
    lines = [PROSE, CAPTION.format(1990), PROSE, CAPTION.format(2001), PROSE]
    assert not any(_removed(lines))


def test_captions_next_to_each_other_are_a_list():
    lines = [PROSE, CAPTION.format(1990), CAPTION.format(2001), PROSE, CAPTION.format(2024),
             PROSE]
    assert not any(_removed(lines))


def test_fewer_than_three_kept_stay():
    lines = [PROSE, CAPTION.format(1990), PROSE, CAPTION.format(2001), PROSE,
             CAPTION.format(2024), PROSE]
    groups = credits.find(lines)
    verdicts = [Verdict(Label.BODY, "line-model", "", score=0.9) for _ in lines]
    verdicts[5] = Verdict(Label.BOILERPLATE, "line-model", "", score=0.2)
    assert not credits.credited_captions(groups, verdicts, list(range(len(lines))))
    assert verdicts[1].keep and verdicts[3].keep


C_CASES = [
    [],
    ["x"],
    ["A view | Photo by Jo", "prose", "Another view | Photo by Jo", "more", "Last | Photo by Jo"],
    ["Source: a.com", "Source: a.com", "Source: a.com", "Home", "Home", "Home"],  # marks, none
    ["Standby Jo Lee", "Nearby Jo Lee", "Close by Jo Lee"],  # "by" opens a word in the last
    ["ΣΩ via Ωμέγα", "Ψ via Ωμέγα", "Χ via Ωμέγα", "émoji 🎉 © Ωμέγα"],  # any script
    ["Photo COURTESY of X", "b COURTESY of X", "c COURTESY of X"],
    [f"{c} by Jo, " + "w" * 80 for c in "ABC"],  # the mark before the window
    [("w" * 76) + "by Jo", ("v" * 76) + "by Jo", ("u" * 76) + "by Jo"],  # the window's start
]


@pytest.mark.skipif(credits._filefacts is None, reason="core/_filefacts.c not built")
@pytest.mark.parametrize("texts", C_CASES)
def test_the_c_scan_finds_the_python_candidates(texts):
    assert credits._filefacts.credit_candidates(
        texts, credits.TAIL, credits.MIN_LINES, credits._READ
    ) == credits._candidates(texts)


def test_the_candidates():
    assert credits._candidates(C_CASES[2]) == [0, 2, 4]
    assert credits._candidates(C_CASES[4]) == [2]
    assert credits._candidates(C_CASES[7]) is None
