"""Forum threads known by the block of short lines over every post: a user name, then
"Joined: Mar 2019", "Posts: 412". A forum that prints no "Reply" under its posts (see
`threads`) still heads each post with the same block, and the line model, judging lines
one by one, keeps some of the blocks' lines as body and drops the odd post (the last, next
to the footer, reads as the footer's first line).

The thread is told by layout, not words: three or more blocks of the same shape (the same
"Label:" fields in the same order, the other lines naming different people), each followed
by prose, and no article prose above the first (a page whose posts are its content; the
comment threads under an article are `postheads`' and `threads`'). The model's majority
settles the rest: when it removed most of the blocks' lines and kept most of the posts'
prose, the blocks go and the posts stay, every one. (A list of records, "Price:" under
each item's name, has the same layout; the model keeps its fields, and they stay.)"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import accumulate

from . import linescan
from .model import Block, Label, Verdict
from .prose import is_prose, word_count

MIN_POSTS = 3
FIELD_CHARS = 40  # "Joined: Mar 2019", "Posts: 2,981", "Location: Leeds"
BLOCK_LINES = 5  # the most lines a post's header block spans
BLOCK_WORDS = 6  # the most words of a header block's line (a name, a rank, a date)
ARTICLE_PROSE = 2  # prose lines above the first block: an article with comments under it
HEADERS_KEPT = 0.5  # share of the blocks' lines the model kept: they are a record's fields
KEPT_POSTS = 0.5  # share of the posts' prose the model kept: the posts are the content
_FIELD = re.compile(r"([^\W\d_][^\W\d_ .'-]*(?: [^\W\d_]+){0,2})\s*:\s*\S")


def field_label(text: str) -> str | None:
    """The label of a "Label: value" line, lower-cased, or None."""
    if len(text) > FIELD_CHARS or ":" not in text:
        return None
    m = _FIELD.match(text.strip())
    return m.group(1).lower() if m else None


def _short(text: str) -> bool:
    return not is_prose(text) and 0 < word_count(text) <= BLOCK_WORDS


def field_lines(
    blocks: Sequence[Block], flags: bytes | None = None
) -> list[str | None] | None:
    """Each line's field label (`field_label`), read once per file: a block's text does not
    change between passes. None when no label comes MIN_POSTS times in the whole file
    (most files): then none does among the lines in play of any pass either. `flags`: the
    blocks' `linescan.line_flags`, where the caller has them."""
    if flags is None:
        flags = linescan.line_flags(blocks)
    # `field_label` of the lines holding a colon (told in C), the only lines it labels: a
    # call a line was most of the scan's cost on files without fields.
    fields: list[str | None] = [None] * len(blocks)
    counts: dict[str, int] = {}
    for i in linescan.lines_with(flags, linescan.COLON):
        label = fields[i] = field_label(blocks[i].text)
        if label is not None:
            counts[label] = counts.get(label, 0) + 1
    return fields if any(n >= MIN_POSTS for n in counts.values()) else None


def forum_posts(
    blocks: Sequence[Block],
    verdicts: list[Verdict],
    rows: list[int],
    fields: list[str | None] | None = None,
    signed: frozenset[int] = frozenset(),
) -> bool:
    """Remove the header blocks of a forum thread and keep its posts (see the module
    docstring). Judged on the lines in play; True if any verdict changed. `fields`: the
    file's `field_lines`, when the caller read them already; `signed`: the lines of its
    posts' signatures (`signatures.find`), which are no short lines of a post's own."""
    if fields is None:
        fields = field_lines(blocks)
        if fields is None:
            return False
    # Cheapest question first: a field label that comes MIN_POSTS times; most pages have none.
    labels: dict[str, list[int]] = {}
    for pos, i in enumerate(rows):
        label = fields[i]
        if label is not None:
            labels.setdefault(label, []).append(pos)
    anchors = [at for at in labels.values() if len(at) >= MIN_POSTS]
    if not anchors:
        return False
    texts = [blocks[i].text for i in rows]
    # Read once for all the anchors, when the first needs them (a page of 20,000 lines has
    # hundreds of field labels: read again for each, they were most of this pass).
    signed_at: set[int] | None = None
    prose_before: list[int] | None = None
    for at in anchors:
        # The block each post shares: as many short lines above and below the field as
        # every post has (a signature or an "Edited:" line above one block is its post's).
        reach = [_reach(texts, p) for p in at]
        up = min(r[0] for r in reach)
        down = min(r[1] for r in reach)
        spans = [(p - up, p + down + 1) for p in at]
        shapes = {tuple(fields[rows[q]] or "" for q in range(a, b)) for a, b in spans}
        if len(shapes) != 1:
            continue
        shape = next(iter(shapes))
        # Lines that are not fields name the poster: they differ from post to post.
        names = [
            tuple(texts[q].strip().lower() for q in range(a, b) if not fields[rows[q]])
            for a, b in spans
        ]
        if "" in shape and len(set(names)) < 2:
            continue
        if signed_at is None:
            signed_at = {q for q, i in enumerate(rows) if i in signed}
        posts = _posts(texts, spans, signed_at)
        if posts is None:
            continue
        if prose_before is None:
            prose_before = list(accumulate(map(is_prose, texts), initial=0))
        if prose_before[spans[0][0]] >= ARTICLE_PROSE:
            continue
        # The model's majority decides both ways: it removed most of the blocks' lines (a
        # list of records, "Price:" and "Interval:" under each item's name, keeps them: its
        # fields are content) and kept most of the posts' prose.
        heads = [q for a, b in spans for q in range(a, b)]
        if sum(1 for q in heads if verdicts[rows[q]].keep) >= HEADERS_KEPT * len(heads):
            continue
        prose = [q for post in posts for q in post]
        if sum(1 for q in prose if verdicts[rows[q]].keep) < KEPT_POSTS * len(prose):
            continue
        return _apply(texts, verdicts, rows, spans, prose)
    return False


def _reach(texts: list[str], pos: int) -> tuple[int, int]:
    """How many short lines run above and below a field line, within BLOCK_LINES."""
    up = 0
    while up < BLOCK_LINES - 1 and pos - up > 0 and _short(texts[pos - up - 1]):
        up += 1
    down = 0
    while up + down < BLOCK_LINES - 1 and pos + down + 1 < len(texts):
        if not _short(texts[pos + down + 1]):
            break
        down += 1
    return up, down


def _posts(
    texts: list[str], spans: list[tuple[int, int]], signed: set[int]
) -> list[list[int]] | None:
    """The prose lines under each block, up to the next block (a post's short lines, "Thanks!"
    or a signature, are left to the model), and for the last post up to its first line that
    is not prose (the footer). None unless every block heads prose at once and the posts'
    lines are mostly prose, its signatures (`signed`, positions in `texts`) apart: a
    signature of three lines under one-paragraph posts is still a thread's."""
    posts = []
    short = 0
    for n, (_, end) in enumerate(spans):
        last = n + 1 == len(spans)
        stop = len(texts) if last else spans[n + 1][0]
        if end == stop or not is_prose(texts[end]):
            return None
        post = []
        for q in range(end, stop):
            if is_prose(texts[q]):
                post.append(q)
            elif last:
                break
            elif q not in signed:
                short += 1
        posts.append(post)
    if short > sum(len(post) for post in posts):
        return None  # more short lines than prose between the blocks: not posts
    return posts


def _apply(
    texts: list[str],
    verdicts: list[Verdict],
    rows: list[int],
    spans: list[tuple[int, int]],
    prose: list[int],
) -> bool:
    changed = False
    first = texts[spans[0][0]].strip()
    for a, b in spans:
        for q in range(a, b):
            i = rows[q]
            if verdicts[i].keep or verdicts[i].label is Label.METADATA:
                verdicts[i] = Verdict(
                    Label.BOILERPLATE,
                    "post-header",
                    f"in the header block over each of {len(spans)} forum posts "
                    f"({first!r} first)",
                )
                changed = True
    for q in prose:
        i = rows[q]
        if not verdicts[i].keep:
            verdicts[i] = Verdict(
                Label.BODY,
                "forum-post",
                f"a post under one of {len(spans)} header blocks of one shape, "
                "whose other posts are kept",
            )
            changed = True
    return changed


# What `openings.openings` reads a numbered post header's first word as ("3", "#3": its
# figures as one "0"): a file with MIN_POSTS such lines may hold a thread for
# `headed_posts`, which reads the rule's verdicts itself.
_NUMBER_KEYS = ("0", "#0")


def numbered_lines(opening: Sequence[str | None] | None) -> list[int] | None:
    """The lines that open with a number ("#3 jdoe ...", the pack's `post-header`), as
    `openings.openings` keys them (taken once per file, in C where it was built), when
    they are MIN_POSTS or more; else None, and `headed_posts` finds no thread on any pass
    (most files). Only these lines can be post headers: each pass looks at them alone."""
    if opening is None or sum(opening.count(key) for key in _NUMBER_KEYS) < MIN_POSTS:
        return None
    return [i for i, key in enumerate(opening) if key in _NUMBER_KEYS]


def headed_posts(
    blocks: Sequence[Block], verdicts: list[Verdict], rows: list[int], numbered: Sequence[int]
) -> bool:
    """Keep every post of a thread whose posts are headed by a numbered header line
    ("#4 jonsi82 · 19. nóvember 2026, 12:30", the pack's `post-header`), when the model
    kept most of their prose: with the headers read as metadata the last post stands next
    to the footer, and the model, judging lines one by one, reads it as the footer's first
    line. A thread is the page's content only with no article prose above its first
    header (an article's comments are `threads`' and `postheads`'). True if any verdict
    changed. `numbered`: the file's `numbered_lines`."""
    found = [i for i in numbered if verdicts[i].rule == "post-header"]
    if len(found) < MIN_POSTS:
        return False
    at = set(found)
    heads = [q for q, i in enumerate(rows) if i in at]
    if len(heads) < MIN_POSTS:
        return False
    texts = [blocks[i].text for i in rows]
    if sum(map(is_prose, texts[: heads[0]])) >= ARTICLE_PROSE:
        return False
    prose: list[int] = []
    for n, head in enumerate(heads):
        stop = heads[n + 1] if n + 1 < len(heads) else len(texts)
        post = []
        for q in range(head + 1, stop):
            if is_prose(texts[q]):
                post.append(q)
            elif post:
                break  # a post's controls or the footer: the post's prose is above
        if not post:
            return False  # a header over no prose: no thread of posts
        prose.extend(post)
    if sum(1 for q in prose if verdicts[rows[q]].keep) < KEPT_POSTS * len(prose):
        return False
    changed = False
    for q in prose:
        i = rows[q]
        if not verdicts[i].keep and verdicts[i].rule == "line-model":
            verdicts[i] = verdicts[i].overruled(
                Label.BODY,
                "forum-post",
                f"a post under one of {len(heads)} numbered post headers, whose other "
                "posts are kept",
            )
            changed = True
    return changed
