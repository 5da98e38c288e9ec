"""A list under a short label of the article's own ("Overview:", "Services:"), which the
model partly removed, stays where the article goes on right after it: the label is kept and
the short lines under it end at a kept paragraph (core/introlists.py, "introduced-list").
A label's list at the article's edge, where chrome starts, is left to the model.

The fixture (tests/fixtures/labelledlists/) is an invented page."""

from __future__ import annotations

import pytest

from conftest import (
    ROOT,
    assert_cleaned_lines_are_stable,
    assert_cleans_to_lines,
    assert_kept_lines_stay,
    verdicts_with_scores,
)
from copydesk.core import introlists

PAGE = ROOT / "tests" / "fixtures" / "labelledlists" / "en-bike-workshops.txt"
# The article: its prose, the four workshops with their labelled lists, and the verdict's
# paragraph; not the menu, the headline and date (metadata), the verdict's heading, the
# related tags under their label, nor the footer.
ARTICLE = [*range(10, 70), 71]

PROSE = (
    "We packed for a week in the hills with one rucksack each, and the list below is what "
    "we would take again after three wet days and two cold nights under canvas."
)
AFTER = (
    "Everything on the list fitted in a sixty-litre pack with room to spare for food, and "
    "nothing on it went unused by the end of the week."
)
LABEL = "Pack:"
ITEMS = ["Tent Pegs", "Head Torch", "Spare Socks", "Water Filter"]


def _scores(lines: list[str]) -> dict[str, float]:
    # The model keeps the prose and the label and removes the items, as it does a list of
    # short lines it reads as a menu's.
    scores = {line: 0.1 for line in lines}
    scores.update({PROSE: 0.97, AFTER: 0.97, LABEL: 0.9, "Walking in the Hills": 0.9})
    return scores


def _lines(after: list[str], items: list[str] = ITEMS) -> list[str]:
    return ["Walking in the Hills", PROSE, LABEL, *items, *after]


def test_the_lists_under_the_article_s_labels_stay(cli):
    assert_cleans_to_lines(cli, PAGE, ARTICLE)


def test_cleaning_the_clean_text_changes_nothing(cli, tmp_path):
    assert_cleaned_lines_are_stable(cli, tmp_path, PAGE)


def test_explain_names_the_labelled_list(cli):
    result = cli(["explain", PAGE])
    assert result.exit_code == 0
    assert introlists.RULE in result.stdout
    assert introlists.LABELLED in result.stdout


def test_a_label_s_list_before_the_next_paragraph_stays(monkeypatch):
    lines = _lines([AFTER])
    verdicts = verdicts_with_scores(monkeypatch, lines, _scores(lines))
    for item in ITEMS:
        verdict = verdicts[lines.index(item)]
        assert verdict.keep and verdict.rule == introlists.RULE, item


def test_the_kept_list_is_kept_again(monkeypatch):
    lines = _lines([AFTER])
    assert_kept_lines_stay(monkeypatch, lines, _scores(lines))


@pytest.mark.parametrize(
    "after",
    [
        # Chrome right under the list: a line a rule removes ends it.
        ["Subscribe to our newsletter", AFTER],
        # The page ends with it.
        [],
        # The next paragraph is the model's to remove too: the article does not go on.
        ["Our partners offer discounts on tents, rucksacks and walking boots every month."],
    ],
)
def test_a_label_s_list_at_the_article_s_edge_goes(monkeypatch, after):
    lines = _lines(after)
    verdicts = verdicts_with_scores(monkeypatch, lines, _scores(lines))
    assert not any(verdicts[lines.index(item)].keep for item in ITEMS)


def test_two_lines_under_a_label_are_no_list(monkeypatch):
    lines = _lines([AFTER], ITEMS[:2])
    verdicts = verdicts_with_scores(monkeypatch, lines, _scores(lines))
    assert not any(verdicts[lines.index(item)].keep for item in ITEMS[:2])


def test_a_label_the_model_removed_heads_nothing(monkeypatch):
    lines = _lines([AFTER])
    scores = _scores(lines)
    scores[LABEL] = 0.1
    verdicts = verdicts_with_scores(monkeypatch, lines, scores)
    assert not any(verdicts[lines.index(item)].keep for item in ITEMS)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Overview:", True),
        ("Services:", True),
        ("Opening hours:", True),
        ("Zutaten：", True),
        ("Here are the projects my friends shared this month:", False),  # a sentence: an intro
        ("Overview", False),  # no colon
        ("Read more", False),
        (":", False),  # no word
    ],
)
def test_what_reads_as_a_list_label(text, label):
    assert bool(introlists.label_lines([text])) is label
