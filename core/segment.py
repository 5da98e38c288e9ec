"""Split repaired text into paragraphs that remember their lines in the input.

Scrapes come in two shapes: one block element per line (the common case), or
prose hard-wrapped at a fixed width with blank lines between paragraphs. A
line is its own paragraph unless its group of lines (between blank lines)
looks hard-wrapped, in which case the wrapped lines are joined back, except a short
label set on a paragraph without a blank line ("Share this" above it).

Mail and Markdown quote what they wrap: each line of a quoted paragraph starts with
"> ". A change of quote depth ends a group, as a blank line does, and so does a line
of markers alone (a quoted blank line); a quoted group is judged and joined on the
lines' text after the markers, which the joined paragraph keeps once, in front. A
group of two lines (a short paragraph) is too small to show a wrap by itself: it is
joined when the file's other groups wrapped at a width its first line fills, and its
second line goes on in lower case with a word that did not fit on the first.
"""

from __future__ import annotations

import re
from itertools import pairwise

from .model import Block

_TERMINAL = tuple('.!?…:;"”’)»」』。！？')


def _looks_wrapped(group: list[str]) -> bool:
    if len(group) < 3:
        return False
    width = max(len(line) for line in group)
    if not 40 <= width <= 120:
        return False
    body = group[:-1]
    full = sum(len(line) >= 0.7 * width for line in body)
    continued = sum(nxt[:1].islower() for nxt in group[1:])
    return full >= 0.6 * len(body) and continued >= 0.3 * len(body)


def _join(lines: list[str]) -> str:
    text = lines[0]
    for line in lines[1:]:
        if text.endswith("-") and len(text) > 1 and text[-2].isalpha() and line[:1].islower():
            text += line
        else:
            text += " " + line
    return text


def _wrap_width(lines: list[str]) -> int:
    """The width the prose was wrapped at, read off the lines that certainly wrapped: those
    the next line continues in lower case. A header or a footer an e-mail platform added
    (a link to the web version, an address) was not wrapped and may be longer."""
    wrapped = [len(line) for line, nxt in pairwise(lines) if nxt[:1].islower()]
    return max(wrapped) if wrapped else max(len(line) for line in lines)


def _stands_alone(line: str, wrap: int) -> bool:
    """A line no wrapper made: longer than the wrap width with a space it could have
    broken at, or a heading in capitals ("THE WEEKLY BRIEFING")."""
    if len(line) > WRAP_SLACK * wrap and " " in line.strip():
        return True
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 4 and not any(c.islower() for c in letters)


def _ends_early(line: str, nxt: str, wrap: int) -> bool:
    """The next line's first word would have fitted on this line and starts with no lower-case
    letter: the wrapper did not break here, the writer did ("Issue 142 | 9 October 2026"
    above "Good morning."). A wrapper moves a word down only when it does not fit."""
    first = nxt.split(" ", 1)[0]
    return (
        not nxt[:1].islower()
        and not first.startswith("&")  # a markup entity counts a few characters as one
        and len(line) + 1 + len(first) < EARLY_SHARE * wrap
    )


WRAP_SLACK = 1.1  # a wrapped line may run past the widest line that surely wrapped
EARLY_SHARE = 0.8  # of the wrap width: a wrapper that measures differently stays joined


def _split_wrapped(group: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """Within a hard-wrapped group, a short line ending a sentence ends a paragraph, and so
    does a line the next line's first word would have fitted on; a line no wrapper made is
    a paragraph of its own."""
    width = max(len(line) for _, line in group)
    wrap = _wrap_width([line for _, line in group])
    paragraphs: list[list[tuple[int, str]]] = [[]]
    for k, (number, line) in enumerate(group):
        nxt = group[k + 1][1] if k + 1 < len(group) else ""
        if _stands_alone(line, wrap) and paragraphs[-1]:
            paragraphs.append([])
        paragraphs[-1].append((number, line))
        if (
            (len(line) < 0.6 * width and line.endswith(_TERMINAL))
            or _stands_alone(line, wrap)
            or (nxt and _stands_alone(nxt, wrap))
            or (nxt and _ends_early(line, nxt, wrap))
        ):
            paragraphs.append([])
    # A short line that ends no sentence, above a line that starts one, is a label or a
    # heading set on the paragraph without a blank line ("Share this", "Key facts"): a
    # wrapped paragraph's first line is nearly full, since the next word did not fit.
    split: list[list[tuple[int, str]]] = []
    for paragraph in paragraphs:
        if len(paragraph) >= 2:
            first, second = paragraph[0][1], paragraph[1][1]
            if (
                len(first) < 0.6 * width
                and not first.endswith(_TERMINAL)
                and second[:1].isupper()
            ):
                split.append(paragraph[:1])
                paragraph = paragraph[1:]
        split.append(paragraph)
    return [p for p in split if p]


# Quote markers: one or two ">" (each with an optional space). Three are Python's prompt
# (">>> import os"), whose lines are code, not a quote to re-join.
_QUOTE = re.compile(r"(?:>[ \t]?){1,2}(?!>)")


def _quote(line: str) -> str:
    """The line's quote markers ("" if it is not quoted)."""
    if not line.startswith(">"):
        return ""  # nearly every line: told without the regex
    found = _QUOTE.match(line)
    return found.group() if found is not None else ""


def _groups(lines: list[str]) -> list[tuple[str, list[tuple[int, str]]]]:
    """Runs of non-blank lines of one quote depth, each with its first line's markers and
    its (line number, text after the markers); a line of markers alone is a run of its own."""
    groups: list[tuple[str, list[tuple[int, str]]]] = []
    depth = -1
    alone = False  # the line before was a line of markers alone
    for number, line in enumerate(lines, 1):
        if not line:
            depth = -1
            continue
        marks = _quote(line)
        bare = line[len(marks) :] if marks else line
        level = marks.count(">") if marks else 0
        blank_quote = bool(marks) and not bare.strip()
        if level != depth or blank_quote or alone:
            groups.append((marks, []))
        groups[-1][1].append((number, bare))
        depth, alone = level, blank_quote
    return groups


# A wrapped pair's first line fills this share of the file's wrap width at least.
PAIR_FULL = 0.7


def _wrapped_pair(group: list[tuple[int, str]], wrap: int) -> bool:
    """Two lines that a wrapper at the file's width `wrap` made of one paragraph."""
    if len(group) != 2 or not wrap:
        return False
    first, second = group[0][1], group[1][1]
    word = second.split(" ", 1)[0]
    return (
        PAIR_FULL * wrap <= len(first) <= WRAP_SLACK * wrap
        and second[:1].islower()
        and len(first) + 1 + len(word) > wrap
    )


def segment(text: str) -> tuple[list[Block], int]:
    """Blocks of `text`, and its number of lines."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # a final newline ends the last line rather than starting another
    groups = _groups(lines)
    wrapped = [_looks_wrapped([line for _, line in group]) for _, group in groups]
    widths = [
        _wrap_width([line for _, line in group])
        for (_, group), wraps in zip(groups, wrapped, strict=True)
        if wraps
    ]
    wrap = max(widths) if widths else 0
    blocks: list[Block] = []
    for (marks, group), wraps in zip(groups, wrapped, strict=True):
        if wraps:
            paragraphs = _split_wrapped(group)
        elif _wrapped_pair(group, wrap):
            paragraphs = [group]
        else:
            paragraphs = [[item] for item in group]
        for paragraph in paragraphs:
            number = paragraph[0][0]
            if len(paragraph) == 1:
                text_ = lines[number - 1]  # a line alone is its own text, markers and all
            else:
                text_ = marks + _join([line for _, line in paragraph])
            blocks.append(Block(len(blocks) + 1, number, paragraph[-1][0], text_))
    return blocks, len(lines)
