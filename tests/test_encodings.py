"""Issue 6, encodings: every way scrapers store text decodes to the same clean UTF-8.

Unit tests pin decode() and repair() on each case; the end-to-end test runs the
CLI over a folder holding all of them and checks every output byte for byte.
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (registers "sloppy-windows-1252" to make mojibake)
import pytest
from typer.testing import CliRunner

from copydesk.cli.app import app
from copydesk.core.decode import decode
from copydesk.core.read import InputError
from copydesk.core.repair import repair

FRENCH = "Le café de Zoé rouvre à l’été, après deux ans de travaux — enfin."
ENGLISH = "The harbour board approved the “late ferry” timetable on Monday, café owners said."


def mojibake(text: str, times: int = 1) -> str:
    """UTF-8 bytes read as Windows-1252, as a misconfigured scraper does (once or twice)."""
    for _ in range(times):
        text = text.encode("utf-8").decode("sloppy-windows-1252")
    return text


def clean_text(data: bytes) -> str:
    return repair(decode(data).text).text


# --- decode --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (FRENCH.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + FRENCH.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + FRENCH.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + FRENCH.encode("utf-16-be"), "utf-16"),
        (FRENCH.encode("utf-16-le"), "utf-16"),  # no BOM, Latin text: NUL pattern
        (FRENCH.encode("utf-32"), "utf-32"),  # Python writes the BOM
        (FRENCH.encode("cp1252"), "cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16-no-bom", "utf32-bom", "cp1252"],
)
def test_every_encoding_decodes_to_the_same_text(data: bytes, encoding: str) -> None:
    decoded = decode(data)
    assert decoded.encoding == encoding
    assert decoded.text == FRENCH  # the BOM itself is gone too


def test_latin1_file_decodes() -> None:
    text = "Façade rénovée à Montréal : 30 °C, ±2, «ça va»."
    assert decode(text.encode("latin-1")).text == text


def test_utf16_without_bom_in_a_script_without_ascii() -> None:
    # CJK in UTF-16 has almost no NUL bytes: it is recognised by its few scripts instead.
    text = "東京の桜が満開になりました。\n市は週末の花見客に公共交通機関の利用を呼びかけた。\n"
    for codec in ("utf-16-le", "utf-16-be"):
        assert decode(text.encode(codec)).text == text


# Invented news text in each language, for the legacy East Asian encodings.
CHINESE_SIMPLIFIED = (
    "中国人民银行20日宣布，一年期贷款市场报价利率维持在现有水平不变。分析人士认为，这一决定符合"
    "市场预期。\n业内专家表示，当前经济运行总体平稳，货币政策将继续保持稳健。\n"
)
CHINESE_TRADITIONAL = (
    "中央銀行20日宣布，一年期貸款市場報價利率維持在現有水準不變。分析人士認為，這一決定符合"
    "市場預期。\n業內專家表示，當前經濟運行總體平穩，貨幣政策將繼續保持穩健。\n"
)
JAPANESE = (
    "日本銀行は20日に開いた金融政策決定会合で、短期金利の誘導目標を現行の水準に据え置くことを"
    "決めた。\n市場では年内の追加利上げを予想する声もあったが、今回は見送った形だ。\n"
)
KOREAN = (
    "한국은행 금융통화위원회는 20일 회의를 열고 기준금리를 현재 수준에서 동결하기로 결정했다고 "
    "밝혔다.\n다음 회의는 내년 1월에 열릴 예정이며 시장의 예상과 대체로 일치하는 결과다.\n"
)


@pytest.mark.parametrize(
    ("text", "codec", "read_as"),
    [
        (CHINESE_SIMPLIFIED, "gbk", "gb18030"),
        (CHINESE_SIMPLIFIED, "gb2312", "gb18030"),
        (CHINESE_TRADITIONAL, "big5", "cp950"),
        (JAPANESE, "shift_jis", "cp932"),
        (JAPANESE, "euc_jp", "euc_jp"),
        (JAPANESE, "iso2022_jp", "iso2022_jp"),
        (KOREAN, "euc_kr", "cp949"),
    ],
    ids=["gbk", "gb2312", "big5", "shift_jis", "euc_jp", "iso2022_jp", "euc_kr"],
)
def test_legacy_east_asian_encodings_decode_to_their_text(
    text: str, codec: str, read_as: str
) -> None:
    """Their byte ranges overlap (Japanese EUC-JP decodes as GB18030 without an error, kana
    included): the reading made of the language's common characters is taken."""
    decoded = decode(text.encode(codec))
    assert decoded.encoding == read_as
    assert decoded.text == text


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Le café de Zoé rouvre à l’été; élan, œuvre, naïveté, façade.", "cp1252"),
        ("Zażółć gęślą jaźń: przez ścieżkę do źródła, żółw śpi.", "cp1250"),
        ("Центральный банк сохранил ключевую ставку на прежнем уровне.", "cp1251"),
        ("Η κεντρική τράπεζα διατήρησε αμετάβλητα τα επιτόκια της.", "cp1253"),
        ("Merkez Bankası politika faizini sabit tuttuğunu açıkladı.", "cp1254"),
    ],
    ids=["cp1252", "cp1250", "cp1251", "cp1253", "cp1254"],
)
def test_single_byte_text_is_not_read_as_east_asian(text: str, codec: str) -> None:
    decoded = decode(((text + "\n") * 40).encode(codec))
    assert decoded.encoding == codec
    assert decoded.text == (text + "\n") * 40


def test_a_gbk_scrape_is_cleaned_as_chinese(tmp_path: Path) -> None:
    """End to end: read as a single-byte code page, the same bytes were garbage that the
    classifier removed whole."""
    page = "首页 > 新闻 > 财经\n" + CHINESE_SIMPLIFIED + "分享到微信\n发表评论\n"
    (tmp_path / "zh.txt").write_bytes(page.encode("gbk"))
    result = CliRunner().invoke(app, ["clean", str(tmp_path / "zh.txt"), "--format", "json"])
    assert result.exit_code == 0, result.output
    [entry] = json.loads(result.stdout)["files"]
    assert (entry["encoding"], entry["language"]) == ("gb18030", "zh")
    written = CliRunner().invoke(app, ["clean", str(tmp_path / "zh.txt")]).stdout
    for line in CHINESE_SIMPLIFIED.splitlines():
        assert line in written
    assert "发表评论" not in written


def test_invalid_utf8_in_the_middle_keeps_the_rest_intact() -> None:
    data = "Première ligne, en UTF-8 : déjà vu.\n".encode() + b"Caf\xe9 cr\xe8me pasted\n"
    data += "Dernière ligne : 東京, emoji 🙂.\n".encode()
    decoded = decode(data)
    assert decoded.encoding == "utf-8+cp1252"
    assert decoded.text == (
        "Première ligne, en UTF-8 : déjà vu.\nCafé crème pasted\nDernière ligne : 東京, emoji 🙂.\n"
    )
    assert decoded.notes == ("2 byte(s) not valid UTF-8, read as cp1252",)


def test_broken_utf16_after_a_bom_is_an_error_not_garbage() -> None:
    with pytest.raises(InputError) as info:
        decode(codecs.BOM_UTF16_LE + "ok".encode("utf-16-le") + b"\x00\xd8")  # lone surrogate
    assert info.value.kind == "error"
    assert "invalid utf-16" in info.value.cause


# --- repair --------------------------------------------------------------------------


@pytest.mark.parametrize("times", [1, 2])
def test_mojibake_once_and_twice_is_repaired(times: int) -> None:
    broken = mojibake(ENGLISH, times)
    assert broken != ENGLISH
    assert clean_text(broken.encode("utf-8")) == ENGLISH


def test_mojibake_in_a_cp1252_file_is_repaired() -> None:
    # The double fault: mojibake that was then saved as Windows-1252.
    broken = mojibake(FRENCH).encode("sloppy-windows-1252")
    assert clean_text(broken) == FRENCH


@pytest.mark.parametrize("end", [" would go ahead, the mayor said.", ""])
def test_a_closing_quote_whose_last_byte_was_dropped_is_a_quote_not_a_dagger(end: str) -> None:
    # cp1252 has no character for byte 9D, the last of a closing quote in UTF-8, so
    # pages and scrapers drop it: "â€œplanâ€ would". ftfy alone reads the rest as a dagger.
    text = f"The council said its \u201cplan\u201d{end}"
    broken = mojibake(text).replace("\x9d", "")
    assert "\x9d" not in broken and broken != text
    assert clean_text(broken.encode("utf-8")) == text
    assert clean_text(text.encode("utf-8")) == text  # and a real dagger stays one:
    assert clean_text("Tolkien\u2020 died in 1973.".encode()) == "Tolkien\u2020 died in 1973."


@pytest.mark.parametrize(
    "text",
    [
        "Premiums averaged $62 a month for dogs.\u00a0",  # a no-break space, trimmed
        "Le menu du jour, et voil\u00e0",  # "à" ends in byte A0 too
    ],
    ids=["no-break-space", "a-grave"],
)
def test_mojibake_whose_final_no_break_space_was_trimmed_is_repaired(text: str) -> None:
    # UTF-8 "\u00a0" and "à" end in byte A0, which cp1252 reads as a no-break space; the
    # page or the scraper trims it at the end of a line, leaving a bare "Â" or "Ã".
    broken = mojibake(text).rstrip("\u00a0")
    assert broken[-1] in "\u00c2\u00c3"
    fixed = clean_text(f"{broken}\nNext line.\n".encode())
    assert fixed == f"{text.rstrip()}\nNext line.\n"
    assert clean_text(fixed.encode()) == fixed


def test_a_final_capital_a_tilde_in_portuguese_capitals_is_a_letter() -> None:
    text = "A FESTA DA IRM\u00c3\nO nome dela \u00e9 Jo\u00e3o, da ALEM\u00c3\n"
    assert clean_text(text.encode()) == text


@pytest.mark.parametrize(
    "alone",
    [
        "Introducing the Harbourline\u2122 ferry pass",  # "â„¢" with no other damage
        "Timetable \u25b8 Winter \u25b8 Sundays",  # "â–¸" crumbs
        "Because we\u2019re late",  # UTF-8 of cp1252's quote as a C1 control: "Â’"
    ],
    ids=["trademark", "crumb-arrows", "c1-quote"],
)
def test_mojibake_ftfy_leaves_alone_on_its_line_is_decoded_as_the_file_shows(alone: str) -> None:
    # Alone on a line, "X â„¢" looks like real text to ftfy's badness heuristic; the file's
    # other lines show its UTF-8 was read as cp1252, so the line is read the same way.
    if alone.startswith("Because"):  # the page held the C1 control, cp1252's byte 92
        broken_alone = "Because we\u0092re late".encode("utf-8").decode("sloppy-windows-1252")
    else:
        broken_alone = mojibake(alone)
    assert repair(broken_alone).text == broken_alone  # ftfy alone leaves it
    page = f"{broken_alone}\n{mojibake(ENGLISH)}\n"
    repaired = repair(page)
    assert repaired.text == f"{alone}\n{ENGLISH}\n"
    assert any("as elsewhere in the file" in r and "line 1" in r for r in repaired.repairs)
    assert repair(repaired.text).text == repaired.text


def test_real_letters_that_could_spell_mojibake_stay_when_the_file_has_mojibake() -> None:
    # "ß“" (a German quote closing after ß) is two bytes that UTF-8 reads as an NKo letter,
    # and "É»" one of IPA: chance pairs of real letters, left alone.
    german = "Er sagte \u201eDas ist mein Fu\u00df\u201c und ging. CAF\u00c9\u00bb"
    page = f"{mojibake(ENGLISH)}\n{german}\n"
    assert repair(page).text == f"{ENGLISH}\n{german}\n"


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr-only"])
def test_crlf_and_cr_only_become_lf_and_keep_line_numbers(newline: str) -> None:
    lines = ["First paragraph line.", "", "Second paragraph.", "Third."]
    text = clean_text(newline.join(lines).encode())
    assert text == "\n".join(lines)
    assert text.count("\n") == len(lines) - 1  # line spans still point at the input


def test_control_characters_are_removed_and_separators_become_spaces() -> None:
    data = "Bell\x07 rang\x00; page\x0cbreak; vertical\x0btab; esc\x1b[1mbold\x1b[0m.\n"
    # NUL alone would make this binary; in a text-sized dose it is just removed.
    assert clean_text(data.encode().replace(b"\x00", b"")) == (
        "Bell rang; page break; vertical tab; escbold.\n"
    )


def test_zero_width_and_bidi_overrides_are_removed_but_joiners_kept() -> None:
    data = (
        "Zero\u200bwidth\u2060 and \u202eevil override\u202c and \u2066isolate\u2069.\n"
        "Family emoji 👩\u200d👩\u200d👧 keeps its joiners; soft\u00adhyphen goes.\n"
    )
    assert clean_text(data.encode()) == (
        "Zerowidth and evil override and isolate.\n"
        "Family emoji 👩\u200d👩\u200d👧 keeps its joiners; softhyphen goes.\n"
    )


def test_rtl_cjk_and_emoji_pass_through_unchanged() -> None:
    text = (
        "مرحبا بكم في المدينة القديمة، قال رئيس البلدية.\n"
        "שלום לכולם, אמר ראש העירייה.\n"
        "今日は良い天気です。東京の桜が満開になりました。\n"
        "서울 시의회는 화요일에 새 예산을 승인했다.\n"
        "Flags 🇫🇷🇯🇵, skin tones 👋🏽, and a rocket 🚀.\n"
    )
    assert clean_text(text.encode()) == text


def test_decomposed_accents_are_composed() -> None:
    assert clean_text("Cafe\u0301 and Zoe\u0308.\n".encode()) == "Café and Zoë.\n"


# --- end to end ----------------------------------------------------------------------

RTL_CJK = "مرحبا بكم في المدينة القديمة، قال رئيس البلدية.\n\n東京の桜が満開になりました 🌸。"
CASES: dict[str, tuple[bytes, str]] = {
    "utf8.txt": (FRENCH.encode(), FRENCH),
    "utf8-bom.txt": (codecs.BOM_UTF8 + FRENCH.encode(), FRENCH),
    "utf16-bom.txt": (codecs.BOM_UTF16_LE + ENGLISH.encode("utf-16-le"), ENGLISH),
    "cp1252.txt": (FRENCH.encode("cp1252"), FRENCH),
    "latin1.txt": (
        "Façade rénovée à Montréal, dit le maire, à 30 °C.".encode("latin-1"),
        "Façade rénovée à Montréal, dit le maire, à 30 °C.",
    ),
    "mojibake1.txt": (mojibake(ENGLISH).encode(), ENGLISH),
    "mojibake2.txt": (mojibake(ENGLISH, 2).encode(), ENGLISH),
    "crlf.txt": (
        b"Council meets on Tuesday evening.\r\n\r\nThe vote on the budget follows.\r\n",
        "Council meets on Tuesday evening.\n\nThe vote on the budget follows.",
    ),
    "cr.txt": (
        b"Council meets on Tuesday evening.\r\rThe vote on the budget follows.\r",
        "Council meets on Tuesday evening.\n\nThe vote on the budget follows.",
    ),
    "rtl-cjk-emoji.txt": (RTL_CJK.encode(), RTL_CJK),
    "invisible.txt": (
        "The mayor\u200b said \u202eno\u202c more\x07 delays.".encode(),
        "The mayor said no more delays.",
    ),
}


def test_folder_of_every_encoding_gives_clean_utf8(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for name, (data, _) in CASES.items():
        (src / name).write_bytes(data)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["clean", str(src), "--out", str(out), "--report", str(tmp_path / "r.json")]
    )
    assert result.exit_code == 0, result.output
    for name, (data, expected) in CASES.items():
        assert (out / name).read_bytes() == (expected + "\n").encode("utf-8"), name
        assert (src / name).read_bytes() == data  # the input is untouched
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    encodings = {Path(f["input"]).name: f["encoding"] for f in report["files"]}
    assert encodings["utf16-bom.txt"] == "utf-16"
    assert encodings["cp1252.txt"] == "cp1252"
    assert encodings["utf8-bom.txt"] == "utf-8-sig"
    repairs = {Path(f["input"]).name: " ".join(f["repairs"]) for f in report["files"]}
    assert "ftfy" in repairs["mojibake2.txt"]
    assert "invisible" in repairs["invisible.txt"]
