"""A line the model removed between two kept paragraphs stays (`core/sandwiched.py`)."""

from __future__ import annotations

import copydesk.core.classify as classify_module
from copydesk.core.classify import Classifier
from copydesk.core.config import Config
from copydesk.core.model import Block

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
    """Verdicts, with the model's body probability of some lines set by hand."""
    real = classify_module.predict

    def predict(model, own, subset, codes, scored=None):
        x1, x2, p = real(model, own, subset, codes, scored)
        p = p.copy()
        rows = range(len(lines)) if subset is None else subset.tolist()
        for k, i in enumerate(rows):
            if lines[i] in scores:
                p[k] = scores[lines[i]]
        return x1, x2, p

    monkeypatch.setattr(classify_module, "predict", predict)
    blocks = [Block(i + 1, i + 1, i + 1, t) for i, t in enumerate(lines)]
    return Classifier(Config()).classify(blocks).verdicts


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
