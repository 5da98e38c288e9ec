"""Turn verified pairs into decisions: what to drop, which clusters and links to report.

- Inside one file, a later paragraph that repeats an earlier one (same text,
  near-duplicate, or contained in it) is dropped; the earlier one is kept. A
  repeat inside a file is the same paragraph captured again, so the bar is
  higher there than across files: every fact must agree, and paragraphs under
  `REPEAT_NEAR_TOKENS` words repeat only verbatim (parallel headings and list
  items, "Best for: Android users" / "Best for: iPhone users", share most word
  pairs without being repeats). A near or contained repeat is dropped only in a
  run of repeats (the paragraph before or after it repeats too): a body captured
  again comes back as such a run, while a paragraph that resembles an earlier one
  alone, amid text that does not repeat, is the article's own parallel writing.
  A verbatim repeat stays as a field of a listing's entries: one or two repeats
  between paragraphs that repeat nothing, its text left three times or more
  (`_entry_fields`): an events page's place under each date, a webcam credit
  under each camera.
- Across files, near-duplicate paragraphs form clusters (connected through
  verified pairs; the canonical member is the first in stable order). A
  paragraph contained in another, or sharing a passage with it, is reported
  as a link between the two, never chained into a cluster.
- A document most of whose body tokens match one earlier document is a
  document-level duplicate.
- Policies (opt-in) drop paragraphs already seen in earlier files, or whole
  duplicate documents.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TypeVar

import numpy as np

from .fingerprint import Prints, isin_sorted, unique_sorted
from .match import CONTAINED, NEAR, PASSAGE, Matches, intersections
from .model import Cluster, DocDuplicate, DupRef, Member, Pair

REPEAT_NEAR_TOKENS = 15  # inside a file, shorter paragraphs are dropped as verbatim repeats only
# A verbatim repeat in a run of at most ENTRY_RUN repeats, with a paragraph that repeats
# nothing on each side, of a text left ENTRY_COPIES times or more, stays: a field of a
# listing's entries (`_entry_fields`).
ENTRY_RUN = 2
ENTRY_COPIES = 3


@dataclass(slots=True)
class ParagraphRefs:
    """Where each fingerprinted paragraph lives (arrays indexed like the prints)."""

    files: list[str]  # display names by file number, in stable order
    file: np.ndarray  # int64
    para: np.ndarray  # int64: 1-based paragraph number in its file
    start: np.ndarray
    end: np.ndarray
    earlier_run: list[str | None] | None = None  # per file: when an earlier run indexed it
    # Per indexed file (the first files): its body tokens as the index counted them
    earlier_tokens: list[int] | None = None


@dataclass(frozen=True, slots=True)
class Policy:
    drop_seen_paragraphs: bool = False
    drop_duplicate_docs: bool = False
    doc_threshold: float = 0.8


_NO_REFS = ParagraphRefs([], *(np.zeros(0, dtype=np.int64) for _ in range(4)))
DOC_BLOCK_ROWS = 1 << 19  # (paragraph, target) rows scored at a time for document duplicates
T = TypeVar("T")
BLOCK = 4096  # clusters or links made into records at a time when a table is read


class _Columns(Sequence[T]):
    """A read-only sequence of records made from numpy columns a block at a time."""

    __slots__ = ()

    @property
    def file_names(self) -> list[str]:
        """The run's file names by file number (`MemberColumns.file` holds numbers)."""
        return self._refs.files  # type: ignore[attr-defined]

    def _make(self, lo: int, hi: int) -> list[T]:
        raise NotImplementedError

    def __iter__(self) -> Iterator[T]:
        for lo in range(0, len(self), BLOCK):
            yield from self._make(lo, min(lo + BLOCK, len(self)))

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self._make(i, i + 1)[0] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(f"{type(self).__name__} index out of range")
        return self._make(index, index + 1)[0]


class Clusters(_Columns[Cluster]):
    """Cross-file clusters as columns over the run's paragraphs; reading one makes its
    `Cluster` record. A 100,000-file run has hundreds of thousands of members: as Python
    objects, held from resolution until the report is written, they cost a few hundred
    bytes each; as columns, 24 (the report makes their records a block at a time)."""

    __slots__ = ("_bounds", "_containment", "_g", "_jaccard", "_refs")

    def __init__(self, refs: ParagraphRefs, bounds: np.ndarray, g: np.ndarray,
                 jaccard: np.ndarray, containment: np.ndarray) -> None:
        self._refs = refs
        self._bounds = bounds  # int64[k+1]: cluster i's members are g[bounds[i]:bounds[i+1]]
        self._g = g  # int64: member paragraphs, the canonical one first in each cluster
        self._jaccard = jaccard  # float64: with the canonical member
        self._containment = containment  # float64 (NaN: none)

    @staticmethod
    def empty(refs: ParagraphRefs | None = None) -> Clusters:
        z = np.zeros(0, dtype=np.int64)
        return Clusters(refs or _NO_REFS, np.zeros(1, dtype=np.int64), z, np.zeros(0),
                        np.zeros(0))

    def __len__(self) -> int:
        return len(self._bounds) - 1

    def _make(self, lo: int, hi: int) -> list[Cluster]:
        """Clusters lo..hi-1 as records."""
        bounds = self._bounds[lo : hi + 1]
        first, last = int(bounds[0]), int(bounds[-1])
        jac = np.round(self._jaccard[first:last], 4).tolist()
        con = [None if c != c else c for c in np.round(self._containment[first:last], 4).tolist()]
        built = _members(self._refs, self._g[first:last], jac, con)
        return [Cluster(tuple(built[a - first : b - first]))
                for a, b in pairwise(bounds.tolist())]

    def column_blocks(self) -> Iterator[tuple[list[int], MemberColumns, list, list]]:
        """What `_make` builds its clusters from, as plain lists a block at a time: the
        block's member bounds (from 0), its members, their Jaccard and containment (None:
        none) rounded as `_make` rounds them. The report writes records from these without
        a `Member` or `Cluster` each."""
        for lo in range(0, len(self), BLOCK):
            bounds = self._bounds[lo : min(lo + BLOCK, len(self)) + 1]
            first, last = int(bounds[0]), int(bounds[-1])
            jac = np.round(self._jaccard[first:last], 4).tolist()
            con = [None if c != c else c
                   for c in np.round(self._containment[first:last], 4).tolist()]
            yield ((bounds - first).tolist(), member_columns(self._refs, self._g[first:last]),
                   jac, con)

    def part(self, lo: int, hi: int) -> Clusters:
        """Clusters lo..hi-1, as a table of their own over the same paragraphs."""
        first, last = int(self._bounds[lo]), int(self._bounds[hi])
        return Clusters(self._refs, self._bounds[lo : hi + 1] - first, self._g[first:last],
                        self._jaccard[first:last], self._containment[first:last])

    def with_member_in(self, files: np.ndarray) -> Clusters:
        """The clusters with a member in one of the files `files` (bool per file number)."""
        if not len(self):
            return self
        return self.select(np.logical_or.reduceat(files[self._refs.file[self._g]],
                                                  self._bounds[:-1]))

    def select(self, hit: np.ndarray) -> Clusters:
        """The clusters `hit` names (bool per cluster), in their order."""
        sizes = np.diff(self._bounds)
        rows = np.repeat(hit, sizes)
        bounds = np.zeros(int(hit.sum()) + 1, dtype=np.int64)
        np.cumsum(sizes[hit], out=bounds[1:])
        return Clusters(self._refs, bounds, self._g[rows], self._jaccard[rows],
                        self._containment[rows])


class Links(_Columns[Pair]):
    """Links (contained, passage; near or contained inside a file) as columns, in report
    order; reading one makes its `Pair`."""

    __slots__ = ("_a", "_b", "_containment", "_jaccard", "_kind", "_refs")

    def __init__(self, refs: ParagraphRefs, kind: np.ndarray, a: np.ndarray, b: np.ndarray,
                 jaccard: np.ndarray, containment: np.ndarray) -> None:
        self._refs = refs
        self._kind = kind  # object: CONTAINED, PASSAGE, or NEAR (inside a file)
        self._a = a  # int64: the paragraph first in stable order
        self._b = b  # int64: the later one
        self._jaccard = jaccard  # float64
        self._containment = containment  # float64

    @staticmethod
    def empty(refs: ParagraphRefs | None = None) -> Links:
        z = np.zeros(0, dtype=np.int64)
        return Links(refs or _NO_REFS, np.zeros(0, dtype=object), z, z.copy(), np.zeros(0),
                     np.zeros(0))

    def __len__(self) -> int:
        return len(self._a)

    def _make(self, lo: int, hi: int) -> list[Pair]:
        refs = self._refs
        jac = self._jaccard[lo:hi].tolist()
        con = self._containment[lo:hi].tolist()
        ones = [1.0] * len(jac)
        a = _members(refs, self._a[lo:hi], ones, [None] * len(jac))
        # Python's round, as in the records these replace (numpy's can differ in the last digit).
        b = _members(refs, self._b[lo:hi], [round(j, 4) for j in jac], [round(c, 4) for c in con])
        return [Pair(k, x, y, round(j, 4), round(c, 4))
                for k, x, y, j, c in zip(self._kind[lo:hi].tolist(), a, b, jac, con,
                                         strict=True)]

    def column_blocks(self) -> Iterator[tuple[list[str], MemberColumns, MemberColumns, list,
                                              list]]:
        """What `_make` builds its links from, as plain lists a block at a time: kinds, the
        two sides, Jaccard and containment rounded as `_make` rounds them (see
        `Clusters.column_blocks`)."""
        refs = self._refs
        for lo in range(0, len(self), BLOCK):
            hi = min(lo + BLOCK, len(self))
            yield (self._kind[lo:hi].tolist(), member_columns(refs, self._a[lo:hi]),
                   member_columns(refs, self._b[lo:hi]),
                   [round(j, 4) for j in self._jaccard[lo:hi].tolist()],
                   [round(c, 4) for c in self._containment[lo:hi].tolist()])

    def part(self, lo: int, hi: int) -> Links:
        """Links lo..hi-1, as a table of their own over the same paragraphs."""
        return Links(self._refs, self._kind[lo:hi], self._a[lo:hi], self._b[lo:hi],
                     self._jaccard[lo:hi], self._containment[lo:hi])

    def touching(self, files: np.ndarray) -> Links:
        """The links with a side in one of the files `files` (bool per file number)."""
        file = self._refs.file
        keep = files[file[self._a]] | files[file[self._b]]
        return Links(self._refs, self._kind[keep], self._a[keep], self._b[keep],
                     self._jaccard[keep], self._containment[keep])


@dataclass(slots=True)
class Resolution:
    drops: dict[int, DupRef] = field(default_factory=dict)  # global paragraph -> what it repeats
    seen: dict[int, DupRef] = field(default_factory=dict)  # dropped by --drop-seen-paragraphs
    clusters: Clusters = field(default_factory=Clusters.empty)
    links: Links = field(default_factory=Links.empty)
    doc_dups: dict[int, DocDuplicate] = field(default_factory=dict)  # file number -> duplicate
    # (later file, earlier file) -> a trimmed copy that sorts first, held by the later file:
    # reported, never dropped (`_held_back`).
    doc_held: dict[tuple[int, int], DocDuplicate] = field(default_factory=dict)
    # Clusters of a closing paragraph under unrelated documents (`_boilerplate`): the same
    # text, but no story copied; reported apart from `clusters`.
    boilerplate: Clusters = field(default_factory=Clusters.empty)


# A near or contained repeat inside a file that stays (alone amid text that does not
# repeat): (paragraph kept earlier, the later one, Jaccard, containment, whether near).
KeptRepeat = tuple[int, int, float, float, bool]


def _ref(refs: ParagraphRefs, g: int, jaccard: float, containment: float | None) -> DupRef:
    f = int(refs.file[g])
    return DupRef(
        refs.files[f],
        int(refs.para[g]),
        int(refs.start[g]),
        int(refs.end[g]),
        round(float(jaccard), 4),
        None if containment is None else round(float(containment), 4),
        refs.earlier_run[f] if refs.earlier_run else None,
    )


def _expand(keys: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For sorted `keys`: every position holding one of `values`, and which value's."""
    lo = np.searchsorted(keys, values, side="left")
    n = np.searchsorted(keys, values, side="right") - lo
    which = np.repeat(np.arange(len(values)), n)
    at = np.repeat(lo - np.cumsum(np.r_[0, n[:-1]]), n) + np.arange(n.sum())
    return at.astype(np.int64), which


def _occurrences(rep: np.ndarray, file: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per representative r: its first paragraph in another file than r's (or -1), and the
    file of that paragraph (or a large sentinel). r itself is its first occurrence."""
    n = len(rep)
    second = np.full(n, -1, dtype=np.int64)
    valid = np.flatnonzero(rep >= 0)
    if len(valid):
        r = rep[valid]
        other = file[valid] != file[r]
        g = valid[other]
        # Paragraphs are in stable order, so the first hit per representative is the earliest.
        order = np.lexsort((g, rep[g]))
        g = g[order]
        first = np.ones(len(g), dtype=bool)
        first[1:] = rep[g][1:] != rep[g][:-1]
        second[rep[g[first]]] = g[first]
    second_file = np.where(second >= 0, file[np.maximum(second, 0)], np.iinfo(np.int64).max)
    return second, second_file


def _repeat_edges(
    matches: Matches, sizes: np.ndarray, tokens: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Directed edges r -> o ("a paragraph like r repeats one like o"), with their Jaccard,
    containment (NaN for a near-duplicate) and measured containment (every pair's):
    near-duplicates both ways, a contained paragraph towards its container. The last array
    says which edges are strong enough inside one file (see the module's docstring)."""
    strong = (matches.kind == NEAR) | (matches.kind == CONTAINED)
    a, b = matches.a[strong], matches.b[strong]
    near = matches.kind[strong] == NEAR
    src = np.concatenate([a, b])
    dst = np.concatenate([b, a])
    keep = np.concatenate([near | (sizes[a] <= sizes[b]), near | (sizes[b] <= sizes[a])])
    jac = np.concatenate([matches.jaccard[strong]] * 2)
    measured = np.concatenate([matches.contain[strong]] * 2)
    both_ways = np.concatenate([near, near])
    con = np.where(both_ways, np.nan, measured)
    src, dst, near2 = src[keep], dst[keep], both_ways[keep]
    # A contained paragraph is the short side: its own length decides.
    long_enough = np.where(near2, np.minimum(tokens[src], tokens[dst]), tokens[src])
    inside = np.concatenate([matches.same_facts[strong]] * 2)[keep] & (
        long_enough >= REPEAT_NEAR_TOKENS
    )
    return src, dst, np.stack([jac[keep], con[keep], measured[keep]], axis=1), inside


def _components(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """label[i]: the smallest index connected to i through edges (a, b) (numpy, no Python loop
    per edge): min-label propagation with pointer jumping."""
    label = np.arange(n, dtype=np.int64)
    if len(a) == 0:
        return label
    while True:
        la, lb = label[a], label[b]
        low = np.minimum(la, lb)
        before = label.copy()
        np.minimum.at(label, la, low)
        np.minimum.at(label, lb, low)
        while True:  # jump: point every node at its label's label
            jumped = label[label]
            if np.array_equal(jumped, label):
                break
            label = jumped
        if np.array_equal(label, before):
            return label


def resolve(
    prints: Prints,
    matches: Matches,
    refs: ParagraphRefs,
    policy: Policy,
) -> Resolution:
    """Work scales with paragraphs and verified pairs, never with copies squared: a line
    repeated 50,000 times is one representative, handled by array operations."""
    res = Resolution()
    rep = matches.rep
    sizes = prints.nuniq
    tokens = prints.ntokens
    file = refs.file
    src, dst, scores, inside = _repeat_edges(matches, sizes, tokens)
    order = np.lexsort((dst, src))
    src, dst, scores, inside = src[order], dst[order], scores[order], inside[order]
    kept_repeats = _within_files(res, rep, file, refs, src[inside], dst[inside], scores[inside])
    second, second_file = _occurrences(rep, file)
    if policy.drop_seen_paragraphs:
        _seen(res, rep, file, refs, src, dst, scores)
    res.clusters = _clusters(prints, matches, refs)
    res.links = _links(matches, refs, second, kept_repeats)
    res.doc_dups, res.doc_held = _documents(refs, rep, src, dst, second_file, tokens, policy,
                                            _held(src, dst, scores))
    closing = _boilerplate(res.clusters, res.links, refs, res.doc_dups, res.doc_held)
    res.clusters, res.boilerplate = res.clusters.select(~closing), res.clusters.select(closing)
    return res


def _held(src: np.ndarray, dst: np.ndarray, scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The contained edges turned round, sorted by container: (container, contained). A
    copy that merged two paragraphs of the wire into one holds both, and neither holds it:
    its text is found in the wire only through what it contains (`_documents`)."""
    contained = ~np.isnan(scores[:, 1])
    holder, part = dst[contained], src[contained]
    order = np.lexsort((part, holder))
    return holder[order], part[order]


def _within_files(res, rep, file, refs, src, dst, scores) -> list[KeptRepeat]:
    """Later repeats inside a file are dropped, pointing at the paragraph kept; returns the
    near or contained repeats that stay (`_in_run`), for the report to link."""
    valid = np.flatnonzero(rep >= 0)
    # Exact repeats: every paragraph after the first with its representative in its file.
    order = np.lexsort((valid, rep[valid], file[valid]))
    g = valid[order]
    first = np.ones(len(g), dtype=bool)
    first[1:] = (rep[g][1:] != rep[g][:-1]) | (file[g][1:] != file[g][:-1])
    head = g[np.maximum.accumulate(np.where(first, np.arange(len(g)), 0))]
    # Files where two related representatives meet need the ordered walk below.
    kept = g[first]
    occ = (file[kept] << 32) | rep[kept]
    occ_sorted = np.sort(occ)
    busy: set[int] = set()
    if len(src):
        by_rep = np.lexsort((file[kept], rep[kept]))
        k_rep = rep[kept][by_rep]
        k_file = file[kept][by_rep]
        at, edge = _expand(k_rep, src)
        files = k_file[at]
        want = (files << 32) | dst[edge]
        pos = np.minimum(np.searchsorted(occ_sorted, want), max(len(occ_sorted) - 1, 0))
        hit = occ_sorted[pos] == want if len(occ_sorted) else np.zeros(0, dtype=bool)
        busy = set(unique_sorted(files[hit]).tolist())
    dup = ~first
    group = np.cumsum(first) - 1
    fields = _entry_fields(g, dup, group, file, np.ones(len(kept), dtype=bool))
    for d, h in zip(g[dup].tolist(), head[dup].tolist(), strict=True):
        if int(file[d]) not in busy and d not in fields:
            res.drops[d] = _ref(refs, h, 1.0, None)
    if not busy:
        return []
    # Edges are sorted by source: a representative's partners are the slice lo:hi of them.
    rows = valid[np.isin(file[valid], np.fromiter(busy, dtype=np.int64))]
    reps = rep[rows]
    lo = np.searchsorted(src, reps, side="left").tolist()
    hi = np.searchsorted(src, reps, side="right").tolist()
    walk = list(zip(rows.tolist(), file[rows].tolist(), reps.tolist(), lo, hi, strict=True))
    # Which paragraphs repeat does not depend on which are dropped: found first, it says
    # which repeats by n-grams stand alone (`_in_run`) and stay.
    found = list(_repeats_in_files(walk, dst, frozenset()))
    repeats = {g_ for g_, _, _ in found}
    alone = frozenset(
        g_ for g_, best, _ in found if best is not None and not _in_run(g_, file, repeats)
    )
    # A text whose first paragraph goes as a near repeat has one copy fewer left.
    lost = {g_ for g_, best, _ in found if best is not None and g_ not in alone}
    fields = _entry_fields(g, dup, group, file, ~np.isin(kept, np.fromiter(lost, np.int64)))
    kept: list[KeptRepeat] = []
    for g_, best, target in _repeats_in_files(walk, dst, alone):
        if best is None:
            if g_ not in fields:
                res.drops[g_] = _ref(refs, target, 1.0, None)
            continue
        jac, con, measured = scores[best[1]].tolist()
        if g_ in alone:
            kept.append((target, g_, jac, measured, con != con))  # NaN: near
        else:
            res.drops[g_] = _ref(refs, target, jac, None if con != con else con)
    return kept


def _repeats_in_files(
    walk: list[tuple[int, int, int, int, int]], dst: np.ndarray, alone: frozenset[int]
) -> Iterator[tuple[int, tuple[int, int] | None, int]]:
    """The repeats among paragraphs (paragraph, file, representative, its edges' slice) in
    file order: (paragraph, best, paragraph kept it repeats), `best` being (that paragraph,
    edge) for a repeat by n-grams and None for one of equal text. A repeat in `alone`
    stays, so what repeats it later repeats it, not what it resembles."""
    current, seen = -1, {}
    for g_, f, r, first_edge, end_edge in walk:
        if f != current:
            current, seen = f, {}
        if r in seen:
            yield g_, None, seen[r]
            continue
        best: tuple[int, int] | None = None  # (paragraph kept, edge)
        for k in range(first_edge, end_edge):
            o = int(dst[k])
            if o in seen:
                target = seen[o]
                if best is None or target < best[0]:
                    best = (target, k)
        if best is None or g_ in alone:
            seen[r] = g_
        else:
            seen[r] = best[0]
        if best is not None:
            yield g_, best, best[0]


def _in_run(g: int, file: np.ndarray, repeats: set[int]) -> bool:
    """Whether the paragraph before or after paragraph `g` in its file repeats an earlier
    one too. A body captured again comes back as a run of repeats; a paragraph that only
    resembles an earlier one, alone amid text that does not repeat, is the article's own
    parallel writing (the same sentence about another product, a step restated, code
    shown again with a change), which an editor keeps. A verbatim copy goes either way."""
    return any(
        0 <= n < len(file) and file[n] == file[g] and n in repeats for n in (g - 1, g + 1)
    )


def _entry_fields(
    g: np.ndarray, dup: np.ndarray, group: np.ndarray, file: np.ndarray, first_kept: np.ndarray
) -> set[int]:
    """The verbatim repeats (`g[dup]`, `group` numbering their texts) that stay as fields of
    a listing's entries: each in a run of at most `ENTRY_RUN` repeats with a paragraph of
    its file that repeats nothing on each side, its text left `ENTRY_COPIES` times or more
    in such copies and its first paragraph. A body captured again comes back as a long
    run, or runs to the file's end, and a card shown twice (a carousel) once; the entries
    of a listing (events, webcams, plants, workouts) repeat a field or two of an earlier
    entry (its place, its credit line, its warm-up) between their own titles and dates,
    and a reader of the listing needs every copy. Counting only such copies keeps the
    decision when the clean text is read again: the copies that go are not those
    counted, and the first paragraph of a text (`first_kept`, by text) counts only where
    it stays."""
    copies = g[dup]
    if not len(copies):
        return set()
    order = np.argsort(copies, kind="stable")
    at = copies[order]
    starts = np.ones(len(at), dtype=bool)
    starts[1:] = (at[1:] != at[:-1] + 1) | (file[at[1:]] != file[at[:-1]])
    run = np.cumsum(starts) - 1
    first_of = at[starts]
    ends = np.r_[np.flatnonzero(starts)[1:] - 1, len(at) - 1]
    last_of = at[ends]
    before, after = first_of - 1, last_of + 1
    n = len(file)
    flanked = (
        (before >= 0)
        & (file[np.maximum(before, 0)] == file[first_of])
        & (after < n)
        & (file[np.minimum(after, n - 1)] == file[last_of])
    )
    short = last_of - first_of < ENTRY_RUN
    fits = np.empty(len(copies), dtype=bool)
    fits[order] = (flanked & short)[run]
    texts = group[dup]
    fits &= ~_doubled(g, group, file, copies, texts)
    counted = np.bincount(texts, weights=fits, minlength=len(first_kept)) + first_kept
    stay = fits & (counted[texts] >= ENTRY_COPIES)
    return set(copies[stay].tolist())


def _doubled(
    g: np.ndarray, group: np.ndarray, file: np.ndarray, copies: np.ndarray, texts: np.ndarray
) -> np.ndarray:
    """Which `copies` (of texts `texts`) stand next to a paragraph of their own text: a
    field stands once in each entry, and a text shown twice in a row is a widget captured
    twice (a sign-up box drawn for two screen sizes), not a listing's field."""
    text_of = np.full(len(file), -1, dtype=np.int64)
    text_of[g] = group
    n = len(file)
    doubled = np.zeros(len(copies), dtype=bool)
    for step in (-1, 1):
        near = copies + step
        inside = (near >= 0) & (near < n)
        near = np.clip(near, 0, n - 1)
        doubled |= inside & (file[near] == file[copies]) & (text_of[near] == texts)
    return doubled


def _seen(res, rep, file, refs, src, dst, scores) -> None:
    """--drop-seen-paragraphs: a paragraph whose text (or a near copy) is in an earlier file."""
    g = np.flatnonzero(rep >= 0)
    g = g[~np.isin(g, np.fromiter(res.drops, dtype=np.int64, count=len(res.drops)))]
    r = rep[g]
    exact = file[r] < file[g]  # the representative is the first occurrence
    for x, y in zip(g[exact].tolist(), r[exact].tolist(), strict=True):
        res.seen[x] = _ref(refs, y, 1.0, None)
    rest, rr = g[~exact], r[~exact]
    if len(src) == 0 or len(rest) == 0:
        return
    at, which = _expand(src, rr)
    who, target = rest[which], dst[at]
    ok = file[target] < file[who]
    who, target, at = who[ok], target[ok], at[ok]
    order = np.lexsort((target, who))  # earliest earlier paragraph per dropped one
    who, target, at = who[order], target[order], at[order]
    first = np.ones(len(who), dtype=bool)
    first[1:] = who[1:] != who[:-1]
    for x, y, k in zip(
        who[first].tolist(), target[first].tolist(), at[first].tolist(), strict=True
    ):
        jac, con, _ = scores[k]
        res.seen[x] = _ref(refs, y, jac, None if np.isnan(con) else con)


def _clusters(prints: Prints, matches: Matches, refs: ParagraphRefs) -> Clusters:
    rep = matches.rep
    near = matches.kind == NEAR
    label = _components(len(rep), matches.a[near], matches.b[near])
    valid = np.flatnonzero(rep >= 0)
    lab = label[rep[valid]]
    order = np.lexsort((valid, lab))
    g, lab = valid[order], lab[order]
    if len(g) == 0:
        return Clusters.empty(refs)
    starts = np.flatnonzero(np.r_[True, lab[1:] != lab[:-1]])
    ends = np.r_[starts[1:], len(g)]
    fmin = np.minimum.reduceat(refs.file[g], starts)
    fmax = np.maximum.reduceat(refs.file[g], starts)
    multi = fmax > fmin  # clusters are across files
    members = g[np.repeat(multi, ends - starts)]
    starts, ends = starts[multi], ends[multi]
    # Score every member against the canonical member, on the exact shingle sets.
    sizes = ends - starts
    canon = np.repeat(rep[g[starts]], sizes)
    mrep = rep[members]
    other = mrep != canon
    pairs = unique_sorted((canon[other] << 32) | mrep[other])
    pa, pb = pairs >> 32, pairs & 0xFFFFFFFF
    inter = intersections(prints, pa, pb)
    sa, sb = prints.nuniq[pa], prints.nuniq[pb]
    union = sa + sb - inter
    jac = np.where(union > 0, inter / np.maximum(union, 1), 0.0)
    con = np.where(np.minimum(sa, sb) > 0, inter / np.maximum(np.minimum(sa, sb), 1), 0.0)
    key = (canon << 32) | mrep
    at = np.searchsorted(pairs, key)
    at = np.minimum(at, max(len(pairs) - 1, 0))
    mj = np.where(other, jac[at] if len(pairs) else 1.0, 1.0)
    mc = np.where(other, con[at] if len(pairs) else 1.0, np.nan)
    bounds = np.zeros(len(sizes) + 1, dtype=np.int64)
    np.cumsum(sizes, out=bounds[1:])
    return Clusters(refs, bounds, members, mj.astype(np.float64), mc.astype(np.float64))


@dataclass(frozen=True, slots=True)
class MemberColumns:
    """Paragraphs g of a run as plain lists: what their `Member`s hold but the scores. `file`
    holds file numbers (`refs.files` names them); `earlier`, each one's index run (None when
    the run used no index)."""

    file: list[int]
    paragraph: list[int]
    start: list[int]
    end: list[int]
    earlier: list[str | None] | None


def member_columns(refs: ParagraphRefs, g: np.ndarray) -> MemberColumns:
    f = refs.file[g].tolist()
    earlier = refs.earlier_run
    return MemberColumns(f, refs.para[g].tolist(), refs.start[g].tolist(), refs.end[g].tolist(),
                         [earlier[fi] for fi in f] if earlier else None)


def _members(
    refs: ParagraphRefs, g: np.ndarray, jaccard: list[float], containment: list[float | None]
) -> list[Member]:
    """Member records for paragraphs g, with their (rounded) scores: built from plain lists,
    one Python object per member, no per-field numpy."""
    f = refs.file[g]
    files = refs.files
    earlier = refs.earlier_run
    return [
        Member(files[fi], p, s, e, j, c, earlier[fi] if earlier else None)
        for fi, p, s, e, j, c in zip(
            f.tolist(),
            refs.para[g].tolist(),
            refs.start[g].tolist(),
            refs.end[g].tolist(),
            jaccard,
            containment,
            strict=True,
        )
    ]


def _links(
    matches: Matches,
    refs: ParagraphRefs,
    second: np.ndarray,
    kept_repeats: list[KeptRepeat] | None = None,
) -> Links:
    """One pair per related representatives: their first paragraphs in two different files,
    ordered by (file name, paragraph) of the first, then of the later one. `kept_repeats`:
    near ("near") or contained repeats inside a file that stay, linked too."""
    file = refs.file
    sel = (matches.kind == CONTAINED) | (matches.kind == PASSAGE)
    a, b = matches.a[sel], matches.b[sel]
    x, y = a.copy(), b.copy()
    same = file[a] == file[b]
    # Related representatives in one file: pair them through a copy in another file.
    later_b = same & (second[b] >= 0)
    later_a = same & ~later_b & (second[a] >= 0)
    y[later_b] = second[b[later_b]]
    x[later_a] = second[a[later_a]]
    keep = ~same | later_b | later_a  # else both only in one file: a within-file matter
    x, y = x[keep], y[keep]
    kind = matches.kind[sel][keep]
    jaccard, contain = matches.jaccard[sel][keep], matches.contain[sel][keep]
    if kept_repeats:
        earlier, repeat, jac, con, near = (np.array(c) for c in zip(*kept_repeats, strict=True))
        x = np.concatenate([x, earlier.astype(np.int64)])
        y = np.concatenate([y, repeat.astype(np.int64)])
        kind = np.concatenate([kind, np.where(near, NEAR, CONTAINED).astype(object)])
        jaccard = np.concatenate([jaccard, jac.astype(np.float64)])
        contain = np.concatenate([contain, con.astype(np.float64)])
    first, later = np.minimum(x, y), np.maximum(x, y)
    rank = _name_rank(refs.files)
    order = np.lexsort((refs.para[later], rank[file[later]], refs.para[first], rank[file[first]]))
    return Links(refs, kind[order], first[order], later[order], jaccard[order], contain[order])


def _holding(key, credit, g, r, file, second_file, tokens, held, later=False):
    """The (paragraph, other file) keys and token credits of `_document_block`, with the
    paragraphs `g` that are found in another file only through the paragraphs they hold
    (`_held`): credited with those paragraphs' tokens there, at most their own. The other
    files are the earlier ones, or with `later` the later ones."""
    holder, part = held
    at, which = _expand(holder, r)
    if len(at) == 0:
        return key, credit
    who, inner = g[which], part[at]
    other = np.concatenate([file[inner], second_file[inner]])
    who, inner = np.concatenate([who, who]), np.concatenate([inner, inner])
    ok = _side(other, file[who], later)
    held_key = (who[ok] << 32) | other[ok]
    keys, inverse = np.unique(held_key, return_inverse=True)
    if len(keys) == 0:
        return key, credit
    found = np.bincount(inverse, weights=tokens[inner[ok]].astype(np.float64))
    found = np.minimum(found, tokens[keys >> 32])
    # A paragraph whose own text is in the other file already counts whole there.
    new = ~isin_sorted(keys, key)
    key = np.concatenate([key, keys[new]])
    credit = np.concatenate([credit, found[new]])
    order = np.argsort(key, kind="stable")
    return key[order], credit[order]


def _side(other: np.ndarray, own: np.ndarray, later: bool) -> np.ndarray:
    """Which `other` files are earlier than `own` (or, with `later`, later: the missing
    second file's sentinel is no file)."""
    if not later:
        return other < own
    return (other > own) & (other < NO_FILE)


NO_FILE = np.iinfo(np.int64).max  # `_occurrences`' second file of a text no other file holds


def _name_rank(names: list[str]) -> np.ndarray:
    """Per file number, its name's rank in sorted order (equal names, equal ranks): sorting
    by rank is sorting by name."""
    rank = np.zeros(len(names), dtype=np.int64)
    previous, r = None, -1
    for f in sorted(range(len(names)), key=names.__getitem__):
        if names[f] != previous:
            previous, r = names[f], r + 1
        rank[f] = r
    return rank



def _documents(refs, rep, src, dst, second_file, tokens, policy, held
               ) -> tuple[dict[int, DocDuplicate], dict[tuple[int, int], DocDuplicate]]:
    """Per file, the earlier file holding the largest share of its body tokens; and per
    file linked to no other that way, the later file holding most of it.

    A paragraph counts towards another file when that file holds its text or a
    paragraph it repeats, looking at the first two files holding each (bounded work
    for lines repeated across thousands of files; copies of copies still find the
    original, which holds the paragraphs first). A paragraph that holds paragraphs of an
    earlier file (two of the wire's paragraphs merged into one) counts the tokens of those
    it holds there, at most its own: a syndicated copy that merged paragraphs is the
    same document as much as one that kept them apart.

    The second result, keyed (later file, earlier file), holds the links back: a trimmed
    copy that sorts before the fuller copies is inside them, while none of them is inside
    it. An editor wants that pair too; `--drop-duplicate-docs` drops only the first kind
    (the later file is the copy: the canonical document is the first in stable order), so
    the links back are reported and drop nothing. Every link carries the share each way,
    the one back read exactly for the pair (`_shares`)."""
    file = refs.file
    n_files = len(refs.files)
    total = np.zeros(n_files, dtype=np.int64)
    np.add.at(total, file, tokens)
    if refs.earlier_tokens:
        # Indexed files come back with the paragraphs sharing a key with the run only:
        # their whole body is the index's count.
        total[:len(refs.earlier_tokens)] = refs.earlier_tokens
    g = np.flatnonzero(rep >= 0)
    if len(g) == 0:
        return {}, {}
    r = rep[g]
    # Targets: the paragraph's own representative, and every representative it repeats.
    lo = np.searchsorted(src, r, side="left")
    count = np.searchsorted(src, r, side="right") - lo
    # Files are scored each on their own: whole files are expanded a block at a time, so
    # the rows (one per paragraph and target) never all exist at once (hundreds of MB).
    # Paragraphs are in stable order, so a file's paragraphs are consecutive.
    spent = np.cumsum(1 + count) - (1 + count)  # rows before each paragraph's
    starts = np.flatnonzero(np.r_[True, file[g[1:]] != file[g[:-1]]])
    window = spent[starts] // DOC_BLOCK_ROWS
    bounds = np.r_[starts[np.r_[True, window[1:] != window[:-1]]], len(g)].tolist()
    forward: dict[int, tuple[int, float, int]] = {}
    back: dict[int, int] = {}
    for a, z in pairwise(bounds):
        block = slice(a, z)
        found, ahead = _document_block(refs, g[block], r[block], lo[block], count[block], dst,
                                       second_file, tokens, total, policy, held)
        forward.update(found)
        back.update(ahead)
    # A file another file copies, or that copies one, is linked already.
    linked = set(forward) | {e for e, _, _ in forward.values()}
    back = {x: y for x, y in back.items() if x not in linked}
    # The shares not yet read: each forward link's back, each link back's both ways.
    fs = sorted(forward)
    bx = sorted(back)
    xs = np.array([forward[f][0] for f in fs] + bx + [back[x] for x in bx], dtype=np.int64)
    ys = np.array(fs + [back[x] for x in bx] + bx, dtype=np.int64)
    share, matched = _shares(xs, ys, g, r, file, src, dst, tokens, total, held)
    runs = refs.earlier_run
    dups: dict[int, DocDuplicate] = {}
    for i, f in enumerate(fs):
        e, sc, c = forward[f]
        dups[f] = DocDuplicate(refs.files[f], refs.files[e], round(sc, 4), c,
                               runs[e] if runs else None, round(float(share[i]), 4),
                               "both" if share[i] >= policy.doc_threshold else "file")
    held_back: dict[tuple[int, int], DocDuplicate] = {}
    for i, x in enumerate(bx):
        y = back[x]
        held_share, inside = share[len(fs) + i], share[len(fs) + len(bx) + i]
        if held_share < policy.doc_threshold:
            continue  # not reached: the exact share is at least the bounded one
        held_back[(y, x)] = DocDuplicate(
            refs.files[y], refs.files[x], round(float(inside), 4),
            int(matched[len(fs) + len(bx) + i]), runs[x] if runs else None,
            round(float(held_share), 4),
            "both" if inside >= policy.doc_threshold else "duplicate_of")
    return dups, dict(sorted(held_back.items()))


def _document_block(refs, g, r, lo, count, dst, second_file, tokens, total, policy, held
                    ) -> tuple[dict[int, tuple[int, float, int]], dict[int, int]]:
    """`_documents` for the files whose paragraphs are `g` (all of each file's): per file,
    the earlier file holding most of it (that file, the share, the paragraphs matched) when
    the share reaches the threshold, and the later file holding most of it likewise."""
    file = refs.file
    at = np.repeat(lo - np.cumsum(np.r_[0, count[:-1]]), count) + np.arange(count.sum())
    who = np.concatenate([g, np.repeat(g, count)])
    target = np.concatenate([r, dst[at]]) if len(at) else r
    who = np.concatenate([who, who])
    other = np.concatenate([file[target], second_file[target]])
    found: dict[int, tuple[int, float, int]] = {}
    ahead: dict[int, int] = {}
    for later in (False, True):
        ok = _side(other, file[who], later)
        # each paragraph counts once per other file
        key = unique_sorted((who[ok] << 32) | other[ok])
        credit = tokens[key >> 32].astype(np.float64)
        key, credit = _holding(key, credit, g, r, file, second_file, tokens, held, later)
        for fi, ei, sc, c in _best(key, credit, file, total, later):
            if sc >= policy.doc_threshold:
                if later:
                    ahead[fi] = ei
                else:
                    found[fi] = (ei, sc, c)
    return found, ahead


def _best(key, credit, file, total, later) -> list[tuple[int, int, float, int]]:
    """Per file, the other file holding the largest share of its tokens (ties: the earliest
    other file), with the share and the paragraphs counted."""
    if len(key) == 0:
        return []
    who, other = key >> 32, key & 0xFFFFFFFF
    fe = (file[who] << 32) | other
    pairs, inverse = np.unique(fe, return_inverse=True)
    tok = np.bincount(inverse, weights=credit)
    cnt = np.bincount(inverse)
    f, e = pairs >> 32, pairs & 0xFFFFFFFF
    score = tok / np.maximum(total[f], 1)
    order = np.lexsort((e, -score, f))  # best score, then earliest file
    f, e, score, cnt = f[order], e[order], score[order], cnt[order]
    first = np.r_[True, f[1:] != f[:-1]]
    return list(zip(f[first].tolist(), e[first].tolist(), score[first].tolist(),
                    cnt[first].tolist(), strict=True))


def _shares(xs, ys, g, r, file, src, dst, tokens, total, held
            ) -> tuple[np.ndarray, np.ndarray]:
    """Per pair (x, y): the share of x's body tokens found in y, and how many of x's
    paragraphs count there, read exactly: a paragraph of x counts when y holds its text or
    a text it repeats, or (at most its own tokens) the texts it holds; whatever the number
    of files holding them, where `_document_block` looks at the first two."""
    share = np.zeros(len(xs), dtype=np.float64)
    matched = np.zeros(len(xs), dtype=np.int64)
    if len(xs) == 0:
        return share, matched
    fg = file[g]
    occurs = unique_sorted((r << 32) | fg)  # (text, file holding it)
    row, pair = _expand(fg, xs)  # each pair's rows: x's paragraphs
    q, y = g[row], ys[pair]
    text = r[row]
    hit = isin_sorted((text << 32) | y, occurs)
    # The texts each paragraph repeats (near, or contained in them).
    at, which = _expand(src, text)
    if len(at):
        seen = isin_sorted((dst[at] << 32) | y[which], occurs)
        hit[which[seen]] = True
    credit = np.where(hit, tokens[q], 0).astype(np.float64)
    holder, part = held
    at, which = _expand(holder, text)
    miss = ~hit[which]
    at, which = at[miss], which[miss]
    if len(at):
        seen = isin_sorted((part[at] << 32) | y[which], occurs)
        inner = np.bincount(which[seen], weights=tokens[part[at[seen]]].astype(np.float64),
                            minlength=len(row))
        credit = np.where(hit, credit, np.minimum(inner, tokens[q]))
    share = np.bincount(pair, weights=credit, minlength=len(xs)) / np.maximum(total[xs], 1)
    matched = np.bincount(pair, weights=(credit > 0), minlength=len(xs)).astype(np.int64)
    return share, matched


def document_links(res: Resolution) -> list[DocDuplicate]:
    """The document links of a resolution in stable order of their later file, then of
    their earlier one: copies of an earlier file and links back together."""
    keyed = [((f, -1), d) for f, d in res.doc_dups.items()]
    keyed += list(res.doc_held.items())
    keyed.sort(key=lambda kd: kd[0])
    return [d for _, d in keyed]


# A closing paragraph clustered across this many files or more, no two of them sharing
# anything else, is boilerplate (`_boilerplate`).
BOILERPLATE_FILES = 3


def _boilerplate(clusters: Clusters, links: Links, refs: ParagraphRefs,
                 doc_dups: dict[int, DocDuplicate],
                 doc_held: dict[tuple[int, int], DocDuplicate]) -> np.ndarray:
    """Per cluster: whether it is a page's closing boilerplate rather than a story's copies.

    A legal disclaimer, a publisher's "About us" or a standing sentence closes pages of
    unrelated content word for word. Such a cluster is the last body paragraph of each of
    its files, in `BOILERPLATE_FILES` files or more, no two of which share anything else:
    another cluster, a link, or a document link. A story's copies share their opening and
    the text between, even when edited too heavily to be linked as documents (a lead copied
    by three outlets that rewrote the rest opens their pages), and two pages closing alike
    are as often one story quoted (a reused background paragraph): those stay clusters."""
    n = len(clusters)
    if n == 0:
        return np.zeros(0, dtype=bool)
    bounds, g = clusters._bounds, clusters._g
    file, para = refs.file, refs.para
    last = np.zeros(len(refs.files), dtype=np.int64)
    np.maximum.at(last, file, para)
    closing = np.logical_and.reduceat(para[g] == last[file[g]], bounds[:-1])
    cid = np.repeat(np.arange(n, dtype=np.int64), np.diff(bounds))
    member_files = unique_sorted((cid << 32) | file[g])  # (cluster, file), distinct
    files_of = np.bincount(member_files >> 32, minlength=n)
    candidate = closing & (files_of >= BOILERPLATE_FILES)
    if not candidate.any():
        return candidate
    by_file = unique_sorted((file[g] << 32) | cid)  # (file, cluster), distinct
    # Another cluster with two of a candidate's files.
    mine = member_files[candidate[member_files >> 32]]
    at, which = _expand(by_file >> 32, mine & 0xFFFFFFFF)
    c, other = mine[which] >> 32, by_file[at] & 0xFFFFFFFF
    pairs = (c << 32) | other
    pairs = np.sort(pairs[c != other])
    twice = pairs[1:][pairs[1:] == pairs[:-1]]
    candidate[twice >> 32] = False
    # A link or a document link between two of a candidate's files.
    x, y = _related_files(links, refs, doc_dups, doc_held)
    if len(x):
        at, which = _expand(by_file >> 32, x)
        both = isin_sorted((y[which] << 32) | (by_file[at] & 0xFFFFFFFF), by_file)
        candidate[by_file[at[both]] & 0xFFFFFFFF] = False
    return candidate


def _related_files(links: Links, refs: ParagraphRefs, doc_dups: dict[int, DocDuplicate],
                   doc_held: dict[tuple[int, int], DocDuplicate]
                   ) -> tuple[np.ndarray, np.ndarray]:
    """The (file, file) numbers of every link between two files and every document link."""
    number = {name: k for k, name in enumerate(refs.files)}
    docs = ([(f, number[d.duplicate_of]) for f, d in doc_dups.items()]
            + [(y, x) for y, x in doc_held])
    fa, fb = refs.file[links._a], refs.file[links._b]
    apart = fa != fb
    x = np.concatenate([fa[apart], np.array([a for a, _ in docs], dtype=np.int64)])
    y = np.concatenate([fb[apart], np.array([b for _, b in docs], dtype=np.int64)])
    return x, y
