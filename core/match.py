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
from itertools import pairwise

import numpy as np

from .fingerprint import Prints, gather, unique_sorted

try:  # each pair's shared values in one merge, in C (optional: see core/_setops.c)
    from . import _setops
except ImportError:
    _setops = None

MAX_BUCKET = 32  # LSH bucket members linked pairwise; larger buckets link as a star
MAX_ANCHOR_SHARE = 16  # anchors shared wider than this link as stars around ...
ANCHOR_CENTERS = 4  # ... their 4 shortest holders (a stock sentence split off in 4 copies)

ANCHOR_SLICE_BITS = 20  # anchors paired a slice of about 2**20 at a time
_NOT_REP = np.uint32(0xFFFFFFFF)  # local id of a paragraph that is not a representative

BATCH_ROWS = 1 << 19  # shingles per verification batch: bounds the memory of a batch (~40 MB)
VERIFY_PAIRS = 1 << 18  # candidate pairs verified at once: bounds verification memory
# With this many candidates or more, the slices are verified in worker processes: fewer, and
# starting the workers (a fork of the parent's whole heap) costs more than they would share.
PARALLEL_PAIRS = 1 << 17
# With this many paragraphs or more, the candidates' parts are made in worker processes: the
# 10,000-file corpus's 88,000 (0.2 s of the parent's CPU for 20 bands and slices of anchors)
# pays the fork several times over; a run of a few files does not.
PARALLEL_PARAGRAPHS = 1 << 16

NEAR, CONTAINED, PASSAGE = "near", "contained", "passage"
_KINDS = np.array([NEAR, CONTAINED, PASSAGE, ""], dtype=object)


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
    same_facts: np.ndarray  # bool[m]: every fact (number, name) of the pair agrees
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


def _run_pairs(
    keys: np.ndarray, ids: np.ndarray, cap: int, centers: int = 1
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (x, y) of local ids (uint32, < 2**32) sharing a uint32 key, x < y.

    Runs of up to `cap` ids are linked pairwise. Longer runs (a stock phrase, a
    crowded bucket) are linked as stars around their `centers` smallest ids, so their
    cost stays linear in their size. One sort of 64-bit (key, id) words does all the
    grouping (much faster than a lexsort over two arrays).
    """
    empty = np.zeros(0, dtype=np.uint32)
    if len(keys) < 2:
        return empty, empty
    packed = keys.astype(np.uint64)
    packed <<= np.uint64(32)
    packed |= ids.astype(np.uint64)
    packed.sort()
    k = (packed >> np.uint64(32)).astype(np.uint32)
    v = (packed & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    del packed
    boundary = np.ones(len(k) + 1, dtype=bool)
    boundary[1:-1] = k[1:] != k[:-1]
    starts = np.flatnonzero(boundary[:-1])
    sizes = np.diff(np.r_[starts, len(k)])
    xs, ys = [], []
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
            xs.append(v[idx])
            ys.append(v[idx + d])
    big = multi & (sizes > cap)
    for c in range(centers if big.any() else 0):
        # Star around the run's (c+1)-th id: linked to every id after it.
        b_starts, b_sizes = starts[big] + c, sizes[big] - 1 - c
        idx = np.repeat(b_starts + 1 - np.cumsum(np.r_[0, b_sizes[:-1]]), b_sizes) + np.arange(
            b_sizes.sum()
        )
        xs.append(np.repeat(v[b_starts], b_sizes))
        ys.append(v[idx])
    if not xs:
        return empty, empty
    return np.concatenate(xs), np.concatenate(ys)


def _codes(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    lo = np.minimum(x, y).astype(np.int64)
    hi = np.maximum(x, y).astype(np.int64)
    return (lo << 32) | hi


@dataclass(slots=True)
class _Candidates:
    """What every part of the candidates is made from (`candidates`): the representatives
    in LSH, and the anchors' slices with the representatives' local ids."""

    prints: Prints
    lsh: np.ndarray  # representatives long enough for LSH
    by_length: np.ndarray  # representatives, shortest first (local id -> paragraph)
    local_of: np.ndarray  # paragraph -> local id (_NOT_REP for the others)
    low: np.ndarray  # each anchor's slice


# The run's candidate sources, for workers forked after they were made (as `_VERIFYING`).
_PAIRING: _Candidates | None = None


def candidates(prints: Prints, reps: np.ndarray, eligible: np.ndarray, jobs: int = 1
               ) -> np.ndarray:
    """Candidate pairs among representatives `reps` (int64 codes a << 32 | b, a < b, unique).

    Made in parts (a band of LSH, or a slice of anchors) that are independent of each other
    and end sorted and unique as a whole: with `jobs` > 1 on enough paragraphs, the parts
    are made in forked workers (`candidate_workers`), which find the fingerprints in their
    copy of this process's memory; the parts come back in order, so the codes are the
    same."""
    global _PAIRING
    lsh = reps[eligible[reps]]
    # Anchors: every (anchor, representative) occurrence. Local ids rank representatives
    # shortest first: a phrase in many paragraphs is linked around its shortest holders,
    # the ones most likely to be contained in the others (a quote, a stock sentence).
    by_length = reps[np.lexsort((reps, prints.ntokens[reps]))]
    local_of = np.full(len(prints), _NOT_REP, dtype=np.uint32)
    local_of[by_length] = np.arange(len(by_length), dtype=np.uint32)
    # Pairs come from equal anchors only, so anchors split by value into independent
    # slices (by their low bits: anchors are window minima, whose high bits lean to 0).
    # Each slice is taken from the run's anchors as it is needed: the sort and its
    # temporaries never hold more than a slice (all at once, hundreds of MB at 100,000 files).
    slices = 1 << min(8, max(0, (len(prints.an) - 1).bit_length() - ANCHOR_SLICE_BITS))
    low = prints.an.astype(np.uint8) & np.uint8(slices - 1)
    parts = ([(True, j) for j in range(prints.bands.shape[1])] if len(lsh) >= 2 else []) + [
        (False, part) for part in range(slices)]
    # Imported here, as in `find_matches`.
    from .workers import iter_tasks

    _PAIRING = _Candidates(prints, lsh, by_length, local_of, low)
    try:
        made = list(iter_tasks(_candidate_part, parts, candidate_workers(len(prints), jobs)))
    finally:
        _PAIRING = None
    del low, local_of
    if not made:
        return np.zeros(0, dtype=np.int64)
    codes = np.concatenate(made)
    del made
    codes.sort()  # in place: a sorted copy would be one more array of every candidate
    keep = np.ones(len(codes), dtype=bool)
    np.not_equal(codes[1:], codes[:-1], out=keep[1:])
    return codes[keep]


def candidate_workers(paragraphs: int, jobs: int) -> int:
    """How many processes make the candidates' parts: `jobs` on enough paragraphs where
    workers are forked (they read the fingerprints from the parent's memory), else one."""
    import multiprocessing  # see `find_matches`' import of the pool

    if jobs <= 1 or paragraphs < PARALLEL_PARAGRAPHS or (
            multiprocessing.get_start_method() != "fork"):
        return 1
    return jobs


def _candidate_part(part: tuple[bool, int]) -> np.ndarray:
    """The sorted unique codes of one band of LSH (`part` (True, band)) or of one slice of
    the anchors ((False, slice))."""
    assert _PAIRING is not None
    c = _PAIRING
    in_band, k = part
    if in_band:
        x, y = _run_pairs(c.prints.bands[c.lsh, k], np.arange(len(c.lsh)), MAX_BUCKET)
        return unique_sorted(_codes(c.lsh[x], c.lsh[y]))
    at = np.flatnonzero(c.low == k)
    local = c.local_of[np.searchsorted(c.prints.an_off, at, side="right") - 1]
    mine = local != _NOT_REP
    x, y = _run_pairs(c.prints.an[at[mine]], local[mine], MAX_ANCHOR_SHARE, ANCHOR_CENTERS)
    return unique_sorted(_codes(c.by_length[x], c.by_length[y]))


def intersections(
    prints: Prints, a: np.ndarray, b: np.ndarray, batch_rows: int = BATCH_ROWS
) -> np.ndarray:
    """|set(a[k]) & set(b[k])| over the shingles of each pair, in numpy batches."""
    return _intersections(prints.sh_off, prints.sh, a, b, batch_rows)


def fact_intersections(prints: Prints, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return _intersections(prints.fact_off, prints.fact, a, b, BATCH_ROWS)


def _pair_keys(off: np.ndarray, values: np.ndarray, side: np.ndarray) -> np.ndarray:
    """(pair number << 32 | value) for every value of each paragraph in `side`: sorted,
    because each paragraph's values are."""
    vals, lens = gather(off, values, side)
    pair = np.repeat(np.arange(len(side), dtype=np.uint64), lens)
    return (pair << np.uint64(32)) | vals.astype(np.uint64)


def _merged(key_a: np.ndarray, key_b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted union of two sorted key arrays (a stable sort of two sorted runs is a linear merge),
    and the order that produced it."""
    both = np.concatenate([key_a, key_b])
    order = np.argsort(both, kind="stable")
    return both[order], order


def _intersections(
    off: np.ndarray,
    values: np.ndarray,
    a: np.ndarray,
    b: np.ndarray,
    batch_rows: int,
    by_low_bit: bool = False,
):
    """Shared values per pair; with `by_low_bit`, (shared values with the low bit set, all)."""
    if _setops is not None and len(a):
        found = _setops.shared(np.ascontiguousarray(off, dtype=np.int64),
                               np.ascontiguousarray(values, dtype=np.uint32),
                               np.ascontiguousarray(a, dtype=np.int64),
                               np.ascontiguousarray(b, dtype=np.int64))
        if found is not None:  # None: values out of order, which the batches below allow
            out, odd = (np.frombuffer(part, dtype=np.int64) for part in found)
            return (odd, out) if by_low_bit else out
    out = np.zeros(len(a), dtype=np.int64)
    odd = np.zeros(len(a), dtype=np.int64)
    for start, take in _batches(off, a, b, batch_rows):
        key_a = _pair_keys(off, values, a[start : start + take])
        key_b = _pair_keys(off, values, b[start : start + take])
        merged = np.sort(np.concatenate([key_a, key_b]), kind="stable")
        dup = merged[1:][merged[1:] == merged[:-1]]
        pair = (dup >> np.uint64(32)).astype(np.int64)
        out[start : start + take] = np.bincount(pair, minlength=take)
        if by_low_bit:
            odd[start : start + take] = np.bincount(pair[(dup & np.uint64(1)) == 1], minlength=take)
    return (odd, out) if by_low_bit else out


def longest_runs(
    prints: Prints, a: np.ndarray, b: np.ndarray, batch_rows: int = BATCH_ROWS
) -> np.ndarray:
    """Longest run of consecutive shingles that paragraphs a[k] and b[k] share, in order."""
    out = np.zeros(len(a), dtype=np.int64)
    off, pos = prints.sh_off, prints.sh_pos
    for start, take in _batches(off, a, b, batch_rows):
        side_a, side_b = a[start : start + take], b[start : start + take]
        key_a = _pair_keys(off, prints.sh, side_a)
        key_b = _pair_keys(off, prints.sh, side_b)
        pos_a, _ = gather(off, pos, side_a)
        pos_b, _ = gather(off, pos, side_b)
        merged, order = _merged(key_a, key_b)
        hit = np.flatnonzero(merged[1:] == merged[:-1])
        if len(hit) == 0:
            continue
        # Equal keys sit side by side, the one from a first (stable sort).
        ia = pos_a[order[hit]].astype(np.int64)
        ib = pos_b[order[hit + 1] - len(key_a)].astype(np.int64)
        pair = (merged[hit] >> np.uint64(32)).astype(np.int64)
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
    """`fact_agreement_of` the pairs' facts in `prints`, each paragraph's count of numbers
    read off its own facts (`_row_numbers`): a verification slice's pairs touch a few
    hundred thousand of the run's paragraphs, and the counts of every paragraph (a running
    sum over all the run's facts, and four arrays of all its paragraphs: 90 MB at 100,000
    files) were most of each verification worker's memory, made again for every slice."""
    off, fact = prints.fact_off, prints.fact
    return _agreement(off, fact, a, b, _row_numbers(off, fact, a), _row_numbers(off, fact, b))


def fact_agreement_of(
    off: np.ndarray, fact: np.ndarray, a: np.ndarray, b: np.ndarray
) -> np.ndarray:
    """The lower of the pair's agreement on numbers and on names, each 1 - replaced / judged.

    Facts present on one side only are not a disagreement when the other side
    simply lacks them (a trimmed or split copy): only substitutions count,
    min(|A - B|, |B - A|), against the facts the pair could agree on (shared +
    replaced). Numbers and names are judged apart so that a template keeping its
    company and city but changing every figure is still told apart.
    """
    # Every row's count at once: the callers' pairs (a file's lines) touch most rows.
    numbers = np.zeros(len(fact) + 1, dtype=np.int64)
    np.cumsum(fact & 1, out=numbers[1:])
    per_par = numbers[off[1:]] - numbers[off[:-1]]  # numbers per paragraph
    return _agreement(off, fact, a, b, per_par[a], per_par[b])


def _row_numbers(off: np.ndarray, fact: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """How many of each row's facts are numbers (low bit set), from those rows' facts only."""
    values, lens = gather(off, fact, rows)
    numbers = np.zeros(len(values) + 1, dtype=np.int64)
    np.cumsum(values & 1, out=numbers[1:])
    ends = np.cumsum(lens)
    return numbers[ends] - numbers[ends - lens]


def _agreement(off: np.ndarray, fact: np.ndarray, a: np.ndarray, b: np.ndarray,
               numbers_a: np.ndarray, numbers_b: np.ndarray) -> np.ndarray:
    """`fact_agreement_of`, given how many facts of a[k] and of b[k] are numbers."""
    shared_num, shared_all = _intersections(off, fact, a, b, BATCH_ROWS, by_low_bit=True)
    worst = np.ones(len(a))
    for kind in (0, 1):
        if kind == 0:  # names: the facts that are not numbers
            per_a = (off[a + 1] - off[a]) - numbers_a
            per_b = (off[b + 1] - off[b]) - numbers_b
            shared = shared_all - shared_num
        else:
            per_a, per_b = numbers_a, numbers_b
            shared = shared_num
        only_a = per_a - shared
        only_b = per_b - shared
        replaced = np.minimum(only_a, only_b)
        judged = shared + replaced
        agree = np.where(judged > 0, 1.0 - replaced / np.maximum(judged, 1), 1.0)
        np.minimum(worst, agree, out=worst)
    return worst


def verify(
    prints: Prints, a: np.ndarray, b: np.ndarray, params: MatchParams
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Exact verification of pairs (a[k], b[k]).

    Returns (kind or "", shared shingles, Jaccard, containment, every fact agrees) per
    pair. Pairs that
    disagree on facts (paragraphs written from one template) are settled first, on
    their few facts, before their shingle sets are compared; their scores are 0.
    """
    inter = np.zeros(len(a), dtype=np.int64)
    agreement = fact_agreement(prints, a, b)
    same_facts = agreement >= 1.0 - params.fact_tolerance
    idx = np.flatnonzero(same_facts)
    inter[idx] = intersections(prints, a[idx], b[idx])
    # Read off the pairs' own rows, not `nuniq` and `ntokens` of the whole run: a worker
    # verifies a slice of the candidates, whose arrays must not grow with the run.
    size_a = prints.sh_off[a + 1] - prints.sh_off[a]
    size_b = prints.sh_off[b + 1] - prints.sh_off[b]
    union = size_a + size_b - inter
    smaller = np.minimum(size_a, size_b)
    jac = np.where(union > 0, inter / np.maximum(union, 1), 0.0)
    con = np.where(smaller > 0, inter / np.maximum(smaller, 1), 0.0)
    both_long = (prints.ntokens[a] >= params.min_tokens) & (prints.ntokens[b] >= params.min_tokens)
    near = both_long & (jac >= params.threshold) & same_facts
    contained = both_long & ~near & (con >= params.containment) & same_facts
    # A shared run between paragraphs that report other facts is template wording
    # ("the company did not respond to a request for comment"), not reuse.
    passage = ~near & ~contained & (inter >= params.passage_shingles) & same_facts
    if passage.any():
        # Many shared shingles are not yet a passage: the shared words must form one run.
        idx = np.flatnonzero(passage)
        runs = longest_runs(prints, a[idx], b[idx])
        passage[idx[runs < params.passage_shingles]] = False
    # Indexes into _KINDS: the kinds are four shared strings, not a new string per pair.
    code = np.where(near, 0, np.where(contained, 1, np.where(passage, 2, 3)))
    return _KINDS[code], inter, jac, con, agreement >= 1.0


# The run's fingerprints and candidates, for workers forked after they were made: each reads
# them in its copy of the parent's memory and is sent the bounds of its slice.
_VERIFYING: tuple[Prints, np.ndarray, MatchParams] | None = None


def _verified(bounds: tuple[int, int]) -> tuple[np.ndarray, ...]:
    """The pairs of candidates lo..hi-1 that verification keeps, with their scores."""
    assert _VERIFYING is not None
    prints, codes, params = _VERIFYING
    part = codes[bounds[0] : bounds[1]]
    a = (part >> 32).astype(np.int64)
    b = (part & 0xFFFFFFFF).astype(np.int64)
    kind, inter, jac, con, facts = verify(prints, a, b, params)
    keep = kind != ""
    return a[keep], b[keep], inter[keep], jac[keep], con[keep], kind[keep], facts[keep]


def verify_slices(pairs: int, jobs: int) -> tuple[list[tuple[int, int]], int]:
    """The slices `pairs` candidates are verified in, and by how many processes: slices of
    at most VERIFY_PAIRS, and with several jobs (on enough pairs, where workers are forked)
    a multiple of `jobs` slices of equal size, so that no worker is left alone at the end."""
    import multiprocessing  # see `find_matches`' import of the pool

    if jobs <= 1 or pairs < PARALLEL_PAIRS or multiprocessing.get_start_method() != "fork":
        return [(lo, min(lo + VERIFY_PAIRS, pairs)) for lo in range(0, pairs, VERIFY_PAIRS)], 1
    count = jobs * -(-pairs // (VERIFY_PAIRS * jobs))
    bounds = [k * pairs // count for k in range(count + 1)]
    return list(pairwise(bounds)), jobs


def find_matches(prints: Prints, params: MatchParams, jobs: int = 1) -> Matches:
    global _VERIFYING
    rep = representatives(prints, params.exact_floor)
    reps = np.flatnonzero(rep == np.arange(len(rep)))
    eligible = prints.ntokens >= params.min_tokens
    codes = candidates(prints, reps, eligible, jobs)
    # Verification makes a dozen arrays per candidate pair and keeps a few percent of the
    # pairs: done a slice at a time, its peak memory does not grow with the candidates. Each
    # pair's verdict is its own, so slices can go to workers: the parent's matching was a
    # serial stage, with the other core idle.
    # Imported here: the classifier imports this module (its repeat finder), and the pool's
    # modules (multiprocessing, concurrent.futures) were then objects for its collector to
    # walk in a process that only classifies (bench/callgrind.py's count, +2.4 %).
    from .workers import iter_tasks

    slices, workers = verify_slices(len(codes), jobs)
    _VERIFYING = (prints, codes, params)
    try:
        kept = list(iter_tasks(_verified, slices, workers))
    finally:
        _VERIFYING = None
    if not kept:
        z = np.zeros(0, dtype=np.int64)
        return Matches(rep, z, z.copy(), z.copy(), np.zeros(0), np.zeros(0),
                       np.zeros(0, dtype=object), np.zeros(0, dtype=bool), 0)
    a, b, inter, jac, con, kind, facts = (np.concatenate(c) for c in zip(*kept, strict=True))
    return Matches(rep, a, b, inter, jac, con, kind, facts, len(codes))
