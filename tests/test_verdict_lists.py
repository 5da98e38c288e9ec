"""A review's verdict lists at its end ("Pros" / "Cons", "Vorteile" / "Nachteile"): the
line model read them as the page's tail and removed them with the related links below.

The fixtures (tests/fixtures/kinds5/) are invented reviews with the usual chrome around.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, cleaned_lines, page_lines, page_span
from copydesk.core import verdictlists

KINDS = ROOT / "tests" / "fixtures" / "kinds5"


@pytest.mark.parametrize(
    ("name", "first", "last"),
    [
        ("en-review-pros-cons.txt", "A good grinder", "Price at time of publishing"),
        ("de-review-vorteile.txt", "Der Fennek S9", "Schwach an Teppichkanten"),
    ],
)
def test_the_verdict_lists_closing_a_review_stay(cli, name, first, last):
    page = KINDS / name
    assert cleaned_lines(cli, page) == page_span(page, first, last)


@pytest.mark.parametrize("name", ["en-review-pros-cons.txt", "de-review-vorteile.txt"])
def test_cleaning_the_clean_review_changes_nothing(cli, tmp_path, name):
    once = cli(["clean", KINDS / name]).stdout
    clean = tmp_path / name
    clean.write_text(once, encoding="utf-8")
    assert cli(["clean", clean]).stdout == once


def test_a_review_of_lists_without_the_article_above_stays_out(cli, tmp_path):
    # Under a menu, with no paragraph the model kept just above: a widget, not the verdict.
    page = tmp_path / "widget.txt"
    lines = page_lines(KINDS / "en-review-pros-cons.txt")
    pros = lines.index("Pros")
    end = lines.index("Check price")
    page.write_text(
        "\n".join([*lines[pros:end], *lines[:pros], *lines[end:]]) + "\n", encoding="utf-8"
    )
    kept = cleaned_lines(cli, page)
    assert "Pros" not in kept and "Stepless adjustment" not in kept
    assert "Our top pick is" in " ".join(kept)


def test_pairs_are_found_on_the_text():
    texts = ["A paragraph of the review.", "Pros:", "Light", "Quiet", "Cons:", "Loud", "Buy"]
    (found,) = verdictlists.find(texts)
    assert (found.first, found.second) == (1, 4)
    assert found.items == (2, 3, 5, 6)


@pytest.mark.parametrize(
    "texts",
    [
        ["Pros", "Cons", "Loud"],  # no list under the first head
        ["Pros", "Light", "Cons"],  # none under the second
        ["Pros", "Light", "Quiet", "Advantages", "Cons", "Loud"],  # a head of another pair
        ["Cons", "Loud", "Pros", "Light"],  # the wrong order
        ["A page with no verdict at all."],
    ],
)
def test_no_pair_without_two_lists_in_order(texts):
    assert verdictlists.find(texts) is None


def test_a_head_remembered_across_files_reads_as_one_normalised_afresh():
    # Decorated short lines are normalised once a run (`_decorated_head`, cached): a line
    # met again, in this file or another, must read as the same head as on first sight.
    texts = ["**Pros**", "- Cons:", "Pros (3)", "Menu", "  ", "x" * 31, "Nachteile", "Pros (3)"]
    fresh = [verdictlists._decorated_head.__wrapped__(t) if len(t) <= 30 else None for t in texts]
    assert fresh[:3] == ["pros", "cons", "pros"] and fresh[4] is None and fresh[5] is None
    for _ in range(2):
        assert [verdictlists._head(t) for t in texts] == fresh


# Letters and digits of several scripts, what the regexes cut (decoration, an underscore, a
# count in brackets), and whitespace that `str.strip` takes (a newline, U+0085, U+3000).
_HEAD_CHARACTERS = st.sampled_from(
    [*"Pros cons ÄéßİıΣσς плюсы 42٣²½_-*:().!?\"'#|[]", "\n", "\x85", "\u3000", "\x1c"]
)


@settings(max_examples=2000, deadline=None)
@given(st.lists(_HEAD_CHARACTERS, max_size=12).map("".join))
def test_a_plain_head_reads_as_the_regexes_read_it(text):
    # The fast path (a line that starts and ends with a letter or digit) against the
    # regexes' normalisation, on lines built of what either may cut.
    assert verdictlists._short_head(text) == verdictlists._decorated_head.__wrapped__(text)


@pytest.mark.parametrize(
    "text", ["Pros", "Pros:", "_Pros_", "Pros (3)", "Pros (3", "3)", "İyi", "x_1", " Cons \n", "½"]
)
def test_each_head_reads_as_the_regexes_read_it(text):
    assert verdictlists._short_head(text) == verdictlists._decorated_head.__wrapped__(text)
