"""A table of contents at the top of an article, found by its layout.

Many articles open with a list of their own section headings ("Contents", "In this
article", "Sommaire", "Inhaltsverzeichnis"... in any language). It is navigation, not
text: the human truth leaves it out. What gives it away is not its words but that every
item comes back later, in the same order, as a heading of the article: a line that
opens a section of prose, with prose between each two of them. A list of figures or
table cells repeated lower down has no prose between its copies; the items of a
product's pros or buying options named again under another product stand in another
list, not above prose; and a short list repeated once is not three items long.

The duplicate pass would otherwise keep the list and drop the headings as repeats of it:
the words are the same, but the article loses its headings where they stand.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .prose import prose_of, text_end, word_count

MIN_ITEMS = 3  # a list of headings, not a name repeated once
MAX_ITEMS = 80  # longer runs are read in pieces: a bound on the work, not a limit in use
MAX_ITEM_WORDS = 14  # a heading, not a sentence
MAX_HEADER_WORDS = 4  # "Table of contents", "In this article", "Sommaire"
OPENS_WITHIN = 2  # a heading's prose starts this many lines below it at most (a caption)
_WORD = re.compile(r"\w+")
# An item's numbering or list marker, which the heading it names may not repeat.
_MARKER = re.compile(r"^\s*(?:\d{1,3}(?:\.\d{1,3})*[.)]?|[-•*·▪–—])\s*")
_LETTERS = re.compile(r"[^\W\d_]{3,}")


def _key(text: str) -> str:
    return " ".join(_WORD.findall(_MARKER.sub("", text).lower()))


@dataclass(frozen=True, slots=True)
class Lines:
    """What the finder reads of each line of a file, once (the text does not change from
    pass to pass; which lines are kept does)."""

    keys: list[str]  # an item's words without its numbering ("" if it cannot be an item)
    prose: list[bool]
    titles: list[bool]  # short enough, and no sentence, to be the list's title


def lines_of(texts: Sequence[str]) -> Lines | None:
    """`Lines` of a file, or None when no line could name another (most files): then no
    pass needs to look."""
    keys: list[str] = []
    prose: list[bool] = []
    titles: list[bool] = []
    for text in texts:
        words = word_count(text)
        running = prose_of(text, words)
        item = 0 < words <= MAX_ITEM_WORDS and not running and _LETTERS.search(text)
        keys.append(_key(text) if item else "")
        prose.append(running)
        titles.append(
            0 < words <= MAX_HEADER_WORDS and not text_end(text).endswith((".", "!", "?"))
        )
    named = [key for key in keys if key]
    if len(set(named)) == len(named):
        return None
    return Lines(keys, prose, titles)


def contents_lines(lines: Lines, kept: Sequence[bool]) -> list[int]:
    """The lines of each table of contents (kept lines, in order), and the short title
    line right above one ("Contents"). `lines` and `kept` cover the whole file: the
    headings a list names may be out of play as repeats of it."""
    n = len(kept)
    keys = [key if up else "" for key, up in zip(lines.keys, kept, strict=True)]
    prose = [p and up for p, up in zip(lines.prose, kept, strict=True)]
    prose_before = [0] * (n + 1)  # prose lines before each index
    for i in range(n):
        prose_before[i + 1] = prose_before[i] + prose[i]
    # Where each key stands as a heading: a line with a section's prose right below it.
    headings: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        if key and any(prose[i + 1 : i + 1 + OPENS_WITHIN]):
            headings.setdefault(key, []).append(i)
    found: list[int] = []
    i = 0
    while i < n:
        run: list[int] = []
        heads: list[int] = []
        k = i
        while k < n and keys[k] and len(run) < MAX_ITEMS:
            places = headings.get(keys[k], [])
            at = bisect.bisect_right(places, max(heads[-1], k) if heads else k)
            head = places[at] if at < len(places) else None
            # The headings come after the whole list, in order, prose between each two.
            if head is None or (heads and prose_before[head] == prose_before[heads[-1] + 1]):
                break
            run.append(k)
            heads.append(head)
            k += 1
        if len(run) >= MIN_ITEMS and heads[0] > run[-1]:
            title = run[0] - 1
            if title >= 0 and kept[title] and lines.titles[title]:
                found.append(title)
            found.extend(run)
            i = k
        else:
            i += 1
    return found
