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
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .prose import prose_of, text_end, word_count

try:  # what `_line` reads of ASCII lines, in C (optional: see core/_linefacts.c)
    from . import _linefacts
except ImportError:
    _linefacts = None

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
    # The lines whose key another line holds too, in order: only they can be an item or the
    # heading it names (a list's item and its heading are two lines of one key).
    repeated: list[int]


def lines_of(texts: Sequence[str]) -> Lines | None:
    """`Lines` of a file, or None when no line could name another (most files): then no
    pass needs to look."""
    if _linefacts is None:
        keys, prose, titles = [], [], []
        for key, running, title in map(_line, texts):
            keys.append(key)
            prose.append(running)
            titles.append(title)
    else:  # ASCII lines in C; the others (key None) by `_line`
        keys, prose, titles = _linefacts.contents_lines(texts)
        if None in keys:
            for i, key in enumerate(keys):
                if key is None:
                    keys[i], prose[i], titles[i] = _line(texts[i])
    named = [key for key in keys if key]
    if len(set(named)) == len(named):
        return None
    counts = Counter(named)
    repeated = [i for i, key in enumerate(keys) if key and counts[key] > 1]
    return Lines(keys, prose, titles, repeated)


def _line(text: str) -> tuple[str, bool, bool]:
    """What `Lines` holds of one line: its key, whether it is prose, whether a title."""
    words = word_count(text)
    running = prose_of(text, words)
    item = 0 < words <= MAX_ITEM_WORDS and not running and _LETTERS.search(text)
    title = 0 < words <= MAX_HEADER_WORDS and not text_end(text).endswith((".", "!", "?"))
    return _key(text) if item else "", running, title


def contents_lines(lines: Lines, kept: Sequence[bool], visible: Sequence[int]) -> list[int]:
    """The lines of each table of contents, and the short title line right above one
    ("Contents"). The file is read as a second run reads it: `visible` are the lines in
    play (kept, and not repeats that duplicate resolution drops), in order; two items that
    a removed line separated are neighbours. The headings a list names are looked for
    among all kept lines (`kept`, for every line of the file): while the list stands they
    are out of play as its repeats."""
    # Where each key stands as a heading: a kept line with a section's prose in play
    # right below it. (A key no other line holds names no item: an item with no heading
    # ends its run, as does one whose heading is not below it.)
    position = bisect.bisect_right
    keys, prose = lines.keys, lines.prose
    headings: dict[str, list[int]] = {}
    for i in lines.repeated:
        if kept[i]:
            at = position(visible, i)
            if any(prose[j] for j in visible[at : at + OPENS_WITHIN]):
                headings.setdefault(keys[i], []).append(i)
    if not headings:
        return []  # no item has a heading: every run ends before its first item
    # The prose lines in play: how many stand before a line is where it would go among
    # them (only the headings' places are asked, not every line's).
    shown_prose = [i for i in visible if prose[i]]
    found: list[int] = []
    start = 0
    # A run can only start at an item whose key some heading holds: at any other place the
    # walk finds no item and moves on (every pass walked each line in play to learn that).
    for first in [k for k, i in enumerate(visible) if keys[i] in headings]:
        if first < start:
            continue  # inside the run found last
        run: list[int] = []
        heads: list[int] = []
        k = first
        while k < len(visible) and keys[visible[k]] and len(run) < MAX_ITEMS:
            item = visible[k]
            places = headings.get(keys[item], [])
            at = position(places, max(heads[-1], item) if heads else item)
            head = places[at] if at < len(places) else None
            # The headings come after the whole list, in order, prose between each two.
            if head is None or (
                heads
                and bisect.bisect_left(shown_prose, head)
                == bisect.bisect_left(shown_prose, heads[-1] + 1)
            ):
                break
            run.append(item)
            heads.append(head)
            k += 1
        if len(run) >= MIN_ITEMS and heads[0] > run[-1]:
            if first > 0 and lines.titles[visible[first - 1]]:
                found.append(visible[first - 1])
            found.extend(run)
            start = k
    return found
