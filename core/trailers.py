"""A header rule's line that recurs after every entry of a list is the entries' trailer.

A header rule ("Read more", "Related") heads a block: the list-like lines after it go with
it (`context.header_blocks`). But the same words also close each entry of a list, as the
link under an entry's title and description ("Read more" after every resource of a list
the article gives). Then the line recurs every few lines and no list comes after any one
of them: taking the lines after the first as its list would remove every entry, the
article's own with the rest. A header line whose exact text comes back at least
MIN_RECURRENCES more times, each within MAX_GAP lines of the one before, is such a trailer:
it still goes (a bare link), but it takes no list, and the entries are judged as any line
is. This reads the repetition of one line's text only, in any language and pack.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .model import Block, Label, Verdict

MIN_RECURRENCES = 2  # three in all: two may be a header and a footer's copy of it
MAX_GAP = 6  # an entry of a title, a line of description and a source or two


def is_trailer(blocks: Sequence[Block], verdicts: list[Verdict], at: int) -> bool:
    """Whether the header rule's line at `at` belongs to a chain of MIN_RECURRENCES + 1
    lines or more of the same text and rule, each within MAX_GAP lines of the next (the
    last entry's trailer has no copy after it, the first's none before it)."""
    return _copies(blocks, verdicts, at, 1) + _copies(blocks, verdicts, at, -1) >= MIN_RECURRENCES


def _copies(blocks: Sequence[Block], verdicts: list[Verdict], at: int, step: int) -> int:
    """How many copies of the line at `at` follow each other after it (`step` 1) or
    before it (-1), each within MAX_GAP lines of the last, up to MIN_RECURRENCES."""
    text = blocks[at].text.strip().casefold()
    rule = verdicts[at].rule
    last, found = at, 0
    j = at + step
    while 0 <= j < len(blocks) and abs(j - last) <= MAX_GAP and found < MIN_RECURRENCES:
        verdict = verdicts[j]
        if (
            verdict.label is Label.BOILERPLATE
            and verdict.rule == rule
            and blocks[j].text.strip().casefold() == text
        ):
            found += 1
            last = j
        j += step
    return found


# A header rule's line that names the entry above it: "More on Foetus" under a review of
# Foetus's album, "More from Hartley's Garage" under a listing of the garage. Such a line
# closes each entry of a list with the entry's own name, so its text differs from entry
# to entry and `is_trailer` (one text recurring) does not see it. The rule reads it as a
# related block's header ("More on ..." heads one too), takes the next entry's title as
# its list, and shows it to the model as a header: a page of reviews each closed so reads
# as a run of related blocks, and the model removes the reviews under the later ones.
OPENING_WORDS = 2  # "More on", "More from": the words the closers share
NAME_REACH = 4  # the entry above: a title, a description or two, a critic's name
MIN_NAMED = MIN_RECURRENCES + 1  # three closers, as for `is_trailer`
CLOSER_RULE = "entry-closer"
_WORD = re.compile(r"\w+")


def named_closers(blocks: Sequence[Block], heads: Sequence[int]) -> frozenset[int]:
    """The header rule's lines among `heads` that close the entry above them by its name:
    the words after the line's first OPENING_WORDS are all in the NAME_REACH lines above
    it and not all in the line under it (a related block's header names the topic of the
    list it heads, which the list's first headline shares), where MIN_NAMED lines or more
    of the file open with the same words and do so. Layout and repetition only, in any
    language the packs' header rules cover."""
    if len(heads) < MIN_NAMED:
        return frozenset()  # most files: none or one or two headers
    families: dict[str, list[int]] = {}
    for i in heads:
        words = blocks[i].text.split()
        if len(words) <= OPENING_WORDS:
            continue  # "Read more": no name
        opening = " ".join(words[:OPENING_WORDS]).casefold()
        if _names_entry_above(blocks, i, words[OPENING_WORDS:]):
            families.setdefault(opening, []).append(i)
    return frozenset(i for found in families.values() if len(found) >= MIN_NAMED for i in found)


def _names_entry_above(blocks: Sequence[Block], at: int, name: list[str]) -> bool:
    wanted = _words(" ".join(name))
    above = " ".join(block.text for block in blocks[max(0, at - NAME_REACH) : at])
    if not wanted or not wanted <= _words(above):
        return False
    # The line under it shares the name: a header over its topic's list.
    return at + 1 >= len(blocks) or not wanted <= _words(blocks[at + 1].text)


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))
