"""A site template's placeholder text left in the page: "Lorem ipsum dolor sit amet, ...",
"Lorem ipsum 1", "Lorem Ipsum", and the unfilled lines of the same block between them
("Head Line 2", "Speaker Name", "Title").

A page built from a template sometimes ships a block nobody filled in (a carousel of
upcoming events, a card grid, a promotion). Its lines are short titles and Latin-looking
sentences that the line model reads as subheadings and prose: it kept them at 0.8-0.99 on
the one dev page that has such a block. "Lorem ipsum" is the placeholder of every
language's templates; what is not written in it (the block's headings, "Speaker Name") is
known by standing between two placeholder lines, close together.

An article about the placeholder itself quotes it once or twice; a template repeats it in
each of its cards, so the pass needs MIN_LINES placeholder lines in the file. A line that
opens with "Lorem ipsum" and goes on in the article's language ("Lorem ipsum is the
placeholder text that ...") is no placeholder: it must be short (a card's label, "Lorem
ipsum 2") or go on in the placeholder's own Latin ("Lorem ipsum dolor sit amet").
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from .model import Label, Verdict
from .prose import word_count

RULE = "placeholder"
MIN_LINES = 3  # placeholder lines in the file: fewer is an article quoting the text
LABEL_WORDS = 4  # "Lorem ipsum 1", "Lorem Ipsum": a card's label left unfilled
MAX_GAP = 4  # kept lines between two placeholder lines of one block
BETWEEN_WORDS = 12  # a line between them: a card's heading or label, not a paragraph
_OPENING = "lorem ipsum"
_LATIN = "lorem ipsum dolor sit amet"
_OPENER = "Lorem"  # as templates write it: a capital, the rest in any case


def is_placeholder(text: str) -> bool:
    """The placeholder's own text: a short label opening with "Lorem ipsum", or the Latin
    sentence itself."""
    if not text.startswith(_OPENER):
        return False
    head = text.casefold()
    if not head.startswith(_OPENING):
        return False
    return word_count(head) <= LABEL_WORDS or head.startswith(_LATIN)


def find(texts: Sequence[str], opening: Sequence[str | None] | None) -> list[int] | None:
    """The placeholder lines of a file, or None when it has fewer than MIN_LINES. A
    template's cards repeat their short labels ("Lorem ipsum 1", "Lorem ipsum 2"), so
    MIN_LINES short lines of the file open with "Lorem": `opening`, each line's first word
    where MIN_LINES lines share it (`openings.openings`), tells the few files that have
    them (a look at every line's first letters cost 0.3 % of dev classification)."""
    if opening is None or _OPENER not in opening:
        return None
    found = [i for i, text in enumerate(texts) if is_placeholder(text)]
    return found if len(found) >= MIN_LINES else None


def template_placeholders(
    texts: Sequence[str], found: Sequence[int], verdicts: list[Verdict], rows: Sequence[int]
) -> bool:
    """Remove the kept placeholder lines `found` and the short kept lines between two of
    them at most MAX_GAP kept lines apart; True if any verdict changed. Read on the kept
    lines, as a second run reads them."""
    placeholder = set(found)
    kept = [i for i in rows if verdicts[i].keep]
    marks = [k for k, i in enumerate(kept) if i in placeholder]
    if len(marks) < MIN_LINES:
        return False
    gone = {kept[k] for k in marks}
    for a, b in pairwise(marks):
        between = kept[a + 1 : b]
        if len(between) <= MAX_GAP and all(
            word_count(texts[i]) <= BETWEEN_WORDS for i in between
        ):
            gone.update(between)
    changed = False
    for i in sorted(gone):
        verdict = verdicts[i]
        if verdict.rule == "keep-pattern":
            continue  # the user said this text stays
        detail = (
            "a template's placeholder text" if i in placeholder
            else "between a template's placeholder lines: an unfilled part of its block"
        )
        verdicts[i] = verdict.overruled(Label.BOILERPLATE, RULE, detail)
        changed = True
    return changed
