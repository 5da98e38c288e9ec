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

from .prose import is_prose, text_end, word_count

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


def _item(text: str) -> bool:
    words = word_count(text)
    return 0 < words <= MAX_ITEM_WORDS and not is_prose(text) and bool(_LETTERS.search(text))


def contents_lines(texts: Sequence[str], kept: Sequence[bool]) -> list[int]:
    """The lines of each table of contents (kept lines, in order), and the short title
    line right above one ("Contents"). `texts` and `kept` cover the whole file: the
    headings a list names may be out of play as repeats of it."""
    n = len(texts)
    keys = [_key(t) if kept[i] and _item(t) else "" for i, t in enumerate(texts)]
    named = [key for key in keys if key]
    if len(set(named)) == len(named):
        return []  # no line comes back: most files stop here
    prose = [kept[i] and is_prose(t) for i, t in enumerate(texts)]
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
            if (
                title >= 0
                and kept[title]
                and 0 < word_count(texts[title]) <= MAX_HEADER_WORDS
                and not text_end(texts[title]).endswith((".", "!", "?"))
            ):
                found.append(title)
            found.extend(run)
            i = k
        else:
            i += 1
    return found
