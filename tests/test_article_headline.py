"""The report's headline is the article's (`core/articlehead.py`): chosen above the
article's start, not above a pitch the model kept, and never a pitch's title, a contents
item or a kept line; the text written does not change."""

from __future__ import annotations

from pathlib import Path

import pytest
from metapages import collect as _collect
from metapages import headline as _headline
from metapages import removed as _removed

from copydesk.core import articlehead
from copydesk.core.model import BODY, Label, Verdict

FIXTURES = Path(__file__).parent / "fixtures" / "headlines"
LEAD = [
    "Night trains have come back to Europe in a big way, with new sleeper routes linking "
    "cities that had lost their overnight services years ago.",
    "We spent three months riding the best night trains in Europe and rated each on its "
    "cabins, its food, its punctuality and its fares.",
    "The biggest surprise was how good the cheaper couchettes on the night trains have "
    "become, with curtains, charging points and breakfast included.",
    "Before we get to our ranking of the best night trains, here is how we tested them and "
    "what we looked for in each sleeper service.",
]
PITCH = (
    "Your news app now lets you pick the sources you trust for news and updates, so add us "
    "as a preferred source today to always see our latest tips."
)
TITLE = "The 8 Best Night Trains in Europe for 2026"




def _meta(rule: str, name: str, value: str) -> Verdict:
    return Verdict(Label.METADATA, rule, "", meta=(name, value))




def _article(title: Verdict) -> list[tuple[str, Verdict]]:
    """A page whose passes named "Add us on Google" over a kept pitch, the article's title
    (removed by the model) over its byline and dates, then the article."""
    return [
        ("Add us on Google", _headline("Add us on Google")),
        ("Tap here to make us a preferred source.", BODY),
        (PITCH, BODY),
        ("Guides / Rail / Europe", _removed("nav-crumb")),
        (TITLE, title),
        ("By Marta Lindqvist", _meta("byline", "byline", "Marta Lindqvist")),
        ("|", _removed("symbol-line")),
        ("Published: Jan 12, 2026", _meta("dateline", "date", "Jan 12, 2026")),
        ("|", _removed("symbol-line")),
        ("Updated: Jan 14, 2026", _meta("dateline", "date", "Jan 14, 2026")),
        *[(text, BODY) for text in LEAD],
    ]


def test_the_headline_is_the_title_over_the_article_not_over_a_kept_pitch():
    page = _article(_removed())
    kept_before = [v.keep for _, v in page]
    metadata, verdicts = _collect(page)
    assert metadata["headline"] == [TITLE]
    assert verdicts[0].rule == articlehead.NOT_CHOSEN and verdicts[0].meta is None
    assert verdicts[4].rule == "headline"
    assert [v.keep for v in verdicts] == kept_before  # the same text is written


def test_a_title_over_a_pitchs_button_is_not_the_headline():
    page = _article(Verdict(Label.BOILERPLATE, "cta-button", ""))
    page[4] = ("Start your free trial of night trains in Europe today", _removed())
    page.insert(5, ("Start free trial", _removed("cta-button")))
    metadata, _ = _collect(page)
    assert metadata["headline"] == ["Add us on Google"]


def test_a_line_a_rule_named_is_not_the_headline():
    metadata, _ = _collect(_article(_removed("related-block")))
    assert metadata["headline"] == ["Add us on Google"]


def test_a_kept_title_is_not_named_the_headline():
    # A kept line named the headline would be dropped from the text as a related headline
    # (`headlines.py`); the model's own keeping, over a soft rule, too.
    kept = Verdict(Label.BODY, "line-model", "date-line (...) overruled: body probability 0.6")
    metadata, verdicts = _collect(_article(kept))
    assert metadata["headline"] == ["Add us on Google"]
    assert verdicts[4].keep


def test_items_of_a_table_of_contents_are_not_the_headline():
    headings = ["How we tested the night trains in Europe", "The best night trains in Europe"]
    page = [
        ("Add us on Google", _headline("Add us on Google")),
        ("Tap here to make us a preferred source.", BODY),
        (PITCH, BODY),
        *[(share, _removed("share-label")) for share in ("Share", "Facebook", "X", "Email")],
        *[(text, _removed()) for text in headings],
        *[(text, BODY) for text in LEAD],
        *[(text, BODY) for text in headings],
    ]
    metadata, _ = _collect(page)
    assert metadata["headline"] == ["Add us on Google"]


def test_the_passes_headline_stays_when_no_line_shares_clearly_more():
    page = _article(_headline(TITLE))
    page[0] = ("Europe's best night trains of 2026", _removed())
    metadata, verdicts = _collect(page)
    assert metadata["headline"] == [TITLE]
    assert verdicts[0].rule == "line-model"


def test_a_deck_under_the_passes_headline_does_not_replace_it():
    # A deck sums the article up, so it shares more of its words than the headline does.
    page = _article(_removed())
    headline = "Sleeper Comeback: Riding Europe's Rails"
    deck = "We rode the best night trains in Europe and rated their cabins, food and fares"
    page[0] = ("Add us", _removed())
    page[3] = (headline, _headline(headline))
    page[4] = (deck, _removed())
    metadata, _ = _collect(page)
    assert metadata["headline"] == [headline]


@pytest.mark.parametrize(
    "line",
    [
        "Best Night TrainsNight Trains in EuropeSleeper Trains Europe",  # items glued
        "Night trains•Sleeper cabins in Europe•Couchettes on night trains•Fares",  # bullets
        "Europe Night Trains Europe Sleeper Trains Europe Rail Passes",  # a brand per item
        "By Marta Lindqvist, night trains in Europe",  # a byline
        "Night trains in Europe, January 12, 2026",  # a date line
    ],
)
def test_a_flattened_menu_or_a_header_line_is_not_the_headline(line: str):
    page = _article(_removed())
    page[4] = (line, _removed())
    metadata, _ = _collect(page)
    assert metadata["headline"] == ["Add us on Google"]


def test_a_long_title_between_short_lines_is_the_headline():
    # Widgets' lines around the title ("[ LOADING]", "Over 6,000"), not a menu's items.
    page = _article(_removed())
    page[3] = ("[ LOADING]", _removed())
    page.insert(5, ("Over 6,000", _removed()))
    metadata, _ = _collect(page)
    assert metadata["headline"] == [TITLE]


def test_front_matter_names_the_articles_headline_not_the_menu_item_over_a_pitch(cli):
    # The passes name "City Breaks in Porto", a menu item right above a box asking to add
    # the site as a news source (a paragraph the model keeps); the article's title sits
    # under that box, over its byline and dates.
    page = (FIXTURES / "pitch-above-article.txt").read_text(encoding="utf-8")
    result = cli(["clean", "-", "--front-matter"], input=page)
    assert result.exit_code == 0
    header = result.stdout.split("---")[1]
    assert f'headline: "{TITLE}"' in header
    assert "City Breaks in Porto" not in result.stdout
    plain = cli(["clean", "-"], input=page)
    assert result.stdout.endswith(plain.stdout)  # the text is the same
