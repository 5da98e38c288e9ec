"""The line model: gradient-boosted trees over layout features, evaluated with numpy.

One or two stages of small trees. Stage 1 reads a line's own features and
its neighbours' (`features.py`); an optional stage 2 adds what stage 1
thought of the neighbouring lines (it is shipped only when cross-validation
shows it helps). Each stage's trees are complete binary
trees of one depth stored as flat arrays, so scoring a whole file is a few
vectorised gathers, whatever its length.

The weights are package data (`model_weights/lines.json`), trained by
`bench/train_lines.py` on the dev set with cross-validation grouped by site;
nothing here reads the dev set. Pages in a listed language without a rule pack
are read by a blend of that model with trees of their own
(`model_weights/lines-packless.json`, see `blend`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import numpy as np

from .allocator import MMAP_THRESHOLD

try:  # the tree walk in C, built by setup.py where a compiler is at hand
    from . import _treewalk
except ImportError:  # the same walk in numpy
    _treewalk = None

WEIGHTS = "model_weights/lines.json"
# The reading of pages in a language without a rule pack (`packless_model`): trees trained
# on the dev pages read as such a page is, through the common rules alone and a list of
# function words (`bench/train_lines.py --packless`), blended with the main model.
PACKLESS_WEIGHTS = "model_weights/lines-packless.json"


@dataclass(frozen=True, slots=True)
class Trees:
    """A boosted ensemble of complete trees of depth `depth`, as flat arrays."""

    features: tuple[str, ...]
    depth: int
    base: float
    feature: np.ndarray  # (trees, 2**depth - 1) feature index per inner node
    threshold: np.ndarray  # (trees, 2**depth - 1) go right when x > threshold
    leaf: np.ndarray  # (trees, 2**depth) leaf values (learning rate included)
    value: np.ndarray  # (trees, 2**depth - 1) inner node values, for explanations
    # For `margin`: every inner node numbered across trees, with its feature, threshold and
    # left child (an inner node, or a leaf numbered across trees at the last level), and
    # each tree's root.
    _walk: tuple[np.ndarray, ...] = field(init=False, repr=False, compare=False)
    _flat: tuple[np.ndarray, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        trees, inner = np.shape(self.feature)
        tree = np.arange(trees, dtype=np.intp)[:, None]
        child = 2 * np.arange(inner, dtype=np.intp)[None, :] + 1
        left = np.where(child < inner, tree * inner + child, tree * (inner + 1) + child - inner)
        walk = (
            np.asarray(self.feature, dtype=np.intp).ravel(),
            np.asarray(self.threshold, dtype=np.float64).ravel(),
            left.ravel(),
            tree.ravel() * inner,
        )
        object.__setattr__(self, "_walk", walk)
        # For the C walk: the arrays as it reads them (C order, int64 and float64).
        flat = (
            np.ascontiguousarray(self.feature, dtype=np.int64),
            np.ascontiguousarray(self.threshold, dtype=np.float64),
            np.ascontiguousarray(self.leaf, dtype=np.float64),
        )
        object.__setattr__(self, "_flat", flat)

    @classmethod
    def from_dict(cls, raw: dict) -> Trees:
        return cls(
            features=tuple(raw["features"]),
            depth=int(raw["depth"]),
            base=float(raw["base"]),
            feature=np.asarray(raw["feature"], dtype=np.int64),
            threshold=np.asarray(raw["threshold"], dtype=np.float64),
            leaf=np.asarray(raw["leaf"], dtype=np.float64),
            value=np.asarray(raw["value"], dtype=np.float64),
        )

    def to_dict(self) -> dict:
        return {
            "features": list(self.features),
            "depth": self.depth,
            "base": self.base,
            "feature": self.feature.tolist(),
            # Thresholds exactly: each is a bin edge of the training rows, a value some rows
            # hold (shares like 1/3, logs of counts), and such rows went left in training.
            # Rounded to six digits, an edge that came out below its value (1/3 written
            # 0.333333) sent them right in use: the fold files put 1.1 % of the dev set's
            # undecided lines on the other side of the body bar from where their trees had
            # (HISTORY, session 29, model33).
            "threshold": [[_edge(t) for t in row] for row in self.threshold.tolist()],
            "leaf": [[_round(v) for v in row] for row in self.leaf.tolist()],
            "value": [[_round(v) for v in row] for row in self.value.tolist()],
        }

    def margin(self, x: np.ndarray) -> np.ndarray:
        """Log-odds of body for each row of `x`: all trees walked together, level by level."""
        n = x.shape[0]
        # A few dozen rows at a time: each level's arrays (rows x trees) then stay below
        # glibc's mmap threshold (`allocator.py`), so they are not mapped, faulted in page by
        # page and unmapped again at every step, which cost several times the walk itself
        # on a few hundred rows. Each row's margin is its own: the same in any block.
        block = max(1, MMAP_THRESHOLD // (16 * self.feature.shape[0]))
        if n > block:
            return np.concatenate([self._margin(x[i : i + block]) for i in range(0, n, block)])
        return self._margin(x)

    def _margin(self, x: np.ndarray) -> np.ndarray:
        n, width = x.shape
        if n == 0:
            return np.zeros(0)
        feature, threshold, left, roots = self._walk
        if self.depth == 0:  # a stump of one leaf per tree
            return self.base + np.tile(self.leaf[:, 0], (n, 1)).sum(axis=1)
        x = np.ascontiguousarray(x, dtype=np.float64)
        if _treewalk is not None:
            # Each row's leaf in each tree, as `node` below ends: the same values in the same
            # (rows x trees) layout, added up by the same numpy sum.
            values = np.empty((n, self.feature.shape[0]))
            _treewalk.leaves(x, self._flat[0], self._flat[1], self._flat[2], self.depth, values)
            return self.base + values.sum(axis=1)
        # Every row starts at every root: the first level compares whole columns. (C order
        # throughout, so that the sum over trees adds in the same order for any input.)
        node = np.ascontiguousarray(left[roots] + (x[:, feature[roots]] > threshold[roots]))
        flat_x = x.ravel()
        row_base = (np.arange(n, dtype=np.intp) * width)[:, None]
        # The take method rather than a[index] or np.take (a Python wrapper around it): the
        # same gathers, with less overhead per call; sums in place spare a temporary each.
        for _ in range(self.depth - 1):
            at = feature.take(node)
            at += row_base
            right = flat_x.take(at) > threshold.take(node)
            node = left.take(node)
            node += right
        return self.base + self.leaf.ravel().take(node).sum(axis=1)

    def contributions(self, row: np.ndarray) -> dict[str, float]:
        """How much each feature moved one row's log-odds (path attribution, per tree)."""
        out: dict[str, float] = {}
        inner = 2**self.depth - 1
        for t in range(self.feature.shape[0]):
            node = 0
            before = self.value[t, 0]
            for level in range(self.depth):
                f = int(self.feature[t, node])
                right = row[f] > self.threshold[t, node]
                child = 2 * node + 1 + int(right)
                after = (
                    self.leaf[t, child - inner] if level == self.depth - 1 else self.value[t, child]
                )
                if np.isfinite(self.threshold[t, node]):
                    name = self.features[f]
                    out[name] = out.get(name, 0.0) + float(after - before)
                node, before = child, after
        return out


def _round(x: float) -> float:
    return float(f"{x:.6g}") if np.isfinite(x) else 1e300


def _edge(x: float) -> float:
    """A split's threshold as written: the float itself (JSON keeps every digit of it)."""
    return x if np.isfinite(x) else 1e300


@dataclass(frozen=True, slots=True)
class LineModel:
    stage1: Trees
    stage2: Trees | None  # None: stage 1 decides alone
    threshold: float  # body when the final probability is at least this
    info: dict

    def to_dict(self) -> dict:
        return {
            "threshold": self.threshold,
            "info": self.info,
            "stage1": self.stage1.to_dict(),
            "stage2": self.stage2.to_dict() if self.stage2 is not None else None,
        }

    @classmethod
    def from_dict(cls, raw: dict) -> LineModel:
        return cls(
            Trees.from_dict(raw["stage1"]),
            Trees.from_dict(raw["stage2"]) if raw.get("stage2") else None,
            float(raw["threshold"]),
            dict(raw.get("info", {})),
        )


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -30, 30)))


def scaled(trees: Trees, weight: float) -> Trees:
    """`trees` whose margin is `weight` times theirs (leaves, inner values and base)."""
    return Trees(
        trees.features,
        trees.depth,
        trees.base * weight,
        trees.feature,
        trees.threshold,
        trees.leaf * weight,
        trees.value * weight,
    )


def joined(a: Trees, b: Trees) -> Trees:
    """One ensemble whose margin is the sum of `a`'s and `b`'s (their trees side by side)."""
    if a.features != b.features or a.depth != b.depth:
        raise ValueError("only ensembles over the same features and of one depth join")
    return Trees(
        a.features,
        a.depth,
        a.base + b.base,
        np.vstack([a.feature, b.feature]),
        np.vstack([a.threshold, b.threshold]),
        np.vstack([a.leaf, b.leaf]),
        np.vstack([a.value, b.value]),
    )


def blend(main: LineModel, packless: dict) -> LineModel:
    """The reading of pages without a pack: `packless` (a `LineModel.to_dict()` with a
    "main_weight" key) blended with `main`, margin = w * main's + (1 - w) * its own, at its
    own threshold. The main model knows layout from pages whose rules fired around each
    line; the pack-less trees know what a page without those rules looks like. Averaged
    margins are one ensemble of both sets of trees, so scoring stays one tree walk."""
    own = LineModel.from_dict(packless)
    weight = float(packless.get("main_weight", 0.0))
    if main.stage2 is not None or own.stage2 is not None:
        raise ValueError("a blend of stacked models is not supported")
    stage1 = own.stage1
    if weight > 0.0:
        stage1 = joined(scaled(main.stage1, weight), scaled(own.stage1, 1.0 - weight))
    info = dict(own.info, main_weight=weight)
    return LineModel(stage1, None, own.threshold, info)


@cache
def default_model() -> LineModel | None:
    """The shipped model, or None when the package carries no weights."""
    raw = _shipped(WEIGHTS)
    return None if raw is None else LineModel.from_dict(raw)


@cache
def packless_model() -> LineModel | None:
    """The shipped reading of pages in a language without a rule pack (see `blend`); None
    when the package carries no weights for it."""
    main, raw = default_model(), _shipped(PACKLESS_WEIGHTS)
    if main is None or raw is None:
        return None
    return blend(main, raw)


def _shipped(name: str) -> dict | None:
    try:
        text = resources.files(__package__).joinpath(name).read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return None
    return json.loads(text)
