"""Body lines the line model dropped on data pages (keep35, after probe34's kinds17).

Two mechanisms. A comment counter in the article's header ("14 Kommentare", "5
comentarios" beside the byline, right above the first paragraph) no longer tells the
model that a comment section came before every line under it (`features.comment_columns`):
a prompt opens the comments only where the article's prose stands above it, or where no
prose follows it. And a list whose items share a form stays one thing across the model's
passes: a row of figures ending in a percentage is such a form (`siblings.FIGURE`), and
items the first pass split off are judged with their list again on the next
(`siblings.rejoin`).

The invented page tests/fixtures/kinds17b/en-council-vote.txt has both: a counter over
the first paragraph, a list of percentages, and a real comment section under the article.
"""

from __future__ import annotations

import numpy as np
import pytest

from conftest import ROOT, article_page_tests, clean_page
from copydesk.core import features, siblings
from copydesk.core.model import Label, Verdict

KINDS17 = ROOT / "tests" / "fixtures" / "kinds17"
KINDS17B = ROOT / "tests" / "fixtures" / "kinds17b"

# The article's lines by number (1-based): the nine of the story, not the comments.
ARTICLES = {"en-council-vote.txt": list(range(11, 20))}

test_the_clean_text_is_the_article, test_cleaning_the_clean_text_changes_nothing = (
    article_page_tests(KINDS17B, ARTICLES)
)


# --- a comment counter in the header ------------------------------------------------------

def _after(codes: list[int], prose: list[bool]) -> list[float]:
    return features.comment_columns(codes, np.array(prose, dtype=bool)).tolist()


def test_a_counter_right_above_the_first_paragraph_opens_no_comment_section():
    # menu, byline, "14 comments", then the article
    assert _after([1, 2, 6, 0, 0, 0], [False, False, False, True, True, True]) == [0.0] * 6


def test_a_prompt_under_the_articles_prose_opens_the_comment_section():
    assert _after([0, 0, 6, 0, 0], [True, True, False, True, False]) == [0, 0, 0, 1, 1]


def test_a_prompt_above_the_article_over_a_toolbar_still_opens_one():
    # Not followed by prose: as before, the lines under it read as after a comment prompt.
    assert _after([6, 0, 0, 0], [False, False, True, True]) == [0, 1, 1, 1]


def test_the_header_counter_and_the_comment_section_under_the_article():
    codes = [6, 0, 0, 6, 0]
    assert _after(codes, [False, True, True, False, True]) == [0, 0, 0, 0, 1]


def test_prose_a_rule_removed_is_not_the_articles():
    # A cookie notice of 30 words above the counter is no paragraph of the article.
    assert _after([1, 6, 0, 0], [True, False, True, True]) == [0, 0, 0, 0]


@pytest.mark.parametrize(("name", "line"), [
    ("de-boerse.txt", "Der deutsche Leitindex hat am Dienstag"),
    ("de-boerse.txt", "Unter Druck standen dagegen die Versorger."),
    ("es-futbol.txt", "Así queda la zona alta de la clasificación:"),
    ("es-futbol.txt", "3. Atlético 14 30"),
    ("pt-tribunal.txt", "A decisão foi tomada por maioria"),
])
def test_the_body_under_a_header_comment_counter_stays(cli, name, line):
    assert line in clean_page(cli, KINDS17, name)


def test_the_comments_under_the_article_still_go(cli):
    text = clean_page(cli, KINDS17B, "en-council-vote.txt")
    assert "The Portmere Traders' Association said" in text
    assert "About time." not in text and "Another decision made" not in text
    assert "Mary Holt" not in text


# --- a list of figures judged together ------------------------------------------------------

@pytest.mark.parametrize("line", [
    "Isamaa 18,2%",
    "Genmab +1,5 %",
    "MDAX 26.811,2 Punkte (-0,2 %)",
    "Support the closure 58%",
    "Batu Lanang Utara 51,2%",
])
def test_a_name_and_its_percentage_is_a_row_of_figures(line):
    assert siblings.form(line) == siblings.FIGURE


@pytest.mark.parametrize("line", [
    "The Best Gym Franchises of 2024",  # a title with a year
    "Accuracy 9.3",  # a review's score box
    "Inflation rose to 2.4%.",  # a sentence
    "Turnout was the lowest in twenty years at 48%",  # too long for a row
    "58%",  # no name
])
def test_other_lines_with_figures_are_no_rows(line):
    assert siblings.form(line) == siblings.NONE


INTRO = "The regional weather office expects snow down to 500 metres in the north from Thursday."
ITEMS = ["Milan: -2 to 5, sleet", "Turin: -3 to 4, snow", "Bologna: 0 to 7, rain",
         "Rome: 6 to 14, cloud", "Naples: 9 to 16, showers"]


def _split_list(removed_scores: tuple[float, float], first: str = INTRO):
    """A file of a paragraph and five items after the model's first pass: the first three
    kept, the last two removed by the model alone at `removed_scores`."""
    texts = [first, *ITEMS]
    verdicts = [Verdict(Label.BODY, score=0.99)] + [Verdict(Label.BODY, score=0.9)] * 3 + [
        Verdict(Label.BOILERPLATE, "line-model", "line model", score=s) for s in removed_scores
    ]
    forms = siblings.forms(texts)
    rows = [0, 1, 2, 3]  # the lines in play on the next pass
    return texts, forms, verdicts, rows


def test_items_the_first_pass_split_off_come_back_when_their_list_clears_the_bar():
    texts, forms, verdicts, rows = _split_list((0.36, 0.30))
    p = np.array([0.99, 0.90, 0.90, 0.84])
    assert siblings.rejoin(texts, forms, verdicts, rows, [1, 2, 3], p, 0.45)
    assert all(v.keep for v in verdicts)
    assert verdicts[4].rule is None  # the model judges them with their list again


def test_items_stay_out_when_their_list_falls_short_of_the_bar():
    texts, forms, verdicts, rows = _split_list((0.05, 0.02))
    p = np.array([0.99, 0.50, 0.50, 0.50])
    assert not siblings.rejoin(texts, forms, verdicts, rows, [1, 2, 3], p, 0.45)
    assert not verdicts[4].keep and not verdicts[5].keep


def test_a_list_above_the_articles_first_paragraph_gets_nothing_back():
    texts = [*ITEMS, INTRO]
    verdicts = [Verdict(Label.BODY, score=0.9)] * 3 + [
        Verdict(Label.BOILERPLATE, "line-model", "line model", score=s) for s in (0.36, 0.30)
    ] + [Verdict(Label.BODY, score=0.99)]
    p = np.array([0.90, 0.90, 0.84, 0.99])
    rows = [0, 1, 2, 5]
    assert not siblings.rejoin(texts, siblings.forms(texts), verdicts, rows, [0, 1, 2], p, 0.45)


def test_an_item_a_rule_removed_does_not_come_back():
    texts, forms, verdicts, rows = _split_list((0.36, 0.30))
    verdicts[4] = Verdict(Label.BOILERPLATE, "related-block", "en line rule", score=0.36)
    p = np.array([0.99, 0.90, 0.90, 0.84])
    assert siblings.rejoin(texts, forms, verdicts, rows, [1, 2, 3], p, 0.45) is False


@pytest.mark.parametrize(("folder", "name", "lines"), [
    ("kinds17", "it-meteo.txt", ["Roma: min 6°C, max 14°C, nuvoloso",
                                 "Napoli: min 9°C, max 16°C, rovesci"]),
    ("kinds17", "et-valimised.txt", ["Isamaa 18,2%", "Sotsiaaldemokraadid 14,5%",
                                     "Eesti 200 8,1%"]),
    ("kinds17", "de-boerse.txt", ["MDAX 26.811,2 Punkte (-0,2 %)"]),
    ("kinds11", "ru-prihod.txt", ["Суббота, 28 ноября — 17:00 Всенощное бдение",
                                  "Среда, 2 декабря — 18:00 Акафист"]),
])
def test_a_list_keeps_every_item(cli, folder, name, lines):
    text = clean_page(cli, ROOT / "tests" / "fixtures" / folder, name)
    for line in lines:
        assert line in text
