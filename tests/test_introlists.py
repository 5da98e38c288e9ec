"""The short lines of a list that a kept sentence of the article announces with a colon
stay (`core/introlists.py`)."""

from __future__ import annotations

from conftest import verdicts_with_scores

OPENING = (
    "Every spring the village hall hosts a repair fair, and this year forty volunteers "
    "brought their tools, their patience and a great deal of tea to the tables."
)
INTRO = "Here are the things the volunteers mended for their neighbours this year:"
ITEMS = [
    "A Victorian Mantel Clock",
    "Two Folding Garden Chairs",
    "Grandmother's Sewing Machine",
    "A Child's Wooden Rocking Horse",
]
CLOSING = (
    "The organisers hope to hold a second fair in the autumn, when the school lends them "
    "its workshop and the woodwork teacher has promised to bring her lathe along."
)


def _scores(items: list[str], intro: str = INTRO) -> dict[str, float]:
    scores = {item: 0.05 for item in items}
    scores.update({OPENING: 0.95, intro: 0.9, CLOSING: 0.95})
    return scores


def test_the_items_of_an_announced_list_stay(monkeypatch):
    lines = ["Village repair fair", OPENING, INTRO, *ITEMS, CLOSING]
    verdicts = verdicts_with_scores(monkeypatch, lines, _scores(ITEMS))
    for item in ITEMS:
        verdict = verdicts[lines.index(item)]
        assert verdict.keep and verdict.rule == "introduced-list", item


def test_a_label_of_chrome_announces_nothing(monkeypatch):
    # Title case: a related block's header, however long.
    label = "More Stories From Our Village And The Parishes Around It:"
    lines = ["Village repair fair", OPENING, CLOSING, label, *ITEMS]
    verdicts = verdicts_with_scores(monkeypatch, lines, _scores(ITEMS, label))
    assert not any(verdicts[lines.index(item)].keep for item in ITEMS)


def test_a_short_intro_announces_nothing(monkeypatch):
    label = "Related stories from this week:"  # under eight words
    lines = ["Village repair fair", OPENING, CLOSING, label, *ITEMS]
    verdicts = verdicts_with_scores(monkeypatch, lines, _scores(ITEMS, label))
    assert not any(verdicts[lines.index(item)].keep for item in ITEMS)


def test_two_lines_are_no_list(monkeypatch):
    lines = ["Village repair fair", OPENING, INTRO, *ITEMS[:2], CLOSING]
    verdicts = verdicts_with_scores(monkeypatch, lines, _scores(ITEMS[:2]))
    assert not any(verdicts[lines.index(item)].keep for item in ITEMS[:2])


def test_a_rule_ends_the_list(monkeypatch):
    # A share bar after two items: what follows it is not the list's.
    lines = ["Village repair fair", OPENING, INTRO, *ITEMS[:2], "Share on Facebook", *ITEMS[2:]]
    verdicts = verdicts_with_scores(monkeypatch, lines, _scores(ITEMS))
    assert not any(verdicts[lines.index(item)].keep for item in ITEMS)


def test_cleaning_twice_changes_nothing(monkeypatch):
    lines = ["Village repair fair", OPENING, INTRO, *ITEMS, CLOSING]
    scores = _scores(ITEMS)
    verdicts = verdicts_with_scores(monkeypatch, lines, scores)
    once = [t for t, v in zip(lines, verdicts, strict=True) if v.keep]
    monkeypatch.undo()  # the second run's scores are set on its own lines
    again = verdicts_with_scores(monkeypatch, once, scores)
    assert all(v.keep for v in again)
