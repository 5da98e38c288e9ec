"""Bytes to text: BOMs, strict UTF-8, and a cp1252 fallback for the bytes that are not UTF-8;
a file that is not UTF-8 at all is read in the legacy encoding (a multibyte East Asian one,
or a single-byte code page) whose text reads best.

The fallback works per invalid byte, not per file: a UTF-8 file with a few
latin-1 bytes pasted in keeps its UTF-8 text intact, and a pure cp1252/latin-1
file decodes correctly because none of its high bytes form valid UTF-8.
Binary data is refused with a reason instead of being turned into garbage.
"""

from __future__ import annotations

import bisect
import codecs
import re
import unicodedata

from . import rulecache  # large character classes compiled once for all processes
from .model import Decoded
from .read import InputError

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"\x7fELF", "an executable"),
    (b"RIFF", "a RIFF (WebP/WAV/AVI) file"),
    (b"\x00\x00\x00\x18ftyp", "an MP4/HEIC file"),
    (b"\x00\x00\x00\x1cftyp", "an MP4/HEIC file"),
    (b"\x00\x00\x00 ftyp", "an MP4/HEIC file"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)

# cp1252 leaves five bytes undefined; map them as latin-1 does so every byte decodes.
_CP1252 = [bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256)]


# surrogateescape turns each byte that is not valid UTF-8 into U+DC80..U+DCFF.
_ESCAPED = rulecache.compile("[\udc80-\udcff]")
_DECODED_NON_ASCII = rulecache.compile("[\u0080-\udc7f\udd00-\U0010ffff]")

# C0 controls other than tab, newline, vertical tab, form feed, carriage return and escape.
_CONTROL = frozenset(range(0x00, 0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B}
_CONTROL_BYTES = bytes(sorted(_CONTROL))


# Broad script ranges, to tell UTF-16 text (few scripts) from binary read as UTF-16
# (code points spread over the whole plane).
_SCRIPTS = (
    (0x0370, 0x03FF, "greek"),
    (0x0400, 0x052F, "cyrillic"),
    (0x0530, 0x058F, "armenian"),
    (0x0590, 0x05FF, "hebrew"),
    (0x0600, 0x06FF, "arabic"),
    (0x0750, 0x077F, "arabic"),
    (0x0900, 0x0DFF, "indic"),
    (0x0E00, 0x0EFF, "thai"),
    (0x10A0, 0x10FF, "georgian"),
    (0x1100, 0x11FF, "hangul"),
    (0x2E80, 0x2FDF, "cjk"),
    (0x3000, 0x30FF, "cjk"),
    (0x3130, 0x318F, "hangul"),
    (0x3400, 0x4DBF, "cjk"),
    (0x4E00, 0x9FFF, "cjk"),
    (0xAC00, 0xD7AF, "hangul"),
    (0xFF00, 0xFFEF, "cjk"),
)
_SCRIPT_STARTS = [start for start, _, _ in _SCRIPTS]


def _script(ch: str) -> str:
    code = ord(ch)
    if code < 0x0250 or 0x2000 <= code < 0x2070:
        return "common"  # Latin, its punctuation and spaces: mixed into every script
    k = bisect.bisect_right(_SCRIPT_STARTS, code) - 1
    if k >= 0 and code <= _SCRIPTS[k][1]:
        return _SCRIPTS[k][2]
    return "other"


def _plausible_text(text: str) -> bool:
    """Text uses one or two scripts besides Latin; binary decoded as UTF-16 uses them all."""
    sample = text[:2048]
    if not sample or any(ord(c) < 0x20 and c not in "\t\n\r\x0c" for c in sample):
        return False
    counts: dict[str, int] = {}
    for ch in sample:
        group = _script(ch)
        counts[group] = counts.get(group, 0) + 1
    common = counts.pop("common", 0)
    other = counts.pop("other", 0)
    top = sorted(counts.values(), reverse=True)[:2]
    return other <= 0.02 * len(sample) and common + sum(top) >= 0.95 * len(sample)


_PRINTABLE_ASCII = bytes(range(0x20, 0x7F)) + b"\t\n\r"


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM: NULs in every other byte for ASCII-range text, or
    (CJK and other scripts) a strict decode that reads as text of one or two scripts."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:4096]
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    for nuls, other, codec in (
        (odd_nuls, even_nuls, "utf-16-le"),
        (even_nuls, odd_nuls, "utf-16-be"),
    ):
        if nuls > 0.4 * half and other < 0.05 * half:
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    # 8-bit text with a few NULs, read two bytes at a time, looks like CJK: rule it out.
    # Such text is nearly all printable ASCII bytes; UTF-16 text in any script is not.
    printable = len(sample) - len(sample.translate(None, delete=_PRINTABLE_ASCII))
    if printable >= 0.9 * (len(sample) - sample.count(0)):
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _plausible_text(text):
            return text
    return None


def decode(data: bytes) -> Decoded:
    """Decode `data`, or raise InputError("skipped", ...) if it is not text."""
    if not data:
        raise InputError("skipped", "empty file")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError("skipped", f"binary data ({what}), not text")
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(
                    "error", f"invalid {name} data at byte {exc.start + len(bom)}"
                ) from None
            return _read_back(Decoded(text, name, (f"{name} byte order mark",)))
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is not None:
            return _read_back(Decoded(text, "utf-16", ("utf-16 without byte order mark",)))
        raise InputError("skipped", "binary data (NUL bytes), not text")
    if _ESCAPE_SHIFT.search(data):
        for codec in ("iso2022_jp", "iso2022_kr"):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            return _read_back(Decoded(text, codec, (f"read as {codec} (escape sequences)",)))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _LATIN1_RUN_UTF8.search(data) is None:  # nearly every file: no run to read back
            return _checked(Decoded(text, "utf-8"))
        return _checked(_code_page_misreads(Decoded(text, "utf-8")))
    text = data.decode("utf-8", errors="surrogateescape")
    bad = len(_ESCAPED.findall(text))
    # UTF-8 with a few bytes of another encoding pasted in, or a file in another encoding
    # where a few byte pairs happen to be valid UTF-8 (Cyrillic "Мі" in cp1251 is CC B3).
    mostly_utf8 = len(_DECODED_NON_ASCII.findall(text)) >= bad
    text = _ESCAPED.sub(lambda m: _CP1252[ord(m.group()) - 0xDC00], text)
    if mostly_utf8:
        return _read_back(
            Decoded(text, "utf-8+cp1252", (f"{bad} byte(s) not valid UTF-8, read as cp1252",))
        )
    east_asian = _east_asian(data)
    if east_asian is not None:
        codec, legacy = east_asian
        return _read_back(Decoded(legacy, codec, (f"not UTF-8: read as {codec}",)))
    codec, legacy = _code_page(data, text)
    return _read_back(Decoded(legacy, codec, (f"not UTF-8: read as {codec}",)))


# --- multibyte East Asian encodings ------------------------------------------------------
# Chinese, Japanese and Korean sites long served GBK/GB18030, Big5, Shift_JIS, EUC-JP and
# EUC-KR, and scrapers saved their bytes as they came. Read as a single-byte code page that
# text is garbage no later stage repairs, and nothing of it looks like a body. Their byte
# ranges overlap: the same bytes decode without error in several of them, each time as
# characters of the right script. What tells the right reading is frequency: a text is made
# of a language's commonest characters (its particles, "的", "の", "이"), while a wrong
# reading draws characters evenly from the whole table, where those are one in hundreds.
EAST_ASIAN = ("gb18030", "cp950", "cp932", "euc_jp", "cp949")
# ISO-2022 text is 7-bit with escape sequences; it decodes as ASCII ("UTF-8") too.
_ESCAPE_SHIFT = re.compile(rb"\x1b\$[@B)]|\x1b\$\(D|\x1b\$\)C")
_COMMON = frozenset(
    # Simplified Chinese: the commonest characters of running text.
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下"
    "自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部"
    "其些主样理心她本前开但因只从想实日月新市表示记者公司业务工政府总体员"
    # Traditional Chinese: the same words where the forms differ.
    "這個們來為國說時會對於著過發後裡種經麼學現當沒動還進樣實開從記者業務體員"
    # Japanese: kanji that the kana leave to them (the kana count whole, below).
    "日本人年大十二三時行見月分後前生間上東今金入学高円子外来気小山話女北午百書先名川千"
    "水半男西電校語土木聞食車何南万毎白天母火右読友左休父雨社会者事業発表首相政府"
    # Korean: the commonest syllables of running text.
    "이다는의에을하고가로한지서기도를나사대어수정리자인일있시것들보부전으아해상과제우국게"
    "주만장면성요동소여라위년원했중말적문경세된할"
)
EAST_ASIAN_SAMPLE = 65536  # bytes judged
EAST_ASIAN_COMMON = 0.12  # share of a reading's CJK characters that must be common ones
EAST_ASIAN_MIN = 20  # common characters needed: a few could be chance


def _east_asian(data: bytes) -> tuple[str, str] | None:
    """The East Asian encoding `data` reads as text of (strictly, every byte), and its
    text; None when no reading is made of a language's common characters."""
    sample = data[:EAST_ASIAN_SAMPLE]
    best: tuple[float, str] | None = None
    for codec in EAST_ASIAN:
        try:
            # A multibyte character cut at the sample's end is not an error.
            text = codecs.getincrementaldecoder(codec)().decode(sample, final=False)
        except UnicodeDecodeError:
            continue
        share = _common_share(text)
        if share is not None and (best is None or share > best[0]):
            best = (share, codec)
    if best is None:
        return None
    try:
        return best[1], data.decode(best[1])
    except UnicodeDecodeError:
        return None  # past the sample, a byte the encoding does not define


def _common_share(text: str) -> float | None:
    """The share of `text`'s CJK characters that are common ones (kana are), or None when
    too few are, or when CJK characters are not most of what is beyond ASCII."""
    cjk = common = beyond = 0
    for ch in text:
        code = ord(ch)
        if code < 0x80:
            continue
        beyond += 1
        if 0x3040 <= code <= 0x30FF:  # hiragana, katakana
            cjk += 1
            common += 1
        elif 0x4E00 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF or 0x3400 <= code <= 0x4DBF:
            cjk += 1
            common += ch in _COMMON
        elif 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF:
            cjk += 1  # CJK punctuation, full-width forms
    if common < EAST_ASIAN_MIN or cjk < 0.9 * beyond or common < EAST_ASIAN_COMMON * cjk:
        return None
    return common / cjk


# --- single-byte code pages ------------------------------------------------------------
# A file that is not UTF-8 at all was saved in its site's code page: cp1252 for Western
# European text, but Cyrillic, Greek, Hebrew, Arabic, Thai and Central European sites used
# their own, and read as cp1252 their text is garbage no later stage repairs ("Ìłńüęŕ
# đŕäŕ" for "Міська рада"). Each code page is tried and the one whose text reads as words
# is taken: letters of one script, without symbols inside words, cased the way a script
# is. cp1252 comes first and keeps ties (most such files are Western European).
CODE_PAGES = (
    "cp1252", "cp1254", "cp1250", "cp1251", "koi8-u", "cp1253", "cp1255", "cp1256",
    "cp1257", "cp874",
)  # fmt: skip
CODE_PAGE_SAMPLE = 65536  # bytes judged: enough words, bounded work on a large file
CODE_PAGE_MARGIN = 2  # non-ASCII letters by which another code page must read better
# Latin letters that words of the languages written with cp1252 and its neighbours hardly
# ever hold; they are what the letters of other code pages become in cp1252 ("º" for "ş").
_RARE_LATIN = frozenset("ªºµþðÞÐ")
# Inside a word, the only characters besides letters, marks and digits: apostrophes, hyphens
# and dots. What the letters of other code pages become in cp1252 are symbols ("³" for "ł",
# "¿" for "ż", "÷" for "ч").
_IN_WORD = frozenset("'’ʼ‐‑-.·")


def _code_page(data: bytes, cp1252_text: str) -> tuple[str, str]:
    """The code page `data` reads best in, and its text (cp1252 when none reads better)."""
    sample = data[:CODE_PAGE_SAMPLE]
    base = _readability(cp1252_text[: len(sample)])
    best, best_score = "cp1252", base + CODE_PAGE_MARGIN
    for codec in CODE_PAGES[1:]:
        try:
            score = _readability(sample.decode(codec))
        except UnicodeDecodeError:
            continue  # a byte the code page leaves undefined
        if score > best_score:
            best, best_score = codec, score
    if best in _LATIN_PAGES:
        best = _best_alphabet(sample, cp1252_text[: len(sample)], best)
    if best != "cp1252":
        try:
            return best, data.decode(best)
        except UnicodeDecodeError:
            pass  # past the sample, a byte the code page leaves undefined
    return "cp1252", cp1252_text


# The Latin code pages read the same bytes as letters all the same, so words read as words
# in each ("pøes" for "přes"): what breaks the tie is that a text is written in one
# language, whose alphabet holds all its letters. Czech read as cp1252 mixes Danish "ø"
# with Italian "ì" and "ù"; Hungarian mixes Portuguese "õ" with German "ö". The alphabets
# below are the letters beyond ASCII of the languages these code pages are used for.
_ALPHABETS = tuple(
    frozenset(letters)
    for letters in (
        "àâæçéèêëîïôœùûüÿ",  # French
        "äöüß",  # German
        "áéíñóúü",  # Spanish
        "áâãàçéêíóôõú",  # Portuguese
        "àèéìíòóùú",  # Italian
        "àçèéíïòóúü",  # Catalan
        "éëïóöüèáàê",  # Dutch
        "æøåéó",  # Danish, Norwegian
        "åäöé",  # Swedish, Finnish
        "áéíóúýþæöð",  # Icelandic
        "äõöüšž",  # Estonian
        "áčďéěíňóřšťúůýž",  # Czech
        "áäčďéíĺľňóôŕšťúýž",  # Slovak
        "ąćęłńóśźż",  # Polish
        "áéíóöőúüű",  # Hungarian
        "čćđšž",  # Slovene, Croatian, Bosnian
        "ăâîşţșț",  # Romanian
        "çë",  # Albanian
        "çğıöşüâî",  # Turkish
        "ąčęėįšųūž",  # Lithuanian
        "āčēģīķļņšūž",  # Latvian
    )
)
# Letter occurrences outside the best-fitting alphabet a code page's reading must have
# fewer of than the reading chosen for its words, by at least this many and by half: a
# Western text with a borrowed name ("Dvořák" in a French article) keeps cp1252.
ALPHABET_MARGIN = 3
_LATIN_PAGES = ("cp1252", "cp1250", "cp1254", "cp1257")


def _best_alphabet(sample: bytes, cp1252_text: str, chosen: str) -> str:
    """Of the Latin code pages, the one whose reading of `sample` fits one language's
    alphabet clearly better than the reading `chosen` for its words does, or `chosen`.
    Words decide between scripts; within Latin they read as words in every code page,
    or fail to in all ("þ" and "ð" are rare letters everywhere but in Icelandic)."""
    readings: dict[str, int] = {}
    for codec in _LATIN_PAGES:
        try:
            text = cp1252_text if codec == "cp1252" else sample.decode(codec)
        except UnicodeDecodeError:
            continue
        readings[codec] = _misfits(text)
    if chosen not in readings:
        return chosen
    now = readings[chosen]
    # The fewest misfits; of equals, the one chosen for its words, then cp1252.
    best = min(readings, key=lambda c: (readings[c], c != chosen, c != "cp1252"))
    if readings[best] * 2 <= now and readings[best] + ALPHABET_MARGIN <= now:
        return best
    return chosen


def _misfits(text: str) -> int:
    """Occurrences of letters beyond ASCII outside the alphabet that holds most of them."""
    counts: dict[str, int] = {}
    for ch in text.lower():
        if ord(ch) > 0x7F and ch.isalpha():
            counts[ch] = counts.get(ch, 0) + 1
    if not counts:
        return 0
    total = sum(counts.values())
    return min(
        total - sum(n for ch, n in counts.items() if ch in alphabet) for alphabet in _ALPHABETS
    )


def _readability(text: str) -> int:
    """The non-ASCII characters of words that read as words, less those of words that do
    not; a text in a cased script (Greek, Cyrillic) without capitals, or in capitals
    only, is another script's letters read in the wrong code page and scores below 0."""
    score = 0
    for token in text.split():
        if token.isascii():
            continue
        word = _trimmed(token)
        weight = sum(not c.isascii() for c in word)
        if weight:
            score += weight if _reads_as_a_word(word) else -weight
    upper = lower = 0
    for ch in text:
        if ord(ch) >= 0x370 and ch.isalpha():
            upper += ch.isupper()
            lower += ch.islower()
    if upper + lower >= 50 and (upper == 0 or lower == 0):
        return -abs(score)
    return score


def _trimmed(token: str) -> str:
    """`token` without the punctuation and symbols before and after its letters."""
    start, end = 0, len(token)
    while start < end and not _wordlike(token[start]):
        start += 1
    while end > start and not _wordlike(token[end - 1]):
        end -= 1
    return token[start:end]


def _wordlike(ch: str) -> bool:
    return ch.isalpha() or ch.isdecimal() or unicodedata.category(ch)[0] == "M"


def _reads_as_a_word(word: str) -> bool:
    """Letters of one script (combining marks, digits, apostrophes and hyphens allowed),
    no capital after a small letter, and if Latin, mostly ASCII letters."""
    if unicodedata.category(word[0])[0] == "M":
        return False  # a mark with no letter to sit on: "้้n" for "één" in cp874
    scripts: set[str] = set()
    letters = foreign = 0
    lower = False
    for ch in word:
        if ch.isalpha():
            letters += 1
            code = ord(ch)
            scripts.add("latin" if code < 0x250 or 0x1E00 <= code < 0x1F00 else _script(ch))
            if code > 0x7F:
                foreign += 1
                if ch in _RARE_LATIN:
                    return False
            if ch.isupper():
                if lower:
                    return False  # "ÐáñáóêåõÞ": a capital after small letters
            elif ch.islower():
                lower = True
        elif ch in _IN_WORD or ch.isdecimal() or unicodedata.category(ch)[0] == "M":
            continue
        else:
            return False  # a symbol inside a word: "Ì³ñüêà"
    if len(scripts) != 1:
        return False
    return not (scripts == {"latin"} and letters >= 3 and foreign > letters / 2)


# --- a code page read as Latin-1, saved as UTF-8 -------------------------------------------
# A scraper that took a cp1251, KOI8, Greek, Hebrew, Arabic or Thai page for Latin-1 (or
# cp1252) and saved what it read as UTF-8 leaves lines of Latin-1 letters: "Ó Ì³íñêó
# àäêðûë³" for the cp1251 "У Мінску адкрылі", "÷ ëÁÚÁÎÉ" for the KOI8-R "В Казани". The
# file is valid UTF-8, so the code page reading above never sees it, and ftfy undoes UTF-8
# misread as a code page, not a code page misread as Latin-1. No language written in
# Latin-1 has most of its letters beyond ASCII, nor four of them in a row, so such lines
# are taken back to the bytes they were read from and read in the code page whose words
# read best (`_readability`, as for a file that is not UTF-8 at all), one for the file:
# they were misread by one program, and a file's lines together are a sample a line is not.
_LATIN1_RUN = re.compile("[\u00c0-\u00ff]{4}")
# The same run in the file's UTF-8 bytes, looked for before the text is: written out rather
# than with {4}, `re` finds it by its literal first byte, some 40 times faster than the str
# pattern on the dev pages (29 ms against 1.2 s for 3,393 pages, the run found on none).
_LATIN1_RUN_UTF8 = re.compile(rb"\xc3[\x80-\xbf]\xc3[\x80-\xbf]\xc3[\x80-\xbf]\xc3[\x80-\xbf]")
MISREAD_SHARE = 0.5  # of a line's letters, the Latin-1 letters beyond ASCII at least
_NON_LATIN_PAGES = tuple(c for c in CODE_PAGES if c not in _LATIN_PAGES)


def _code_page_misreads(decoded: Decoded) -> Decoded:
    """`decoded` with its lines of a code page read as Latin-1 read in that code page."""
    lines = decoded.text.split("\n")
    misread = {k: raw for k, line in enumerate(lines) if (raw := _latin1_bytes(line))}
    codec = _misread_page(b"\n".join(misread.values()))
    if codec is None:
        return decoded
    found = 0
    for k, raw in misread.items():
        try:
            lines[k] = raw.decode(codec)
        except UnicodeDecodeError:
            continue  # a byte the code page leaves undefined: not misread so
        found += 1
    note = f"{codec} read as Latin-1 on {found} line(s), read as {codec}"
    return Decoded("\n".join(lines), decoded.encoding, (*decoded.notes, note))


def _latin1_bytes(line: str) -> bytes | None:
    """The bytes a line of Latin-1 letters was read from (a character cp1252 has beyond
    Latin-1, such as its quotes, as its cp1252 byte), or None when the line is not such
    a line: most of its letters and four in a row Latin-1 letters beyond ASCII."""
    if line.isascii() or _LATIN1_RUN.search(line) is None:
        return None
    letters = high = 0
    for ch in line:
        if ch.isalpha():
            letters += 1
            high += "\u00c0" <= ch <= "\u00ff"
    if high < MISREAD_SHARE * letters:
        return None
    try:
        return line.encode("latin-1")
    except UnicodeEncodeError:
        pass
    try:
        return bytes(ord(ch) if ord(ch) < 0x100 else ch.encode("cp1252")[0] for ch in line)
    except UnicodeEncodeError:
        return None


def _misread_page(raw: bytes) -> str | None:
    """The non-Latin code page `raw` reads best in, if it reads better than Latin-1 by
    `CODE_PAGE_MARGIN` and as words at all."""
    best, best_score = None, max(_readability(raw.decode("latin-1")) + CODE_PAGE_MARGIN, 0)
    for codec in _NON_LATIN_PAGES:
        try:
            score = _readability(raw.decode(codec))
        except UnicodeDecodeError:
            continue
        if score > best_score:
            best, best_score = codec, score
    return best


def read_back(text: str) -> tuple[str, str | None]:
    """`text` as `decode` reads it back from the UTF-8 copydesk writes: its lines of a code
    page read as Latin-1 read in that code page, with the note saying so (None when no
    line is). For text made after decoding (repair's output), so that what is written
    reads back as itself."""
    if _LATIN1_RUN.search(text) is None:
        return text, None
    done = _code_page_misreads(Decoded(text, "utf-8"))
    return done.text, (done.notes[-1] if done.text != text else None)


def _read_back(decoded: Decoded) -> Decoded:
    """`_checked`, after the lines of a code page read as Latin-1 are read in it, for a
    text read any other way than BOM-less UTF-8 (which looks for them in its bytes).
    Whatever the file's bytes were, its text is read the same: copydesk writes UTF-8
    without a BOM, and a line of "Ïðèâåò" that a BOM or a stray cp1252 byte let through
    would turn into "Привет" when the output is read again."""
    if _LATIN1_RUN.search(decoded.text) is None:
        return _checked(decoded)
    return _checked(_code_page_misreads(decoded))


def _checked(decoded: Decoded) -> Decoded:
    text = decoded.text
    if not text.strip():
        raise InputError("skipped", "whitespace only" if text else "empty file")
    sample = text[:65536].encode("utf-8", errors="surrogatepass")
    controls = len(sample) - len(sample.translate(None, delete=_CONTROL_BYTES))
    if controls > 8 and controls > 0.01 * len(sample):
        raise InputError("skipped", f"binary data ({controls} control characters), not text")
    return decoded
