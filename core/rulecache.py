"""What preparing the rule packs derives from their patterns, kept across processes.

Before its first line is classified, a run parses every pattern of its packs (the facts
`rules._facts` reads: width, key words, finite language, risks) and compiles the combined
regexes, some 80,000 characters for English: `re`'s parser and compiler are pure Python,
and this was a third of the instructions of `copydesk clean ONE_FILE`. Both results are
plain data (the compiled program of a regex is a list of integers that `_sre` checks
when it builds the pattern), so they are kept in one file and read by later processes.

Safe by construction:
- The file's name is a hash of the Python build (`sys.version`, `_sre.MAGIC`) and of the
  source of the code that derives the data (`rules.py`, this module): another Python or
  another copydesk never reads it. Inside, every entry is keyed by its exact pattern
  string (and flags), so packs that change only miss.
- The file holds the sha256 of its body; a file that is unreadable, damaged or not what
  this module writes is ignored, and anything `_sre` refuses is compiled anew. A compiled
  pattern is equal (`==`: same pattern, flags and program) to what `re.compile` returns.
- It is written only by a process that derived something new, through `atomic_write`
  (temporary file and rename): a reader sees a whole file. Two processes writing at once:
  the last rename wins and the other's additions are derived again by a later run.
- A directory that cannot be written (read-only home) means no cache, silently.

Where: `$COPYDESK_CACHE_DIR`, else `$XDG_CACHE_HOME/copydesk`, else `~/.cache/copydesk`;
`COPYDESK_CACHE_DIR=` (empty) turns the cache off.
"""

from __future__ import annotations

import _sre
import contextlib
import hashlib
import marshal
import os
import re
import sys
from collections.abc import Callable
from functools import cache
from re import _compiler as _sre_compile
from re import _parser as _sre_parse
from typing import Any

FORMAT = 1
_TABLES = ("facts", "code")

_entries: dict[str, dict] | None = None
_dirty = False


def directory() -> str | None:
    """The cache directory, or None when the cache is off."""
    configured = os.environ.get("COPYDESK_CACHE_DIR")
    if configured is not None:
        return configured or None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "copydesk")


@cache
def _name() -> str | None:
    digest = hashlib.sha256(f"{FORMAT} {sys.version} {_sre.MAGIC}".encode())
    here = os.path.dirname(os.path.abspath(__file__))
    try:
        for module in ("rules.py", "rulecache.py"):
            with open(os.path.join(here, module), "rb") as fh:
                digest.update(fh.read())
    except OSError:
        return None  # no sources to key on (a frozen install): no cache
    return f"rules-{digest.hexdigest()[:24]}.bin"


def path() -> str | None:
    where, name = directory(), _name()
    return None if where is None or name is None else os.path.join(where, name)


def _load() -> dict[str, dict]:
    global _entries
    if _entries is None:
        _entries = {table: {} for table in _TABLES}
        where = path()
        if where is not None:
            try:
                with open(where, "rb") as fh:
                    data = fh.read()
                body = data[32:]
                if hashlib.sha256(body).digest() == data[:32]:
                    loaded = marshal.loads(body)
                    if isinstance(loaded, dict) and all(
                        isinstance(loaded.get(t), dict) for t in _TABLES
                    ):
                        _entries = {t: loaded[t] for t in _TABLES}
            except (OSError, ValueError, EOFError, TypeError):
                pass  # no file yet, or not one of ours: derive everything
    return _entries


def facts(pattern: str, derive: Callable[[str], tuple]) -> tuple:
    """`derive(pattern)` (a tuple of marshal-able values), remembered across processes."""
    global _dirty
    table = _load()["facts"]
    found = table.get(pattern)
    if found is None:
        found = table[pattern] = derive(pattern)
        _dirty = True
    return found


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, its program remembered across processes."""
    global _dirty
    table = _load()["code"]
    flags = int(flags)  # a RegexFlag is an int subclass, which marshal refuses
    key = (pattern, flags)
    entry = table.get(key)
    if entry is not None:
        try:
            return _sre.compile(pattern, *entry)
        except Exception:  # a program `_sre` refuses: compile it anew
            del table[key]
    try:
        # What re._compiler.compile does, keeping the program it builds.
        parsed = _sre_parse.parse(pattern, flags)
        # Plain ints: the compiler's opcodes are an int subclass, which marshal refuses.
        code = list(map(int, _sre_compile._code(parsed, flags)))
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[Any] = [None] * parsed.state.groups
        for name, number in groupindex.items():
            indexgroup[number] = name
        entry = (flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex,
                 tuple(indexgroup))
        compiled = _sre.compile(pattern, *entry)
    except Exception:  # another Python's internals: no cache for it
        return re.compile(pattern, flags)
    table[key] = entry
    _dirty = True
    return compiled


def save() -> None:
    """Write the file if this process derived something new (see the module's notes)."""
    global _dirty
    if not _dirty:
        return
    _dirty = False
    where = path()
    if where is None or _entries is None:
        return
    from .write import OutputError, atomic_write

    try:
        body = marshal.dumps(_entries)
    except ValueError:  # a value marshal cannot write: this process keeps its own
        return
    # A cache directory that cannot be written: run without one.
    with contextlib.suppress(OutputError):
        atomic_write(where, hashlib.sha256(body).digest() + body)
