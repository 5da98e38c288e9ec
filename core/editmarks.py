"""Section-edit markers: the link a wiki prints after each section heading ("History[edit]",
"Geschichte[Bearbeiten | Quelltext bearbeiten]", "Histoire[modifier | modifier le code]",
"Historia[editar]", a fandom wiki's "History[]" whose link was an icon). A scraper glues
the link's words to the heading; the heading is the article's, the link is not.

Found by repetition, not by words, so a wiki in any language is read alike: two or more
heading-like lines of one file end in the same bracketed words. A footnote mark ("[1]")
differs from line to line and has no letters, and a sentence that ends in a bracket is not
heading-like, so neither is taken. The marker goes from the written line (`keep_text`);
the rules and the line model read each such line without it from the start, as a second
run reads the cleaned heading, so cleaning the output again changes nothing."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from .model import Verdict
from .words import count_words as word_count

MIN_LINES = 2  # headings that end in the same marker: one alone could be the text's own
MAX_HEAD_WORDS = 12  # a heading, not a sentence that ends in a bracketed aside
MAX_MARK_WORDS = 5  # "Bearbeiten | Quelltext bearbeiten"

# A heading with letters, then one bracketed marker glued to its last character at the
# end of the line, holding no bracket or figure of its own: empty, or words. A title's own
# tag comes after a space and often with figures ("Best Boxes [Tested and Reviewed]",
# "Demo [20 min]"), and is the title's.
_MARKED = re.compile(r"(?P<head>.*?[^\W\d_].*?\S)\[(?P<mark>[^\[\]\d]*)\]\s*$")
_LETTER = re.compile(r"[^\W\d_]")
_SENTENCE_END = (".", "!", "?", ":", ";", ",", "。", "！", "？")


def _marked(text: str) -> re.Match[str] | None:
    r"""`_MARKED.match(text)`, asked only of a line that passes its cheap necessary tests.

    The marker holds no bracket and only spaces follow it, so a match's "[" is the line's
    last one; the heading's last character, just before it, is not a space (`\S`), and the
    marker holds no figure (`\d` is `str.isdecimal`). A line that fails one of these cannot
    match; on one that ends in an aside after a space ("... 2015;2:127. [Google Scholar]",
    "[MUSIC PLAYING]") the regex's two lazy runs took time in the square of its length
    (milliseconds on a long paragraph), and such lines are most of those it was asked."""
    at = text.rfind("[")
    if at < 2 or text[at - 1].isspace():
        return None
    close = text.find("]", at + 1)
    if close < 0 or any(c.isdecimal() for c in text[at + 1 : close]):
        return None
    return _MARKED.match(text)


def find(texts: Sequence[str]) -> dict[int, str] | None:
    """Each marked line's index and its text without the marker, or None (most files):
    lines whose marker ends MIN_LINES heading-like lines or more."""
    # The cheapest questions first: most files have no two lines that end in a bracket,
    # and most hold no two closing brackets at all (one scan in C).
    if "\n".join(texts).count("]") < MIN_LINES:
        return None
    ends = [
        i for i, t in enumerate(texts)
        if t.endswith("]") or (t[-1:].isspace() and t.rstrip().endswith("]"))
    ]
    if len(ends) < MIN_LINES:
        return None
    by_mark: dict[str, dict[int, str]] = {}
    for i in ends:
        found = _marked(texts[i])
        if found is None:
            continue
        mark = found["mark"].strip()
        head = found["head"].strip()
        if mark and not _LETTER.search(mark):
            continue  # a footnote's number
        if word_count(mark) > MAX_MARK_WORDS or word_count(head) > MAX_HEAD_WORDS:
            continue
        if head.endswith(_SENTENCE_END):
            continue  # a sentence's or a label's bracketed end, not a heading's link
        by_mark.setdefault(mark, {})[i] = head
    marked = {
        i: head for lines in by_mark.values() if len(lines) >= MIN_LINES
        for i, head in lines.items()
    }
    return marked or None


def reread(texts: list[str], marks: dict[int, str] | None) -> None:
    """The text the model and the context passes read of each marked line: its heading."""
    if marks:
        for i, head in marks.items():
            texts[i] = head


def strip_kept(verdicts: list[Verdict], marks: dict[int, str] | None) -> None:
    """Each kept marked line is written without its marker (unless a rule already cut it)."""
    if not marks:
        return
    for i, head in marks.items():
        verdict = verdicts[i]
        if verdict.keep and verdict.keep_text is None:
            note = "a wiki heading's edit link removed"
            detail = f"{verdict.detail}; {note}" if verdict.detail else note
            verdicts[i] = replace(verdict, keep_text=head, detail=detail)
