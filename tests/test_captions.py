"""A title-like line after an image credit is the picture's caption; the line before a
credit is the heading of the section the picture opens (`context.headline_and_captions`)."""

from __future__ import annotations

from conftest import verdicts_with_scores

TITLE = "Plots for eleven families"
FIRST = (
    "The allotment committee met on Tuesday to share out the plots that fell vacant over "
    "the winter, and eleven families put their names down for the four that were left."
)
SECOND = (
    "Most of them plan to start with potatoes, which break up heavy ground, and to leave "
    "the fruit bushes that the previous tenants planted along the fences where they are."
)
CREDIT = "Photo: Sam Rivers/Getty Images"


def test_a_heading_above_a_picture_s_credit_stays(monkeypatch):
    heading = "The raised beds by the east gate"
    lines = [TITLE, FIRST, heading, CREDIT, SECOND]
    verdicts = verdicts_with_scores(monkeypatch, lines, {heading: 0.9, FIRST: 0.95,
                                                         SECOND: 0.95})
    assert verdicts[lines.index(CREDIT)].rule == "image-credit"
    assert verdicts[lines.index(heading)].keep


def test_a_title_like_line_after_the_credit_is_the_caption(monkeypatch):
    caption = "Volunteers at the new water tank"
    lines = [TITLE, FIRST, SECOND, CREDIT, caption]
    verdicts = verdicts_with_scores(monkeypatch, lines, {caption: 0.9, FIRST: 0.95,
                                                         SECOND: 0.95})
    verdict = verdicts[lines.index(caption)]
    assert not verdict.keep and verdict.rule == "image-caption"


def test_a_title_like_line_after_the_credit_heads_the_prose_after_it(monkeypatch):
    subheading = "What the new tenants will grow"
    lines = [TITLE, FIRST, CREDIT, subheading, SECOND]
    verdicts = verdicts_with_scores(monkeypatch, lines, {subheading: 0.9, FIRST: 0.95,
                                                         SECOND: 0.95})
    assert verdicts[lines.index(subheading)].keep


def _page(lines: list[str]):
    from copydesk.core.model import Block

    return [Block(i + 1, i + 1, i + 1, t) for i, t in enumerate(lines)]


def _removed() -> object:
    from copydesk.core.model import Label, Verdict

    return Verdict(Label.BOILERPLATE, "line-model", "p=0.10", score=0.1)


def test_a_headline_is_named_once_on_a_page_whose_passes_named_none_yet():
    # The rules in play are read in C (`context._rules_of`): a headline named on an earlier
    # pass stops both ways of naming one, and its absence lets each name one.
    from copydesk.core.context import headline_and_captions
    from copydesk.core.model import BODY

    lines = ["Sports", "Plots for eleven new families by the river", FIRST, SECOND]
    blocks = _page(lines)
    # The model removed the title above the body: it is named the headline.
    verdicts = [_removed(), _removed(), BODY, BODY]
    headline_and_captions(blocks, verdicts, [0, 1, 2, 3])
    assert [v.rule for v in verdicts] == ["line-model", "headline", None, None]
    # Named already (on line 0, by an earlier pass): neither rule names another.
    for kept_title in (False, True):
        verdicts = [_removed(), BODY if kept_title else _removed(), BODY, BODY]
        verdicts[0] = verdicts[0].overruled(verdicts[0].label, "headline", "named")
        before = list(verdicts)
        assert not headline_and_captions(blocks, verdicts, [0, 1, 2, 3])
        assert verdicts == before
    # The first kept line, title-like, under a removed one, becomes the headline.
    verdicts = [_removed(), BODY, BODY, BODY]
    assert headline_and_captions(blocks, verdicts, [0, 1, 2, 3])
    assert verdicts[1].rule == "headline"


def test_a_credit_in_the_last_row_in_play_takes_no_caption_and_others_do():
    from copydesk.core.context import headline_and_captions
    from copydesk.core.model import BODY, Label, Verdict

    caption = "Volunteers at the new water tank"
    credit = Verdict(Label.METADATA, "image-credit", "credit", meta=("image_credit", "x"))
    blocks = _page([FIRST, SECOND, CREDIT, caption, "Share", CREDIT])
    verdicts = [BODY, BODY, credit, BODY, BODY, credit]
    assert headline_and_captions(blocks, verdicts, [0, 1, 2, 3, 5])
    assert verdicts[3].rule == "image-caption"
    # The last credit of the rows in play has no line after it; out of play, neither does.
    verdicts = [BODY, BODY, BODY, BODY, BODY, credit]
    assert not headline_and_captions(blocks, verdicts, [0, 1, 2, 3, 4, 5])
    verdicts = [BODY, BODY, credit, BODY, BODY, BODY]
    assert not headline_and_captions(blocks, verdicts, [0, 1, 2])


def test_a_cell_or_a_code_line_no_longer_in_its_block_is_let_go_with_no_table_or_block_left():
    # The passes skip their walk when no line is in a table or a block and none was: a line
    # one held on an earlier pass is still let go.
    from copydesk.core.context import code_blocks, table_cells
    from copydesk.core.model import BODY, Label, Verdict

    texts = [FIRST, "Price 12", SECOND]
    shapes = [0, 0, 0]
    held = Verdict(Label.BODY, "table", "soft-thing overruled: cell of a table", score=0.3)
    verdicts = [BODY, held, BODY]
    assert table_cells(texts, verdicts, [0, 1, 2], shapes)
    assert verdicts[1].rule != "table" and verdicts[1].score == 0.3
    coded = Verdict(Label.BODY, "code-block", "symbol-line overruled: line of a code block")
    verdicts = [BODY, coded, BODY]
    assert code_blocks(texts, verdicts, [0, 1, 2], False)
    assert verdicts[1].rule == "symbol-line" and not verdicts[1].keep
    # Nothing held, nothing found: nothing changes.
    verdicts = [BODY, BODY, BODY]
    assert not table_cells(texts, verdicts, [0, 1, 2], shapes)
    assert not code_blocks(texts, verdicts, [0, 1, 2], False)
    assert verdicts == [BODY, BODY, BODY]
