"""The title an article's lead sentence opens with: "Edda Marlowe" over "Edda Marlowe (12
May 1901 – 3 October 1987) was an English botanist ...".

An encyclopedia's article, in any language, opens by naming its subject, the page's title,
and so do many entries of a catalogue or a glossary. Between the title and that sentence
a wiki prints an infobox ("Born", "12 May 1901", "Known for", "Field guides to fenland
plants"): short lines of the very words the lead sentence sums up, so the headline chosen
for sharing the body's vocabulary was an infobox row, and a title of one or two words is
too short to be chosen for its vocabulary at all. The first paragraph opening with a line's
whole text, up to a word's end, is the evidence instead: no word list, and a line a page
shows far above the body (over a long infobox) is found too. A name a byline or a credit
above ends with ("Fact checked by Yarilet Perez") opens its author's bio, not a lead."""

from __future__ import annotations

from collections.abc import Sequence

from . import titles
from .model import Block, Verdict
from .prose import NUMBERED, TERMINAL, text_end, word_count
from .rulecodes import taken_by_header

MAX_WORDS = 8  # a page's title, not a clause of the lead
_SET_OFF = ("(", ",", "[", "（", "，", "、")
CREDIT_WORDS = 3  # before a name in a byline: "By", "Fact checked by", "Written by:"
CREDIT_CHARS = 30
REACH = 40  # lines above the lead: an infobox of twenty rows, label and value each


def lead_title(
    blocks: Sequence[Block], verdicts: list[Verdict], rows: list[int], first_body: int
) -> int | None:
    """The nearest line above position `first_body` of `rows` (the lead paragraph) that
    the model or a header's list removed and that the lead opens with, or None."""
    lead = blocks[rows[first_body]].text.lstrip()
    opening = lead[: 1 + max(1, len(lead) // 3)]  # a title is a small part of its lead
    for pos in range(first_body - 1, max(-1, first_body - REACH), -1):
        i = rows[pos]
        verdict = verdicts[i]
        if verdict.keep or not (verdict.rule == "line-model" or taken_by_header(verdict)):
            continue
        title = blocks[i].text.strip()
        if title and _opens(opening, title) and _is_title(title):
            lead_at = rows[first_body]
            # A name right over a paragraph that opens with it (this line or a copy of it,
            # removed or not) is an author box's layout (`edges.author_boxes`); a page's
            # title has a tagline or an infobox between.
            if blocks[lead_at - 1].text.strip() == title or _credited(blocks, lead_at, title):
                return None
            return i
    return None


def _credited(blocks: Sequence[Block], lead: int, name: str) -> bool:
    """A short line above the lead ends in `name` after a few words ("Fact checked by Yarilet
    Perez", "Von Julie Lent") with no separator between: the name is a byline's or a
    credit's, and the paragraph that opens with it is its author's bio, not a lead. A
    page's title in its window title ("Edda Marlowe – Wikipedia") has it first."""
    for block in blocks[:lead]:
        text = block.text.strip()
        if text != name and text.endswith(name) and len(text) <= len(name) + CREDIT_CHARS:
            before = text[: -len(name)].rstrip()
            if before and before[-1].isalpha() and 1 <= word_count(before) <= CREDIT_WORDS:
                return True
    return False


def _opens(lead: str, title: str) -> bool:
    """`lead` starts with `title`, which ends where a word does. A title of one word must
    be set off by a bracket or a comma ("Tarnham (...) is", "Tarnham, a village"): a
    section's name over a news story ("Politics") may open its first sentence too."""
    if not lead.startswith(title) or len(lead) == len(title):
        return False
    after = lead[len(title)]
    if after.isalnum() or after in "_-'’":
        return False
    return word_count(title) > 1 or lead[len(title) :].lstrip()[:1] in _SET_OFF


def _is_title(text: str) -> bool:
    """Words, few, no sentence end, no list number: a title, not a sentence or a date."""
    return (
        0 < word_count(text) <= MAX_WORDS
        and not text_end(text).endswith(TERMINAL)
        and not NUMBERED.match(text)
        and titles.written_in_words(text)
    )
