"""Labels each entry of a list article repeats: "Pros" and "Cons", "What we like", "Fast
facts", in the same order under every product, hotel or course it reviews.

A short line that recurs in a file reads to the line model as chrome (a menu or a share
bar repeated), and "Pros" between two kept paragraphs loses to that (40 of the dev set's
"Pros" lines, 85 of its "Cons"). Chrome that recurs is one label repeating, or a menu
captured twice, whose items stand next to each other. An entry's labels are two or more
that take turns — A, B, A, B — each with lines between it and the next. When most of a
pair's lines stand between kept lines (or were kept), those lines are the article's
("entry-label"), whatever their words; a label where the model dropped the entry around
it (the last product of a list, read as the tail) stays out with it. On the dev set's
full pages the pass keeps 427 such lines (shipped model), 296 of them in the truth; most
of the rest are labels of lists the truth leaves out whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import accumulate, pairwise

from .config import Config
from .fingerprint import matching_form
from .model import Verdict, keep_removed, play_position
from .prose import TERMINAL, is_prose, text_end, word_count
from .recurring import Recurring
from .repeats import REPEAT_FLOOR, Repeats, unrepeated_among, within, words_of
from .rulecodes import IN_BODY_RULES
from .tables import original_cells
from .tables import shapes as table_shapes

try:  # `recurring_pairs`'s search in C (optional: see core/_filefacts.c)
    from . import _filefacts
except ImportError:
    _filefacts = None

MAX_WORDS = 4  # a label, not a subheading that says something
MAX_CHARACTERS = 40  # a cheap bound before counting a line's words
PARTNERS = 6  # later recurring labels tried as a label's partner (see `recurring_pairs`)
# The share of a pair's lines that must stand between kept lines: a widget repeated under
# each product ("Price", "Check") stands among removed lines as often as not.
SHARE_NUM, SHARE_DEN = 3, 4
MISS_TURNS = 8
MIN_ENTRIES = 2
PROSE_AFTER = 5  # lines after a pair's last label in which its entry's sentence stands
_LETTER = re.compile(r"[^\W\d_]")


def _is_label(text: str) -> bool:
    """A short line that says nothing of its own: no sentence end, a letter, MAX_WORDS
    words or fewer (and MAX_CHARACTERS characters, which the caller checks first)."""
    stripped = text_end(text)
    return (
        bool(stripped)
        and not stripped.endswith(TERMINAL)
        and _LETTER.search(stripped) is not None
        and word_count(stripped) <= MAX_WORDS
    )


def _take_turns(a: list[int], b: list[int], free: list[int]) -> bool:
    """`a` and `b` (lines in file order) alternate, with a line between each and the next,
    A, B, A, B, and mostly lines that are no recurring label (`free` counts such lines
    before each line): a menu captured twice has only its other items between. One turn in
    MISS_TURNS may be missed (A, B, B), so that the pair holds in the clean text of a page
    where one entry's label went with the entry."""
    merged = sorted([(i, 0) for i in a] + [(i, 1) for i in b])
    missed = crowded = 0
    for x, y in pairwise(merged):
        if y[0] - x[0] < 2:
            return False
        missed += x[1] == y[1]
        crowded += free[y[0]] == free[x[0] + 1]
    return missed * MISS_TURNS <= len(merged) - 1 and 2 * crowded < len(merged) - 1


def recurring_pairs(
    texts: Sequence[str],
    twins: Sequence[Sequence[int]] = (),
    recurring: Recurring | None = None,
) -> list[tuple[list[int], list[int]]]:
    """Pairs of label groups (each the lines of one label's text, in file order) that take turns
    through the file; judged on the text alone, once per file. Most files have none.

    The later lines of each group of `twins` (lines of equal text, `Repeats.twins`) are
    read as absent: the clean text holds one of them at most, and the pairs must be the
    same when it is cleaned again.

    A label's partner is one of the next PARTNERS labels that recur after its first line
    (an entry's next label; an item of its list may recur too): a menu captured twice
    would otherwise pair each of its items with every later one.

    `recurring`: `Recurring.of(texts)`, where the caller counted them (the classifier, once
    per file for every try of its passes)."""
    later = {i for group in twins for i in group[1:]}
    if later:
        present = [i for i in range(len(texts)) if i not in later]
        return [
            ([present[i] for i in a], [present[i] for i in b])
            for a, b in recurring_pairs([texts[i] for i in present])
        ]
    # Most lines occur once: only the texts that recur (counted in C) are read as labels.
    if recurring is None:
        recurring = Recurring.of(texts)
    wanted = {
        text
        for text in recurring.held(MIN_ENTRIES)
        if len(text) <= MAX_CHARACTERS and _is_label(text)
    }
    if len(wanted) < 2:
        return []
    groups: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        if text in wanted:
            groups.setdefault(text, []).append(i)
    recurring = list(groups.values())
    if _filefacts is not None:  # the search below in C: a loop over every label's partners
        return [
            (recurring[k], recurring[m])
            for k, m in _filefacts.label_pairs(recurring, len(texts), PARTNERS, MISS_TURNS)
        ]
    return _pairs(recurring, len(texts))


def _pairs(recurring: list[list[int]], lines: int) -> list[tuple[list[int], list[int]]]:
    """`recurring_pairs`'s search over the recurring labels' groups of lines (`recurring`) of
    a file of `lines` lines, in Python (where the C one is not built, and for the tests)."""
    # The recurring labels' lines in file order, each with its group.
    order = sorted((i, k) for k, g in enumerate(recurring) for i in g)
    first = {k: pos for pos, (_, k) in reversed(list(enumerate(order)))}
    unlabelled = [1] * lines
    for i, _ in order:
        unlabelled[i] = 0
    free = [0, *accumulate(unlabelled)]  # lines that are no recurring label, before each
    pairs = []
    paired: set[tuple[int, int]] = set()
    for k, a in enumerate(recurring):
        tried: set[int] = set()
        for pos in range(first[k] + 1, len(order)):
            i, m = order[pos]
            if i > a[1]:
                break  # A, A: the first entry has no second label
            if m == k or m in tried:
                continue
            tried.add(m)
            b = recurring[m]
            # The next line (a menu's next item, the common case) is told first.
            if (
                i > a[0] + 1
                and abs(len(a) - len(b)) * MISS_TURNS <= len(a) + len(b) - 1
                and _take_turns(a, b, free)
            ):
                if (m, k) not in paired:
                    paired.add((k, m))
                    pairs.append((a, b))
                break
            if len(tried) == PARTNERS:
                break
    return pairs


def recurs_short(texts: Sequence[str], recurring: Recurring | None = None) -> bool:
    """Whether a line short enough to be a label occurs twice among `texts`: the question
    asked before `kept_labels` (most files: no). `recurring`: `Recurring.of(texts)`, where
    the caller has it."""
    if recurring is not None:
        return any(len(text) <= MAX_CHARACTERS for text in recurring.repeated)
    seen: set[str] = set()
    for t in texts:
        if len(t) <= MAX_CHARACTERS:
            if t in seen:
                return True
            seen.add(t)
    return False


# `matching_form` of the kept lines `_holds` reads: each decision it tries and each settle
# try of the classifier read mostly the same lines, analysis reads them again, and a site's
# lines recur across its pages. A pure function of the text, so remembered by it.
_matching_form = lru_cache(maxsize=1 << 14)(matching_form)


def distinct_labels(texts: Sequence[str], recurring: Recurring | None = None) -> frozenset[int]:
    """The lines of a pair of labels (see `recurring_pairs`, read on every line) long enough
    for duplicate resolution to drop their later copies (REPEAT_FLOOR words: "What we
    liked most", "What could be better"). Each entry needs its own copy, so none of them is
    a repeat. All of a label's copies or none: a copy left to resolution alone (a line of
    a contents list) would be kept as the one copy it sees. Empty for most files.
    `recurring`: `Recurring.of(texts)`, where the caller has it."""
    if recurring is None:
        recurring = Recurring.of(texts)
    long_labels = {
        t for t in recurring.held(MIN_ENTRIES)
        if len(t) <= MAX_CHARACTERS and _is_label(t) and len(words_of(t)) >= REPEAT_FLOOR
    }
    if not long_labels:
        return frozenset()
    distinct: set[int] = set()
    for a, b in recurring_pairs(texts, (), recurring):
        if texts[a[0]] not in long_labels and texts[b[0]] not in long_labels:
            continue
        if _entries_hold_prose(texts, sorted(a + b)):
            distinct.update(i for g in (a, b) if texts[g[0]] in long_labels for i in g)
    mixed = {texts[i] for i in range(len(texts)) if i not in distinct}
    return frozenset(i for i in distinct if texts[i] not in mixed)


def entry_labels_of(texts: Sequence[str], recurring: Recurring | None = None) -> frozenset[int]:
    """`distinct_labels`, asked only where a short line recurs (most files: none).
    `recurring`: `Recurring.of(texts)`, where the caller has it."""
    if not recurs_short(texts, recurring):
        return frozenset()
    return distinct_labels(texts, recurring)


def distinct_lines(texts: Sequence[str], shapes: Sequence[int] | None = None) -> frozenset[int]:
    """The lines that are no paragraph that can repeat another: an entry's labels
    (`distinct_labels`) and a table's cells (`tables.original_cells`; `shapes`: the texts'
    cell shapes, when known)."""
    return original_cells(texts, shapes) | entry_labels_of(texts)


def kept_labels(
    texts: Sequence[str], unrepeated: Callable[[list[int]], list[int]]
) -> frozenset[int]:
    """The `distinct_lines` of a file's kept lines (`texts`) that duplicate resolution
    must leave alone, decided on the kept lines only and only when the text that comes out
    decides the same: cleaning the clean text again then keeps them again. `unrepeated`
    gives the lines of `texts` (positions) that resolution keeps when they are left
    out of it. When the clean text would decide otherwise (the lines resolution drops made
    the turns or the rows), the labels alone, else the cells alone, if the clean text
    decides the same of them; else none (most files: none to begin with), and resolution
    treats them as any line."""
    shapes = table_shapes(texts)
    labels = entry_labels_of(texts)
    cells = original_cells(texts, shapes)
    tried: set[frozenset[int]] = set()
    for distinct, find in (
        (labels | cells, distinct_lines),
        (labels, lambda texts, _: entry_labels_of(texts)),
        (cells, original_cells),
    ):
        if distinct and distinct not in tried:
            tried.add(distinct)
            if _holds(texts, shapes, distinct, find, unrepeated):
                return distinct
    return frozenset()


def _holds(
    texts: Sequence[str],
    shapes: Sequence[int],
    distinct: frozenset[int],
    find: Callable[[Sequence[str], Sequence[int]], frozenset[int]],
    unrepeated: Callable[[list[int]], list[int]],
) -> bool:
    """Whether `find` (of texts and their cell shapes) finds `distinct` again in the text
    that comes out when resolution leaves `distinct` alone. `distinct` is what `find`
    finds in `texts` and `shapes` themselves."""
    others = [i for i in range(len(texts)) if i not in distinct]
    held = set(unrepeated(others)) | distinct
    out = [i for i in range(len(texts)) if i in held]
    # Resolution also drops exact repeats `unrepeated` leaves ("Storage: 512GB SSD" is four
    # tokens to it, three words to the classifier): the decision must hold without them.
    seen: set[str] = set()
    bare = []
    for i in out:
        if i in distinct:
            bare.append(i)
            continue
        form = _matching_form(texts[i])
        if len(form.split()) < REPEAT_FLOOR:
            bare.append(i)
        elif form not in seen:
            bare.append(i)
            seen.add(form)
    for lines in (out, bare) if len(bare) < len(out) else (out,):
        if len(lines) == len(texts):
            # Nothing dropped: `find` reads the very texts `distinct` was found in (each
            # of `kept_labels`' finds is its own `distinct` of them), and finds it again.
            continue
        again = find([texts[i] for i in lines], [shapes[i] for i in lines])
        if {lines[k] for k in again} != distinct:
            return False
    return True


def kept_labels_of(
    texts: Sequence[str], config: Config, finder: tuple[Repeats, list[int]] | None = None
) -> frozenset[int]:
    """`kept_labels` of a file's kept lines (`texts`) as duplicate resolution will read
    them: what analysis leaves out of duplicate detection, and what the classifier's
    passes check their decision against. Empty at once for most files (no short line
    recurs, no table). `finder`: a repeat finder prepared on the whole file and the lines
    of it that `texts` are (its very texts), which answers for them (`repeats.within`)."""
    if finder is not None:
        return kept_labels(texts, within(*finder))
    return kept_labels(texts, lambda rows: unrepeated_among(texts, rows, config))


def _entries_hold_prose(texts: Sequence[str], lines: list[int]) -> bool:
    """Whether a sentence follows each of a pair's label lines before the next (and within
    PROSE_AFTER lines of the last): the labels head an entry's text. A menu captured twice,
    a price box or a list of product names repeated has only short lines between."""
    ends = [*lines[1:], min(len(texts), lines[-1] + 1 + PROSE_AFTER)]
    return all(
        any(is_prose(texts[k]) for k in range(i + 1, end))
        for i, end in zip(lines, ends, strict=True)
    )


def entry_labels(
    verdicts: list[Verdict], rows: list[int], pairs: list[tuple[list[int], list[int]]]
) -> bool:
    """Keep the lines of a pair of labels (see `recurring_pairs`) that the model removed
    between two kept lines, when at least SHARE_NUM/SHARE_DEN of the pair's lines stand so
    or are kept. True if any verdict changed."""
    if not pairs:
        return False
    changed = False
    for a, b in pairs:
        lines = a + b
        if all(verdicts[i].keep for i in lines):
            continue
        inside = [
            i for i in lines if verdicts[i].keep or (
                verdicts[i].rule == "line-model" and _between_kept(i, verdicts, rows)
            )
        ]
        if len(inside) * SHARE_DEN < len(lines) * SHARE_NUM:
            continue
        reason = "a label that takes turns with another through the file, between kept lines"
        changed |= keep_removed(verdicts, inside, "entry-label", reason)
    return changed


def _between_kept(i: int, verdicts: list[Verdict], rows: list[int]) -> bool:
    """Line i has a kept line on each side in `rows` (in file order), past the lines the
    body holds that rules remove (a shop button under each product, a line of symbols)."""
    pos = play_position(rows, i)
    if pos is None:
        return False
    return _kept_towards(pos, -1, verdicts, rows) and _kept_towards(pos, 1, verdicts, rows)


def _kept_towards(pos: int, step: int, verdicts: list[Verdict], rows: list[int]) -> bool:
    pos += step
    while 0 <= pos < len(rows):
        verdict = verdicts[rows[pos]]
        if verdict.keep:
            return True
        if verdict.rule not in IN_BODY_RULES and verdict.rule != "symbol-line":
            return False
        pos += step
    return False
