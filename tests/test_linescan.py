"""The file facts' scans told which lines to read in C (session 31, byte-identical).

`classify._FileFacts.of` ran some 35 scans over a file's lines, most asking one cheap
question of every line in Python (a colon, a first figure, a line's end) before a costly
one of the few lines that pass. `linescan.line_flags` answers the cheap questions for
every line in one C pass, `linescan.opened_lines` finds the lines the line above opens,
`recurring.Recurring` counts a file's texts once for three scans, and `roleboxes` looks
for a name in one search of the joined lines. Here:

- the C functions give what their Python twins give, and each flag is the Python test it
  stands for, on random lines of every width and kind of space, figure and colon;
- each scan answers as it did when it asked every line (the session-30 scans, written
  out below), on random pages and on every sample and fixture page;
- the scans ask their costly question of the flagged lines only, and `_FileFacts.of`
  counts a file's texts once (these fail on the code before the change).
"""

from __future__ import annotations

import random
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from copydesk.core import (
    classify,
    context,
    edges,
    entryfields,
    introlists,
    linescan,
    postblocks,
    prose,
    recurring,
    roleboxes,
    roundups,
    tables,
    titles,
    transcripts,
    words,
)
from copydesk.core.config import Config
from copydesk.core.model import Block

try:
    from copydesk.core import _filefacts
except ImportError:  # not built here: the Python twins run
    _filefacts = None

HERE = Path(__file__).parent
needs_c = pytest.mark.skipif(_filefacts is None, reason="_filefacts is not built")

# Pieces of lines that the flags read differently: figures of other scripts (a decimal, a
# digit that is no decimal, a numeral that is neither), colons and question marks of other
# scripts, spaces that str.strip and str.split take, the direction marks `text_end` drops,
# characters of every width (Latin-1, two bytes, four bytes).
PIECES = [
    "", " ", "\t", "\u00a0", "\u3000", "\u2009", "\u200f", "\u200e", "\u061c",
    "1", "42", "٣", "²", "Ⅻ", "[", "(", ")", "/", ":", "：", "?", "？", "؟", ".", ",",
    "a", "Zed", "é", "ж", "中文", "😀", "Lena Ward", "Posts: 412", "Joined: Mar 2019",
    "10:20", "3 / 12", "1. Item", "2) Step", "00:01:15", "[00:12]", "78'", "Pros",
    "Written by", "is a transport planner who writes about buses, trams and ferries.",
]
# Whole lines the scans look for, to put among the random ones.
LINES = [
    "Posts: 412", "Joined: Mar 2019", "Location: Leeds", "Water: weekly, when dry",
    "00:01:15", "00:02:30", "[00:03:45]", "10:20", "14:31 GMT", "78'", "90+3'",
    "1 / 8", "2 / 8", "3 / 8", "1. Sortelha", "2. Monsanto", "3. Piódão", "4) Fold",
    "Is it safe to swim in the river?", "What does it cost?", "Where do I park？",
    "Here is what you need:", "These are the steps we took to fix the roof:",
    "Ingredients:", "Tools：", "Watch:\u200f ", "Lena Ward", "Lena Ward is a transport "
    "planner who writes about buses, trams and ferries for the paper.", "Read more",
    "Read more", "Read more", "✓", "✓", "✓", "Week 1", "Week 2", "12-14 Months",
]


def _random_line(rng: random.Random) -> str:
    if rng.random() < 0.3:
        line = rng.choice(LINES)
    else:
        line = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 6)))
    if rng.random() < 0.2:
        line = rng.choice(PIECES[:9]) + line + rng.choice(PIECES[:9])
    return line


def _blocks(lines: list[str]) -> list[Block]:
    return [Block(n + 1, n + 1, n + 1, text) for n, text in enumerate(lines)]


def _fixture_pages() -> list[list[str]]:
    paths = sorted((HERE.parent / "samples").glob("*.txt"))
    paths += sorted((HERE / "fixtures").rglob("*.txt"))
    return [path.read_text(encoding="utf-8", errors="replace").split("\n") for path in paths]


def _pages() -> list[list[str]]:
    rng = random.Random(31)
    randoms = [[_random_line(rng) for _ in range(rng.randint(0, 40))] for _ in range(1500)]
    return randoms + _fixture_pages()


# Each flag, as the Python test a scan asked of every line before (session 30).
FLAG_TESTS = {
    linescan.COLON: lambda t: ":" in t,
    linescan.TIME: lambda t: t[:1] in "0123456789[( \t" and t[:1] != "",
    linescan.STAMP: lambda t: t[:1].isdigit() or t[:1].isspace(),
    linescan.COUNTER: lambda t: len(t) <= edges.POSITION_CHARS and (t[-1:].isdigit() or "/" in t),
    linescan.DECIMAL: lambda t: t[:1].isdecimal(),
    linescan.QUESTION: lambda t: t.rstrip().endswith(context._QUESTION_ENDS),
    linescan.ENDS_COLON: lambda t: prose._text_end(t).endswith((":", "：")),
}


def test_each_flag_is_the_test_it_stands_for():
    assert sorted(FLAG_TESTS) == [1, 4, 8, 16, 32, 64, 128]  # each bit once
    assert linescan.COUNTER_CHARS == edges.POSITION_CHARS
    assert words.DIRECTION_MARKS == "\u200e\u200f\u061c"  # as _filefacts.c reads them
    rng = random.Random(7)
    lines = [_random_line(rng) for _ in range(20000)] + [t for p in _fixture_pages() for t in p]
    flags = linescan._line_flags(lines)
    held = Counter()
    for text, byte in zip(lines, flags, strict=True):
        for flag, test in FLAG_TESTS.items():
            assert bool(byte & flag) == test(text), (text, flag)
            held[flag] += bool(byte & flag)
    assert all(held[flag] > 20 for flag in FLAG_TESTS), held  # each flag seen set


@needs_c
def test_the_c_pass_gives_the_python_twins_answers():
    rng = random.Random(8)
    lines = [_random_line(rng) for _ in range(20000)] + [t for p in _fixture_pages() for t in p]
    # Every character of the Basic Multilingual Plane first, last and alone.
    lines += [chr(c) for c in range(0xD800)]
    lines += [f"{chr(c)} x {chr(c)}" for c in range(0xE000, 0x10000)]
    lines += ["😀 x", "x 😀", "😀:", "😀 ?", "😀 10:20", "😀\u200f:\u200f "]
    flags = _filefacts.line_flags(lines)
    assert flags == linescan._line_flags(lines)
    assert _filefacts.line_flags(_blocks(lines[:3000])) == linescan._line_flags(lines[:3000])
    for mask in (1, 2, 4, 8, 16, 32, 64, 128, 3, 255, 0):
        assert _filefacts.lines_with(flags, mask) == linescan._lines_with(flags, mask)
    stripped = [t.strip() for t in lines[:20000]]
    stripped += ["Lena Ward", "Lena Ward is a planner", "", "", "x", "xé", "xé中", "xé中😀"]
    stripped += ["中", "中文", "😀", "😀a", "é", "éa", "a", "ab"]
    assert _filefacts.opened_lines(stripped) == linescan._opened_lines(stripped)
    assert _filefacts.opened_lines(stripped) != []


@needs_c
def test_the_c_pass_refuses_what_is_not_a_text():
    with pytest.raises(TypeError):
        _filefacts.line_flags([Block(1, 1, 1, b"bytes")])  # type: ignore[arg-type]
    with pytest.raises(AttributeError):
        _filefacts.line_flags([3])
    with pytest.raises(TypeError):
        _filefacts.opened_lines(["a", 3])
    with pytest.raises(TypeError):
        _filefacts.lines_with("not bytes", 1)


# The scans as session 30 wrote them: every line asked.
def _may_hold_codes(blocks):
    return sum(transcripts.seconds(b.text) is not None for b in blocks) >= transcripts.MIN_CODES


def _field_lines(blocks):
    fields = [postblocks.field_label(b.text) for b in blocks]
    counts = Counter(f for f in fields if f is not None)
    return fields if any(n >= postblocks.MIN_POSTS for n in counts.values()) else None


def _field_labels(texts):
    labels = [entryfields.label_of(t) for t in texts]
    counts = Counter(label for label in labels if label is not None)
    recurring_ = {label for label, n in counts.items() if n >= entryfields.MIN_FIELDS}
    values: dict[str, set[str]] = {}
    for label, text in zip(labels, texts, strict=True):
        if label in recurring_:
            values.setdefault(label, set()).add(text.strip())
    recurring_ = {label for label in recurring_ if len(values[label]) >= 2}
    return [label if label in recurring_ else None for label in labels] if recurring_ else None


def _numbered_lines(blocks):
    items = {}
    for i, block in enumerate(blocks):
        found = edges._ITEM.match(block.text)
        if found is not None:
            items[i] = (int(found.group(1)), found.group(2))
    return items if len(items) >= edges.NUMBERED_RUN else {}


def _may_count(blocks):
    return sum(
        bool(len(t) <= edges.POSITION_CHARS and (t[-1:].isdigit() or "/" in t)
             and titles.POSITION.fullmatch(t))
        for t in (b.text for b in blocks)
    ) >= edges.POSITION_RUN


def _may_stamp(blocks):
    return sum(
        bool((t[:1].isdigit() or t[:1].isspace())
             and (edges._BARE_TIME.fullmatch(t) or edges._MATCH_MINUTE.fullmatch(t)))
        for t in (b.text for b in blocks)
    ) >= edges.STAMP_RUN


def _may_orphan(blocks):
    return any(
        prose.text_end(b.text).endswith((":", "："))
        and prose.word_count(prose.text_end(b.text)) <= edges.INTRO_WORDS
        for b in blocks
    )


def _question_lines(texts):
    found = frozenset(
        i for i, t in enumerate(texts)
        if t.rstrip().endswith(context._QUESTION_ENDS)
        and prose.word_count(t) <= context.MAX_QUESTION_WORDS
    )
    return found if len(found) >= context.MIN_QUESTIONS else None


def _intro_lines(texts):
    return tuple(
        i for i, t in enumerate(texts)
        if prose.text_end(t).endswith((":", "：")) and introlists._intro(t)
    )


def _label_lines(texts):
    return frozenset(
        i for i, t in enumerate(texts)
        if prose.text_end(t).endswith((":", "：")) and prose.word_count(t) < introlists.MIN_INTRO
        and any(ch.isalnum() for ch in t) and not introlists._intro(t)
    )


def _box_openers(blocks):
    stripped = [b.text.strip() for b in blocks]
    return frozenset(
        i for i in range(1, len(blocks))
        if stripped[i - 1] and stripped[i].startswith(stripped[i - 1])
        and edges._opens_box(blocks, i)
    )


def _name_lines(blocks):
    stripped = [b.text.strip() for b in blocks]
    is_prose = [prose.is_prose(b.text) for b in blocks]
    return [
        i for i in range(len(blocks) - 1)
        if is_prose[i + 1] and stripped[i]
        and 1 <= prose.word_count(stripped[i]) <= edges.BYLINE_NAME_WORDS
        and prose.word_count(blocks[i + 1].text) >= edges.BOX_MIN_WORDS
    ]


def _has_items(texts):
    forms = classify.siblings.forms(texts)
    return sum(f in classify.siblings.LIST_FORMS for f in forms) >= classify.siblings.MIN_ITEMS


def test_each_scan_answers_as_when_every_line_is_asked():
    pages = _pages()
    assert len(pages) > 1600
    found = Counter()
    for lines in pages:
        blocks, texts = _blocks(lines), list(lines)
        answers = {
            "codes": (transcripts.may_hold(blocks), _may_hold_codes(blocks)),
            "fields": (postblocks.field_lines(blocks), _field_lines(blocks)),
            "labels": (entryfields.field_labels(texts), _field_labels(texts)),
            "numbered": (edges.numbered_lines(blocks), _numbered_lines(blocks)),
            "counters": (edges.may_count(blocks), _may_count(blocks)),
            "stamps": (edges.may_stamp(blocks), _may_stamp(blocks)),
            "orphans": (edges.may_orphan(blocks), _may_orphan(blocks)),
            "questions": (context.question_lines(texts), _question_lines(texts)),
            "intros": (introlists.intro_lines(texts), _intro_lines(texts)),
            "list labels": (introlists.label_lines(texts), _label_lines(texts)),
            "box openers": (edges.box_openers(blocks), _box_openers(blocks)),
            "name lines": (edges.box_facts(blocks).name_lines, _name_lines(blocks)),
        }
        for name, (now, before) in answers.items():
            assert now == before, (name, lines)
            found[name] += bool(now)
    # The pages hold what each scan looks for, so each comparison reads found lines too.
    assert all(found[name] >= 5 for name in answers), found


def test_the_facts_of_a_file_are_those_of_every_line_asked(monkeypatch):
    """`_FileFacts.of` with the flags, the shared count and the joined search gives the
    facts it gave; and without the C extension (the Python twins) the same."""
    config = Config()
    pages = _pages()[::3]
    c_facts = [_facts(lines, config) for lines in pages]
    monkeypatch.setattr(linescan, "line_flags", linescan._line_flags)
    monkeypatch.setattr(linescan, "lines_with", linescan._lines_with)
    monkeypatch.setattr(linescan, "opened_lines", linescan._opened_lines)
    assert [_facts(lines, config) for lines in pages] == c_facts
    for lines, facts in zip(pages, c_facts, strict=True):
        blocks, texts = _blocks(lines), list(lines)
        assert facts["has_items"] == _has_items(texts)
        assert facts["role_bios"] == _role_openers(blocks)
        count = Counter(texts)
        assert facts["outlines"] == _outlines(texts, count)
        assert facts["run_tables"] == _run_tables(texts, count)


def _facts(lines: list[str], config: Config) -> dict:
    facts = classify._FileFacts.of(_blocks(lines), list(lines), config)
    return {
        name: getattr(facts, name)
        for name in classify._FileFacts.__slots__
        if name not in ("repeats", "own", "tables")
    }


def _role_openers(blocks):
    """`role_openers` with `_credited` reading every line."""
    stripped = [b.text.strip() for b in blocks]
    found, named = [], []
    for i in roleboxes._may_open(stripped):
        if i >= 2 and roleboxes._opens_role_box(stripped, i):
            found.append((i - 2, i))
        elif roleboxes._opens_named_box(stripped, i):
            found.append((i - 1, i))
        else:
            name = roleboxes._bio_name(stripped[i])
            if name is not None:
                named.append((i, name))
    if len(named) <= roleboxes.MAX_NAMED:
        found.extend((i, i) for i, name in named if roleboxes._credited(stripped, i, name))
        found.sort()
    return found


def _outlines(texts, count):
    """`entryfields.outlines` as session 30 wrote it, reading `Counter(texts)`."""
    wanted = {
        t for t, n in count.items()
        if n >= entryfields.MIN_OUTLINE_ENTRIES and len(t) <= entryfields.MAX_LABEL_CHARS
        and entryfields._label_line(t)
    }
    if not wanted:
        return None
    places: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        if text in wanted:
            places.setdefault(text, []).append(i)
    found: list = []

    def shape_at(i: int) -> int:
        return entryfields._shape(texts[i])

    for lines in places.values():
        for anchors in entryfields._periodic_runs(lines):
            entries = entryfields._entries(shape_at, len(texts), anchors)
            if entries is not None and entries not in found:
                found.append(entries)
    return found or None


def _run_tables(texts, count):
    """`tables.run_tables` with the repeated texts picked from `Counter(texts)` in Python."""
    shapes = tables.shapes(texts)
    found = (tables.checklists(texts, shapes) or []) + tables.summary_tables(
        texts, shapes, recurring.Recurring(count, [t for t in count if count[t] > 1])
    )
    return sorted(found, key=lambda t: t.start) or None


def test_the_texts_held_some_times_are_those_counter_gives():
    rng = random.Random(5)
    for _ in range(2000):
        pool = ("a", "b", "c", "", "Read more", "✓")
        texts = [rng.choice(pool) for _ in range(rng.randint(0, 12))]
        counted = recurring.Recurring.of(texts)
        count = Counter(texts)
        assert counted.count == count
        for times in (2, 3, 4):
            assert counted.held(times) == [t for t, n in count.items() if n >= times]
        assert roundups.find(texts, counted) == roundups.find(texts)
    with pytest.raises(ValueError):
        recurring.Recurring.of(["a"]).held(1)


def test_a_name_is_found_in_the_lines_that_hold_it():
    rng = random.Random(6)
    names = ["Lena Ward", "Mia Lund", "Ward", "a", "Lena Ward Jr."]
    for _ in range(3000):
        stripped = [
            "".join(rng.choice(("Lena ", "Ward", " ", "Mia Lund", "x", "中", "")) for _ in range(4))
            for _ in range(rng.randint(1, 12))
        ]
        page = roleboxes._Page(stripped)
        for name in names:
            assert page.lines_holding(name) == [j for j, t in enumerate(stripped) if name in t]
            for i in range(len(stripped)):
                assert roleboxes._credited(stripped, i, name, page) == roleboxes._credited(
                    stripped, i, name
                )


def _counting(monkeypatch, module, name):
    asked: list[str] = []
    original = getattr(module, name)

    def counted(text, *args):
        asked.append(text)
        return original(text, *args)

    monkeypatch.setattr(module, name, counted)
    return asked


PROSE = (
    "The council said the bus depot roof would be repaired before winter, and the work "
    "would not close the depot for more than two nights."
)


def test_a_page_of_prose_is_asked_about_its_flagged_lines_only(monkeypatch):
    """Each scan's costly test runs on the lines that may pass it, not on every line: a
    page of 300 prose lines and a few lines of each kind."""
    lines = [PROSE] * 300 + ["00:01:15", "Posts: 412", "Ingredients:", "1. Sortelha"]
    blocks, texts = _blocks(lines), list(lines)
    seconds = _counting(monkeypatch, transcripts, "seconds")
    field = _counting(monkeypatch, postblocks, "field_label")
    label = _counting(monkeypatch, entryfields, "label_of")
    intro = _counting(monkeypatch, introlists, "_intro")
    transcripts.may_hold(blocks)
    postblocks.field_lines(blocks)
    entryfields.field_labels(texts)
    introlists.intro_lines(texts)
    assert seconds == ["00:01:15", "1. Sortelha"]  # the lines that open with a figure
    assert field == ["00:01:15", "Posts: 412", "Ingredients:"]  # the lines with a colon
    assert label == ["00:01:15", "Posts: 412", "Ingredients:"]
    assert intro == ["Ingredients:"]  # the one line ending with a colon


def test_a_file_s_texts_are_counted_once(monkeypatch):
    """Round-ups, summary tables and outlines read one count of the texts."""
    made = []
    original = recurring.Recurring.of.__func__

    def counted(cls, texts):
        made.append(len(texts))
        return original(cls, texts)

    monkeypatch.setattr(recurring.Recurring, "of", classmethod(counted))
    lines = ["Read more", PROSE, "Read more", "✓", "✓", "Read more"] * 5
    classify._FileFacts.of(_blocks(lines), list(lines), Config())
    assert made == [len(lines)]


def test_a_block_is_read_by_its_text():
    """The flags of a block are those of its text."""
    lines = ["14:31", PROSE, "14:45", PROSE, "15:02", PROSE]
    blocks = _blocks(lines)
    assert linescan.line_flags(blocks) == linescan.line_flags(lines)
    assert linescan._line_flags(blocks) == linescan.line_flags(lines)
    assert edges.may_stamp(blocks)


def test_unicode_digits_read_as_the_regexes_read_them():
    """`\\d` of a str regex is a decimal digit (`str.isdecimal`), not `str.isdigit`: a
    superscript two opens no numbered item, an Arabic-Indic three does."""
    assert unicodedata.decimal("٣") == 3
    flags = linescan.line_flags(["²) Step", "٣) Step", "3) Step"])
    assert [bool(f & linescan.DECIMAL) for f in flags] == [False, True, True]
    assert [bool(f & linescan.STAMP) for f in flags] == [True, True, True]
    pages = [["٣. One", "٤. Two", "٥. Three"], ["². One", "³. Two", "¹. Three"]]
    for lines in pages:
        assert edges.numbered_lines(_blocks(lines)) == _numbered_lines(_blocks(lines))
