"""A widget's button repeated word for word inside the article ("Get the Recipe" under each
recipe) goes as "repeated-button" (core/buttons.py); the article's own repeated labels
("What we like", "Check before buying:") stay, and so does a button shown twice.

The fixtures (tests/fixtures/repeated_buttons/) are invented pages."""

from __future__ import annotations

import pytest

from conftest import (
    ROOT,
    assert_cleaned_lines_are_stable,
    assert_cleans_to_lines,
)
from copydesk.core import buttons
from copydesk.core.model import Label, Verdict

PAGES = ROOT / "tests" / "fixtures" / "repeated_buttons"

# The clean text of each page: its lines, by number (1-based).
ARTICLES = {
    "en-recipe-roundup.txt": [1, 2, 3, 4, 6, 7, 9, 10, 12, 13, 15],  # not "Get the Recipe"
    "en-review-labels.txt": list(range(1, 22)),  # every line: labels, not buttons
}


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_the_clean_text_is_the_article(cli, name):
    assert_cleans_to_lines(cli, PAGES / name, ARTICLES[name])


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_cleaning_the_clean_text_changes_nothing(cli, tmp_path, name):
    assert_cleaned_lines_are_stable(cli, tmp_path, PAGES / name)


def test_explain_names_the_button(cli):
    result = cli(["explain", PAGES / "en-recipe-roundup.txt"])
    assert result.exit_code == 0
    assert buttons.RULE in result.stdout
    assert "a button repeated word for word" in result.stdout


@pytest.mark.parametrize(
    ("text", "button"),
    [
        ("Get the Recipe", True),
        ("See it at Amazon", True),
        ("VIEW THIS POST ON INSTAGRAM", True),
        ("Voir l'offre", True),
        ("Check", False),  # one word: a table's cell as often as a button
        ("Check before buying:", False),  # a label that opens a list
        ("What we like", False),
        ("Read the whole interview with the harbour master on our website today", False),
    ],
)
def test_what_reads_as_a_button(text, button):
    assert buttons.is_button(text) is button


PROSE = (
    "The council voted on Tuesday to build a new footbridge over the river, after years of "
    "complaints from parents whose children cross the road bridge on their way to school."
)


def _removed(lines: list[str], kept: set[int] | None = None) -> list[bool]:
    """Which of `lines` the rule removes; the other rules kept `kept` (all by default)."""
    verdicts = [
        Verdict(Label.BODY) if kept is None or i in kept
        else Verdict(Label.BOILERPLATE, "share-prompt", "en line rule")
        for i in range(len(lines))
    ]
    buttons.repeated_buttons(lines, verdicts)
    return [v.rule == buttons.RULE for v in verdicts]


def test_every_copy_goes_whatever_its_case():
    lines = [PROSE, "Start course", PROSE, "Start Course", PROSE, "Start  course"]
    assert _removed(lines) == [False, True, False, True, False, True]


def test_two_copies_stay():
    lines = [PROSE, "Start course", PROSE, "Start course", PROSE]
    assert _removed(lines) == [False] * 5


def test_three_buttons_that_differ_stay():
    """Buttons that open alike but say different things are a list's items ("See the
    map", "See the timetable", "See the fares"): no template prints them."""
    lines = [PROSE, "See the map", "See the timetable", "See the fares"]
    assert _removed(lines) == [False] * 4


def test_copies_another_rule_removed_do_not_count():
    lines = [PROSE, "Start course", PROSE, "Start course", PROSE, "Start course"]
    assert _removed(lines, kept={0, 1, 2, 3, 4}) == [False] * 6
