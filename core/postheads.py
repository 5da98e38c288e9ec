"""Comment threads known by their post headers: "by jdoe ( 1234 ) writes:", "Ana Ruiz says:",
"Re: Parking -- jdoe wrote:". A site that prints no "Comments" heading and no "Reply"
under its posts still heads every post with a line of one shape, and the model, which
judges lines one by one, reads each header's prose as more article.

A thread is told from an article that quotes people ("The mayor said:") by its layout,
not by its words: four or more short header lines end in the same word and a colon, each
names someone else, their posts do not open with a quotation mark, they head most of the
prose after the first of them, and nothing but their posts follows them: the thread is
the end of the page's prose, below an article of its own."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from .model import Block, Label, Verdict
from .prose import TERMINAL, is_prose, text_end
from .rules import post_header_words

MIN_POSTS = 4  # headers of one shape; three quotes in a news story is common enough
MAX_HEADER_WORDS = 12
DISTINCT = 0.6  # share of headers that differ (names): a two-person interview repeats them
HEADED = 0.8  # share of the prose after the first header that is in a post
ARTICLE_PROSE = 2  # prose lines above the first header: a forum's first post has none
POST_GAP = 2
_DIGITS = re.compile(r"\d+")
_HANDLE = re.compile(r"\w_\w|\(\s*\d+\s*\)")
# What a quoted statement opens with, in the scripts' conventions: "X said:" over a quote
# is an article's, however many times it comes.
_QUOTES = "\"'\u201c\u201e\u00ab\u2018\u201a\u2039\u300c\u300e\u00bb\u201d"


def _key(text: str) -> str | None:
    """The word a post header is known by: its last, before a colon, when it is a pack's
    post-header word ("writes", "a écrit :"), or any word when the line names a user by
    handle or number ("jo_k wrote:", "by jdoe ( 1234 ) writes:"), as forums print them
    in every language."""
    tokens = text.split()
    if len(tokens) < 2 or len(tokens) > MAX_HEADER_WORDS:
        return None
    last = tokens[-1].lower()
    if last == ":" and len(tokens) > 2:  # French spacing: "Marie a écrit :"
        last = tokens[-2].lower() + ":"
    if not last.endswith(":") or not last[:-1].isalpha():
        return None
    if last[:-1] in post_header_words() or _HANDLE.search(text):
        return last
    return None


def _counting(headers: list[str]) -> bool:
    """Numbered items ("Step 1:", "Q2:") count up; posts do not."""
    numbers = [m.group() for h in headers if (m := _DIGITS.search(h))]
    if len(numbers) < len(headers):
        return False
    values = [int(n) for n in numbers]
    return all(b == a + 1 for a, b in pairwise(values))


def comment_threads(blocks: Sequence[Block], verdicts: list[Verdict], rows: list[int]) -> bool:
    """Remove a comment thread found by its post headers (see the module docstring): the
    headers and every kept line from the first header to the end of the last post.
    Judged on the lines in play; True if any verdict changed."""
    # Headers and posts the model removed count too: it removes some, not all.
    kept = rows
    if len(kept) < MIN_POSTS * 2 + ARTICLE_PROSE:
        return False
    groups: dict[str, list[int]] = {}
    for pos, i in enumerate(kept):
        text = blocks[i].text
        # Cheapest tests first: almost every line has no colon at either end.
        if ":" not in text or text_end(text).endswith(TERMINAL):
            continue
        key = _key(text)
        if key is not None:
            groups.setdefault(key, []).append(pos)
    heads: set[int] = set()
    for at in groups.values():
        if len(at) < MIN_POSTS:
            continue
        texts = [_DIGITS.sub("0", blocks[kept[p]].text.strip().lower()) for p in at]
        if len(set(texts)) < DISTINCT * len(at) or _counting([blocks[kept[p]].text for p in at]):
            continue
        heads.update(at)
    if len(heads) < MIN_POSTS:
        return False
    first = min(heads)
    # Walk the thread: a post's prose sits under its header, or under the post's earlier
    # prose, with at most POST_GAP other lines between (a date, a score, a "Re:" line).
    above = sum(
        1 for p in range(first) if verdicts[kept[p]].keep and is_prose(blocks[kept[p]].text)
    )
    headed = unheaded = 0
    gap = None  # lines since the post's last header or prose; None: not in a post
    for p in range(first, len(kept)):
        if p in heads:
            gap = 0
        elif is_prose(blocks[kept[p]].text):
            if gap is not None:
                headed += 1
                gap = 0
            else:
                unheaded += 1
        elif gap is not None:
            gap += 1
            if gap > POST_GAP:
                gap = None
    under = [kept[p + 1] for p in heads if p + 1 < len(kept)]
    quoted = sum(1 for i in under if blocks[i].text.lstrip()[:1] in _QUOTES)
    if 2 * quoted >= len(under):
        return False
    # Below an article, and nothing but posts after it (prose outside the posts is more
    # article: quotes introduced by "X said:").
    if above < ARTICLE_PROSE or headed < MIN_POSTS or unheaded > (1 - HEADED) * headed:
        return False
    changed = False
    for i in kept[first:]:
        if not verdicts[i].keep:
            continue
        verdicts[i] = Verdict(
            Label.BOILERPLATE,
            "comment-thread",
            f"in a thread of {len(heads)} posts whose headers share one shape "
            f"({blocks[kept[first]].text.strip()!r} first), below the article",
        )
        changed = True
    return changed
