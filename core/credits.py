"""Captions that close with one credit, repeated under the page's pictures: "Interior of a
coffee-house, 17th century — via Wikimedia Commons", "Guests pick their pastries. | Photo
by Lisa Jennings", "Color Wheel by Clay", "Source: statista.com", "Courtesy of brand".

A site credits its pictures alike, so the captions of one article end with the same credit,
each under its own picture, between paragraphs. Read one at a time, a caption is a short
sentence or a title, and the line model keeps it (0.6-0.96 on the dev pages that have such
captions); the packs' credit rules take a caption only when the credit says it is one
("Photo by ...", "Image: ...") after a sentence's end. The credit shared by scattered
lines is what tells the captions apart: prose does not close three of its paragraphs with
the same "by Clay", and a list that credits each item to one maker ("Futurist by Fuego
Fonts", "Culture by Fuego Fonts") holds its items next to each other or numbers them.

Screened on the dev set's region outputs before it was built: 517 caption words outside
the truth on 7 pages of 7 sites, 1 truth word (the credit must be shared by MIN_LINES
lines, none next to another, none numbered); a shared ending after a separator alone
("| Las Vegas, NV", "– Rest") is a list's field, which the truth keeps, and is not read.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise
from operator import itemgetter

from .model import Label, Verdict
from .prose import word_count

RULE = "repeated-credit"
MIN_LINES = 3  # captions sharing one credit: two lines may share an ending by chance
MAX_WORDS = 45  # a caption, however long; a paragraph is not
TAIL = 6  # characters of a line's end that every caption of one credit shares ("y Clay")
_TAIL = itemgetter(slice(-TAIL, None))
_READ = 80  # a credit and its keyword sit within the line's last characters
# The credit: "by" and a name, "via", "courtesy of", a label with a colon, or "©", then
# at most 40 characters to the line's end (brackets and a stop aside).
_CREDIT = re.compile(
    r"(?:\b(by)|\b(?:via|courtesy of)|(?:source|credit|credits|photo|photos|image|images"
    r"|photograph|photo credit|image credit|image source|illustration)\s*:|©)"
    r"\s*([^\s|–—][^|–—:?!]{1,40}?)[\s.)]*$",
    re.IGNORECASE,
)
# A numbered entry ("4. Futurist by Fuego Fonts"): a list's item, not a caption.
_NUMBERED = re.compile(r"\s*(?:#?\d+[.):]|\(\d+\))\s")


def credit(text: str) -> str | None:
    """The credit that closes a caption, casefolded, or None. After "by" it must be a name
    (a capital) closing a caption's words: "grow by 40%", "water by feeling the soil" are
    no credit, and "by Ann Lee" alone is a byline (a thread's posts sign each so). A
    question ("... Solar Panels by Yourself?") or a label ("... writes:") is no caption."""
    if _NUMBERED.match(text):
        return None
    found = _CREDIT.search(text[-_READ:])
    if found is None:
        return None
    name = found.group(2)
    if found.group(1) is not None and (
        not name[:1].isupper() or not text[: len(text) - len(found.group(0))].strip()
    ):
        return None
    return name.strip().casefold()


def find(texts: Sequence[str]) -> list[list[int]] | None:
    """The groups of lines that close with one credit, MIN_LINES or more and none next to
    another, or None (most files). The lines of one credit share their last TAIL
    characters: only lines whose ending MIN_LINES lines share are read (counting the
    endings is a slice and a hash a line, in C)."""
    tails = Counter(map(_TAIL, texts))
    shared = {tail for tail, n in tails.items() if n >= MIN_LINES}
    if not shared:
        return None
    by_credit: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        if text[-TAIL:] not in shared or word_count(text) > MAX_WORDS:
            continue
        name = credit(text)
        if name is not None:
            by_credit.setdefault(name, []).append(i)
    groups = [
        lines
        for lines in by_credit.values()
        if len(lines) >= MIN_LINES and all(b - a > 1 for a, b in pairwise(lines))
    ]
    return groups or None


def credited_captions(
    groups: Sequence[Sequence[int]], verdicts: list[Verdict], rows: Sequence[int]
) -> bool:
    """Remove the kept lines of each group (`find`) in play, where MIN_LINES of them are
    kept; True if any verdict changed."""
    in_play = set(rows)
    changed = False
    for lines in groups:
        kept = [i for i in lines if i in in_play and verdicts[i].keep]
        if len(kept) < MIN_LINES:
            continue
        for i in kept:
            verdict = verdicts[i]
            if verdict.rule == "keep-pattern":
                continue  # the user said this text stays
            verdicts[i] = Verdict(
                Label.BOILERPLATE, RULE,
                f"a caption closing with the credit of {len(lines)} captions",
                score=verdict.score,
            )
            changed = True
    return changed
