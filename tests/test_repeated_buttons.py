"""A widget's button repeated word for word inside the article ("See it at Amazon" under each
gift) goes as "repeated-button" (core/buttons.py); the article's own repeated labels
("What we like", "Check before buying:") stay, and so does a button shown twice.

The fixtures (tests/fixtures/repeated_buttons/) are invented pages."""

from __future__ import annotations

import pytest

from conftest import (
    ROOT,
    article_page_tests,
)
from copydesk.core import buttons, openings
from copydesk.core.model import Label, Verdict

PAGES = ROOT / "tests" / "fixtures" / "repeated_buttons"

# The clean text of each page: its lines, by number (1-based).
ARTICLES = {
    "en-gift-guide.txt": [1, 2, 3, 4, 5, 7, 8, 10, 11, 12, 13, 15],  # not "See it at Amazon"
    "en-review-labels.txt": list(range(1, 22)),  # every line: labels, not buttons
}


test_the_clean_text_is_the_article, test_cleaning_the_clean_text_changes_nothing = (
    article_page_tests(PAGES, ARTICLES)
)


def test_explain_names_the_button(cli):
    result = cli(["explain", PAGES / "en-gift-guide.txt"])
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
    """Which of `lines` the pass removes; the model kept `kept` (all lines by default)."""
    found = buttons.find(lines, openings.openings(lines))
    verdicts = [
        Verdict(Label.BODY if kept is None or i in kept else Label.BOILERPLATE, "line-model",
                "", score=0.9)
        for i in range(len(lines))
    ]
    if found is not None:
        buttons.repeated_buttons(found, lines, verdicts, list(range(len(lines))))
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


def test_copies_the_model_removed_do_not_count():
    lines = [PROSE, "Start course", PROSE, "Start course", PROSE, "Start course"]
    assert _removed(lines, kept={0, 1, 2, 3, 4}) == [False] * 6


def test_a_button_of_an_outlines_entries_stays():
    """Entries of one outline ("Course", a title, a paragraph, "Start course") are held
    together by the outline pass, which reads the outline again on a second run's text:
    without the button there, the entries' fate could differ between the two runs."""
    lines = [PROSE]
    for topic in ("maps", "tides", "knots", "sails"):
        lines += ["Course", f"Learn {topic}", PROSE, "Start course"]
    assert _removed(lines) == [False] * len(lines)
