"""Kinds of page nobody had tried, round four: the label over an ad slot between two
paragraphs on pages in languages without a pack (pl, tr, vi, ja, ko), a news brief whose
sentences are all short (ru, and en), and the labels each entry of a list article repeats
("Our take", "Good to know" under every hotel).

The fixtures (tests/fixtures/kinds4/) are invented pages with the usual damage around them.
"""

from __future__ import annotations

import pytest

from conftest import ROOT, cleaned_lines, page_lines, page_span, rule_verdict
from copydesk.core import labels

KINDS = ROOT / "tests" / "fixtures" / "kinds4"


@pytest.mark.parametrize(
    ("name", "label", "first", "last"),
    [
        ("pl-ad-label.txt", "Reklama", "Tramwaje pojadą", "Miasto obiecuje"),
        ("tr-ad-label.txt", "Reklam", "İzmir Büyükşehir", "Buca'da yaşayan"),
        ("vi-ad-label.txt", "Quảng cáo", "Từ đầu tháng tư", "Thành phố cũng"),
        ("ja-ad-label.txt", "広告", "金沢市は十四日", "市長は記者会見で"),
        ("ko-ad-label.txt", "광고", "부산시는 해운대", "시 관계자는"),
    ],
)
def test_an_ad_label_between_paragraphs_goes_in_a_language_without_a_pack(
    cli, name, label, first, last
):
    # The model read the one-word line between two paragraphs as a subheading.
    page = KINDS / name
    body = [line for line in page_span(page, first, last) if line != label]
    assert cleaned_lines(cli, page) == body


@pytest.mark.parametrize("line", ["Reklama", "- Reklama -", "REKLAM", "Quảng cáo", "광고"])
def test_ad_labels_of_languages_without_a_pack(line):
    assert rule_verdict(line).rule == "advertisement"


@pytest.mark.parametrize(
    "line",
    [
        "Reklama w sieci kosztuje coraz więcej, a reklamodawcy liczą każdy grosz.",
        "Quảng cáo trên truyền hình đã giảm mạnh trong năm qua.",
    ],
)
def test_prose_with_those_words_stays(line):
    assert rule_verdict(line).keep


@pytest.mark.parametrize(
    ("name", "first", "last"),
    [
        # Three sentences of seven to nine words: the model kept none of them.
        ("ru-brief.txt", "Синоптики обещают", "Водителей просят"),
        # Too short for the language to be told ("und"): still two sentences.
        ("ru-brief-und.txt", "Синоптики обещают", "В пятницу"),
        # The model kept two of three sentences and dropped the first.
        ("en-brief.txt", "Forecasters promise", "Drivers are asked"),
    ],
)
def test_a_news_brief_of_short_sentences_is_not_written_empty(cli, tmp_path, name, first, last):
    page = KINDS / name
    body = page_span(page, first, last)
    assert cleaned_lines(cli, page) == body
    # Cleaning the clean text keeps it whole.
    clean = tmp_path / "clean.txt"
    clean.write_text("\n\n".join(body) + "\n", encoding="utf-8")
    assert cleaned_lines(cli, clean) == body


def test_one_sentence_of_a_page_without_an_article_stays_removed(cli, tmp_path):
    page = tmp_path / "gone.txt"
    page.write_text(
        "Home\nNews\nSport\nPage not found\nSorry, we could not find that page.\n"
        "Search\nContact us\n© 2026 Example News\n",
        encoding="utf-8",
    )
    assert "Sorry, we could not find that page." not in cleaned_lines(cli, page)


def test_labels_each_entry_repeats_stay_with_the_entries(cli):
    page = KINDS / "en-entry-labels.txt"
    clean = cleaned_lines(cli, page)
    lines = page_lines(page)
    # Before: six of the eight dropped, each between two kept paragraphs.
    assert clean.count("Our take") == 4
    assert clean.count("Good to know") == 4
    assert clean[0] == lines[9]  # the standfirst's paragraph opens the text


def test_labels_after_a_shop_button_stay_with_their_entries(cli):
    # A shop button (removed by rule) under each product stands between the product's
    # paragraph and its "Pros": the label is still between the entry's kept lines.
    page = KINDS / "en-entry-labels-buttons.txt"
    lines = page_lines(page)
    clean = cleaned_lines(cli, page)
    entries = page_span(page, "2. Harlow", "Small capacity")
    assert [line for line in entries if not line.startswith("Check price")] == clean[
        clean.index(lines[18]) : clean.index("Small capacity") + 1
    ]


def test_labels_must_take_turns_with_lines_between():
    texts = ["Pros", "Fast", "Cons", "Slow", "Pros", "Light", "Cons", "Heavy"]
    assert labels.recurring_pairs(texts) == [([0, 4], [2, 6])]
    # A menu captured twice: its items stand next to each other.
    menu = ["Home", "News", "A paragraph of the article, long enough.", "Home", "News"]
    assert labels.recurring_pairs(menu) == []
    # One label repeating alone ("Advertisement" between paragraphs) is no pair.
    alone = ["Ad", "one.", "Ad", "two.", "Ad"]
    assert labels.recurring_pairs(alone) == []
    # One turn missed in eight (an entry whose label went with it, in a cleaned page)...
    lost = ["Pros", "a", "Cons", "b", "Pros", "c", "Cons", "d", "Pros", "e", "Cons", "f",
            "Cons", "g", "Pros", "h", "Cons", "i"]
    assert labels.recurring_pairs(lost) == [([0, 4, 8, 14], [2, 6, 10, 12, 16])]
    # ...but not one in three.
    assert labels.recurring_pairs(["Pros", "a", "Cons", "b", "Cons", "c", "Pros"]) == []
    # Sentences are not labels.
    said = ["He said no.", "x", "She said yes.", "y", "He said no.", "z", "She said yes."]
    assert labels.recurring_pairs(said) == []


def test_labels_are_paired_on_the_text_a_second_cleaning_reads():
    # The only line between the second "Price" and "Plan" is a copy of an earlier line,
    # which the clean text drops: cleaned again, "Price" and "Plan" would stand side by
    # side and be no pair, so they are none the first time either (idempotence: a
    # page of the dev set kept such labels once and dropped one the second time).
    copy = "Unlimited calls to a lawyer for thirty days"
    texts = ["Price", copy, "Plan", "a", "Price", copy, "Plan", "b"]
    assert labels.recurring_pairs(texts) == [([0, 4], [2, 6])]
    assert labels.recurring_pairs(texts, [[1, 5]]) == []
    # Copies elsewhere leave the pairs as they were, in the file's own line numbers.
    texts = ["Intro", copy, "Price", "x", "Plan", "y", "Price", "z", "Plan", copy]
    assert labels.recurring_pairs(texts, [[1, 9]]) == [([2, 6], [4, 8])]


def test_a_menu_captured_twice_between_paragraphs_is_not_an_entry_s_labels(cli, tmp_path):
    page = tmp_path / "menus.txt"
    story = [
        "The river rose by two metres overnight and closed the road to the village, the "
        "county council said on Sunday morning.",
        "Residents of the lower streets were moved to the school hall, where volunteers "
        "served breakfast to more than sixty people.",
    ]
    page.write_text(
        "\n".join(["Home", "Weather", story[0], "Home", "Weather", story[1], "© 2026 Vale Post"])
        + "\n",
        encoding="utf-8",
    )
    assert cleaned_lines(cli, page) == story
