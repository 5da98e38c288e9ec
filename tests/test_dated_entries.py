"""A date label that opens three or more lines, each with its own date, is a list's field
(an event's "Date:", a mailing-list message's "Date:" header), not the page's dateline:
those lines stay in the article, whole (core/datedentries.py). A page's one labelled date
still goes to the front matter; a comment's "Posted by: name at date" is no entry's date.

The fixtures (tests/fixtures/datedentries/) are invented pages."""

from __future__ import annotations

import pytest

from conftest import (
    ROOT,
    article_page_tests,
    page_lines,
)
from copydesk.core import datedentries
from copydesk.core.model import BODY, Label, Verdict

PAGES = ROOT / "tests" / "fixtures" / "datedentries"

# The clean text of each page: its lines, by number (1-based).
ARTICLES = {
    "en-maker-fairs.txt": list(range(1, 19)),  # every fair's "Date:" line with it
    "en-mail-archive.txt": list(range(1, 7)),  # every message with its "Date:" header
}


test_the_clean_text_is_the_article, test_cleaning_the_clean_text_changes_nothing = (
    article_page_tests(PAGES, ARTICLES)
)


def test_no_message_loses_half_its_timestamp(cli):
    # The date-prefix rule cut "Date: Tue, 4 Mar 2003 09:12:44" off each message and left
    # "-0800 (PST) From: ..." behind.
    result = cli(["clean", PAGES / "en-mail-archive.txt"])
    assert result.exit_code == 0
    assert "\n-0800" not in "\n" + result.stdout
    assert result.stdout.count("Date: ") == 4


def test_an_events_date_is_not_the_pages_date(cli):
    result = cli(["clean", PAGES / "en-maker-fairs.txt", "--front-matter"])
    assert result.exit_code == 0
    head = result.stdout.split("\n---\n", 1)[0] if result.stdout.startswith("---") else ""
    assert "2027" not in head


def test_a_pages_own_labelled_date_still_goes_to_the_front_matter(cli):
    lines = page_lines(PAGES / "en-maker-fairs.txt")
    page = "\n".join(["Published: March 3, 2027", *lines[:2], *lines[4:6]]) + "\n"
    result = cli(["clean", "-", "--front-matter"], input=page)
    assert result.exit_code == 0
    head, _, body = result.stdout.partition("\n---\n")
    assert "2027-03-03" in head or "March 3, 2027" in head
    assert "Published" not in body


def _dated(text: str, date: str, rule: str = "dateline") -> Verdict:
    return Verdict(Label.METADATA, rule, "", meta=("date", date))


@pytest.mark.parametrize(
    ("text", "date", "label"),
    [
        ("Date: April 9-11, 2027", None, "date"),
        ("Date: April 9-11, 2027", "April 9-11, 2027", "date"),
        ("Last updated | 4 May 2027", "4 May 2027", "last updated"),
        ("Datum: 9. April 2027", "9. April 2027", "datum"),  # any pack's label
        ("Posted by: Ana at May 2, 2027", "May 2, 2027", None),  # a name comes first
        ("Posted by: Ana at May 2, 2027", None, "posted by"),
        ("Posted May 2, 2027", None, None),  # no label before the date
        ("2027-05-02: the release", None, None),
    ],
)
def test_what_reads_as_a_date_label(text, date, label):
    assert datedentries.label_of(text, date) == label


def test_three_dated_entries_go_back_to_the_model():
    texts = ["Date: April 9-11, 2027", "Date: April 23-25, 2027", "Date: May 14-15, 2027",
             "Date: Summit on 7 June 2027, expo after it"]
    dates = ["April 9-11, 2027", "April 23-25, 2027", "May 14-15, 2027", "7 June 2027"]
    verdicts = [_dated(t, d) for t, d in zip(texts, dates, strict=True)]
    datedentries.dated_entries(texts, verdicts)
    assert verdicts == [BODY] * 4  # the fourth too: its label is the entries'


@pytest.mark.parametrize(
    "texts",
    [
        ["Date: April 9-11, 2027", "Date: April 23-25, 2027"],  # two: a pair of notes
        ["Updated: May 2, 2027"] * 3,  # one text again and again: a template's stamp
        ["Posted by: Ana at May 2, 2027", "Posted by: Ben at May 3, 2027",
         "Posted by: Cy at May 4, 2027"],  # comments' headers: a name before the date
    ],
)
def test_fewer_or_other_dated_lines_keep_the_rules_verdict(texts):
    verdicts = [_dated(t, t.rsplit("at ", 1)[-1].split(": ", 1)[-1]) for t in texts]
    before = list(verdicts)
    datedentries.dated_entries(texts, verdicts)
    assert verdicts == before
