"""Code blocks and Markdown tables in a page, found by their shape.

A scraper that keeps line breaks gives a code sample one line per line: a Markdown scrape
fences it ("```bash" ... "```"), a plain one leaves lines such as "server {", "listen 80;"
and "}". Read one at a time they are short lines without a sentence, which the model takes
for chrome, and a closing brace or a fence has no words, which a rule removes: the sample
lost lines in the middle (and a Markdown fence its closing line). A Markdown table comes
as rows between pipes ("| 1 | Riverside | 30 | 63 |") under a row of dashes, and the model
kept some rows and dropped others. A block is one thing: inside the article, all of it
stays. This reads punctuation only, in any language.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

try:  # `_candidates` in C (optional: see core/_filefacts.c)
    from . import _filefacts
except ImportError:
    _filefacts = None

# A Markdown fence: three backticks or tildes, perhaps the language's name.
_FENCE = re.compile(r"(`{3,}|~{3,})[\w+#.-]*")
# A line of C-like code or configuration: it opens a block, ends a statement, holds a block
# on one line, or only closes brackets ("server {", "listen 80;", "f(){ g(); }", "});").
_CODE_LINE = re.compile(r"(?:.*[{;]|.*\{.*\}[;,)]*|[}\])]+[;,)]*)")
_CODE_ENDS = "{;},)]"  # what a line of that shape ends with
MIN_LINES = 3  # unfenced: two such lines are as often a pair of list items as code
# A Markdown table's row: between pipes, at least two cells.
_PIPE_ROW = re.compile(r"\|.*\|.*\|")
# A code listing's line numbers, which a scrape of a numbered listing gives as one line
# ("1 2 3 4") before the listing's lines, flattened into one: 1 to N in order, N >= 2.
MIN_NUMBERED = 2
# Introduces what follows ("with the following contents:"): a colon at the line's end.
_INTRO_END = (":", "：")


@dataclass(frozen=True, slots=True)
class CodeBlock:
    start: int  # first position (in the sequence given to `find_blocks`)
    end: int  # one past the last
    marked: bool  # delimited by Markdown (fences, a table's pipes), not found by shape alone
    what: str = "code block"


def find_blocks(texts: Sequence[str], numbered: bool | None = None) -> list[CodeBlock]:
    """Fenced blocks (fence to fence, both included), Markdown tables (MIN_LINES rows or
    more, each with as many pipes as the first), numbered listings (a line of the
    listing's line numbers and the line after it, the listing flattened) and runs of
    MIN_LINES or more code lines that a line ending in a colon introduces (a run without
    one is as likely a script's leftovers around the page as a sample). `numbered`:
    `may_number(texts)`, where the caller has it."""
    found: list[CodeBlock] = []
    # A listing's numbers open a line with "1 2": one search of the joined lines in C, so
    # that a page without them (nearly all) pays no test a line, on every pass.
    if numbered is None:
        numbered = may_number(texts)
    pos = 0
    # Only a line `_candidates` names can open a block: the others are passed over, as
    # the step a line that tested each of them found nothing there.
    for at in _candidates(texts, numbered, False):
        if at < pos:
            continue  # inside a block found above
        block = _block_at(texts, at, numbered)
        if block is not None:
            found.append(block)
            pos = block.end
    return found


def _block_at(texts: Sequence[str], pos: int, numbered: bool) -> CodeBlock | None:
    """The block that opens at line `pos` (`find_blocks`' tests, in its order), or None."""
    text = texts[pos].strip()
    # Each shape is told by its first or last characters before its regex is tried:
    # on a page without code (nearly all) no regex runs.
    fence = _FENCE.fullmatch(text) if text[:3] in ("```", "~~~") else None
    if fence is not None:
        mark = fence.group(1)[0] * 3
        close = next(
            (
                q
                for q in range(pos + 1, len(texts))
                if texts[q].strip().startswith(mark) and _FENCE.fullmatch(texts[q].strip())
            ),
            None,
        )
        if close is not None:
            return CodeBlock(pos, close + 1, True)
    if text[:1] == "|" and _PIPE_ROW.fullmatch(text):
        pipes = text.count("|")
        end = pos
        while end < len(texts) and _PIPE_ROW.fullmatch(texts[end].strip()):
            if texts[end].strip().count("|") != pipes:
                break
            end += 1
        if end - pos >= MIN_LINES:
            return CodeBlock(pos, end, True, "Markdown table")
    if (
        numbered
        and text[:2] == "1 "
        and pos + 1 < len(texts)
        and is_gutter(text)
        and len(texts[pos + 1].split()) >= len(text.split())
    ):
        # A numbered listing: its line numbers, then its code on one line, a token or
        # more a line (a pager's "1 2 3 4 5" is followed by "Next").
        return CodeBlock(pos, pos + 2, True, "numbered listing")
    if (
        text[-1:] in _CODE_ENDS
        and pos > 0
        and texts[pos - 1].rstrip().endswith(_INTRO_END)
        and _CODE_LINE.fullmatch(text)
    ):
        end = pos
        while end < len(texts) and _CODE_LINE.fullmatch(texts[end].strip()):
            end += 1
        if end - pos >= MIN_LINES:
            return CodeBlock(pos, end, False)
    return None


def _candidates(texts: Sequence[str], numbered: bool, sticky: bool) -> list[int]:
    """The lines where a block may open, in order: a stripped text that opens a fence
    (three backticks or tildes) or a pipe row, or a listing's numbers ("1 ", where
    `numbered`), or that may end a code line (`_CODE_ENDS`; the empty text too, as
    `text[-1:] in _CODE_ENDS` reads it) under a line that ends with a colon: the line
    right above, or with `sticky` any line above (`may_hold_blocks`). In C where built
    (`_filefacts.code_candidates`, the same lines: tests/test_code_candidates.py): in
    Python this is the step a line it saves."""
    if _filefacts is not None:
        return _filefacts.code_candidates(texts, numbered, sticky)
    out = []
    introduced = False
    for pos, line in enumerate(texts):
        text = line.strip()
        if (
            text[:3] in ("```", "~~~")
            or text[:1] == "|"
            or (numbered and text[:2] == "1 ")
            or (introduced and text[-1:] in _CODE_ENDS)
        ):
            out.append(pos)
        colon = line.rstrip().endswith(_INTRO_END)
        introduced = (introduced or colon) if sticky else colon
    return out


def may_hold_blocks(texts: Sequence[str], numbered: bool | None = None) -> bool:
    """Some line could open a block in some subset of `texts` (`find_blocks`' tests of the
    line alone): a fence's backticks or tildes, a pipe, or a code line after some line
    that ends in a colon. Else no subset holds one. `numbered`: `may_number(texts)`,
    where the caller has it."""
    if numbered is None:
        numbered = may_number(texts)
    if numbered and any(is_gutter(t) for t in texts if t[:2] == "1 "):
        return True
    # Only the lines `_candidates` names (some line above ends in a colon: `sticky`) can
    # open a block; the step a line is theirs.
    for pos in _candidates(texts, False, True):
        text = texts[pos].strip()
        if text[:3] in ("```", "~~~") or text[:1] == "|" or _CODE_LINE.fullmatch(text):
            return True
    return False


def may_number(texts: Sequence[str]) -> bool:
    """Some line of `texts` opens with "1 2", as a listing's numbers do (`is_gutter`)."""
    # The first line asked apart: prefixing the joined text with "\n" copied the whole
    # page a second time, on every file (HISTORY, session 29).
    joined = "\n".join(texts)
    return joined.startswith("1 2") or "\n1 2" in joined


def is_gutter(text: str) -> bool:
    """A code listing's line numbers on one line: "1 2 3 ... N", N >= MIN_NUMBERED, in
    order, nothing else (a pager skips or ends with "Next")."""
    numbers = text.split()
    if len(numbers) < MIN_NUMBERED:
        return False
    return all(n == str(k) for k, n in enumerate(numbers, 1))


def is_fence(text: str) -> bool:
    """A Markdown fence line ("```", "```bash", "~~~")."""
    return _FENCE.fullmatch(text.strip()) is not None


def introduces(text: str) -> bool:
    """The line ends in a colon: what follows it is what it announced."""
    return text.rstrip().endswith(_INTRO_END)
