"""The title a lead sentence opens with is the headline (core/leadtitles.py): a wiki page's
title over its infobox, whose rows share the lead's words more than the title does, in
English and German, in the whole page and the article region; a line the lead does not
open with whole, or a one-word section name over a news story, is not taken.

The fixtures (tests/fixtures/leadtitles/) are invented pages."""

from __future__ import annotations

import pytest

from conftest import ROOT
from copydesk.core import leadtitles
from copydesk.core.model import Block, Label, Verdict

PAGES = ROOT / "tests" / "fixtures" / "leadtitles"

HEADLINES = {
    "en-wiki-page.txt": "Edda Marlowe",  # not the infobox's "Field guides to fenland plants"
    "en-wiki-region.txt": "Edda Marlowe",  # not "Known for Field guides to fenland plants"
    "de-wiki-page.txt": "Hollmar Teichwerk",  # not "Fischzucht und Mühlenantrieb"
}


@pytest.mark.parametrize("name", sorted(HEADLINES))
def test_the_headline_is_the_title_the_lead_opens_with(cli, name):
    result = cli(["clean", "--front-matter", PAGES / name])
    assert result.exit_code == 0
    assert f'headline: "{HEADLINES[name]}"' in result.stdout.splitlines()[:4]


LEAD = "Edda Marlowe (1901–1987) was an English botanist and illustrator of the fens."


def _title(lines: list[str]) -> str | None:
    """The lead title `lead_title` finds over the last of `lines` (the others removed)."""
    blocks = [Block(n + 1, n + 1, n + 1, text) for n, text in enumerate(lines)]
    verdicts = [Verdict(Label.BOILERPLATE, "line-model", "") for _ in lines[:-1]]
    verdicts.append(Verdict(Label.BODY))
    found = leadtitles.lead_title(blocks, verdicts, list(range(len(lines))), len(lines) - 1)
    return None if found is None else lines[found]


def test_the_nearest_line_the_lead_opens_with_is_found():
    lines = ["Edda Marlowe", "Born", "12 May 1901", "Edda Marlowe", "Botanist", LEAD]
    assert _title(lines) == "Edda Marlowe"


def test_a_name_right_over_a_bio_is_an_author_box_not_a_title():
    bio = "Lena Ward is the transport editor and writes about towns and their streets."
    assert _title(["Lena Ward", "Contributing Writer", "Lena Ward", bio]) is None


def test_a_name_a_byline_credits_opens_a_bio_not_a_lead():
    bio = "Lena Ward is the transport editor and writes about towns and their streets."
    assert _title(["Fact checked by Lena Ward", "Lena Ward", "Editor", bio]) is None
    # A page's window title names it first: no byline.
    assert _title(["Lena Ward – Wikipedia", "Lena Ward", "Editor", bio]) == "Lena Ward"


def test_a_line_that_ends_inside_a_word_is_not_taken():
    assert _title(["Edda Marl", "Born", LEAD]) is None


def test_a_one_word_name_over_a_news_story_is_not_taken():
    lead = "Politics in the city changed on Tuesday when the council voted to build a bridge."
    assert _title(["Politics", "By Jo Lee", lead]) is None


def test_a_one_word_title_set_off_by_a_bracket_is_taken():
    lead = "Tarnham (pronounced TAR-num) is a village in Lincolnshire on the edge of the fens."
    assert _title(["Tarnham", "Population", "412", lead]) == "Tarnham"


def test_a_sentence_is_not_a_title():
    lead = "Edda Marlowe was born. She drew plants all her life and wrote three field guides."
    assert _title(["Edda Marlowe was born.", lead]) is None
