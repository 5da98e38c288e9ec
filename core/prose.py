"""What a line reads as: running text, a title, where its sentence ends. Shared by the
classifier's layers (`classify.py`) and the passes on a file's threads and edges
(`threads.py`, `edges.py`)."""

from __future__ import annotations

import re

from .words import DIRECTION_MARKS, SCRIPT_STOPS, count_words

try:  # `is_prose` in C (optional: see core/_filefacts.c)
    from . import _filefacts
except ImportError:
    _filefacts = None

# An item of a numbered list: "3. Sculpt", "iv) Fold".
NUMBERED = re.compile(r"^(?:\d{1,3}|[ivxIVX]{1,4})[.)]\s")

TERMINAL = (".", "!", "?", "…", '"', "”", "’", "'", ")", "»", "。", "！", "？", ";")
TERMINAL += tuple(SCRIPT_STOPS)  # other scripts' sentence ends
# A sentence's own stop, in any script, without the quotes and brackets that may close it.
SENTENCE_STOPS = (".", "!", "?", "…", "。", "！", "？", *SCRIPT_STOPS)


# The count itself, not a function that calls it: the passes ask it some seven times a line.
word_count = count_words


def _is_prose(text: str) -> bool:
    """Reads as running text: a sentence of some length, or simply long."""
    words = word_count(text)
    return words >= 25 or (words >= 8 and _text_end(text).endswith(TERMINAL))


def prose_of(text: str, words: int) -> bool:
    """`is_prose` of a line whose words are counted already."""
    return words >= 25 or (words >= 8 and text_end(text).endswith(TERMINAL))


def _text_end(text: str) -> str:
    """`text` without the spaces and direction marks after its last character (right-to-left
    text puts a right-to-left mark after a sentence's stop)."""
    return text.rstrip().rstrip(DIRECTION_MARKS).rstrip()


# The passes ask `is_prose` of most lines on every pass, and `text_end` of many: calls into
# C where it was built (the same count; the line's end read in place, not three new strings).
is_prose, text_end = (
    (_is_prose, _text_end)
    if _filefacts is None or any(len(stop) != 1 for stop in TERMINAL)
    else _filefacts.prose_test(word_count, "".join(TERMINAL), DIRECTION_MARKS)
)


def capitalized(text: str) -> bool:
    """More than a third of the words after the first start with a capital: a name, a
    slogan or a link ("Sosco Social, LLC.", "#1 Healthy Meal Service, Delivered.")."""
    words = text.split()[1:]
    return 3 * sum(w[:1].isupper() for w in words) > len(words)


# What a title does not end with, in any script: a full stop (a question or an exclamation
# may end a headline: the Arabic question mark is the one of SCRIPT_STOPS left out), or a
# comma, semicolon or colon that leads on to more.
_NOT_TITLE_ENDS = (
    ".", ";", ",", ":", "。", "．", "；", "，", "：", "、", *SCRIPT_STOPS.replace("؟", "")
)


def is_title_like(text: str) -> bool:
    """Short, no sentence end: a headline, a subheading or a link title."""
    words = word_count(text)
    stripped = text_end(text)
    return 3 <= words <= 25 and not stripped.endswith(_NOT_TITLE_ENDS)
