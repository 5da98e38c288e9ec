"""A line the model removed between two kept paragraphs stays (`core/sandwiched.py`)."""

from __future__ import annotations

from conftest import between_prose_every_line, verdicts_with_scores

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


def test_the_lines_judged_by_their_rule_are_judged_as_every_line_was():
    import random

    from copydesk.core.model import BODY, Label, Verdict
    from copydesk.core.sandwiched import between_prose

    rng = random.Random(26)
    texts_pool = [FIRST, SECOND, SUBHEADING, "Advertisement below", "- a tent for two",
                  "Weight: 310 grams with its stand and case", "Photo: Maktaba"]
    kinds = [
        BODY,
        Verdict(Label.BODY, score=0.8),
        Verdict(Label.BOILERPLATE, "line-model", "p=0.10", score=0.1),
        Verdict(Label.BODY, "between-prose", "held; p=0.20", score=0.2),
        Verdict(Label.METADATA, "image-credit", "credit", meta=("image_credit", "Maktaba")),
        Verdict(Label.BOILERPLATE, "share-bar", "share"),
        Verdict(Label.BODY, "headline-kept", "other"),
    ]
    judged = 0
    for _ in range(3000):
        n = rng.randint(1, 14)
        texts = [rng.choice(texts_pool) for _ in range(n)]
        verdicts = [rng.choice(kinds) for _ in range(n)]
        rows = [i for i in range(n) if rng.random() < 0.85]
        expected = list(verdicts)
        want = between_prose_every_line(texts, expected, rows)
        assert between_prose(texts, verdicts, rows) == want
        assert verdicts == expected, (texts, rows)
        judged += want
    assert judged > 300  # lines kept and lines let go again, not only nothing to do
