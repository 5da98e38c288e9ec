"""Split repaired text into paragraphs that remember their lines in the input.

Scrapes come in two shapes: one block element per line (the common case), or
prose hard-wrapped at a fixed width with blank lines between paragraphs. A
line is its own paragraph unless its group of lines (between blank lines)
looks hard-wrapped, in which case the wrapped lines are joined back, except a short
label set on a paragraph without a blank line ("Share this" above it).

Most scripts have no case (Arabic, Hebrew, Devanagari, Chinese, Japanese, Thai): a line
there is continued when it starts with a letter of no case and the line above ends no
sentence, and such a group counts as wrapped only when it also reads as prose (a sentence
ends inside a line, or the group ends one), since a list of headlines looks the same.
Widths are in columns: an ideograph or a kana takes two, as on the screen it was wrapped on.

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
from collections.abc import Sequence
from itertools import compress, count, pairwise, repeat

from . import rulecache  # large character classes compiled once for all processes
from .model import Block
from .words import DIRECTION_MARKS, SCRIPT_STOPS

_TERMINAL = tuple('.!?…:;"”’)»」』。！？' + SCRIPT_STOPS)
# A sentence's stop with more text after it on the same line (a space after it where the
# script puts one): wrapped prose has these, a list of headlines or menu items has none.
_INNER_STOP = re.compile(f'[.!?…{SCRIPT_STOPS}]["”’)»]?\\s+\\w|[。！？][」』]?\\w')
# Characters a terminal shows two columns wide: CJK ideographs, kana, Hangul, CJK and
# full-width punctuation.
_WIDE = rulecache.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff"
    "\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]"
)
# Scripts written without spaces between words: a line break between two of their
# characters was not a space.
_UNSPACED = rulecache.compile(
    "[\u3000-\u303f\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\uff01-\uff60\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff]"
)


def _width(line: str) -> int:
    """`line`'s width in columns (its length, for text without wide characters)."""
    if line.isascii():
        return len(line)
    return len(line) + len(_WIDE.findall(line))


def _caseless(char: str) -> bool:
    """A letter of a script without case."""
    return char.isalpha() and not char.islower() and not char.isupper()


def _ends_sentence(line: str) -> bool:
    # Right-to-left text may put a direction mark after the stop ("סוף המשפט.\u200f").
    return line.rstrip(DIRECTION_MARKS).endswith(_TERMINAL)


def _continues(line: str, nxt: str) -> bool:
    """`nxt` goes on with `line`'s sentence: it starts in lower case, or, in a script without
    case, with a letter, below a line ending in such a letter and no sentence's stop."""
    if nxt[:1].islower():
        return True
    if not _caseless(nxt[:1]) or _ends_sentence(line):
        return False
    last = next((c for c in reversed(line) if c.isalpha()), "")
    return _caseless(last)


def _reads_as_prose(group: list[str]) -> bool:
    return _ends_sentence(group[-1]) or any(_INNER_STOP.search(line) for line in group)


def _looks_wrapped(group: list[str]) -> bool:
    if len(group) < 3:
        return False
    # A line is at least as wide as it is long: a file of one-line blocks (most scrapes:
    # often one group of every line) is told apart without measuring each line.
    if max(map(len, group)) > 120:
        return False
    widths = [_width(line) for line in group]
    width = max(widths)
    if not 40 <= width <= 120:
        return False
    body = widths[:-1]
    if sum(w >= 0.7 * width for w in body) < 0.6 * len(body):
        return False
    if sum(nxt[:1].islower() for nxt in group[1:]) >= 0.3 * len(body):
        return True
    continued = sum(_continues(line, nxt) for line, nxt in pairwise(group))
    return continued >= 0.3 * len(body) and _reads_as_prose(group)


def _glued(text: str, line: str) -> bool:
    """`line` goes on with `text`'s last word: a word hyphenated across the break, or a
    break between two characters of a script written without spaces."""
    if text.endswith("-") and len(text) > 1 and text[-2].isalpha() and line[:1].islower():
        return True
    return bool(_UNSPACED.match(text[-1:]) and _UNSPACED.match(line[:1]))


# Breaks of a word over two lines ("infor-" / "mation": a letter and "-" end the line, a
# lower-case letter opens the next) in one text that show its lines were typeset, as a
# PDF's or an e-paper's text is: such a text breaks words at their syllables, so the hyphen
# goes when the lines are joined ("fer-" / "ma" is "ferma"). A wrapper of plain text (a mail
# client, `fmt`) breaks at spaces only: a line of its that ends in "-" ends at a compound's
# own hyphen ("well-" / "known"), which stays. A compound a typesetter broke at its hyphen
# loses it: the two lines alone cannot tell.
TYPESET_BREAKS = 3


def typeset(lines: Sequence[str]) -> bool:
    """`lines` (a text's, in order) break words with hyphens TYPESET_BREAKS times or more.
    The lines that end in "-" are picked in C (`str.endswith` over the lines), then read: a
    letter before the "-", a lower-case letter opening the next."""
    found = 0
    for k in compress(count(), map(str.endswith, lines, repeat("-"))):
        line = lines[k]
        if (len(line) > 1 and line[-2].isalpha() and k + 1 < len(lines)
                and lines[k + 1][:1].islower()):
            found += 1
            if found >= TYPESET_BREAKS:
                return True
    return False


class _Typeset:
    """Whether a text is typeset (`typeset`), asked only when one of its paragraphs joins a
    word broken over two lines: most texts have none, and pay nothing."""

    __slots__ = ("answer", "lines")

    def __init__(self, lines: Sequence[str]) -> None:
        self.lines = lines
        self.answer: bool | None = None

    def __bool__(self) -> bool:
        if self.answer is None:
            self.answer = typeset(self.lines)
        return self.answer


def _join(lines: list[str], dehyphenate: _Typeset | bool = False) -> str:
    """The lines of one paragraph as one text; in a typeset text (`dehyphenate`), a word
    broken over two lines loses its hyphen."""
    text = lines[0]
    for line in lines[1:]:
        if not _glued(text, line):
            text += " " + line
        elif text.endswith("-") and line[:1].islower() and dehyphenate:
            text = text[:-1] + line
        else:
            text += line
    return text


def _wrap_width(lines: list[str]) -> int:
    """The width the prose was wrapped at, read off the lines that certainly wrapped: those
    the next line continues. A header or a footer an e-mail platform added (a link to the
    web version, an address) was not wrapped and may be longer."""
    wrapped = [_width(line) for line, nxt in pairwise(lines) if _continues(line, nxt)]
    return max(wrapped) if wrapped else max(_width(line) for line in lines)


def _stands_alone(line: str, wrap: int) -> bool:
    """A line no wrapper made: longer than the wrap width with a space it could have
    broken at, or a heading in capitals ("THE WEEKLY BRIEFING"; a line of a script without
    case is in neither case)."""
    if _width(line) > WRAP_SLACK * wrap and " " in line.strip():
        return True
    letters = [c for c in line if c.isalpha()]
    return sum(c.isupper() for c in letters) >= 4 and not any(c.islower() for c in letters)


def _ends_early(line: str, nxt: str, wrap: int) -> bool:
    """The next line's first word would have fitted on this line and does not go on with
    it in lower case: the wrapper did not break here, the writer did ("Issue 142 | 9 October 2026"
    above "Good morning."). A wrapper moves a word down only when it does not fit."""
    first = nxt.split(" ", 1)[0]
    return (
        not nxt[:1].islower()
        and not first.startswith("&")  # a markup entity counts a few characters as one
        and _width(line) + 1 + _width(first) < EARLY_SHARE * wrap
    )


WRAP_SLACK = 1.1  # a wrapped line may run past the widest line that surely wrapped
EARLY_SHARE = 0.8  # of the wrap width: a wrapper that measures differently stays joined


def _split_wrapped(group: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """Within a hard-wrapped group, a short line ending a sentence ends a paragraph, and so
    does a line the next line's first word would have fitted on; a line no wrapper made is
    a paragraph of its own."""
    width = max(_width(line) for _, line in group)
    wrap = _wrap_width([line for _, line in group])
    paragraphs: list[list[tuple[int, str]]] = [[]]
    for k, (number, line) in enumerate(group):
        nxt = group[k + 1][1] if k + 1 < len(group) else ""
        if _stands_alone(line, wrap) and paragraphs[-1]:
            paragraphs.append([])
        paragraphs[-1].append((number, line))
        if (
            (_width(line) < 0.6 * width and _ends_sentence(line))
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
                _width(first) < 0.6 * width
                and not _ends_sentence(first)
                and (second[:1].isupper() or _caseless(second[:1]))
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


# A line of these characters alone shows nothing: a zero-width joiner or space that a page
# builder puts between blocks (Webflow's "\u200d") is a blank line, not a line of the page.
# As a line of its own, the symbol rule removed it, and the model read each such removal
# next to a paragraph as chrome around it: on pages that put one between every two
# paragraphs, half the article went.
_INVISIBLE = " \t\r\u00a0\u200b\u200c\u200d\u2060\ufeff"


def _groups(lines: list[str]) -> list[tuple[str, list[tuple[int, str]]]]:
    """Runs of non-blank lines of one quote depth, each with its first line's markers and
    its (line number, text after the markers); a line of markers alone is a run of its own."""
    groups: list[tuple[str, list[tuple[int, str]]]] = []
    depth = -1
    alone = False  # the line before was a line of markers alone
    for number, line in enumerate(lines, 1):
        if not line or not line.strip(_INVISIBLE):
            depth = -1
            continue
        if line[0] != ">":  # nearly every line: no markers, depth 0
            if depth or alone:
                groups.append(("", []))
            groups[-1][1].append((number, line))
            depth, alone = 0, False
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
    dehyphenate = _Typeset(lines)
    blocks: list[Block] = []
    for (marks, group), wraps in zip(groups, wrapped, strict=True):
        if wraps:
            paragraphs = _split_wrapped(group)
        elif _wrapped_pair(group, wrap):
            paragraphs = [group]
        else:
            for number, _ in group:  # each line its own paragraph and text, markers and all
                blocks.append(Block(len(blocks) + 1, number, number, lines[number - 1]))
            continue
        for paragraph in paragraphs:
            number = paragraph[0][0]
            if len(paragraph) == 1:
                text_ = lines[number - 1]  # a line alone is its own text, markers and all
            else:
                text_ = marks + _join([line for _, line in paragraph], dehyphenate)
            blocks.append(Block(len(blocks) + 1, number, paragraph[-1][0], text_))
    return blocks, len(lines)


def resegment(text: str, spans: Sequence[int]) -> tuple[list[Block], int] | None:
    """What `segment(text)` gives, from their line spans (flat: first and last line of
    block i at 2i, 2i + 1) that `segment` gave for this same text before; None where only
    `segment` itself can tell (a paragraph joined from quoted lines takes the markers of its
    group's first line, which may be above it).

    Rendering reads every input a second time and needs its blocks again: judging every
    group's wrap again cost as much as reading, decoding and hashing together."""
    lines = text.split("\n")
    dehyphenate = _Typeset(lines)
    blocks: list[Block] = []
    for k in range(0, len(spans), 2):
        first, last = spans[k], spans[k + 1]
        if first == last:
            line = lines[first - 1]  # a line alone is its own text, markers and all
        elif lines[first - 1].startswith(">"):
            return None
        else:
            # Unquoted lines of one group: no markers, each line joined as it is.
            line = _join(lines[first - 1 : last], dehyphenate)
        blocks.append(Block(k // 2 + 1, first, last, line))
    return blocks, len(lines) - (lines[-1] == "")
