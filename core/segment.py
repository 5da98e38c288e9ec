"""Split repaired text into paragraphs that remember their lines in the input.

Scrapes come in two shapes: one block element per line (the common case), or
prose hard-wrapped at a fixed width with blank lines between paragraphs. A
line is its own paragraph unless its group of lines (between blank lines)
looks hard-wrapped, in which case the wrapped lines are joined back, except a short
label set on a paragraph without a blank line ("Share this" above it).
"""

from __future__ import annotations

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


def _split_wrapped(group: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """Within a hard-wrapped group, a short line ending a sentence ends a paragraph."""
    width = max(len(line) for _, line in group)
    paragraphs: list[list[tuple[int, str]]] = [[]]
    for number, line in group:
        paragraphs[-1].append((number, line))
        if len(line) < 0.6 * width and line.endswith(_TERMINAL):
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
