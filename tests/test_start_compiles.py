"""A process's start with a warm rule cache: copydesk's modules compile none of their patterns
with classes of characters beyond Latin-1 through `re` (whose compiler is pure Python and
fills such a class's bitmap a character at a time: some 90 ms of every start, a one-file
run's and each worker's, HISTORY session 31, gate35); the programs come from the cache, and
are the patterns `re` compiles."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

_SPY = r"""
import json, os, re, sys
from re import _parser
import copydesk.core
here = os.path.dirname(copydesk.core.__file__) + os.sep
skip = (os.sep + "re" + os.sep, here + "rulecache.py")
parsed = []
original = _parser.parse
def spy(p, flags=0, state=None):
    # Every compile parses its pattern first, `re.compile`'s and the rule cache's alike.
    if isinstance(p, str):
        frame = sys._getframe(1)
        while frame is not None and any(s in frame.f_code.co_filename for s in skip):
            frame = frame.f_back
        parsed.append((p, frame.f_code.co_filename if frame else ""))
    return original(p, flags, state)
_parser.parse = spy
import copydesk.core.pipeline  # every stage of a run
import copydesk.core.fingerprint as fingerprint, copydesk.core.words as words
words.letter_run()
from copydesk.core import rulecache
rulecache.save()
mine = [(p, f) for p, f in parsed if f.startswith(here)]
sys.stdout.write(json.dumps({"mine": mine,
                             "token": [fingerprint._TOKEN.pattern, fingerprint._TOKEN.flags]}))
"""


def _start(cache: str) -> dict:
    done = subprocess.run([sys.executable, "-c", _SPY], capture_output=True, check=True,
                          text=True, env={**os.environ, "COPYDESK_CACHE_DIR": cache})
    return json.loads(done.stdout)


def _wide(pattern: str) -> bool:
    """Whether `pattern` holds a class with a range of characters reaching beyond Latin-1,
    which `re`'s compiler turns into a bitmap of the whole plane in Python."""
    from re import _parser
    from re._constants import IN, RANGE

    def walk(items) -> bool:
        for op, av in items:
            if op is IN and any(kind is RANGE and high > 0xFF for kind, (_, high)
                                in ((k, v) for k, v in av if k is RANGE)):
                return True
            for value in av if isinstance(av, (list, tuple)) else ():
                if isinstance(value, _parser.SubPattern) and walk(value):
                    return True
                if isinstance(value, (list, tuple)) and any(
                    isinstance(v, _parser.SubPattern) and walk(v) for v in value
                ):
                    return True
        return False

    return walk(_parser.parse(pattern))


def test_a_warm_start_compiles_no_wide_class_with_re(tmp_path):
    cold = _start(str(tmp_path))
    # The first process compiles them (and writes the cache): the spy sees them.
    assert any(_wide(p) for p, _ in cold["mine"])
    warm = _start(str(tmp_path))
    assert [p for p, _ in warm["mine"] if _wide(p)] == []
    # What the cache holds is what `re` compiles.
    pattern, flags = warm["token"]
    from copydesk.core import fingerprint

    assert re.compile(pattern, flags) == fingerprint._TOKEN


def test_without_a_cache_every_start_compiles_them(tmp_path):
    # COPYDESK_CACHE_DIR= turns the cache off: nothing is kept, the patterns are the same.
    assert any(_wide(p) for p, _ in _start("")["mine"])
    assert any(_wide(p) for p, _ in _start("")["mine"])
