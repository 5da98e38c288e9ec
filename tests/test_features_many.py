"""Features of several files computed together, against each file's own, bit for bit.

`features.features_many` stacks the rows of several small files so that a classifier
pass costs one set of numpy calls instead of one per file. The model's thresholds were
learnt on `features_of`: a difference in the last bit can flip a line, so every element
must be identical, whatever the files' sizes, subsets and rule codes.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from copydesk.core import features as feat
from copydesk.core.language import stopwords_for


def random_rows(rng: np.random.Generator, n: int) -> feat.Rows:
    """Own-feature rows shaped like a scraped page's: menus, prose, repeated lines."""
    own = np.zeros((n, len(feat.LINE_FEATURES)))
    prose_like = rng.random(n) < rng.random()
    words = np.where(prose_like, rng.integers(8, 80, n), rng.integers(0, 9, n))
    own[:, 0] = np.log1p(words)
    own[:, 1] = rng.random(n) * 8
    own[:, 2] = rng.random(n) < np.where(prose_like, 0.9, 0.2)
    own[:, 5] = np.round(rng.random(n) * 0.6, 2)
    own[:, 6] = rng.random(n)
    own[:, 8] = rng.random(n) < 0.1
    ids = rng.integers(0, max(1, n - rng.integers(0, n + 1)), n)
    chars = rng.integers(0, 400, n)
    # Each line's distinct content words, from a small vocabulary so that lines share some.
    vocabulary = int(rng.integers(1, 60))
    lines = [np.unique(rng.integers(0, vocabulary, rng.integers(0, 12))) for _ in range(n)]
    vocab = np.concatenate(lines).astype(np.int64) if n else np.zeros(0, dtype=np.int64)
    owner = np.repeat(np.arange(n, dtype=np.int64), [len(words) for words in lines])
    return feat.Rows(own, ids.astype(np.int64), chars.astype(np.int64), vocab, owner)


def a_file(rng: np.random.Generator, n: int):
    rows = random_rows(rng, n)
    subset = None
    if n and rng.random() < 0.5:
        keep = np.flatnonzero(rng.random(n) < rng.uniform(0.3, 1.0))
        subset = keep.astype(np.int64)
    m = n if subset is None else len(subset)
    codes = np.where(rng.random(m) < 0.3, rng.integers(1, 7, m), 0).tolist()
    return rows, subset, codes


def same_bits(a: np.ndarray, b: np.ndarray) -> bool:
    return a.shape == b.shape and a.tobytes() == b.tobytes()


@settings(max_examples=150, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    sizes=st.lists(
        st.sampled_from([0, 1, 2, 3, 4, 7, 8, 9, 14, 15, 16, 31, 40, 129, 300]),
        min_size=1,
        max_size=12,
    ),
)
def test_many_files_get_each_file_s_own_features_bit_for_bit(seed, sizes):
    rng = np.random.default_rng(seed)
    items = [a_file(rng, n) for n in sizes]
    together = feat.features_many(items)
    assert len(together) == len(items)
    for item, got in zip(items, together, strict=True):
        rows, subset, codes = item
        if (subset is not None and not len(subset)) or not len(rows.own):
            assert got.shape == (0, len(feat.FEATURES))
            continue
        assert same_bits(got, feat.features_of(rows, subset, codes))


def test_files_without_prose_or_all_prose_or_one_line():
    rng = np.random.default_rng(3)
    items = []
    for n in (1, 5, 30):
        rows = random_rows(rng, n)
        none = feat.Rows(rows.own.copy(), rows.ids, rows.chars, rows.vocab, rows.owner)
        none.own[:, 0] = np.log1p(3)
        every = feat.Rows(rows.own.copy(), rows.ids, rows.chars, rows.vocab, rows.owner)
        every.own[:, 0], every.own[:, 2] = np.log1p(40), 1
        for r in (rows, none, every):
            items.append((r, None, [0] * n))
            items.append((r, None, [6] + [0] * (n - 1)))  # a comment prompt first
    for (rows, subset, codes), got in zip(items, feat.features_many(items), strict=True):
        assert same_bits(got, feat.features_of(rows, subset, codes))


def test_real_lines_of_several_files():
    texts = [
        "Home | News | Sport | Weather",
        "Storm closes the coast road for a second night as crews clear fallen trees.",
        "The county said the road would reopen on Thursday, weather permitting, and that "
        "drivers should use the inland route until then.",
        "Share this story",
        "Read more:",
        "Council approves new bus lanes",
        "Residents were told to keep away from the shore while the high tides last.",
        "© 2031 The Coast Herald",
    ]
    stop = stopwords_for("en")
    files = [texts, texts[1:3], texts[::-1], texts * 3, texts[:1]]
    items = [(feat.row_features(f, stop), None, [k % 7 for k in range(len(f))]) for f in files]
    for (rows, subset, codes), got in zip(items, feat.features_many(items), strict=True):
        assert same_bits(got, feat.features_of(rows, subset, codes))


def test_the_trees_give_each_row_its_own_margin_in_any_batch():
    from copydesk.core.linemodel import default_model

    model = default_model()
    assert model is not None
    rng = np.random.default_rng(5)
    items = [a_file(rng, n) for n in (3, 14, 40, 129, 300)]
    x = np.concatenate(feat.features_many(items))
    together = model.stage1.margin(x)  # several blocks of rows
    alone = np.concatenate([model.stage1.margin(x[i : i + 1]) for i in range(len(x))])
    assert same_bits(together, alone)
