"""The combining marks' class (`words.marks`) and detection's word pattern come from the
rule cache in a later process: the same class and pattern as derived anew, without the
walk of the character database (a Python step for each of 64,000 code points) that every
process paid at import, nor `re`'s compile of the class."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

# A fresh process: the database's category look-ups made while copydesk is imported and
# detection's word pattern built, the class and the pattern it got, and what it compiled.
_PROBE = """
import json, re, sys, unicodedata
calls = 0
category = unicodedata.category
def counted(ch):
    global calls
    calls += 1
    return category(ch)
unicodedata.category = counted
from copydesk.core import fingerprint, language, rulecache, words
imported = calls
unicodedata.category = category
from re import _parser
compiled = []
parse = _parser.parse
_parser.parse = lambda p, flags=0, state=None: compiled.append(p) or parse(p, flags, state)
pattern = language.word_pattern()
_parser.parse = parse
rulecache.save()
json.dump({"calls": imported, "marks": words.marks(), "derived": words.derive_marks(),
           "pattern": pattern.pattern, "same": pattern == re.compile(pattern.pattern),
           "compiled": len(compiled)}, sys.stdout)
"""


def _probe(cache: str) -> dict:
    done = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True,
                          check=True, env={**os.environ, "COPYDESK_CACHE_DIR": cache})
    return json.loads(done.stdout)


def test_a_later_process_reads_the_marks_and_the_word_pattern_from_the_cache(tmp_path: Path):
    cold = _probe(str(tmp_path))
    warm = _probe(str(tmp_path))
    # The first process walks the database (every BMP code point from U+0300) ...
    assert cold["calls"] >= 0x10000 - 0x300
    # ... a later one takes the class from the cache, and compiles no word pattern.
    assert warm["calls"] < 1000
    assert cold["compiled"] >= 1 and warm["compiled"] == 0
    for run in (cold, warm):
        assert run["marks"] == run["derived"]
        assert run["same"]  # equal to re.compile: pattern, flags, program
    assert warm["marks"] == cold["marks"] and warm["pattern"] == cold["pattern"]


def test_without_a_cache_every_process_derives_the_same_class(tmp_path: Path):
    off = _probe("")
    on = _probe(str(tmp_path))
    assert off["calls"] >= 0x10000 - 0x300
    assert off["marks"] == off["derived"] == on["marks"]
    assert off["same"] and off["pattern"] == on["pattern"]


@pytest.mark.parametrize("stored", [(), (1,), ("a", "b"), (None,)])
def test_a_cached_value_that_is_not_a_class_is_derived_again(stored, monkeypatch):
    from copydesk.core import rulecache, words

    table = rulecache._load()["facts"]
    monkeypatch.setitem(table, words.MARKS_KEY, stored)
    words.marks.cache_clear()
    try:
        assert words.marks() == words.derive_marks()
    finally:
        words.marks.cache_clear()


def test_the_class_holds_every_combining_mark_of_the_plane_and_nothing_else():
    import unicodedata

    from copydesk.core import words

    pattern = re.compile(f"[{words.marks()}]")
    for cp in range(0x300, 0x10000, 7):
        ch = chr(cp)
        assert (pattern.fullmatch(ch) is not None) == (unicodedata.category(ch)[0] == "M"), cp
