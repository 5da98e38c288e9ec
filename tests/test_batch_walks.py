"""`features_many` (the corpus's batches: a model pass over a few hundred small files at
once) with each file's context and cohesion columns walked in C (session 34,
byte-identical).

The batch way built its context columns with numpy calls on arrays padded to the longest
file of the batch, and its cohesion columns by indexing every word of the batch a dozen
times; `_filefacts.context_many_into` runs `context_into`'s walk file after file over the
stacked rows, and `cohesion_into` runs once a file. The model's thresholds were learnt on
the numpy columns: a difference in the last bit can flip a line, so every comparison here
is exact:

- the C walk over a stack gives `_context_features_many`'s columns bit for bit, on random
  stacks of files of every size (one line, no prose, all prose, long and short mixed);
- `features_many` with the C walks equals `features_many` without them (the module without
  `_filefacts`) and `features_of` of each file, subsets and empty files included;
- the walk refuses lengths that do not cover the rows, and arrays of other shapes.
"""

from __future__ import annotations

import random

import numpy as np
import pytest

from copydesk.core import features

try:
    from copydesk.core import _filefacts
except ImportError:  # not built here: the numpy way runs, nothing to compare
    _filefacts = None

needs_c = pytest.mark.skipif(_filefacts is None, reason="the C extension is not built")

_WORDS = [
    "Alpha", "beta", "gamma", "delta", "Home", "News", "river", "bridge", "council",
    "market", "ночь", "город", "Straße", "über", "café", "2031", "|", "•", "the", "and",
]
_STOPWORDS = frozenset(["beta", "the", "and"])


def _texts(rng: random.Random, n: int) -> list[str]:
    """Lines of a random page: empty, menu words, fragments, sentences, long paragraphs,
    some repeated, ending in a stop, a colon, a question or nothing."""
    pool = []
    for _ in range(max(1, n // 2)):
        size = rng.choice([0, 1, 2, 3, 5, 8, 11, 14, 26, 40])
        words = " ".join(rng.choice(_WORDS) for _ in range(size))
        pool.append(words + rng.choice(["", ".", ":", "?", ","]))
    return [rng.choice(pool) for _ in range(n)]


def _file(rng: random.Random, n: int, subset: bool):
    """A file's rows, the lines in play (all, or a random subset, possibly none) and rule
    codes for them (a comment prompt, code 6, among them)."""
    rows = features.row_features(_texts(rng, n), _STOPWORDS)
    chosen = None
    if subset and n:
        chosen = np.array(sorted(rng.sample(range(n), rng.randint(0, n))), np.int64)
    m = n if chosen is None else len(chosen)
    codes = [rng.choice([0, 0, 0, 1, 2, 3, 4, 5, 6]) for _ in range(m)]
    return rows, chosen, codes


def _batch(seed: int) -> list:
    """A batch as a worker's chunk makes one: mostly short files, a few long ones."""
    rng = random.Random(seed)
    sizes = [rng.choice([1, 1, 2, 3, 5, 8, 9, 14, 15, 16, 31, 40, 90, 260])
             for _ in range(rng.randint(1, 40))]
    return [_file(rng, n, rng.random() < 0.5) for n in sizes]


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    return a.shape == b.shape and a.dtype == b.dtype and a.tobytes() == b.tobytes()


def _stacked(items: list) -> tuple:
    """The stack and line columns `features_many` makes of `items` (files with rows)."""
    owns, ids, chars, codes = [], [], [], []
    for rows, subset, rule_codes in items:
        pick = slice(None) if subset is None else subset
        owns.append(rows.own[pick])
        ids.append(rows.ids[pick])
        chars.append(rows.chars[pick])
        codes.append(np.asarray(rule_codes, dtype=np.int64))
    stack = features._Stack.of([len(own) for own in owns])
    line = features._line_features_many(
        stack, np.concatenate(owns), ids, np.concatenate(chars), np.concatenate(codes)
    )
    return stack, line


@needs_c
@pytest.mark.parametrize("seed", range(40))
def test_context_columns_of_a_stack_in_c_are_numpys(seed):
    items = [item for item in _batch(seed) if item[1] is None or len(item[1])]
    stack, line = _stacked(items)
    numpy_way = features._context_features_many(stack, line.copy())
    c_way = features._context_many_in_c(stack, line.copy(), features._prose_rows(line))
    assert _same(c_way, numpy_way)


@needs_c
def test_files_without_prose_all_prose_and_one_line_in_one_stack():
    rng = random.Random(7)
    items = []
    for n in (1, 2, 5, 30, 1, 120):
        rows = features.row_features(_texts(rng, n), _STOPWORDS)
        none = features.Rows(rows.own.copy(), rows.ids, rows.chars, rows.vocab, rows.owner)
        none.own[:, 0] = np.log1p(3)
        every = features.Rows(rows.own.copy(), rows.ids, rows.chars, rows.vocab, rows.owner)
        every.own[:, 0], every.own[:, 2] = np.log1p(40), 1
        items += [(r, None, [0] * n) for r in (rows, none, every)]
    stack, line = _stacked(items)
    assert _same(
        features._context_many_in_c(stack, line.copy(), features._prose_rows(line)),
        features._context_features_many(stack, line.copy()),
    )


@needs_c
@pytest.mark.parametrize("seed", range(40))
def test_features_many_with_the_c_walks_equals_without_and_each_file_alone(seed, monkeypatch):
    items = _batch(1000 + seed)
    items.insert(len(items) // 2, (features.row_features([], _STOPWORDS), None, []))
    with_c = features.features_many(items)
    alone = [features.features_of(*item) for item in items]
    monkeypatch.setattr(features, "_filefacts", None)
    without = features.features_many(items)
    assert len(with_c) == len(without) == len(items)
    for got, expected, own in zip(with_c, without, alone, strict=True):
        assert _same(got, expected)
        if len(got):
            assert _same(got, own)


@needs_c
def test_the_stack_walk_refuses_lengths_that_do_not_cover_the_rows():
    rng = random.Random(3)
    _, line = _stacked([_file(rng, n, False) for n in (4, 6)])
    words, prose = features._prose_rows(line)
    n, columns = line.shape[0], len(features.CONTEXT_FEATURES)

    def walk(lengths, totals=None, out=None, logs=None):
        totals = np.ones(len(lengths)) if totals is None else totals
        _filefacts.context_many_into(
            np.zeros((n, columns)) if out is None else out,
            np.empty((7, n)) if logs is None else logs,
            np.ascontiguousarray(line), words, prose, words * prose, totals,
            np.array(lengths, dtype=np.int64),
        )

    walk([4, 6])  # the stack's own lengths
    for lengths in ([4, 5], [4, 7], [11, -1], [-4, 14], [10]):
        if sum(lengths) == n and min(lengths) >= 0:
            walk(lengths)  # another split of the same rows is still a stack
            continue
        with pytest.raises(ValueError):
            walk(lengths)
    with pytest.raises(ValueError):
        walk([4, 6], totals=np.ones(3))
    with pytest.raises(ValueError):
        walk([4, 6], out=np.zeros((n, 5)))
    with pytest.raises(ValueError):
        walk([4, 6], logs=np.empty((7, n + 1)))
    with pytest.raises(ValueError):
        walk([4, 6], totals=np.ones(2, dtype=np.int64))
    with pytest.raises(TypeError):  # lengths of another type than int64
        _filefacts.context_many_into(
            np.zeros((n, columns)), np.empty((7, n)), np.ascontiguousarray(line), words,
            prose, words * prose, np.ones(2), np.array([4, 6], dtype=np.int32),
        )
