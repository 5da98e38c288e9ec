"""Counting words the same way everywhere, in scripts written with and without spaces.

Chinese, Japanese, Thai, Lao, Khmer and Myanmar text has no spaces between
words: counting spaces makes a 60-character sentence "one word", and every
layout rule or feature keyed on length then reads prose as a menu. Runs of
those scripts count as words by length instead: about two characters a word
for ideographs and kana, about four (vowel signs included) for the Southeast
Asian scripts. Other text counts whitespace-separated tokens, exactly as before.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import cache

from . import rulecache  # large character classes compiled once for all processes

try:  # `_count_words` in C, ASCII lines counted there (optional: see core/_linefacts.c)
    from . import _linefacts
except ImportError:
    _linefacts = None

_IDEOGRAPHIC = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_SOUTHEAST_ASIAN = "\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff"
# The ranges the fingerprints tokenize one character at a time.
NO_SPACE_SCRIPTS = _SOUTHEAST_ASIAN + _IDEOGRAPHIC
_RUNS = rulecache.compile(f"([{_IDEOGRAPHIC}]+)|([{_SOUTHEAST_ASIAN}]+)")
# Any character of those scripts. One class is scanned for in a tight loop; the alternation
# of two groups above is tried position by position, six times slower on a line without any.
_NO_SPACE = rulecache.compile(f"[{NO_SPACE_SCRIPTS}]")
# Full stops and question marks of other scripts than Latin and CJK: the Devanagari and
# Bengali danda, the Arabic question mark, the Urdu full stop, the Armenian, Ethiopic and
# Myanmar full stops, the Khmer khan and bariyoosan (without them a Khmer sentence never
# ended: its paragraph under a picture's credit read as the caption). Every stage that asks
# whether a line ends a sentence takes these.
SCRIPT_STOPS = "।॥؟۔։።။។៕"
# The left-to-right, right-to-left and Arabic letter marks that right-to-left text puts after
# a sentence's stop or a label ("סוף המשפט.\u200f", "שתף\u200f"): part of no word.
DIRECTION_MARKS = "\u200e\u200f\u061c"
_WORD_CHAR = re.compile(r"[^\W_]")


# The key of `marks`' class in the rule cache (`rulecache.facts`). The cache file is named
# after the Python build, so `unicodedata`'s version cannot change under a key; the version
# in it says so to a reader. Change `_MARKS_FORMAT` whenever `derive_marks` reads the
# character database another way, or a cache holding the old class would still answer.
_MARKS_FORMAT = 1
MARKS_KEY = f"\0words.marks {_MARKS_FORMAT} unicodedata {unicodedata.unidata_version}"


@cache
def marks() -> str:
    """A character class's body holding every combining mark (Unicode category M).

    Vowel signs and viramas of Indic scripts, Thai and Khmer vowels and tone marks, Hebrew
    and Arabic points are combining marks, which `\\w` does not match: "[^\\W\\d_]+" cuts
    "मार्च" (March) into four pieces. The fingerprints' word pattern uses the same class, so
    every process asks for it at import: a walk of the whole Basic Multilingual Plane (some
    10-25 ms, a Python step a code point), taken once and kept in the rule cache for later
    processes (`derive_marks` gives the same string; tests/test_marks_cache.py)."""
    found = rulecache.facts(MARKS_KEY, lambda _key: (derive_marks(),))
    if len(found) == 1 and isinstance(found[0], str):
        return found[0]
    return derive_marks()  # not what this module writes there: read the database


def derive_marks() -> str:
    """`marks()` made from the character database."""
    ranges: list[tuple[int, int]] = []
    for cp in range(0x300, 0x10000):  # the Basic Multilingual Plane: no mark below U+0300
        if unicodedata.category(chr(cp))[0] == "M":
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
    return "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges)


@cache
def letter_run() -> re.Pattern[str]:
    """A run of letters with the combining marks inside and after them: a word of any
    script written with spaces."""
    return rulecache.compile(f"[^\\W\\d_](?:[^\\W\\d_]|[{marks()}])*")


# Where a combining mark can be: at U+0300 or above, but not in General Punctuation
# (U+2000-U+206F: curly quotes, dashes, odd spaces), which holds none. A line without any
# such character (plain or accented Latin, curly quotes) has no mark for a run of letters
# to take in, and one scan with a single range says so (tests hold the range to the marks).
_MARKS_POSSIBLE = rulecache.compile("[\u0300-\u1fff\u2070-\U0010ffff]")
# `letter_run` without the marks, for such lines: the marks' class of some 300 ranges is
# tried at the end of every word, which made the general pattern twice as slow.
_LETTERS = re.compile(r"[^\W\d_]+")


def may_hold_marks(text: str) -> bool:
    """Whether `text` may hold a combining mark (False: it holds none)."""
    return _MARKS_POSSIBLE.search(text) is not None


def letter_runs(text: str) -> list[str]:
    """`letter_run().findall(text)`, by the plain pattern on a line that holds no mark."""
    if _MARKS_POSSIBLE.search(text) is None:
        return _LETTERS.findall(text)
    return letter_run().findall(text)


def _latin1_lower_letters() -> bytes:
    """A `bytes.translate` table for Latin-1 text (`str.encode("latin-1")`): each byte to
    the byte of its character's lower case if `_LETTERS` takes that for a letter, every
    other byte a space. No Latin-1 character lower-cases to one beyond Latin-1 or to more
    than one character, and no letter is a space, so the runs are `letter_runs`'s."""
    table = bytearray(b" " * 256)
    for byte in range(256):
        low = chr(byte).lower()
        if len(low) != 1 or ord(low) > 255:
            raise AssertionError(f"{chr(byte)!r} lower-cases beyond Latin-1")
        if _LETTERS.fullmatch(low):
            table[byte] = ord(low)
    return bytes(table)


_LATIN1_LOWER_LETTERS = _latin1_lower_letters()


def lower_letter_runs(text: str) -> list[str]:
    """`letter_runs(text.lower())`. A Latin-1 line (plain and accented Latin text, most
    lines) is lower-cased and cut in one bytes.translate and a split: the regex tests each
    character's category, several times slower on a paragraph."""
    try:
        encoded = text.encode("latin-1")
    except UnicodeEncodeError:
        return letter_runs(text.lower())
    return encoded.translate(_LATIN1_LOWER_LETTERS).decode("latin-1").split()


# A line's words are counted by several stages (language detection, rules, layout features,
# tables, the classifier's passes): counted once, then looked up. A line's count depends on
# its text alone; the table is emptied when full, so memory stays bounded.
_COUNTED: dict[str, int] = {}
COUNTED_LINES = 100_000


def _count_words(text: str) -> int:
    """A line's words (`_count`), remembered in `_COUNTED`."""
    words = _COUNTED.get(text)
    if words is None:
        if len(_COUNTED) >= COUNTED_LINES:
            _COUNTED.clear()
        words = _COUNTED[text] = _count(text)
    return words


# The passes ask some 400,000 times for a few hundred pages: a call into C, not into Python.
count_words = _count_words if _linefacts is None else _linefacts.word_counter(globals())


def _count(text: str) -> int:
    if text.isascii() or _NO_SPACE.search(text) is None:
        return len(text.split())
    return _count_by_runs(text)


def _count_by_runs(text: str) -> int:
    """Runs of the no-space scripts by their length, other tokens one each (any text)."""
    words = 0
    found = False
    for ideographic, southeast in _RUNS.findall(text):
        found = True
        words += -(-len(ideographic) // 2) + -(-len(southeast) // 4)
    if not found:
        return len(text.split())
    rest = _RUNS.sub(" ", text).split()
    return words + sum(1 for token in rest if _WORD_CHAR.search(token))


def each_line(
    batch: Callable[[Sequence[str]], list[int]] | None,
    one: Callable[[str], int],
    texts: Sequence[str],
) -> list[int]:
    """`one` of each text, through `batch` (its C version in `_linefacts`, which answers -1
    for a line outside its alphabet) where the extension was built."""
    if batch is None:
        return [one(t) for t in texts]
    out = batch(texts)
    if -1 in out:
        return [one(t) if k < 0 else k for t, k in zip(texts, out, strict=True)]
    return out
