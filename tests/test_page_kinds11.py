"""Kinds of page nobody had tried, round eleven (probe28): a recipe with a nutrition box,
job adverts, a real-estate listing, a forum thread with quoted replies, a Q&A answer, a
travel guide, a court report, weather pages, a TV schedule, a paper's abstract with
affiliations, a parish newsletter, a classified advert, letters to the editor, wire stories
(one with "(Reporting by ...)" and its body captured twice), a corrections note and a
match report with mojibake; in English and in languages without a pack (sl, et, lv, is,
ga, tr, pl, uk, ar, fa, he, id, vi, th, ja, zh, ko, hi, el).

The fixtures (tests/fixtures/kinds11/) are invented pages with the usual damage around
them. `<name>.clean.txt` is what copydesk writes now: regenerate it with `copydesk clean`
after a deliberate change, and read the diff. Where it still differs from a reader's truth
is in bench/HISTORY.md (session 24, probe28).
"""

from __future__ import annotations

import pytest

from conftest import ROOT, cleaned_lines, rule_verdict
from copydesk.core import openings, postblocks, titles
from copydesk.core.model import Block, Label, Verdict
from copydesk.core.rules import find_date

KINDS = ROOT / "tests" / "fixtures" / "kinds11"


def _front_matter(cli, name: str) -> str:
    """The page's front matter, empty when its metadata is (no block is written then)."""
    result = cli(["clean", KINDS / name, "--front-matter"])
    assert result.exit_code == 0
    parts = result.stdout.split("---\n")
    return parts[1] if len(parts) > 2 else ""


# --- a forum's numbered post headers ------------------------------------------------------

@pytest.mark.parametrize(("line", "handle"), [
    ("#2 Gudrun_K · 18. nóvember 2026, 21:40", "Gudrun_K"),
    ("#4 jonsi82 · 19. nóvember 2026, 12:30", "jonsi82"),
    ("#7 kari_n | 3. marraskuuta 2026 klo 08:15", "kari_n"),
])
def test_a_post_header_after_a_separator_in_a_month_no_pack_names(line, handle):
    verdict = rule_verdict(line)
    assert verdict.rule == "post-header"
    assert verdict.meta == ("byline", handle)


@pytest.mark.parametrize("line", [
    "3 min | May 10, 2024",  # a reading time beside the date (wcxb-0002)
    "12 Comments | May 10, 2024",
    "18 nóvember 2026",
])
def test_a_count_beside_a_date_without_its_time_is_no_post_header(line):
    assert rule_verdict(line).rule != "post-header"


def test_a_threads_last_post_stays_under_its_numbered_header(cli):
    lines = cleaned_lines(cli, KINDS / "is-spjall.txt")
    assert lines[-1].startswith("Takk fyrir svörin.")
    assert not any(line.startswith(("#2 ", "#3 ", "#4 ")) for line in lines)


_POST = "Ég held ég prófi harðskeljadekkin fyrst og sjái hvernig þau reynast í vetur, takk."


def _thread(above: list[str]) -> tuple[list[Block], list[Verdict]]:
    """A thread of three numbered posts under `above`; the model removed the last post."""
    texts = [*above]
    for n in (1, 2, 3):
        texts += [f"#{n} jonsi{n} · 1{n}. nóvember 2026, 21:1{n}", _POST]
    blocks = [Block(i + 1, i + 1, i + 1, t) for i, t in enumerate(texts)]
    verdicts = [Verdict(Label.BODY) for _ in texts]
    for i, text in enumerate(texts):
        if text.startswith("#"):
            verdicts[i] = Verdict(Label.METADATA, "post-header", meta=("byline", "x"))
    verdicts[-1] = Verdict(Label.BOILERPLATE, "line-model", score=0.4)
    return blocks, verdicts


def test_headed_posts_keep_the_post_the_model_removed():
    blocks, verdicts = _thread(["Nagladekk eða harðskeljadekk?"])
    numbered = postblocks.numbered_lines(openings.openings([block.text for block in blocks]))
    assert numbered is not None
    assert postblocks.headed_posts(blocks, verdicts, list(range(len(blocks))), numbered)
    assert verdicts[-1].keep and verdicts[-1].rule == "forum-post"


def test_headed_posts_are_an_articles_comments_under_its_prose():
    # Under an article's prose, posts are its comments: `threads` and `postheads` judge them.
    blocks, verdicts = _thread([_POST, _POST])
    rows = list(range(len(blocks)))
    assert not postblocks.headed_posts(blocks, verdicts, rows, [2, 4, 6])
    assert not verdicts[-1].keep


def test_only_a_page_of_lines_opening_with_numbers_asks_for_posts():
    assert postblocks.numbered_lines(openings.openings(["2 eggs, beaten", "3 cups"] * 3)) == [
        0, 1, 2, 3, 4, 5
    ]
    assert postblocks.numbered_lines(openings.openings(["Eggs, beaten", "Flour"] * 3)) is None
    assert postblocks.numbered_lines(None) is None


# --- credits, share buttons and "read also" of languages without a pack ------------------

@pytest.mark.parametrize(("line", "credit"), [
    ("Grianghraf: Seán Mac Donncha", "Seán Mac Donncha"),
    ("Ljósmynd: RÚV", "RÚV"),
    ("Fotografija: Shutterstock", "Shutterstock"),
    ("Fotogrāfija: LETA", "LETA"),
])
def test_a_picture_credit_in_ga_is_sl_lv(line, credit):
    assert rule_verdict(line).meta == ("image_credit", credit)


def test_prose_holding_the_word_for_photo_stays():
    assert rule_verdict("Tógadh an grianghraf seo ar an Spidéal maidin Dé Luain.").keep


@pytest.mark.parametrize(("line", "rule"), [
    ("שתפו בפייסבוק", "share-network"),
    ("שתפו בוואטסאפ", "share-network"),
    ("Roinn an t-alt seo", "share-label"),
    ("Léigh freisin: Líon na gcainteoirí laethúla Gaeilge ag ardú arís", "related-inline"),
    ("Loe ka: Tallinna bussiliinid muutuvad jaanuarist", "related-inline"),
    ("Lasiet arī: Rīgā atklāts jauns tilts", "related-inline"),
    ("Sjá einnig: Rafbílar í frosti", "related-inline"),
])
def test_share_and_read_also_lines_of_languages_without_a_pack(line, rule):
    assert rule_verdict(line).rule == rule


def test_the_irish_pages_credit_and_read_also_go(cli):
    lines = cleaned_lines(cli, KINDS / "ga-nuacht.txt")
    assert not any(line.startswith(("Grianghraf", "Léigh", "Roinn")) for line in lines)
    assert lines[-1].startswith("Meastar go gcosnóidh")


# --- headlines: not a schedule's item, not an affiliation -------------------------------

@pytest.mark.parametrize(("text", "item"), [
    ("22:00 Kabaret na żywo", True),
    ("06:00 Kawa czy herbata? – magazyn poranny", True),
    ("² Львівський національний університет імені Івана Франка, Львів", True),
    ("* Imiona zostały zmienione", True),
    ("24 hours in Lisbon: where to eat", False),
    ("3.5 million people voted early", False),
    ("Storm hits coast at 22:00", False),
])
def test_a_line_opening_as_an_item(text, item):
    assert titles.opens_as_item(text) is item


def test_a_tv_schedules_item_is_not_its_headline(cli):
    assert "headline" not in _front_matter(cli, "pl-program.txt")


def test_a_papers_title_is_its_headline_not_an_affiliation(cli):
    front = _front_matter(cli, "uk-abstrakt.txt")
    assert 'headline: "Вплив температури відпалу' in front


# --- a DOI is no date --------------------------------------------------------------------

@pytest.mark.parametrize(("text", "date"), [
    ("DOI: 10.12345/vpf.2026.18.4.07", None),
    ("Version 2024.13.1", None),
    ("Publié le 2026.11.23", "2026.11.23"),
    ("2026/02/31 09:00", "2026/02/31 09:00"),  # a calendar's checks are not this one's
])
def test_a_year_first_date_names_a_month(text, date):
    assert find_date(text) == date


def test_a_papers_doi_gives_no_date_nor_byline(cli):
    front = _front_matter(cli, "uk-abstrakt.txt")
    assert "date:" not in front and "byline:" not in front
