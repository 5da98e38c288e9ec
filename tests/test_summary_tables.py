"""A closing table that compares the things the article went through, its rows led by the
article's own headings and its cells lists of lines, stays (`tables.summary_tables`,
`context.run_table_rows`)."""

from __future__ import annotations

from conftest import assert_kept_lines_stay, verdicts_with_scores
from copydesk.core.tables import shapes, summary_tables

BIKES = {
    "Kestrel City": (
        "The Kestrel City is the bike we would hand to anyone who rides to work, with a quiet "
        "hub motor, mudguards that stay put and a battery that lasts a week of commuting."
    ),
    "Moorland Trail": (
        "The Moorland Trail climbs anything you point it at, and its wide tyres forgive rough "
        "bridleways, though its weight makes it a chore to carry up a flight of stairs."
    ),
    "Harbour Fold": (
        "The Harbour Fold packs down small enough for a train's luggage rack and still rides "
        "like a full-size bike once the hinge is locked and the saddle raised."
    ),
}
HEADER = ["Bike", "Good", "Less good", "Price"]
ROWS = [
    ["Kestrel City", "Quiet motor", "Long range", "No rack included", "£1,850"],
    ["Moorland Trail", "Climbs well", "Wide tyres", "Heavy", "Loud at speed", "£2,400"],
    ["Harbour Fold", "Folds small", "Rides like a full bike", "Small battery", "£1,600"],
]
INTRO = (
    "We rode each of these electric bikes for a month on real commutes, weekend trails and "
    "the odd train journey before deciding which ones deserve your money this year."
)


def _lines(header: list[str] = HEADER) -> list[str]:
    sections = [line for name, text in BIKES.items() for line in (name, text)]
    return ["The best electric bikes", INTRO, *sections, *header, *(c for r in ROWS for c in r)]


def _cells() -> list[str]:
    return [cell for row in ROWS for cell in row[1:]]


def _scores(lines: list[str]) -> dict[str, float]:
    scores = {line: 0.1 for line in lines}
    for name, text in BIKES.items():
        scores.update({name: 0.9, text: 0.97})
    scores.update({INTRO: 0.97, "The best electric bikes": 0.9})
    return scores


def test_a_summary_table_under_the_article_stays(monkeypatch):
    lines = _lines()
    verdicts = verdicts_with_scores(monkeypatch, lines, _scores(lines))
    for cell in [*HEADER, *_cells()]:
        verdict = verdicts[len(lines) - 1 - lines[::-1].index(cell)]
        assert verdict.keep and verdict.rule == "summary-table", cell


def test_names_that_lead_no_prose_above_lead_no_table(monkeypatch):
    # The same names as a menu's links above the article: nothing of the article's under
    # them, so the rows below are a menu's again.
    lines = _lines()
    menu = [line for line in lines[2:] if line not in BIKES.values()][:3]
    lines = [*menu, *[line for line in lines if line not in BIKES.values()]]
    scores = {line: 0.1 for line in lines}
    scores.update({INTRO: 0.97})
    verdicts = verdicts_with_scores(monkeypatch, lines, scores)
    assert not any(verdicts[i].keep for i in range(len(lines) - len(_cells()), len(lines)))


def test_a_header_the_page_uses_elsewhere_makes_no_table():
    lines = _lines()
    assert [(t.start, t.rows) for t in summary_tables(lines, shapes(lines))] == [
        (lines.index("Bike"), len(ROWS))
    ]
    # "Good" is a label of the page's own (a filter, a menu) as well: two labels are left.
    lines = ["Good", *lines]
    assert summary_tables(lines, shapes(lines)) == []


# A site's menu above the article: a run of short links, one of them the word the table's
# header uses for a column too.
MENU = ["Shop", "Bikes", "Accessories", "Price", "Workshops", "About us", "Contact"]


def test_a_header_label_the_page_uses_only_in_its_menu_still_makes_a_table(monkeypatch):
    # "Price" is a link of the menu's run of short lines as well: that is the site's word
    # for the column, and the three other labels are the table's alone.
    lines = [*MENU, *_lines()]
    assert [(t.start, t.rows) for t in summary_tables(lines, shapes(lines))] == [
        (lines.index("Bike"), len(ROWS))
    ]
    verdicts = verdicts_with_scores(monkeypatch, lines, _scores(lines))
    for cell in [*HEADER, *_cells()]:
        verdict = verdicts[len(lines) - 1 - lines[::-1].index(cell)]
        assert verdict.keep and verdict.rule == "summary-table", cell
    assert_kept_lines_stay(monkeypatch, lines, _scores(lines))


def test_a_label_outside_a_menu_run_or_a_header_of_menu_labels_makes_no_table():
    # Two short lines are no menu: "Price" over the title is a label of the page's own.
    lines = ["Price", *_lines()]
    assert summary_tables(lines, shapes(lines)) == []
    # Three of the header's labels are the menu's: a menu copied at the foot, not a header.
    menu = [*MENU[:3], "Good", "Less good", "Price", *MENU[3:]]
    lines = [*menu, *_lines()]
    assert summary_tables(lines, shapes(lines)) == []


def test_a_list_of_the_page_s_headings_is_no_summary_table():
    # A table of contents at the page's foot, under a footer's links: its "rows" are led
    # by headings and filled with other headings, not with cells of the table's own.
    lines = _lines()[: -len(HEADER) - sum(map(len, ROWS))]
    sections = ["Our verdict", "How we tested"]
    lines = [*lines[:2], *sections, *lines[2:], "Returns", "Careers", "Press"]
    lines += ["Kestrel City", "Our verdict", "Moorland Trail", "How we tested", "Harbour Fold"]
    assert summary_tables(lines, shapes(lines)) == []


def test_cleaning_twice_changes_nothing(monkeypatch):
    lines = _lines()
    assert_kept_lines_stay(monkeypatch, lines, _scores(lines))


FOURTH = ["Ridge Cargo", "Carries two children", "Long wheelbase", "£3,100"]
EXTRA = "The Ridge Cargo carries two children and a week of shopping up any hill in town."


def _fourth_bike() -> list[str]:
    """The article with a fourth bike in its contents above it, in a section of its own
    after the third bike's and in the table's last row."""
    sections = [line for name, text in BIKES.items() for line in (name, text)]
    return [
        "The best electric bikes", "Ridge Cargo", INTRO, *sections, "Ridge Cargo", EXTRA,
        *HEADER, *(c for r in ROWS for c in r), *FOURTH,
    ]


def _classified(monkeypatch, lines: list[str], by_line: list[float]):
    """The verdicts of `lines` with the model's score of each line set by position (two
    copies of a name may score apart)."""
    import copydesk.core.classify as classify_module
    from copydesk.core.classify import Classifier
    from copydesk.core.config import Config
    from copydesk.core.model import Block

    real = classify_module.predict

    def predict(model, own, subset, codes, scored=None):
        x1, x2, p = real(model, own, subset, codes, scored)
        p = p.copy()
        for k, i in enumerate(range(len(lines)) if subset is None else subset.tolist()):
            p[k] = by_line[i]
        return x1, x2, p

    monkeypatch.setattr(classify_module, "predict", predict)
    blocks = [Block(i + 1, i + 1, i + 1, t) for i, t in enumerate(lines)]
    verdicts = Classifier(Config()).classify(blocks).verdicts
    monkeypatch.undo()
    return verdicts


def _fourth_scores(lines: list[str]) -> list[float]:
    scores = _scores(lines)
    by_line = [scores[line] for line in lines]
    by_line[1] = 0.9  # the contents' copy stays
    for i in range(2, len(lines)):
        if lines[i] in ("Ridge Cargo", EXTRA):
            by_line[i] = 0.05  # the fourth bike's section, read alone as a menu's
    return by_line


def test_a_row_whose_heading_the_model_removed_stays_with_its_heading(monkeypatch):
    # The fourth bike's heading, after the third bike's in the article's order, went to the
    # model alone: the table names it as it names the others, so its row stays, and the
    # heading with it, which leads that row on a second run as well.
    lines = _fourth_bike()
    verdicts = _classified(monkeypatch, lines, _fourth_scores(lines))
    heading = lines.index("Ridge Cargo", 2)
    assert verdicts[heading].keep and verdicts[heading].rule == "summary-table"
    assert not verdicts[heading + 1].keep  # its section's prose is still the model's
    last = len(lines) - len(FOURTH)
    assert all(verdicts[i].rule == "summary-table" for i in range(last, len(lines)))
    # Cleaning twice: the kept lines, with the same scores, are all kept again.
    kept = [i for i, v in enumerate(verdicts) if v.keep]
    by_line = _fourth_scores(lines)
    again = _classified(monkeypatch, [lines[i] for i in kept], [by_line[i] for i in kept])
    assert all(v.keep for v in again)

