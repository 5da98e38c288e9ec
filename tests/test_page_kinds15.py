"""Scrapes nobody had tried, round fifteen (probe32): page genres rather than languages, as
whole-page dumps and wide scrapes, half in languages with a pack (en, fr, es, pt, de, it,
nl, ru) and half without (tr, pl, vi, hu, id, cs, uk, ro, el, sw, he): a live blog with a
pinned post, press releases, recipes, obituaries with a guestbook, a forum thread and a Q&A
page, event listings, product reviews with a spec table and a buy box, a government notice
and two template notices, podcast pages with a transcript, a match report with line-ups in
two outlets, and a short story with another story's headline in it. The damage of the
brief is in them: comment prompts, READ MORE blocks, sign-up, share counters, bylines (one
glued to the first paragraph), image credits, mojibake, a body captured twice.

The fixtures (tests/fixtures/kinds15/) are invented pages. `<name>.clean.txt` is what
copydesk writes now: regenerate it with `copydesk clean` after a deliberate change, and
read the diff. Where it still differs from a reader's truth is in bench/HISTORY.md
(session 28, probe32).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, clean_page, page_metadata, page_report, rule_verdict, rule_verdict_in

KINDS = ROOT / "tests" / "fixtures" / "kinds15"


# --- a byline glued to the first paragraph, on a page without a pack ----------------------

@pytest.mark.parametrize(("line", "byline", "rest"), [
    ("Автор: Олег ЛисенкоNova X2 — найдешевший смартфон компанії з екраном 6,7 дюйма.",
     "Олег Лисенко", "Nova X2 — найдешевший смартфон компанії з екраном 6,7 дюйма."),  # uk
    ("Autor: Anna NowakWarszawa ogłosiła w poniedziałek przetarg na budowę nowej linii.",
     "Anna Nowak", "Warszawa ogłosiła w poniedziałek przetarg na budowę nowej linii."),  # pl
    ("Autor: Jan NovákPraha v úterý zahájila stavbu nové tramvajové trati na Barrandov.",
     "Jan Novák", "Praha v úterý zahájila stavbu nové tramvajové trati na Barrandov."),  # cs
    ("Yazar: Ayşe YılmazİzmirBüyükşehir Belediyesi yeni metro hattının ihalesini açtı.",
     "Ayşe Yılmaz", "İzmirBüyükşehir Belediyesi yeni metro hattının ihalesini açtı."),  # tr
    ("Szerző: Tóth Eszter MáriaA debreceni színház új igazgatót kap januártól.",
     "Tóth Eszter Mária", "A debreceni színház új igazgatót kap januártól."),  # hu
])
def test_a_byline_glued_to_the_first_paragraph_is_cut_off_it(line, byline, rest):
    verdict = rule_verdict(line)
    assert verdict.rule == "byline-prefix"
    assert verdict.meta == ("byline", byline)
    assert verdict.keep_text == rest


@pytest.mark.parametrize("line", [
    # the name and the paragraph apart: a byline and prose on one line, not glue
    "Autor: Anna Nowak pisze o tym, jak Warszawa ogłosiła przetarg na budowę linii.",
    # no byline's label
    "Tip: Use WordPress for the blog and keep the shop on its own domain, as we did.",
    "Source: Google DeepMind published the model's weights on Tuesday for researchers.",
])
def test_lines_that_only_look_glued_are_left_alone(line):
    assert rule_verdict(line).rule != "byline-prefix"


def test_the_review_with_a_glued_byline_opens_with_its_paragraph(cli):
    text = clean_page(cli, KINDS, "uk-oglyad.txt")
    assert text.startswith("Nova X2 — найдешевший смартфон")
    assert "Автор" not in text and "Купити в Rozetka" not in text
    assert page_metadata(cli, KINDS, "uk-oglyad.txt")["byline"] == ["Олег Лисенко"]


# --- shop buttons of languages without a pack -----------------------------------------------

@pytest.mark.parametrize("line", [
    "Купити в Rozetka",  # uk
    "Kup w Allegro",  # pl
    "Sprawdź cenę w Media Expert",  # pl
    "Koupit na Alza.cz",  # cs
    "Cumpără de la eMAG",  # ro
])
def test_a_shops_button_goes(line):
    assert rule_verdict(line).rule == "buy-button"


@pytest.mark.parametrize("line", [
    "Купити в Києві квартиру стало важче",  # a headline: the words after the shop are small
    "Kup w sklepie osiedlowym świeże pieczywo",
])
def test_a_headline_that_opens_with_the_verb_stays(line):
    assert rule_verdict(line).rule != "buy-button"


# --- a life's dates are not the page's ------------------------------------------------------

def test_an_obituarys_dates_of_birth_and_death_are_not_the_pages_date(cli):
    meta = page_metadata(cli, KINDS, "de-traueranzeige.txt")
    assert "date" not in meta or not meta["date"]
    assert meta["headline"] == ["Nachruf: Hildegard Brenner"]


# --- obituary guestbooks ----------------------------------------------------------------------

@pytest.mark.parametrize(("line", "language"), [
    ("Kondolenzbuch", "de"),
    ("Kerze anzünden", "de"),
    ("1.204 Kerzen angezündet", "de"),
    ("Sign the guestbook", "en"),
    ("Light a candle", "en"),
    ("Livre de condoléances", "fr"),
    ("Libro de condolencias", "es"),
    ("Acender uma vela", "pt"),
    ("Accendi un lumino", "it"),
    ("Condoleanceregister", "nl"),
    ("Книга соболезнований", "ru"),
    ("Emlékkönyv", "hu"),
    ("Gyertyát gyújtok", "hu"),
    ("Zapal znicz", "pl"),
    ("Kondolenční kniha", "cs"),
])
def test_a_guestbooks_lines_are_a_comment_sections(line, language):
    assert rule_verdict_in(line, language).rule == "guestbook"


@pytest.mark.parametrize(("line", "language"), [
    ("Die Familie dankt allen, die eine Kerze anzünden oder ins Kondolenzbuch schreiben.", "de"),
    ("Her family asked mourners to light a candle at home instead of sending flowers.", "en"),
])
def test_prose_naming_a_guestbook_stays(line, language):
    assert rule_verdict_in(line, language).keep


@pytest.mark.parametrize("name", ["de-traueranzeige.txt", "hu-gyaszhir.txt"])
def test_an_obituary_keeps_its_text_and_loses_its_guestbook(cli, name):
    text = clean_page(cli, KINDS, name)
    for entry in ("In stiller Trauer", "Ruhe in Frieden", "Nyugodj békében", "Őszinte részvétem"):
        assert entry not in text
    assert ("Trauerfeier" in text) or ("Temetése" in text)


# --- live blogs: the pinned post, the posts under "11h42" -----------------------------------

def test_a_live_blogs_pinned_post_is_one_of_its_posts(cli):
    text = clean_page(cli, KINDS, "tr-canli.txt")
    assert "üç mahallenin tahliye edildiğini açıkladı." in text
    assert "Sabitlendi" not in text and "Yenile" not in text


def test_a_live_blogs_posts_are_kept_with_its_pinned_one_counted(cli):
    # Two of five stamped posts kept by the model: with the pinned post, half of them.
    text = clean_page(cli, KINDS, "pt-aovivo.txt")
    for sentence in (
        "O aeroporto Salgado Filho suspendeu os pousos",
        "O ministro da Integração disse",
        "Equipes do Corpo de Bombeiros resgataram",
        "As aulas da rede estadual estão suspensas",
    ):
        assert sentence in text
    assert "Fixado" not in text and "LEIA TAMBÉM" not in text


def test_a_desks_byline_with_the_wires_is_a_byline_not_the_headline(cli):
    meta = page_metadata(cli, KINDS, "pt-aovivo.txt")
    assert meta["headline"] == ["Chuvas no Rio Grande do Sul: acompanhe as últimas notícias"]
    assert meta["byline"] == ["Redação, com agências"]


# --- a related list inside the body, on a page without a pack ------------------------------

def test_a_related_headers_list_inside_the_body_goes_on_a_page_without_a_pack(cli):
    text = clean_page(cli, KINDS, "tr-canli.txt")
    for headline in (
        "Ege'de sıcaklıklar mevsim normallerinin üzerine çıkıyor",
        "Orman yangınlarına karşı yeni önlem paketi açıklandı",
        "Bakanlık yangın sezonunu uzattı",
    ):
        assert headline not in text
    assert "Yangın nedeniyle İzmir-Aydın otoyolunun" in text


# --- event listings ---------------------------------------------------------------------------

def test_an_events_name_in_quotes_is_its_title(cli):
    text = clean_page(cli, KINDS, "es-agenda.txt")
    for name in (
        "Concierto de la Banda Municipal", "Mercado de Navidad de Ruzafa",
        "«La casa de Bernarda Alba»",
    ):
        assert f"\n{name}\n" in text


def test_every_events_sentence_stays_when_its_fields_are_kept(cli):
    text = clean_page(cli, KINDS, "cs-akce.txt")
    assert "Na programu je Dvořákova Novosvětská symfonie." in text
    assert "Strom letos pochází z Vysočiny a měří dvacet metrů." in text
    assert "Koupit vstupenky" not in text


# --- a forum thread: the first answer's header ---------------------------------------------

def test_a_threads_first_answer_loses_its_header_as_the_others_did(cli):
    text = clean_page(cli, KINDS, "it-forum.txt")
    for line in ("mauro.termo", "Utente esperto", "Risposta migliore", "Segui la discussione"):
        assert line not in text
    assert "Il codice E10 su quasi tutte le caldaie" in text
    assert "Grazie, ho ricaricato fino a 1,4 bar" in text


# --- relative times in languages without a pack ---------------------------------------------

@pytest.mark.parametrize("line", [
    "2 jam yang lalu",  # id, ms
    "3 saat önce",  # tr
    "5 godzin temu",  # pl
    "před 2 hodinami",  # cs
    "pred 3 hodinami",  # sk
    "4 години тому",  # uk
    "acum 2 ore",  # ro
    "3 órája",  # hu
    "2 giờ trước",  # vi
    "πριν από 2 ώρες",  # el
    "för 3 timmar sedan",  # sv
    "2 timer siden",  # da, nb
    "3 tuntia sitten",  # fi
])
def test_a_relative_time_alone_on_a_line_is_a_date(line):
    verdict = rule_verdict(line)
    assert verdict.rule == "date-line"
    assert verdict.meta == ("date", line)


@pytest.mark.parametrize("line", [
    "Dua jam yang lalu saya masih berdiri di depan kantor polisi bersama ayah saya.",
    "Kilka godzin temu policja zatrzymała kierowcę, który uciekał przed patrolem.",
])
def test_prose_holding_a_relative_time_stays(line):
    assert rule_verdict(line).keep


# --- a match report's line-ups --------------------------------------------------------------

def test_a_match_reports_line_ups_stay_with_their_heading(cli):
    text = clean_page(cli, KINDS, "sw-mechi-1.txt")
    assert "\nVikosi\n" in text
    assert "Simba SC: Manula; Kapombe, Zimbwe, Inonga, Che Malone;" in text
    assert "Young Africans: Diarra; Yao, Job, Bacca, Mwamnyeto;" in text
    assert "Maoni (41)" not in text


@pytest.mark.parametrize(("line", "side"), [
    ("Liverpool: Alisson; Alexander-Arnold, Konaté, van Dijk, Robertson; Szoboszlai, "
     "Mac Allister, Jones; Salah, Núñez, Díaz", True),
    ("Inter (3-5-2): Sommer; Pavard, Acerbi, Bastoni; Dumfries, Barella, Calhanoglu, "
     "Mkhitaryan, Dimarco; Thuram, Lautaro", True),
    # a tag list or a menu on one line: commas, no formation's semicolons
    ("Tags: Simba, Yanga, Azam, Ligi Kuu, Taifa Stars, Kariakoo, Dabi, Soka, Michezo", False),
    # a sentence with semicolons
    ("Note: the club said; the fans agreed; the match goes on; it is late.", False),
])
def test_a_sides_line_up_is_read_by_its_formation(line, side):
    from copydesk.core import lineups  # (here: the module is this round's)

    assert lineups._side(line) is side


# --- across files: one match report in two outlets, two template notices ------------------

def test_the_match_report_of_two_outlets_is_one_document(cli):
    report = page_report(cli, KINDS, "sw-mechi-1.txt", "sw-mechi-2.txt")
    pairs = [(Path(d["file"]).name, Path(d["duplicate_of"]).name) for d in report["documents"]]
    assert pairs == [("sw-mechi-2.txt", "sw-mechi-1.txt")]


def test_two_template_notices_with_different_facts_are_not_duplicates(cli):
    report = page_report(cli, KINDS, "ro-anunt-1.txt", "ro-anunt-2.txt")
    assert report["documents"] == []
    # Only the dispatch line they share word for word is one paragraph in both.
    assert len(report["clusters"]) == 1
