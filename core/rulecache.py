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

Bounded: entries differ with the packs and a user's own patterns, so a file that only grew
would, over months of runs with other configurations, be read whole by every process (at
15 MB, some 60 MB of memory before the first line). A writing process merges what the file
holds now with what it derived, stamps the entries it used with the file's next
generation, and keeps, within `LIMIT` bytes, those used most recently (its own always).
Programs are kept as packed bytes and made lists only when a pattern is compiled: reading
the file costs a copy, not a million integer objects. A file of another Python or an older
copydesk (its own name) that no run has written for `STALE_DAYS` days is removed.

Other modules compile their patterns with large classes of characters here too (the
letters and combining marks of `words.py` and `fingerprint.py`, repair's triggers, the
scripts without spaces): `re`'s compiler fills a class's bitmap of the whole Basic
Multilingual Plane a character at a time in Python, and those module-level compiles were
some 90 ms of every process's start (HISTORY, session 31, gate35). Their programs are
keyed by pattern and flags like the rules'.

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
import time
from array import array
from collections.abc import Callable
from functools import cache
from re import _compiler as _sre_compile
from re import _parser as _sre_parse
from typing import Any

FORMAT = 2
_TABLES = ("facts", "code")
LIMIT = 16 * 1024 * 1024  # bytes of entries a file keeps (the packs' own take about 5 MB)
STALE_DAYS = 30
# _sre's code words, packed: the array type of their size (None: no cache of programs).
_CODE_TYPE = next((t for t in "IL" if array(t).itemsize == _sre.CODESIZE), None)

_entries: dict[str, dict] | None = None
_used: dict[str, dict] = {table: {} for table in _TABLES}  # key -> generation last used
_generation = 0
_touched: dict[str, set] = {table: set() for table in _TABLES}
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
    digest = hashlib.sha256(f"{FORMAT} {sys.version} {_sre.MAGIC} {sys.byteorder}".encode())
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


def _read(where: str) -> tuple[dict[str, dict], dict[str, dict], int] | None:
    """The entries, their last-use generations and the generation of the file at `where`;
    None when there is no such file or it is not one this module wrote whole."""
    try:
        with open(where, "rb") as fh:
            data = fh.read()
        body = data[32:]
        if hashlib.sha256(body).digest() != data[:32]:
            return None
        loaded = marshal.loads(body)
        if not (
            isinstance(loaded, dict)
            and isinstance(loaded.get("generation"), int)
            and all(isinstance(loaded.get(t), dict) for t in _TABLES)
            and all(isinstance(loaded.get("used", {}).get(t), dict) for t in _TABLES)
        ):
            return None
        return ({t: loaded[t] for t in _TABLES}, {t: loaded["used"][t] for t in _TABLES},
                loaded["generation"])
    except (OSError, ValueError, EOFError, TypeError, AttributeError):
        return None  # no file yet, or not one of ours: derive everything


def _load() -> dict[str, dict]:
    global _entries, _used, _generation
    if _entries is None:
        _entries = {table: {} for table in _TABLES}
        where = path()
        found = None if where is None else _read(where)
        if found is not None:
            _entries, _used, _generation = found
    return _entries


def facts(pattern: str, derive: Callable[[str], tuple]) -> tuple:
    """`derive(pattern)` (a tuple of marshal-able values), remembered across processes."""
    global _dirty
    table = _load()["facts"]
    _touched["facts"].add(pattern)
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
    _touched["code"].add(key)
    entry = table.get(key)
    if entry is not None:
        try:
            flags_, packed, groups, groupindex, indexgroup = entry
            code = array(_CODE_TYPE, packed).tolist()  # type: ignore[arg-type]
            return _sre.compile(pattern, flags_, code, groups, groupindex, indexgroup)
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
        compiled = _sre.compile(pattern, flags | parsed.state.flags, code,
                                parsed.state.groups - 1, groupindex, tuple(indexgroup))
        packed = array(_CODE_TYPE, code).tobytes()  # type: ignore[arg-type]
    except Exception:  # another Python's internals: no cache for it
        return re.compile(pattern, flags)
    table[key] = (compiled.flags, packed, compiled.groups, groupindex, tuple(indexgroup))
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
        body = marshal.dumps(_merged(_read(where)))
    except ValueError:  # a value marshal cannot write: this process keeps its own
        return
    # A cache directory that cannot be written: run without one.
    with contextlib.suppress(OutputError):
        atomic_write(where, hashlib.sha256(body).digest() + body)
        _remove_stale(where)


def _merged(on_disk: tuple[dict[str, dict], dict[str, dict], int] | None) -> dict:
    """What to write: the file's entries as another process may have left them since this
    one read it, with this process's; the entries this process used stamped with the next
    generation; the least recently used left out beyond LIMIT."""
    assert _entries is not None
    entries = {t: dict(_entries[t]) for t in _TABLES}
    used = {t: dict(_used[t]) for t in _TABLES}
    generation = _generation
    if on_disk is not None:
        theirs, their_used, their_generation = on_disk
        generation = max(generation, their_generation)
        for t in _TABLES:
            for key, value in theirs[t].items():
                entries[t].setdefault(key, value)
                used[t][key] = max(used[t].get(key, 0), their_used[t].get(key, 0))
    generation += 1
    for t in _TABLES:
        for key in _touched[t]:
            if key in entries[t]:
                used[t][key] = generation
    # Most recently used first, ties by key: the same entries give the same file.
    order = sorted(((-used[t].get(key, 0), i, key) for i, t in enumerate(_TABLES)
                    for key in entries[t]))
    kept: dict[str, dict] = {t: {} for t in _TABLES}
    size = 0
    for minus_generation, i, key in order:
        t = _TABLES[i]
        value = entries[t][key]
        grown = size + len(marshal.dumps((key, value)))
        if grown > LIMIT and -minus_generation < generation:
            continue  # not used by this process and past the limit: derived again if needed
        kept[t][key] = value
        size = grown
    return {"generation": generation, **kept,
            "used": {t: {key: used[t].get(key, 0) for key in kept[t]} for t in _TABLES}}


def _remove_stale(where: str) -> None:
    """Remove the cache files of other Pythons and older copydesks that no run has written
    for STALE_DAYS days (each has its own name, so nothing else would ever remove them)."""
    directory_, own = os.path.split(where)
    cutoff = time.time() - STALE_DAYS * 86400
    try:
        names = os.listdir(directory_)
    except OSError:
        return
    for name in names:
        if name == own or not (name.startswith("rules-") and name.endswith(".bin")):
            continue
        other = os.path.join(directory_, name)
        with contextlib.suppress(OSError):
            if os.stat(other).st_mtime < cutoff:
                os.unlink(other)
