"""A line the model removed between two kept paragraphs stays (`core/sandwiched.py`)."""

from __future__ import annotations

from conftest import verdicts_with_scores

FIRST = (
    "The allotment committee met on Tuesday to share out the plots that fell vacant over "
    "the winter, and eleven families put their names down for the four that were left."
)
SUBHEADING = "What the new tenants will grow first"
SECOND = (
    "Most of them plan to start with potatoes, which break up heavy ground, and to leave "
    "the fruit bushes that the previous tenants planted along the fences where they are."
)


def _classify(monkeypatch, lines: list[str], scores: dict[str, float]):
    return verdicts_with_scores(monkeypatch, lines, scores)


def test_a_subheading_between_two_kept_paragraphs_stays(monkeypatch):
    lines = ["Plots for eleven families", FIRST, SUBHEADING, SECOND]
    verdicts = _classify(monkeypatch, lines, {SUBHEADING: 0.02, FIRST: 0.95, SECOND: 0.95})
    verdict = verdicts[lines.index(SUBHEADING)]
    assert verdict.keep and verdict.rule == "between-prose"


def test_a_short_label_between_paragraphs_stays_out(monkeypatch):
    label = "Advertisement below"  # fewer than five words: a label or a link
    lines = ["Plots for eleven families", FIRST, label, SECOND]
    verdicts = _classify(monkeypatch, lines, {label: 0.02, FIRST: 0.95, SECOND: 0.95})
    assert not verdicts[lines.index(label)].keep


def test_a_line_next_to_a_removed_or_short_line_stays_out(monkeypatch):
    other = "More from the parish council this week"
    lines = ["Plots for eleven families", FIRST, SUBHEADING, other, SECOND]
    scores = {SUBHEADING: 0.02, other: 0.02, FIRST: 0.95, SECOND: 0.95}
    verdicts = _classify(monkeypatch, lines, scores)
    assert not verdicts[lines.index(SUBHEADING)].keep
    assert not verdicts[lines.index(other)].keep


def test_a_list_item_is_no_paragraph(monkeypatch):
    # Between a kept item of a list and a paragraph, a doubted line is the list's to judge.
    item = "Water: a standpipe at each end of the site, shared by all the plots."
    lines = ["Plots for eleven families", FIRST, item, SUBHEADING, SECOND]
    scores = {SUBHEADING: 0.02, item: 0.95, FIRST: 0.95, SECOND: 0.95}
    verdicts = _classify(monkeypatch, lines, scores)
    assert not verdicts[lines.index(SUBHEADING)].keep


def test_cleaning_twice_changes_nothing(monkeypatch):
    lines = ["Plots for eleven families", FIRST, SUBHEADING, SECOND]
    scores = {SUBHEADING: 0.02, FIRST: 0.95, SECOND: 0.95}
    verdicts = _classify(monkeypatch, lines, scores)
    once = [t for t, v in zip(lines, verdicts, strict=True) if v.keep]
    monkeypatch.undo()  # the second run's scores are set on its own lines
    again = _classify(monkeypatch, once, scores)
    assert all(v.keep for v in again)
