"""The matching forms' digit table (`fingerprint._digit_table`: every decimal digit beyond
ASCII to its ASCII digit) comes from the rule cache in a later process: the same table as
derived anew, without the walk of the character database (a `unicodedata.decimal` call
for each of 64,000 code points) that every process paid the first time it met a token
beyond ASCII."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

# A fresh process: the database's digit look-ups made while the table is built, the table
# it got (as pairs), the table derived anew, and the matching form of invented tokens.
_PROBE = """
import json, sys, unicodedata
from copydesk.core import fingerprint, rulecache
calls = 0
decimal = unicodedata.decimal
def counted(ch, default=None):
    global calls
    calls += 1
    return decimal(ch, default)
unicodedata.decimal = counted
table = fingerprint._digit_table()
made = calls
unicodedata.decimal = decimal
rulecache.save()
tokens = ["\\u0663\\u0664", "\\u0968\\u0966\\u0968\\u096b", "\\uff17\\u0e52", "ab\\u09e7"]
json.dump({"calls": made, "table": sorted(table.items()),
           "derived": sorted(str.maketrans(*fingerprint.derive_digits()).items())
           if hasattr(fingerprint, "derive_digits") else None,
           "forms": [fingerprint.normalize_token(t) for t in tokens]}, sys.stdout)
"""


def _probe(cache: str) -> dict:
    done = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True,
                          check=True, env={**os.environ, "COPYDESK_CACHE_DIR": cache})
    return json.loads(done.stdout)


def _expected() -> list[list[int]]:
    """The table as the database gives it, read here without copydesk."""
    pairs = []
    for code in range(0x80, 0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        value = unicodedata.decimal(chr(code), None)
        if value is not None:
            pairs.append([code, ord(str(value))])
    return pairs


def test_a_later_process_reads_the_digit_table_from_the_cache(tmp_path: Path):
    cold = _probe(str(tmp_path))
    warm = _probe(str(tmp_path))
    # The first process walks the database (every BMP code point beyond ASCII) ...
    assert cold["calls"] >= 0x10000 - 0x80 - 0x800
    # ... a later one takes the table from the cache.
    assert warm["calls"] < 1000
    expected = _expected()
    for run in (cold, warm):
        assert run["table"] == expected and run["derived"] == expected
        # Arabic-Indic, Devanagari, fullwidth and Thai, Bengali digits match as ASCII.
        assert run["forms"] == ["34", "2025", "72", "ab1"]


def test_without_a_cache_every_process_derives_the_same_table(tmp_path: Path):
    off = _probe("")
    on = _probe(str(tmp_path))
    assert off["calls"] >= 0x10000 - 0x80 - 0x800
    assert off["table"] == on["table"] == _expected()
    assert off["forms"] == on["forms"]


@pytest.mark.parametrize(
    "stored", [(), ("0",), ("\u0660\u0661", "0"), (1, 2), ("\u0660", None), ("a", "b", "c")]
)
def test_a_cached_value_that_is_not_the_two_strings_is_derived_again(stored, monkeypatch):
    from copydesk.core import fingerprint, rulecache

    table = rulecache._load()["facts"]
    monkeypatch.setitem(table, fingerprint.DIGITS_KEY, stored)
    fingerprint._digit_table.cache_clear()
    try:
        assert sorted(fingerprint._digit_table().items()) == [tuple(p) for p in _expected()]
    finally:
        fingerprint._digit_table.cache_clear()
