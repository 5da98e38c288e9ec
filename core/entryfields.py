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
from collections.abc import Callable, Iterable, Sequence
from itertools import compress, pairwise

from . import edges, linescan
from .model import Block, Verdict, keep_removed
from .prose import SENTENCE_STOPS, TERMINAL, is_prose, word_count
from .recurring import Recurring
from .repeats import Repeats

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


def field_labels(
    texts: Sequence[str], flags: bytes | None = None
) -> list[str | None] | None:
    """Each line's field label where MIN_FIELDS lines or more of the file share it with at
    least two values (else None); None for the whole file when no label recurs so (most
    files). Read on the text alone, once per file."""
    if flags is None:
        flags = linescan.line_flags(texts)
    # `label_of` of the lines holding a colon (told in C), the only lines it labels: a
    # call a line was most of the scan's cost on files without fields.
    labels: list[str | None] = [None] * len(texts)
    counts: dict[str, int] = {}
    for i in linescan.lines_with(flags, linescan.COLON):
        label = labels[i] = label_of(texts[i])
        if label is not None:
            counts[label] = counts.get(label, 0) + 1
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
    changed = False
    for label, lines in _label_lines(labels, rows).items():
        kept = _held(lines, verdicts)
        if kept is None:
            continue
        changed |= keep_removed(
            verdicts,
            _model_removed(verdicts, lines),
            "entry-field",
            f"a field whose label ({label!r}) opens {len(lines)} lines, {kept} of them kept",
        )
    return changed


def _model_removed(verdicts: list[Verdict], lines: Iterable[int]) -> list[int]:
    """The lines of `lines` the model alone removed: a field no rule took."""
    return [i for i in lines if verdicts[i].rule == "line-model" and not verdicts[i].keep]


def _label_lines(labels: list[str | None], rows: list[int]) -> dict[str, list[int]]:
    """The lines of `rows` that open with each label, in order."""
    marks: dict[str, list[int]] = {}
    for i in rows:
        label = labels[i]
        if label is not None:
            marks.setdefault(label, []).append(i)
    return marks


def _held(lines: list[int], verdicts: list[Verdict]) -> int | None:
    """How many of a label's `lines` are kept, when they are MIN_FIELDS or more and most are
    kept; else None. Lines `entry_fields` kept itself do not count: a field the model kept
    for one pass would otherwise hold the others up for good, and a second cleaning, which
    no longer sees that pass, would drop them (not idempotent)."""
    kept = sum(verdicts[i].keep and verdicts[i].rule != "entry-field" for i in lines)
    if len(lines) < MIN_FIELDS or 2 * kept <= len(lines):
        return None
    return kept


def entry_items(
    blocks: Sequence[Block],
    labels: list[str | None] | None,
    verdicts: list[Verdict],
    rows: list[int],
) -> bool:
    """Keep the sentences the model removed from the entries of a list whose each entry
    holds a field of one label (`field_labels`), most of those lines kept: an entry is
    like another, and the last one's sentences went as the page's end (an event listing's
    last event, p 0.18 and 0.30, under "Quando:" / "समय:"). The lines of that label mark
    the entries, as a live blog's stamps mark its posts (`edges.marked_items`). True if
    any verdict changed."""
    if labels is None:
        return False
    changed = False
    for label, lines in _label_lines(labels, rows).items():
        if _held(lines, verdicts) is None:
            continue
        entries = _to_last_entry(rows, lines)
        if entries is None:
            continue
        reason = f"a sentence of one of {len(lines)} entries, each with a field {label!r}"
        changed |= edges.marked_items(blocks, verdicts, entries, lines, "entry-item", reason)
    return changed


# An entry of a listing runs a few lines: a field whose lines stand further apart is a
# page's scattered notes ("Source: ..." under a picture now and then), not its entries.
MAX_ENTRY_LINES = 12


def _to_last_entry(rows: list[int], marks: list[int]) -> list[int] | None:
    """`rows` up to the end of the last entry, which runs no longer than the longest of the
    others (in lines from its mark): past it, a sentence is the page's own ("Prices were
    correct at the time of writing.", a teaser for a guide). None when some entry runs
    over MAX_ENTRY_LINES lines."""
    where = {i: pos for pos, i in enumerate(rows)}
    longest = max(where[b] - where[a] for a, b in pairwise(marks))
    if longest > MAX_ENTRY_LINES:
        return None
    return rows[: where[marks[-1]] + longest]


# An entry's name over its fields ("Mostra: Luce del Nord", "Mercatino di Natale"): a
# title, not a sentence.
MAX_HEADING_WORDS = 8


def entry_records(
    texts: Sequence[str],
    labels: list[str | None] | None,
    verdicts: list[Verdict],
    rows: list[int],
) -> bool:
    """Keep the rest of the records that a held field (`entry_fields`) marks: each entry
    of an event listing or a directory sets a few fields in a block ("Dove: Palazzo Reale"
    over "Quando: fino al 15 febbraio") under its name. A label whose lines all sit in
    those blocks, one to a block, is a field of the same records, and its lines the model
    removed stay ("entry-field"); the line right above each block, a short title with no
    sentence end, is the entry's name, and stays when every block has one
    ("entry-heading"). The model read the fields one at a time and kept them by turns.
    True if any verdict changed."""
    if labels is None:
        return False
    changed = False
    position: dict[int, int] | None = None  # most files hold no held field: built on need
    for label, lines in _label_lines(labels, rows).items():
        if _held(lines, verdicts) is None:
            continue
        if position is None:
            position = {i: pos for pos, i in enumerate(rows)}
        blocks = [_record(labels, rows, position[i]) for i in lines]
        if any(a.stop > b.start for a, b in pairwise(blocks)):
            continue  # two of its fields in one block: not one record each
        changed |= _record_fields(labels, verdicts, rows, blocks, label)
        changed |= _record_names(texts, labels, verdicts, rows, blocks, label)
    return changed


def _record(labels: list[str | None], rows: list[int], pos: int) -> range:
    """The positions in `rows` of the block of field lines around `pos`."""
    start, stop = pos, pos + 1
    while start > 0 and labels[rows[start - 1]] is not None:
        start -= 1
    while stop < len(rows) and labels[rows[stop]] is not None:
        stop += 1
    return range(start, stop)


def _record_fields(
    labels: list[str | None],
    verdicts: list[Verdict],
    rows: list[int],
    blocks: list[range],
    held: str,
) -> bool:
    """Keep the removed lines of each other label that stands once in every block and
    nowhere else."""
    inside = Counter(labels[rows[pos]] for block in blocks for pos in block)
    everywhere = Counter(labels[i] for i in rows if labels[i] is not None)
    changed = False
    for label, n in inside.items():
        if label == held or n != len(blocks) or everywhere[label] != n:
            continue
        if any(sum(labels[rows[pos]] == label for pos in block) != 1 for block in blocks):
            continue
        fields = (rows[pos] for block in blocks for pos in block if labels[rows[pos]] == label)
        changed |= keep_removed(
            verdicts,
            _model_removed(verdicts, fields),
            "entry-field",
            f"a field ({label!r}) of {len(blocks)} records, each with a field {held!r}",
        )
    return changed


def _record_names(
    texts: Sequence[str],
    labels: list[str | None],
    verdicts: list[Verdict],
    rows: list[int],
    blocks: list[range],
    held: str,
) -> bool:
    """Keep the line above each block when every block has a short title there."""
    above = [block.start - 1 for block in blocks]
    if any(pos < 0 or not _entry_name(texts[rows[pos]], verdicts[rows[pos]]) for pos in above):
        return False
    return keep_removed(
        verdicts,
        [rows[pos] for pos in above],
        "entry-heading",
        f"the name over one of {len(blocks)} records with a field {held!r}",
    )


def _entry_name(text: str, verdict: Verdict) -> bool:
    """A short title kept or one the model alone removed: no rule's line (a credit, a
    share bar)."""
    words = word_count(text)
    return (
        (verdict.keep or verdict.rule == "line-model")
        and 1 <= words <= MAX_HEADING_WORDS
        and not _ends_sentence(text)
    )


# What may close a title: a play's, a film's or a book's name is written in its quotes
# ("«La casa de Bernarda Alba»", "„Der Nussknacker“"), which close no sentence there.
_CLOSERS = "\"'”’»“«„)]"


def _ends_sentence(text: str) -> bool:
    """A sentence's stop at the end of `text`, inside its closing quotes or brackets: a
    name in quotes is a title ("«La casa de Bernarda Alba»"), "«Ya llegó.»" a sentence."""
    return text.rstrip().rstrip(_CLOSERS).endswith(SENTENCE_STOPS)


# Entries that share one outline: a company directory's "1. Sony" / "Headquarters:" /
# "Tokyo, Japan" / "Establishment:" / "1946" / "Website:" / a URL / a paragraph, the same
# sequence of line shapes under every entry, with a label line of the same text at the same
# place in each. The line model reads each entry in its own context: it kept the first
# entry's paragraph (at 0.43, and at 0.995 once the page's menus were gone) while the later
# ones, after six lines of fields that read as a sidebar, eroded at 0.1-0.4. Chrome repeats
# too (a menu's "View All" under each item, a card's "Read more"), but holds no paragraph
# the model is sure of, or stands apart from the article (`entry_outlines`).
MIN_OUTLINE_ENTRIES = 3
MAX_OUTLINE_LINES = 16  # an entry longer than this is a section, not one of a list's entries
SURE = 0.9  # the model keeps a paragraph this surely: the entry is the article's
OUTLINE = "entry-outline"
# What took an entry without reading it as one: the model alone, or the island pass, which
# cut an entry off the article by the removed lines that the model took around it.
_ERODED = frozenset({"line-model", "after-article"})
_PROSE, _SHORT, _FIGURE = 0, 1, 2


def _shape(text: str) -> int:
    """A line's place in an outline: a paragraph, a short line of words, or figures alone."""
    if is_prose(text):
        return _PROSE
    return _SHORT if _LETTER.search(text) is not None else _FIGURE


def _label_line(text: str) -> bool:
    """A short label line: a letter, MAX_LABEL_WORDS words at most, no sentence end."""
    return (
        not text.rstrip().endswith(TERMINAL)
        and _LETTER.search(text) is not None
        and word_count(text) <= MAX_LABEL_WORDS
    )


def outlines(
    texts: Sequence[str], recurring: Recurring | None = None
) -> list[list[range]] | None:
    """The entries (line ranges, in order) of each run of MIN_OUTLINE_ENTRIES or more that
    share one outline: a label line recurs every P lines (P at most MAX_OUTLINE_LINES), the
    lines between any two of its copies have the same shapes (`_shape`), and one of them is
    a paragraph. An entry starts as many lines above its label as match the lines above the
    next label (a numbered name over its fields). None when the file has no such run (most
    files). Read on the text alone, once per file; `recurring`: the texts' `Recurring`,
    where the caller has it."""
    if recurring is None:
        recurring = Recurring.of(texts)
    # Most lines occur once: only the texts held MIN_OUTLINE_ENTRIES times or more (picked
    # in C) are read as labels; a step for every distinct text cost more than the scan.
    often = recurring.held(MIN_OUTLINE_ENTRIES)
    wanted = {text for text in often if len(text) <= MAX_LABEL_CHARS and _label_line(text)}
    if not wanted:
        return None
    places: dict[str, list[int]] = {}
    for i in compress(range(len(texts)), map(wanted.__contains__, texts)):
        places.setdefault(texts[i], []).append(i)
    found: list[list[range]] = []
    shapes: dict[int, int] = {}  # a line's `_shape`, read where an outline is tried

    def shape_at(i: int) -> int:
        known = shapes.get(i)
        if known is None:
            known = shapes[i] = _shape(texts[i])
        return known

    for lines in places.values():
        for anchors in _periodic_runs(lines):
            entries = _entries(shape_at, len(texts), anchors)
            if entries is not None and entries not in found:  # labels of one entry
                found.append(entries)
    return found or None


def _periodic_runs(lines: list[int]) -> list[list[int]]:
    """The runs of MIN_OUTLINE_ENTRIES or more of `lines` that stand one period apart."""
    runs: list[list[int]] = []
    run = lines[:1]
    for b in lines[1:]:
        gap = b - run[-1]
        near = 2 <= gap <= MAX_OUTLINE_LINES
        if near and (len(run) < 2 or gap == run[1] - run[0]):
            run.append(b)
            continue
        if len(run) >= MIN_OUTLINE_ENTRIES:
            runs.append(run)
        run = [run[-1], b] if near else [b]
    if len(run) >= MIN_OUTLINE_ENTRIES:
        runs.append(run)
    return runs


def _entries(
    shape_at: Callable[[int], int], size: int, anchors: list[int]
) -> list[range] | None:
    """The entries around `anchors` (one period apart) of a file of `size` lines when every
    whole entry has one outline holding a paragraph; else None."""
    period = anchors[1] - anchors[0]
    outline = [shape_at(i) for i in range(anchors[0], anchors[1])]
    if _PROSE not in outline:
        return None
    for a in anchors[1:-1]:
        if any(shape_at(a + k) != outline[k] for k in range(period)):
            return None
    head = 0  # lines above the first label that match those above the second
    while (
        head < period - 1
        and anchors[0] - head - 1 >= 0
        and shape_at(anchors[0] - head - 1) == shape_at(anchors[1] - head - 1)
    ):
        head += 1
    last, tail = anchors[-1], 0  # the last entry runs while it matches the one before
    while (
        tail < period - head
        and last + tail < size
        and shape_at(last + tail) == shape_at(anchors[-2] + tail)
    ):
        tail += 1
    entries = [range(a - head, a - head + period) for a in anchors[:-1]]
    entries.append(range(last - head, last + tail))
    return entries


def entry_outlines(
    found: list[list[range]] | None,
    texts: Sequence[str],
    verdicts: list[Verdict],
    rows: list[int],
    repeats: Repeats,
) -> bool:
    """Keep the lines that the model alone removed from the entries of an outline
    (`outlines`) when the model keeps a paragraph of one of them at SURE or more and the
    line right above the list is kept ("entry-outline"): an entry's fate is its list's.
    A list of teasers or cards after the article is set off from it by lines that went
    (a header, a share bar), and the model keeps some of its blurbs surely too. The model
    is often sure only on a later pass, once the page's chrome is gone, when the other
    entries went on the first: those come back too, and the next pass reads them among the
    rest. Lines this pass kept do not count as sure (a second cleaning would not see the
    pass's hold). True if any verdict changed."""
    play: set[int] | None = None  # most outlines have nothing eroded: built on need
    changed = False
    for entries in found or ():
        start = entries[0].start
        if start == 0 or not verdicts[start - 1].keep:
            continue  # a list set off from the article: teasers, a site's cards
        lines = [i for entry in entries for i in entry]
        eroded = [i for i in lines if not verdicts[i].keep and verdicts[i].rule in _ERODED]
        if not eroded:
            continue
        if play is None:
            play = set(rows)
        if not any(i in play and _sure(texts[i], verdicts[i]) for i in lines):
            continue
        if not _stable(entries, {i for i in lines if verdicts[i].keep} | set(eroded), repeats):
            continue
        changed |= keep_removed(
            verdicts,
            eroded,
            OUTLINE,
            f"a line of one of {len(entries)} entries of one outline, one of them kept surely",
        )
    return changed


def _stable(entries: list[range], kept: set[int], repeats: Repeats) -> bool:
    """Whether the clean text shows the outline again, so that a second cleaning holds the
    same entries: every entry after the first keeps the same lines of it (a rule that takes
    a field takes it in each; the first entry may differ, as the list's lead-in line takes
    its first label), and none of their lines repeats another (resolution drops repeats, a
    meal plan's "1 apple" on some days only, and the entries would no longer align)."""
    patterns = [tuple(i - entry.start for i in entry if i in kept) for entry in entries[1:]]
    inner, size = patterns[0], len(entries[-1])  # the last entry may stop short
    if any(p != inner for p in patterns[:-1]):
        return False
    if patterns[-1] != tuple(offset for offset in inner if offset < size):
        return False
    return not any(repeats.repeated(i) for entry in entries for i in entry if i in kept)


def _sure(text: str, verdict: Verdict) -> bool:
    """A paragraph the model alone kept at SURE or more."""
    return (
        verdict.keep
        and verdict.rule is None
        and verdict.score is not None
        and verdict.score >= SURE
        and is_prose(text)
    )
