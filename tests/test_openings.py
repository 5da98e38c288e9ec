"""Items of one list that open alike (no bullet, no label): one the model doubts stays."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from conftest import verdicts_with_scores
from copydesk.cli.app import app
from copydesk.core import openings
from copydesk.core.model import Block

FIXTURES = Path(__file__).parent / "fixtures" / "openings"


def _lines(name: str) -> list[str]:
    return (FIXTURES / name).read_text().splitlines()


def _blocks(lines: list[str]) -> list[Block]:
    return [Block(i + 1, i + 1, i + 1, t) for i, t in enumerate(lines)]


def _items(lines: list[str]) -> list[str]:
    return [t for t in lines if t.startswith("Pages ")]


def _classify(monkeypatch, lines: list[str], scores: dict[str, float]):
    return verdicts_with_scores(monkeypatch, lines, scores)


def test_the_opening_of_a_list_item():
    assert openings.opening("Pages 25-60 (printed pages 1-36) - Tomatoes") == "Pages"
    assert openings.opening("2 plums, stoned and halved") == "0"
    assert openings.opening("12 plums") == "0"  # figures read alike, whatever their length
    assert openings.opening("(n.d.). Growing beans in pots") == "(n.d.)."
    assert openings.opening("Tomatoes") is None  # a menu entry is its whole line
    assert openings.opening("   ") is None
    prose = " ".join(["word"] * (openings.MAX_WORDS + 1))
    assert openings.opening(prose) is None


def test_runs_of_lines_that_open_alike():
    keys = ["A", "B", "B", "B", None, "C", "C", "C", "C", "B"]
    open_ = [True] * len(keys)
    assert openings.runs(keys, open_) == [[1, 2, 3], [5, 6, 7, 8]]
    open_[4] = False  # decided by something else: a spacer between items, not a cut
    assert openings.runs(keys, open_) == [[1, 2, 3], [5, 6, 7, 8]]
    open_[2] = False  # an item decided otherwise is no item of the run
    assert openings.runs(keys, open_) == [[5, 6, 7, 8]]
    keys[4] = "A"  # an open line that opens otherwise ends the run
    assert openings.runs(keys, [True] * len(keys)) == [[1, 2, 3], [5, 6, 7, 8]]


def test_an_opening_fewer_than_three_lines_share_is_no_list():
    texts = ["Pages 1-4 - Tools", "Part one of two", "Pages 5-9 - Seeds", "Pages 9-12 - Pots"]
    assert openings.openings(texts) == ["Pages", None, "Pages", "Pages"]
    assert openings.openings(texts[:3]) is None  # no walk at all on a file without a list


def test_an_item_the_model_doubts_stays_with_its_list(monkeypatch):
    lines = _lines("seed-catalogue.txt")
    items = _items(lines)
    doubted = [items[1], items[3], items[7]]
    scores = {item: 0.8 for item in items} | {item: 0.25 for item in doubted}
    verdicts = _classify(monkeypatch, lines, scores)
    kept = [t for t, v in zip(lines, verdicts, strict=True) if v.keep]
    assert all(item in kept for item in items)
    verdict = verdicts[lines.index(items[1])]
    assert verdict.score == 0.25
    assert verdict.detail.startswith("an item of a list whose items' mean body probability")


def test_in_a_list_the_model_mostly_drops_each_item_is_judged_alone(monkeypatch):
    # The list's mean rescues items; it never removes one the model keeps.
    lines = _lines("seed-catalogue.txt")
    items = _items(lines)
    scores = {item: 0.1 for item in items} | {items[0]: 0.9}
    verdicts = _classify(monkeypatch, lines, scores)
    kept = [t for t, v in zip(lines, verdicts, strict=True) if v.keep]
    assert [item for item in items if item in kept] == [items[0]]


def test_lines_that_open_differently_are_judged_each_on_its_own(monkeypatch):
    # The same titles without their common opening: nothing ties them together.
    lines = _lines("seed-catalogue.txt")
    lines = [t.split(" - ", 1)[1] if t.startswith("Pages ") else t for t in lines]
    items = [t for t in lines if t[0].isupper() and len(t.split()) <= 6 and "Part" not in t][1:]
    scores = {item: 0.8 for item in items} | {items[1]: 0.25}
    verdicts = _classify(monkeypatch, lines, scores)
    assert not verdicts[lines.index(items[1])].keep


def test_cleaning_a_list_that_opens_alike_twice_changes_nothing(tmp_path):
    shutil.copy(FIXTURES / "seed-catalogue.txt", tmp_path / "in.txt")
    once = CliRunner().invoke(app, ["clean", str(tmp_path / "in.txt")])
    assert once.exit_code == 0, once.output
    for item in _items(_lines("seed-catalogue.txt")):
        assert item in once.stdout
    (tmp_path / "again.txt").write_text(once.stdout)
    again = CliRunner().invoke(app, ["clean", str(tmp_path / "again.txt")])
    assert again.stdout == once.stdout


def test_a_line_a_rule_removes_between_items_does_not_cut_the_list(monkeypatch):
    lines = _lines("seed-catalogue.txt")
    items = _items(lines)[5:]  # the second part's five
    lines.insert(lines.index(items[2]), "Advertisement")
    # Below even the lenient bar of a file that is all article alone; over the bar together.
    scores = {items[0]: 1.0, items[1]: 1.0} | {item: 0.14 for item in items[2:]}
    verdicts = _classify(monkeypatch, lines, scores)
    assert not verdicts[lines.index("Advertisement")].keep
    kept = [t for t, v in zip(lines, verdicts, strict=True) if v.keep]
    assert all(item in kept for item in items)
