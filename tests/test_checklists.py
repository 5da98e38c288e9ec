"""A checklist, a table whose rows are runs of short lines each closed by one mark, stays
under the article's prose (`tables.checklists`, `context.run_table_rows`)."""

from __future__ import annotations

from conftest import assert_kept_lines_stay, verdicts_with_scores
from copydesk.core.tables import checklists, shapes

OPENING = (
    "A vegetable plot rewards the gardener who plans the year ahead, and the jobs below "
    "are the ones our allotment society hands to every new member in January."
)
HEADER = ["Weeks", "Jobs", "✓"]
ROWS = [
    ["1–4 Weeks", "Order seed potatoes", "Clean the greenhouse glass", "☐"],
    ["5–8 Weeks", "Chit the potatoes", "Sow onions under cover", "Net the brassicas", "☐"],
    ["9–12 Weeks", "Plant the first earlies", "Sow parsnips outside", "☐"],
    ["13–16 Weeks", "Harden off the tomatoes", "Earth up the potatoes", "☐"],
    ["17–20 Weeks", "Plant out the squashes", "Water the beans at dusk", "☐"],
]
CLOSING = (
    "Members who keep to the list usually lift their first potatoes by midsummer and "
    "still have room for a second sowing of salad leaves in August."
)


def _lines(rows: list[list[str]] = ROWS, opening: bool = True) -> list[str]:
    top = ["Allotment year planner", OPENING] if opening else ["Allotment year planner"]
    body = [line for row in rows for line in row]
    return [*top, "Your planting checklist", *HEADER, *body, CLOSING]


def _scores(lines: list[str]) -> dict[str, float]:
    scores = {line: 0.1 for line in lines}
    scores.update({OPENING: 0.95, CLOSING: 0.95, "Allotment year planner": 0.9})
    return scores


def _cells(rows: list[list[str]] = ROWS) -> list[str]:
    return [line for row in rows for line in row]


def test_the_rows_of_a_checklist_stay(monkeypatch):
    lines = _lines()
    verdicts = verdicts_with_scores(monkeypatch, lines, _scores(lines))
    # The marks stay as well: a second run must see the rows closed as this one did. So do
    # the header's labels and the table's title above the header's mark.
    for i in range(lines.index("Your planting checklist"), lines.index(CLOSING)):
        assert verdicts[i].keep and verdicts[i].rule == "checklist", lines[i]


def test_no_checklist_above_the_article(monkeypatch):
    lines = _lines(opening=False)
    verdicts = verdicts_with_scores(monkeypatch, lines, _scores(lines))
    assert not any(verdicts[lines.index(cell)].keep for cell in _cells() if cell != "☐")


def test_rows_that_open_with_words_are_no_checklist(monkeypatch):
    # A grid of teasers closed by an icon: its items do not open with a period or a step.
    rows = [["Story", f"Headline number {word}", "Read the story", "☐"] for word in "abcde"]
    lines = _lines(rows)
    verdicts = verdicts_with_scores(monkeypatch, lines, _scores(lines))
    assert not any(verdicts[lines.index(cell)].keep for cell in _cells(rows)[:-1])


def test_a_separator_of_punctuation_is_no_mark():
    rows = [[*row[:-1], "|"] for row in ROWS]
    lines = _lines(rows)
    assert checklists(lines, shapes(lines)) is None


def test_the_first_row_needs_the_header_mark():
    lines = _lines()
    with_header = checklists(lines, shapes(lines))
    assert with_header is not None
    start = lines.index("Your planting checklist")
    assert [(t.start, t.rows) for t in with_header] == [(start, len(ROWS))]
    lines = [line for line in lines if line != "✓"]
    (table,) = checklists(lines, shapes(lines)) or []
    # Not told from the header's labels, the first row is left to the model.
    assert (table.start, table.rows) == (lines.index("☐"), len(ROWS) - 1)


def test_a_long_run_above_the_header_is_not_its_title():
    lines = _lines()
    at = lines.index("Your planting checklist")
    lines[at:at] = ["Home", "Garden", "Shop", "About us"]
    (table,) = checklists(lines, shapes(lines)) or []
    # The nearest four: the title and the header's two labels, and one line of the menu.
    assert table.start == lines.index("✓") - 4


def test_cleaning_twice_changes_nothing(monkeypatch):
    lines = _lines()
    assert_kept_lines_stay(monkeypatch, lines, _scores(lines))


PROSE = [
    "The society was founded in 1952 by a handful of railway workers who wanted somewhere "
    "to grow food for their families, and it still rents its plots on the same terms.",
    "Today it has more than two hundred members, from retired teachers to students who "
    "share a plot between five of them, and the waiting list is about three years long.",
    "New members are given a half plot to start with, a key to the tool shed and a mentor "
    "who has gardened on the site for ten years and answers questions on Saturdays.",
    "Most of the soil is heavy clay, which holds water well in summer but needs compost "
    "and grit worked into it each autumn before it makes a fine seed bed in spring.",
]
TIPS = [
    "Compost early",
    "Start a heap in your first month so it is ready by the following spring.",
    "Share the water",
    "Fill the butts on a rota so nobody carries cans from the far tap in August.",
]


def test_a_checklist_leaves_a_region_scrape_lenient(monkeypatch):
    # A region scrape: the article's prose and short tips, then the checklist. Once the
    # model's first pass is done, the tips read as weaker body (0.3): a file whose body
    # region holds nearly all its words keeps them, and the checklist's rows, which the
    # features place outside that region, must not make the file look otherwise.
    import copydesk.core.classify as classify_module
    from copydesk.core.classify import Classifier
    from copydesk.core.config import Config
    from copydesk.core.model import Block

    lines = [OPENING, *PROSE, *TIPS, *_lines()[_lines().index("Your planting checklist"):-1]]
    real = classify_module.predict

    def predict(model, own, subset, codes, scored=None):
        x1, x2, p = real(model, own, subset, codes, scored)
        p = p.copy()
        rows = range(len(lines)) if subset is None else subset.tolist()
        for k, i in enumerate(rows):
            if lines[i] in TIPS:
                p[k] = 0.6 if subset is None else 0.3
            else:
                p[k] = 0.95 if lines[i] in (OPENING, *PROSE) else 0.1
        return x1, x2, p

    monkeypatch.setattr(classify_module, "predict", predict)
    blocks = [Block(i + 1, i + 1, i + 1, t) for i, t in enumerate(lines)]
    verdicts = Classifier(Config()).classify(blocks).verdicts
    assert all(verdicts[lines.index(tip)].keep for tip in TIPS)
    assert verdicts[lines.index("☐")].rule == "checklist"


def test_the_model_reads_the_marks_as_no_rule_s_from_its_first_pass(monkeypatch):
    # A second run sees the marks the first kept; the first's model must not read them as
    # chrome the rules removed, or the lines around the checklist read otherwise in each.
    import copydesk.core.classify as classify_module
    from copydesk.core.classify import Classifier
    from copydesk.core.config import Config
    from copydesk.core.model import Block

    lines = _lines()
    marks = [i for i, line in enumerate(lines) if line in ("✓", "☐")]
    first_codes: list[list[int]] = []
    real = classify_module.predict

    def predict(model, own, subset, codes, scored=None):
        if subset is None:
            first_codes.append([int(codes[i]) for i in marks])
        return real(model, own, subset, codes, scored)

    monkeypatch.setattr(classify_module, "predict", predict)
    blocks = [Block(i + 1, i + 1, i + 1, t) for i, t in enumerate(lines)]
    Classifier(Config()).classify(blocks)
    assert first_codes and all(code == 0 for code in first_codes[0])
