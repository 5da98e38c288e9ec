"""Kinds of page nobody had tried, round twelve (probe29): an obituary, a live blog, a
match report with a standings table, a product test with specs and pros/cons, a press
release, a municipal notice, an interview in Q/A form, a photo gallery, a podcast page with
chapters, a how-to, a stock market report with a table, an opinion column with an author
bio (and one with its body captured twice), a football live ticker, a wire story carried
by two outlets, and news with mojibake; in nl, it, sv, nb, da, fi, hu, cs, ro, ca, sw, bn,
ms, ta and tl.

The fixtures (tests/fixtures/kinds12/) are invented pages with the usual damage around
them. `<name>.clean.txt` is what copydesk writes now: regenerate it with `copydesk clean`
after a deliberate change, and read the diff. Where it still differs from a reader's truth
is in bench/HISTORY.md (session 25, probe29).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, cleaned_lines, rule_verdict
from copydesk.core import edges
from copydesk.core.model import Block, Label, Verdict

KINDS = ROOT / "tests" / "fixtures" / "kinds12"


def _metadata(cli, *names: str) -> dict[str, dict]:
    """Each page's metadata in the report of one run over `names`."""
    result = cli(["clean", *(KINDS / n for n in names), "--format", "json"])
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    return {Path(f["input"]).name: f["metadata"] for f in report["files"]}


def _blocks(lines: list[str]) -> list[Block]:
    return [Block(i + 1, i + 1, i + 1, text) for i, text in enumerate(lines)]


# --- dates whose month no pack names, in two more shapes ---------------------------------

@pytest.mark.parametrize(("line", "rule"), [
    ("23. 11. 2026 20:05", "date-time"),  # cs, sk: figures with spaces
    ("23. 11. 2026", "date-line"),
    ("Nobyembre 22, 2026 | 3:45 PM", "date-time"),  # tl: month first, a comma
    ("Nobyembre 21, 2026", "date-line"),
    ("நவம்பர் 22, 2026", "date-line"),  # ta
])
def test_a_date_in_figures_with_spaces_or_month_first(line, rule):
    verdict = rule_verdict(line)
    assert verdict.rule == rule
    assert verdict.meta is not None and verdict.meta[0] == "date"


@pytest.mark.parametrize("line", [
    "Ang proyekto ay natapos noong Nobyembre 21, 2026 ayon sa DPWH.",  # prose holding one
    "Nobyembre 21 2026",  # no comma: not the shape
    "Version 3, 20261",
])
def test_prose_or_figures_that_are_no_such_date(line):
    assert rule_verdict(line).rule not in ("date-line", "date-time")


def test_the_articles_dates_and_bylines_of_cs_ta_tl(cli):
    meta = _metadata(cli, "cs-online.txt", "ta-nerkanal.txt", "tl-paano.txt", "tl-balita.txt")
    assert meta["cs-online.txt"]["date"] == ["23. 11. 2026 20:05"]
    assert meta["cs-online.txt"]["byline"] == ["Ondřej Veselý"]  # beside the date now read
    assert meta["ta-nerkanal.txt"]["date"] == ["நவம்பர் 22, 2026"]
    assert meta["tl-paano.txt"]["date"] == ["Nobyembre 21, 2026"]
    assert meta["tl-paano.txt"]["byline"] == ["Ni Liza Santos"]
    assert meta["tl-balita.txt"]["byline"] == ["Ni Mark Reyes"]


# --- credits, share labels and a byline of languages without a pack ---------------------

@pytest.mark.parametrize(("line", "credit"), [
    ("Gambar: Bernama", "Bernama"),
    ("Larawan: Pexels", "Pexels"),
    ("Larawan mula sa DPWH Region 2", "DPWH Region 2"),
    ("(Larawan mula kay Jun Cruz)", "Jun Cruz"),
])
def test_a_picture_credit_in_ms_id_tl(line, credit):
    assert rule_verdict(line).meta == ("image_credit", credit)


def test_prose_holding_the_word_for_picture_stays():
    line = "Larawan mula sa aming mambabasa ang ipinadala kahapon at agad naming inilathala ngayon."
    assert rule_verdict(line).keep


@pytest.mark.parametrize(
    "line", ["শেয়ার করুন", "শেয়ার", "பகிர்க", "Ibahagi", "I-share", "Shiriki", "Kongsi"]
)
def test_a_share_label_in_bn_ta_tl_sw_ms(line):
    assert rule_verdict(line).rule == "share-label"


def test_prose_opening_with_a_share_verb_stays():
    assert rule_verdict("Shiriki katika mjadala wa leo kuhusu elimu ya watoto wetu.").keep


def test_a_bengali_share_label_is_no_byline(cli):
    assert _metadata(cli, "bn-mot.txt")["bn-mot.txt"]["byline"] == ["রহিম উদ্দিন"]


@pytest.mark.parametrize(("line", "name"), [
    ("de Ioana Munteanu", "Ioana Munteanu"),
    ("de Andrei Popescu", "Andrei Popescu"),
    ("de Ana-Maria Ionescu", "Ana-Maria Ionescu"),
])
def test_a_romanian_byline(line, name):
    verdict = rule_verdict(line)
    assert verdict.rule == "byline"
    assert verdict.meta == ("byline", name)


@pytest.mark.parametrize("line", [
    "De Gaulle Airport",  # capitalised: a name or a headline's start
    "de la Paris",  # lower case after it
    "de Andrei Popescu și Maria Ionescu, pentru ediția de weekend a ziarului",
])
def test_no_romanian_byline(line):
    assert rule_verdict(line).rule != "byline"


def test_the_romanian_bylines_are_read(cli):
    assert _metadata(cli, "ro-stire.txt")["ro-stire.txt"]["byline"] == ["Ioana Munteanu"]
    live = ROOT / "tests" / "fixtures" / "kinds10" / "ro-live.txt"
    result = cli(["clean", live, "--format", "json"])
    assert json.loads(result.stdout)["files"][0]["metadata"]["byline"] == ["Andrei Popescu"]


# --- the article goes on under its table ---------------------------------------------------

def test_the_match_reports_last_paragraph_under_its_table_stays(cli):
    lines = cleaned_lines(cli, KINDS / "sv-matchrapport.txt")
    assert lines[-1].startswith("Hammarby möter Malmö FF i sista omgången")
    assert "Djurgården" in lines  # the table


_PROSE = "Hammarby vann derbyt mot AIK efter två sena mål av inhopparen Oscar Ekström i kväll."
_AFTER = "Hammarby möter Malmö FF i sista omgången på lördag, och en poäng räcker för guldet."


def _under_table(cells: list[str]) -> tuple[list[Block], list[Verdict]]:
    """The article's prose, a table's title the model removed, its cells (the table pass
    kept them) and a sentence the model removed under them, then a footer."""
    texts = [_PROSE, "Tabellen i toppen", *cells, _AFTER, "© 2026 Kvällsposten"]
    verdicts = [Verdict(Label.BODY), Verdict(Label.BOILERPLATE, "line-model", "", score=0.4)]
    verdicts += [Verdict(Label.BODY, "table", "cell") for _ in cells]
    verdicts += [
        Verdict(Label.BOILERPLATE, "line-model", "", score=0.2),
        Verdict(Label.BOILERPLATE, "copyright", ""),
    ]
    return _blocks(texts), verdicts


def test_a_sentence_under_a_table_of_names_and_figures_continues_the_article():
    blocks, verdicts = _under_table(["Lag", "P", "Hammarby", "61", "Malmö FF", "59"])
    assert edges.closing_line(blocks, verdicts, list(range(len(blocks))))
    assert verdicts[-2].keep and verdicts[-2].rule == "closing-line"


def test_a_sentence_under_a_table_of_headlines_is_the_pages():
    # A teaser list read as a table ("26 Feb" / a headline): what follows it is the page's.
    cells = ["26 Feb", "Hammarby vann derbyt och tog över serieledningen", "25 Feb",
             "Malmö FF tappade poäng borta mot Djurgården i regnet"]
    blocks, verdicts = _under_table(cells)
    assert not edges.closing_line(blocks, verdicts, list(range(len(blocks))))
    assert not verdicts[-2].keep


# --- a sports live ticker's minutes --------------------------------------------------------

def test_a_live_tickers_posts_stay_and_its_minutes_go(cli):
    lines = cleaned_lines(cli, KINDS / "cs-online.txt")
    assert lines[-1] == "Derby začalo, Letná je vyprodaná."
    assert "Gól! Slavia vede 0:1 po hlavičce Chorého z rohu." in lines
    assert not any(line.endswith("'") for line in lines)


def _ticker(minutes: list[str]) -> tuple[list[Block], list[Verdict]]:
    """Posts under `minutes`; the model kept the first post and removed the others."""
    texts = []
    for minute in minutes:
        texts += [minute, f"Slavia vede po hlavičce z rohu v minutě {minute}."]
    verdicts = [Verdict(Label.BOILERPLATE, "line-model", "", score=0.2) for _ in texts]
    verdicts[1] = Verdict(Label.BODY, "line-model", "", score=0.9)
    return _blocks(texts), verdicts


@pytest.mark.parametrize("minutes", [["90+3'", "78'", "34'", "1'"], ["1'", "12’", "45 + 2′"]])
def test_posts_under_a_matchs_minutes_in_order_stay(minutes):
    blocks, verdicts = _ticker(minutes)
    assert edges.may_stamp(blocks)
    assert edges.post_stamps(blocks, verdicts, list(range(len(blocks))))
    assert all(v.keep and v.rule == "live-post" for v in verdicts[3::2])


@pytest.mark.parametrize("minutes", [
    ["78'", "12'", "90'", "34'"],  # out of order: no match's course
    ["78", "34", "12"],  # figures without the prime
])
def test_no_ticker_without_ordered_minutes(minutes):
    blocks, verdicts = _ticker(minutes)
    assert not edges.post_stamps(blocks, verdicts, list(range(len(blocks))))
    assert not any(v.keep for v in verdicts[3::2])


# --- a gallery counted whole ----------------------------------------------------------------

def test_a_gallerys_captions_stay_under_its_whole_count(cli):
    lines = cleaned_lines(cli, KINDS / "cs-galerie.txt")
    assert "Hroby Bedřicha Smetany a Antonína Dvořáka obklopily stovky svíček." in lines
    assert lines[-1] == "Poslední návštěvníci odcházeli těsně před zavřením."
    assert not any(line.endswith(" / 6") for line in lines)


def _gallery(counters: list[str]) -> tuple[list[Block], list[Verdict]]:
    """Captions under `counters`; the model kept the second caption only."""
    texts = []
    for counter in counters:
        texts += [counter, "Mlha nad Vltavou zahalila celý vrch před pátou hodinou."]
    verdicts = [Verdict(Label.BOILERPLATE, "line-model", "", score=0.3) for _ in texts]
    verdicts[3] = Verdict(Label.BODY, "line-model", "", score=0.9)
    return _blocks(texts), verdicts


def test_one_kept_caption_of_a_whole_count_keeps_the_others():
    blocks, verdicts = _gallery(["1 / 4", "2 / 4", "3 / 4", "4 / 4"])
    assert edges.position_counters(blocks, verdicts, list(range(len(blocks))))
    assert all(verdicts[k].keep for k in (1, 3, 5, 7))


def test_one_kept_caption_of_part_of_a_count_keeps_none():
    # "2 / 9" to "5 / 9": a part of a gallery (a strip of others'), where half are asked.
    blocks, verdicts = _gallery(["2 / 9", "3 / 9", "4 / 9", "5 / 9"])
    edges.position_counters(blocks, verdicts, list(range(len(blocks))))
    assert not any(verdicts[k].keep for k in (1, 5, 7))


# --- the wire story carried by two outlets ------------------------------------------------

def test_the_wire_story_of_two_outlets_is_linked(cli):
    names = ["ms-wire-harian.txt", "ms-wire-utusan.txt"]
    result = cli(["clean", *(KINDS / n for n in names), "--format", "json"])
    report = json.loads(result.stdout)
    documents = [d for d in report["documents"] if d.get("duplicate_of")]
    pairs = [(Path(d["file"]).name, Path(d["duplicate_of"]).name) for d in documents]
    assert pairs == [tuple(reversed(names))]
    assert report["summary"]["clusters"] == 6  # the six paragraphs, each across both files


def test_the_second_outlets_credit_is_read(cli):
    meta = _metadata(cli, "ms-wire-harian.txt")
    assert meta["ms-wire-harian.txt"]["image_credit"] == ["Bernama"]  # "Gambar: Bernama"


# --- a review's verdict lists on a page without a pack: where the second list ends -------

@pytest.mark.parametrize(("line", "rule"), [
    ("Se pris hos Elkjøp", "buy-button"),
    ("Tjek pris på Proshop", "buy-button"),
    ("Köp hos CDON", "buy-button"),
    ("Les også", "related-block"),
    ("Cele mai citite", "related-block"),
    ("Mga Kaugnay na Artikulo", "related-block"),
    ("Berita berkaitan", "related-block"),
    ("সর্বাধিক পঠিত", "related-block"),
])
def test_a_shop_button_and_related_headers_of_languages_without_a_pack(line, rule):
    assert rule_verdict(line).rule == rule


def test_a_sentence_about_prices_stays():
    assert rule_verdict("Se prisen på strøm stige igjen etter en kald uke i hele landet.").keep


_SPECS = ("Spesifikasjoner", "Skjerm:", "Prosessor:", "Minne:", "Batteri:", "Vekt:")


def test_a_verdict_list_stops_at_the_shop_button(cli):
    # The test page without its specs box, so that the lists follow the prose: the second
    # list ran on past the verdict into the shop button, "Les også" and a headline.
    page = (KINDS / "nb-produkttest.txt").read_text(encoding="utf-8").splitlines()
    text = "\n".join(line for line in page if not line.startswith(_SPECS)) + "\n"
    result = cli(["clean", "-"], input=text.encode("utf-8"))
    lines = [line for line in result.stdout.splitlines() if line]
    assert "Fordeler" in lines and "Ulemper" in lines
    assert lines[-1].startswith("Konklusjon: Nordlys X7 er det beste kjøpet")
