"""A numbered code listing, which a scrape gives as a line of its line numbers ("1 2 3 4")
and the listing flattened on the next line, is a code block (core/code.py): the numbers
go to no rule the model reads as chrome ("code-gutter", as a Markdown fence), and inside
the article both lines stay ("code-block"); a pager's "1 2 3 4 5" over "Next" does not.

The fixture (tests/fixtures/listings/) is an invented page."""

from __future__ import annotations

import pytest

from conftest import ROOT, assert_cleaned_lines_are_stable, cleaned_lines
from copydesk.core import code
from copydesk.core.context import code_lines_unruled
from copydesk.core.model import Block, Label, Verdict
from copydesk.core.rulecodes import rule_code

PAGE = ROOT / "tests" / "fixtures" / "listings" / "en-numbered-listings.txt"


def test_the_listings_stay_with_their_numbers_and_the_pager_goes(cli):
    kept = cleaned_lines(cli, PAGE)
    for numbers in ("1 2 3", "1 2 3 4 5", "1 2 3 4"):
        listing = kept.index(numbers) + 1
        assert kept[listing].split()[0] in ("import", "reader", "sample")
    # The third listing, which the model removed when its numbers read as a pager's, and
    # the heading above it.
    assert "Sniffing the dialect" in kept
    assert any(line.startswith("sample = handle.read(4096)") for line in kept)
    assert "Next" not in kept
    assert kept.count("1 2 3 4 5") == 1  # the pager's numbers went


def test_cleaning_the_clean_text_changes_nothing(cli, tmp_path):
    assert_cleaned_lines_are_stable(cli, tmp_path, PAGE)


def test_explain_names_the_listing(cli):
    result = cli(["explain", PAGE])
    assert result.exit_code == 0
    assert "numbered listing" in result.stdout


@pytest.mark.parametrize(
    ("text", "gutter"),
    [
        ("1 2 3", True),
        ("1 2 3 4 5 6 7 8 9 10 11 12", True),
        ("1", False),  # one line: a counter as often as a listing
        ("1 2 4", False),  # a pager that skips
        ("2 3 4", False),
        ("1 2 3 Next", False),
    ],
)
def test_what_reads_as_a_listing_s_numbers(text, gutter):
    assert code.is_gutter(text) is gutter


def test_a_pager_over_next_is_no_listing():
    texts = ["Some prose of the article, long enough to read as a sentence.", "1 2 3 4 5", "Next"]
    assert code.find_blocks(texts) == []
    texts[2] = "for row in rows: total += row.amount print(total)"
    assert code.find_blocks(texts) == [code.CodeBlock(1, 3, True, "numbered listing")]


def test_the_model_reads_a_listing_s_numbers_as_no_rule_s():
    # Read as a pager (a rule's chrome), the numbers of each listing made the prose
    # around the listings look like the page's chrome to the model.
    texts = [
        "Open the file first:", "1 2 3", 'with open("orders.csv") as handle: rows = list(handle)'
    ]
    blocks = [Block(index=k + 1, start=k + 1, end=k + 1, text=t) for k, t in enumerate(texts)]
    pager = Verdict(Label.BOILERPLATE, "section-header", "en line rule")
    verdicts = [Verdict(Label.BODY), pager, Verdict(Label.BODY)]
    code_lines_unruled(blocks, verdicts)
    assert verdicts[1].rule == "code-gutter" and not verdicts[1].keep
    assert rule_code(verdicts[1]) == 0
