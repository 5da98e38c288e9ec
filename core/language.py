"""Guess a file's language from stopwords, to pick its rule pack."""

from __future__ import annotations

import re
from functools import cache

from .rules import available_languages, load_pack

UNDETERMINED = "und"
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@cache
def _stopword_table() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for lang in available_languages():
        for word in load_pack(lang).stopwords:
            table.setdefault(word, []).append(lang)
    return {word: tuple(langs) for word, langs in table.items()}


def detect_language(text: str, max_words: int = 3000) -> str:
    """The pack language whose stopwords are most frequent, or "und"."""
    table = _stopword_table()
    scores: dict[str, int] = {}
    words = 0
    for m in _WORD.finditer(text):
        words += 1
        if words > max_words:
            break
        langs = table.get(m.group().lower())
        if langs:
            for lang in langs:
                scores[lang] = scores.get(lang, 0) + 1
    if not scores:
        return UNDETERMINED
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    best, hits = ranked[0]
    if hits < 3 or hits < 0.05 * min(words, max_words):
        return UNDETERMINED
    return best
