"""Whole pages in languages without a rule pack (tests/fixtures/packless/): invented news
pages with a menu, a byline, share bars, a related list, comments, a cookie banner and a
footer, in pl tr id vi uk sv cs ro el ar he fa hi ko ja zh ("*-page.txt"), and pages
whose article ends in an author box, a newsletter box and a most-read list ("*-box.txt").
Nothing on them is named by a rule but the common pack's language-free ones: what goes,
goes by layout and repetition.
"""

from __future__ import annotations

import pytest

from conftest import ROOT, assert_cleans_to_lines, cleaned_lines, page_lines
from copydesk.core import edges
from copydesk.core.model import Block, Label, Verdict

PAGES = ROOT / "tests" / "fixtures" / "packless"

# The clean text of each page: its lines, by number (1-based).
ARTICLES = {
    "ar-page.txt": [12, 13, 14, 15],
    "cs-page.txt": [12, 13, 14, 15],
    "el-page.txt": [12, 13, 14, 15],
    "fa-page.txt": [12, 13, 14, 15],
    "he-page.txt": [12, 13, 14, 15],
    "hi-page.txt": [12, 13, 14, 15],
    "id-page.txt": [11, 12, 13, 14],
    "ja-page.txt": [11, 12, 13, 14],
    "ko-page.txt": [12, 13, 14, 15],
    "pl-page.txt": [11, 12, 13, 14],
    "ro-page.txt": [11, 12, 13, 14],
    "sv-page.txt": [12, 13, 14, 15],
    "tr-page.txt": [11, 12, 13, 14],  # not the two headlines (16, 17) under "İlgili Haberler"
    "uk-page.txt": [12, 13, 14, 15],
    "vi-page.txt": [11, 12, 13, 14],
    "zh-page.txt": [12, 13, 14, 15],
}


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_the_clean_text_is_the_article(cli, name):
    assert_cleans_to_lines(cli, PAGES / name, ARTICLES[name])


# Pages whose article ends in an author box: its article lines, and the box's name and bio.
BOXES = {
    "ar-box.txt": ([8, 10, 12, 13, 14], [15, 16]),
    "id-box.txt": ([8, 10, 13, 14, 15], [17, 18]),
    "ja-box.txt": ([8, 10, 12, 13, 14], [15, 16]),
    "pl-box.txt": ([9, 11, 13, 14, 15], [16, 17]),
    "tr-box.txt": ([8, 10, 12, 13, 14], [15, 16]),
}


@pytest.mark.parametrize("name", sorted(BOXES))
def test_an_author_box_whose_name_the_byline_shows_goes(cli, name):
    # The name line under the article is in the byline above it ("Anna Nowak",
    # "Penulis: Dewi Lestari | ...", "2026年3月14日 10:32 山田花子"); the bio under it does not
    # open with the name, so `_opens_box` did not see a box, and the model kept both
    # (p 0.85-0.99).
    lines = page_lines(PAGES / name)
    clean = cleaned_lines(cli, PAGES / name)
    article, box = BOXES[name]
    assert [lines[n - 1] for n in article] == [line for line in clean if line in
                                               [lines[n - 1] for n in article]]
    assert not {lines[n - 1] for n in box} & set(clean)


PROSE = (
    "The council voted on Tuesday to build a new footbridge over the river, after years of "
    "complaints from parents whose children cross the road bridge on their way to school."
)


def _boxed(lines: list[str], kept_from: int) -> list[bool]:
    """Which of `lines` the author-box pass removes; those before `kept_from` were removed."""
    blocks = [Block(n + 1, n + 1, n + 1, text) for n, text in enumerate(lines)]
    verdicts = [
        Verdict(Label.BODY, "line-model", "")
        if n >= kept_from
        else Verdict(Label.BOILERPLATE, "line-model", "")
        for n in range(len(lines))
    ]
    edges.author_boxes(blocks, verdicts, list(range(len(lines))))
    return [v.rule == "author-box" for v in verdicts]


BIO = "Transport reporter on the city desk, who writes about buses, parks and town planning."


def test_a_name_line_the_byline_shows_above_its_bio_goes():
    lines = ["Home", "Footbridge to be built", "Lena Ward | 14 March 2026", PROSE, PROSE, PROSE,
             PROSE, "Lena Ward", BIO]
    assert _boxed(lines, 3) == [False] * 7 + [True, True]


def test_a_subheading_a_contents_list_far_above_repeats_stays():
    # A table of contents at the top names the subheadings; a subheading and its paragraph
    # at the article's end are no author box (capitalized like a name, as titles are).
    contents = ["Contents", "The Plan", "The Cost", "What Comes Next"]
    menu = ["Home", "News", "Local", "Sport", "Culture", "Weather"]
    lines = [*contents, *menu, "Footbridge to be built", "14 March 2026", PROSE, PROSE, PROSE,
             PROSE, "What Comes Next", BIO]
    assert not any(_boxed(lines, 12))


def test_subheadings_a_contents_list_right_above_names_stay():
    # The contents list ends right above the article: its last entry is as near as a
    # byline, and only that one; but another subheading below is named further up, as no
    # byline names two.
    contents = ["The Plan", "The Cost", "The Route", "The Design", "The Builders",
                "The Timetable", "The Tolls", "The Lights", "The Trees", "What Comes Next"]
    lines = ["Footbridge to be built", *contents, PROSE, PROSE, "The Cost", PROSE, PROSE,
             PROSE, "What Comes Next", BIO]
    assert not any(_boxed(lines, 11))


def test_a_subheading_a_menu_names_again_and_again_stays():
    menu = ["Clinical Trials", "News", "Clinical Trials", "Research"]
    lines = [*menu, PROSE, PROSE, PROSE, PROSE, "Clinical Trials", BIO]
    assert not any(_boxed(lines, 4))


def test_a_lower_case_subheading_is_no_name():
    lines = ["The competition", PROSE, PROSE, PROSE, PROSE, "The competition", BIO]
    assert not any(_boxed(lines, 1))


def test_two_name_lines_the_byline_shows_are_no_single_box():
    # Both authors of the byline quoted in two subsections: the evidence points nowhere.
    lines = ["Lena Ward and Tom Hale", PROSE, PROSE, PROSE, "Lena Ward", BIO, "Tom Hale", BIO]
    assert not any(_boxed(lines, 1))


def test_a_box_with_much_of_the_article_below_it_stays():
    lines = ["Lena Ward", PROSE, PROSE, PROSE, PROSE, "Lena Ward", BIO, *[PROSE] * 5]
    assert not any(_boxed(lines, 1))


def _listed(lines: list[str], kept: list[bool]) -> list[bool]:
    """Which of `lines` the header-list pass removes, given which the model kept."""
    blocks = [Block(n + 1, n + 1, n + 1, text) for n, text in enumerate(lines)]
    verdicts = [
        Verdict(Label.BODY if k else Label.BOILERPLATE, "line-model", "") for k in kept
    ]
    edges.header_lists(blocks, verdicts, list(range(len(lines))))
    return [v.rule == "header-list" for v in verdicts]


RELATED = ["Ferry timetable changes for the summer", "New car park opens in the town centre"]


def test_headlines_under_a_header_after_the_article_go():
    lines = [PROSE, PROSE, "Related News", *RELATED, "Comments (2)", "© 2026 Coast News"]
    kept = [True, True, False, True, True, False, False]
    assert _listed(lines, kept) == [False, False, False, True, True, False, False]


def test_a_list_under_a_header_the_model_kept_stays():
    # The model read the header as the article's ("Sources", "Further reading"): its list is
    # the article's too, as on the dev pages' reference lists.
    lines = [PROSE, PROSE, "Further Reading", *RELATED]
    assert not any(_listed(lines, [True] * len(lines)))


def test_entries_with_a_label_stay():
    entries = ["GitHub: the source of the parser", "Docs: the reference of its interface"]
    lines = [PROSE, PROSE, "Links", *entries]
    assert not any(_listed(lines, [True, True, False, True, True]))


def test_a_long_list_under_a_header_stays():
    # A related list shows a few headlines; a list of seven or more is the article's.
    lines = [PROSE, PROSE, "Resources", *[f"{h} for the river towns" for h in
             ["Ferry guide", "Bus map", "Cycle routes", "Walking trails", "Harbour charts",
              "Tide tables", "Parking guide"]]]
    assert not any(_listed(lines, [True, True, False] + [True] * 7))


def test_a_list_with_more_of_the_article_after_it_stays():
    lines = [PROSE, PROSE, "What changes", *RELATED, "Ferries leave every hour."]
    assert not any(_listed(lines, [True, True, False, True, True, True]))


def test_a_list_of_sentences_under_a_subheading_stays():
    # Items that end a sentence are the article's points, not links to other articles.
    items = ["Ferries leave every hour.", "The car park opens at six."]
    lines = [PROSE, PROSE, "In short", *items]
    assert not any(_listed(lines, [True] * len(lines)))


def test_one_line_under_a_header_is_no_list():
    lines = [PROSE, PROSE, "The plan", RELATED[0]]
    assert not any(_listed(lines, [True, True, False, True]))
