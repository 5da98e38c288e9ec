"""The numbers a text browser's dump writes before each link's words, taken out.

`lynx -dump` (and `w3m` with link numbers on) writes a page's links as "[12]Sign up":
the link's number in brackets glued to the front of its words, the number counting the
page's links in order, and a "References" list of the numbered addresses at the end. In a
sentence the mark is none of the article's words: "said the [13]Environment Agency" is
"said the Environment Agency" to a reader; left in, an editor deletes it by hand, and the
paragraph's fingerprint differs from the same story saved by another tool.

The mark is the browser's, not the site's or the language's: "[", figures, "]" after a
space or at a line's start, and a letter or figure right after it. A writer's reference to
a source is the other way round, "attempts [11], which" or "it[1]. The": after a word, and
followed by punctuation or a space, so it never takes this shape. A file is a dump when its
marks count up: MIN_MARKS of them or more, each number greater than the one before, as a
browser numbers the links it meets ("[2026]Michelle Palmer" three times, a year glued to a
name, is no dump).

In a dump, the marks inside a paragraph go: every mark of a paragraph the dump wrapped over
several lines (a link's words may open one of its lines: "[13]Environment Agency said on
Tuesday."), and every mark after the first word of a line alone. The mark that opens a line
alone stays: such a line is a link, a menu's, a related list's or a share bar's ("[16]Flood
warnings in your area", "* [14]Åsane"), and the mark is what shows the classifier so.
Blocks are rewritten after segmentation, at analysis and at write time alike, and the
text written has no mark left inside a paragraph: cleaning it again changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from .model import Block, Label, Verdict

MIN_MARKS = 3  # a dump numbers every link of its page: a menu alone has more
NOTE = "text browser's link numbers removed"  # how the report's note opens
LINK_RULE = "dump-link-line"

# A link's number: after a space or at a line's start, and glued to the link's first word.
_MARK = re.compile(r"(?:(?<=\s)|^)\[([0-9]{1,4})\](?=\w)", re.MULTILINE)
# A line alone that opens with a link: its mark after a list's bullet, if any.
_OPENING_MARK = re.compile(r"(?:[*+•o-] +)?\[([0-9]{1,4})\](?=\w)")


# The same mark found by its "[" first: a pattern that opens with a literal character is
# searched for in C from one to the next, where `_MARK`'s look-behind is tried at every
# position of the text (a dev page's scan cost 30 times more).
_BRACKETED = re.compile(r"\[([0-9]{1,4})\](?=\w)")


def is_dump(text: str) -> bool:
    """MIN_MARKS link numbers or more in `text`, each greater than the one before."""
    if "[" not in text:  # most texts: one scan in C
        return False
    numbers = [int(m.group(1)) for m in _BRACKETED.finditer(text)
               if m.start() == 0 or text[m.start() - 1].isspace()]
    return _counts_up(numbers)


def _counts_up(numbers: list[int]) -> bool:
    """MIN_MARKS link numbers or more, each greater than the one before."""
    return len(numbers) >= MIN_MARKS and all(a < b for a, b in pairwise(numbers))


def unmark_blocks(text: str, blocks: list[Block]) -> tuple[list[Block], list[str]]:
    """`blocks` (the paragraphs of `text`) without the link numbers inside them, and the
    report's note; `blocks` themselves and no note when `text` is no dump (`is_dump`)."""
    if not is_dump(text):
        return blocks, []
    out: list[Block] = []
    removed = 0
    for block in blocks:
        keep = 0
        if block.start == block.end:
            opening = _OPENING_MARK.match(block.text)
            keep = opening.end() if opening is not None else 0
        body, found = _MARK.subn("", block.text[keep:])
        if found:
            removed += found
            block = Block(block.index, block.start, block.end, block.text[:keep] + body)
        out.append(block)
    return out, ([f"{NOTE} ({removed})"] if removed else [])


# What one line of a dump opens with at least: its menu's or skip link's mark. The rule
# pass looks at each line of a file once for these and `feeds.STARTS` (`classify`).
STARTS = ("[",)
# A link line's words at most: a menu's item, a share button, a related headline, a tag.
LINK_LINE_WORDS = 12
_SENTENCE_END = re.compile(r"""[.!?…]["'”’»)\]]*$""")


def link_lines(texts: Sequence[str], verdicts: list[Verdict]) -> None:
    """In a dump's paragraphs (`unmark_blocks` left each line alone's opening mark, and
    only that), the lines alone that are a link: they open with its mark, have
    LINK_LINE_WORDS words at most and end no sentence. Judged in the rule pass, as a rule's
    hit is: such a line is a menu's, a share bar's, a related list's or a tag's link, at
    any place of the page ("[16]Flood warnings in your area" under the article). A line a
    rule judged stays as it was. Changes `verdicts` in place."""
    opening = [(i, m) for i, t in enumerate(texts) if (m := _OPENING_MARK.match(t)) is not None]
    if not _counts_up([int(m.group(1)) for _, m in opening]):
        return
    for i, match in opening:
        text = texts[i]
        if verdicts[i].rule is not None or not verdicts[i].keep:
            continue
        if len(text.split()) > LINK_LINE_WORDS or _SENTENCE_END.search(text.rstrip()):
            continue
        verdicts[i] = Verdict(Label.BOILERPLATE, LINK_RULE,
                              f"a text browser's link line ({match.group(0).strip()}...): "
                              "a menu's, a share bar's or a related list's link")
