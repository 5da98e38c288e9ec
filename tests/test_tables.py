"""Tables flattened to one cell per line are kept when they sit inside the article."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from copydesk.cli.app import app
from copydesk.core.tables import BREAK, NUMBER, TEXT, find_tables, original_cells, shape

FIXTURES = Path(__file__).parent / "fixtures" / "tables"


def _lines(name: str) -> list[str]:
    return (FIXTURES / name).read_text().splitlines()


def _clean(path: Path) -> str:
    result = CliRunner().invoke(app, ["clean", str(path)])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_flattened_table_is_found_by_its_period():
    lines = _lines("league-table.txt")
    [table] = find_tables(lines)
    assert (table.columns, table.rows) == (6, 14)
    assert lines[table.start] == "Team"  # the header row belongs to it
    assert lines[table.end - 1] == lines[-3]  # the last cell, just before the closing prose


def test_menus_ranked_lists_and_prose_are_not_tables():
    menu = ["Home", "News", "Sport", "Business", "Weather", "Travel"] * 3
    ranked = [x for k in range(1, 9) for x in (str(k), f"Headline number {k} of the most read")]
    ranked_hash = [x for k in range(1, 9) for x in (f"#{k}", f"Product {k}", "Compare")]
    prose = ["This sentence runs long enough to read as a paragraph of an article body."] * 9
    for lines in (menu, ranked, ranked_hash, prose):
        assert find_tables(lines) == []


def test_table_cells_survive_cleaning_and_cleaning_again_changes_nothing(tmp_path):
    shutil.copy(FIXTURES / "league-table.txt", tmp_path / "in.txt")
    out = _clean(tmp_path / "in.txt")
    kept = out.split("\n\n")
    lines = _lines("league-table.txt")
    [table] = find_tables(lines)
    # Every row of the table is still there, in order, with its figures.
    cells = lines[table.start : table.end]
    assert [c for c in kept if c.strip() in set(cells)][: len(cells)] == cells
    (tmp_path / "again.txt").write_text(out)
    assert _clean(tmp_path / "again.txt") == out


def test_a_table_outside_the_article_goes_with_the_rest_of_the_page(tmp_path):
    lines = _lines("council-budget.txt")
    ticker, budget = find_tables(lines)
    assert lines[ticker.start] == "FTSE 100" and lines[budget.start] == "Department"
    shutil.copy(FIXTURES / "council-budget.txt", tmp_path / "in.txt")
    out = _clean(tmp_path / "in.txt")
    assert "FTSE 100" not in out and "8,214.55" not in out  # the market ticker above
    assert "£18.30m" in out and "Adult social care" in out  # the budget table inside
    assert "Most read" not in out and "Bakery on the high street" not in out
    (tmp_path / "again.txt").write_text(out)
    assert _clean(tmp_path / "again.txt") == out


def test_a_missing_figure_does_not_break_the_period():
    # "N/A" and "n/a" stand where a figure is missing: the rows still repeat every 4 cells.
    lines = _lines("missing-values.txt")
    [table] = find_tables(lines)
    assert (table.columns, table.rows) == (4, 6)
    assert lines[table.start] == "Marina" and lines[table.end - 1] == "9"


def test_a_table_whose_only_numbers_count_its_rows_needs_its_width_and_header():
    lines = _lines("weekly-plan.txt")
    [table] = find_tables(lines)
    assert (table.columns, table.rows) == (6, 5)
    assert lines[table.start] == "Week" and lines[table.end - 1] == "Long walk"
    # Without the header row, or with fewer columns, the counter is a ranked list's.
    header = lines.index("Week")
    assert find_tables(lines[:header] + lines[header + 6 :]) == []
    ranked = [x for k in range(1, 7) for x in (str(k), f"Story {k} of the day", "Read")]
    assert find_tables(["Rank", "Story", "Link", *ranked]) == []
    unheaded = [x for k in range(1, 7) for x in (str(k), f"Story {k}", "News", "Read")]
    assert find_tables(["Most read today", *unheaded]) == []


def test_a_table_whose_cells_change_shape_is_found_by_its_first_column():
    # Rest days move from column to column week by week: no period of cell shapes holds
    # for four rows, but every fifth line is a date.
    lines = _lines("race-plan.txt")
    [table] = find_tables(lines)
    assert (table.columns, table.rows) == (5, 6)
    assert lines[table.start] == "Week of" and lines[table.end - 1] == "Race day"
    # Not with two columns (a list of dated items), nor with a counter and no header.
    dated = [x for k in range(1, 8) for x in (f"{k} May", "Rest" if k % 2 else "5 km")]
    assert find_tables(["Plan", *dated]) == []
    counted = [x for k in range(1, 8) for x in (str(k), "Rest", "Hills" if k % 3 else "9 km")]
    assert find_tables(["Plan", *counted]) == []


def test_tables_with_gaps_or_counted_rows_survive_cleaning(tmp_path):
    for name, cells in (
        ("missing-values.txt", ["Mooring fee (per night)", "Millstone Quay", "N/A", "n/a"]),
        ("weekly-plan.txt", ["Week", "Thursday", "Walk 25 min", "Jog and walk", "Long walk"]),
        ("race-plan.txt", ["Week of", "17 May", "Hill repeats", "Race day"]),
    ):
        shutil.copy(FIXTURES / name, tmp_path / name)
        out = _clean(tmp_path / name)
        kept = out.split("\n\n")
        for cell in cells:
            assert cell in kept, (name, cell)
        (tmp_path / f"again-{name}").write_text(out)
        assert _clean(tmp_path / f"again-{name}") == out


def test_a_tables_repeated_cells_are_no_duplicates(tmp_path):
    # Two blocks of a plan, each a table of 8 columns whose cells recur week after week
    # ("Easy swim 30 minutes" eleven times): duplicate resolution dropped every copy after
    # the first, the later rows lost their cells, and the second table no longer read as
    # one. Every cell of both tables stays, in order, and none is reported as a duplicate.
    lines = _lines("swim-plan.txt")
    tables = find_tables(lines)
    assert [(t.columns, t.rows) for t in tables] == [(8, 4), (8, 4)]
    shutil.copy(FIXTURES / "swim-plan.txt", tmp_path / "in.txt")
    report = tmp_path / "report.json"
    result = CliRunner().invoke(app, ["clean", str(tmp_path / "in.txt"), "-r", str(report)])
    assert result.exit_code == 0, result.output
    kept = [line for line in result.stdout.splitlines() if line]
    start = 0
    for table in tables:
        cells = lines[table.start : table.end]
        start = kept.index(cells[0], start)
        assert kept[start : start + len(cells)] == cells
        start += len(cells)
    assert kept.count("Easy swim 30 minutes") == lines.count("Easy swim 30 minutes") == 11
    assert '"duplicate"' not in report.read_text(encoding="utf-8")
    (tmp_path / "again.txt").write_text(result.stdout)
    assert _clean(tmp_path / "again.txt") == result.stdout


def _plan(weeks: range, session: str) -> list[str]:
    head = ["Week", "Mon", "Tue", "Wed", "Thu"]
    return head + [
        c for w in weeks for c in (str(w), "Rest", f"{session} {20 + 5 * w} min", "Rest", session)
    ]


def test_cells_left_to_duplicate_resolution_are_those_captured_twice():
    plan = _plan(range(1, 6), "Easy run with strides")
    every = set(range(len(plan)))
    assert original_cells(plan) == every
    # The same table twice over (a body captured twice): its copies are repeats.
    assert original_cells(plan + plan) == frozenset()
    # A carousel listed after "Previous" and again after "Next": rows equal but for one
    # cell are one item captured twice.
    titles = [f"Marathon plan number {k} for beginners" for k in range(1, 7)]
    carousel = [c for k, t in enumerate(titles) for c in ("Previous", t, f"{k * 7} km")]
    carousel += [c for k, t in enumerate(titles) for c in ("Next", t, f"{k * 7} km")]
    assert find_tables(carousel)
    assert original_cells(carousel) == frozenset()
    # A menu's items listed again as a table's cells further down are repeats; the rest of
    # the table is not.
    menu = ["Easy run with strides", "Shop", "About"]
    found = original_cells(menu + plan)
    assert {(menu + plan)[i] for i in found} == set(plan) - {"Easy run with strides"}


HEAD = ["Week", "Monday", "Tuesday", "Thursday", "Saturday"]


def _block(weeks: range, last: str, long: str = "Hill repeats") -> list[str]:
    """A block of a plan: a header of five labels, then a row per week counted 1, 2, 3...;
    Thursday's session `long`, Saturday a long run and, in the last week, `last`."""
    rows = []
    for w in weeks:
        saturday = last if w == weeks[-1] else f"{w + 3} km long"
        rows += [str(w), "Rest", "Easy jog", long, saturday]
    return HEAD + rows


def test_a_table_found_by_its_first_column_above_a_periodic_one_is_kept():
    # The first block's rows hold words but for its counter, and its last closes on a
    # race, a figure: no period holds for four of its rows; its counted first column
    # under a header finds it. The second block is periodic (a column of distances).
    # Looked for from the run's start, the period was found first, and the search went
    # on from its end: the first block was no table at all.
    first = HEAD + [
        c
        for w in range(1, 5)
        for c in (str(w), "Rest", "Easy jog", "Rest", "5 km race" if w == 4 else "Jog and walk")
    ]
    second = _block(range(5, 10), "14 km long")
    lines = ["First block", *first, "Second block", *second]
    found = find_tables(lines)
    assert [(t.start, t.columns, t.rows) for t in found] == [
        (1, 5, 4),
        (len(first) + 2, 5, 5),
    ]


def test_a_long_cell_of_figures_does_not_break_its_table():
    # A session spelled out, "15 min easy + 4 x 5 min hard + 15 min easy", is 14 words:
    # longer than any cell of words, it read as prose and cut the plan at its first row.
    session = "Intervals: 15 min easy + 4 x 5 min hard + 15 min easy"
    lines = ["Block two", *_block(range(1, 7), "21 km race", long=session)]
    [table] = find_tables(lines)
    assert (table.columns, table.rows, lines[table.start]) == (5, 6, "Week")
    assert shape(session) == TEXT
    # Words of that length are a headline or a sentence, not a cell, figures or not.
    assert shape("How the club's coaches drew up a plan for runners who have never raced") == BREAK
    assert shape("We ran 5 km on Monday and 8 km on Thursday, then rested for 2 days.") == BREAK
    assert shape("Intervals " + "and more " * 10 + "15 min") == BREAK  # 22 words: too long


def test_a_long_cell_with_two_figures_does_not_break_its_table():
    # A rehearsal spelled out in 14 words holds two figures: one word in seven. Read as
    # prose, it cut the plan at its week, and the weeks after it, a counter under no
    # header of their own, were no table at all.
    session = "Race rehearsal of 2 km easy then 18 km at your goal race pace"
    assert shape(session) == TEXT
    weeks = _block(range(1, 9), "30 km race")
    weeks[len(HEAD) + 5 * 4 + 3] = session  # week 5's Thursday
    [table] = find_tables(["Block two", *weeks])
    assert (table.columns, table.rows) == (5, 8)


def test_a_plan_of_long_sessions_survives_cleaning(tmp_path):
    session = "Intervals: 15 min easy + 4 x 5 min hard + 15 min easy"
    text = "\n".join(
        [
            "A ten-week plan for the autumn half marathon",
            "The club's coaches wrote this plan for members who already run three times a "
            "week and want to race the autumn half marathon at an even pace from start to end.",
            "First block",
            *_block(range(1, 5), "10 km race"),
            "Second block",
            *_block(range(5, 11), "21 km race", long=session),
            "Keep the easy days easy: a pace at which you can talk the whole way round is the "
            "right one, and a missed week is repeated rather than caught up.",
            "",
        ]
    )
    (tmp_path / "in.txt").write_text(text)
    out = _clean(tmp_path / "in.txt")
    kept = [line for line in out.splitlines() if line]
    assert kept.count(session) == 6
    assert "21 km race" in kept and "10 km race" in kept
    (tmp_path / "again.txt").write_text(out)
    assert _clean(tmp_path / "again.txt") == out


def test_a_ranked_list_read_two_items_a_row_is_no_counted_table():
    # "#1", "Compare:", a product, "#2", ...: with a period of six lines the first column
    # reads 1, 3, 5, and six lines of words above it passed for a header row, so the list
    # was a table whose only figures counted its rows. A step of two counts items, not rows.
    header = ["Product comparison", "Showing all models", "Previous", "Compare", "Next",
              "Sort by"]
    ranked = [x for k in range(1, 15) for x in (f"#{k}", "Compare:", f"Brush model {k}")]
    assert find_tables(header + ranked) == []
    # Counted one a row under as wide a header, the same list is a table.
    plan = [x for k in range(1, 6) for x in (str(k), "Rest", "Easy jog", "Rest", "Long run",
                                              "Rest")]
    assert [(t.columns, t.rows) for t in find_tables(header + plan)] == [(6, 5)]


# A ranking flattened to one cell per line: rank and city, population, change.
RANKING = [
    ("1. San Jose, CA", "1,013,240", "+0.4%"), ("2. Mesa, AZ", "504,258", "+1.9%"),
    ("3. Fort Worth, TX", "956,709", "+2.2%"), ("4. Tulsa, OK", "411,867", "+0.3%"),
    ("5. El Paso, TX", "678,815", "+0.1%"), ("6. Omaha, NE", "485,153", "+0.8%"),
    ("7. Boise, ID", "237,446", "+1.2%"), ("8. New York, NY", "8,258,035", "-0.9%"),
]


def test_a_ranked_item_is_text_whatever_the_length_of_its_name():
    # Short, "2. Mesa, AZ" read as a figure and "1. San Jose, CA" as text: one column of a
    # ranking in two shapes, and its table was lost from the first short name on.
    assert shape("2. Mesa, AZ") == shape("1. San Jose, CA") == shape("7) Boise") == TEXT
    assert shape("12 miles") == shape("3 (tie)") == shape("2024. Omaha") == NUMBER


def test_a_ranking_is_one_table_whatever_the_length_of_its_names():
    lines = [
        "Cities that grew fastest this year, ranked by the census estimate.",
        "City", "Population", "Change", *[cell for row in RANKING for cell in row],
        "The figures are the bureau's July estimates, rounded to the nearest person.",
    ]
    [table] = find_tables(lines)
    assert (table.start, table.end, table.columns) == (1, len(lines) - 1, 3)
