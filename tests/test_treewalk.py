"""The tree walk in C (core/_treewalk.c) and the one in numpy give the same margins, bit for
bit, and the numpy one is what runs where the C one could not be built."""

import numpy as np
import pytest

import copydesk.core.linemodel as linemodel
from copydesk.core.linemodel import Trees, default_model

try:
    from copydesk.core import _treewalk
except ImportError:  # not built here: the numpy walk is checked below all the same
    _treewalk = None

needs_c = pytest.mark.skipif(_treewalk is None, reason="the C tree walk is not built")


def _margins(trees: Trees, x: np.ndarray, walk) -> np.ndarray:
    saved = linemodel._treewalk
    linemodel._treewalk = walk
    try:
        return trees.margin(x)
    finally:
        linemodel._treewalk = saved


def _random_trees(rng: np.random.Generator, depth: int, width: int, count: int) -> Trees:
    inner = 2**depth - 1
    threshold = np.round(rng.normal(size=(count, inner)), 2)
    threshold[rng.random(size=threshold.shape) < 0.1] = 1e300  # a node never split
    return Trees(
        features=tuple(f"f{k}" for k in range(width)),
        depth=depth,
        base=float(rng.normal()),
        feature=rng.integers(0, width, size=(count, inner)),
        threshold=threshold,
        leaf=rng.normal(size=(count, inner + 1)),
        value=np.zeros((count, inner)),
    )


def _awkward_rows(rng: np.random.Generator, n: int, width: int) -> np.ndarray:
    # Values on the thresholds' grid (ties go left), NaN (never right), infinities, -0.0.
    x = np.round(rng.normal(size=(n, width)), 2)
    x[rng.random(size=x.shape) < 0.05] = np.nan
    x[rng.random(size=x.shape) < 0.02] = np.inf
    x[rng.random(size=x.shape) < 0.02] = -np.inf
    x[rng.random(size=x.shape) < 0.02] = -0.0
    return x


def _numpy_walk_by_hand(trees: Trees, x: np.ndarray) -> np.ndarray:
    """The walk written out node by node, for a margin that neither fast path computed."""
    inner = 2**trees.depth - 1
    values = np.empty((len(x), trees.feature.shape[0]))
    for r, row in enumerate(x):
        for t in range(trees.feature.shape[0]):
            node = 0
            for _ in range(trees.depth):
                node = 2 * node + 1 + int(row[trees.feature[t, node]] > trees.threshold[t, node])
            values[r, t] = trees.leaf[t, node - inner]
    return trees.base + values.sum(axis=1)


@pytest.mark.parametrize("depth", [1, 2, 5, 6])
def test_the_numpy_walk_goes_down_each_tree_as_the_nodes_say(depth):
    rng = np.random.default_rng(depth)
    trees = _random_trees(rng, depth, width=7, count=9)
    x = _awkward_rows(rng, 40, 7)
    assert np.array_equal(_margins(trees, x, None), _numpy_walk_by_hand(trees, x))


@needs_c
@pytest.mark.parametrize("depth", [1, 2, 5, 6])
def test_the_c_walk_gives_the_numpy_walks_margins_bit_for_bit(depth):
    rng = np.random.default_rng(100 + depth)
    trees = _random_trees(rng, depth, width=11, count=37)
    # 700 rows: several blocks of `margin`; the C walk takes four rows at a time, and
    # the rest (1 to 3) one by one.
    for n in (0, 1, 3, 4, 5, 6, 7, 10, 64, 700):
        x = _awkward_rows(rng, n, 11)
        assert _margins(trees, x, _treewalk).tobytes() == _margins(trees, x, None).tobytes()


@needs_c
def test_the_shipped_model_scores_the_same_with_either_walk():
    model = default_model()
    assert model is not None
    rng = np.random.default_rng(7)
    width = len(model.stage1.features)
    # Rows near the model's own thresholds, where a rounding slip would show.
    picks = rng.integers(0, model.stage1.threshold.size, size=(500, width))
    x = model.stage1.threshold.ravel()[picks] + rng.choice([-1e-9, 0.0, 1e-9], size=picks.shape)
    x = np.where(np.abs(x) > 1e299, 0.0, x)
    x = np.vstack([x, _awkward_rows(rng, 200, width)])
    # A column slice (not contiguous), as the classifier's batches may pass.
    wide = np.hstack([x, x])[:, ::2]
    for rows in (x, wide):
        got = _margins(model.stage1, rows, _treewalk)
        assert got.tobytes() == _margins(model.stage1, rows, None).tobytes()


@needs_c
def test_the_c_walk_refuses_what_the_numpy_walk_would_not_index():
    rng = np.random.default_rng(3)
    trees = _random_trees(rng, 3, width=4, count=5)
    x = _awkward_rows(rng, 8, 4)
    with pytest.raises(IndexError):
        _margins(trees, x[:, :2], _treewalk)  # features 2 and 3 are not there
    with pytest.raises(IndexError):
        _margins(trees, x[:, :2], None)
    out = np.empty((8, 4))  # one column short
    flat = trees._flat
    with pytest.raises(ValueError):
        _treewalk.leaves(x, flat[0], flat[1], flat[2], trees.depth, out)


@needs_c
@pytest.mark.skipif(_treewalk is None or not _treewalk.SIMD, reason="no AVX2 walk here")
@pytest.mark.parametrize("depth", [1, 3, 5, 6])
def test_four_trees_at_a_time_reach_the_plain_loops_leaves(depth):
    """The AVX2 walk (four trees of a row together, the last trees one by one) writes
    the leaf values the plain loop writes, bit for bit, for any count of trees."""
    rng = np.random.default_rng(200 + depth)
    for count in (1, 3, 4, 5, 8, 11, 160):
        trees = _random_trees(rng, depth, width=9, count=count)
        feature, threshold, leaf = trees._flat
        for n in (1, 2, 5, 33):
            x = np.ascontiguousarray(_awkward_rows(rng, n, 9))
            fast, plain = np.full((n, count), np.nan), np.full((n, count), np.nan)
            _treewalk.leaves(x, feature, threshold, leaf, depth, fast)
            _treewalk.leaves(x, feature, threshold, leaf, depth, plain, False)
            assert fast.tobytes() == plain.tobytes()
            assert not np.isnan(fast).any()  # every leaf written
