"""Small stretches of kept text cut off after the article by a long run of removed lines.

A whole-page scrape goes on after the article: a footer, a comment section,
"more from us" teasers, an author box, a newsletter pitch. The rules and the
line model remove most of those lines, but a paragraph of prose here and
there reads like the article's and stays: a blurb about the site, a teaser's
summary, a comment with no date line. What gives it away is where it
sits: the kept text falls into islands separated by runs of removed lines,
the article is the island with the most words, and a small island after it,
set off by many removed lines of which the rule packs themselves removed a
fair share (a comment prompt, a block header, a share bar: certain page
furniture, not only lines the model doubted), is more of the page around
the article.

A page that is a list of entries (a directory, a round-up whose sections
the model split apart) has many islands after its longest one: then the
islands are the entries, and none goes. A clean article has no removed
lines at all, so a second run finds one island and changes nothing.

This knows no words of any language: only which lines were kept, their word
counts, and whether a rule or the model removed each of the others.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MIN_GAP_LINES = 10  # removed lines between the article and an island
MIN_RULE_LINES = 2  # of which a rule (not the model) removed at least this many
MIN_RULE_SHARE = 0.35  # and at least this share: the gap is page furniture, not a table
MAX_ISLAND_SHARE = 0.3  # of the kept words: a larger island is part of the article
MAX_ISLANDS_AFTER = 2  # more: the islands are a list's entries, not leftovers
# Removed lines above the article: the scrape holds the page around it (menus, a header).
# A scrape of the article region has none, and what follows a long interruption inside it
# (a related block with a share bar) is more likely the article's end than a footer.
MIN_LINES_BEFORE = 5


@dataclass(frozen=True, slots=True)
class Island:
    lines: list[int]  # block indices kept, in order
    gap: int  # removed lines before it
    rule_lines: int  # of which a rule removed these


def stray_islands(
    kept: Sequence[int], words: Sequence[int], by_rule: Sequence[bool]
) -> list[Island]:
    """The islands after the article to remove.

    `kept`: the block indices kept (in order), `words`: each one's word count;
    `by_rule`: for every block of the file, whether a rule removed it (the lines
    between kept ones that are not by_rule were removed by the model, or repeat
    an earlier line)."""
    islands: list[Island] = []
    current: list[int] = []
    sizes: list[int] = []
    size = 0
    gap = rule_lines = 0
    previous = None
    for index, count in zip(kept, words, strict=True):
        if previous is not None:
            between = range(previous + 1, index)
            if len(between) >= MIN_GAP_LINES:
                islands.append(Island(current, gap, rule_lines))
                sizes.append(size)
                current, size = [], 0
                gap = len(between)
                rule_lines = sum(by_rule[k] for k in between)
        current.append(index)
        size += count
        previous = index
    if current:
        islands.append(Island(current, gap, rule_lines))
        sizes.append(size)
    if len(islands) < 2:
        return []
    total = sum(sizes)
    main = max(range(len(islands)), key=lambda k: (sizes[k], -k))  # the first of the largest
    start = islands[main].lines[0]
    if start - sum(len(islands[k].lines) for k in range(main)) < MIN_LINES_BEFORE:
        return []
    after = range(main + 1, len(islands))
    if len(after) > MAX_ISLANDS_AFTER:
        return []
    return [
        islands[k]
        for k in after
        if sizes[k] <= MAX_ISLAND_SHARE * total
        and islands[k].rule_lines >= MIN_RULE_LINES
        and islands[k].rule_lines >= MIN_RULE_SHARE * islands[k].gap
    ]
