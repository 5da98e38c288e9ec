"""Boilerplate removal measured on the shared dev set (skipped when it is not there).

Floors sit well below the measured figures (see README, "Boilerplate
removal"), so that the test catches a regression, not noise. The shipped
model was trained on these pages: the cross-validated figures in the README
are the honest estimate for unseen sites; this test guards the pipeline.
"""

import re
import statistics
import sys
from collections import Counter
from pathlib import Path

import pytest

from copydesk.core.config import Config
from copydesk.core.model import Source
from copydesk.core.pipeline import Destination, run

DEVSET = Path(__file__).resolve().parent.parent.parent / "shared" / "devset"
pytestmark = pytest.mark.skipif(not (DEVSET / "pages").is_dir(), reason="no shared dev set")

_WORD = re.compile(r"\w+")
FLOORS = {"full": 0.90, "wide": 0.93, "region": 0.95, "mojibake": 0.945}


def bag(text: str) -> Counter:
    import unicodedata

    return Counter(_WORD.findall(unicodedata.normalize("NFC", text).lower()))


def f1(pred: str, truth: str) -> float:
    p, t = bag(pred), bag(truth)
    overlap = sum((p & t).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(p.values()), overlap / sum(t.values())
    return 2 * precision * recall / (precision + recall)


def clean_variant(variant: str, step: int = 1) -> tuple[list[Path], dict[str, str]]:
    files = sorted((DEVSET / "pages").glob(f"*.{variant}.txt"))[::step]
    sources = [Source(display=f.name, relpath=f.name, path=str(f)) for f in files]
    result = run(sources, Config(), Destination(dry_run=True))
    return files, {o.source.display: o.text or "" for o in result.outcomes}


@pytest.mark.parametrize("variant", sorted(FLOORS))
def test_devset_f1_floor(variant):
    files, texts = clean_variant(variant, step=2)
    scores, keep_all = [], []
    for f in files:
        truth = (DEVSET / "pages" / (f.name.split(".")[0] + ".truth.txt")).read_text("utf-8")
        scores.append(f1(texts[f.name], truth))
        keep_all.append(f1(f.read_text("utf-8", errors="replace"), truth))
    mean = statistics.fmean(scores)
    print(f"{variant}: F1 {mean:.3f} over {len(scores)} pages", file=sys.stderr)
    assert mean >= FLOORS[variant]
    assert mean > statistics.fmean(keep_all)  # never worse than writing the input back


def _changed_on_a_second_run(tmp_path) -> list[str]:
    """Every 8th full page cleaned, its output cleaned again: the pages that changed."""
    files, texts = clean_variant("full", step=8)
    for f in files:
        (tmp_path / f.name).write_text(texts[f.name], encoding="utf-8")
    again = [Source(display=f.name, relpath=f.name, path=str(tmp_path / f.name)) for f in files]
    result = run(again, Config(), Destination(dry_run=True))
    return [o.source.display for o in result.outcomes if (o.text or "") != texts[o.source.display]]


def test_devset_outputs_are_a_fixed_point(tmp_path):
    assert _changed_on_a_second_run(tmp_path) == []


def test_devset_outputs_read_as_pages_without_a_pack_are_a_fixed_point(tmp_path):
    # The same, with every page read as a page in a language without a pack is read (the
    # common rules, listed function words, the pack-less reading's blend of two models):
    # `bench/devset.py --as-packless --idempotence` in small.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from devset import as_packless

    with as_packless():
        assert _changed_on_a_second_run(tmp_path) == []
