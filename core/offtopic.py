"""A headline of another story dropped between two paragraphs of the article.

News sites put links to other stories inside the article ("Mali completes takeover of gold
mines" between two paragraphs about an attack), and a scrape keeps them as lines of
their own. They look like subheadings: short, no sentence end, between prose. What
gives one away is its words: a subheading names what the article is about, so some of its
longer words come back in the article; another story's headline shares none of them.

Only a line with several longer words can be judged so, and only in sentence case (a
Title Case line is as often a name or a product); it must sit between two kept prose
paragraphs of an article long enough for "shares none of its words" to mean something.
Words are compared by their first STEM letters (`edges.CLOSING_STEM`), as
`edges.closing_line` compares them, so this knows no words of any language.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache
from itertools import chain

from .edges import CLOSING_STEM as STEM
from .model import Block, Label, Verdict
from .prose import capitalized, is_prose, text_end, word_count
from .words import lower_letter_runs

MIN_WORDS, MAX_WORDS = 7, 20  # a headline's length
MIN_STEMS = 5  # distinct longer words the line must have to be judged by them
MIN_ARTICLE_WORDS = 100  # words of the rest of the article
_ENDS = (".", "!", "?", ":", ";", ",", "。", "।", "۔", "؟")


def headlines_between(
    blocks: Sequence[Block],
    verdicts: list[Verdict],
    rows: list[int],
    shaped: Sequence[int] | None = None,
) -> bool:
    """Mark such lines of `rows` (the lines in play) as boilerplate; True if any changed.
    `shaped`: the file's `shaped_lines`, where the caller keeps them across passes."""
    kept = [i for i in rows if verdicts[i].keep]
    candidates: list[int] = []
    if shaped is not None:
        # The lines whose text may be such a headline, taken once per file: each is looked
        # up among the kept lines (in file order, as the walk below finds them).
        last = len(kept) - 1
        for i in shaped:
            pos = bisect_left(kept, i)
            if (
                0 < pos < last
                and kept[pos] == i
                and verdicts[i].rule is None
                and is_prose(blocks[kept[pos - 1]].text)
                and is_prose(blocks[kept[pos + 1]].text)
            ):
                candidates.append(pos)
    # The cheap tests first: this runs on every pass, and few lines get past them.
    for pos in range(1, len(kept) - 1) if shaped is None else ():
        i = kept[pos]
        if verdicts[i].rule is not None:
            continue
        text = blocks[i].text
        if not MIN_WORDS <= word_count(text) <= MAX_WORDS:
            continue  # (`_headline_shaped`'s first test, without a call for most lines)
        if (
            _headline_shaped(text)
            and len(_stems(text)) >= MIN_STEMS
            and is_prose(blocks[kept[pos - 1]].text)
            and is_prose(blocks[kept[pos + 1]].text)
        ):
            candidates.append(pos)
    if not candidates:
        return False
    total = sum(word_count(blocks[i].text) for i in kept)
    changed = False
    for pos in candidates:
        i = kept[pos]
        own = _stems(blocks[i].text)
        if total - word_count(blocks[i].text) < MIN_ARTICLE_WORDS:
            continue
        if _comes_back(own, blocks, kept, pos):
            continue  # one of its words comes back in the article
        verdicts[i] = verdicts[i].overruled(
            Label.BOILERPLATE,
            "offtopic-headline",
            f"a headline between paragraphs sharing none of its {len(own)} longer words "
            f"with the article: another story's",
        )
        changed = True
    return changed


def shaped_lines(blocks: Sequence[Block]) -> tuple[int, ...]:
    """The lines of the file, not its first or last, whose text alone makes them a
    candidate of `headlines_between` (headline-shaped, with MIN_STEMS longer words): of the
    text only, so taken once per file rather than of the kept lines on every pass. Empty
    where `may_hold` is False: the pass then changes nothing."""
    return tuple(
        i
        for i in range(1, len(blocks) - 1)
        if MIN_WORDS <= word_count(text := blocks[i].text) <= MAX_WORDS
        and _headline_shaped(text)
        and len(_stems(text)) >= MIN_STEMS
    )


def may_hold(blocks: Sequence[Block]) -> bool:
    """Some line of the file could be a candidate of `headlines_between` by its text alone
    (headline-shaped, with MIN_STEMS longer words), not being its first or last line: the
    pass's candidates are such lines between two kept ones, so where none is, the pass
    changes nothing on any pass (the blocks' texts are the same on every pass)."""
    # `_headline_shaped`'s first test inline: a call per line cost more than the passes
    # it spares.
    for block in blocks[1:-1]:
        text = block.text
        if (
            MIN_WORDS <= word_count(text) <= MAX_WORDS
            and _headline_shaped(text)
            and len(_stems(text)) >= MIN_STEMS
        ):
            return True
    return False


def _comes_back(own: frozenset[str], blocks: Sequence[Block], kept: list[int], pos: int) -> bool:
    """Whether another kept line than `kept[pos]` holds one of the stems `own`. The lines
    after it first, then those before: a subheading's words come back in the paragraphs
    under it, so most candidates are told by a line or two, and the stems of the whole
    article are read only for a line that shares none (reading them all for every file
    with a candidate was most of this pass's cost)."""
    for k in chain(range(pos + 1, len(kept)), range(pos - 1, -1, -1)):
        if not own.isdisjoint(_stems(blocks[kept[k]].text)):
            return True
    return False


def _headline_shaped(text: str) -> bool:
    """MIN_WORDS to MAX_WORDS words, no sentence end, no aside in brackets (an
    instruction's "(1/2 oz flakes in 1 cup of alcohol)"), and not mostly capitalised
    words."""
    if not MIN_WORDS <= word_count(text) <= MAX_WORDS or text_end(text).endswith(_ENDS):
        return False
    return "(" not in text and not capitalized(text)


@lru_cache(maxsize=1 << 16)
def _stems(text: str) -> frozenset[str]:
    """A line's longer words by their first STEM letters (asked again on every pass)."""
    return frozenset(w[:STEM] for w in lower_letter_runs(text) if len(w) >= STEM)
