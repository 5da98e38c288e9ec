"""Split repaired text into paragraphs that remember their lines in the input.

Scrapes come in two shapes: one block element per line (the common case), or
prose hard-wrapped at a fixed width with blank lines between paragraphs. A
line is its own paragraph unless its group of lines (between blank lines)
looks hard-wrapped, in which case the wrapped lines are joined back, except a short
label set on a paragraph without a blank line ("Share this" above it).
"""

from __future__ import annotations

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


def segment(text: str) -> tuple[list[Block], int]:
    """Blocks of `text`, and its number of lines."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # a final newline ends the last line rather than starting another
    blocks: list[Block] = []
    group: list[tuple[int, str]] = []

    def flush() -> None:
        if not group:
            return
        if _looks_wrapped([line for _, line in group]):
            for paragraph in _split_wrapped(group):
                blocks.append(
                    Block(
                        len(blocks) + 1,
                        paragraph[0][0],
                        paragraph[-1][0],
                        _join([line for _, line in paragraph]),
                    )
                )
        else:
            for number, line in group:
                blocks.append(Block(len(blocks) + 1, number, number, line))
        group.clear()

    for number, line in enumerate(lines, 1):
        if line:
            group.append((number, line))
        else:
            flush()
    flush()
    return blocks, len(lines)
