"""The article's last paragraphs after a related block set inside its body.

A page that sets a "read also" link or a related header's list between two of the
article's paragraphs ("LEGGI ANCHE" and a headline, "Lesen Sie auch: ...") shows that its
related links interrupt the article rather than close it. The line model reads the
article's last one to three paragraphs, right over the share bar and the newsletter box,
as the page's tail (the chrome below weighs on them as much as the prose above), and
removes them: the loss a reader notices first. So, on such a page, the sentences the model
removed after the article's last kept line stay (rule "article-tail") when

- a related block stands inside the body: a kept prose line above it, and the article's
  kept lines under it or the sentences themselves right under it;
- each is a paragraph (`is_prose`, ending in a full stop, TAIL_WORDS words at most, a
  model's score of TAIL_FLOOR or more: doubted, not dismissed), they follow one another
  from that last kept line (or from the related block right under it), at most TAIL_LINES;
- nothing but chrome follows them: no other prose the model removed (a teaser's blurb,
  another story's first paragraph come in runs; the article's tail is the last prose).

A related block at the true end of the body, followed by chrome only or by nothing, still
ends the article: there are no sentences to keep. Layout, word counts and the rules'
names only, in any language.
"""

from __future__ import annotations

from collections.abc import Sequence

from .model import Block, Label, Verdict
from .prose import is_prose, text_end, word_count

RULE = "article-tail"
# The rules of a link to another story set inside the body: a "read also" line, a related
# header and its listed headlines.
RELATED_RULES = frozenset({"related-inline", "related-block"})
TAIL_LINES = 3  # an article's closing paragraphs; more is another text under the article
TAIL_WORDS = 40  # a paragraph of a news story; longer is a blurb or a disclaimer's box
TAIL_FLOOR = 0.15  # the model's body probability under which a line is plainly the page's
# The article's kept paragraphs between that block and its last paragraphs: more, and the
# block is far above what the page shows under the article (a form's consent line, a
# disclaimer under a long guide), which no longer reads as the article resumed.
TAIL_REACH = 2
_FULL_STOPS = (".", "。", "።", "।", "۔")
# A question or an exclamation in the line: a call to action ("Thinking about a used car?
# Learn how...", "Thanks for reading! Feel free to share it."), not a news story's close.
_ASKS = frozenset("?!？！؟¿¡")


def article_tail(blocks: Sequence[Block], verdicts: list[Verdict], rows: list[int]) -> bool:
    """Keep the article's last paragraphs past a related block inside its body (see the
    module's note) among `rows`, the lines in play. True if any verdict changed."""
    last = _last_kept(verdicts, rows)
    if last < 0 or last + 1 >= len(rows):
        return False
    # Right under the last kept line: the related block it may close on, then the sentences.
    # Short lines the model doubted may stand over that block (a list's last rows, which
    # the first pass splits off their list: `siblings.rejoin` gives them back a pass later).
    # At most TAIL_ROWS of them: the walk must not run down a page's chrome, line by line,
    # on every file's first pass.
    pos, rows_limit = last + 1, min(len(rows), last + 1 + TAIL_ROWS)
    while pos < rows_limit and _doubted_row(blocks[rows[pos]].text, verdicts[rows[pos]]):
        pos += 1
    rows_end = pos
    while pos < len(rows) and _related(blocks[rows[pos]].text, verdicts[rows[pos]]):
        pos += 1
    block_under = pos > rows_end
    if not block_under:
        pos = last + 1  # the doubted rows were no list over a related block
    tail: list[int] = []
    while pos < len(rows) and len(tail) < TAIL_LINES and _tail_sentence(
        blocks[rows[pos]].text, verdicts[rows[pos]]
    ):
        tail.append(rows[pos])
        pos += 1
    if not tail:
        return False
    # What follows is chrome: no other prose the model removed.
    for q in range(pos, len(rows)):
        i = rows[q]
        if verdicts[i].rule == "line-model" and is_prose(blocks[i].text):
            return False
    if not _inside_body_block(blocks, verdicts, rows, last, block_under):
        return False
    for i in tail:
        verdicts[i] = verdicts[i].overruled(
            Label.BODY,
            RULE,
            "the article's last paragraph, after a related block inside its body; "
            f"{verdicts[i].detail}",
        )
    return True


def _last_kept(verdicts: list[Verdict], rows: list[int]) -> int:
    for pos in range(len(rows) - 1, -1, -1):
        if verdicts[rows[pos]].keep:
            return pos
    return -1


def _related(text: str, verdict: Verdict) -> bool:
    """A line of a related block: a "read also" link to another story, a related header or
    a headline listed under it; not a list of the article's tags, which shares the inline
    rule ("Topics: Technology, Start-ups, Halvik") but closes an article, never interrupts
    it."""
    return not verdict.keep and verdict.rule in RELATED_RULES and not _tag_list(text)


# What separates the items of a list of tags or topics after its label.
_TAG_SEPARATORS = frozenset(",|;·•、，،")
TAG_ITEMS = 3  # a headline holds a comma now and then; a list of tags two separators or more


def _tag_list(text: str) -> bool:
    """The line lists TAG_ITEMS items or more after its label's colon."""
    _, colon, rest = text.replace("：", ":").partition(":")
    if not colon:
        return False
    return sum(ch in _TAG_SEPARATORS for ch in rest) >= TAG_ITEMS - 1


ROW_WORDS = 10  # more: a paragraph, not a row of a list
TAIL_ROWS = 8  # a list's rows the first pass split off (it-meteo: two of five cities)


def _doubted_row(text: str, verdict: Verdict) -> bool:
    """A short line the model removed that is no sentence: a row of the article's list."""
    return (
        not verdict.keep
        and verdict.rule == "line-model"
        and word_count(text) <= ROW_WORDS
        and not is_prose(text)
    )


def _tail_sentence(text: str, verdict: Verdict) -> bool:
    """A paragraph the model removed but did not dismiss."""
    if verdict.keep or verdict.rule != "line-model":
        return False
    if verdict.score is None or verdict.score < TAIL_FLOOR:
        return False
    return (
        is_prose(text)
        and word_count(text) <= TAIL_WORDS
        and text_end(text).endswith(_FULL_STOPS)
        and _ASKS.isdisjoint(text)
    )


def _inside_body_block(
    blocks: Sequence[Block], verdicts: list[Verdict], rows: list[int], last: int,
    block_under: bool,
) -> bool:
    """A related block with the article's kept prose above it, and under it either the
    article's kept prose (up to the last kept line, at `last` in `rows`) or, when
    `block_under`, the tail itself (the block right under the last kept line)."""
    prose_above = False
    resumed = 0  # kept prose paragraphs since the last related block, walking down
    seen_block = False
    for pos in range(last + 1):
        i = rows[pos]
        verdict = verdicts[i]
        if _related(blocks[i].text, verdict):
            if prose_above:
                seen_block = True
                resumed = 0
            continue
        if verdict.keep and verdict.label is Label.BODY and is_prose(blocks[i].text):
            if seen_block:
                resumed += 1
            prose_above = True
    if block_under:
        return prose_above
    return seen_block and 0 < resumed <= TAIL_REACH
