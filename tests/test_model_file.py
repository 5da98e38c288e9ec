"""A line model written to its file and read back decides as the trees that were trained:
the file is what the fold models and the shipped model are."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

from copydesk.core.linemodel import LineModel

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from gbdt import fit


def test_a_model_read_back_from_its_file_scores_every_line_as_the_trained_trees():
    # A share feature whose values are thirds: its bin edges are 1/3 and 2/3, values that
    # rows hold. A row at an edge goes left in training; written as 0.333333, the edge
    # sent it right once read back, and its line changed sides in use.
    rng = np.random.default_rng(29)
    share = rng.integers(0, 4, 4000) / 3.0
    words = rng.integers(1, 40, 4000).astype(np.float64)
    x = np.column_stack([share, np.log1p(words)])
    y = ((share > 0.5) ^ (rng.random(4000) < 0.1)).astype(np.float64)
    trees = fit(x, y, np.ones(4000), ("share", "words"), trees=20, depth=3, seed=1)
    assert np.isin(trees.threshold, [1 / 3, 2 / 3]).any()  # an edge rows sit on
    model = LineModel(trees, None, 0.5, {})
    read = LineModel.from_dict(json.loads(json.dumps(model.to_dict())))
    assert np.allclose(read.stage1.margin(x), trees.margin(x), atol=1e-4)
    assert ((read.stage1.margin(x) > 0) == (trees.margin(x) > 0)).all()
