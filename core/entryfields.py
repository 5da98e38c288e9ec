"""Fields that every entry of a list article repeats: "Location: Lyon", "Class size: 412",
"Best for: beginners", under each school, hotel or product the article goes through.

A short line of a label and a value reads to the line model like a sidebar's or a
footer's ("Phone: ...", "Filed under: ..."), and an entry's fields it doubts go, while
the same fields of the other entries stay: what the model reads in each entry's context
differs (an entry after a long review, an entry under a picture). Chrome has fields too,
but not one label over and over in the article with a different value each time. When
MIN_FIELDS lines or more of the file open with one label, with different values, and most
of them are kept, the ones the model removed are the article's too ("entry-field"),
whatever the words: the layout, not the vocabulary, says what they are.

A field's label is one to MAX_LABEL_WORDS words before a colon and a space, with a letter
and no sentence end, and the line is MAX_FIELD_WORDS words at most: a time ("10:30"), a URL
("https://...") or a sentence that quotes ("He said: ...", a label of more words) is none,
nor is a product's blurb under each item of a shop's menu ("Bundle: robot vacuum with...").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from .model import Label, Verdict
from .prose import TERMINAL, word_count

MIN_FIELDS = 3  # one label on this many lines: an entry's field, not a pair of notes
MAX_LABEL_WORDS = 4
MAX_LABEL_CHARS = 40
# A field's value is a few words ("Water: weekly, when the top inch is dry"); a longer line
# that opens with a label is a sentence or a product's blurb ("Bundle: robot vacuum with...").
MAX_FIELD_WORDS = 15
# A label: up to MAX_LABEL_CHARS characters, no colon, before ": " and a value.
_FIELD = re.compile(rf"^\s*([^:]{{1,{MAX_LABEL_CHARS}}}?)\s*:\s+\S")
_LETTER = re.compile(r"[^\W\d_]")


def label_of(text: str) -> str | None:
    """The field label a line opens with (case-folded), or None."""
    if ":" not in text or word_count(text) > MAX_FIELD_WORDS:
        return None
    found = _FIELD.match(text)
    if found is None:
        return None
    label = found.group(1)
    if (
        _LETTER.search(label) is None
        or label.endswith(TERMINAL)
        or word_count(label) > MAX_LABEL_WORDS
    ):
        return None
    return label.casefold()


def field_labels(texts: Sequence[str]) -> list[str | None] | None:
    """Each line's field label where MIN_FIELDS lines or more of the file share it with at
    least two values (else None); None for the whole file when no label recurs so (most
    files). Read on the text alone, once per file."""
    labels = [label_of(t) for t in texts]
    counts = Counter(label for label in labels if label is not None)
    recurring = {label for label, n in counts.items() if n >= MIN_FIELDS}
    if not recurring:
        return None
    values: dict[str, set[str]] = {}
    for label, text in zip(labels, texts, strict=True):
        if label in recurring:
            values.setdefault(label, set()).add(text.strip())
    recurring = {label for label in recurring if len(values[label]) >= 2}
    if not recurring:
        return None
    return [label if label in recurring else None for label in labels]


def entry_fields(
    labels: list[str | None] | None, verdicts: list[Verdict], rows: list[int]
) -> bool:
    """Keep the lines of `rows` (the lines a second run would see) that the model removed
    and that open with a recurring label (`field_labels`) when most of that label's lines
    in `rows` are kept. True if any verdict changed."""
    if labels is None:
        return False
    total: Counter[str] = Counter()
    kept: Counter[str] = Counter()
    removed: list[int] = []
    for i in rows:
        label = labels[i]
        if label is None:
            continue
        total[label] += 1
        verdict = verdicts[i]
        # Lines this pass kept itself do not count: a field the model kept for one pass
        # would otherwise hold the others up for good, and a second cleaning, which no
        # longer sees that pass, would drop them (not idempotent).
        if verdict.keep and verdict.rule != "entry-field":
            kept[label] += 1
        elif verdict.rule == "line-model":
            removed.append(i)
    changed = False
    for i in removed:
        label = labels[i]
        assert label is not None
        if total[label] < MIN_FIELDS or 2 * kept[label] <= total[label]:
            continue
        verdicts[i] = verdicts[i].overruled(
            Label.BODY,
            "entry-field",
            f"a field whose label ({label!r}) opens {total[label]} lines, "
            f"{kept[label]} of them kept; {verdicts[i].detail}",
        )
        changed = True
    return changed
