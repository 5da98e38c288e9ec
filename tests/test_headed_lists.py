"""A short page that says what it has to say as lists: after the list its intro sentence
announces, more lists under headings of their own, which the model reads as a sidebar's
and removes. They stay when the first heading names a word of the kept text, up to a long
run of short lines (a block of links) or a line a rule judged (core/headedlists.py,
"headed-list"); a label that names no word of the article ("Quick links"), a long
article, and a block of links stay the model's.

The fixtures (tests/fixtures/below37/) are invented pages: English, German and Spanish,
which the shipped model cuts, and Czech (no rule pack), which it already reads whole."""

from __future__ import annotations

import pytest

from conftest import ROOT, assert_kept_lines_stay, page_lines, verdicts_with_scores
from copydesk.core import headedlists

FIXTURES = ROOT / "tests" / "fixtures" / "below37"

# A Swedish page (no rule pack), scored by hand as the model scores such a page: the intro
# and its list kept, every heading and line after them removed.
INTRO = (
    "Byggnadsnämnden prövar ansökningar om bygglov och ser till att byggnader i kommunen "
    "uppförs säkert och enligt gällande regler. Nämndens arbete omfattar:"
)
ITEMS = [
    "Bygglov - Ansökningar om bygglov prövas inom tio veckor från komplett ansökan.",
    "Tillsyn - Nämnden följer upp byggen som uppförts utan lov eller i strid med lovet.",
    "Rådgivning - Handläggarna svarar på frågor om regler innan du skickar in en ansökan.",
]
HEADED = [
    "Vanliga åtgärder som kräver bygglov",
    "Nybyggnad",
    "Tillbyggnad",
    "Fasadändring",
    "Avgifter för bygglov",
    "Enbostadshus 18 000 kronor, tillbyggnad upp till 50 kvadratmeter 9 000 kronor",
    "Rivningslov 3 500 kronor, marklov för schaktning eller fyllning 5 200 kronor",
]
LINKS = [
    "Felanmälan", "Lediga jobb", "Sophämtning", "Bibliotek", "Badhus", "Förskola",
    "Matsedel", "Kontakta kommunen",
]
MENU = ["Startsida", "Kommun och politik", "Byggnadsnämnden", "Vårt uppdrag"]


def _lines(headed: list[str] = HEADED, links: list[str] = LINKS) -> list[str]:
    return [*MENU, INTRO, *ITEMS, *headed, "Snabblänkar", *links]


def _scores(lines: list[str]) -> dict[str, float]:
    scores = {line: 0.2 for line in lines}
    scores.update({INTRO: 0.97, **dict.fromkeys(ITEMS, 0.97)})
    return scores


def _kept(lines: list[str]) -> list[str]:
    return [t for t, v in zip(lines, _verdicts(lines), strict=True) if v.keep]


def _verdicts(lines: list[str]):
    with pytest.MonkeyPatch.context() as monkeypatch:
        return verdicts_with_scores(monkeypatch, lines, _scores(lines))


def test_the_headed_lists_after_a_short_article_s_list_stay():
    lines = _lines()
    verdicts = _verdicts(lines)
    kept = [t for t, v in zip(lines, verdicts, strict=True) if v.keep]
    assert kept == [INTRO, *ITEMS, *HEADED]
    assert {verdicts[lines.index(t)].rule for t in HEADED} == {headedlists.RULE}


def test_two_lines_under_the_intro_are_an_aside_not_a_list():
    # An answer's command and the sentence under it, then the post's bar and its comments
    # (the heading names "bygglov" all the same): no list closes the article, nothing
    # after it is kept.
    lines = [*MENU, INTRO, *ITEMS[:2], *HEADED, "Snabblänkar", *LINKS]
    assert _kept(lines) == [INTRO, *ITEMS[:2]]


def test_a_sentence_ends_the_headed_lists():
    lines = _lines(headed=[*HEADED[:4], "Logga in för att kommentera.", *HEADED[4:]])
    assert _kept(lines) == [INTRO, *ITEMS, *HEADED[:4]]


def test_a_heading_that_names_nothing_of_the_article_heads_chrome():
    # Right after the list, a label of the site's own over a few links (too few for a
    # block of links): not the article's.
    lines = _lines(headed=["Upptäck staden", "Evenemang", "Turism"], links=["Idrott"])
    assert _kept(lines) == [INTRO, *ITEMS]


def test_a_long_run_of_short_lines_is_a_block_of_links():
    # The heading names the article's word, but what follows it is eight short lines in a
    # row and more: a block of links about the subject, left to the model.
    links = [
        "Ansökan om bygglov", "Anmälan om rivning", "Kontrollplan, mall", "Situationsplan",
        "Fasadritning, exempel", "Nybyggnadskarta", "Strandskyddsdispens", "Marklov",
    ]
    lines = _lines(headed=["Blanketter för bygglov", *links], links=[])
    assert _kept(lines) == [INTRO, *ITEMS]


def test_a_long_article_s_lists_are_the_model_s():
    prose = [
        f"Stycke {n}: nämnden har under året prövat fler ansökningar om bygglov än tidigare, "
        "och handläggningstiden har ändå hållits inom de tio veckor som lagen medger."
        for n in range(1, 10)
    ]
    lines = [*MENU, *prose, INTRO, *ITEMS, *HEADED, "Snabblänkar", *LINKS]
    scores = _scores(lines)
    scores.update(dict.fromkeys(prose, 0.97))
    with pytest.MonkeyPatch.context() as monkeypatch:
        verdicts = verdicts_with_scores(monkeypatch, lines, scores)
    assert not any(verdicts[lines.index(t)].keep for t in HEADED)


def test_cleaning_twice_changes_nothing(monkeypatch):
    lines = _lines()
    assert_kept_lines_stay(monkeypatch, lines, _scores(lines))


def test_explain_names_the_headed_list(cli):
    page = FIXTURES / "en-records-office.txt"
    result = cli(["explain", "--plain", "--width", "200", page])
    assert result.exit_code == 0
    heading = page_lines(page).index("Documents Often Requested From the Records Office") + 1
    row = next(line for line in result.stdout.splitlines() if line.split()[:1] == [str(heading)])
    assert headedlists.RULE in row
