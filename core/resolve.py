"""Turn verified pairs into decisions: what to drop, which clusters and links to report.

- Inside one file, a later paragraph that repeats an earlier one (same text,
  near-duplicate, or contained in it) is dropped; the earlier one is kept.
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

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from .fingerprint import Prints
from .match import CONTAINED, NEAR, PASSAGE, Matches, intersections
from .model import Cluster, DocDuplicate, DupRef, Member, Pair

MAX_LINKS_PER_PAIR = 16


@dataclass(slots=True)
class ParagraphRefs:
    """Where each fingerprinted paragraph lives (arrays indexed like the prints)."""

    files: list[str]  # display names by file number, in stable order
    file: np.ndarray  # int64
    para: np.ndarray  # int64: 1-based paragraph number in its file
    start: np.ndarray
    end: np.ndarray
    earlier_run: list[str | None] | None = None  # per file: when an earlier run indexed it


@dataclass(frozen=True, slots=True)
class Policy:
    drop_seen_paragraphs: bool = False
    drop_duplicate_docs: bool = False
    doc_threshold: float = 0.8


@dataclass(slots=True)
class Resolution:
    drops: dict[int, DupRef] = field(default_factory=dict)  # global paragraph -> what it repeats
    seen: dict[int, DupRef] = field(default_factory=dict)  # dropped by --drop-seen-paragraphs
    clusters: list[Cluster] = field(default_factory=list)
    links: list[Pair] = field(default_factory=list)
    doc_dups: dict[int, DocDuplicate] = field(default_factory=dict)  # file number -> duplicate


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        root = x
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while self.parent.get(x, x) != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, x: int, y: int) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            # The smaller index stays root, so roots are canonical members.
            self.parent[max(rx, ry)] = min(rx, ry)


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


def _member(refs: ParagraphRefs, g: int, jaccard: float, containment: float | None) -> Member:
    f = int(refs.file[g])
    return Member(
        refs.files[f],
        int(refs.para[g]),
        int(refs.start[g]),
        int(refs.end[g]),
        round(float(jaccard), 4),
        None if containment is None else round(float(containment), 4),
        refs.earlier_run[f] if refs.earlier_run else None,
    )


def resolve(
    prints: Prints,
    matches: Matches,
    refs: ParagraphRefs,
    policy: Policy,
    ntokens: np.ndarray | None = None,
) -> Resolution:
    res = Resolution()
    n = len(matches.rep)
    rep = matches.rep
    sizes = prints.nuniq
    tokens = prints.ntokens if ntokens is None else ntokens
    # Strong relations (near-duplicate, or one contained in the other) by representative.
    partners: dict[int, list[tuple[int, float, float, str]]] = defaultdict(list)
    for a, b, jac, con, kind in zip(
        matches.a.tolist(),
        matches.b.tolist(),
        matches.jaccard.tolist(),
        matches.contain.tolist(),
        matches.kind.tolist(),
        strict=True,
    ):
        if kind in (NEAR, CONTAINED):
            partners[a].append((b, jac, con, kind))
            partners[b].append((a, jac, con, kind))
    members: dict[int, list[int]] = defaultdict(list)
    for g in np.flatnonzero(rep >= 0).tolist():
        members[int(rep[g])].append(g)

    def repeats(r: int, o: int, kind: str) -> bool:
        """Whether a paragraph with representative r repeats one with representative o."""
        return kind == NEAR or (kind == CONTAINED and sizes[r] <= sizes[o])

    # Within each file: later repeats are dropped.
    by_file: dict[int, list[int]] = defaultdict(list)
    for g in range(n):
        if rep[g] >= 0:
            by_file[int(refs.file[g])].append(g)
    for gs in by_file.values():
        seen: dict[int, int] = {}  # representative -> paragraph kept for it in this file
        for g in gs:
            r = int(rep[g])
            if r in seen:
                res.drops[g] = _ref(refs, seen[r], 1.0, None)
                continue
            best: tuple[int, float, float] | None = None
            for o, jac, con, kind in partners.get(r, ()):
                if o in seen and repeats(r, o, kind):
                    target = seen[o]
                    if best is None or target < best[0]:
                        best = (target, jac, con if kind == CONTAINED else None)
            if best is not None:
                res.drops[g] = _ref(refs, best[0], best[1], best[2])
                seen[r] = best[0]
            else:
                seen[r] = g

    # First file holding each representative (for policies and document matches).
    first_at: dict[int, int] = {r: gs[0] for r, gs in members.items()}

    if policy.drop_seen_paragraphs:
        for g in range(n):
            r = int(rep[g])
            if r < 0 or g in res.drops:
                continue
            f = refs.file[g]
            earlier = first_at[r]
            if refs.file[earlier] < f:
                res.seen[g] = _ref(refs, earlier, 1.0, None)
                continue
            best = None
            for o, jac, con, kind in partners.get(r, ()):
                e = first_at[o]
                if refs.file[e] < f and repeats(r, o, kind) and (best is None or e < best[0]):
                    best = (e, jac, con if kind == CONTAINED else None)
            if best is not None:
                res.seen[g] = _ref(refs, best[0], best[1], best[2])

    res.clusters = _clusters(prints, matches, refs, members)
    res.links = _links(matches, refs, members)
    res.doc_dups = _documents(refs, rep, members, partners, repeats, tokens, policy)
    return res


def _clusters(
    prints: Prints, matches: Matches, refs: ParagraphRefs, members: dict[int, list[int]]
) -> list[Cluster]:
    uf = _UnionFind()
    for a, b, kind in zip(
        matches.a.tolist(), matches.b.tolist(), matches.kind.tolist(), strict=True
    ):
        if kind == NEAR:
            uf.union(a, b)
    groups: dict[int, list[int]] = defaultdict(list)
    for r in members:
        groups[uf.find(r)].append(r)
    found: list[list[int]] = []
    for reps in groups.values():
        gs = sorted(g for r in reps for g in members[r])
        if len({int(refs.file[g]) for g in gs}) >= 2:
            found.append(gs)
    found.sort(key=lambda gs: gs[0])
    # Score every member against the canonical member, on the exact shingle sets.
    rep = matches.rep
    pa, pb = [], []
    for gs in found:
        c = int(rep[gs[0]])
        for g in gs[1:]:
            if rep[g] != c:
                pa.append(c)
                pb.append(int(rep[g]))
    scores: dict[tuple[int, int], tuple[float, float]] = {}
    if pa:
        a, b = np.array(pa, dtype=np.int64), np.array(pb, dtype=np.int64)
        inter = intersections(prints, a, b)
        sa = prints.nuniq[a].astype(np.int64)
        sb = prints.nuniq[b].astype(np.int64)
        for x, y, i, s1, s2 in zip(pa, pb, inter.tolist(), sa.tolist(), sb.tolist(), strict=True):
            union = s1 + s2 - i
            scores[(x, y)] = (i / union if union else 0.0, i / min(s1, s2) if min(s1, s2) else 0.0)
    clusters = []
    for gs in found:
        c = int(rep[gs[0]])
        out = []
        for g in gs:
            r = int(rep[g])
            jac, con = (1.0, 1.0) if r == c else scores[(c, r)]
            out.append(_member(refs, g, jac, None if r == c else con))
        clusters.append(Cluster(tuple(out)))
    return clusters


def _links(matches: Matches, refs: ParagraphRefs, members: dict[int, list[int]]) -> list[Pair]:
    links = []
    for a, b, jac, con, kind in zip(
        matches.a.tolist(),
        matches.b.tolist(),
        matches.jaccard.tolist(),
        matches.contain.tolist(),
        matches.kind.tolist(),
        strict=True,
    ):
        if kind not in (CONTAINED, PASSAGE):
            continue
        count = 0
        for x in members[a]:
            for y in members[b]:
                if refs.file[x] == refs.file[y]:
                    continue
                first, second = (x, y) if x < y else (y, x)
                links.append(
                    Pair(
                        kind,
                        _member(refs, first, 1.0, None),
                        _member(refs, second, jac, con),
                        round(jac, 4),
                        round(con, 4),
                    )
                )
                count += 1
                if count >= MAX_LINKS_PER_PAIR:
                    break
            if count >= MAX_LINKS_PER_PAIR:
                break
    links.sort(key=lambda p: (p.a.file, p.a.paragraph, p.b.file, p.b.paragraph))
    return links


def _documents(refs, rep, members, partners, repeats, tokens, policy) -> dict[int, DocDuplicate]:
    n_files = len(refs.files)
    total = np.zeros(n_files, dtype=np.int64)
    np.add.at(total, refs.file, tokens)
    # matched[(f, e)]: tokens of f's paragraphs repeated in earlier file e; count of them.
    matched: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
    files_of: dict[int, list[int]] = {
        r: sorted({int(refs.file[g]) for g in gs}) for r, gs in members.items() if len(gs) > 1
    }
    for g in range(len(rep)):
        r = int(rep[g])
        if r < 0:
            continue
        f = int(refs.file[g])
        earlier: set[int] = {e for e in files_of.get(r, ()) if e < f}
        for o, _jac, _con, kind in partners.get(r, ()):
            if repeats(r, o, kind):
                earlier.update(int(refs.file[x]) for x in members[o] if refs.file[x] < f)
        for e in earlier:
            entry = matched[(f, e)]
            entry[0] += int(tokens[g])
            entry[1] += 1
    best: dict[int, tuple[float, int, int]] = {}
    for (f, e), (tok, count) in matched.items():
        if total[f] == 0:
            continue
        score = tok / total[f]
        current = best.get(f)
        if current is None or score > current[0] or (score == current[0] and e < current[1]):
            best[f] = (score, e, count)
    dups = {}
    for f, (score, e, count) in sorted(best.items()):
        if score >= policy.doc_threshold:
            dups[f] = DocDuplicate(
                refs.files[f],
                refs.files[e],
                round(score, 4),
                count,
                refs.earlier_run[e] if refs.earlier_run else None,
            )
    return dups
