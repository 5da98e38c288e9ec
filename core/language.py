"""Guess a file's language from stopwords, to pick its rule pack."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache
from itertools import chain

from .rules import available_languages, pack_words
from .words import count_words

UNDETERMINED = "und"
# A pack language must show in the prose as function words do: a large share of the words,
# or many different stopwords. A language without a pack borrows a few short words from
# some pack ("a", "i", "do", "to" in Polish; "de", "en", "om" in Swedish), about one word in
# twenty and three or four different ones; a pack language's prose is a third or more
# stopwords (a page whose first long lines are a menu of product names, still a dozen
# different ones).
MIN_SHARE = 0.25
MIN_DISTINCT = 12
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# The same on lower-case ASCII text, where a letter is a-z: a plain class is scanned faster
# than the negated one (tests/test_fast_paths.py holds the two to the same matches).
_ASCII_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
# Without an apostrophe those words are the runs of a-z: an ASCII line's letters kept and
# everything else a space, by one bytes.translate, then split (held to the regex by tests).
_ASCII_LETTERS = bytes(c if 97 <= c <= 122 else 32 for c in range(256))


def tokens_of(lowered: str) -> list[str]:
    """The words of a lower-cased line, as `_WORD` finds them."""
    if not lowered.isascii():
        return _WORD.findall(lowered)
    if "'" in lowered:
        return _ASCII_WORD.findall(lowered)
    return lowered.encode().translate(_ASCII_LETTERS).decode().split()


@cache
def _stopword_table() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for lang in available_languages():
        for word in pack_words(lang)[0]:
            table.setdefault(word, []).append(lang)
    return {word: tuple(langs) for word, langs in table.items()}


def detect_language(lines: Iterable[str], max_words: int = 600) -> str:
    """The pack language whose stopwords are most frequent in the file's prose, or "und"
    when that evidence is weak (see MIN_SHARE).

    Only lines of eight words or more are read: menus and buttons are often in
    another language than the article (or in English on any site), and the
    prose lines are also what a cleaned copy of the file keeps, so cleaning
    it again picks the same language.
    """
    table = _stopword_table()
    words = 0
    read: list[str] = []
    found: list[str] = []  # the stopwords read, in order
    for line in lines:
        if count_words(line) < 8:
            continue
        lowered = line.lower()
        read.append(lowered)
        tokens = tokens_of(lowered)
        words += len(tokens)
        found.extend(filter(table.__contains__, tokens))
        if words > max_words:
            break
    # The languages of every stopword counted at once, in C (the ranking below breaks ties
    # by name, so the order of counting does not matter).
    scores = Counter(chain.from_iterable(map(table.__getitem__, found)))
    seen = set(found)
    if not scores:
        return UNDETERMINED
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    best, hits = ranked[0]
    if hits < 3 or hits < 0.05 * words:
        return UNDETERMINED
    if hits < MIN_SHARE * words and sum(best in table[w] for w in seen) < MIN_DISTINCT:
        return UNDETERMINED  # a few borrowed words, not the language
    if not _written_in(pack_words(best)[1], read):
        return UNDETERMINED  # a sister language: Ukrainian shares Russian's short words
    return best


# Of the prose's letters beyond ASCII, the share that may lie outside a pack's alphabet
# (a foreign name): Ukrainian prose has "і", "ї", "є" in one letter of twenty or so.
FOREIGN_LETTERS = 0.01


def _written_in(letters: frozenset[str] | None, lowered: list[str]) -> bool:
    """The lower-cased lines use the letters beyond ASCII of the alphabet `letters` (None:
    any), but for a few."""
    if letters is None:
        return True
    counts = Counter(ch for line in lowered for ch in line if ch.isalpha() and not ch.isascii())
    total = sum(counts.values())
    foreign = sum(n for ch, n in counts.items() if ch not in letters)
    return foreign <= FOREIGN_LETTERS * total


@cache
def stopwords_for(language: str) -> frozenset[str]:
    """The language's stopwords; for an undetermined language, those of every pack."""
    if language in available_languages():
        return pack_words(language)[0]
    return frozenset(_stopword_table())
