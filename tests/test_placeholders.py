"""A site template's unfilled block ("Lorem ipsum 1", "Head Line 2", "Speaker Name", the
Latin sentence) goes as "placeholder" (core/placeholders.py); an article about the
placeholder, quoting it once, keeps its lines, and so does a sentence that opens with
"Lorem ipsum" and goes on in English.

The fixtures (tests/fixtures/placeholders/) are invented pages."""

from __future__ import annotations

import pytest

from conftest import (
    ROOT,
    article_page_tests,
)
from copydesk.core import openings, placeholders
from copydesk.core.model import Label, Verdict

PAGES = ROOT / "tests" / "fixtures" / "placeholders"

# The clean text of each page: its lines, by number (1-based).
ARTICLES = {
    "en-unfilled-block.txt": [1, 2, 3, 4, 17, 18, 19],  # not the template's block (5-16)
    "en-about-the-placeholder.txt": list(range(1, 8)),  # every line: it quotes the text once
}


test_the_clean_text_is_the_article, test_cleaning_the_clean_text_changes_nothing = (
    article_page_tests(PAGES, ARTICLES)
)


def test_explain_names_the_placeholder(cli):
    result = cli(["explain", PAGES / "en-unfilled-block.txt"])
    assert result.exit_code == 0
    assert "placeholder" in result.stdout
    assert "an unfilled part of its block" in result.stdout  # "Head Line 2"


@pytest.mark.parametrize(
    ("text", "placeholder"),
    [
        ("Lorem ipsum 2", True),
        ("LOREM IPSUM", False),  # as no template writes it
        ("Lorem IPSUM 3", True),
        ("Lorem Ipsum", True),
        ("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod", True),
        ("Lorem ipsum is the placeholder text that designers paste into mock-ups.", False),
        ("The designers pasted lorem ipsum into every heading.", False),
        ("Head Line 2", False),
    ],
)
def test_what_reads_as_the_placeholder(text, placeholder):
    assert placeholders.is_placeholder(text) is placeholder


PROSE = (
    "The council voted on Tuesday to build a new footbridge over the river, after years of "
    "complaints from parents whose children cross the road bridge on their way to school."
)


def _removed(lines: list[str]) -> list[bool]:
    """Which of `lines`, all kept by the model before, the placeholder pass removes."""
    found = placeholders.find(lines, openings.openings(lines))
    if found is None:
        return [False] * len(lines)
    verdicts = [Verdict(Label.BODY, "line-model", "", score=0.9) for _ in lines]
    placeholders.template_placeholders(lines, found, verdicts, list(range(len(lines))))
    return [v.rule == placeholders.RULE for v in verdicts]


def test_the_block_goes_from_its_first_placeholder_to_its_last():
    lines = [PROSE, "Lorem ipsum 1", "Head Line 2", "Lorem ipsum 2", "Speaker Name",
             "Lorem ipsum 3", PROSE]
    assert _removed(lines) == [False, True, True, True, True, True, False]


def test_two_quotes_of_the_placeholder_are_an_article_about_it():
    lines = [PROSE, "Lorem ipsum dolor sit amet.", PROSE, "Lorem ipsum 1", PROSE]
    assert _removed(lines) == [False] * 5


def test_a_paragraph_between_placeholders_stays():
    """A long line between two placeholder lines is the article going on, not a card's
    unfilled label: only the placeholders themselves go."""
    lines = ["Lorem ipsum 1", PROSE, "Lorem ipsum 2", "Lorem ipsum 3"]
    assert _removed(lines) == [True, False, True, True]


def test_lines_far_between_placeholders_stay():
    short = [f"Ferry timetable {n}" for n in range(1, 7)]
    lines = ["Lorem ipsum 1", *short, "Lorem ipsum 2", "Lorem ipsum 3"]
    assert _removed(lines) == [True] + [False] * 6 + [True, True]
