"""A numbered list's item the model removed is restored only while its list qualifies."""

from __future__ import annotations

from copydesk.core import edges
from copydesk.core.model import Block, Label, Verdict

PROSE = (
    "The towns below grew fastest over the year, by the share of homes sold within a "
    "month of listing, in the survey the estate agents published on Monday."
)
ITEMS = ["1. Ashford", "2. Brookside", "3. Castleton", "4. Dunmore", "5. Eastgate"]


def _setup() -> tuple[list[Block], list[Verdict], list[int]]:
    texts = [PROSE, *ITEMS, PROSE]
    blocks = [Block(i + 1, i + 1, i + 1, t) for i, t in enumerate(texts)]
    verdicts = [Verdict(Label.BODY, score=0.9) for _ in texts]
    removed = "line model: body probability 0.30 (2 words, no sentence end)"
    verdicts[4] = Verdict(Label.BOILERPLATE, "line-model", removed, score=0.3)
    return blocks, verdicts, list(range(len(texts)))


def test_an_item_the_model_removed_is_restored_and_stays_while_its_list_qualifies():
    blocks, verdicts, rows = _setup()
    assert edges.numbered_items(blocks, verdicts, rows)
    assert verdicts[4].keep and verdicts[4].rule == "numbered-list"
    assert not edges.numbered_items(blocks, verdicts, rows)  # the next pass: no change
    assert verdicts[4].rule == "numbered-list"


def test_a_restored_item_goes_back_when_its_list_no_longer_qualifies():
    # On a later pass the other items became a table's cells: a second run, seeing them
    # so from the start, would not restore the item. Nor may the last pass leave it.
    blocks, verdicts, rows = _setup()
    edges.numbered_items(blocks, verdicts, rows)
    for i in (1, 2, 3, 5):
        verdicts[i] = Verdict(Label.BODY, "table", "cell of a table", score=0.9)
    assert edges.numbered_items(blocks, verdicts, rows)
    assert not verdicts[4].keep and verdicts[4].rule == "line-model"
    assert verdicts[4].detail.startswith("line model: body probability 0.30")
    assert verdicts[4].score == 0.3


def test_numbered_lines_reads_each_item_once_and_none_below_a_list():
    blocks, _, _ = _setup()
    assert edges.numbered_lines(blocks) == {
        1: (1, "."),
        2: (2, "."),
        3: (3, "."),
        4: (4, "."),
        5: (5, "."),
    }
    two = [Block(i + 1, i + 1, i + 1, t) for i, t in enumerate([PROSE, *ITEMS[:2], PROSE])]
    assert edges.numbered_lines(two) == {}  # fewer items than a list needs


def test_the_items_read_once_judge_as_the_items_read_each_pass():
    # The pass loop hands `numbered_items` the file's items read once (`numbered_lines`);
    # the verdicts must be those of reading them from the lines on every pass.
    blocks, verdicts, rows = _setup()
    blocks2, verdicts2, _ = _setup()
    assert edges.numbered_items(blocks, verdicts, rows, edges.numbered_lines(blocks))
    assert edges.numbered_items(blocks2, verdicts2, rows)
    assert verdicts == verdicts2
    for i in (1, 2, 3, 5):
        verdicts[i] = verdicts2[i] = Verdict(Label.BODY, "table", "cell of a table", score=0.9)
    assert edges.numbered_items(blocks, verdicts, rows, edges.numbered_lines(blocks))
    assert edges.numbered_items(blocks2, verdicts2, rows)
    assert verdicts == verdicts2
