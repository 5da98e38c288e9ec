"""A page of teasers and no article: a site's front page or a section's index, scraped as if
it were a story ("Council approves new footbridge" / "The £4m crossing will ..." / "2
hours ago", again and again).

There is no article to find on such a page, and no cut of it is right for everyone: the
teasers read to the line model as short paragraphs under headlines, so it keeps most of
them and drops the odd headline or time stamp. Removing the whole page would be a guess
that loses text if it is wrong (an events list, a digest someone wants), so the page is
cleaned as usual and flagged with a warning on stderr and in the report, for an editor
who ingests articles to set it aside. Known by layout, in any language the date rules
read: four or more time stamps in a row, each two to four lines from the next, with a
title-like line among the short lines between each two, and under ARTICLE_WORDS words of
prose outside them (a "Latest" box beside a story is stamped teasers too)."""

from __future__ import annotations

from collections.abc import Sequence

from .model import Block, Verdict
from .prose import is_title_like, prose_of, word_count

MIN_TEASERS = 4  # three stamped items are a short "latest" box beside anything
MAX_LINES = 3  # a teaser's lines between two stamps: a kicker, a headline, a dek
ARTICLE_WORDS = 50  # words of prose outside the teasers: an article, or a post, is there
LONG_WORDS = 60  # one paragraph this long anywhere: no teaser's dek
STAMP = "date-line"  # the rule of a date alone on a line ("2 hours ago", "12 May 2025")


def teaser_count(blocks: Sequence[Block], verdicts: Sequence[Verdict]) -> int:
    """The teasers of the page's longest run of stamped teasers, when the page is such a
    list and nothing else (see the module docstring); else 0. Reads the rule pass's
    verdicts, which every way of classifying a file has."""
    stamps = [i for i, v in enumerate(verdicts) if v.rule == STAMP]
    if len(stamps) < MIN_TEASERS:
        return 0  # most pages: the cheap question first
    words = [word_count(b.text) for b in blocks]
    if max(words) >= LONG_WORDS:
        return 0
    best: tuple[int, int] = (0, 0)  # the longest run, as positions in `stamps`
    first = 0
    for n in range(1, len(stamps) + 1):
        if n < len(stamps) and _teaser_between(blocks, stamps[n - 1], stamps[n]):
            continue
        if n - first > best[1] - best[0]:
            best = (first, n)
        first = n
    if best[1] - best[0] < MIN_TEASERS:
        return 0
    # Prose outside the run is an article's (a "Latest" box beside a story has a run too).
    start = max(0, stamps[best[0]] - MAX_LINES)
    end = stamps[best[1] - 1]
    prose = sum(
        words[i] for i in range(len(blocks))
        if not start <= i <= end and prose_of(blocks[i].text, words[i])
    )
    return best[1] - best[0] if prose < ARTICLE_WORDS else 0


def _teaser_between(blocks: Sequence[Block], prev: int, stamp: int) -> bool:
    """One to MAX_LINES lines between two stamps, a title-like one among them."""
    return 1 <= stamp - prev - 1 <= MAX_LINES and any(
        is_title_like(blocks[j].text) for j in range(prev + 1, stamp)
    )


def warning(blocks: Sequence[Block], verdicts: Sequence[Verdict]) -> list[str]:
    """The page's warning, if it is a list of teasers."""
    count = teaser_count(blocks, verdicts)
    if not count:
        return []
    return [
        f"the page reads as a list of {count} teasers (a title, a line, a time stamp) with "
        f"no article: a front page or an index? cleaned as usual"
    ]
