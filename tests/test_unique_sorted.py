"""The parent's sorted unique values and memberships by a sort, never by numpy's hash table.

numpy (2.3 on) makes `np.unique(x)` without `return_*` put every value in a hash table: 0.3
to 0.7 us a distinct value, against a sort's few nanoseconds. Called on a run's 1.45 M
paragraphs (templates, related headlines, resolution, the index's look-ups) it was seconds
of the parent's serial time at 100,000 files. `unique_sorted`, `unique_pairs` and
`isin_sorted` give what the numpy calls they replace give.
"""

import random

import numpy as np
import pytest

from copydesk.core.fingerprint import isin_sorted, unique_sorted
from copydesk.core.templates import unique_pairs


def _arrays(seed: int):
    rng = np.random.default_rng(seed)
    for n in (0, 1, 2, 3, 17, 1000):
        for high in (3, 1000, 2**40):
            for dtype in (np.int64, np.uint64, np.uint32, np.intc):
                top = min(high, np.iinfo(dtype).max)
                yield rng.integers(0, top, n, dtype=dtype, endpoint=True)


@pytest.mark.parametrize("seed", range(3))
def test_unique_sorted_is_numpys_unique(seed):
    for values in _arrays(seed):
        got, want = unique_sorted(values), np.unique(values)
        assert got.dtype == want.dtype and np.array_equal(got, want)
        grid = values[: len(values) // 2 * 2].reshape(-1, 2)  # flattened, as np.unique does
        assert np.array_equal(unique_sorted(grid), np.unique(grid))


@pytest.mark.parametrize("seed", range(3))
def test_unique_pairs_is_numpys_unique_over_columns(seed):
    rng = np.random.default_rng(seed)
    for first in _arrays(seed + 10):
        second = rng.integers(0, 5, len(first)).astype(first.dtype)
        for a in (first, np.sort(first)):
            got = unique_pairs(a, second)
            want = np.unique(np.stack([a, second]), axis=1)
            assert got.dtype == want.dtype and got.shape == want.shape
            assert np.array_equal(got, want)


@pytest.mark.parametrize("seed", range(3))
def test_isin_sorted_is_numpys_isin(seed):
    rng = np.random.default_rng(seed)
    for values in _arrays(seed + 20):
        for size in (0, 1, 5, 300):
            keys = np.concatenate([rng.choice(values, min(size, len(values)) // 2),
                                   rng.integers(0, 50, size, dtype=values.dtype)])
            keys = unique_sorted(keys)
            assert np.array_equal(isin_sorted(values, keys), np.isin(values, keys))


def test_a_run_never_asks_numpy_for_hashed_unique_values(tmp_path, monkeypatch):
    # Every stage of a run in one process (analysis, templates, related headlines, matching,
    # resolution, the render), over files sharing lines, headlines and whole stories.
    from copydesk.core import pipeline
    from copydesk.core.config import Config
    from copydesk.core.discover import discover

    rng = random.Random(5)
    words = ["harbour", "council", "ferry", "budget", "river", "school", "market", "bridge",
             "station", "tram"]
    stories = [[" ".join(rng.choice(words) for _ in range(rng.randint(9, 25))).capitalize()
                + "." for _ in range(4)] for _ in range(6)]
    for k in range(40):
        body = list(stories[k % 6])
        body.insert(0, f"Headline of story {k % 6} about the {words[k % 10]}")
        body.append("Read next: Headline of story 3 about the budget")
        body.append("Share this story with your friends and family today.")
        path = tmp_path / "in" / f"site{k % 2}" / f"page{k:02d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n\n".join(body) + "\n", encoding="utf-8")
    hashed = []
    real = np.unique

    def unique(values, *args, **kwargs):
        if not args and not any(kwargs.get(k) for k in (
                "return_index", "return_inverse", "return_counts", "axis")):
            hashed.append(len(np.asarray(values)))
        return real(values, *args, **kwargs)

    monkeypatch.setattr(np, "unique", unique)
    found = discover([str(tmp_path / "in")])
    result = pipeline.run(found.sources, Config(jobs=1),
                          pipeline.Destination(out_dir=str(tmp_path / "out")), found.problems)
    assert result.report["summary"]["clusters"] > 0
    assert hashed == []
