"""A list of the site's other pages closing the kept text, its lines built alike ("What
Window Cleaning Costs in Springfield" / "... in Riverton"), goes (core/closinglists.py), in
English and in German, a link whose title asks a question among them; an article's own
closing list, whose items are not built alike, stays, and so does a run of such lines the
article goes on after, or one that holds sentences (a reference list) or questions each
answered under it (an FAQ).

The fixtures (tests/fixtures/closinglists/) are invented pages."""

from __future__ import annotations

from conftest import (
    ROOT,
    article_page_tests,
)
from copydesk.core import closinglists
from copydesk.core.model import Label, Verdict

PAGES = ROOT / "tests" / "fixtures" / "closinglists"

# The clean text of each page: its lines, by number (1-based).
ARTICLES = {
    "en-guide.txt": [1, 2, 3, 4, 5],  # not "More Cleaning Price Guides" and its links (6-11)
    "de-ratgeber.txt": [1, 2, 3, 4, 5],  # not "Weitere Preisratgeber" and its links (6-11)
    "en-own-list.txt": list(range(1, 11)),  # the article's packing list: items not alike
}


test_the_clean_text_is_the_article, test_cleaning_the_clean_text_changes_nothing = (
    article_page_tests(PAGES, ARTICLES)
)


ARTICLE = [
    "The council voted on Tuesday to build a new footbridge over the river, after years of "
    "complaints from parents whose children cross the road bridge on their way to school."
] * 3
LINKS = [
    "Read More Guides",
    "Best Bike Routes in Leeds",
    "Best Bike Routes in York",
    "Best Walking Routes in York",
    "Where to Park in Leeds",
]


def _removed(lines: list[str]) -> list[bool]:
    """Which of `lines`, all kept by the model before, the closing-list pass removes."""
    verdicts = [Verdict(Label.BODY, "line-model", "", score=0.9) for _ in lines]
    closinglists.closing_lists(lines, verdicts, list(range(len(lines))))
    return [v.rule == closinglists.RULE for v in verdicts]


def test_a_closing_list_built_alike_goes_with_its_heading():
    assert _removed([*ARTICLE, *LINKS]) == [False] * 3 + [True] * 5


def test_lines_that_end_alike_are_built_alike():
    links = ["Trains to Leeds", "Coaches to Leeds", "Ferries to Hull", "Flights to Hull"]
    assert _removed([*ARTICLE, *links]) == [False] * 3 + [True] * 4


def test_a_link_whose_title_asks_a_question_is_in_the_list():
    # One of the site's pages asks in its title; the run does not stop at it.
    links = ["Hire a Tree Surgeon", "Hire a Roofer", "What Does a Roofer Charge?",
             "Hire a Plasterer", "Hire a Glazier"]
    assert _removed([*ARTICLE, *links]) == [False] * 3 + [True] * 5


def test_questions_answered_below_them_stay():
    # An FAQ closing the article: each question's answer is prose, which stops the run.
    faq = []
    for town in ("Leeds", "York", "Hull", "Bath"):
        faq += [f"Can I Cycle to {town}?", f"Yes, the route to {town} is signed all the way "
                "and mostly runs on quiet lanes beside the canal."]
    assert not any(_removed([*ARTICLE, *faq]))


def test_the_article_going_on_after_the_list_keeps_it():
    assert not any(_removed([*ARTICLE, *LINKS, ARTICLE[0]]))


def test_a_list_whose_lines_are_not_built_alike_stays():
    items = ["A silk sleeping sheet", "Earplugs and a mask", "A small head torch", "Cash"]
    assert not any(_removed([*ARTICLE, *items]))


def test_too_few_lines_are_no_list():
    assert not any(_removed([*ARTICLE, *LINKS[1:4]]))


def test_a_text_of_short_lines_alone_stays():
    # Nothing above the run: the list is the page, not something after it.
    assert not any(_removed(LINKS))


def test_entries_holding_sentences_stay():
    # A reference list: each entry is a few sentences, the source's name and its address.
    refs = [f"(n.d.). Bike routes in {town}. City News. https://example.org/{town}"
            for town in ("leeds", "york", "hull", "bath")]
    assert not any(_removed([*ARTICLE, *refs]))


def test_a_line_the_user_keeps_keeps_the_list():
    verdicts = [Verdict(Label.BODY, "line-model", "", score=0.9) for _ in [*ARTICLE, *LINKS]]
    verdicts[-1] = Verdict(Label.BODY, "keep-pattern", "matched a keep pattern")
    lines = [*ARTICLE, *LINKS]
    assert not closinglists.closing_lists(lines, verdicts, list(range(len(lines))))


def test_the_same_line_repeated_is_not_built_alike():
    # A course's cards: each one's title, its length and its button; the repeated fields
    # are one line shown again, not titles made from one template.
    cards = ["Your first phone", "6 min", "Start now", "Calls and texts", "6 min", "Start now"]
    assert not any(_removed([*ARTICLE, *cards]))


def test_a_run_another_pass_kept_is_read_as_a_second_run_reads_it():
    # A table found among lines that the clean text no longer holds is no table on a
    # second run: the lines go on the first run as they would on the second.
    lines = [*ARTICLE, *LINKS]
    verdicts = [Verdict(Label.BODY, "line-model", "", score=0.9) for _ in lines]
    verdicts[-2] = Verdict(Label.BODY, "table", "cell of a table of 2 columns and 3 rows")
    assert closinglists.closing_lists(lines, verdicts, list(range(len(lines))))


def test_a_table_whose_cells_repeat_stays():
    # A training plan's cells, one a line: the same cell on many days, and rows whose
    # cells open alike ("Walk/Run Easy ...").
    plan = ["1", "Rest", "Walk/Run Easy 10x (Walk 2 min)", "Rest", "Walk/Run Easy 12x (Walk 2 min)",
            "2", "Rest", "Walk/Run Easy 15x (Walk 1 min)", "Rest", "Run Easy 30 min"]
    assert not any(_removed([*ARTICLE, *plan]))
