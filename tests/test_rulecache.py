"""The rule cache (core/rulecache.py): what a later process reads from it is what it
would have derived itself, and a cache that is damaged, unwritable or off changes
nothing but the time a run takes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLES, run_copydesk, tree_digest

LINES = [
    "Read more: council approves the new bus depot",
    "Updated on Tuesday 4 March 2025, 10:32 am",
    "By Jane Example | March 4, 2025",
    "Photo: Sam Invented/Getty Images",
    "Sign up for our newsletter to get the latest news",
    "Lire aussi : le conseil vote le budget",
    "The council met on Tuesday, and the vote on the depot was close, members said.",
]
COUNTS = (1, 3, 7, 9, 13, 15, 17, 25, 41, 100)


def _derive(languages: tuple[str, ...]):
    """In a fresh process (the cache directory from the environment): the hits of a rule
    set on LINES, its compiled regexes, and the facts of its patterns."""
    code = f"""
import pickle, sys
from copydesk.core import rules
from copydesk.core.classify import VALIDATORS
from copydesk.core.rules import RuleSet, trim
rs = RuleSet({languages!r})
hits = [[(k, h.rule.id, h.value, h.end, h.start) for k, h in rs.match(trim(line), n, VALIDATORS)]
        for line in {LINES!r} for n in {COUNTS!r}]
regexes = sorted((p.pattern, p.flags, p.groups, sorted(p.groupindex.items()))
                 for p in [v[0] for v in rs._compiled.values() if v is not None])
facts = sorted((r.pattern, rules._facts(r.pattern)) for r in rs.rules)
from copydesk.core import rulecache
rulecache.save()
sys.stdout.buffer.write(pickle.dumps((hits, regexes, facts)))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
    import pickle

    return pickle.loads(done.stdout)


def _cache_file(where: Path) -> Path:
    files = list(where.glob("rules-*.bin"))
    assert len(files) == 1, files
    return files[0]


@pytest.mark.parametrize("languages", [("en", "common"), ("fr", "en", "common")])
def test_a_warm_cache_gives_what_a_process_derives_alone(languages, tmp_path, monkeypatch):
    monkeypatch.setenv("COPYDESK_CACHE_DIR", "")
    alone = _derive(languages)
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(tmp_path))
    cold = _derive(languages)
    written = _cache_file(tmp_path).read_bytes()
    warm = _derive(languages)
    assert cold == alone
    assert warm == alone
    assert _cache_file(tmp_path).read_bytes() == written  # nothing new to write


def test_compiled_from_the_cache_equals_re_compile(tmp_path, monkeypatch):
    from copydesk.core import rulecache

    patterns = [(r"(?P<r0>read more\s*:)|(?P<r1>(?P<v1>\d{1,2}) (?:may|june))\Z", re.IGNORECASE),
                (r"(?=(a(?:bc|d)?))", 0), ("[\u0300-\u036f]+x", re.IGNORECASE)]
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(rulecache, "_entries", None)
    cold = [rulecache.compile(p, f) for p, f in patterns]
    rulecache.save()
    monkeypatch.setattr(rulecache, "_entries", None)  # a new process: read from the file
    warm = [rulecache.compile(p, f) for p, f in patterns]
    assert not rulecache._dirty  # every program came from the file
    for (p, f), a, b in zip(patterns, cold, warm, strict=True):
        # Pattern equality compares pattern, flags and the compiled program.
        assert a == re.compile(p, f) and b == re.compile(p, f)
        assert b.groupindex == re.compile(p, f).groupindex


@pytest.mark.parametrize("damage", ["flip", "truncate", "garbage", "empty"])
def test_a_damaged_cache_is_ignored_and_written_again(damage, tmp_path, monkeypatch):
    monkeypatch.setenv("COPYDESK_CACHE_DIR", "")
    alone = _derive(("en", "common"))
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(tmp_path))
    _derive(("en", "common"))
    cache = _cache_file(tmp_path)
    data = bytearray(cache.read_bytes())
    if damage == "flip":
        data[len(data) // 2] ^= 0x40
    elif damage == "truncate":
        data = data[: len(data) // 3]
    elif damage == "garbage":
        data = bytearray(b"\x00" * 32 + b"not a cache")
    else:
        data = bytearray()
    cache.write_bytes(bytes(data))
    assert _derive(("en", "common")) == alone
    assert _derive(("en", "common")) == alone
    assert cache.read_bytes() != bytes(data)  # derived again and written whole


def test_runs_are_the_same_with_a_cold_a_warm_a_broken_and_no_cache(tmp_path):
    digests = []
    unwritable = tmp_path / "a-file"
    unwritable.write_text("not a directory\n")
    for setting in ["", str(tmp_path / "cache"), str(tmp_path / "cache"), str(unwritable)]:
        out = tmp_path / "out"
        done = run_copydesk(["clean", SAMPLES, "--out", out, "--report", tmp_path / "r.json"],
                            env={"COPYDESK_CACHE_DIR": setting})
        assert done.returncode == 0, done.stderr
        assert done.stderr == b""
        digests.append((tree_digest(out), (tmp_path / "r.json").read_bytes()))
    assert all(d == digests[0] for d in digests)
    assert list((tmp_path / "cache").glob("rules-*.bin"))
    assert unwritable.read_text() == "not a directory\n"


def test_the_cache_goes_where_the_environment_says(tmp_path, monkeypatch):
    from copydesk.core import rulecache

    monkeypatch.setenv("COPYDESK_CACHE_DIR", "")
    assert rulecache.path() is None
    monkeypatch.delenv("COPYDESK_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert Path(rulecache.path()).parent == tmp_path / "xdg" / "copydesk"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert Path(rulecache.path()).parent == tmp_path / "home" / ".cache" / "copydesk"
    # Another Python or another copydesk: another file.
    assert os.path.basename(rulecache.path()).startswith("rules-")


def _new_process(monkeypatch) -> None:
    """The module as a new process finds it: nothing read, used or derived yet."""
    from copydesk.core import rulecache

    monkeypatch.setattr(rulecache, "_entries", None)
    monkeypatch.setattr(rulecache, "_used", {t: {} for t in rulecache._TABLES})
    monkeypatch.setattr(rulecache, "_generation", 0)
    monkeypatch.setattr(rulecache, "_touched", {t: set() for t in rulecache._TABLES})
    monkeypatch.setattr(rulecache, "_dirty", False)


def _cached_patterns() -> set[str]:
    from copydesk.core import rulecache

    found = rulecache._read(rulecache.path())
    assert found is not None
    return {pattern for pattern, _flags in found[0]["code"]}


def _patterns(prefix: str, count: int) -> list[str]:
    return [rf"(?P<r0>{prefix} number {i}\s*:)|(?P<r1>\d{{1,2}} {prefix}{i})" for i in range(count)]


def test_two_processes_writing_at_once_keep_both_their_patterns(tmp_path, monkeypatch):
    from copydesk.core import rulecache

    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(tmp_path))
    first, second = _patterns("alpha", 3), _patterns("beta", 3)
    _new_process(monkeypatch)
    rulecache._load()  # both processes read the file before either writes
    state = rulecache._entries, rulecache._touched
    _new_process(monkeypatch)
    for p in second:
        rulecache.compile(p)
    rulecache.save()
    monkeypatch.setattr(rulecache, "_entries", state[0])
    monkeypatch.setattr(rulecache, "_touched", state[1])
    for p in first:
        rulecache.compile(p)
    rulecache.save()
    assert _cached_patterns() == set(first) | set(second)


def test_past_its_limit_the_file_keeps_what_was_used_last(tmp_path, monkeypatch):
    from copydesk.core import rulecache

    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(rulecache, "LIMIT", 2_500)  # room for about seven of these patterns
    runs = [_patterns(name, 4) for name in ("alpha", "beta", "gamma")]
    for patterns in runs:  # three configurations, one after the other
        _new_process(monkeypatch)
        for p in patterns:
            rulecache.compile(p)
        rulecache.save()
    kept = _cached_patterns()
    assert set(runs[2]) <= kept  # the last run's own patterns, always
    assert not set(runs[0]) & kept  # the oldest configuration's went first
    assert len(_cache_file(tmp_path).read_bytes()) < 2 * 2_500
    # What is left compiles to what re.compile gives, and a run that finds all it needs
    # writes nothing.
    _new_process(monkeypatch)
    for p in runs[2]:
        assert rulecache.compile(p) == re.compile(p)
    assert not rulecache._dirty


def test_stale_cache_files_of_other_versions_are_removed(tmp_path, monkeypatch):
    from copydesk.core import rulecache

    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(tmp_path))
    old, recent, other = (tmp_path / "rules-0ld.bin", tmp_path / "rules-recent.bin",
                          tmp_path / "notes.txt")
    for f in (old, recent, other):
        f.write_bytes(b"x")
    month_ago = os.path.getmtime(old) - 40 * 86400
    for f in (old, other):
        os.utime(f, (month_ago, month_ago))
    _new_process(monkeypatch)
    rulecache.compile(_patterns("delta", 1)[0])
    rulecache.save()
    assert not old.exists()
    assert recent.exists() and other.exists()  # in use lately, or not ours
    assert Path(rulecache.path()).exists()


def _compiled_anew(folder: Path) -> int:
    """In a fresh process: the regexes and pattern facts it derived itself (not read from
    the cache) while classifying the files of `folder` as one batch, as a worker does a
    chunk."""
    code = f"""
from pathlib import Path
from copydesk.core import rulecache
from copydesk.core.analyze import load
from copydesk.core.classify import Classifier
from copydesk.core.config import Config
from copydesk.core.model import Source
anew = 0
compile, facts = rulecache.compile, rulecache.facts
def compiled(pattern, flags=0):
    global anew
    anew += (pattern, int(flags)) not in rulecache._load()["code"]
    return compile(pattern, flags)
def derived(pattern, derive):
    global anew
    anew += pattern not in rulecache._load()["facts"]
    return facts(pattern, derive)
rulecache.compile, rulecache.facts = compiled, derived
config = Config()
files = sorted(Path({str(folder)!r}).rglob("*.txt"))
blocks = [load(Source(display=f.name, relpath=f.name, path=str(f)), config).blocks for f in files]
Classifier(config).classify_many(blocks)
print(anew)
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, text=True)
    return int(done.stdout.split()[-1])


def test_a_process_that_classifies_one_batch_leaves_what_it_compiled(tmp_path, monkeypatch):
    """A run of one chunk (a pre-commit check, a small cron run) writes what its passes
    compiled after the rule passes too (on the bench's scrapes, the date patterns the
    metadata's byline reader asks for): the next run derives nothing again."""
    pages = tmp_path / "pages"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "corpus.py"), str(pages), "--files", "20"],
        check=True, capture_output=True,
    )
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(tmp_path / "cache"))
    assert _compiled_anew(pages) > 0
    assert _compiled_anew(pages) == 0
