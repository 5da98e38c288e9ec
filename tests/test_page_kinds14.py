"""Scrapes nobody had tried, round fourteen (probe31): article-region scrapes with damage
inside them and across files. Mojibake of other code pages than cp1252 over UTF-8 (cp1251
and KOI8-R read as Latin-1, UTF-8 read as cp1250, double-encoded UTF-8, mojibake in some
lines only, a file in cp1250 bytes), HTML entities left undecoded, no-break and zero-width
spaces; ad labels, picture credits, "read also" lines and a "READ MORE:" block inside the
body; a byline glued to the first line; a body captured twice; one wire story carried by
three outlets with edits, and two template stories with different facts. In is, mt, ga,
et, sl, bs, be, ru, tg, ky, mn, lo, pa, gu, kn, so and mg.

The fixtures (tests/fixtures/kinds14/) are invented pages. `<name>.clean.txt` is what
copydesk writes now: regenerate it with `copydesk clean` after a deliberate change, and
read the diff. Where it still differs from a reader's truth is in bench/HISTORY.md
(session 27, probe31).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, rule_verdict
from copydesk.core.decode import decode
from copydesk.core.repair import repair

KINDS = ROOT / "tests" / "fixtures" / "kinds14"


def _report(cli, *names: str, drop: bool = False) -> dict:
    args = ["clean", *(KINDS / n for n in names), "--format", "json"]
    result = cli([*args, "--drop-duplicate-docs"] if drop else args)
    assert result.exit_code == 0
    return json.loads(result.stdout)


def _metadata(cli, name: str) -> dict:
    files = _report(cli, name)["files"]
    return {Path(f["input"]).name: f["metadata"] for f in files}[name]


# --- a code page read as Latin-1 and saved as UTF-8 ---------------------------------------

BELARUSIAN = [
    "У Мінску адкрылі новую станцыю метро",
    "У панядзелак у Мінску адкрылася новая станцыя трэцяй лініі метрапалітэна.",
    "Будаўніцтва станцыі доўжылася чатыры гады, а яе кошт склаў каля 90 мільёнаў рублёў.",
]
RUSSIAN = [
    "В Казани открыли новый мост через Казанку",
    "Длина моста составляет 640 метров, строительство заняло почти три года.",
    "По словам мэра, новый мост позволит разгрузить центральные улицы в часы пик.",
]


@pytest.mark.parametrize(("lines", "codec"), [
    (BELARUSIAN, "cp1251"),
    (RUSSIAN, "koi8-r"),
    (RUSSIAN, "cp1251"),
], ids=["be-cp1251", "ru-koi8-r", "ru-cp1251"])
def test_a_cyrillic_code_page_read_as_latin1_is_read_back(lines, codec):
    misread = "\n".join(line.encode(codec).decode("latin-1") for line in lines) + "\n"
    decoded = decode(misread.encode("utf-8"))
    assert decoded.text == "\n".join(lines) + "\n"
    assert any("read as Latin-1" in note for note in decoded.notes)


def test_only_the_misread_lines_are_read_back():
    # A scraper that misread the body but not the ASCII header and the site's own line.
    body = BELARUSIAN[1].encode("cp1251").decode("latin-1")
    text = f"Minsk news 24.11.2026\n{body}\n{BELARUSIAN[2].encode('cp1251').decode('latin-1')}\n"
    lines = decode(text.encode("utf-8")).text.split("\n")
    assert lines[:3] == ["Minsk news 24.11.2026", BELARUSIAN[1], BELARUSIAN[2]]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-32"])
def test_the_misread_lines_are_read_back_whatever_unicode_carried_them(encoding):
    # The same misread text with a BOM, or in UTF-16 without one, reads as it does in plain
    # UTF-8: copydesk writes UTF-8 without a BOM, and its output read again must not turn
    # into Cyrillic what the first reading left as Latin-1 letters.
    misread = "\n".join(line.encode("cp1251").decode("latin-1") for line in BELARUSIAN) + "\n"
    decoded = decode(misread.encode(encoding))
    assert decoded.text == "\n".join(BELARUSIAN) + "\n"
    assert decode(decoded.text.encode("utf-8")).text == decoded.text


def test_a_stray_cp1252_byte_does_not_hide_the_misread_lines():
    misread = "\n".join(line.encode("cp1251").decode("latin-1") for line in RUSSIAN)
    data = misread.encode("utf-8") + "\nPrice: 5\x80\n".encode("latin-1")
    decoded = decode(data)
    assert decoded.text.split("\n")[:3] == RUSSIAN
    assert decoded.text.split("\n")[3] == "Price: 5€"


@pytest.mark.parametrize("text", [
    "Ný brú yfir Ölfusá við Selfoss var opnuð fyrir almennri umferð í morgun.",  # is
    "Ça a été très réussi, à côté du château où l'été dure.",  # fr
    "Ação e reação: o coração da situação não é só questão de razão.",  # pt
    "Åsa og Øystein så på læreren før frokost på Ærø.",  # nb, da
])
def test_latin1_text_stays(text):
    decoded = decode(f"{text}\n{text}\n".encode())
    assert decoded.text == f"{text}\n{text}\n"
    assert decoded.notes == ()


def test_the_pages_cyrillic_mojibake_is_read_back(cli):
    for name, credit in (("be-naviny.txt", "БелТА"), ("ru-koi8.txt", "пресс-служба мэрии")):
        meta = _metadata(cli, name)
        assert meta["image_credit"] == [credit]
        assert all(ord(ch) < 0xC0 or ord(ch) > 0xFF for ch in meta["headline"][0])


# --- UTF-8 misread as cp1250, a no-break space in the sequence ------------------------------

def test_cp1250_mojibake_holding_a_no_break_space_is_decoded():
    # cp1250 reads UTF-8 "Š" (C5 A0) as "Ĺ" and a no-break space, which became a plain
    # space before the file's other misread lines were decoded: "PREBERITE Ĺ E:" stayed.
    lines = [
        "Mestna občina Ljubljana je začela gradnjo nove brvi za kolesarje in pešce.",
        "PREBERITE ŠE: Na Dunajski cesti nov rumeni pas za avtobuse",
    ]
    misread = "\n".join(line.encode("utf-8").decode("cp1250") for line in lines) + "\n"
    assert "\u0139\u00a0" in misread
    repaired = repair(misread)
    assert repaired.text == "\n".join(lines) + "\n"
    assert repair(repaired.text).text == repaired.text


def test_a_c1_quote_decoded_as_the_file_shows_is_a_quote():
    # The sequence decoded is a C1 control, cp1252's quote: ftfy reads it so, in the pass.
    alone = "Because we\u0092re late".encode("utf-8").decode("sloppy-windows-1252")
    other = "The harbour board\u2019s \u201clate ferry\u201d runs".encode()
    other = other.decode("sloppy-windows-1252")
    assert repair(f"{alone}\n{other}\n").text.split("\n")[0] == "Because we\u2019re late"


def test_the_slovene_pages_read_more_line_goes(cli):
    result = cli(["clean", KINDS / "sl-novice.txt"])
    assert "PREBERITE" not in result.stdout
    assert _metadata(cli, "sl-novice.txt")["byline"] == ["Matej Žnidaršič"]


# --- pack data of languages without a pack ---------------------------------------------------

@pytest.mark.parametrize(("line", "rule"), [
    ("Mynd: Vegagerðin", "image-credit"),  # is
    ("Ritratt: DOI", "image-credit"),  # mt
    ("Sawir: SONNA", "image-credit"),  # so
    ("Сүрөт: Кабар", "image-credit"),  # ky
    ("Акс: Ховар", "image-credit"),  # tg
    ("Фота: БелТА", "image-credit"),  # be
    ("ພາບ: ຂປລ", "image-credit"),  # lo
    ("ਤਸਵੀਰ: ਪੰਜਾਬ ਸਰਕਾਰ", "image-credit"),  # pa
    ("તસવીર: ગુજરાત મેટ્રો", "image-credit"),  # gu
    ("ಚಿತ್ರ: ಬಿಬಿಎಂಪಿ", "image-credit"),  # kn
    ("AQRA WKOLL: Ix-xarabank b'xejn għal kulħadd", "related-inline"),  # mt
    ("Akhri sidoo kale: Qiimaha shidaalka oo kor u kacay", "related-inline"),  # so
    ("PREBERITE ŠE: Na Dunajski cesti nov rumeni pas", "related-inline"),  # sl
    ("Окшош жаңылыктар: Ошто жаңы бала бакча курулат", "related-inline"),  # ky
    ("ອ່ານເພີ່ມເຕີມ: ລາຄານ້ຳມັນເຊື້ອໄຟປັບຂຶ້ນອີກ", "related-inline"),  # lo
    ("ਇਹ ਵੀ ਪੜ੍ਹੋ: ਪੰਜਾਬ ਵਿੱਚ ਠੰਢ ਨੇ ਜ਼ੋਰ ਫੜਿਆ", "related-inline"),  # pa
    ("આ પણ વાંચો: ગુજરાતમાં ઠંડીનું જોર વધ્યું", "related-inline"),  # gu
    ("ಇದನ್ನೂ ಓದಿ: ಕರ್ನಾಟಕದಲ್ಲಿ ಭಾರಿ ಮಳೆ ಮುನ್ಸೂಚನೆ", "related-inline"),  # kn
    ("PROČITAJTE JOŠ:", "related-block"),  # bs, over its list of headlines
    ("Fógra", "advertisement"),  # ga
    ("Xayeysiis", "advertisement"),  # so
    ("ਇਸ਼ਤਿਹਾਰ", "advertisement"),  # pa
    ("ಜಾಹೀರಾತು", "advertisement"),  # kn
    ("Deila á Facebook", "share-label"),  # is
    ("Aqsam dan l-artiklu", "share-label"),  # mt
    ("La wadaag", "share-label"),  # so
    ("Бөлүшүү", "share-label"),  # ky
    ("Мубодила кунед", "share-label"),  # tg
    ("ਸਾਂਝਾ ਕਰੋ", "share-label"),  # pa
    ("Faallo ku dar", "comment-prompt"),  # so
    ("Сэтгэгдэл бичих", "comment-prompt"),  # mn
    ("Kommentaarid (12)", "comment-prompt"),  # et
])
def test_chrome_of_languages_without_a_pack(line, rule):
    assert rule_verdict(line).rule == rule


@pytest.mark.parametrize(("line", "byline"), [
    ("Qoraa: Cabdi Xasan", "Cabdi Xasan"),  # so
    ("Нийтэлсэн: Болормаа Бат", "Болормаа Бат"),  # mn
    ("Муаллиф: Фарида Раҳимова", "Фарида Раҳимова"),  # tg
    ("Аўтар: Алесь Кавалёў", "Алесь Кавалёў"),  # be
    ("Avtor: Matej Žnidaršič", "Matej Žnidaršič"),  # sl
    ("Piše: Amra Hodžić", "Amra Hodžić"),  # bs
])
def test_bylines_of_languages_without_a_pack(line, byline):
    verdict = rule_verdict(line)
    assert verdict.rule == "byline"
    assert verdict.meta == ("byline", byline)


@pytest.mark.parametrize("line", [
    "Fáiltíodh roimh an bhfógra ag tuismitheoirí a bhí ag fanacht le háit dá bpáistí.",
    "Mynd af brúnni birtist í blaðinu í gær og vakti mikla athygli.",
    "Dowladda ayaa sheegay in la wadaag doono xogta dhammaan gobollada.",
    "Akhri sidoo kale warbixinta buuxda oo ku saabsan dekadda.",  # no colon
    "Сэтгэгдэл бичих хүмүүсийн тоо энэ жил хоёр дахин өссөн байна.",
])
def test_prose_holding_the_words_stays(line):
    verdict = rule_verdict(line)
    assert verdict.keep, verdict


# --- one wire story in three files; two template stories ------------------------------------

WIRE = ["so-wire-1.txt", "so-wire-2.txt", "so-wire-3.txt"]


def test_the_wire_story_of_three_outlets_is_linked_and_its_copies_dropped(cli):
    report = _report(cli, *WIRE)
    pairs = sorted(
        (Path(d["file"]).name, Path(d["duplicate_of"]).name)
        for d in report["documents"] if d.get("duplicate_of")
    )
    assert pairs == [("so-wire-2.txt", "so-wire-1.txt"), ("so-wire-3.txt", "so-wire-1.txt")]
    assert report["summary"]["clusters"] == 5  # one per paragraph of the story
    dropped = _report(cli, *WIRE, drop=True)
    assert dropped["summary"]["dropped_documents"] == 2


def test_the_second_outlets_chrome_goes_so_its_copy_is_a_copy(cli):
    # "Akhri sidoo kale: ...", "Faallo ku dar" and the byline kept made the copy 5 of 9
    # kept paragraphs, under the bar for a document duplicate.
    text = cli(["clean", KINDS / "so-wire-2.txt"]).stdout
    assert "Akhri sidoo kale" not in text and "Faallo ku dar" not in text


def test_two_template_stories_with_different_facts_are_not_linked(cli):
    report = _report(cli, "mg-sandam-1.txt", "mg-sandam-2.txt")
    assert report["summary"]["clusters"] == 0
    assert report["summary"]["links"] == 0
    assert not any(d.get("duplicate_of") for d in report["documents"])


# --- dates written year first, in the Ethiopian or Khmer calendar, or with Maltese "ta'" ---

@pytest.mark.parametrize(("line", "value"), [
    ("2026 നവംബർ 22", "2026 നവംബർ 22"),  # ml: year, month, day
    ("၂၀၂၆ နိုဝင်ဘာ ၂၃", "၂၀၂၆ နိုဝင်ဘာ ၂၃"),  # my, in Burmese figures
    ("2026 නොවැම්බර් 23", "2026 නොවැම්බර් 23"),  # si
    ("2026 оны 11 сарын 24", "2026 оны 11 сарын 24"),  # mn: year, "of", month, "of", day
    ("ኅዳር 14 ቀን 2019 ዓ.ም", "ኅዳር 14 ቀን 2019 ዓ.ም"),  # am: the Ethiopian calendar's era
    ("ថ្ងៃទី២៣ ខែវិច្ឆិកា ឆ្នាំ២០២៦", "ថ្ងៃទី២៣ ខែវិច្ឆិកា ឆ្នាំ២០២៦"),  # km: day, month, year words
    ("24 ta’ Novembru 2026", "24 ta’ Novembru 2026"),  # mt
])
def test_a_date_written_year_first_or_in_another_calendar(line, value):
    verdict = rule_verdict(line)
    assert verdict.rule == "date-line"
    assert verdict.meta == ("date", value)


@pytest.mark.parametrize("line", [
    "2026 Budget 10",  # Latin words: a heading, not a year-first date
    "1999 Nissan 30",
    "2026 оны төсвийн тухай 11 зүйл",  # year first, but no date's shape
])
def test_year_first_lines_that_are_no_dates_stay(line):
    assert rule_verdict(line).rule != "date-line"


@pytest.mark.parametrize(("folder", "name", "date"), [
    ("kinds13", "ml-yatra.txt", "2026 നവംബർ 22"),
    ("kinds13", "km-pordamean.txt", "ថ្ងៃទី២៣ ខែវិច្ឆិកា ឆ្នាំ២០២៦"),
    ("kinds13", "am-zena.txt", "ኅዳር 14 ቀን 2019 ዓ.ም"),
    ("kinds14", "mn-medee.txt", "2026 оны 11 сарын 24"),
    ("kinds14", "mt-ahbarijiet.txt", "24 ta’ Novembru 2026"),
])
def test_the_pages_dates_are_read(cli, folder, name, date):
    result = cli(["clean", ROOT / "tests" / "fixtures" / folder / name, "--format", "json"])
    metadata = json.loads(result.stdout)["files"][0]["metadata"]
    assert metadata["date"] == [date]
