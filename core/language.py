"""Guess a file's language from stopwords: to pick its rule pack, and the function words
the line model reads it through (a pack's, or the listed ones of a language without one)."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import cache, partial
from importlib import resources
from itertools import chain

from . import rulecache
from .rules import available_languages, pack_words
from .words import count_words, marks, may_hold_marks

try:  # optional: see pyproject.toml
    from . import _keywords
except ImportError:
    _keywords = None

UNDETERMINED = "und"
# A pack language must show in the prose as function words do: a large share of the words,
# or many different stopwords. A language without a pack borrows a few short words from
# some pack ("a", "i", "do", "to" in Polish; "de", "en", "om" in Swedish), about one word in
# twenty and three or four different ones; a pack language's prose is a third or more
# stopwords (a page whose first long lines are a menu of product names, still a dozen
# different ones).
MIN_SHARE = 0.25
MIN_DISTINCT = 12
# Among the listed languages (no pack), a page that borrows words is no trap: the list of
# its own language wins. The bar is then only that the prose reads in the list's language
# at all: Arabic and Hebrew glue "and", "the", "in" to the next word, and the lists' heads
# are shorter where a script's vowel signs split words, so a tenth of the words will do.
LISTED_MIN_SHARE = 0.1
LISTED_MIN_DISTINCT = 6
# The same on lower-case ASCII text, where a letter is a-z: a plain class is scanned faster
# than the negated one (tests/test_fast_paths.py holds the two to the same matches).
_ASCII_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
# Without an apostrophe those words are the runs of a-z: an ASCII line's letters kept and
# everything else a space, by one bytes.translate, then split (held to the regex by tests).
_ASCII_LETTERS = bytes(c if 97 <= c <= 122 else 32 for c in range(256))


@cache
def word_pattern() -> re.Pattern[str]:
    """A word: letters with the combining marks inside and after them (a Devanagari or
    Thai word's vowel signs are marks, which `\\w` does not take: "है" would be "ह"), and
    an elision after an apostrophe ("l’été", "don't"). Built on first use, as
    `words.marks` is, and compiled through the rule cache: `re`'s compiler fills the marks'
    class a character at a time in Python (some 2 ms, in every process that meets a line
    beyond cp1252)."""
    letters = f"[^\\W\\d_](?:[^\\W\\d_]|[{marks()}])*"
    return rulecache.compile(f"{letters}(?:['’]{letters})?")


# `word_pattern` on a line that holds no combining mark (`words.may_hold_marks`): the same
# words, without trying the marks' class at the end of each (half the time).
_MARKLESS_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _single_byte_letters(codec: str, keep: str = "") -> bytes:
    """A `bytes.translate` table for text encoded in the one-byte `codec`: each byte whose
    character `_MARKLESS_WORD` takes for a letter (or is in `keep`) kept, every other byte
    a space."""
    table = bytearray(b" " * 256)
    for byte in range(256):
        char = bytes([byte]).decode(codec, "ignore")
        if char and (_LETTER.match(char) or char in keep):
            table[byte] = byte
    return bytes(table)


_LETTER = re.compile(r"[^\W\d_]")
# Western European prose beyond ASCII (accented letters, curly quotes, dashes) is mostly
# in cp1252, whose characters hold no combining mark (tests/test_fast_paths.py checks):
# there, without an apostrophe, the words are the runs of letter bytes, cut by one
# bytes.translate and split as ASCII lines are (six times faster than the regex).
_CP1252_LETTERS = _single_byte_letters("cp1252")
# With an apostrophe, the letters and apostrophes kept: the words and elisions are then
# those of a pattern of three plain characters, scanned faster than the letters' class.
_CP1252_ELIDED = _single_byte_letters("cp1252", keep="'’")
_ELIDED_WORD = re.compile(r"[^ '’]+(?:['’][^ '’]+)?")


# Latin-1 text (a code point below 256 each) is cut in one step, lower-casing and all: the
# lower case of each such character is one character below 256 too, and none of them is
# a combining mark. The table maps each byte of `str.encode("latin-1")` to the byte of its
# lower case if that is a letter, else to a space (the C1 controls, 0x80-0x9f, are no
# letters): `str.lower`, then cp1252's encoder and decoder (a table look-up per character
# each) were most of detection's time on accented prose.
def _latin1_lower_letters(keep: str = "") -> bytes:
    table = bytearray(b" " * 256)
    for byte in range(256):
        char = chr(byte).lower()
        if len(char) == 1 and ord(char) < 256 and (_LETTER.match(char) or char in keep):
            table[byte] = ord(char)
    return bytes(table)


_LATIN1_LETTERS = _latin1_lower_letters()
_LATIN1_ELIDED = _latin1_lower_letters(keep="'\x92")
# Signs of prose beyond Latin-1 that are neither letters nor an apostrophe: as spaces,
# they leave the words as they were ("’" is part of an elision, and stays).
_PROSE_SIGNS = ("“", "”", "„", "–", "—", "…", "•", "€", "™")
_SIGNS = "".join(_PROSE_SIGNS)


def line_tokens(line: str) -> list[str]:
    """`tokens_of(line.lower())`: the words of a line as detection reads them."""
    if not line.isascii():
        if "\x92" in line:  # the C1 control that stands for "’" below: read as before
            return tokens_of(line.lower())
        text = line
        for sign in _PROSE_SIGNS:
            if sign in text:
                text = text.replace(sign, " ")
        # "’" stands in the table as cp1252 writes it, 0x92 (a C1 control in Latin-1), and
        # is put back in the words.
        curly = "’" in text
        if curly:
            text = text.replace("’", "\x92")
        try:
            encoded = text.encode("latin-1")
        except UnicodeEncodeError:
            return tokens_of(line.lower())
        if curly or b"'" in encoded:
            words = encoded.translate(_LATIN1_ELIDED).decode("latin-1")
            return _ELIDED_WORD.findall(words.replace("\x92", "’") if curly else words)
        return encoded.translate(_LATIN1_LETTERS).decode("latin-1").split()
    if "'" in line:
        return _ASCII_WORD.findall(line.lower())
    return line.encode().translate(_LATIN1_LETTERS).decode().split()


_Known = Callable[[str], tuple[int, list[str]] | None]


def _known(table: dict[str, tuple[str, ...]]) -> _Known | None:
    """A line's count of words and those of its words that are keys of `table`, in order, as
    `line_tokens` cuts them; None for a line it leaves to `line_tokens`. In C where built
    (`_keywords.known_words`: no str made for the other words); None without it."""
    if _keywords is None:
        return None
    return partial(_keywords.known_words, table, _LATIN1_LETTERS, _SIGNS)


def tokens_of(lowered: str) -> list[str]:
    """The words of a lower-cased line, as `word_pattern` finds them."""
    if not lowered.isascii():
        try:
            encoded = lowered.encode("cp1252")
        except UnicodeEncodeError:
            pass
        else:
            if b"'" in encoded or b"\x92" in encoded:  # "’" is 0x92 in cp1252
                return _ELIDED_WORD.findall(encoded.translate(_CP1252_ELIDED).decode("cp1252"))
            return encoded.translate(_CP1252_LETTERS).decode("cp1252").split()
        if may_hold_marks(lowered):
            return word_pattern().findall(lowered)
        return _MARKLESS_WORD.findall(lowered)
    if "'" in lowered:
        return _ASCII_WORD.findall(lowered)
    return lowered.encode().translate(_ASCII_LETTERS).decode().split()


@cache
def _stopword_table() -> dict[str, tuple[str, ...]]:
    """Each pack stopword and the pack languages it belongs to."""
    return _table({lang: pack_words(lang)[0] for lang in available_languages()})


@cache
def function_words() -> dict[str, frozenset[str]]:
    """Every list of `stopwords/stopwords.json` (written by bench/stoplists.py): the most
    frequent words of each language's text. English's, though English has a pack, is
    there to train the model for pages without one (`bench/train_lines.py --packless`)."""
    raw = resources.files(__package__).joinpath("stopwords/stopwords.json").read_text("utf-8")
    return {lang: frozenset(words) for lang, words in json.loads(raw)["stopwords"].items()}


@cache
def listed_stopwords() -> dict[str, frozenset[str]]:
    """The function words of the languages without a rule pack."""
    packs = set(available_languages())
    return {lang: words for lang, words in function_words().items() if lang not in packs}


@cache
def _listed_table() -> dict[str, tuple[str, ...]]:
    return _table(listed_stopwords())


def _table(lists: dict[str, frozenset[str]]) -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for lang in sorted(lists):
        for word in lists[lang]:
            table.setdefault(word, []).append(lang)
    return {word: tuple(langs) for word, langs in table.items()}


@cache
def has_pack(language: str) -> bool:
    """A rule pack exists for `language` (English's rules are read for every file)."""
    return language in available_languages()


def detect_language(lines: Iterable[str], max_words: int = 600) -> str:
    """The pack language whose stopwords are most frequent in the file's prose; else the
    listed language (no pack, `listed_stopwords`) whose function words are; else the
    language of the prose's script (`script_language`: Chinese, Japanese, Korean); or "und"
    when that evidence is weak (see MIN_SHARE and LISTED_MIN_SHARE).

    Only lines of eight words or more are read: menus and buttons are often in
    another language than the article (or in English on any site), and the
    prose lines are also what a cleaned copy of the file keeps, so cleaning
    it again picks the same language.
    """
    read: list[str] = []
    tokens: list[list[str]] = []
    words = 0
    table = _stopword_table()
    # Of most lines only the words that are the table's stopwords are made (`_known`): the
    # count and the distinct stopwords, all `_best` reads, are the same.
    known = _known(table)
    only_known = False
    for line in lines:
        if count_words(line) < 8:
            continue
        read.append(line)
        found = known(line) if known is not None else None
        if found is None:
            tokens.append(line_tokens(line))
            words += len(tokens[-1])
        else:
            words += found[0]
            tokens.append(found[1])
            only_known = True
        if words > max_words:
            break
    best, hits = _best(table, tokens, words, MIN_SHARE, MIN_DISTINCT)
    if best is not None and _written_in(pack_words(best)[1], read):
        return best
    if only_known:  # the listed languages' words are other words
        tokens = [line_tokens(line) for line in read]
    # Not a pack language (or a sister of one: Ukrainian shares Russian's short words). Of
    # the languages with only a list of function words, the one the prose reads in, if it
    # reads in one more than in any pack language: a list's head holds words of other
    # languages too (Hindi's has "the" and "of").
    listed, listed_hits = _best(
        _listed_table(), tokens, words, LISTED_MIN_SHARE, LISTED_MIN_DISTINCT
    )
    if listed is None or listed_hits <= hits:
        return script_language(read) or UNDETERMINED
    return listed


# Languages told by their script alone, where function words cannot tell them: Chinese and
# Japanese are written without spaces, so a "word" is a whole clause and no list of words
# matches it; Korean glues its particles to the word before, so the listed Korean words
# are a twentieth of its prose, under LISTED_MIN_SHARE. Kana are written by Japanese
# alone (a Japanese sentence is a third or more kana) and Hangul by Korean alone; Han
# characters without kana are Chinese.
SCRIPT_LANGUAGES = ("ja", "ko", "zh")
# Of the prose's letters, the share the script must hold (the rest: Latin names, "LINE").
MIN_SCRIPT_SHARE = 0.5
# Of Han and kana together, the share of kana that makes Chinese-looking text Japanese: a
# Chinese page quoting a Japanese title holds a few.
MIN_KANA_SHARE = 0.1


def without_list(language: str) -> bool:
    """`language` was told by its script and has no function words listed (ja, zh): a
    page in it is read as an undetermined page is."""
    return language in SCRIPT_LANGUAGES and language not in function_words()


def script_language(lines: list[str]) -> str | None:
    """The language of `SCRIPT_LANGUAGES` whose script the lines are mostly written in."""
    letters = kana = hangul = han = 0
    for line in lines:
        if line.isascii():
            letters += sum(ch.isalpha() for ch in line)
            continue
        for ch in line:
            if not ch.isalpha():
                continue
            letters += 1
            code = ord(ch)
            if 0x3040 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF or 0xFF66 <= code <= 0xFF9D:
                kana += 1
            elif 0xAC00 <= code <= 0xD7A3 or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
                hangul += 1
            elif 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF:
                han += 1
    if not letters:
        return None
    if hangul >= MIN_SCRIPT_SHARE * letters:
        return "ko"
    if kana + han >= MIN_SCRIPT_SHARE * letters:
        return "ja" if kana >= MIN_KANA_SHARE * (kana + han) else "zh"
    return None


def _best(
    table: dict[str, tuple[str, ...]],
    tokens: list[list[str]],
    words: int,
    min_share: float,
    min_distinct: int,
) -> tuple[str | None, int]:
    """The language of `table` whose stopwords are most frequent in the lines' tokens, or
    None when that evidence is weak (see MIN_SHARE); and its count of them all the same."""
    # The languages of every stopword counted at once (the ranking below breaks ties by
    # name, so the order of counting does not matter).
    scores = _stopword_counts(tokens, table)
    if not scores:
        return None, 0
    best, hits = min(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    if hits < 3 or hits < 0.05 * words:
        return None, hits
    if hits < min_share * words:
        seen = set(filter(table.__contains__, chain.from_iterable(tokens)))
        if sum(best in table[w] for w in seen) < min_distinct:
            return None, hits  # a few borrowed words, not the language
    return best, hits


def _python_stopword_counts(
    tokens: list[list[str]], table: dict[str, tuple[str, ...]]
) -> dict[str, int]:
    """Each language of `table` and how many of the words of `tokens` are its stopwords (the
    languages counted at least once): `_keywords.stopword_counts` where it was built."""
    found = filter(table.__contains__, chain.from_iterable(tokens))
    return Counter(chain.from_iterable(map(table.__getitem__, found)))


# In C where built: filter, map and Counter cost a call and an iterator step per word and
# per language, most of detection's time after cutting the words (tests/test_fast_paths.py
# holds the two together).
_stopword_counts = _python_stopword_counts if _keywords is None else _keywords.stopword_counts


# Of the prose's letters beyond ASCII, the share that may lie outside a pack's alphabet
# (a foreign name): Ukrainian prose has "і", "ї", "є" in one letter of twenty or so.
FOREIGN_LETTERS = 0.01


def _written_in(letters: frozenset[str] | None, lines: list[str]) -> bool:
    """The lines, lower-cased, use the letters beyond ASCII of the alphabet `letters`
    (None: any), but for a few."""
    if letters is None:
        return True
    lowered = [line.lower() for line in lines]
    counts = Counter(ch for line in lowered for ch in line if ch.isalpha() and not ch.isascii())
    total = sum(counts.values())
    foreign = sum(n for ch, n in counts.items() if ch not in letters)
    return foreign <= FOREIGN_LETTERS * total


@cache
def stopwords_for(language: str) -> frozenset[str]:
    """The language's stopwords (its pack's, or its listed function words); for an
    undetermined language, those of every pack."""
    if has_pack(language):
        return pack_words(language)[0]
    listed = listed_stopwords().get(language)
    if listed is not None:
        return listed
    return frozenset(_stopword_table())


@cache
def known_languages() -> tuple[str, ...]:
    """Every language code copydesk can read a page in: packs and listed function words."""
    return tuple(
        sorted(set(available_languages()) | set(listed_stopwords()) | set(SCRIPT_LANGUAGES))
    )
