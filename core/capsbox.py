"""A box the site's template sets under the article, titled in capitals: "SHARE YOUR STORY"
over a call for tips, "NEED MORE HELP?" over an office's appointment pitch, "WHY THIS
SPONSORED LIST IS FREE TO READ" over a sponsor's note.

The template's designer types the box's title in capitals; the writer types the article's
headings in the case of a sentence or a title. So a page whose only heading in capitals is
the last one, over a short closing section, shows the site's box there, not a section of
the article. Read one line at a time, the box's text is prose the line model keeps (0.9
and more on the dev pages that have one), and its words are every site's own, so no
pack's word list knows them; the heading's form does, in any cased script.

Two things keep the article's own sections: a site that sets its headings in capitals
sets more than one below the article's first prose ("BRAZIL", "COLOMBIA", ...
"CONCLUSION": the dev pages that do keep them in the truth; a menu's "QUICK LINKS" above
the article does not count), and the section must be short (at most MAX_SHARE of the kept words
and MAX_LINES lines: a lone capitalised heading over half of a page heads the article).
Screened on the dev set's region outputs before it was built: 211 words outside the truth
on 3 pages of 3 sites, none in it; without the uniqueness, 9 pages lost (-0.00029).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from itertools import compress, count

from .model import Label, Verdict, play_position
from .prose import is_prose, word_count

RULE = "capitals-box"
MIN_LETTERS = 4  # "FAQ", "USA" alone are no box's title
MAX_HEAD_WORDS = 10  # a title, not a shouted sentence
MAX_LINES = 12  # the box's lines under its title
MAX_SHARE = 0.2  # of the kept words: more is the article's own last part
_SENTENCE_END = re.compile(r"[.!,;:]\s*$")


def is_title(text: str) -> bool:
    """A line in capitals that reads as a title: enough letters, few words, no sentence
    or clause end ("NEED MORE HELP?" is one, "CALL NOW." and "INGREDIENTS:" are not)."""
    text = text.strip()
    return (
        text.isupper()
        and sum(map(str.isalpha, text)) >= MIN_LETTERS
        and word_count(text) <= MAX_HEAD_WORDS
        and _SENTENCE_END.search(text) is None
    )


def find(texts: Sequence[str]) -> list[int] | None:
    """The lines that are a title in capitals, or None (most files): read once per file,
    in C up to each line's first small letter (`str.isupper`), which most lines hold in
    their first word. Read off the line model's "all_caps" column instead, on each
    classification of the file, numpy's calls cost 0.3 % of the corpus count's small
    files."""
    found = [i for i in compress(count(), map(str.isupper, texts)) if is_title(texts[i])]
    return found or None


def closing_box(
    titles: list[int] | None, texts: Sequence[str], verdicts: list[Verdict], rows: list[int]
) -> bool:
    """Remove the kept lines from the only kept title in capitals (`find`) below the
    first kept prose line to the end, where they are a short closing section that the
    line model kept. True if any verdict changed. The pass runs on every pass of every
    file that has a title (menus in capitals on most whole pages), so the tests go from
    the cheapest: the lines under the last title, then the lines down to the first prose,
    and the kept words of the whole page last (walking every line in play for the first
    prose and the words on each pass cost 0.35 % of dev classification)."""
    if titles is None:
        return False
    heads = [i for i in titles if verdicts[i].keep and play_position(rows, i) is not None]
    if not heads:
        return False
    head = heads[-1]
    box = _box(verdicts, rows, head)
    if box is None:
        return False
    # Titles above the article's first prose are the page's chrome ("QUICK LINKS" in a
    # menu), not the article's headings: only those below it must be one.
    first = next(
        (i for i in rows[: bisect_left(rows, head)] if verdicts[i].keep and is_prose(texts[i])),
        None,
    )
    if first is None or (len(heads) > 1 and heads[-2] > first):
        return False
    box_words = sum(word_count(texts[i]) for i in box)
    if box_words > MAX_SHARE * sum(word_count(texts[i]) for i in rows if verdicts[i].keep):
        return False
    changed = False
    detail = f"a box under the page's only title in capitals (paragraph {head + 1})"
    for i in box:
        verdict = verdicts[i]
        if verdict.rule in (None, "line-model"):
            verdicts[i] = verdict.overruled(Label.BOILERPLATE, RULE, detail)
            changed = True
    return changed


def _box(verdicts: list[Verdict], rows: list[int], head: int) -> list[int] | None:
    """The kept lines from `head` to the end, or None where they are not a title and one
    to MAX_LINES lines; the walk stops once there are too many."""
    box = []
    for i in rows[bisect_left(rows, head):]:
        if verdicts[i].keep:
            box.append(i)
            if len(box) > MAX_LINES + 1:
                return None
    return box if len(box) >= 2 else None

