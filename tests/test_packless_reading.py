"""Pages in a language without a rule pack are read by a model of their own.

The main line model was trained on pages whose own language's rules fired around each
line; on a page without a pack only the common rules fire, and the model, reading a tail
that no rule marks, kept it as body. The pack-less reading (`linemodel.packless_model`)
blends the main model with trees trained on the dev pages read as such a page is read
(`bench/train_lines.py --packless`). Pages with a pack keep the main model.
"""

from __future__ import annotations

import json

import numpy as np

from conftest import ROOT
from copydesk.core import features
from copydesk.core.analyze import load
from copydesk.core.classify import Classifier
from copydesk.core.config import Config
from copydesk.core.linemodel import PACKLESS_WEIGHTS, blend, default_model, packless_model
from copydesk.core.model import Source

KINDS = ROOT / "tests" / "fixtures" / "kinds"


def _blocks(path):
    return load(Source(display=path.name, relpath=path.name, path=str(path)), Config()).blocks


def test_pages_without_a_pack_are_read_by_the_blend_and_pages_with_one_by_the_main_model():
    classifier = Classifier(Config())
    main, packless = default_model(), packless_model()
    assert main is not None and packless is not None and packless is not main
    assert classifier.model_for("tr") is classifier.model_for("pl") is packless
    assert classifier.model_for("en") is classifier.model_for("de") is main
    # An undetermined page is read through every pack's stopwords, as the main model was
    # trained; an English page whose clean text is too short to tell comes back "und".
    assert classifier.model_for("und") is main
    # A model given by the caller reads every page (training, the dev set's folds).
    given = Classifier(Config(), model=main)
    assert given.model_for("tr") is given.model_for("en") is main


def test_the_blend_scores_the_weighted_sum_of_both_margins():
    raw = json.loads((ROOT / "core" / PACKLESS_WEIGHTS).read_text("utf-8"))
    main = default_model()
    assert main is not None and 0.0 < raw["main_weight"] < 1.0
    alone = blend(main, dict(raw, main_weight=0.0))
    mixed = blend(main, raw)
    rng = np.random.default_rng(3)
    x = rng.normal(size=(50, len(features.FEATURES)))
    w = raw["main_weight"]
    expected = w * main.stage1.margin(x) + (1 - w) * alone.stage1.margin(x)
    assert np.allclose(mixed.stage1.margin(x), expected, atol=1e-9)
    assert mixed.threshold == raw["threshold"]


def test_a_sidebar_and_a_newsletter_pitch_on_a_page_without_a_pack_go(cli):
    # Turkish: no pack, and no rule knows "Kategoriler" (a sidebar's header) or "Bültenimize
    # kaydolun, ..." (sign up to our newsletter). The main model, reading a tail no rule
    # marks, kept both (p 0.96 and 0.99): on pages with a pack, lines rules remove are its
    # sign of chrome around the body.
    page = KINDS / "tr-sidebar.txt"
    lines = page.read_text(encoding="utf-8").splitlines()
    header, pitch = lines[10], lines[15]
    assert header == "Kategoriler" and pitch.startswith("Bültenimize kaydolun")
    blocks = _blocks(page)
    by_main = Classifier(Config(), model=default_model()).classify(blocks).verdicts
    assert by_main[10].keep and by_main[15].keep
    clean = cli(["clean", page]).stdout.splitlines()
    assert [line for line in clean if line] == lines[6:10]
    # explain gives the blend's account of it: its score and the features behind it.
    rows = cli(["explain", page, "--features"]).stdout.splitlines()
    at = next(k for k, line in enumerate(rows) if "Bültenimize" in line)
    assert "boilerplate" in rows[at] and "model p=" in rows[at]
    assert any(line.strip().startswith("features: ") for line in rows[at + 1 : at + 3])


def test_pages_with_a_pack_are_read_as_before():
    # The blend reads pages without a pack only: an English page's verdicts are the main
    # model's, whatever the pack-less weights say.
    page = ROOT / "tests" / "fixtures" / "pages" / "en_full.txt"
    blocks = _blocks(page)
    shipped = Classifier(Config()).classify(blocks)
    main_only = Classifier(Config(), model=default_model()).classify(blocks)
    assert shipped.language == "en"
    assert shipped.verdicts == main_only.verdicts
