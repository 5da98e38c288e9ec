"""The few lines of a file that a per-file scan must look at, told in one pass in C.

Most of `classify._FileFacts`' scans ask one cheap question of every line ("does it hold a
colon?", "does it open with a figure?") and a costlier one (a regex, a word count) of the
few lines that pass. Asked in Python, the cheap question alone was a call, a slice or a
method a line, some 1,000 instructions, on every line of every file, for the few lines
of a few files that have what the scan looks for. `line_flags` answers all of them for a
file's lines in one pass in C (`core/_filefacts.c`), a byte a line, and `lines_with` picks
the lines whose byte holds a flag; each scan then asks its own question of those lines
only, so its answer is the one it gave when it asked every line.

Each flag is exactly the Python test written beside it (the C reads the characters with
the predicates of Python's own str methods); without the extension, `_line_flags` runs
those tests (`tests/test_linescan.py` holds the two together).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

try:  # the pass in C (optional: see core/_filefacts.c)
    from . import _filefacts
except ImportError:
    _filefacts = None

from .prose import text_end

if TYPE_CHECKING:
    from .model import Block

COLON = 1  # ":" in text
TIME = 4  # text[:1] in "0123456789[( \t"
STAMP = 8  # text[:1].isdigit() or text[:1].isspace()
COUNTER = 16  # len(text) <= COUNTER_CHARS and (text[-1:].isdigit() or "/" in text)
DECIMAL = 32  # text[:1] is a decimal digit, as a str regex's `\d` reads it
QUESTION = 64  # text.rstrip().endswith(("?", "？", "؟"))
ENDS_COLON = 128  # prose.text_end(text).endswith((":", "："))
COUNTER_CHARS = 24
_TIME_FIRSTS = frozenset("0123456789[( \t")
_QUESTION_ENDS = ("?", "？", "؟")


def _flag(text: str) -> int:
    """A line's flags, in Python: each test as the flags above read."""
    first = text[:1]
    flags = 0
    if ":" in text:
        flags |= COLON
    if first in _TIME_FIRSTS:
        flags |= TIME
    if first.isdigit() or first.isspace():
        flags |= STAMP
    if len(text) <= COUNTER_CHARS and (text[-1:].isdigit() or "/" in text):
        flags |= COUNTER
    if first.isdecimal():
        flags |= DECIMAL
    if text.rstrip().endswith(_QUESTION_ENDS):
        flags |= QUESTION
    if text_end(text).endswith((":", "：")):
        flags |= ENDS_COLON
    return flags


def _line_flags(lines: Sequence[str | Block]) -> bytes:
    """`line_flags` in Python."""
    return bytes(_flag(line if isinstance(line, str) else line.text) for line in lines)


def _lines_with(flags: bytes, mask: int) -> list[int]:
    """`lines_with` in Python."""
    return [i for i, f in enumerate(flags) if f & mask]


def _opened_lines(texts: Sequence[str]) -> list[int]:
    """`opened_lines` in Python: the i >= 1 whose text starts with the text above it, that
    one not empty."""
    return [i for i in range(1, len(texts)) if texts[i - 1] and texts[i].startswith(texts[i - 1])]


line_flags: Callable[[Sequence[str | Block]], bytes] = (
    _line_flags if _filefacts is None else _filefacts.line_flags
)
lines_with: Callable[[bytes, int], list[int]] = (
    _lines_with if _filefacts is None else _filefacts.lines_with
)
opened_lines: Callable[[Sequence[str]], list[int]] = (
    _opened_lines if _filefacts is None else _filefacts.opened_lines
)
