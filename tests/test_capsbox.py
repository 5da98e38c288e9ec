"""A short closing section under the page's only title in capitals is the site's box
("SEND US YOUR STORY" over a newsroom's call for tips) and goes as "capitals-box"
(core/capsbox.py); a site that sets every heading in capitals, and a lone capitalised
heading over most of the article, keep every line.

The fixtures (tests/fixtures/capsbox/) are invented pages."""

from __future__ import annotations

import pytest

from conftest import (
    ROOT,
    article_page_tests,
    verdicts_with_scores,
)
from copydesk.core import capsbox
from copydesk.core.model import Label, Verdict

PAGES = ROOT / "tests" / "fixtures" / "capsbox"

# The clean text of each page: its lines, by number (1-based).
ARTICLES = {
    "en-tips-box.txt": list(range(1, 8)),  # not the box (8-10)
    "en-caps-sections.txt": list(range(1, 11)),  # every heading in capitals
    "en-one-capital-heading.txt": list(range(1, 9)),  # over most of the article
}


test_the_clean_text_is_the_article, test_cleaning_the_clean_text_changes_nothing = (
    article_page_tests(PAGES, ARTICLES)
)


def test_explain_names_the_box(cli):
    result = cli(["explain", PAGES / "en-tips-box.txt"])
    assert result.exit_code == 0
    assert "capitals-box" in result.stdout
    assert "only title in capitals (paragraph 8)" in result.stdout


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("SHARE YOUR STORY", True),
        ("NEED MORE HELP?", True),
        ("WHY THIS SPONSORED LIST IS FREE TO READ", True),
        ("  ÜBER UNS  ", True),  # any cased script
        ("FAQ", False),  # too few letters
        ("CALL NOW.", False),  # a sentence
        ("INGREDIENTS:", False),  # a label over a list
        ("Share Your Story", False),
        ("2024", False),
        ("ONE TWO THREE FOUR FIVE SIX SEVEN EIGHT NINE TEN ELEVEN", False),
    ],
)
def test_what_reads_as_a_title_in_capitals(text, title):
    assert capsbox.is_title(text) is title


ARTICLE = [
    "The council voted on Tuesday to keep the old harbour bridge open to walkers and "
    "cyclists while engineers decide whether its iron frame can be saved.",
    "Inspectors found rust in two of the six main girders last winter, and the bridge "
    "has been closed to cars since then, which sends traffic on a long detour inland.",
    "Repairing the frame would cost about four million, the engineers estimate, while a "
    "new concrete span would cost twice that and take three years to build.",
    "Residents who spoke at the meeting mostly asked the council to keep the iron bridge, "
    "which has stood over the harbour mouth since the town was a fishing port.",
    "A final decision is expected in the spring, after a second inspection of the "
    "girders and a public consultation on the two designs.",
]
BOX = [
    "Tell us what you think about the bridge and the detour.",
    "Write to the newsroom and we will read every message.",
]


def _verdicts(monkeypatch, lines: list[str]):
    return verdicts_with_scores(monkeypatch, lines, {t: 0.95 for t in lines})


def _kept(lines: list[str], verdicts) -> list[str]:
    return [t for t, v in zip(lines, verdicts, strict=True) if v.keep]


def test_the_box_goes(monkeypatch):
    lines = [*ARTICLE, "HAVE YOUR SAY", *BOX]
    assert _kept(lines, _verdicts(monkeypatch, lines)) == ARTICLE


def test_a_second_title_in_capitals_keeps_the_box(monkeypatch):
    # A site that sets its headings in capitals: the last one heads the article's section.
    lines = [ARTICLE[0], "THE INSPECTION", *ARTICLE[1:], "HAVE YOUR SAY", *BOX]
    assert _kept(lines, _verdicts(monkeypatch, lines)) == lines


def test_a_title_in_the_menu_above_the_article_does_not_count(monkeypatch):
    # The page's chrome above the first prose ("QUICK LINKS") is no heading of the article.
    lines = ["QUICK LINKS", *ARTICLE, "HAVE YOUR SAY", *BOX]
    assert _kept(lines, _verdicts(monkeypatch, lines)) == ["QUICK LINKS", *ARTICLE]


def test_a_long_section_under_the_title_stays(monkeypatch):
    # More than MAX_SHARE of the kept words under it: the article's own last part.
    lines = [*ARTICLE[:2], "HAVE YOUR SAY", *ARTICLE[2:], *BOX]
    assert _kept(lines, _verdicts(monkeypatch, lines)) == lines


def test_a_title_with_nothing_under_it_stays(monkeypatch):
    lines = [*ARTICLE, "HAVE YOUR SAY"]
    assert _kept(lines, _verdicts(monkeypatch, lines)) == lines


def test_more_lines_than_a_box_holds_stay():
    short = ["Write to us."] * (capsbox.MAX_LINES + 1)
    texts = [*ARTICLE * 20, "HAVE YOUR SAY", *short]
    verdicts = [Verdict(Label.BODY, score=0.95) for _ in texts]
    rows = list(range(len(texts)))
    assert not capsbox.closing_box(capsbox.find(texts), texts, verdicts, rows)
    assert capsbox.closing_box(capsbox.find(texts[:-1]), texts[:-1], verdicts[:-1], rows[:-1])

