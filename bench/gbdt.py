"""Gradient-boosted trees with logistic loss, numpy only (training side of `linemodel`).

Histogram-based and level-wise: features are cut into at most `bins` quantile
bins once; each level of a tree takes two `bincount`s over (node, feature,
bin) for the gradient and hessian sums, and every node of the level picks its
best split from their cumulative sums. Trees are complete binary trees of
one depth (an unsplit node sends everything left), which is the flat layout
`copydesk.core.linemodel.Trees` evaluates.
"""

from __future__ import annotations

import numpy as np

from copydesk.core.linemodel import Trees, sigmoid


def quantile_edges(x: np.ndarray, bins: int) -> list[np.ndarray]:
    edges = []
    qs = np.linspace(0, 1, bins + 1)[1:-1]
    for f in range(x.shape[1]):
        col = x[:, f]
        cut = np.unique(np.quantile(col, qs))
        # A cut at the maximum splits nothing off.
        edges.append(cut[cut < col.max()] if len(cut) else cut)
    return edges


def binned(x: np.ndarray, edges: list[np.ndarray]) -> np.ndarray:
    out = np.zeros(x.shape, dtype=np.int32)
    for f, cut in enumerate(edges):
        out[:, f] = np.searchsorted(cut, x[:, f], side="left")
    return out


def fit(
    x: np.ndarray,
    y: np.ndarray,
    w: np.ndarray,
    names: tuple[str, ...],
    trees: int = 100,
    depth: int = 5,
    rate: float = 0.15,
    l2: float = 1.0,
    min_hess: float = 0.5,
    subsample: float = 0.5,
    bins: int = 32,
    seed: int = 0,
    log=None,
) -> Trees:
    n, nf = x.shape
    edges = quantile_edges(x, bins)
    xb = binned(x, edges)
    flat = xb + (np.arange(nf, dtype=np.int32) * bins)[None, :]
    rng = np.random.default_rng(seed)
    mean = float(np.clip((w * y).sum() / w.sum(), 1e-4, 1 - 1e-4))
    base = float(np.log(mean / (1 - mean)))
    margin = np.full(n, base)
    inner = 2**depth - 1
    feature = np.zeros((trees, inner), dtype=np.int64)
    split_bin = np.full((trees, inner), bins, dtype=np.int64)
    threshold = np.full((trees, inner), np.inf)
    value = np.zeros((trees, inner))
    leaf = np.zeros((trees, 2**depth))
    for t in range(trees):
        p = sigmoid(margin)
        g_all = (p - y) * w
        h_all = p * (1 - p) * w
        rows = np.flatnonzero(rng.random(n) < subsample)
        g, h, fb = g_all[rows], h_all[rows], flat[rows]
        node = np.zeros(len(rows), dtype=np.int64)
        for level in range(depth):
            width = 2**level
            first = width - 1  # index of this level's first node
            key = (node[:, None] * (nf * bins) + fb).ravel()
            size = width * nf * bins
            hg = np.bincount(key, weights=np.repeat(g, nf), minlength=size).reshape(width, nf, bins)
            hh = np.bincount(key, weights=np.repeat(h, nf), minlength=size).reshape(width, nf, bins)
            gl, hl = np.cumsum(hg, axis=2), np.cumsum(hh, axis=2)
            gt, ht = gl[:, :1, -1:], hl[:, :1, -1:]
            gr, hr = gt - gl, ht - hl
            gain = gl**2 / (hl + l2) + gr**2 / (hr + l2) - gt**2 / (ht + l2)
            gain[(hl < min_hess) | (hr < min_hess)] = -np.inf
            gain[:, :, -1] = -np.inf
            flat_gain = gain.reshape(width, -1)
            best = flat_gain.argmax(axis=1)
            ok = flat_gain[np.arange(width), best] > 1e-9
            bf, bb = best // bins, best % bins
            for k in range(width):
                idx = first + k
                value[t, idx] = -rate * gt[k, 0, 0] / (ht[k, 0, 0] + l2)
                if ok[k] and bb[k] < len(edges[bf[k]]):
                    feature[t, idx] = bf[k]
                    split_bin[t, idx] = bb[k]
                    threshold[t, idx] = edges[bf[k]][bb[k]]
            right = xb[rows, feature[t, first + node]] > split_bin[t, first + node]
            node = 2 * node + right
        sums_g = np.bincount(node, weights=g, minlength=2**depth)
        sums_h = np.bincount(node, weights=h, minlength=2**depth)
        leaf[t] = -rate * sums_g / (sums_h + l2)
        # Update every row, not just the sample.
        at = np.zeros(n, dtype=np.int64)
        for _ in range(depth):
            right = xb[np.arange(n), feature[t, at]] > split_bin[t, at]
            at = 2 * at + 1 + right
        margin += leaf[t, at - inner]
        if log is not None and (t + 1) % 25 == 0:
            p = sigmoid(margin)
            loss = -(w * (y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12))).sum() / w.sum()
            log(f"    tree {t + 1}: weighted log-loss {loss:.4f}")
    return Trees(names, depth, base, feature, threshold, leaf, value)
