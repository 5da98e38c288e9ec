"""Link and button labels in title case that close the kept text under its last paragraph
("Book a Free Garden Survey", "Zum Online-Shop der Backstube Lindner", "Kunjungi Kedai Kopi
Kami") go as "closing-label" (core/closinglabels.py) where the line model kept them; the
writer's closing line in the case of a sentence, a list's or a table's end, a field, an
entry's recurring label and lines other passes kept stay.

The golden pages (tests/fixtures/region38/, invented, checked byte for byte in
tests/test_golden_pages.py) hold whole pages; here: the pages' closing lines, explain, and
the pass's bounds."""

from __future__ import annotations

import pytest

from conftest import ROOT, clean_page
from copydesk.core import closinglabels
from copydesk.core.model import Label, Verdict

PAGES = ROOT / "tests" / "fixtures" / "region38"

PARAGRAPHS = [
    "The ferry to the outer islands ran late all week, and the harbour master blamed the fog.",
    "Passengers waited in the terminal café, where the owner kept the coffee coming all day.",
]


@pytest.mark.parametrize(
    ("name", "labels", "last"),
    [
        ("en-fence-repair.txt", ["Book a Free Garden Survey"], "when one post leans"),
        ("de-sauerteig.txt", ["Zum Online-Shop der Backstube Lindner", "Backkurse und Termine"],
         "entwickelt der Teig ein kräftiges Aroma"),
        ("id-kopi-susu.txt", ["Belanja Biji Kopi Pilihan Kami", "Kunjungi Kedai Kopi Kami"],
         "supaya rasanya tetap kuat"),
    ],
)
def test_a_pages_closing_labels_go_and_its_last_paragraph_stays(cli, name, labels, last):
    text = clean_page(cli, PAGES, name)
    for label in labels:
        assert label not in text
    assert last in text.rstrip("\n").split("\n\n")[-1]


def test_a_writers_closing_line_in_the_case_of_a_sentence_stays(cli):
    name = "en-allotment-closing.txt"
    text = clean_page(cli, PAGES, name)
    source = (PAGES / name).read_text(encoding="utf-8").splitlines()
    assert text.rstrip("\n").split("\n\n") == [line for line in source if line]


def test_explain_names_the_rule(cli):
    result = cli(["explain", PAGES / "en-fence-repair.txt"])
    assert result.exit_code == 0
    assert "closing-label" in result.stdout


def _run(texts: list[str], verdicts: list[Verdict] | None = None,
         rows: list[int] | None = None) -> list[str]:
    """The texts still kept after the pass, every line kept by the model before it."""
    if verdicts is None:
        verdicts = [Verdict(Label.BODY, score=0.9) for _ in texts]
    rows = list(range(len(texts))) if rows is None else rows
    closinglabels.closing_labels(texts, verdicts, rows)
    return [t for t, v in zip(texts, verdicts, strict=True) if v.keep]


def test_up_to_three_labels_go_and_the_rule_says_why():
    labels = ["See the Harbour Timetable", "Book Your Island Ferry", "Island Ferries Ltd"]
    assert _run([*PARAGRAPHS, *labels]) == PARAGRAPHS
    verdicts = [Verdict(Label.BODY, score=0.9) for _ in range(3)]
    assert closinglabels.closing_labels([*PARAGRAPHS, labels[0]], verdicts, [0, 1, 2])
    assert verdicts[2].rule == closinglabels.RULE and not verdicts[2].keep


@pytest.mark.parametrize(
    "closing",
    [
        ["See you on the quay next week"],  # the case of a sentence: the writer's
        ["Book Your Island Ferry", "see you on the quay next week"],  # the run goes whole
        ["Book Your Island Ferry."],  # a sentence's end
        ["Timetables For The Winter:"],  # a lead-in's colon
        ["Opening Hours: Daily From Nine"],  # a field's label and value
        ["HAVE YOUR SAY"],  # a title in capitals: core/capsbox.py's
        ["Ferry One", "Ferry Two", "Ferry Three", "Ferry Four"],  # a list's end
        ["See the Harbour Timetable and Book Your Island Ferry Online With Us Today Now"],  # 13
    ],
)
def test_what_stays(closing):
    texts = [*PARAGRAPHS, *closing]
    assert _run(texts) == texts


def test_nothing_goes_without_a_paragraph_above():
    texts = ["Island Ferries", "Book Your Island Ferry"]
    assert _run(texts) == texts


def test_a_label_another_kept_line_shows_stays_a_copy_removed_does_not_count():
    # "View Timetable" under each ferry: an entry's recurring label, the entries' passes'.
    texts = ["Morning Ferry", PARAGRAPHS[0], "View Timetable", "Evening Ferry", PARAGRAPHS[1],
             "View Timetable"]
    assert _run(texts) == texts
    # The same label in a menu the rules removed: a second run never sees that copy.
    verdicts = [Verdict(Label.BODY, score=0.9) for _ in texts]
    verdicts[2] = Verdict(Label.BOILERPLATE, "site-chrome", "a menu")
    assert _run(texts, verdicts) == [t for k, t in enumerate(texts) if k not in (2, 5)]


def test_a_line_another_pass_kept_keeps_the_run_and_lines_out_of_play_are_not_read():
    texts = [*PARAGRAPHS, "Island Ferries Ltd", "Book Your Island Ferry"]
    verdicts = [Verdict(Label.BODY, score=0.9) for _ in texts]
    verdicts[2] = Verdict(Label.BODY, "entry-outline", "an outline's line", score=0.4)
    assert _run(texts, verdicts) == texts
    # Removed lines under the labels are not the kept text's end; a line out of play (a
    # repeat resolution drops) is not read at all.
    texts = [*PARAGRAPHS, "Book Your Island Ferry", "Cookie Settings"]
    verdicts = [Verdict(Label.BODY, score=0.9) for _ in texts]
    verdicts[3] = Verdict(Label.BOILERPLATE, "consent-notice", "a cookie banner")
    assert _run(texts, verdicts) == PARAGRAPHS
    assert _run(texts, rows=[0, 1, 3]) == [*PARAGRAPHS, "Book Your Island Ferry"]
