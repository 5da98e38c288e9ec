"""Labels each entry of a list article repeats: "Pros" and "Cons", "What we like", "Fast
facts", in the same order under every product, hotel or course it reviews.

A short line that recurs in a file reads to the line model as chrome (a menu or a share
bar repeated), and "Pros" between two kept paragraphs loses to that (40 of the dev set's
"Pros" lines, 85 of its "Cons"). Chrome that recurs is one label repeating, or a menu
captured twice, whose items stand next to each other. An entry's labels are two or more
that take turns — A, B, A, B — each with lines between it and the next, and each standing
between kept lines. Such labels are the article's ("entry-label"), whatever their words.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from .model import Label, Verdict
from .prose import TERMINAL, text_end, word_count

MAX_WORDS = 4  # a label, not a subheading that says something
MAX_CHARACTERS = 40  # a cheap bound before counting a line's words


def _label_key(text: str) -> str | None:
    """The text a label recurs as (case folded), or None for a line that is no label."""
    if len(text) > MAX_CHARACTERS:
        return None
    stripped = text_end(text)
    if not stripped or stripped.endswith(TERMINAL) or not any(c.isalpha() for c in stripped):
        return None
    if word_count(stripped) > MAX_WORDS:
        return None
    return stripped.casefold()


def _take_turns(a: list[int], b: list[int]) -> bool:
    """`a` and `b` (lines in file order, as many of each) alternate, with at least one line
    between each and the next."""
    merged = sorted([(i, 0) for i in a] + [(i, 1) for i in b])
    return all(x[1] != y[1] and y[0] - x[0] >= 2 for x, y in pairwise(merged))


def recurring_pairs(texts: Sequence[str]) -> list[tuple[list[int], list[int]]]:
    """Pairs of label groups (each the lines of one label, in file order) that take turns
    through the file; judged on the text alone, once per file. Most files have none."""
    groups: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        key = _label_key(text)
        if key is not None:
            groups.setdefault(key, []).append(i)
    recurring = [g for g in groups.values() if len(g) >= 2]
    if len(recurring) < 2:
        return []
    by_size: dict[int, list[list[int]]] = {}
    for g in recurring:
        by_size.setdefault(len(g), []).append(g)
    pairs = []
    for same in by_size.values():
        for k, a in enumerate(same):
            for b in same[k + 1 :]:
                if _take_turns(a, b):
                    pairs.append((a, b))
    return pairs


def entry_labels(
    verdicts: list[Verdict], rows: list[int], pairs: list[tuple[list[int], list[int]]]
) -> bool:
    """Keep the labels of a pair (see `recurring_pairs`) whose every line is in play, was
    decided by no rule but the model, and stands between two kept lines. True if any
    verdict changed."""
    if not pairs:
        return False
    at: dict[int, int] | None = None  # line -> its position in `rows`
    changed = False
    for a, b in pairs:
        lines = a + b
        if all(verdicts[i].keep for i in lines):
            continue
        if any(not verdicts[i].keep and verdicts[i].rule != "line-model" for i in lines):
            continue
        if at is None:
            at = {i: pos for pos, i in enumerate(rows)}
        if not all(_between_kept(i, at, verdicts, rows) for i in lines):
            continue
        for i in lines:
            if not verdicts[i].keep:
                verdicts[i] = verdicts[i].overruled(
                    Label.BODY,
                    "entry-label",
                    f"a label that takes turns with another through the file, each between "
                    f"kept lines; {verdicts[i].detail}",
                )
                changed = True
    return changed


def _between_kept(i: int, at: dict[int, int], verdicts: list[Verdict], rows: list[int]) -> bool:
    pos = at.get(i)
    if pos is None or pos == 0 or pos + 1 == len(rows):
        return False
    return verdicts[rows[pos - 1]].keep and verdicts[rows[pos + 1]].keep
