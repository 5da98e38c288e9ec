"""`drop_related_headlines` visits only the rows that can be related headlines (a headline's
size and key); it marks the same lines, in the same order, as the loop over every row of the
run that it replaced (kept here as the reference)."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import numpy as np

from copydesk.core import headlines as hl
from copydesk.core.config import Config
from copydesk.core.model import Label, Source, Verdict
from copydesk.core.pipeline import analyze_all, apply_templates, corpus_of
from copydesk.core.templates import reload, settle, without

FIXTURES = Path(__file__).parent / "fixtures" / "headlines"
SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _reference(analyses, prints, refs, config, earlier=None):
    """The loop over every row of the run (main 83fad63)."""
    earlier = earlier or {}
    files = [a for a in analyses if a.problem is None]
    headlines = [(f, text) for f, a in enumerate(files) for text in a.metadata.get("headline", [])]
    if not config.templates or not (headlines or earlier) or not len(prints):
        return prints, refs
    keys = hl.headline_keys([text for _, text in headlines], config)
    owners: dict[int, list[int]] = {}
    for (f, _), key in zip(headlines, keys, strict=True):
        owners.setdefault(key, []).append(f)
    starts = np.zeros(len(files) + 1, dtype=np.int64)
    np.cumsum([len(a.body) for a in files], out=starts[1:])
    keep = np.ones(len(prints), dtype=bool)
    anchors = hl._Anchors(prints, starts)
    for f, a in enumerate(files):
        lo = int(starts[f])
        marked = False
        loaded = None
        for k, (key, tokens) in enumerate(zip(prints.exact[lo:int(starts[f + 1])].tolist(),
                                             prints.ntokens[lo:int(starts[f + 1])].tolist(),
                                             strict=True)):
            others = [g for g in owners.get(key, ()) if g != f]
            i = a.body[k]
            if not (others or key in earlier) or not hl.MIN_TOKENS <= tokens <= hl.MAX_TOKENS:
                continue
            if a.verdicts[i].rule == "keep-pattern":
                continue
            if key in earlier:
                name, stamp = earlier[key]
                linked = f"{name} (indexed {stamp})"
            else:
                linked = refs.files[others[0]]
            same = next((g for g in others if anchors.same_story(f, g, lo + k)), None)
            if same is not None:
                loaded = loaded or reload(a, config)
            own = (None if same is None or loaded is None
                   else hl._own_headline(a, i, loaded, refs.files[same]))
            a.verdicts[i] = own or Verdict(Label.BOILERPLATE, "related-headline",
                                           f"the headline of {linked}")
            marked = True
        if marked:
            settle(a, config, keep, lo, loaded)
    return without(prints, refs, keep)


def _run_inputs(tmp_path: Path) -> list[Source]:
    """The fixtures' linked articles and wire copies, between and after sample pages that
    hold no candidate (files without rows to visit, in every position)."""
    names = sorted(p.name for p in FIXTURES.iterdir())
    samples = sorted(p for p in SAMPLES.rglob("*.txt"))[:12]
    paths = []
    for k, sample in enumerate(samples):
        paths.append(tmp_path / f"{k:02d}-{sample.name}")
        shutil.copy(sample, paths[-1])
        if k % 3 == 1 and names:
            name = names.pop(0)
            paths.append(tmp_path / f"{k:02d}-{name}")
            shutil.copy(FIXTURES / name, paths[-1])
    for name in names:
        paths.append(tmp_path / f"zz-{name}")
        shutil.copy(FIXTURES / name, paths[-1])
    return [Source(display=str(p), relpath=p.name, path=str(p)) for p in sorted(paths)]


def _state(analyses, prints, refs):
    return ([(a.verdicts, a.body, a.metadata) for a in analyses], prints.exact.tolist(),
            refs.file.tolist(), refs.para.tolist())


def _both(tmp_path, earlier_of=lambda keys: {}):
    config = Config()
    analyses, prints = analyze_all(_run_inputs(tmp_path), config)
    refs, _ = corpus_of(analyses)
    prints, refs = apply_templates(analyses, prints, refs, config)
    first, second = copy.deepcopy(analyses), copy.deepcopy(analyses)
    earlier = earlier_of(prints.exact.tolist())
    new = hl.drop_related_headlines(first, prints, refs, config, dict(earlier))
    old = _reference(second, prints, refs, config, dict(earlier))
    return _state(first, *new), _state(second, *old), first


def _rules(analyses) -> list[str]:
    return [v.rule for a in analyses for v in a.verdicts]


def test_the_same_lines_as_the_loop_over_every_row(tmp_path):
    new, old, analyses = _both(tmp_path)
    assert new == old
    rules = _rules(analyses)
    assert "related-headline" in rules  # the run has links, and a wire copy's own headline
    assert any(v.rule == "headline" and "as in" in (v.detail or "")
               for a in analyses for v in a.verdicts)


def test_the_same_lines_with_headlines_of_earlier_runs(tmp_path):
    def earlier_of(keys):
        # Indexed headlines: a key that rows of this run hold (every fourth distinct one).
        return {key: (f"earlier-{n}.txt", "2026-01-01")
                for n, key in enumerate(sorted(set(keys))[::4])}

    new, old, analyses = _both(tmp_path, earlier_of)
    assert new == old
    assert any("indexed" in (v.detail or "") for a in analyses for v in a.verdicts)


def test_candidate_rows_are_a_headlines_size_and_key():
    class P:
        exact = np.array([5, 6, 5, 7, 5], dtype=np.uint64)
        ntokens = np.array([4, 4, hl.MAX_TOKENS + 1, 25, 3], dtype=np.int64)

    assert hl._candidate_rows(P(), {5, 7}).tolist() == [0, 3]
    assert hl._candidate_rows(P(), set()).tolist() == []
