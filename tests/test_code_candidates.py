"""Code blocks looked for only at the lines where one may open (session 30, byte-identical):
`code.find_blocks` and `code.may_hold_blocks` read the lines `code._candidates` names (in C
where `_filefacts` was built) instead of testing every line of the page in Python. Each
finds what the step a line found, on random pages of fences, pipes, listing numbers,
colons and code ends, and on every page of the samples and fixtures; the C scan names the
lines its Python twin names; a page of prose with one sample is asked about two lines."""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

import pytest

from copydesk.core import code

try:
    from copydesk.core import _filefacts
except ImportError:  # not built here: the Python twin runs
    _filefacts = None

HERE = Path(__file__).parent
needs_c = pytest.mark.skipif(_filefacts is None, reason="_filefacts is not built")

# Pieces a page of code, tables and prose is made of, and the characters the scans read
# differently: other spaces (str.strip's), the full-width colon, an empty line.
PIECES = [
    "```",
    "```bash",
    "~~~",
    "~~~~ python",
    "`` not a fence",
    "| a | b |",
    "| 1 | 2 |",
    "|---|---|",
    "| x |",
    "1 2 3 4",
    "1 2",
    "1 2 3 Next",
    "1 ",
    "server {",
    "listen 80;",
    "}",
    "});",
    "f(){ g(); }",
    "a, b,",
    "]",
    "with the following contents:",
    "Einstellungen：",
    "Note:   ",
    "The council met on Tuesday and agreed the budget.",
    "",
    " ",
    "\u3000}\u3000",
    "\u00a0|\u00a0a | b |",
    "\t```\t",
    "\u2028;",
    "x",
]


def _every_line(texts: Sequence[str], numbered: bool | None = None) -> list[code.CodeBlock]:
    """`find_blocks` as session 29 wrote it: each shape tested at every line in turn."""
    found: list[code.CodeBlock] = []
    if numbered is None:
        numbered = code.may_number(texts)
    pos = 0
    while pos < len(texts):
        block = code._block_at(texts, pos, numbered)
        if block is not None:
            found.append(block)
            pos = block.end
            continue
        pos += 1
    return found


def _may_hold_every_line(texts: Sequence[str], numbered: bool | None = None) -> bool:
    """`may_hold_blocks` as session 29 wrote it: a step a line."""
    if numbered is None:
        numbered = code.may_number(texts)
    if numbered and any(code.is_gutter(t) for t in texts if t[:2] == "1 "):
        return True
    introduced = False
    for line in texts:
        text = line.strip()
        if text[:3] in ("```", "~~~") or text[:1] == "|":
            return True
        if introduced and text[-1:] in code._CODE_ENDS and code._CODE_LINE.fullmatch(text):
            return True
        introduced = introduced or line.rstrip().endswith(code._INTRO_END)
    return False


def _python_candidates(monkeypatch, texts, numbered, sticky) -> list[int]:
    with monkeypatch.context() as patched:
        patched.setattr(code, "_filefacts", None)
        return code._candidates(texts, numbered, sticky)


def _random_page(rng: random.Random) -> list[str]:
    lines = []
    for _ in range(rng.randint(0, 14)):
        piece = rng.choice(PIECES)
        if rng.random() < 0.2:
            piece = rng.choice(("", " ", "\t", "\u00a0")) + piece + rng.choice(("", " ", "\u3000"))
        lines.append(piece)
    return lines


def _fixture_pages() -> list[list[str]]:
    paths = sorted((HERE.parent / "samples").glob("*.txt"))
    paths += sorted((HERE / "fixtures").rglob("*.txt"))
    return [path.read_text(encoding="utf-8", errors="replace").split("\n") for path in paths]


def test_blocks_are_found_as_when_every_line_is_tested():
    rng = random.Random(30)
    kinds = set()
    for _ in range(4000):
        page = _random_page(rng)
        for numbered in (None, False, True):
            found = code.find_blocks(page, numbered)
            assert found == _every_line(page, numbered), page
            kinds.update(block.what for block in found)
            assert code.may_hold_blocks(page, numbered) == _may_hold_every_line(page, numbered)
    # The random pages hold every shape, so the comparison covers each branch.
    assert kinds == {"code block", "Markdown table", "numbered listing"}


def test_blocks_of_the_samples_and_fixtures_are_found_as_before():
    pages = _fixture_pages()
    assert len(pages) > 100
    held = 0
    for page in pages:
        assert code.find_blocks(page) == _every_line(page)
        assert code.may_hold_blocks(page) == _may_hold_every_line(page)
        held += code.may_hold_blocks(page)
    assert held  # the listings' and tables' pages among them


@needs_c
def test_the_c_scan_names_the_lines_its_python_twin_names(monkeypatch):
    rng = random.Random(31)
    pages = [_random_page(rng) for _ in range(3000)] + _fixture_pages()
    odd = "".join(chr(c) for c in range(0x2000, 0x2010)) + "\x1c\x1d\x85\u3000\ufeff\U0001f600"
    pages += [[rng.choice(odd) + rng.choice(PIECES) + rng.choice(odd)] * 3 for _ in range(300)]
    for page in pages:
        for numbered in (False, True):
            for sticky in (False, True):
                assert _filefacts.code_candidates(page, numbered, sticky) == _python_candidates(
                    monkeypatch, page, numbered, sticky
                ), (page, numbered, sticky)


@needs_c
def test_the_c_scan_refuses_what_is_not_a_list_of_texts():
    with pytest.raises(TypeError):
        _filefacts.code_candidates(["a", 3], False, False)
    with pytest.raises(TypeError):
        _filefacts.code_candidates(["a"], False)


def test_a_page_of_prose_is_asked_about_the_lines_that_may_open_a_block(monkeypatch):
    prose = "The council met on Tuesday and agreed the budget for the coming year."
    page = [prose] * 120 + ["Save it as nginx.conf, with the following contents:"]
    page += ["server {", "listen 80;", "}"] + [prose] * 80
    asked: list[int] = []
    at = code._block_at

    def spy(texts, pos, numbered):
        asked.append(pos)
        return at(texts, pos, numbered)

    monkeypatch.setattr(code, "_block_at", spy)
    found = code.find_blocks(page)
    assert found == [code.CodeBlock(121, 124, False)]
    # The first code line, under the colon; the two inside the block are passed over.
    assert asked == [121]
