"""Items of one list (lines of one form in a row): one the model doubts stays with the list."""

from __future__ import annotations

import pytest

from conftest import verdicts_with_scores
from copydesk.core import siblings
from copydesk.core.classify import Classifier
from copydesk.core.config import Config
from copydesk.core.model import Block

INTRO = (
    "We carried the folding stove on four long weekends in the hills this autumn, and "
    "cooked on it for two people in wind, drizzle and one hard frost."
)
OUTRO = (
    "For a pair of walkers who want hot meals without the weight of a gas canister, it "
    "is the stove we would pack again, though it needs a calm corner to work well."
)
ITEMS = [
    "Weight: 310 grams with its pot stand and wind shield.",
    "Fuel: burns dry twigs, pine cones or solid fuel tablets.",
    "Boil time: about six minutes for a litre of water in still air.",
    "Packed size: flat enough to slide into a laptop sleeve.",
    "Price: sold for around forty pounds at outdoor shops.",
]


def _blocks(lines: list[str]) -> list[Block]:
    return [Block(i + 1, i + 1, i + 1, t) for i, t in enumerate(lines)]


def test_the_forms_of_list_items():
    assert siblings.form("Weight: 310 grams") == siblings.LABELLED
    assert siblings.form("電池：9時間") == siblings.LABELLED
    assert siblings.form("• Folds flat") == siblings.MARKED
    assert siblings.form("3. Boil the water") == siblings.MARKED
    assert siblings.form("\u200d") == siblings.BLANK
    assert siblings.form("A stove that folds flat") == siblings.NONE
    # A colon after a whole clause is no label.
    long_label = "We asked the shop assistant whether it would burn wet wood: no"
    assert siblings.form(long_label) == siblings.NONE


def test_runs_of_one_form_skip_blank_spacers_and_stop_at_anything_else():
    L, M, B, N = siblings.LABELLED, siblings.MARKED, siblings.BLANK, siblings.NONE
    forms = [N, L, B, L, L, M, M, N, M, M, M, L, L]
    open_ = [True] * len(forms)
    assert siblings.runs(forms, open_) == [[1, 3, 4], [8, 9, 10]]
    open_[3] = False  # decided by something else: the run is cut there
    assert siblings.runs(forms, open_) == [[8, 9, 10]]


def _classify(monkeypatch, lines: list[str], scores: dict[str, float]) -> list[str]:
    """Kept lines, with the model's body probability of some lines set by hand."""
    verdicts = verdicts_with_scores(monkeypatch, lines, scores)
    return [t for t, v in zip(lines, verdicts, strict=True) if v.keep]


@pytest.mark.parametrize("spacer", [False, True])
def test_an_item_the_model_doubts_stays_with_its_list(monkeypatch, spacer):
    items = [x for item in ITEMS for x in ([item, "\u200d"] if spacer else [item])]
    lines = ["Trail stove review", INTRO, *items, OUTRO]
    scores = {item: 0.9 for item in ITEMS} | {ITEMS[2]: 0.2}
    kept = _classify(monkeypatch, lines, scores)
    assert all(item in kept for item in ITEMS)
    verdict = Classifier(Config()).classify(_blocks(lines)).verdicts[lines.index(ITEMS[2])]
    assert verdict.keep and verdict.score == 0.2
    assert verdict.detail.startswith("an item of a list whose items' mean body probability")


def test_in_a_list_the_model_mostly_drops_each_item_is_judged_alone(monkeypatch):
    # The list's mean rescues items; it never removes one the model keeps.
    lines = ["Trail stove review", INTRO, *ITEMS, OUTRO]
    scores = {item: 0.1 for item in ITEMS} | {ITEMS[0]: 0.9}
    kept = _classify(monkeypatch, lines, scores)
    assert [item for item in ITEMS if item in kept] == [ITEMS[0]]
    assert INTRO in kept and OUTRO in kept


def test_two_items_are_judged_each_on_its_own(monkeypatch):
    lines = ["Trail stove review", INTRO, ITEMS[0], ITEMS[1], OUTRO]
    kept = _classify(monkeypatch, lines, {ITEMS[0]: 0.9, ITEMS[1]: 0.2})
    assert ITEMS[0] in kept and ITEMS[1] not in kept


def test_cleaning_a_list_twice_changes_nothing():
    lines = ["Trail stove review", INTRO, *ITEMS, OUTRO]
    classifier = Classifier(Config())
    verdicts = classifier.classify(_blocks(lines)).verdicts
    once = [t for t, v in zip(lines, verdicts, strict=True) if v.keep]
    again = classifier.classify(_blocks(once)).verdicts
    assert all(v.keep for v in again)


def test_explain_says_why_an_item_the_model_doubted_was_kept(monkeypatch, tmp_path):
    from typer.testing import CliRunner

    from copydesk.cli.app import app

    lines = ["Trail stove review", INTRO, *ITEMS, OUTRO]
    _classify(monkeypatch, lines, {item: 0.9 for item in ITEMS} | {ITEMS[2]: 0.2})
    path = tmp_path / "stove.txt"
    path.write_text("\n".join(lines) + "\n")
    result = CliRunner().invoke(app, ["explain", str(path), "--width", "200"])
    assert result.exit_code == 0, result.output
    rows = result.stdout.splitlines()
    at = next(k for k, row in enumerate(rows) if ITEMS[2] in row)
    assert "body p=0.20" in rows[at]
    assert "why: an item of a list whose items' mean body probability is 0.7" in rows[at + 1]
