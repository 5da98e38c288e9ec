"""A model pass's verdicts of plain body lines set in C (`_filefacts.model_verdicts`) are
the ones the Python account of each line gives (`classify._model_verdict_of`): the same
fields, the same `keep`, the shared verdict of a score where Python shares it, and the
same answer to whether a line changed sides; and the mean body probability of a list
(`classify._mean`) is numpy's."""

from __future__ import annotations

import math
import random
from pathlib import Path

import numpy as np
import pytest

from copydesk.core import classify, features
from copydesk.core.classify import Classifier
from copydesk.core.config import Config
from copydesk.core.model import Label, Verdict
from copydesk.core.segment import segment

try:
    from copydesk.core import _filefacts
except ImportError:
    _filefacts = None

needs_c = pytest.mark.skipif(not classify._VERDICT_KIT, reason="the C verdicts are not built")
HERE = Path(__file__).parent
SOFT_DETAIL = "date-line (en date rule) overruled: line model: body probability 0.61 (...)"
LISTED = "listed under 'Read more' (line 3)"


def _states(rng: random.Random) -> list[Verdict]:
    """Verdicts a line may hold when a model pass reads it."""
    return [
        Verdict(Label.BODY),
        Verdict(Label.BODY),
        classify._scored_body(round(rng.random(), 3)),
        Verdict(Label.BODY, detail="an item of a list whose items' mean body ...", score=0.3),
        Verdict(Label.BODY, "line-model", SOFT_DETAIL, score=0.61),
        Verdict(Label.BODY, "line-model", f"nav-crumb ({LISTED}) overruled: ...", score=0.5),
        Verdict(Label.BOILERPLATE, "date-line", "en date-line rule"),
        Verdict(Label.BOILERPLATE, "nav-crumb", LISTED),
        Verdict(Label.METADATA, "date-line", "en date rule", meta=("date", "3 May")),
        Verdict(Label.BODY, "table", "cell of a table of 3 columns and 4 rows", score=0.2),
        Verdict(Label.BOILERPLATE, detail="removed, no rule named"),  # (left to Python)
    ]


def _summary_matrix(rng: random.Random, n: int) -> np.ndarray:
    """Stage-1 features whose six summary columns hold counts (as log1p, some at a half),
    flags and the region's 0.5, as `_Summaries` reads them."""
    x = np.array([[rng.random() for _ in features.FEATURES] for _ in range(n)])

    def count() -> float:
        return math.log1p(rng.choice((0, 0.5, 1, 1.5, 2.5, 3, 250, rng.random() * 50)))

    for k in range(n):
        x[k, list(classify._Summaries._PICK)] = [
            count(), rng.choice((0.0, 1.0)), rng.choice((0.0, 1.0, 0.5)), count(), count(),
            rng.choice((0.0, 1.0)),
        ]
    return x


def _pass(rng: random.Random) -> tuple:
    """A pass's lines, verdicts, probabilities, features, bars, lists, items, soft rules."""
    n = rng.randrange(1, 60)
    states = _states(rng)
    verdicts = [rng.choice(states) for _ in range(n)]
    rows = sorted(rng.sample(range(n), rng.randrange(1, n + 1)))
    todo = sorted(rng.sample(range(len(rows)), rng.randrange(0, len(rows) + 1)))
    threshold = rng.choice((0.4, 0.15, 0.5))
    bars = [threshold, 0.45, 0.4, 0.15]  # scores exactly at a bar are body
    p = np.array([rng.choice((rng.random(), rng.choice(bars))) for _ in rows])
    p[[k for k in range(len(rows)) if k not in todo]] = np.nan
    x1 = _summary_matrix(rng, len(rows))
    lists = {k: rng.choice((rng.random(), 0.45)) for k in todo if rng.random() < 0.15}
    items = {
        k: rng.choice((rng.random(), threshold))
        for k in todo
        if k not in lists and rng.random() < 0.3
    }
    soft = {
        i: Verdict(Label.BOILERPLATE, "date-line", "en date-line rule")
        for i in range(n)
        if rng.random() < 0.3
    }
    return verdicts, rows, todo, p, x1, (threshold, 0.4), lists, items, soft


def _python(monkeypatch, verdicts, *args) -> bool:
    with monkeypatch.context() as patch:
        patch.setattr(classify, "_VERDICT_KIT", False)
        return classify._model_verdicts(verdicts, *args)


@needs_c
@pytest.mark.parametrize("seed", range(4))
def test_verdicts_set_in_c_are_those_of_python(monkeypatch, seed):
    rng = random.Random(seed)
    made = plain = 0
    for _ in range(300):
        verdicts, *args = _pass(rng)
        fast, slow = list(verdicts), list(verdicts)
        assert classify._model_verdicts(fast, *args) == _python(monkeypatch, slow, *args)
        assert fast == slow
        for a, b in zip(fast, slow, strict=True):
            assert type(a) is Verdict and a.keep == b.keep
            # The shared verdict of a score stays shared (identity is what a settle try's
            # replay compares, `_Replay.found`).
            if b is classify._SCORED_BODY.get(b.score):
                assert a is b
        rows, todo = args[0], args[1]
        plain += sum(verdicts[rows[k]].keep and verdicts[rows[k]].rule is None for k in todo)
        made += sum(a is not v for a, v in zip(fast, verdicts, strict=True))
    assert plain > 500 and made > 500


def _left_to_python(
    verdict: Verdict, k: int, pk: float, threshold: float, lists: dict, items: dict,
    listed: float | None,
) -> bool:
    """Whether `_filefacts.model_verdicts` leaves line `k` of a pass to Python (`listed`:
    the bar of a header's list's lines, None where C is not given it)."""
    plain = verdict.keep and verdict.rule is None
    ruled = not plain and isinstance(verdict.rule, str)
    if not (plain or ruled) or (k in lists and listed is None):
        return True  # no rule named on a removal; a header's list without its bar
    if k in lists:
        body = lists[k] >= listed
    else:
        body = (max(pk, items[k]) if k in items else pk) >= threshold
    if plain:
        return k in items and body and pk < threshold  # kept by its list's mean
    return verdict.keep and not body  # a soft rule's line removed again (`_soft_again`)


@needs_c
@pytest.mark.parametrize("listed", [None, 0.45])
def test_c_leaves_python_only_list_items_and_soft_rules_again(monkeypatch, listed):
    """The lines C sets are the plain ones (kept, no rule) and those a rule decided, but
    for an item its list's mean keeps, a soft rule's line the model removes again and,
    where the call gives no bar for them, a header's list's lines: those are returned in
    order; a rule's line the model keeps again is left as it is."""
    rng = random.Random(9)
    bar = () if listed is None else (listed,)
    ruled = 0
    for _ in range(200):
        verdicts, rows, todo, p, x1, (threshold, _), lists, items, _ = _pass(rng)
        probabilities = p.tolist()
        expected = [
            k
            for k in todo
            if _left_to_python(
                verdicts[rows[k]], k, probabilities[k], threshold, lists, items, listed
            )
        ]
        after = list(verdicts)
        _, rest = _filefacts.model_verdicts(
            after, rows, todo, np.round(p, 3).tolist(), probabilities, threshold,
            lists, items, x1, classify._Summaries._PICK, {}, *bar,
        )
        assert rest == expected
        for k in todo:
            v = verdicts[rows[k]]
            if k not in rest and v.rule is not None and not v.keep:
                ruled += 1
                # The rule's removal now carries the model's account (kept or not).
                assert after[rows[k]] is not v and after[rows[k]].score is not None
    assert ruled > 200


@needs_c
def test_a_rules_removal_reads_as_python_writes_it():
    """A removal the model overrules reads "rule (detail) overruled: summary"; one it
    confirms keeps the rule, its label and meta, with "detail; summary"."""
    x = np.zeros((2, len(features.FEATURES)))
    dated = Verdict(Label.METADATA, "date-line", "en date rule", meta=("date", "3 May"))
    verdicts = [dated, dated]
    changed, rest = _filefacts.model_verdicts(
        verdicts, [0, 1], [0, 1], [0.9, 0.1], [0.9, 0.1], 0.5, {}, {}, x,
        classify._Summaries._PICK, {},
    )
    assert changed is True and rest == []
    kept, removed = verdicts
    summary = classify._Summaries(x)
    assert kept == Verdict(
        Label.BODY, "line-model", f"date-line (en date rule) overruled: {summary(0, 0.9)}",
        score=0.9,
    )
    assert removed == Verdict(
        Label.METADATA, "date-line", f"en date rule; {summary(1, 0.1)}", meta=("date", "3 May"),
        score=0.1,
    )


@needs_c
def test_model_verdicts_refuses_what_it_cannot_read():
    x = np.zeros((2, len(features.FEATURES)))
    good = ([Verdict(Label.BODY)] * 2, [0, 1], [0, 1], [0.5, 0.5], [0.5, 0.5], 0.4, {}, {})
    pick = classify._Summaries._PICK
    for bad in (
        (*good, x.astype(np.float32), pick, {}),
        (*good, np.zeros(4), pick, {}),
        (*good, x, pick[:5], {}),
        (*good, x, (0, 1, 2, 3, 4, 999), {}),
        (*good[:1], [0, 5], *good[2:], x, pick, {}),
        (*good[:2], [0, 2], *good[3:], x, pick, {}),
        (*good[:3], [0.5], [0.5], *good[5:], x[:1], pick, {}),
    ):
        with pytest.raises((TypeError, ValueError, IndexError)):
            _filefacts.model_verdicts(*bad)

    class Loose:  # the fields, but a __dict__ beside them
        label = rule = detail = keep_text = meta = dup = score = keep = None

    class Other:  # slots of its own class only
        __slots__ = ("detail", "dup", "keep_text", "label", "meta", "rule", "score")
        keep = Verdict.keep

    for cls in (dict, Loose, Other):
        with pytest.raises((TypeError, AttributeError)):
            _filefacts.verdict_kit(cls, Label.BODY, Label.BOILERPLATE, "line-model")
    with pytest.raises(TypeError):
        _filefacts.model_verdicts(*good)


@needs_c
def test_pages_classify_alike_with_and_without_the_c_verdicts(monkeypatch):
    """Whole pages (the samples and the table fixtures) over every pass and settle try."""
    paths = sorted((HERE.parent / "samples").rglob("*.txt"))
    paths += sorted((HERE / "fixtures" / "tables").glob("*.txt"))
    pages = [segment(path.read_text())[0] for path in paths]
    fast = Classifier(Config()).classify_many(pages)
    monkeypatch.setattr(classify, "_VERDICT_KIT", False)
    slow = Classifier(Config()).classify_many(pages)
    removed = 0
    for a, b in zip(fast, slow, strict=True):
        assert a.verdicts == b.verdicts
        assert [v.keep for v in a.verdicts] == [v.keep for v in b.verdicts]
        removed += sum(v.rule == "line-model" and not v.keep for v in a.verdicts)
    assert removed > 20


def test_the_mean_of_a_group_is_numpys():
    """`classify._mean` is np.mean to the last bit: numpy's pairwise sum (blocks of eight
    and of 128 items), not a running one."""
    rng = np.random.default_rng(3)
    for n in [*range(1, 40), 127, 128, 129, 255, 256, 257, 1000]:
        for _ in range(20):
            p = rng.random(n + 5) * rng.choice([1.0, 1e-3, 1e3])
            members = sorted(rng.choice(n + 5, size=n, replace=False).tolist())
            assert classify._mean(p, members) == float(np.mean(p[members]))


@needs_c
@pytest.mark.parametrize("seed", range(3))
def test_codes_and_kept_lines_read_in_c_are_pythons(monkeypatch, seed):
    """`_codes_and_todo` and `_kept` read plain verdicts from their slots in C: the codes,
    the lines the model decides and the kept lines are the Python account's."""
    rng = random.Random(seed)

    class Other:  # a verdict-like object of another class: asked as Python asks it
        def __init__(self, keep: bool) -> None:
            self.keep, self.label, self.rule, self.score = keep, Label.BODY, None, None
            self.detail = ""

    told = 0
    for _ in range(300):
        verdicts, rows, *_ = _pass(rng)
        verdicts += [Other(rng.random() < 0.5) for _ in range(rng.randrange(3))]
        rows = sorted({*rows, *rng.sample(range(len(verdicts)), rng.randrange(2))})
        with monkeypatch.context() as patch:
            patch.setattr(classify, "_VERDICT_KIT", False)
            codes, todo = classify._codes_and_todo(verdicts, rows)
            kept = classify._kept(verdicts)
        assert classify._codes_and_todo(verdicts, rows) == (codes, todo)
        assert classify._kept(verdicts) == kept
        told += codes.count(0)
    assert told > 1000
    for bad in ((None, []), ([], [3]), ([Verdict(Label.BODY)], ["0"])):
        with pytest.raises((TypeError, IndexError)):
            _filefacts.codes_and_todo(*bad, classify.rule_code, classify._model_decides)
    with pytest.raises(TypeError):
        _filefacts.kept_lines((Verdict(Label.BODY),))


def test_the_c_verdicts_store_every_field_of_a_verdict():
    """A field added to `Verdict` that C does not store would be missing from its verdicts:
    the kit is bound only to a class of exactly the fields it stores."""
    from dataclasses import fields

    assert tuple(f.name for f in fields(Verdict)) == classify._KIT_FIELDS
    assert (_filefacts is not None) == classify._VERDICT_KIT
