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
