"""The file facts that gate session 28's passes, taken without a step for every line
(session 29, byte-identical): a match report's line-ups (`lineups.may_hold`) and a code
listing's numbers (`code.may_number`, once per file). Each gives the answer that asking
every line gives, and asks fewer lines; classifying whole pages with the old way of asking
gives the same verdicts."""

from __future__ import annotations

import random
from itertools import pairwise
from pathlib import Path

from copydesk.core import classify, code, context, lineups
from copydesk.core.model import Block, Label, Verdict

# Invented sides of an invented match, with their formations.
HOME = (
    "Harbour Town: Kessler; Okafor, Lind, de Vries, Amari; Brennan, Solberg, Mateo; "
    "Ilunga, Varga, Novak"
)
AWAY = (
    "Riverside (4-3-3): Ferraz; Holt, Nakamura, van Aalst, Petrov; Quaye, Lindqvist, "
    "Moreau; Adeyemi, Castro, Berg"
)
PROSE = (
    "The visitors pressed early and took the lead before the break, when their captain "
    "headed in a corner at the near post."
)
POOL = [
    HOME,
    AWAY,
    PROSE,
    "Line-ups",
    "Share this",
    "The coach was pleased; the fans were not; the board said nothing.",  # a sentence
    "Tags: Harbour, Riverside, cup; league; friendly, youth",  # a tag list
    "One semicolon; then words.",
    "Kessler; Okafor, Lind",  # a side too short
    "",
]


def _blocks(lines: list[str]) -> list[Block]:
    return [Block(n + 1, n + 1, n + 1, text) for n, text in enumerate(lines)]


def _every_line_asked(blocks: list[Block]) -> bool:
    """`may_hold` as session 28 wrote it: `_side` of every line, then two in a row."""
    sides = [lineups._side(block.text) for block in blocks]
    return any(a and b for a, b in pairwise(sides))


def test_line_ups_are_found_as_when_every_line_is_asked():
    rng = random.Random(29)
    found = 0
    for _ in range(3000):
        lines = [rng.choice(POOL) for _ in range(rng.randint(0, 9))]
        blocks = _blocks(lines)
        assert lineups.may_hold(blocks) == _every_line_asked(blocks), lines
        found += lineups.may_hold(blocks)
    assert found > 200
    assert lineups.may_hold(_blocks([PROSE, "Line-ups", HOME, AWAY]))
    assert not lineups.may_hold(_blocks([HOME, PROSE, AWAY]))  # not in a row


def test_only_lines_in_a_row_that_hold_a_semicolon_are_asked(monkeypatch):
    """A page of prose and chrome with the line-ups at its end: `_side` reads the two sides
    and nothing else (session 28 read every line of every file)."""
    asked: list[str] = []
    side = lineups._side

    def counted(text: str) -> bool:
        asked.append(text)
        return side(text)

    monkeypatch.setattr(lineups, "_side", counted)
    lines = [PROSE, "Share this", "One semicolon; then words.", PROSE] * 50 + [HOME, AWAY]
    assert lineups.may_hold(_blocks(lines))
    assert asked == [HOME, AWAY]
    asked.clear()
    assert not lineups.may_hold(_blocks([PROSE, "Share this"] * 100))
    assert asked == []


def _each_line_opens(texts: list[str]) -> bool:
    return any(text.startswith("1 2") for text in texts)


def test_a_listings_numbers_open_a_line_as_when_each_line_is_asked():
    cases = [
        [],
        ["1 2 3 4"],
        ["1 2"],
        ["Here is the script:", "1 2 3", "import sys print(sys.argv)"],
        ["Page 1 2 3", "x1 2", " 1 2 3"],  # inside a line, after a space: no
        ["1 20 300", "12 3"],
        ["1  2", "1\t2", "1 2\u00a03"],
    ]
    rng = random.Random(7)
    pool = ["1 2 3", "1 2", "11 2", " 1 2", "a 1 2", "Next", PROSE, "", "2 1"]
    cases += [[rng.choice(pool) for _ in range(rng.randint(0, 6))] for _ in range(500)]
    for texts in cases:
        assert code.may_number(texts) == _each_line_opens(texts), texts


CODE_PAGE = [
    PROSE,
    "Then edit the file as follows:",
    "server {",
    "listen 80;",
    "}",
    "```bash",
    "make install",
    "```",
    "| Team | Points |",
    "| --- | --- |",
    "| Harbour Town | 30 |",
    PROSE,
]


def test_no_subset_of_a_file_without_a_listings_numbers_is_searched_for_them(monkeypatch):
    """The pass over code blocks, told that no line of the file opens as a listing's
    numbers do, finds the blocks it finds when it looks on each pass, without a look."""
    calls = []
    may_number = code.may_number

    def counted(texts):
        calls.append(len(texts))
        return may_number(texts)

    monkeypatch.setattr(code, "may_number", counted)
    rng = random.Random(11)
    assert not may_number(CODE_PAGE)
    for _ in range(200):
        rows = sorted(rng.sample(range(len(CODE_PAGE)), rng.randint(1, len(CODE_PAGE))))
        told = [Verdict(Label.BOILERPLATE, "line-model", "") for _ in CODE_PAGE]
        looked = list(told)
        calls.clear()
        changed = context.code_blocks(CODE_PAGE, told, rows, True, False)
        assert calls == []
        assert context.code_blocks(CODE_PAGE, looked, rows) == changed
        assert calls  # (the default looks)
        assert told == looked
    # With a listing's numbers in the file, each subset is looked at as before.
    listing = ["Run this:", "1 2 3", "import os print(os.getcwd()) print('done')", PROSE]
    rows = [0, 1, 2, 3]
    verdicts = [Verdict(Label.BOILERPLATE, "line-model", "") for _ in listing]
    again = list(verdicts)
    assert context.code_blocks(listing, verdicts, rows, True, True) == context.code_blocks(
        listing, again, rows
    )
    assert verdicts == again


def test_pages_classify_alike_with_each_pass_looking_for_a_listings_numbers(monkeypatch):
    """The samples, the numbered listings' page and pages of earlier rounds get the same
    verdicts when the code pass looks for a listing's numbers among the lines in play on
    every pass, as session 28 did, as with the file's fact (`_FileFacts.gutters`)."""
    from copydesk.core.analyze import load
    from copydesk.core.config import Config
    from copydesk.core.model import Source

    root = Path(__file__).resolve().parent
    pages = sorted((root.parent / "samples").glob("*.txt"))
    pages += sorted((root / "fixtures" / "listings").glob("*.txt"))
    pages += sorted((root / "fixtures" / "kinds15").glob("sw-mechi-*.txt"))
    pages = [p for p in pages if not p.name.endswith(".clean.txt")]
    assert len(pages) >= 10
    config = Config()
    files = [
        load(Source(display=p.name, relpath=p.name, path=str(p)), config).blocks
        for p in pages
    ]
    facts = [
        classify._FileFacts.of(b, [x.text for x in b], config).gutters for b in files
    ]
    assert any(facts) and not all(facts)  # the listings' page has them, the samples not
    with_fact = [r.verdicts for r in classify.Classifier(config).classify_many(files)]
    code_blocks = context.code_blocks
    monkeypatch.setattr(
        context, "code_blocks", lambda t, v, r, possible=True, numbered=True: code_blocks(
            t, v, r, possible
        )
    )
    looking = [r.verdicts for r in classify.Classifier(config).classify_many(files)]
    assert with_fact == looking
