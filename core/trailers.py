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
