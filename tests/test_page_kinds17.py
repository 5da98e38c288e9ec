"""Scrapes nobody had tried, round seventeen (probe34): news full of data, as whole-page
dumps, wide scrapes and article regions, half in languages with a pack (en, fr, es, de, it,
pt, nl, ru) and half without (da, ms, ko, et, fa, sr, sl, ta, zu): market wraps with index
and ticker lines and their site's ticker bar, wire stories from one template with other
facts, a wire story in two outlets, match reports with a standings table or a line score,
election nights with a results list and a live counter, weather and air-quality reports,
a court ruling and a government decree with articles and clause lists, science stories
with a "Sources:" list, an earnings story with a table of figures, traffic updates with
times. The damage of the brief is in them: comment prompts, READ MORE blocks inside the
body, sign-up, share counters, bylines, image credits, related headlines, mojibake, a body
captured twice.

What an editor keeps: a results table, a list of figures, a clause list inside the story
are its body; the site's ticker bar above the headline is not; a "Sources:" list under its
heading goes, as the dev truth leaves an article's apparatus out (`core/apparatus.py`).

The fixtures (tests/fixtures/kinds17/) are invented pages. `<name>.clean.txt` is what
copydesk writes now: regenerate it with `copydesk clean` after a deliberate change, and
read the diff. Where it still differs from an editor's truth is in bench/HISTORY.md
(session 30, probe34).
"""

from __future__ import annotations

import pytest

from conftest import (
    ROOT,
    article_page_tests,
    clean_page,
    page_metadata,
    page_report,
    rule_verdict_in,
)
from copydesk.core import titles

KINDS = ROOT / "tests" / "fixtures" / "kinds17"

# The pages whose clean text is an editor's, by line number (1-based); the others are
# golden pages only (tests/test_golden_pages.py), their losses in HISTORY.
ARTICLES = {
    "en-traffic.txt": [5, 6, 7, 8, 9, 10, 11, 13],  # not the body's second capture
    "en-wire-1.txt": [4, 5, 6, 7],
    "en-wire-2.txt": [4, 5, 6, 7],
    "et-valimised.txt": [11, 12, 13, 14, 15, 16, 17, 18, 20, 21],  # keep35: not "Loe ka:"
    "fr-elections.txt": [11, 12, 13, 14, 15, 16, 17, 18, 20, 21],
    "ms-bernama-1.txt": [4, 5, 6, 7, 9],
    "nl-onderzoek.txt": [9, 10, 11, 13, 14],  # not "Bronnen:" and its list
    "ru-otchet.txt": [10, 11, 12, 13, 14, 15, 16, 17, 19, 20],
    "sl-volitve.txt": [8, 9, 10, 11, 12, 13, 15, 16],
    "sr-uredba.txt": [8, 9, 10, 11, 12, 13, 14, 16],
    "ta-ariviyal.txt": [4, 5, 6, 8, 9],
    "zu-ezokuthutha.txt": [8, 9, 10, 11, 12, 13, 15],
}

test_the_clean_text_is_the_article, test_cleaning_the_clean_text_changes_nothing = (
    article_page_tests(KINDS, ARTICLES)
)


# --- a ticker bar's quote is no headline ------------------------------------------------------

@pytest.mark.parametrize("line", [
    "DAX 18.204,5 +0,4 %",
    "Novo Nordisk 742,10 +1,8 %",
    "Brent 78,64 $ -1,2%",
    "Euro Stoxx 50 4.912,3 Punkte (+0,3 %)",
    "Nikkei 225 38,120.50 −0.8%",
])
def test_a_market_quote_is_a_quote(line):
    assert titles.quote_line(line)
    assert not titles.headline_words(line)


@pytest.mark.parametrize("line", [
    "Shares rose 5% to 36.25 dlrs after results",  # a change without a sign
    "Inflation falls to 2.1% in October",
    "Top 10 films of 2025",
    "Wahl in Hessen: CDU bei 34 %",  # one figure only
    "Growth forecast cut to +1.5%",  # a sign, but no price before it
])
def test_a_headline_with_figures_is_no_quote(line):
    assert not titles.quote_line(line)


def test_the_market_wraps_headline_is_its_title_not_the_ticker_bar(cli):
    meta = page_metadata(cli, KINDS, "da-markeder.txt")
    assert meta["headline"] == ["Novo Nordisk trækker C25 op til tredje stigning i træk"]
    text = clean_page(cli, KINDS, "da-markeder.txt")
    assert "Mærsk B 11.240" not in text and "USD/DKK" not in text
    assert "Novo Nordisk +1,8 %" in text  # the article's own list of movers stays


# --- a page's mark after the headline ---------------------------------------------------------

@pytest.mark.parametrize(("line", "headline"), [
    ("Ferry operator cuts winter timetable (page 2)", "Ferry operator cuts winter timetable"),
    ("Die Bahn streicht Verbindungen - Seite 2 von 3", "Die Bahn streicht Verbindungen"),
    ("El Gobierno aprueba el presupuesto – página 2 de 4", "El Gobierno aprueba el presupuesto"),
    ("Миграция птиц (страница 2)", "Миграция птиц"),
    ("Page 2", "Page 2"),  # nothing else: left as it is
    ("The Page 3 girls and the tabloid wars", "The Page 3 girls and the tabloid wars"),
])
def test_the_headline_loses_the_pages_mark(line, headline):
    assert titles.headline_value(line) == headline


def test_the_second_pages_headline_is_the_articles(cli):
    kinds16 = ROOT / "tests" / "fixtures" / "kinds16"
    meta = page_metadata(cli, kinds16, "en-paged-2.txt")
    assert meta["headline"] == ["Ferry operator cuts winter timetable as fuel costs bite"]


# --- a gallery's title after "Fotos:" is no credit ---------------------------------------------

@pytest.mark.parametrize(("line", "language"), [
    ("Fotos: o incêndio na Serra da Estrela visto do ar", "pt"),
    ("Photos: the flooded streets of the old town after the storm", "en"),
    ("Fotos: así quedó el mercado central tras el incendio de anoche", "es"),
])
def test_a_sentence_after_the_word_for_photos_is_no_credit(line, language):
    assert rule_verdict_in(line, language).rule != "image-credit"


@pytest.mark.parametrize(("line", "language"), [
    ("Foto: Paulo Cunha / Lusa", "pt"),
    ("Photo: courtesy of the family", "en"),
    ("Image: AFP via Getty Images", "en"),
    ("Foto: Frank Rumpenhorst/dpa", "de"),
])
def test_a_credit_stays_a_credit(line, language):
    verdict = rule_verdict_in(line, language)
    assert verdict.rule == "image-credit"
    assert not verdict.keep


def test_the_gallerys_headline_is_its_title(cli):
    kinds16 = ROOT / "tests" / "fixtures" / "kinds16"
    meta = page_metadata(cli, kinds16, "pt-galeria.txt")
    assert meta["headline"] == ["Fotos: o incêndio na Serra da Estrela visto do ar"]


# --- the article's last sentence under its rows of figures ------------------------------------

@pytest.mark.parametrize(("name", "sentence"), [
    ("fr-elections.txt", "La préfecture publiera les résultats définitifs dans la soirée."),
    ("et-valimised.txt", "Lõplikud tulemused avaldab valimiskomisjon kolmapäeva hommikul."),
    ("sl-volitve.txt", "Občinska volilna komisija bo uradne izide potrdila v sredo dopoldne."),
])
def test_the_last_sentence_under_a_results_list_stays(cli, name, sentence):
    text = clean_page(cli, KINDS, name)
    assert sentence in text
    assert "Komentarji" not in text and "jagamist" not in text and "partages" not in text


def test_the_paragraph_one_below_a_read_also_link_stays(cli):
    text = clean_page(cli, KINDS, "ru-otchet.txt")
    assert "Акции «Северстали» на Мосбирже к 10:10 мск подешевели на 1,4%" in text
    assert "Читайте также" not in text and "Подпишитесь" not in text


def test_a_sentence_of_chrome_under_a_results_list_still_goes(cli):
    # The election page with a sign-off in place of its last sentence: it shares none of
    # the article's words, so it is the page's, not the story's.
    lines = (KINDS / "fr-elections.txt").read_text(encoding="utf-8").split("\n")
    assert lines[20].startswith("La préfecture publiera")
    lines[20] = "Retrouvez-nous demain matin dès sept heures."
    result = cli(["clean", "-"], input="\n".join(lines))
    assert result.exit_code == 0
    assert "Le second tour aura lieu dimanche prochain." in result.stdout
    assert "Retrouvez-nous" not in result.stdout


# --- a list under a short label, a read-also link, then the article again -----------------------

def test_a_results_list_before_a_read_also_link_stays_whole(cli):
    lines = (KINDS / "et-valimised.txt").read_text(encoding="utf-8").split("\n")
    # The article's paragraph after the link, a little longer than the fixture's (ten words
    # read as a list's item: the list would run on to the page's end).
    lines[19] = (
        "Reformierakonna linnapeakandidaat Urmas Klaas ütles, et alustab "
        "koalitsioonikõnelusi Keskerakonna ja Isamaaga juba homme hommikul."
    )
    result = cli(["clean", "-"], input="\n".join(lines))
    assert result.exit_code == 0
    for row in ("Reformierakond 31,4%", "Isamaa 18,2%", "Sotsiaaldemokraadid 14,5%",
                "Eesti 200 8,1%"):
        assert row in result.stdout
    assert "Loe ka:" not in result.stdout


# --- an AMP page's link to its full version, without a pack -----------------------------------

@pytest.mark.parametrize(("line", "language"), [
    ("Pogledajte punu verziju članka", "hr"),
    ("Zobacz pełną wersję artykułu", "pl"),
    ("Zobrazit plnou verzi článku", "cs"),
    ("Lihat versi lengkap", "ms"),
    ("Vezi versiunea completă", "ro"),
    ("Näytä koko artikkeli", "fi"),
    ("Teljes cikk megtekintése", "hu"),
    ("Переглянути повну версію", "uk"),
])
def test_a_link_to_the_full_version_goes(line, language):
    verdict = rule_verdict_in(line, language)
    assert not verdict.keep
    assert verdict.rule == "full-version-link"


def test_a_sentence_about_a_full_version_stays():
    line = "Zobacz pełną wersję raportu, którą ministerstwo opublikowało w piątek na stronie."
    assert rule_verdict_in(line, "pl").rule != "full-version-link"


def test_the_amp_regions_full_version_link_goes(cli):
    kinds16 = ROOT / "tests" / "fixtures" / "kinds16"
    text = clean_page(cli, kinds16, "hr-amp.txt")
    assert "Pogledajte punu verziju" not in text
    assert "Sindikat vozača traži" in text


# --- wire stories: one template is no duplicate, one story in two outlets is ------------------

def test_wire_stories_from_one_template_are_not_duplicates(cli):
    report = page_report(cli, KINDS, "en-wire-1.txt", "en-wire-2.txt", "en-wire-3.txt")
    assert report["summary"]["duplicate_documents"] == 0
    assert report["summary"]["clusters"] == 0
    assert report["links"] == []


def test_the_wire_story_in_two_outlets_is_one_document(cli):
    report = page_report(cli, KINDS, "ms-bernama-1.txt", "ms-bernama-2.txt")
    assert report["summary"]["duplicate_documents"] == 1
    assert report["summary"]["clusters"] == 5


def test_the_body_captured_twice_keeps_one_copy(cli):
    text = clean_page(cli, KINDS, "en-traffic.txt")
    assert text.count("The M6 is closed northbound") == 1
    assert "Have your say" not in text
