"""Entry labels of four words ("What we liked most" / "What could be better" under each
product of a review): duplicate resolution dropped every copy after the first, as repeats
of REPEAT_FLOOR words, and the page lost the labels of all its later entries. Labels that
take turns with an entry's sentences under each are no repeats.

The fixture (tests/fixtures/kinds7/en-review-four-word-labels.txt) is an invented review.
"""

from __future__ import annotations

import pytest

from conftest import ROOT, cleaned_lines, page_span
from copydesk.core import labels
from copydesk.core.config import Config
from copydesk.core.repeats import unrepeated_among

PAGE = ROOT / "tests" / "fixtures" / "kinds7" / "en-review-four-word-labels.txt"


def test_every_entry_keeps_its_labels(cli):
    kept = cleaned_lines(cli, PAGE)
    assert kept.count("What we liked most") == 3
    assert kept.count("What could be better") == 3
    assert kept == page_span(PAGE, "We spent two months", "It is loud at the top")


def test_cleaning_the_clean_review_changes_nothing(cli, tmp_path):
    once = cli(["clean", PAGE]).stdout
    clean = tmp_path / PAGE.name
    clean.write_text(once, encoding="utf-8")
    assert cli(["clean", clean]).stdout == once


def test_labels_are_not_reported_as_duplicates(cli, tmp_path):
    report = tmp_path / "report.json"
    assert cli(["clean", PAGE, "-r", report]).exit_code == 0
    assert '"duplicate"' not in report.read_text(encoding="utf-8")


ENTRY = "A sentence of the entry's own text that runs for well over eight words."


def test_labels_that_take_turns_over_prose_are_distinct():
    texts = ["Intro."]
    for _ in range(3):
        texts += ["Name", ENTRY, "What we liked most", ENTRY, "What could be better", ENTRY]
    found = labels.distinct_labels(texts)
    assert {texts[i] for i in found} == {"What we liked most", "What could be better"}
    assert len(found) == 6


@pytest.mark.parametrize(
    "texts",
    [
        # A menu captured twice: only its other items between the copies.
        ["Our best stand mixers", "Our best hand mixers", "Home", "About us"] * 2,
        # Labels of four words with no sentence of an entry under them.
        ["What we liked most", "Quiet", "Light", "What could be better", "Loud", "Heavy"] * 2,
        # Short labels are never dropped as repeats: nothing to do.
        ["Pros", ENTRY, "Cons", ENTRY] * 3,
    ],
)
def test_lines_that_are_no_entry_labels_are_left_to_resolution(texts):
    assert labels.distinct_labels(texts) == frozenset()


def _resolution(texts):
    return lambda rows: unrepeated_among(texts, rows, Config())


def test_kept_labels_are_those_the_clean_text_decides_on():
    texts = ["Intro."]
    for name, liked, wanted in [
        (
            "Kelder",
            "The speed dial has clear steps that are easy to find with floury hands.",
            "The tilting head needs a lot of room, so it does not fit under a cabinet.",
        ),
        (
            "Brisa",
            "It weighs half as much as the others and the bowl goes in the dishwasher.",
            "The motor strains on stiff dough and the beater misses the bottom of the bowl.",
        ),
        (
            "Harlow",
            "The attachments are metal and every one of them survived our dishwasher test.",
            "It is loud at the top speeds and the splash guard is awkward to fit in place.",
        ),
    ]:
        texts += [name, "What we liked most", liked, "What could be better", wanted]
    found = labels.kept_labels(texts, _resolution(texts))
    assert {texts[i] for i in found} == {"What we liked most", "What could be better"}


def test_labels_whose_turns_only_repeats_make_are_left_to_resolution():
    # Every entry's sentences are one paragraph repeated: resolution drops the later
    # copies, the labels then stand next to each other in the clean text and a second
    # run would find no pair. The whole text finds one; the kept text must not.
    texts = ["Intro."]
    for _ in range(3):
        texts += ["Name", ENTRY, "What we liked most", ENTRY, "What could be better", ENTRY]
    assert labels.distinct_labels(texts)
    assert labels.kept_labels(texts, _resolution(texts)) == frozenset()


def test_labels_whose_partner_resolution_drops_are_left_to_resolution():
    # "Storage: 512GB SSD" is three words to the classifier's repeat finder and four to
    # resolution, which drops its later copies: its partner has no turns in the clean text.
    texts = ["Intro."]
    for name, liked, spec in [
        (
            "Nitro",
            "The keyboard is firm and quiet, and the fans stay calm through long sessions.",
            "It runs most new games at high settings without dropping below sixty frames.",
        ),
        (
            "Legion",
            "Its screen is bright enough to use in a sunny room with the blinds open.",
            "Battery life stretched past a working day of documents and video calls.",
        ),
        (
            "Omen",
            "The speakers are loud and clear, with more bass than a laptop usually has.",
            "Ports on both sides leave room for a mouse, a drive and a headset at once.",
        ),
    ]:
        texts += [name, "What we liked most", liked, "Storage: 512GB SSD", spec]
    assert labels.distinct_labels(texts)
    assert labels.kept_labels(texts, _resolution(texts)) == frozenset()


def test_the_passes_predict_resolution_leaving_distinct_lines_out():
    # A line the passes keep in play must be one resolution keeps. Resolution leaves the
    # distinct lines (labels, a table's cells) out of duplicate detection: a later copy of
    # one is no repeat of it, and the passes must not drop it from play either (they did,
    # and a second run, seeing that copy among the kept lines, judged it otherwise).
    from copydesk.core.classify import _unrepeated
    from copydesk.core.repeats import Repeats

    cell = "Easy swim thirty minutes with drills"
    texts = ["Intro.", cell, ENTRY, cell, ENTRY, cell, ENTRY]
    distinct = frozenset({1})
    rows = list(range(len(texts)))
    others = [i for i in rows if i not in distinct]
    resolution = set(unrepeated_among(texts, others, Config())) | distinct
    predicted = _unrepeated(Repeats(texts, Config()), rows, distinct)
    assert predicted == [i for i in rows if i in resolution]
    assert 3 in predicted and 5 not in predicted


def test_the_labels_kept_read_each_lines_matching_form_once(monkeypatch):
    # `_holds` reads the kept lines' matching forms for each decision it tries; the
    # classifier's settle tries and analysis ask again on mostly the same lines: each text's
    # form is remembered (`labels._matching_form`), and the decision is the one the
    # function itself gives.
    texts = PAGE.read_text("utf-8").splitlines()
    texts = [t for t in texts if t.strip()]
    config = Config()
    labels._matching_form.cache_clear()
    first = labels.kept_labels_of(texts, config)
    read = labels._matching_form.cache_info()
    assert first and read.misses
    assert labels.kept_labels_of(texts, config) == first
    again = labels._matching_form.cache_info()
    assert again.misses == read.misses and again.hits > read.hits
    monkeypatch.setattr(labels, "_matching_form", labels.matching_form)
    assert labels.kept_labels_of(texts, config) == first
