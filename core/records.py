"""Lists of dated records after the article: comment threads and teaser lists.

A whole-page scrape often goes on after the article with more prose that
is not the article's: a comment thread (each comment an author line, a
date line, a few paragraphs, a "Reply" link) or a list of other articles
(a title, a date, a one-sentence summary, over and over). Read one at a
time, those paragraphs are prose like the article's, and the line model
keeps them. What gives them away is their layout, as with tables
(`tables.py`): a date line recurs every few lines, with prose between each
date and the next, and the lines around each date have the same shape from
record to record.

A list counts only when it follows an article: some prose before its first
record that is not in it. Each record must open the same way: a short line
(an author, a title) right before its date in most records, or else the
list is set off from the article by a line a rule removed (a comment
prompt, a block header, other boilerplate). An article whose own
paragraphs run under dated subheadings (a timeline, a live blog) has
prose, not a short line, before each date, and no boilerplate between its
intro and its first entry.

This knows no words of any language: the date lines are those the rule
packs' date rule matched (whatever the model then made of them), and the
rest is line lengths.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

MIN_RECORDS = 3  # fewer is a dated byline and a comment or two, not a list
MAX_RECORD_LINES = 12  # from one date line to the next: longer is an article's section
MIN_ARTICLE_WORDS = 100  # prose words before the list: the article it follows
# A list both headed (a name over each date) and set off by a rule's line (a guestbook's
# "Light a candle", a comment prompt) shows its layout twice: a short article (an
# obituary's 60 words over its guestbook) is enough to follow.
MIN_SET_OFF_WORDS = 40
HEADER_SHARE = 2 / 3  # of the records, for a short line before the date to be their shape
SEPARATOR_LINES = 3  # lines above the list searched for a separating boilerplate line

# Line shapes, computed by the caller for every line (see `shape`).
PROSE, SHORT, OTHER = 1, 2, 0
SHORT_WORDS = 8  # an author or title line: a few words, not a sentence


@dataclass(frozen=True, slots=True)
class RecordList:
    start: int  # positions in the sequence of lines given, [start, end)
    end: int
    starts: tuple[int, ...]  # first line of each record
    header: bool  # each record opens with a short line before its date


def shape(words: int, prose: bool) -> int:
    if prose:
        return PROSE
    return SHORT if words <= SHORT_WORDS else OTHER


def close_enough(anchors: Sequence[int]) -> bool:
    """Whether the date lines at these positions could chain into a list at all (a cheap
    test before the lines are measured)."""
    run = 1
    for a, b in pairwise(anchors):
        run = run + 1 if b - a <= MAX_RECORD_LINES else 1
        if run >= MIN_RECORDS:
            return True
    return False


def find_record_lists(
    shapes: Sequence[int],
    words: Sequence[int],
    dated: Sequence[bool],
    separator: Sequence[bool],
) -> list[RecordList]:
    """The record lists among consecutive lines, in order. For each line: its `shape`,
    its word count, whether the date rule matched it, and whether a rule removed it as
    boilerplate (a separator between an article and what follows it)."""
    anchors = [i for i, d in enumerate(dated) if d]
    if len(anchors) < MIN_RECORDS:
        return []
    found: list[RecordList] = []
    chain = [anchors[0]]
    for a in anchors[1:]:
        last = chain[-1]
        if a - last <= MAX_RECORD_LINES and PROSE in shapes[last + 1 : a]:
            chain.append(a)
            continue
        found.extend(_record_list(chain, shapes, words, dated, separator))
        chain = [a]
    found.extend(_record_list(chain, shapes, words, dated, separator))
    return found


def _record_list(
    chain: list[int],
    shapes: Sequence[int],
    words: Sequence[int],
    dated: Sequence[bool],
    separator: Sequence[bool],
) -> list[RecordList]:
    """The list whose date lines are `chain` (each a few lines from the next, with prose
    between), if it has records enough and follows an article."""
    if len(chain) < MIN_RECORDS:
        return []
    opening = sum(a > 0 and shapes[a - 1] == SHORT and not dated[a - 1] for a in chain)
    headed = opening >= HEADER_SHARE * len(chain)
    starts = tuple(a - 1 for a in chain) if headed else tuple(chain)
    start = starts[0]
    set_off = any(separator[max(0, start - SEPARATOR_LINES) : start])
    if not headed and not set_off:
        return []
    article = sum(w for s, w in zip(shapes[:start], words[:start], strict=True) if s == PROSE)
    if article < (MIN_SET_OFF_WORDS if headed and set_off else MIN_ARTICLE_WORDS):
        return []
    # The last record runs to its last prose line, as far as the records before it ran.
    spans = sorted(b - a for a, b in pairwise(chain))
    typical = spans[len(spans) // 2]
    last = chain[-1]
    end = last + 1
    for i in range(last + 1, min(len(shapes), last + typical + 1)):
        if shapes[i] == PROSE:
            end = i + 1
    return [RecordList(start, end, starts, headed)]
