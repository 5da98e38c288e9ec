"""Find verified near-duplicate paragraph pairs in a batch of fingerprints.

1. Exact duplicates collapse first: paragraphs with the same matching form
   become one representative, so a line repeated 50,000 times costs one
   fingerprint and one group, never 50,000^2 candidates.
2. Candidates among representatives come from LSH bands (same MinHash values
   in a band) and from shared anchors (a shared run of words); buckets that
   grow past a cap are linked as a star to their first member instead of as
   a clique.
3. Every candidate is verified on the exact shingle sets, in numpy batches:
   Jaccard, and containment of the smaller set in the larger.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .fingerprint import Prints, gather, unique_sorted

MAX_BUCKET = 64  # LSH bucket members linked pairwise; larger buckets link as a star
MAX_ANCHOR_SHARE = 48  # an anchor in more paragraphs than this is a stock phrase, not evidence

NEAR, CONTAINED, PASSAGE = "near", "contained", "passage"


@dataclass(frozen=True, slots=True)
class MatchParams:
    threshold: float  # Jaccard for near-duplicates
    containment: float  # share of the smaller paragraph found in the larger
    min_tokens: int  # below this, exact matches only
    passage_shingles: int  # shared shingles that make a cross-paragraph passage
    exact_floor: int = 4  # paragraphs with fewer tokens never match at all
    fact_tolerance: float = 1.0  # largest share of facts one side may replace (1.0: no check)


@dataclass(slots=True)
class Matches:
    """Verified pairs over representatives, and how paragraphs map to them."""

    rep: np.ndarray  # int64[n]: representative (first paragraph with the same exact key)
    a: np.ndarray  # int64[m]: representative indices, a < b
    b: np.ndarray
    inter: np.ndarray  # int64[m]: shared shingles
    jaccard: np.ndarray  # float64[m]
    contain: np.ndarray  # float64[m]: |A & B| / min(|A|, |B|)
    kind: np.ndarray  # object[m]: NEAR, CONTAINED or PASSAGE
    candidates: int = 0  # candidate pairs verified (for benchmarks)


def representatives(prints: Prints, floor: int) -> np.ndarray:
    """rep[i]: the first paragraph with i's exact key (i itself if first, -1 if too short)."""
    n = len(prints)
    rep = np.full(n, -1, dtype=np.int64)
    ok = np.flatnonzero(prints.ntokens >= floor)
    if len(ok) == 0:
        return rep
    keys = prints.exact[ok]
    order = np.lexsort((ok, keys))  # by key, then position: the first of a run is earliest
    sorted_keys = keys[order]
    starts = np.ones(len(order), dtype=bool)
    starts[1:] = sorted_keys[1:] != sorted_keys[:-1]
    run_id = np.cumsum(starts) - 1
    first = ok[order][starts]
    rep[ok[order]] = first[run_id]
    return rep


def _run_pairs(keys: np.ndarray, ids: np.ndarray, cap: int, star: bool) -> np.ndarray:
    """Pairs (as int64 codes a * 2**32 + b, a < b) of ids sharing a key.

    Runs longer than `cap` are linked as a star to their first id when `star`,
    and skipped otherwise.
    """
    if len(keys) < 2:
        return np.zeros(0, dtype=np.int64)
    order = np.lexsort((ids, keys))
    k = keys[order]
    v = ids[order]
    boundary = np.ones(len(k) + 1, dtype=bool)
    boundary[1:-1] = k[1:] != k[:-1]
    starts = np.flatnonzero(boundary[:-1])
    ends = np.flatnonzero(boundary[1:]) + 1
    sizes = ends - starts
    out = []
    multi = sizes >= 2
    small = multi & (sizes <= cap)
    # Pairwise within small runs: for each offset d, pair element t with t + d.
    if small.any():
        s_starts, s_sizes = starts[small], sizes[small]
        for d in range(1, int(s_sizes.max())):
            sel = s_sizes > d
            if not sel.any():
                break
            base = s_starts[sel]
            span = s_sizes[sel] - d
            # every t in [base, base + span)
            idx = np.repeat(base - np.cumsum(np.r_[0, span[:-1]]), span) + np.arange(span.sum())
            out.append(_codes(v[idx], v[idx + d]))
    big = multi & (sizes > cap)
    if star and big.any():
        for s, e in zip(starts[big], ends[big], strict=True):
            out.append(_codes(np.full(e - s - 1, v[s]), v[s + 1 : e]))
    if not out:
        return np.zeros(0, dtype=np.int64)
    return np.concatenate(out)


def _codes(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    lo = np.minimum(x, y).astype(np.int64)
    hi = np.maximum(x, y).astype(np.int64)
    return (lo << 32) | hi


def candidates(prints: Prints, reps: np.ndarray, eligible: np.ndarray) -> np.ndarray:
    """Candidate pairs among representatives `reps` (int64 codes, unique)."""
    parts = []
    lsh = reps[eligible[reps]]
    if len(lsh) >= 2:
        bands = prints.bands[lsh]
        for j in range(bands.shape[1]):
            parts.append(_run_pairs(bands[:, j], lsh, MAX_BUCKET, star=True))
    # Anchors: every (anchor, representative) occurrence.
    anchors, sizes = gather(prints.an_off, prints.an, reps)
    if len(anchors) >= 2:
        owner = np.repeat(reps, sizes)
        parts.append(_run_pairs(anchors.astype(np.int64), owner, MAX_ANCHOR_SHARE, star=False))
    if not parts:
        return np.zeros(0, dtype=np.int64)
    codes = np.concatenate(parts)
    return np.unique(codes)


def intersections(
    prints: Prints, a: np.ndarray, b: np.ndarray, batch_rows: int = 1 << 22
) -> np.ndarray:
    """|set(a[k]) & set(b[k])| over the shingles of each pair, in numpy batches."""
    return _intersections(prints.seq_off, prints.seq, a, b, batch_rows)


def fact_intersections(prints: Prints, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return _intersections(prints.fact_off, prints.fact, a, b, 1 << 22)


def _intersections(
    off: np.ndarray, values: np.ndarray, a: np.ndarray, b: np.ndarray, batch_rows: int
) -> np.ndarray:
    out = np.zeros(len(a), dtype=np.int64)
    for start, take in _batches(off, a, b, batch_rows):
        keys = []
        for side in (a[start : start + take], b[start : start + take]):
            vals, lens = gather(off, values, side)
            pair = np.repeat(np.arange(len(side), dtype=np.uint64), lens)
            keys.append(unique_sorted((pair << np.uint64(32)) | vals.astype(np.uint64)))
        merged = np.sort(np.concatenate(keys))
        dup = merged[1:][merged[1:] == merged[:-1]]
        out[start : start + take] = np.bincount(
            (dup >> np.uint64(32)).astype(np.int64), minlength=take
        )
    return out


def longest_runs(
    prints: Prints, a: np.ndarray, b: np.ndarray, batch_rows: int = 1 << 22
) -> np.ndarray:
    """Longest run of consecutive shingles that paragraphs a[k] and b[k] share, in order."""
    out = np.zeros(len(a), dtype=np.int64)
    for start, take in _batches(prints.seq_off, a, b, batch_rows):
        sides = []
        for side in (a[start : start + take], b[start : start + take]):
            values, lens = gather(prints.seq_off, prints.seq, side)
            pair = np.repeat(np.arange(len(side), dtype=np.int64), lens)
            pos = np.arange(len(values), dtype=np.int64) - np.repeat(
                np.cumsum(np.r_[0, lens[:-1]]), lens
            )
            sides.append(
                ((pair.astype(np.uint64) << np.uint64(32)) | values.astype(np.uint64), pos)
            )
        (key_a, pos_a), (key_b, pos_b) = sides
        # First position of each distinct shingle in b, then look every shingle of a up there.
        order = np.argsort(key_b, kind="stable")
        kb = key_b[order]
        first = np.ones(len(kb), dtype=bool)
        first[1:] = kb[1:] != kb[:-1]
        ub, ub_pos = kb[first], pos_b[order][first]
        if len(ub) == 0:
            continue
        idx = np.minimum(np.searchsorted(ub, key_a), len(ub) - 1)
        hit = ub[idx] == key_a
        pair = (key_a[hit] >> np.uint64(32)).astype(np.int64)
        ia, ib = pos_a[hit], ub_pos[idx[hit]]
        if len(pair) == 0:
            continue
        # A run is a stretch of consecutive positions on one diagonal (ia - ib constant).
        diag = ia - ib
        o = np.lexsort((ia, diag, pair))
        p, d, i = pair[o], diag[o], ia[o]
        new = np.ones(len(p), dtype=bool)
        new[1:] = (p[1:] != p[:-1]) | (d[1:] != d[:-1]) | (i[1:] != i[:-1] + 1)
        run_len = np.bincount(np.cumsum(new) - 1)
        best = np.zeros(take, dtype=np.int64)
        np.maximum.at(best, p[new], run_len)
        out[start : start + take] = best
    return out


def _batches(off: np.ndarray, a: np.ndarray, b: np.ndarray, batch_rows: int):
    sizes = (off[a + 1] - off[a]) + (off[b + 1] - off[b])
    start = 0
    while start < len(a):
        take = max(1, int(np.searchsorted(np.cumsum(sizes[start:]), batch_rows, side="right")))
        take = min(take, len(a) - start)
        yield start, take
        start += take


def fact_agreement(prints: Prints, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """1 - the share of facts (numbers, names) that one paragraph replaces with others.

    Facts present on one side only are not a disagreement when the other side
    simply lacks them (a trimmed or split copy): only substitutions count,
    min(|A - B|, |B - A|), against the facts the pair could agree on.
    """
    shared = fact_intersections(prints, a, b)
    fa = (prints.fact_off[a + 1] - prints.fact_off[a]) - shared
    fb = (prints.fact_off[b + 1] - prints.fact_off[b]) - shared
    replaced = np.minimum(fa, fb)
    judged = shared + replaced
    return np.where(judged > 0, 1.0 - replaced / np.maximum(judged, 1), 1.0)


def verify(
    prints: Prints, a: np.ndarray, b: np.ndarray, params: MatchParams
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Exact verification of pairs (a[k], b[k]): (kind or "", shared shingles, Jaccard, containment)."""
    inter = intersections(prints, a, b)
    size_a = prints.nuniq[a].astype(np.int64)
    size_b = prints.nuniq[b].astype(np.int64)
    union = size_a + size_b - inter
    smaller = np.minimum(size_a, size_b)
    jac = np.where(union > 0, inter / np.maximum(union, 1), 0.0)
    con = np.where(smaller > 0, inter / np.maximum(smaller, 1), 0.0)
    eligible = prints.ntokens >= params.min_tokens
    both_long = eligible[a] & eligible[b]
    same_facts = fact_agreement(prints, a, b) >= 1.0 - params.fact_tolerance
    near = both_long & (jac >= params.threshold) & same_facts
    contained = both_long & ~near & (con >= params.containment) & same_facts
    passage = ~near & ~contained & (inter >= params.passage_shingles)
    if passage.any():
        # Many shared shingles are not yet a passage: the shared words must form one run.
        idx = np.flatnonzero(passage)
        runs = longest_runs(prints, a[idx], b[idx])
        passage[idx[runs < params.passage_shingles]] = False
    kind = np.where(near, NEAR, np.where(contained, CONTAINED, np.where(passage, PASSAGE, "")))
    return kind.astype(object), inter, jac, con


def find_matches(prints: Prints, params: MatchParams) -> Matches:
    rep = representatives(prints, params.exact_floor)
    reps = np.unique(rep[rep >= 0])
    eligible = prints.ntokens >= params.min_tokens
    codes = candidates(prints, reps, eligible)
    a = (codes >> 32).astype(np.int64)
    b = (codes & 0xFFFFFFFF).astype(np.int64)
    kind, inter, jac, con = verify(prints, a, b, params)
    keep = kind != ""
    return Matches(
        rep, a[keep], b[keep], inter[keep], jac[keep], con[keep], kind[keep], len(codes)
    )
