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

try:  # `_candidates` in C (optional: see core/_filefacts.c)
    from . import _filefacts
except ImportError:
    _filefacts = None

RULE = "repeated-credit"
MIN_LINES = 3  # captions sharing one credit: two lines may share an ending by chance
MAX_WORDS = 45  # a caption, however long; a paragraph is not
TAIL = 6  # characters of a line's end that every caption of one credit shares ("y Clay")
_TAIL = itemgetter(slice(-TAIL, None))
_READ = 80  # a credit and its keyword sit within the line's last characters
# What every credit holds (`_CREDIT_BACKWARDS` needs one): a colon, "©", or "by", "via", "courtesy"
# opening a word.
# (ASCII letters in either case, as the C scan reads them: re.IGNORECASE would also take
# the long s and the Kelvin sign.)
_MARK = re.compile(r":|©|\b(?:[Bb][Yy]|[Vv][Ii][Aa]|[Cc][Oo][Uu][Rr][Tt][Ee][Ss][Yy])")
# The credit: "by" and a name, "via", "courtesy of", a label with a colon, or "©", then
# at most 40 characters to the line's end (brackets and a stop aside): matched backwards,
# on the reversed and lowercased end of the line, from its last character. Searched for
# forwards ("(?:by|...)...$" at every position, with re.IGNORECASE) it cost 20,000
# instructions a line; the longest name it finds is the one a forward search finds
# (the same credits on every dev line that holds a mark).
_LABELS = ("photo credit", "image credit", "image source", "photograph", "illustration",
           "source", "credits", "credit", "photos", "photo", "images", "image")
_CREDIT_BACKWARDS = re.compile(
    r"[\s.)]*([^|–—:?!]{1,40}[^\s|–—])\s*"
    r"(?:(yb)(?!\w)|(?:aiv|fo ysetruoc)(?!\w)|:\s*(?:"
    + "|".join(label[::-1] for label in _LABELS)
    + r")|©)"
)
# A numbered entry ("4. Futurist by Fuego Fonts"): a list's item, not a caption.
_NUMBERED = re.compile(r"\s*(?:#?\d+[.):]|\(\d+\))\s")


def credit(text: str) -> str | None:
    """The credit that closes a caption, lowercased, or None. After "by" it must be a name
    (a capital) closing a caption's words: "grow by 40%", "water by feeling the soil" are
    no credit, and "by Ann Lee" alone is a byline (a thread's posts sign each so). A
    question ("... Solar Panels by Yourself?") or a label ("... writes:") is no caption."""
    if _NUMBERED.match(text):
        return None
    end = text[-_READ:]
    low = end.lower()
    found = _CREDIT_BACKWARDS.match(low[::-1])
    if found is None:
        return None
    if found.group(2) is not None:
        # A name after "by", read in the line as written (a few letters change length
        # when lowercased: then the positions do not hold and the line is no credit).
        if len(low) != len(end) or not end[len(end) - found.end(1)].isupper():
            return None
        if not text[: len(text) - found.end(0)].strip():
            return None
    return found.group(1)[::-1].strip()


def find(texts: Sequence[str]) -> list[list[int]] | None:
    """The groups of lines that close with one credit, MIN_LINES or more and none next to
    another, or None (most files). Only `_candidates` are read."""
    lines = (
        _filefacts.credit_candidates(texts, TAIL, MIN_LINES, _READ)
        if _filefacts is not None
        else _candidates(texts)
    )
    if lines is None:
        return None
    by_credit: dict[str, list[int]] = {}
    for i in lines:
        text = texts[i]
        if word_count(text) > MAX_WORDS:
            continue
        name = credit(text)
        if name is not None:
            by_credit.setdefault(name, []).append(i)
    groups = [
        found
        for found in by_credit.values()
        if len(found) >= MIN_LINES and all(b - a > 1 for a, b in pairwise(found))
    ]
    return groups or None


def _candidates(texts: Sequence[str]) -> list[int] | None:
    """The lines that may close with a shared credit, in order, or None: the lines of one
    credit share their last TAIL characters, so a line whose end fewer than MIN_LINES
    lines share is none of them, and every credit has its mark (`_MARK`) in the line's
    last _READ characters. Taken in C where it was built: in Python, counting the ends
    and reading each shared one cost 2 % of dev classification (a menu's items share
    theirs: "... Services")."""
    tails = Counter(map(_TAIL, texts))
    found = [
        i
        for i, text in enumerate(texts)
        if tails[text[-TAIL:]] >= MIN_LINES and _MARK.search(text[-_READ:]) is not None
    ]
    return found or None


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
            detail = f"a caption closing with the credit of {len(lines)} captions"
            verdicts[i] = verdict.overruled(Label.BOILERPLATE, RULE, detail)
            changed = True
    return changed
