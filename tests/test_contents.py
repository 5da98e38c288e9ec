"""A table of contents at an article's top goes, found by its items coming back below as
the article's headings; the headings stay where they stand."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from copydesk.cli.app import app
from copydesk.core.contents import contents_lines, lines_of

FIXTURES = Path(__file__).parent / "fixtures" / "contents"
PROSE = "The river rose all night, and by morning the lower road was closed to traffic."


def _found(texts: list[str], kept: list[bool] | None = None) -> list[int]:
    lines = lines_of(texts)
    kept = kept or [True] * len(texts)
    visible = [i for i, up in enumerate(kept) if up]
    return [] if lines is None else contents_lines(lines, kept, visible)


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize(
    ("name", "title", "items"),
    [
        ("rooftop-bees-en.txt", "Contents", ["Choosing the hive", "Harvesting the honey"]),
        ("kachelofen-de.txt", "Inhaltsverzeichnis", ["Den Zustand prüfen", "Das erste Feuer"]),
    ],
)
def test_the_list_goes_and_the_headings_stay(tmp_path, name, title, items):
    shutil.copy(FIXTURES / name, tmp_path / name)
    out = _run("clean", str(tmp_path / name))
    lines = out.splitlines()
    assert title not in lines
    for item in items:
        # Once, where the section starts, with its prose after it: not the list's copy.
        assert sum(line.endswith(item) for line in lines) == 1
        assert item in lines
        below = lines[lines.index(item) + 1 :]
        assert any(len(line.split()) > 15 for line in below[:2])
    (tmp_path / "again.txt").write_text(out)
    assert _run("clean", str(tmp_path / "again.txt")) == out


def test_explain_names_the_table_of_contents():
    shown = _run("explain", str(FIXTURES / "rooftop-bees-en.txt")).splitlines()
    line = next(k for k, text in enumerate(shown) if "1. Choosing the hive" in text)
    assert "contents" in shown[line]


def test_items_named_again_with_prose_between_are_a_table_of_contents():
    texts = [
        "In this article", "1. Rising water", "2. The closed road", "3. What comes next",
        PROSE, "Rising water", PROSE, "The closed road", PROSE, "What comes next", PROSE,
    ]
    assert _found(texts) == [0, 1, 2, 3]


def test_cells_repeated_without_prose_between_are_not():
    # A table's labels repeated lower down (a second table): no prose between the copies.
    texts = [
        PROSE, "Monday easy run", "Tuesday rest day", "Wednesday long run", PROSE,
        "Monday easy run", "Tuesday rest day", "Wednesday long run", PROSE,
    ]
    assert _found(texts) == []


def test_two_items_or_items_out_of_order_are_not():
    two = ["Rising water", "The closed road", PROSE, "Rising water", PROSE, "The closed road"]
    assert _found(two) == []
    shuffled = [
        "Rising water", "The closed road", "What comes next", PROSE,
        "What comes next", PROSE, "Rising water", PROSE, "The closed road", PROSE,
    ]
    assert _found(shuffled) == []


def test_lines_already_removed_are_not_items():
    texts = [
        "Rising water", "The closed road", "What comes next", PROSE,
        "Rising water", PROSE, "The closed road", PROSE, "What comes next", PROSE,
    ]
    kept = [True] * len(texts)
    kept[1] = False
    assert _found(texts, kept) == []


def test_items_named_again_inside_other_lists_are_not():
    # A product's pros listed again among another product's: no section's prose under them.
    texts = [
        "Light frame", "Long warranty", "Quiet motor", PROSE,
        "Light frame", "Small tank", "Loud fan", PROSE,
        "Long warranty", "Heavy base", "No case", PROSE,
        "Quiet motor", "Short cable", "Few settings", PROSE,
    ]
    assert _found(texts) == []


def test_a_removed_line_between_items_does_not_split_the_list():
    # A second run no longer sees the share button between two items: the list is whole
    # there, so it must be whole on the first run too (cleaning clean text changes nothing).
    texts = [
        "Contents", "Rising water", "Share", "The closed road", "What comes next", PROSE,
        "Rising water", PROSE, "The closed road", PROSE, "What comes next", PROSE,
    ]
    kept = [True] * len(texts)
    kept[2] = False
    assert _found(texts, kept) == [0, 1, 3, 4]


def _reference_contents_lines(lines, kept, visible):
    """`contents_lines` as it walked every line in play on every pass (before session 26):
    what the walk from each item whose key a heading holds must find."""
    import bisect

    from copydesk.core.contents import MAX_ITEMS, MIN_ITEMS, OPENS_WITHIN

    position = bisect.bisect_right
    headings: dict[str, list[int]] = {}
    for i in lines.repeated:
        if kept[i]:
            at = position(visible, i)
            if any(lines.prose[j] for j in visible[at : at + OPENS_WITHIN]):
                headings.setdefault(lines.keys[i], []).append(i)
    if not headings:
        return []
    n = len(kept)
    shown = [False] * n
    for i in visible:
        shown[i] = True
    prose_before = [0] * (n + 1)
    for i in range(n):
        prose_before[i + 1] = prose_before[i] + (shown[i] and lines.prose[i])
    found: list[int] = []
    start = 0
    while start < len(visible):
        run: list[int] = []
        heads: list[int] = []
        k = start
        while k < len(visible) and lines.keys[visible[k]] and len(run) < MAX_ITEMS:
            item = visible[k]
            places = headings.get(lines.keys[item], [])
            at = position(places, max(heads[-1], item) if heads else item)
            head = places[at] if at < len(places) else None
            if head is None or (heads and prose_before[head] == prose_before[heads[-1] + 1]):
                break
            run.append(item)
            heads.append(head)
            k += 1
        if len(run) >= MIN_ITEMS and heads[0] > run[-1]:
            if start > 0 and lines.titles[visible[start - 1]]:
                found.append(visible[start - 1])
            found.extend(run)
            start = k
        else:
            start += 1
    return found


def _random_contents_page(rng) -> tuple[list[str], list[bool], list[int]]:
    """A table of contents over its sections, then perturbed: items and headings dropped,
    moved or doubled, prose missing, other lines between, lines removed and out of play
    (every shape the walk meets, lists found and lists broken)."""
    names = [f"Section number {k}" for k in range(rng.randint(1, 8))]
    texts: list[str] = []
    for _ in range(rng.randint(0, 2)):
        texts.append(rng.choice(["Share", "Advertisement", PROSE]))
    if rng.random() < 0.7:
        texts.append(rng.choice(["Contents", "In this article", "Jump to"]))
    for k, name in enumerate(names):
        texts.append(f"{k + 1}. {name}" if rng.random() < 0.5 else name)
    for name in names:
        texts.append(name)
        texts.extend([PROSE] * rng.choice([0, 1, 1, 2]))
    for _ in range(rng.randint(0, 4)):
        k = rng.randrange(len(texts) + 1)
        kind = rng.random()
        if kind < 0.3 and texts:
            del texts[min(k, len(texts) - 1)]
        elif kind < 0.6:
            texts.insert(k, rng.choice(names))
        elif kind < 0.8:
            texts.insert(k, PROSE)
        else:
            texts.insert(k, rng.choice(["Related", "Contents", names[0] + " again"]))
    kept = [rng.random() < 0.9 for _ in texts]
    rows = [i for i in range(len(texts)) if rng.random() < 0.93]
    visible = [i for i in rows if kept[i] or rng.random() < 0.3]
    return texts, kept, visible


def test_the_walk_from_items_a_heading_names_finds_what_the_walk_over_every_line_found():
    import random

    rng = random.Random(26)
    checked = found = 0
    for _ in range(6000):
        texts, kept, visible = _random_contents_page(rng)
        lines = lines_of(texts)
        if lines is None:
            continue
        expected = _reference_contents_lines(lines, kept, visible)
        assert contents_lines(lines, kept, visible) == expected, (texts, kept, visible)
        checked += 1
        found += bool(expected)
    assert checked > 3000 and found > 300  # the pages hold lists, not only their absence
