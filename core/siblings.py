"""Items of one list, judged together.

A list inside an article is often written as lines of one form in a row: a label and
a colon ("Storage: 2 TB", "Pros: quiet and light"), or a list marker ("- ", "• ",
"3. "). Read one at a time, the model keeps most of the items and drops one or two
that look a little shorter or sit next to a removed line, cutting the list in the
middle. Such a run is one thing: when the mean body probability of its items clears the
bar, every item stays. The mean never removes an item the model keeps on its own: a run
of "Label: value" lines may be a card of facts of which one line is a link ("Case
studies: view all"), and judged whole, the cards went with it. This reads punctuation
only, in any language.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .words import count_words, each_line

try:  # `form` of ASCII lines in C (optional: see core/_linefacts.c)
    from . import _linefacts
except ImportError:
    _linefacts = None

# A label of a few words, then a colon and more text on the line ("Battery life: 9 hours").
_LABELLED = re.compile(r"^\s*([^:：.!?]{1,60})[:：]\s*\S")
MAX_LABEL_WORDS = 6
# A list marker: a bullet or dash and a space, or a number and a stop or bracket.
_MARKED = re.compile(r"^\s*(?:[-*•·▪■►▸‣⁃–—]\s|\d{1,3}[.)]\s|\(\d{1,3}\)\s)")
MIN_ITEMS = 3  # two lines of one form are a pair, not a list

NONE, LABELLED, MARKED, BLANK = 0, 1, 2, 3


def form(text: str) -> int:
    """LABELLED, MARKED, BLANK (no words: a spacer between items), or NONE."""
    if _MARKED.match(text):
        return MARKED
    found = _LABELLED.match(text)
    if found is not None and count_words(found.group(1)) <= MAX_LABEL_WORDS:
        return LABELLED
    if not any(map(str.isalnum, text)):
        return BLANK
    return NONE


def forms(texts: Sequence[str]) -> list[int]:
    """`form` of each line: ASCII lines in C where it is built (-1 for the others)."""
    return each_line(None if _linefacts is None else _linefacts.forms, form, texts)


def runs(forms: Sequence[int], open_: Sequence[bool]) -> list[list[int]]:
    """Runs of MIN_ITEMS or more consecutive positions of one form (LABELLED or MARKED),
    each one `open_` (its verdict still to be set); BLANK positions between items do not
    end a run and are not part of it."""
    found: list[list[int]] = []
    current: list[int] = []
    kind = NONE
    for pos, f in enumerate(forms):
        if f == BLANK and current:
            continue
        if f in (LABELLED, MARKED) and open_[pos] and (f == kind or not current):
            current.append(pos)
            kind = f
            continue
        if len(current) >= MIN_ITEMS:
            found.append(current)
        current, kind = [], NONE
        if f in (LABELLED, MARKED) and open_[pos]:
            current, kind = [pos], f
    if len(current) >= MIN_ITEMS:
        found.append(current)
    return found
