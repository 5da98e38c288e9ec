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


SERVICES = "The repair fair's volunteers offer the following services to anyone who comes:"
KEPT_ITEMS = [
    "Clocks - every movement is taken apart, cleaned and oiled while you wait.",
    "Bicycles - brakes, gears and punctures are seen to by two retired mechanics.",
    "Textiles - seams, zips and buttons are mended on the hall's three machines.",
]


def _kept_list(intro: str = SERVICES, items: list[str] = KEPT_ITEMS) -> list[str]:
    # A heading the model removes stands above the sentence: no kept paragraph on each
    # side holds it (`sandwiched`).
    return ["Village repair fair", OPENING, "What we mend", intro, *items, CLOSING]


def _kept_scores(intro: str = SERVICES, items: list[str] = KEPT_ITEMS) -> dict[str, float]:
    # The sentence alone reads as a label over links; the list's lines as the article.
    scores = {item: 0.95 for item in items}
    scores.update({OPENING: 0.95, "What we mend": 0.05, intro: 0.2, CLOSING: 0.95})
    return scores


def test_the_sentence_that_announces_a_kept_list_stays(monkeypatch):
    lines = _kept_list()
    verdicts = verdicts_with_scores(monkeypatch, lines, _kept_scores())
    verdict = verdicts[lines.index(SERVICES)]
    assert verdict.keep and verdict.rule == "list-intro"


def test_a_label_over_a_kept_list_stays_removed(monkeypatch):
    label = "More Services From The Village Hall And Its Friends:"  # title case
    lines = _kept_list(label)
    verdicts = verdicts_with_scores(monkeypatch, lines, _kept_scores(label))
    assert not verdicts[lines.index(label)].keep


def test_two_kept_lines_announce_nothing(monkeypatch):
    # The sentence's next three lines: two of the list and the page's next removed line.
    lines = [*_kept_list(items=KEPT_ITEMS[:2])[:-1], "Subscribe to our newsletter", CLOSING]
    scores = _kept_scores(items=KEPT_ITEMS[:2])
    scores["Subscribe to our newsletter"] = 0.05
    verdicts = verdicts_with_scores(monkeypatch, lines, scores)
    assert not verdicts[lines.index(SERVICES)].keep


def test_cleaning_twice_keeps_the_announcing_sentence(monkeypatch):
    lines = _kept_list()
    scores = _kept_scores()
    verdicts = verdicts_with_scores(monkeypatch, lines, scores)
    once = [t for t, v in zip(lines, verdicts, strict=True) if v.keep]
    assert SERVICES in once
    monkeypatch.undo()
    again = verdicts_with_scores(monkeypatch, once, scores)
    assert all(v.keep for v in again)


def test_a_list_the_sentence_alone_holds_does_not_hold_the_sentence(monkeypatch):
    # The model keeps the short items on its first pass and drops them on the next. Kept
    # then only because the sentence announces them ("introduced-list"), they do not
    # announce the sentence in turn: the two would hold each other up whatever the model
    # read, and a second run, which starts from neither, would not.
    import copydesk.core.classify as classify_module
    from copydesk.core.classify import Classifier
    from copydesk.core.config import Config
    from copydesk.core.model import Block

    items = ITEMS[:3]
    lines = ["Village repair fair", OPENING, "What we mend", SERVICES, *items, CLOSING]
    first = {OPENING: 0.95, "What we mend": 0.05, SERVICES: 0.2, CLOSING: 0.95}
    first.update({item: 0.95 for item in items})
    later = {**first, **{item: 0.05 for item in items}}
    calls = []
    real = classify_module.predict

    def predict(model, own, subset, codes, scored=None):
        x1, x2, p = real(model, own, subset, codes, scored)
        p = p.copy()
        scores = later if calls else first
        calls.append(1)
        for k, i in enumerate(range(len(lines)) if subset is None else subset.tolist()):
            p[k] = scores.get(lines[i], p[k])
        return x1, x2, p

    monkeypatch.setattr(classify_module, "predict", predict)
    blocks = [Block(i + 1, i + 1, i + 1, t) for i, t in enumerate(lines)]
    verdicts = Classifier(Config()).classify(blocks).verdicts
    assert len(calls) > 1
    assert not verdicts[lines.index(SERVICES)].keep
    assert not any(verdicts[lines.index(item)].keep for item in items)
