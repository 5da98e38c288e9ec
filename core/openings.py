"""Items of one list that open alike, judged together.

Not every list inside an article has a bullet or a label (`siblings.py`): a
catalogue's sections ("Pages 1-76 - Hinges", "Pages 77-174 - Handles"), a
reference list ("(n.d.). A title...", one entry a line), a recipe's
ingredients ("2 plums", "1 pear") or a tree drawn with box characters are
runs of short lines that all open with the same word, their figures aside.
Read one at a time, the model keeps most of such a list and drops a few items
that are a little shorter or longer than their neighbours, cutting it in the
middle. As with `siblings`, such a run is one thing: when the mean body
probability of its items clears the bar, every item stays, and the mean never
removes an item the model keeps. A menu or a list of other stories sharing a
first word ("How to ...") is judged the same way, and its items' mean is what
the model makes of them: low.

This reads the first word only, in any script (figures count as one digit).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

try:  # `openings` in C (optional: see core/_filefacts.c)
    from . import _filefacts
except ImportError:
    _filefacts = None

MIN_ITEMS = 3  # as `siblings.MIN_ITEMS`: two lines opening alike are a pair, not a list
MAX_WORDS = 15  # longer lines are prose, which may open alike by chance ("The ...")
_DIGITS = re.compile(r"\d+")


def opening(text: str) -> str | None:
    """The first word of a list item (its figures read as one "0"), or None for a line that
    is no such item: one word alone (a menu entry is its whole line) or a long one."""
    words = text.split(None, MAX_WORDS)
    if not 2 <= len(words) <= MAX_WORDS:
        return None
    first = words[0]
    return first if first.isalpha() else _DIGITS.sub("0", first)


def openings(texts: Sequence[str]) -> list[str | None] | None:
    """`opening` of each line, None for the lines whose opening fewer than MIN_ITEMS lines
    of the file share (no run can hold them, whichever lines are in play); None when no
    line is left (most files: no walk on each pass). Taken in C where it was built: a
    split and a dict update per line of every file, in Python."""
    if _filefacts is not None:
        return _filefacts.openings(texts)
    return _openings(texts)


def _openings(texts: Sequence[str]) -> list[str | None] | None:
    """`openings` in Python (where the C scan is not built, and for the tests)."""
    keys = [opening(t) for t in texts]
    counts: dict[str, int] = {}
    for key in keys:
        if key is not None:
            counts[key] = counts.get(key, 0) + 1
    shared = {key for key, n in counts.items() if n >= MIN_ITEMS}
    if not shared:
        return None
    return [key if key in shared else None for key in keys]


def runs(keys: Sequence[str | None], open_: Sequence[bool]) -> list[list[int]]:
    """Runs of MIN_ITEMS or more positions that open alike, each one `open_` (its verdict
    still to be set), with nothing else open between them. A line decided otherwise (a
    "Click here" a rule removed, a header's list) sits between items as a spacer does in
    `siblings.runs`: it does not cut the list, and is not part of it."""
    found: list[list[int]] = []
    current: list[int] = []
    for pos, key in enumerate(keys):
        if not open_[pos]:
            continue
        if key is not None and current and keys[current[-1]] == key:
            current.append(pos)
            continue
        if len(current) >= MIN_ITEMS:
            found.append(current)
        current = [pos] if key is not None else []
    if len(current) >= MIN_ITEMS:
        found.append(current)
    return found
