"""Context features against their definition, one column at a time, bit for bit.

`features.context_features` computes columns alike together (window means from
one running sum, run lengths and logarithms batched) because files are mostly
a few dozen lines, where numpy's cost per call outweighs the work. The model's
thresholds were learnt on the plain definitions below: any difference in the
last bit can flip a line, so the comparison is exact, not approximate.
"""

from __future__ import annotations

import numpy as np
import pytest

from copydesk.core import features as feat


def window_mean(values: np.ndarray, radius: int) -> np.ndarray:
    n = len(values)
    csum = np.concatenate(([0.0], np.cumsum(values)))
    idx = np.arange(n)
    lo = np.maximum(idx - radius, 0)
    hi = np.minimum(idx + radius + 1, n)
    return (csum[hi] - csum[lo]) / (hi - lo)


def shift(values: np.ndarray, by: int) -> np.ndarray:
    out = np.zeros_like(values)
    if by > 0:
        out[by:] = values[:-by]
    else:
        out[:by] = values[-by:]
    return out


def run_lengths(flags: np.ndarray) -> np.ndarray:
    out = np.zeros(len(flags))
    change = np.flatnonzero(np.diff(np.concatenate(([0], flags.astype(np.int64), [0]))))
    lengths = change[1::2] - change[::2]
    out[flags != 0] = np.repeat(lengths, lengths)
    return out


def segments(prose: np.ndarray, prose_words: np.ndarray) -> np.ndarray:
    in_gap = (prose == 0) & (run_lengths(prose == 0) >= feat.SEGMENT_GAP)
    starts = np.concatenate(([True], in_gap[:-1] & ~in_gap[1:]))
    seg_id = np.cumsum(starts) - 1
    words = np.where(in_gap, 0.0, np.bincount(seg_id, weights=prose_words)[seg_id])
    return words


def by_definition(line: np.ndarray) -> np.ndarray:
    n = line.shape[0]
    out = np.zeros((n, len(feat.CONTEXT_FEATURES)))
    col = {name: k for k, name in enumerate(feat.CONTEXT_FEATURES)}
    logw, end, stop = line[:, 0], line[:, 2], line[:, 5]
    words = np.expm1(logw)
    prose = ((words >= 25) | ((words >= 10) & (end > 0))).astype(np.float64)
    boiler = (line[:, 15] + line[:, 17] + line[:, 18] > 0).astype(np.float64)
    for name, values, radius in [
        ("prose_near_2", prose, 2),
        ("prose_near_5", prose, 5),
        ("prose_near_12", prose, 12),
        ("words_near_2", logw, 2),
        ("words_near_5", logw, 5),
        ("boiler_near_3", boiler, 3),
        ("metadata_near_3", line[:, 16], 3),
        ("boiler_near_8", boiler, 8),
    ]:
        out[:, col[name]] = window_mean(values, radius)
    for name, values in [("words", logw), ("ends_sentence", end), ("stopwords", stop)]:
        out[:, col[f"prev_{name}"]] = shift(values, 1)
        out[:, col[f"next_{name}"]] = shift(values, -1)
    out[:, col["short_run"]] = np.log1p(run_lengths((words <= 6) & (end == 0)))
    out[:, col["open_run"]] = np.log1p(run_lengths(end == 0))
    titled = (end == 0) & (line[:, 6] >= 0.5) & (words <= 12)
    out[:, col["title_run"]] = np.log1p(run_lengths(titled))
    idx = np.arange(n)
    prose_at = np.flatnonzero(prose)
    above = np.array(
        [min(30, i - prose_at[prose_at <= i].max()) if (prose_at <= i).any() else 30 for i in idx]
    )
    below = np.array(
        [min(30, prose_at[prose_at >= i].min() - i) if (prose_at >= i).any() else 30 for i in idx]
    )
    out[:, col["prose_above"]] = np.log1p(above)
    out[:, col["prose_below"]] = np.log1p(below)
    prose_words = words * prose
    total = prose_words.sum() or 1.0
    before = np.cumsum(prose_words) - prose_words
    out[:, col["prose_before"]] = before / total
    out[:, col["prose_after"]] = (total - before - prose_words) / total
    lo, hi = feat.max_segment(feat.region_score(words, prose))
    inside, distance, offset = feat.region_columns(n, lo, hi)
    out[:, col["in_region"]], out[:, col["region_distance"]] = inside, distance
    out[:, col["region_offset"]] = offset
    out[:, col["file_lines"]] = np.log1p(n)
    out[:, col["file_prose_share"]] = prose.mean()
    out[:, col["file_rule_share"]] = (line[:, 15:20].sum(axis=1) > 0).mean()
    seg_words = segments(prose, prose_words)
    out[:, col["segment_words"]] = np.log1p(seg_words)
    out[:, col["segment_share"]] = seg_words / total
    typical = np.median(stop[prose > 0]) if prose.any() else 0.0
    out[:, col["relative_stopwords"]] = np.minimum(stop / typical, 3.0) if typical > 0 else 0.0
    return out


def random_lines(rng: np.random.Generator, n: int) -> np.ndarray:
    """Line-feature rows shaped like a scraped page's: menus, prose, rule-decided lines."""
    line = np.zeros((n, len(feat.LINE_FEATURES)))
    prose_like = rng.random(n) < rng.random()
    words = np.where(prose_like, rng.integers(8, 80, n), rng.integers(0, 9, n))
    line[:, 0] = np.log1p(words)
    line[:, 2] = rng.random(n) < np.where(prose_like, 0.9, 0.2)
    line[:, 5] = np.round(rng.random(n) * 0.6, 2)
    line[:, 6] = rng.random(n)
    codes = np.where(rng.random(n) < 0.3, rng.integers(1, 6, n), 0)
    line[np.arange(n), 14 + codes] = codes > 0
    return line


@pytest.mark.parametrize("n", [1, 2, 3, 5, 14, 40, 255, 256, 257, 700])
def test_context_features_are_the_definition_bit_for_bit(n):
    rng = np.random.default_rng(n)
    for _ in range(20):
        line = random_lines(rng, n)
        assert np.array_equal(feat.context_features(line), by_definition(line))


def test_a_file_without_prose_or_without_gaps():
    rng = np.random.default_rng(1)
    line = random_lines(rng, 30)
    none = line.copy()
    none[:, 0] = np.log1p(3)
    every = line.copy()
    every[:, 0], every[:, 2] = np.log1p(40), 1
    for case in (none, every):
        assert np.array_equal(feat.context_features(case), by_definition(case))


@pytest.mark.skipif(feat._filefacts is None, reason="core/_filefacts.c was not built")
def test_the_c_kadane_is_the_python_walk():
    # `max_segment` walks the scores in C: the same stretch as `_kadane`'s Python loop, on
    # region scores of random pages and on sums that tie, turn on a zero or on -0.0, and
    # hold infinities or NaN (a NaN compares false both ways in C as in Python).
    rng = np.random.default_rng(27)
    special = [0.0, -0.0, 1.0, -1.0, 2.0, -2.0, 0.5, -0.5, np.inf, -np.inf, np.nan, 1e300]
    for k in range(3000):
        n = int(rng.integers(0, 60))
        if k % 3 == 0:
            score = rng.choice(special, size=n)
        elif k % 3 == 1:
            score = np.round(rng.normal(0, 4, size=n), int(rng.integers(0, 3)))
        else:
            words = rng.integers(0, 60, size=n).astype(np.float64)
            score = feat.region_score(words, (rng.random(n) < 0.5).astype(np.float64))
        assert feat._filefacts.max_segment(score) == feat._kadane(score.tolist())
        assert feat.max_segment(score) == feat._kadane(score.tolist())
    with pytest.raises(TypeError):
        feat._filefacts.max_segment(np.zeros(3, dtype=np.float32))


@pytest.mark.skipif(feat._filefacts is None, reason="core/_filefacts.c was not built")
def test_the_c_region_columns_are_numpy_s():
    # `region_into` writes `_region`'s three columns where `context_features` puts them;
    # every other cell is left as it was.
    rng = np.random.default_rng(28)
    for _ in range(2000):
        n = int(rng.integers(1, 40))
        lo = int(rng.integers(0, n + 1))
        hi = int(rng.integers(lo, n + 1))
        out, logs = rng.normal(size=(n, 30)), rng.normal(size=(7, n))
        expected_out, expected_logs = out.copy(), logs.copy()
        expected_out[:, 16], expected_logs[5], expected_out[:, 18] = feat._region(
            np.arange(n), lo, hi
        )
        feat._filefacts.region_into(out, 16, 18, logs, 5, lo, hi)
        assert out.tobytes() == expected_out.tobytes()
        assert logs.tobytes() == expected_logs.tobytes()
    with pytest.raises(ValueError):
        feat._filefacts.region_into(np.zeros((3, 30)), 16, 30, np.zeros((7, 3)), 5, 0, 1)
    with pytest.raises(ValueError):
        feat._filefacts.region_into(np.zeros((3, 30)), 16, 18, np.zeros((7, 4)), 5, 0, 1)


@pytest.mark.skipif(feat._filefacts is None, reason="core/_filefacts.c was not built")
@pytest.mark.parametrize("n", [1, 2, 3, 7, 30, 300])
def test_context_features_with_and_without_the_c_steps(monkeypatch, n):
    rng = np.random.default_rng(n)
    for _ in range(20):
        line = random_lines(rng, n)
        with_c = feat.context_features(line)
        monkeypatch.setattr(feat, "_filefacts", None)
        without = feat.context_features(line)
        monkeypatch.undo()
        assert with_c.tobytes() == without.tobytes()


@pytest.mark.skipif(feat._filefacts is None, reason="core/_filefacts.c was not built")
def test_the_c_prose_distances_are_numpy_s():
    # Pages with no prose, prose at either end only, and gaps longer than the cap.
    rng = np.random.default_rng(29)
    for k in range(2000):
        n = int(rng.integers(1, 120))
        flags = rng.random(n) < [0.0, 0.02, 0.2, 0.8][k % 4]
        logs = rng.normal(size=(7, n))
        expected = logs.copy()
        expected[3], expected[4] = feat._prose_distances(np.flatnonzero(flags), np.arange(n))
        feat._filefacts.prose_distances_into(logs, 3, 4, flags, 30)
        assert logs.tobytes() == expected.tobytes()
    with pytest.raises(ValueError):
        feat._filefacts.prose_distances_into(np.zeros((7, 3)), 3, 4, np.zeros(4, bool), 30)


@pytest.mark.skipif(feat._filefacts is None, reason="core/_filefacts.c was not built")
def test_the_c_runs_are_numpy_s():
    rng = np.random.default_rng(30)
    for k in range(2000):
        n = int(rng.integers(1, 80))
        flags = rng.random((4, n)) < [0.0, 0.3, 0.7, 1.0][k % 4]
        dest = rng.normal(size=(4, n))
        feat._filefacts.runs_into(dest, flags)
        assert dest.tobytes() == feat._runs(flags).tobytes()
    with pytest.raises(ValueError):
        feat._filefacts.runs_into(np.zeros((4, 3)), np.zeros((4, 4), bool))
