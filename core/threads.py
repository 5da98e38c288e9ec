"""Forum and Q&A threads: a page whose content is a first post and the replies under it.
Their per-post controls ("Reply", "Share") are told from the prompt that opens a comment
section under an article, and the posts the line model removed (the last one, next to the
footer, reads as the footer's first line) are given back."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from .model import Block, Label, Verdict
from .prose import is_prose, text_end, word_count
from .words import SCRIPT_STOPS

# A comment prompt repeated under this many posts, the first included, is a thread's control.
POST_CONTROL_REPEATS = 3
# The most prose lines, and lines, a thread's first post spans above its control.
POST_PROSE, POST_LINES = 8, 20


def post_controls(blocks: Sequence[Block], verdicts: list[Verdict]) -> None:
    """A comment prompt ("Reply") that comes right after the file's first prose, before any
    other comment prompt, and again under later posts, is the control of every post of a
    forum or Q&A thread, whose first post is the article: the posts after it are the
    thread, not comments under an article. It stays boilerplate, but not as the prompt
    that opens a comment section (which tells the model the prose after it is comments).
    Under an article, the first "Reply" comes after a comment, below "Leave a reply" or
    the comment count."""
    first_prompt: dict[str, int] = {}
    count: dict[str, int] = {}
    for i, verdict in enumerate(verdicts):
        if verdict.rule == "comment-prompt":
            key = blocks[i].text.strip().lower()
            first_prompt.setdefault(key, i)
            count[key] = count.get(key, 0) + 1
    if not first_prompt:
        return
    opening = min(first_prompt.values())
    key = blocks[opening].text.strip().lower()
    if count[key] < POST_CONTROL_REPEATS:
        return
    prose = [j for j in range(opening) if is_prose(blocks[j].text)]
    # The first post right above it, and no other prose before it: an article with a
    # comment under it has more prose, or a comment header, above the first "Reply".
    if not prose or prose[-1] < opening - 3:
        return
    if len(prose) > POST_PROSE or prose[0] < opening - POST_LINES:
        return
    for i, verdict in enumerate(verdicts):
        if verdict.rule == "comment-prompt" and blocks[i].text.strip().lower() == key:
            verdicts[i] = Verdict(
                Label.BOILERPLATE,
                "post-control",
                f"{blocks[i].text.strip()!r} under each of {count[key]} posts of a thread, "
                "the first post included",
            )


def thread_posts(blocks: Sequence[Block], verdicts: list[Verdict], rows: list[int]) -> bool:
    """A post of a forum or Q&A thread (prose between the first and the last of the
    thread's per-post controls, see `post_controls`) that the model removed is the
    thread's: its posts are the page's content, the last one, next to the footer, as much
    as the first."""
    controls = [pos for pos, i in enumerate(rows) if verdicts[i].rule == "post-control"]
    if len(controls) < POST_CONTROL_REPEATS:
        return False
    changed = False
    for i in rows[controls[0] + 1 : controls[-1]]:
        verdict = verdicts[i]
        if verdict.rule == "line-model" and not verdict.keep and is_prose(blocks[i].text):
            verdicts[i] = verdict.overruled(
                Label.BODY,
                "thread-post",
                f"a post between the thread's per-post controls; {verdict.detail}",
            )
            changed = True
    return _post_headers(blocks, verdicts, rows, controls) or changed


def _post_headers(
    blocks: Sequence[Block], verdicts: list[Verdict], rows: list[int], controls: list[int]
) -> bool:
    """The short lines the model kept over a post's prose, right under the control that
    closes the post before (a handle, a rank and a count, "Best answer"), go as the other
    posts' same lines went ("post-header-line"): each post opens with its poster's block,
    and the model, reading the first answer's between the question and the answer, kept
    it as the article's (p 0.89-0.97) while it removed the others' (p 0.13-0.20). Only
    where most posts' blocks went whole. True if any verdict changed."""
    heads: list[list[int]] = []
    for pos in controls:
        block: list[int] = []
        for i in rows[pos + 1 :]:
            if is_prose(blocks[i].text):
                heads.append(block)
                break
            if verdicts[i].rule == "post-control":
                break
            block.append(i)
    gone = [all(not verdicts[i].keep for i in block) for block in heads]
    if len(heads) < 2 or 2 * sum(gone) <= len(heads):
        return False
    changed = False
    for block in heads:
        for i in block:
            verdict = verdicts[i]
            if verdict.keep and verdict.rule in (None, "line-model"):
                detail = "a line of a post's header, as the thread's other posts' went"
                verdicts[i] = verdict.overruled(Label.BOILERPLATE, "post-header-line", detail)
                changed = True
    return changed


CONTROL_WORDS = 3  # a per-post control ("Share", "Reply", "Improve this answer") is short
POST_WORDS = 4  # the shortest sentence taken for a post
POST_GAP = 4
_POST_STOPS = (".", "!", "?", "。", "！", "？", *SCRIPT_STOPS)  # a sentence of a post ends so
# What a post's controls are: share, reply and follow prompts ("Share", "Reply", "Follow").
_POST_CONTROL_RULES = frozenset(
    ["share-prompt", "share-label", "comment-prompt", "post-control", "follow-prompt"]
)


def posts_between_controls(
    blocks: Sequence[Block], verdicts: list[Verdict], rows: list[int]
) -> bool:
    """A Q&A page or a thread repeats the same short removed line ("Share", "Follow",
    "Reply") under every post: when every stretch between two of its occurrences holds
    kept prose but the last, those stretches are the posts, and the one sentence the model
    removed in the last (a short answer, next to the footer, read as the footer's first
    line) is the last post. Judged on the lines in play; True if any verdict changed."""
    where: dict[str, list[int]] = {}
    for pos, i in enumerate(rows):
        verdict = verdicts[i]
        # A control a rule knows as one: a line the model removed, or a counter, a symbol
        # or a carousel's "Previous", under each of several items is any repeated chrome.
        if (
            not verdict.keep
            and verdict.rule in _POST_CONTROL_RULES
            and word_count(blocks[i].text) <= CONTROL_WORDS
        ):
            where.setdefault(blocks[i].text.strip().lower(), []).append(pos)
    changed = False
    for key, at in where.items():
        if len(at) < POST_CONTROL_REPEATS:
            continue
        # A post ends right above its controls (a vote count, a user name and a date
        # stand between at most): the kept prose, and the sentence rescued, are among
        # the POST_GAP lines above the next control.
        stretches = [range(max(a + 1, b - POST_GAP), b) for a, b in pairwise(at)]
        posts = [
            any(verdicts[rows[q]].keep and is_prose(blocks[rows[q]].text) for q in stretch)
            for stretch in stretches
        ]
        # Every stretch a post but the last, next to the footer, where the model reads the
        # last post as the footer's first line.
        if len(posts) < 2 or posts[-1] or not all(posts[:-1]):
            continue
        sentences = [
            q
            for q in stretches[-1]
            if word_count(blocks[rows[q]].text) >= POST_WORDS
            and text_end(blocks[rows[q]].text).endswith(_POST_STOPS)
        ]
        if len(sentences) != 1:
            continue
        i = rows[sentences[0]]
        verdict = verdicts[i]
        if verdict.rule == "line-model" and not verdict.keep:
            verdicts[i] = verdict.overruled(
                Label.BODY,
                "thread-post",
                f"the last post: after the last but one of {len(at)} {key!r} controls, "
                f"with a post kept between each two before it; {verdict.detail}",
            )
            changed = True
    return changed
