"""What duplicate resolution will drop within a file, foreseen by the classifier.

The classifier's passes judge the text a second run would see, which lacks
the paragraphs resolution drops as repeats of earlier ones: verbatim
(`REPEAT_FLOOR` words or more), or as a near-duplicate or contained in an
earlier paragraph (`REPEAT_NEAR_TOKENS` words or more, word n-grams as
`match.py` compares them, every fact agreeing), the earlier one being kept or
itself dropped; a repeat by n-grams only when the line kept before or after it
repeats too (`resolve._in_run`); a verbatim repeat stays as a field of a
listing's entries (`resolve._entry_fields`, `entry_fields` here).

Whether line i would repeat line j does not depend on which other lines are
kept, so every such pair is found once per file (with numpy, on n-grams
numbered per file); each pass then only walks the few lines that take part
in a pair, in order, to see which of them are still there to repeat.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence

import numpy as np

from .config import Config
from .fingerprint import Fingerprinter, unique_sorted
from .match import fact_agreement_of
from .resolve import ENTRY_COPIES, ENTRY_RUN, REPEAT_NEAR_TOKENS

try:  # `words_of` of ASCII lines in C (optional: see core/_linefacts.c)
    from . import _linefacts
except ImportError:
    _linefacts = None
try:  # the n-gram pairs of small files in one call (optional: see core/_filefacts.c)
    from . import _filefacts
except ImportError:
    _filefacts = None

REPEAT_FLOOR = 4  # match.py's exact_floor: shorter paragraphs are never duplicates
# Up to this many pairs made through every shared n-gram, they are simply made (`_candidates`).
DIRECT_PAIRS = 1 << 20
BATCH_PAIRS = 1 << 22  # pairs made at once (`_candidates`): 4 million, some 200 MB
_WORD = re.compile(r"\w+")
# `\w` in ASCII text is [A-Za-z0-9_]: one bytes.translate lower-cases an ASCII line and
# blanks everything else, and split() then gives its `_WORD` tokens, without a regex scan.
_ASCII_WORDS = bytes(
    c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 or 48 <= c <= 57 or c == 95 else 32
    for c in range(256)
)


_NO_LINES = np.zeros(0, dtype=np.int64)  # no pairs (read only: shared by every answer)
_NO_LINES.flags.writeable = False


def words_of(text: str) -> list[str]:
    """`_WORD.findall(text.lower())`: the line's words as resolution compares them."""
    if text.isascii():
        if _linefacts is not None:
            return _linefacts.words_of(text)
        return text.encode().translate(_ASCII_WORDS).decode().split()
    return _WORD.findall(text.lower())


def _python_words(text: str) -> list[str]:
    """`words_of` of a line the C path hands back (not in its alphabet)."""
    return _WORD.findall(text.lower())


def word_ids(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, list[bytes | None]]:
    """Each line's `words_of`, as numbers (a file's words numbered in order of first use):
    all the lines' numbers in a row, each line's count of them, and each line's key, its
    numbers' bytes (lines of `REPEAT_FLOOR` words or more; None for the others): two lines
    have equal keys exactly when they have equal words. In C where built, without a str
    made per word (`tests/test_linefacts.py` holds the two paths together)."""
    if _linefacts is not None:
        ids, sizes, keys = _linefacts.word_ids(texts, _python_words, REPEAT_FLOOR)
        return np.frombuffer(ids, dtype=np.int64), np.frombuffer(sizes, dtype=np.int64), keys
    vocab: defaultdict[str, int] = defaultdict(itertools.count().__next__)
    lines = [np.array([vocab[w] for w in words_of(t)], dtype=np.int64) for t in texts]
    keys = [line.tobytes() if len(line) >= REPEAT_FLOOR else None for line in lines]
    sizes = np.array([len(line) for line in lines], dtype=np.int64)
    flat = np.concatenate(lines) if lines else np.zeros(0, dtype=np.int64)
    return flat, sizes, keys


class Repeats:
    """Answers `unrepeated(rows)` for any subset of one file's lines, as often as asked.

    `texts` are the file's lines as a second run would read them (kept remainders of
    stripped lines); the classifier's passes do not change them.
    """

    def __init__(self, texts: Sequence[str], config: Config) -> None:
        self.texts, self.count, self.config = texts, len(texts), config
        self._keys: list[str | None] | None = None  # None: too short to be a repeat
        self._gramless: set[int] = set()  # long enough for a verbatim repeat only
        self._earlier: dict[int, set[int]] = {}  # line -> earlier lines it repeats
        self._involved: frozenset[int] = frozenset()
        self._twins: list[list[int]] = []  # lines of equal text (REPEAT_FLOOR words or more)

    def twins(self) -> list[list[int]]:
        """The groups of lines whose texts are equal in matching form (case and punctuation
        folded, `REPEAT_FLOOR` words or more), each in file order; most files have none."""
        if self._keys is None:
            self._prepare()
        return self._twins

    def unrepeated(self, rows: list[int]) -> list[int]:
        """`rows` (in file order) less the lines resolution will drop as repeats of
        earlier ones: a line is dropped when its text is that of an earlier line kept,
        or when it repeats an earlier line with n-grams, kept or itself dropped."""
        if self._keys is None:
            self._prepare()
        involved = self._involved
        walk = [i for i in rows if i in involved]
        if not walk:
            return list(rows)
        keys, earlier = self._keys, self._earlier
        seen: set[str | None] = set()
        held: set[int] = set()  # lines with n-grams met so far, dropped ones included
        dropped = set()
        near = []  # repeats by n-grams: dropped only in a run of repeats (resolve._in_run)
        copies = []  # verbatim repeats, some of which stay as a listing's fields
        for i in walk:
            key = keys[i]  # type: ignore[index]
            if key in seen:
                dropped.add(i)
                copies.append(i)
                continue
            seen.add(key)
            if i not in self._gramless:
                held.add(i)
                repeats_of = earlier.get(i)
                if repeats_of is not None and not repeats_of.isdisjoint(held):
                    near.append(i)
        repeats = dropped.union(near) if near else dropped
        lost = []  # first lines of their text that go as near repeats
        for i in near:
            k = bisect.bisect_left(rows, i)
            if (k > 0 and rows[k - 1] in repeats) or (k + 1 < len(rows) and rows[k + 1] in repeats):
                lost.append(i)
        if len(copies) >= ENTRY_COPIES - 1:
            fields = entry_fields(rows, copies, keys, {keys[i] for i in lost})  # type: ignore[index]
            if fields:
                dropped = dropped - fields
        dropped.update(lost)
        return [i for i in rows if i not in dropped] if dropped else list(rows)

    def repeated(self, i: int) -> set[int]:
        """The earlier lines that line `i` repeats: of equal text, or by n-grams."""
        if self._keys is None:
            self._prepare()
        key = self._keys[i]  # type: ignore[index]
        same = set()
        if key is not None and i in self._involved:
            same = {j for j in range(i) if self._keys[j] == key}  # type: ignore[index]
        return same | self._earlier.get(i, set())

    def _prepare(self) -> None:
        prepare_all([self])


def prepare_all(finders: Sequence[Repeats]) -> None:
    """Prepare the repeat finders of several files (`classify_many`'s chunk) at once: their
    lines' words numbered in one call and their n-gram pairs found with one set of numpy
    calls, whose cost per call dominates on small files, instead of one set per file.
    Each file's n-grams are numbered apart (an n-gram's number holds its file), so no
    pair spans two files: every finder answers as if prepared alone (a file is the batch
    of one of `_prepare`). Nothing is set until all are found."""
    todo = [r for r in finders if r._keys is None]
    by_config: dict[int, list[Repeats]] = {}
    for r in todo:
        by_config.setdefault(id(r.config), []).append(r)
    for group in by_config.values():
        _prepare_group(group)


def _prepare_group(finders: list[Repeats]) -> None:
    """`prepare_all` of finders that share one config."""
    config = finders[0].config
    min_tokens = config.min_tokens
    n = max(1, config.ngram)
    texts = [t for r in finders for t in r.texts]
    counts = [r.count for r in finders]
    starts = list(itertools.accumulate(counts, initial=0))
    # The words are numbered across the files: equal numbers are equal words, all that a
    # line's key (equal keys, equal words) and the n-grams' numbers need.
    ids, sizes, keys = word_ids(texts)
    # Lines with n-grams, and lines long enough for a verbatim repeat only.
    gram = (sizes >= min_tokens) & (sizes >= n)
    gramless = np.flatnonzero(~gram & (sizes >= REPEAT_FLOOR))
    gram_lines = np.flatnonzero(gram)
    i_of = j_of = _NO_LINES
    found = None
    if len(gram_lines) and _filefacts is not None:
        # Some twenty numpy calls on a page's few hundred lines cost more in numpy's
        # overhead than in their work: one C call makes the same pairs (tests/test_repeats.py
        # holds it to the numpy path), or leaves a page of too many to numpy's batches.
        found = _filefacts.repeat_pairs(
            ids, sizes, starts, n, min_tokens, _least_share(config), config.threshold,
            config.containment, REPEAT_NEAR_TOKENS, REPEAT_FLOOR, DIRECT_PAIRS,
        )
    if found is not None:
        i_of, j_of = _agreeing(
            texts, config, np.frombuffer(found[0], np.int64), np.frombuffer(found[1], np.int64)
        )
    elif len(gram_lines):
        tokens = ids[np.repeat(gram, sizes)]  # the lines with n-grams' words, in order
        vocab = int(ids.max()) + 1
        # (A file alone needs no file numbers.)
        file_of = (
            np.repeat(np.arange(len(finders), dtype=np.int64), counts)
            if len(finders) > 1 else None
        )
        i_of, j_of = _find_pairs(
            texts, sizes, config, file_of, gram_lines, sizes[gram_lines], tokens, vocab, n
        )
    # Lines of equal text in one file: one count over the chunk finds the few keys met
    # more than once (most are unique or None), then those are grouped by file, each
    # group in line order and the groups in order of their first line.
    key_counts = Counter(keys)
    grouped: dict[tuple[int, bytes], list[int]] = {}
    # Most pages hold no two equal keys (None aside): then no line is looked at again.
    if len(keys) - key_counts[None] > len(key_counts) - (None in key_counts):
        for g, key in enumerate(keys):
            if key is not None and key_counts[key] > 1:
                f = bisect.bisect_right(starts, g) - 1
                grouped.setdefault((f, key), []).append(g - starts[f])
    twins_of: dict[int, list[list[int]]] = {}
    for (f, _), group in grouped.items():
        if len(group) > 1:
            twins_of.setdefault(f, []).append(group)
    # Each file's share, in its own line numbers (the pairs come sorted by later line).
    if len(finders) > 1:
        cut_gramless = np.searchsorted(gramless, starts).tolist()
        cut_pairs = np.searchsorted(i_of, starts).tolist()
    else:
        cut_gramless, cut_pairs = [0, len(gramless)], [0, len(i_of)]
    gramless_list, i_list, j_list = gramless.tolist(), i_of.tolist(), j_of.tolist()
    found = []
    for f in range(len(finders)):
        start, stop = starts[f], starts[f + 1]
        own_keys = keys[start:stop]
        twins = twins_of.get(f, [])
        involved = {i for group in twins for i in group}
        earlier: dict[int, set[int]] = {}
        for k in range(cut_pairs[f], cut_pairs[f + 1]):
            earlier.setdefault(i_list[k] - start, set()).add(j_list[k] - start)
        involved.update(earlier)
        for js in earlier.values():
            involved.update(js)
        own_gramless = {i - start for i in gramless_list[cut_gramless[f] : cut_gramless[f + 1]]}
        found.append((own_keys, own_gramless, earlier, frozenset(involved), twins))
    for r, (own_keys, own_gramless, earlier, involved, twins) in zip(
        finders, found, strict=True
    ):
        r._keys, r._gramless, r._earlier, r._involved, r._twins = (
            own_keys, own_gramless, earlier, involved, twins
        )


def _find_pairs(
    texts: Sequence[str],
    sizes: np.ndarray,
    config: Config,
    file_of: np.ndarray | None,
    lines: np.ndarray,
    words: np.ndarray,
    ids: np.ndarray,
    vocab: int,
    n: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Every (later line, earlier line) of one file that the later line repeats, sorted;
    `sizes`: each line's count of words; `file_of`: each line's file (the n-grams of
    different files are never common), None for one file."""
    threshold, containment = config.threshold, config.containment
    count = len(texts)
    line_of, code = _grams(np.asarray(lines), np.asarray(words), np.asarray(ids), vocab, n)
    if file_of is not None:
        files = int(file_of[-1]) + 1
        code = _fit(code, files) * files + file_of[line_of]
    # Each line's distinct n-grams, as (n-gram, line) pairs sorted by n-gram then line.
    pairs, _ = _runs(_fit(code, count) * count + line_of)
    code, line_of = pairs // count, pairs % count
    size = np.bincount(line_of, minlength=count)
    # Only n-grams that two lines hold (runs of equal numbers) can be common to two lines.
    same = code[1:] == code[:-1]
    if not same.any():
        return _NO_LINES, _NO_LINES  # no n-gram held by two lines (most files)
    shared = np.zeros(len(code), dtype=bool)
    shared[1:] = same
    shared[:-1] |= same
    s_line, s_code = line_of[shared], code[shared]
    shareable = np.bincount(s_line, minlength=count)
    # Lines sharing fewer of their n-grams than `_least_share` of them cannot be repeats.
    least = np.maximum(1, np.ceil(_least_share(config) * size - 1e-6)).astype(np.int64)
    keyed = sizes >= REPEAT_FLOOR  # the lines with a key (`word_ids`)
    asks = keyed & (shareable > 0) & (shareable >= least)
    if not asks.any():
        return _NO_LINES, _NO_LINES
    # As resolution judges inside a file: a near-duplicate needs both lines long
    # enough, a line contained in a longer one needs itself long enough.
    nwords = np.zeros(count, dtype=np.int64)
    nwords[lines] = words
    kept_i, kept_j = [], []
    for found, common in _candidates(s_line, s_code, shareable, least, asks, keyed, count):
        i_of, j_of = found // count, found % count
        a, b = size[i_of], size[j_of]
        near = common / (a + b - common) >= threshold
        repeat = np.where(
            near,
            np.minimum(nwords[i_of], nwords[j_of]) >= REPEAT_NEAR_TOKENS,
            (common / a >= containment) & (nwords[i_of] >= REPEAT_NEAR_TOKENS),
        )
        kept_i.append(i_of[repeat])
        kept_j.append(j_of[repeat])
    if not kept_i:
        return _NO_LINES, _NO_LINES
    i_of = kept_i[0] if len(kept_i) == 1 else np.concatenate(kept_i)
    j_of = kept_j[0] if len(kept_j) == 1 else np.concatenate(kept_j)
    return _agreeing(texts, config, i_of, j_of)


def _agreeing(
    texts: Sequence[str], config: Config, i_of: np.ndarray, j_of: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The pairs (`i_of[k]`, `j_of[k]`) whose two lines report the same facts: resolution
    does not drop a line that reports other facts (a table row, a schedule), and judges
    them as here, on the lines' fingerprints."""
    if not len(i_of):
        return i_of, j_of
    both = unique_sorted(np.concatenate([i_of, j_of]))
    off, facts = Fingerprinter(config).facts([texts[k] for k in both])
    agree = fact_agreement_of(off, facts, np.searchsorted(both, i_of), np.searchsorted(both, j_of))
    same = agree >= 1.0
    return i_of[same], j_of[same]


def _candidates(
    s_line: np.ndarray,
    s_code: np.ndarray,
    shareable: np.ndarray,
    least: np.ndarray,
    asks: np.ndarray,
    keyed: np.ndarray,
    count: int,
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Every pair (later line `i` that `asks`, earlier `keyed` line `j`) that can be a
    repeat, as `i * count + j` sorted, with the number of n-grams the two share; in
    batches of later lines, in line order, each batch making about `BATCH_PAIRS` pairs
    at most (a page of 40,000 table rows shares its n-grams row with row: made at once,
    the pairs would not fit in memory).

    Pairing every two holders of each shared n-gram costs the square of its holders: a
    page of 8,000 comments under one "Reply from ... on ..." template made 4 GB of pairs
    from the template's n-grams alone. A repeat of `i` shares at least `k` of its `a`
    n-grams with `j` (`least`, `_least_share`), so it holds one of any `a - k + 1` of them
    (prefix filtering): `i` is paired only through its `a - k + 1` rarest n-grams in this
    file (its unshared ones, which pair with nothing, first), and the pairs found are
    then counted whole. The same pairs pass as when every shared n-gram was paired.

    `s_line`, `s_code`: the lines holding an n-gram another line holds too, and that
    n-gram, sorted by n-gram then line; `shareable`: how many such each line holds;
    `least`: how many of them it must share with a line it repeats."""
    first = np.searchsorted(s_code, s_code)
    rank = np.arange(len(s_code)) - first  # holders of the n-gram before this line
    pairing = asks[s_line] & (rank > 0)
    every = int(rank[pairing].sum())  # pairs made through every shared n-gram
    if every <= DIRECT_PAIRS:
        yield from _every_pair(s_line, first, rank, pairing, keyed, count)
        return
    holders = np.searchsorted(s_code, s_code, side="right") - first
    # How many of its shared n-grams (rarest first) a line pairs through.
    through = shareable - least + 1
    by_line = np.lexsort((s_code, holders, s_line))
    starts = np.zeros(count + 1, dtype=np.int64)
    np.cumsum(shareable, out=starts[1:])
    position = np.arange(len(by_line)) - starts[s_line[by_line]]
    pick = by_line[(position < through[s_line[by_line]]) & asks[s_line[by_line]]]
    pick = pick[rank[pick] > 0]  # in line order
    # Each pair found costs, to count, a look-up per shared n-gram of its later line: where
    # every n-gram is common (a page of a few words, over and over) that is dearer.
    cost = rank[pick] * (1 + shareable[s_line[pick]])
    if _dearer(int(cost.sum()), every):
        yield from _every_pair(s_line, first, rank, pairing, keyed, count)
        return
    # The n-grams each pair shares: each of i's shared n-grams looked up among j's.
    distinct = s_code[np.flatnonzero(rank == 0)]
    dense = np.searchsorted(distinct, s_code)
    held = np.sort(s_line * len(distinct) + dense)
    for lo, hi in _batches(s_line[pick], cost, count):
        batch = pick[lo:hi]
        ranks = rank[batch]
        before = _spans(first[batch], ranks)
        i_of, j_of = np.repeat(s_line[batch], ranks), s_line[before]
        keep = keyed[j_of]
        found = unique_sorted(i_of[keep] * count + j_of[keep])
        if not len(found):
            continue
        i_of, j_of = found // count, found % count
        reps = shareable[i_of]
        at = _spans(starts[i_of], reps)
        probe = np.repeat(j_of, reps) * len(distinct) + dense[by_line[at]]
        where = np.minimum(np.searchsorted(held, probe), len(held) - 1)
        hits = held[where] == probe
        common = np.bincount(np.repeat(np.arange(len(found)), reps), weights=hits,
                             minlength=len(found)).astype(np.int64)
        yield found, common


def _dearer(cost: int, every: int) -> bool:
    """Whether pairs through the rarest n-grams, counted one look-up at a time, cost more
    than pairs made through every shared n-gram."""
    return cost >= every


def _every_pair(
    s_line: np.ndarray,
    first: np.ndarray,
    rank: np.ndarray,
    pairing: np.ndarray,
    keyed: np.ndarray,
    count: int,
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """`_candidates` through every shared n-gram: within an n-gram's run of holders (in
    line order), each holder that asks pairs with the ones before it, and a pair's count
    of shared n-grams is how often it is made."""
    later = np.flatnonzero(pairing)
    if not len(later):
        return
    ranks = rank[later]
    if int(ranks.sum()) > BATCH_PAIRS:
        ordered = np.argsort(s_line[later], kind="stable")
        later, ranks = later[ordered], ranks[ordered]
        batches = _batches(s_line[later], ranks, len(pairing))
    else:
        batches = [(0, len(later))]
    for lo, hi in batches:
        part, part_ranks = later[lo:hi], ranks[lo:hi]
        before = _spans(first[part], part_ranks)
        i_of, j_of = np.repeat(s_line[part], part_ranks), s_line[before]
        keep = keyed[j_of]
        found, common = _runs(i_of[keep] * count + j_of[keep])
        if len(found):
            yield found, common


def _spans(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The positions `starts[k]` to `starts[k] + lengths[k] - 1` of every k, end to end."""
    return np.repeat(starts, lengths) + (
        np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    )


def _batches(line_of: np.ndarray, cost: np.ndarray, count: int) -> list[tuple[int, int]]:
    """Cuts of entries in line order (`line_of` ascending) into runs of whole lines whose
    `cost` adds up to `BATCH_PAIRS` or less (a line dearer than that alone)."""
    if int(cost.sum()) <= BATCH_PAIRS:
        return [(0, len(line_of))]
    per_line = np.bincount(line_of, weights=cost, minlength=count)
    cuts, lo, total = [], 0, 0.0
    for line in np.flatnonzero(per_line).tolist():
        if total and total + per_line[line] > BATCH_PAIRS:
            hi = int(np.searchsorted(line_of, line))
            cuts.append((lo, hi))
            lo, total = hi, 0.0
        total += per_line[line]
    cuts.append((lo, len(line_of)))
    return cuts


def _least_share(config: Config) -> float:
    """The least share of the later line's n-grams that a repeat shares with the earlier
    line: containment >= c is c of them; Jaccard >= t is t of them, as the union holds
    all of the later line's."""
    return min(config.threshold, config.containment)


def _grams(
    lines: np.ndarray, words: np.ndarray, ids: np.ndarray, vocab: int, n: int
) -> tuple[np.ndarray, np.ndarray]:
    """The line and number of every word n-gram of `lines`, whose word ids follow each
    other in `ids`; equal n-grams get equal numbers, different ones different numbers."""
    total = len(ids)
    starts = np.cumsum(words) - words
    line_of = np.repeat(lines, words)
    offset = np.arange(total) - np.repeat(starts, words)
    at = np.flatnonzero(offset <= np.repeat(words - n, words))
    code = ids[at]
    for k in range(1, n):
        code = _fit(code, vocab) * vocab + ids[at + k]
    return line_of[at], code


def _runs(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values, sorted, and how often each occurs (`np.unique` with counts,
    several times faster on these small arrays)."""
    ordered = np.sort(values)
    if not len(ordered):
        return ordered, ordered
    starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    return ordered[starts], np.diff(np.append(starts, len(ordered)))


def _fit(code: np.ndarray, factor: int) -> np.ndarray:
    """`code`, renumbered densely (same order) if `code * factor` could overflow int64."""
    if (int(code.max()) + 1) * factor < 1 << 62:
        return code
    return np.unique(code, return_inverse=True)[1].ravel()


def entry_fields(
    rows: list[int], copies: list[int], keys: Sequence[str | None], lost: set[str | None]
) -> set[int]:
    """`resolve._entry_fields` on the classifier's lines: which of `copies` (lines of
    `rows` whose text, `keys`, an earlier line of `rows` has; ascending) stay as fields of
    a listing's entries. A run is of copies in a row among `rows`; the lines on its two
    sides are others of `rows`. A text in `lost` had its first line go as a near repeat."""
    at = [bisect.bisect_left(rows, i) for i in copies]
    fits: list[int] = []
    start = 0
    for k in range(1, len(at) + 1):
        if k < len(at) and at[k] == at[k - 1] + 1:
            continue
        lo, hi = at[start], at[k - 1]
        if hi - lo < ENTRY_RUN and lo > 0 and hi + 1 < len(rows):
            fits.extend(
                i for i, x in zip(copies[start:k], at[start:k], strict=True)
                if not _doubled(rows, keys, i, x)
            )
        start = k
    counted = Counter(keys[i] for i in fits)
    return {i for i in fits if counted[keys[i]] + (keys[i] not in lost) >= ENTRY_COPIES}


def _doubled(rows: list[int], keys: Sequence[str | None], i: int, x: int) -> bool:
    """Line `i`, at `rows[x]`, stands next to a line of its own text (`resolve._doubled`)."""
    return (x > 0 and keys[rows[x - 1]] == keys[i]) or (
        x + 1 < len(rows) and keys[rows[x + 1]] == keys[i]
    )


def within(repeats: Repeats, lines: Sequence[int]) -> Callable[[list[int]], list[int]]:
    """`unrepeated_among` of the texts that `repeats` holds at `lines` (ascending), answered
    by that finder: whether one line repeats another depends on their two texts alone (see
    the module's docstring), so the finder of a whole file answers for any of its lines
    as one prepared on those alone would, and their pairs are not looked for again (on a
    page of 20,000 lines, most of the settle check's time). `rows`: positions in `lines`,
    ascending."""

    def unrepeated(rows: list[int]) -> list[int]:
        held = repeats.unrepeated([lines[r] for r in rows])
        if len(held) == len(rows):
            return list(rows)
        kept = set(held)
        return [r for r in rows if lines[r] in kept]

    return unrepeated


def unrepeated_among(texts: Sequence[str], rows: list[int], config: Config) -> list[int]:
    """`rows` (positions in `texts`) less those duplicate resolution drops as repeats when
    it sees only those rows' texts (a file's clean text with some lines left out)."""
    kept = Repeats([texts[i] for i in rows], config).unrepeated(list(range(len(rows))))
    return [rows[k] for k in kept]
