"""Bytes to text: BOMs, strict UTF-8, and a cp1252 fallback for the bytes that are not UTF-8.

The fallback works per invalid byte, not per file: a UTF-8 file with a few
latin-1 bytes pasted in keeps its UTF-8 text intact, and a pure cp1252/latin-1
file decodes correctly because none of its high bytes form valid UTF-8.
Binary data is refused with a reason instead of being turned into garbage.
"""

from __future__ import annotations

import bisect
import codecs
import re

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
_ESCAPED = re.compile("[\udc80-\udcff]")
_DECODED_NON_ASCII = re.compile("[\u0080-\udc7f\udd00-\U0010ffff]")

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
            return _checked(Decoded(text, name, (f"{name} byte order mark",)))
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is not None:
            return _checked(Decoded(text, "utf-16", ("utf-16 without byte order mark",)))
        raise InputError("skipped", "binary data (NUL bytes), not text")
    try:
        return _checked(Decoded(data.decode("utf-8"), "utf-8"))
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="surrogateescape")
    bad = len(_ESCAPED.findall(text))
    mostly_utf8 = _DECODED_NON_ASCII.search(text) is not None
    text = _ESCAPED.sub(lambda m: _CP1252[ord(m.group()) - 0xDC00], text)
    if mostly_utf8:
        return _checked(
            Decoded(text, "utf-8+cp1252", (f"{bad} byte(s) not valid UTF-8, read as cp1252",))
        )
    return _checked(Decoded(text, "cp1252", ("not UTF-8: read as cp1252",)))


def _checked(decoded: Decoded) -> Decoded:
    text = decoded.text
    if not text.strip():
        raise InputError("skipped", "whitespace only" if text else "empty file")
    sample = text[:65536].encode("utf-8", errors="surrogatepass")
    controls = len(sample) - len(sample.translate(None, delete=_CONTROL_BYTES))
    if controls > 8 and controls > 0.01 * len(sample):
        raise InputError("skipped", f"binary data ({controls} control characters), not text")
    return decoded
