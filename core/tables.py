"""Tables flattened into one cell per line, found by their period.

A scraper that writes one line per block element turns a table into a run of
short lines: a header row of k labels, then rows of k cells, over and over.
Read one at a time, those cells look like a menu or a share bar (short, no
sentence end, bare numbers), and the line model removes them. What gives a
table away is not its wording but its layout: the sequence of cell shapes
(number or text) repeats with the period of its column count, and some
column holds numbers all the way down. Menus and link lists have no numeric
column; a ranked "most read" list has one, but it only counts 1, 2, 3; a share
bar's counters do not run for rows enough to show a period. A table whose only
numeric column counts its rows (a week's plan: "Week", "Monday" ... "Sunday",
then "1", "Rest", ...) is told from such a list by its width and its header:
four columns or more under a row of as many labels.

A figure missing from a column of figures reads "N/A", "n.a." or "-": it fits
the column, and does not break the period.

This knows nothing of any language: numbers are digits, and a cell is short
by its word count.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import compress, pairwise

from .recurring import Recurring
from .words import count_words, each_line

try:  # `shape` of ASCII lines in C (optional: see core/_linefacts.c)
    from . import _linefacts
except ImportError:
    _linefacts = None

MAX_COLUMNS = 12
MIN_ROWS = 3  # data rows: fewer is a share bar or a pair of figures, not a table
MAX_CELL_WORDS = 12
# A longer cell is still a cell when a seventh of its words hold figures: a plan's day,
# "Tempo Run 15 min Easy + 20 min Moderate + 15 min Easy", "Race rehearsal of 2 km easy
# then 18 km at your goal race pace" (14 words, two figures), where a headline or a
# caption of that length is words. Read as prose, it broke its table at its row, and the
# rows after it, counted under no header of their own, were no table at all.
MAX_FIGURED_CELL_WORDS = 20
FIGURED_SHARE = 7  # words per figure, at most
MAX_CELL_CHARS = 200  # longer is never 12 words: no need to count them
MAX_NUMBER_WORDS = 3  # "12 miles", "3 (tie)", "$1,099.00": a number and its unit
NUMERIC_SHARE = 0.8  # of a column's cells, for it to count as a numeric column
# A cell that is a figure: a number, with a currency, sign, unit, percent or a second number.
_FIGURE = re.compile(r"^[\s$€£¥₹+\-–−~≈<>≤≥#(]*\d")
_SENTENCE_END = (".", "!", "?", "…", "。", "！", "？")
# A ranked or numbered item: its rank, a stop or bracket, then a word ("7. Mesa, AZ"). It
# reads as text whatever its length: as a figure when short, it split one column of a
# ranking into two shapes by the length of the names ("1. San Jose, CA" was text).
_NUMBERED = re.compile(r"\d{1,3}[.)]\s+[^\W\d_]")
_INTEGER = re.compile(r"^\s*(?:#|no\.?\s*)?(\d{1,4})\s*[.):]?\s*$", re.IGNORECASE)
# A counter column makes a table only in one this wide, under a header row.
COUNTED_COLUMNS = 4
# A table found by its first column alone (see `_loosest`) is at least this wide: two
# columns, a figure and a word, are any list of dated or priced items.
ANCHORED_COLUMNS = 3
# An empty cell: no digit, at most two letters, marked as an abbreviation or a gap by a
# slash, a dot or a dash, or by capitals ("N/A", "n.a.", "NA", "k.A.", "-", "—").
_PLACEHOLDER_CHARS = 4
_LETTERS = re.compile(r"[^\W\d_]")

NUMBER, TEXT, BREAK, EMPTY = 1, 2, 0, 3


@dataclass(frozen=True, slots=True)
class Table:
    start: int  # positions in the sequence of lines given, [start, end)
    end: int
    columns: int
    rows: int  # data rows (a header row, when there is one, is not counted)


def shape(text: str) -> int:
    """NUMBER, TEXT, EMPTY (the placeholder of a missing figure), or BREAK for a line no
    table cell can be (prose, or long)."""
    stripped = text.strip()
    if not stripped or len(stripped) > MAX_CELL_CHARS:
        return BREAK
    if len(stripped) <= _PLACEHOLDER_CHARS and _placeholder(stripped):
        return EMPTY
    words = count_words(stripped)
    # A sentence first: most long lines are, and need no count of their figures.
    if words >= 6 and stripped.endswith(_SENTENCE_END):
        return BREAK
    if words > MAX_CELL_WORDS and not _figured(stripped, words):
        return BREAK
    if words <= MAX_NUMBER_WORDS and _FIGURE.match(stripped) and not _NUMBERED.match(stripped):
        return NUMBER
    return TEXT


def _figured(cell: str, words: int) -> bool:
    """A long cell of figures (MAX_FIGURED_CELL_WORDS): at least one word in FIGURED_SHARE
    holds a digit."""
    if words > MAX_FIGURED_CELL_WORDS:
        return False
    figures = sum(1 for token in cell.split() if any(map(str.isdigit, token)))
    return figures * FIGURED_SHARE >= words


def shapes(texts: Sequence[str]) -> list[int]:
    """`shape` of each line: ASCII lines in C where it is built (-1 for the others)."""
    return each_line(None if _linefacts is None else _linefacts.shapes, shape, texts)


def _placeholder(cell: str) -> bool:
    if any(map(str.isdigit, cell)):
        return False
    letters = _LETTERS.findall(cell)
    if len(letters) > 2:
        return False
    marked = any(c in "/.-–—" for c in cell)
    return marked or (len(letters) == 2 and cell.isupper())


def _fits(a: int, b: int) -> bool:
    """Two cells one period apart have the same shape, or one is a figure and the other
    the placeholder of a missing one (a column of words rarely marks its gaps)."""
    return a == b or {a, b} == {NUMBER, EMPTY}


def find_tables(
    texts: Sequence[str],
    shapes: Sequence[int] | None = None,
    lines: Sequence[int] | None = None,
    memo: dict[tuple[int, ...], list[tuple[int, int, int, int]]] | None = None,
) -> list[Table]:
    """The tables among `texts` (consecutive lines), in order, not overlapping. `shapes`,
    when given, are `shape(text)` of each (the classifier asks on every pass). With
    `lines`, which line of a file each text is, and `memo` kept for that file across
    passes, a run of cells already read on an earlier pass is not read again: its tables
    depend on its lines alone (most runs stand unchanged from pass to pass)."""
    shapes = [shape(t) for t in texts] if shapes is None else list(shapes)
    tables: list[Table] = []
    # Each run of cells needs more than MIN_ROWS figures (`_tables_in`): most files do not
    # hold that many in all, and need no walk over their lines.
    if shapes.count(NUMBER) <= MIN_ROWS:
        return tables
    i, n = 0, len(shapes)
    while i < n:
        if shapes[i] == BREAK:
            i += 1
            continue
        j = i
        while j < n and shapes[j] != BREAK:
            j += 1
        if memo is None or lines is None:
            tables.extend(_tables_in(texts, shapes, i, j))
        elif shapes[i:j].count(NUMBER) > MIN_ROWS:  # (else `_tables_in` finds none)
            key = tuple(lines[i:j])
            found = memo.get(key)
            if found is None:
                found = memo[key] = [
                    (t.start - i, t.end - i, t.columns, t.rows)
                    for t in _tables_in(texts, shapes, i, j)
                ]
            tables.extend(Table(a + i, b + i, columns, rows) for a, b, columns, rows in found)
        i = j
    return tables


def original_cells(
    texts: Sequence[str],
    shapes: Sequence[int] | None = None,
    memo: dict[tuple[int, ...], list[tuple[int, int, int, int]]] | None = None,
) -> frozenset[int]:
    """The cells of the tables among `texts` that duplicate resolution leaves alone. A
    table's cells repeat by nature ("Rest", "Yes", "N/A", one session on every day of a
    plan); dropped as repeats, a row loses cells, and the rows after it no longer read as a
    table. But a row that another row repeats in all its cells but one is a capture twice
    over (a body, or a carousel listed once after "Previous" and again after "Next"): both
    are left to resolution, which drops the later copy. A header row stays with a row of
    its table that stays (each table of a plan repeats "Week", "Monday" ... "Sunday"). And
    a cell whose text stood first outside a table (a menu's items listed again further
    down) is a repeat. Empty for most files.

    `memo`: the file's memo of `find_tables`, `texts` being all of its lines: the runs read
    here are those the first model pass reads (every line in play), so it reads none again."""
    # Each data row: its first line, its cells' keys, its table's header row (if any).
    rows: list[tuple[int, list[tuple[int, tuple[str, ...]]], range | None]] = []
    counts: Counter[tuple[int, tuple[str, ...]]] = Counter()
    lines = None if memo is None else range(len(texts))
    for table in find_tables(texts, shapes, lines, memo):
        k = table.columns
        first_row = table.start
        header = None
        if table.end - table.start > table.rows * k:
            header, first_row = range(table.start, table.start + k), table.start + k
        for row in range(first_row, table.end, k):
            values = tuple(texts[row : row + k])
            # The row with each one of its cells left out (rows equal in all are equal so).
            keys = [(j, values[:j] + values[j + 1 :]) for j in range(k)]
            counts.update(keys)
            rows.append((row, keys, header))
    cells: set[int] = set()
    for row, keys, header in rows:
        if all(counts[key] == 1 for key in keys):
            cells.update(range(row, row + len(keys)))
            if header is not None:
                cells.update(header)
    if not cells:
        return frozenset()
    first: dict[str, int] = {}
    for i, text in enumerate(texts):
        first.setdefault(text, i)
    return frozenset(i for i in cells if first[texts[i]] in cells)


def _tables_in(texts: Sequence[str], shapes: list[int], lo: int, hi: int) -> list[Table]:
    """Tables inside the run [lo, hi) of cell-like lines: the widest-covering period first."""
    found: list[Table] = []
    # A numeric column needs a figure in each of its rows: most runs (menus, link lists)
    # have too few figures to hold one, and are not scanned for a period at all.
    if shapes[lo:hi].count(NUMBER) <= MIN_ROWS:
        return found
    start = lo
    while hi - start >= (MIN_ROWS + 1) * 2:
        best: Table | None = None
        for k in range(2, MAX_COLUMNS + 1):
            table = _periodic(texts, shapes, start, hi, k)
            if table is not None and (
                best is None
                or table.start < best.start
                or (table.start == best.start and table.end - table.start > best.end - best.start)
            ):
                best = table
        if best is None:
            best = _unperiodic(texts, shapes, start, hi)
        elif shapes[start : best.start].count(NUMBER) >= MIN_ROWS:
            # A table found only by its first column or its header may stand above the
            # period (a plan's first weeks above its later ones): taken from the lines
            # before the period alone, it cannot take the period's start, and is not lost
            # when the search goes on from the period's end. Either needs a figure in
            # each of MIN_ROWS rows at least: most periods have none above them.
            above = _unperiodic(texts, shapes, start, best.start)
            if above is not None:
                best = above
        if best is None:
            break
        found.append(best)
        start = best.end
    return found


def _unperiodic(texts: Sequence[str], shapes: list[int], lo: int, hi: int) -> Table | None:
    """The first table in [lo, hi) found without a period: by its counted first column
    (`_loosest`) or under its header row (`_headed`)."""
    return _earliest((_loosest(texts, shapes, lo, hi), _headed(texts, shapes, lo, hi)))


def _earliest(tables: Iterable[Table | None]) -> Table | None:
    """Of the tables found (None: not found), the one that starts first; of two that start
    at one line, the one found first."""
    best: Table | None = None
    for table in tables:
        if table is not None and (best is None or table.start < best.start):
            best = table
    return best


def _headed(texts: Sequence[str], shapes: list[int], lo: int, hi: int) -> Table | None:
    """A table of just MIN_ROWS rows under a header row, the earliest first: looked for only
    where no period holds for more rows from `lo` on, since a short period found first
    would take the start of a longer table of another width and leave its rest no table.
    (A first column of figures, `_loosest`, may read such a table from inside its header:
    of the two, the one that starts first.)"""
    # A header and MIN_ROWS rows of k cells: k no wider than the run allows.
    widest = min(MAX_COLUMNS, (hi - lo) // (MIN_ROWS + 1))
    return _earliest(
        _periodic(texts, shapes, lo, hi, k, headed=True)
        for k in range(ANCHORED_COLUMNS, widest + 1)
    )


def _loosest(texts: Sequence[str], shapes: list[int], lo: int, hi: int) -> Table | None:
    """A table found by its first column alone, when no period of cell shapes is: a figure
    every k lines (k of 3 or more) with short cells between, for MIN_ROWS + 1 rows or more
    (a plan whose days read "Rest" or "6 miles" as the week goes); the earliest first."""
    return _earliest(
        _anchored(texts, shapes, lo, hi, k) for k in range(ANCHORED_COLUMNS, MAX_COLUMNS + 1)
    )


def _anchored(texts: Sequence[str], shapes: list[int], lo: int, hi: int, k: int) -> Table | None:
    """The first stretch of [lo, hi) whose every k-th line, from its first, is a figure (or
    a missing one), for MIN_ROWS + 1 rows or more, those figures a numeric column (a
    counter only as `_periodic` allows one)."""
    n = hi - lo
    # chain[x]: rows from line lo + x on whose first cell is a figure, k lines apart.
    chain = [0] * (n + k)
    for x in range(n - 1, -1, -1):
        if shapes[lo + x] in (NUMBER, EMPTY):
            chain[x] = 1 + chain[x + k]
    for x in range(n):
        if chain[x] < MIN_ROWS + 1 or (x >= k and chain[x - k]):
            continue  # too short, or inside a chain that starts higher up
        rows = min(chain[x], (n - x) // k)
        if rows < MIN_ROWS + 1:
            continue
        first = lo + x
        end = first + rows * k
        figures = _has_figures(texts, shapes, first, end, k, columns=1)
        above = shapes[first - k : first] if first - k >= lo else []
        header = len(above) == k and above.count(TEXT) == k
        if figures == _FIGURES or (figures == 0 and header and k >= COUNTED_COLUMNS):
            return Table(first - k if header else first, end, k, rows)
    return None


# Every shape is below 4, so two shapes a and b make the number 4 * a + b: the byte of
# `_FITS` there is `_fits(a, b)`.
assert max(NUMBER, TEXT, BREAK, EMPTY) < 4
_FITS = bytes(_fits(a, b) for a in range(4) for b in range(4)) + bytes(256 - 16)


def _fitting(shapes: Sequence[int], lo: int, hi: int, k: int) -> bytes:
    """Byte x is 1 if `_fits(shapes[p], shapes[p - k])` for p = lo + k + x, else 0, for
    every p of [lo + k, hi). The shapes, one byte each, are read as two numbers, the
    later ones and those k lines earlier: the first shifted two bits up and the second
    or-ed in gives 4 * a + b in each byte (12 + 3 at most, so no byte spills into the
    next), and `_FITS` translates that. Each `_periodic` scan walked its lines in Python,
    two subscripts and a call per line for each of the eleven periods tried."""
    n = hi - lo - k
    if n <= 0:
        return b""
    later = int.from_bytes(bytes(shapes[lo + k : hi]), "big")
    earlier = int.from_bytes(bytes(shapes[lo : hi - k]), "big")
    return ((later << 2) | earlier).to_bytes(n, "big").translate(_FITS)


def _periodic(
    texts: Sequence[str], shapes: list[int], lo: int, hi: int, k: int, headed: bool = False
) -> Table | None:
    """The first stretch of [lo, hi) whose shapes repeat with period k for MIN_ROWS rows
    or more after its first row, with a numeric column that is not a counter (or, in a
    table of COUNTED_COLUMNS or more under a header row, one that is). `headed`: MIN_ROWS
    rows are enough under a row of labels (`_labelled`)."""
    fit = _fitting(shapes, lo, hi, k)
    base = lo + k
    x = fit.find(1)
    while x >= 0:
        # Lines p to q - 1 each fit the line k above them; q does not.
        p = base + x
        y = fit.find(0, x)
        q = hi if y < 0 else base + y
        # [p - k, q) repeats with period k; cut it to whole rows.
        first = p - k
        rows = (q - first) // k
        enough = rows >= MIN_ROWS + 1
        if enough or (headed and rows == MIN_ROWS and _labelled(shapes, lo, first, k)):
            end = first + rows * k
            figures = _has_figures(texts, shapes, first, end, k)
            if figures is not None and figures != _FIGURES:
                # Rows counted: a row starts with its number (the stretch may have begun
                # inside the header, whose labels share the cells' shape).
                first += figures
                rows = (q - first) // k
                end = first + rows * k
            # A row of labels right above is the table's header (labels may hold a
            # year: "2026 budget").
            above = shapes[first - k : first] if first - k >= lo else []
            header = len(above) == k and 2 * above.count(TEXT) >= k
            counted = (
                figures is not None
                and k >= COUNTED_COLUMNS
                and rows >= MIN_ROWS + 1
                and above.count(TEXT) == k
            )
            if figures == _FIGURES or counted:
                return Table(first - k if header else first, end, k, rows)
        x = fit.find(1, q + 1 - base)
    return None


def _labelled(shapes: list[int], lo: int, first: int, k: int) -> bool:
    """A row of k labels (ANCHORED_COLUMNS or more) stands right above `first`: with it, a
    period that holds for MIN_ROWS rows is a table (a by-election's three candidates under
    "Candidate", "Party", "Votes"). Three rows of one shape alone are any short list of
    figures; three under a header row as wide as they are seldom are anything else."""
    return k >= ANCHORED_COLUMNS and first - k >= lo and all(
        shapes[x] == TEXT for x in range(first - k, first)
    )


_FIGURES = -1


def _has_figures(
    texts: Sequence[str], shapes: list[int], lo: int, hi: int, k: int, columns: int = 0
) -> int | None:
    """_FIGURES if some column (of the first `columns`, or of all) holds numbers in
    (nearly) every row, and not just 1, 2, 3... (its empty cells aside); else the first
    column that counts the rows, if one does."""
    found = None
    for c in range(columns or k):
        cells = [x for x in range(lo + c, hi, k) if shapes[x] != EMPTY]
        numeric = sum(shapes[x] == NUMBER for x in cells)
        if numeric < max(MIN_ROWS, NUMERIC_SHARE * len(cells)):
            continue
        values = [texts[x].strip() for x in cells]
        if len(set(values)) < 2:
            continue
        step = _counter(values)
        if step:
            # 1, 3, 5...: a ranked list's items read two to a row, whose period is half
            # this one ("#1", "Compare:", "Oral-B ...", "#2", ...): it counts no rows.
            if found is None and abs(step) == 1:
                found = c
            continue
        return _FIGURES
    return found


def _counter(values: list[str]) -> int:
    """The step of 1, 2, 3... (or 10, 9, 8..., or 1, 3, 5... when a list is read two items
    a row): the ranks of a list, not a column of figures; 0 for any other column."""
    numbers = []
    for v in values:
        m = _INTEGER.match(v)
        if m is None:
            return 0
        numbers.append(int(m.group(1)))
    steps = {b - a for a, b in pairwise(numbers)}
    if len(steps) != 1:
        return 0
    step = next(iter(steps))
    return step if 0 < abs(step) <= MAX_COLUMNS else 0


# A checklist: a table whose rows are runs of lines, each row closed by one mark (a box,
# a tick: "▢", "☐", "✓") in its last column. A scraper writes a cell that holds a list as
# one line per item, so the rows have no period; what gives the table away is the mark
# that closes every row, its rows of short cells between, and a first column that names a
# period or a step ("12-14 Months", "Week 3") in most rows. A menu or a card grid closes
# its items with a word ("Read more") or a separator ("|"), not with a box; an icon font's
# glyph between teasers does not stand under rows that open with figures.
MIN_ROW_LINES = 2  # a first cell and at least one more
MAX_ROW_LINES = 9  # more lines between two marks: no row of one table
MARK_CHARS = 3
_SHORT = 4 * MARK_CHARS  # a line longer than this is no mark, however spaced
_WORD_CHAR = re.compile(r"\w")
# Above a header's mark: the other labels of the header row and the table's title, short
# lines all; a longer run is a menu's, above a table that has no title of its own.
MAX_HEAD_LINES = 4


@dataclass(frozen=True, slots=True)
class RunTable:
    """A table whose cells are runs of lines: a checklist, or a summary table (`leaders`)."""

    start: int  # line indices [start, end): the rows and their marks
    end: int
    rows: int
    # A summary table's: for each row that a name of the article leads, the earlier lines
    # of that name, and the row's first line (empty for a checklist).
    leaders: tuple[tuple[int, ...], ...] = ()
    starts: tuple[int, ...] = ()


def checklists(texts: Sequence[str], shapes: Sequence[int]) -> list[RunTable] | None:
    """The checklists among a file's lines (`texts`, `shapes` of each as `shape` reads
    it), or None where there is none (most files: no line is a mark)."""
    marks: dict[str, list[int]] = {}
    # Only the short lines without a letter or digit are read (found in C: `compress`).
    for i in compress(range(len(texts)), map(_SHORT.__ge__, map(len, texts))):
        text = texts[i]
        if _WORD_CHAR.search(text) is None and _is_mark(text):
            marks.setdefault(text.strip(), []).append(i)
    found = [
        table
        for at in marks.values()
        if len(at) > MIN_ROWS
        for table in _closed_rows(texts, shapes, at)
    ]
    return sorted(found, key=lambda t: t.start) or None


def _is_mark(text: str) -> bool:
    """A line of a symbol or two and nothing else (a box, a tick, a cross)."""
    stripped = text.strip()
    if not stripped or len(stripped) > MARK_CHARS:
        return False
    return all(c.isspace() or unicodedata.category(c) == "So" for c in stripped)


def _closed_rows(texts: Sequence[str], shapes: Sequence[int], at: list[int]) -> list[RunTable]:
    """The runs of rows closed by the copies of one mark at lines `at`: MIN_ROWS rows or
    more between consecutive copies, each MIN_ROW_LINES to MAX_ROW_LINES cells, most
    opening with a figure. The row above the first copy belongs to the table when a mark
    (the header's, over the marks' column) opens it; else it is not told from the header."""
    found = []
    chain = [at[0]]
    for a, b in pairwise([*at, -1]):
        if b >= 0 and _row(shapes, a, b):
            chain.append(b)
            continue
        if len(chain) > MIN_ROWS:
            opens = sum(shapes[x + 1] == NUMBER for x in chain[:-1])
            if 2 * opens >= len(chain) - 1:
                found.append(_with_first_row(texts, shapes, chain))
        chain = [b]
    return found


def _row(shapes: Sequence[int], a: int, b: int) -> bool:
    """Lines a + 1 .. b - 1 make a row of cells."""
    return MIN_ROW_LINES <= b - a - 1 <= MAX_ROW_LINES and all(
        shapes[x] in (NUMBER, TEXT, EMPTY) for x in range(a + 1, b)
    )


def _with_first_row(texts: Sequence[str], shapes: Sequence[int], chain: list[int]) -> RunTable:
    first = chain[0]
    for head in range(first - MIN_ROW_LINES - 1, max(first - MAX_ROW_LINES - 2, -1), -1):
        if _is_mark(texts[head]):
            if _row(shapes, head, first):
                return RunTable(_heading(shapes, head), chain[-1] + 1, len(chain))
            break
        if shapes[head] not in (NUMBER, TEXT, EMPTY):
            break
    return RunTable(first, chain[-1] + 1, len(chain) - 1)


def _heading(shapes: Sequence[int], mark: int) -> int:
    """The first of the short lines right above a header's `mark` (its labels, the table's
    title), MAX_HEAD_LINES at most: the nearest ones, so that a second run, which sees the
    lines kept here and those above them, takes the same."""
    start = mark
    while start > 0 and mark - start < MAX_HEAD_LINES and shapes[start - 1] in (NUMBER, TEXT):
        start -= 1
    return start


# A summary table: a closing table that compares the things the article went through, one
# row each ("Tool", "Pros", "Cons", "Pricing", then each tool's name and its cells, a cell
# of a list written as a line per item). Its rows have no period either; what gives it away
# is its first column, which names the article's own sections in their order, and its
# header: a row of labels the page uses nowhere else. A menu repeated at the foot of the
# page names the same pages in the same order, but what it names above is links, not
# headings with the article's prose under them (judged per pass: `context.run_tables`),
# and its items are not run under a header of its own. One exception: a label whose other
# copies all stand in a menu's run of short lines ("Pricing" among a site's links) is the
# site's word for a column too: one such label in words, beside two used nowhere else (a
# menu copied at the foot would be all such labels; a figure used twice is a table's
# cell, and a numeric table's cells stand in runs of short lines as a menu's links do).
MIN_HEADER = 3
MAX_HEADER = 8
HEADER_WORDS = 2
MAX_SUMMARY_ROW = 16  # lines of a row: its name and its cells
MENU_RUN = 6  # short lines in a row around a label's other copy: a menu's links
SHARED_HEADER = 2  # labels used once beside the one a menu uses too, at least
MENU_LINK_WORDS = 6  # words of a menu's link, at most


def summary_tables(
    texts: Sequence[str], shapes: Sequence[int], recurring: Recurring | None = None
) -> list[RunTable]:
    """The summary tables among a file's lines (`texts`, `shapes` of each; `recurring`:
    the texts' `Recurring`, where the caller has it)."""
    found: list[RunTable] = []
    if recurring is None:
        recurring = Recurring.of(texts)
    count = recurring.count
    if len(count) == len(texts):  # no line repeats: no row has a leader
        return found
    # Lines whose text comes again (picked in C), and a scan of the lines in C (`compress`).
    repeated = frozenset(recurring.repeated)
    at: dict[str, list[int]] = {}
    for i in compress(range(len(texts)), map(repeated.__contains__, texts)):
        at.setdefault(texts[i], []).append(i)
    # A row's leader is a later copy of a line: only those are looked at.
    end = 0
    for i in sorted(i for copies in at.values() for i in copies[1:]):
        if i < end or i < MIN_HEADER:
            continue
        header = _header_size(texts, shapes, count, i, at)
        if MIN_HEADER <= header <= MAX_HEADER:
            table = _summary_at(texts, shapes, at, i, header)
            if table is not None:
                found.append(table)
                end = table.end
    return found


def _header_size(
    texts: Sequence[str],
    shapes: Sequence[int],
    count: Counter[str],
    i: int,
    at: dict[str, list[int]],
) -> int:
    """How many labels stand right above line `i` (up to one more than MAX_HEADER): short
    lines, each used once in the file, but for one at most, a label in words whose other
    copies (`at`: each repeated text's positions) all stand in a menu's run of short lines
    (`_in_menu_run`), with two labels used once at least beside it."""
    k = 0
    shared = -1  # the label the menu uses as well, if any
    while i - k - 1 >= 0 and k <= MAX_HEADER:
        j = i - k - 1
        # The count first: a second repeated line ends the header, label or not.
        repeated = count[texts[j]] > 1
        if (repeated and (shared >= 0 or shapes[j] != TEXT)) or not _label(texts[j], shapes[j]):
            break
        if repeated:
            shared = j
        k += 1
    if shared < 0:
        return k
    # Where the menu's copies stand is looked at only where the labels used once make a
    # header with it (most candidates, a menu's copy under the menu's other copy, have
    # none).
    if (
        k - 1 < SHARED_HEADER
        or k > MAX_HEADER
        or not all(_in_menu_run(texts, shapes, x) for x in at[texts[shared]] if x != shared)
    ):
        return i - shared - 1  # the labels below it, as without the exception
    return k


def _menu_link(text: str, shape_of: int) -> bool:
    stripped = text.strip()
    return (
        shape_of in (NUMBER, TEXT)
        and count_words(stripped) <= MENU_LINK_WORDS
        and not stripped.endswith(_SENTENCE_END)
    )


def _in_menu_run(texts: Sequence[str], shapes: Sequence[int], x: int) -> bool:
    """Whether line `x` stands among MENU_RUN or more short lines in a row (links)."""
    if not _menu_link(texts[x], shapes[x]):
        return False
    lo = x
    while lo > 0 and x - lo < MENU_RUN and _menu_link(texts[lo - 1], shapes[lo - 1]):
        lo -= 1
    hi = x + 1
    while hi < len(texts) and hi - lo < MENU_RUN and _menu_link(texts[hi], shapes[hi]):
        hi += 1
    return hi - lo >= MENU_RUN


def _label(text: str, shape_of: int) -> bool:
    return shape_of in (NUMBER, TEXT) and count_words(text.strip()) <= HEADER_WORDS


def _summary_at(
    texts: Sequence[str], shapes: Sequence[int], at: dict[str, list[int]], first: int, header: int
) -> RunTable | None:
    """The rows led from line `first` on by lines the file has above it, in the order of
    their last copies above it, MIN_ROWS or more, each of at least a name and a cell."""
    names = [first]
    earlier = [tuple(j for j in at[texts[first]] if j < first)]
    j = first + 1
    while j < len(texts) and shapes[j] != BREAK and j - names[-1] <= MAX_SUMMARY_ROW:
        above = tuple(x for x in at.get(texts[j], ()) if x < first)
        if above and above[-1] > earlier[-1][-1] and j - names[-1] >= MIN_ROW_LINES:
            names.append(j)
            earlier.append(above)
        j += 1
    if len(names) < MIN_ROWS:
        return None
    # The last row runs on over short lines, MAX_SUMMARY_ROW at most, up to a line the
    # table already holds (its rows captured again): not to the length of the rows above,
    # which a second run, reading fewer rows, would take otherwise.
    end = names[-1] + 1
    held = set(texts[first:end])
    while (
        end < len(texts)
        and shapes[end] != BREAK
        and end - names[-1] < MAX_SUMMARY_ROW
        and texts[end] not in held
    ):
        held.add(texts[end])
        end += 1
    # A row's cells are the table's own words: a list of the page's headings (a table of
    # contents at its foot) leads its "rows" with some of them and fills them with the rest.
    leaders = set(names)
    if any(x not in leaders and at.get(texts[x], [first])[0] < first for x in range(first, end)):
        return None
    return RunTable(first - header, end, len(names), tuple(earlier), tuple(names))


def run_tables(
    texts: Sequence[str], shapes: Sequence[int], recurring: Recurring | None = None
) -> list[RunTable] | None:
    """The checklists and summary tables of a file, or None where it has none (most).
    `recurring`: the texts' `Recurring`, where the caller has it."""
    found = (checklists(texts, shapes) or []) + summary_tables(texts, shapes, recurring)
    return sorted(found, key=lambda t: t.start) or None
