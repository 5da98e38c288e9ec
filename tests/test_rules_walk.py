"""The rule pass's walk over a line's kinds in C (core/_rules.c) finds the hits of the Python
walk it stands for (`RuleSet._match_python`), kind by kind, on any line: random lines over
characters the regexes and the key-word gate read differently from ASCII (other spaces,
digits and capitals of other scripts, astral characters, curly quotes), lines made of every
pack's rules (their whole-line tables and key words, in the contexts around them), and the
lines of the samples and test fixtures; in every language's rule set."""

import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copydesk.core import keywords as keywords_mod
from copydesk.core import rules as rules_mod
from copydesk.core.classify import VALIDATORS
from copydesk.core.rules import RuleSet, available_languages, trim

try:
    from copydesk.core import _rules
except ImportError:  # not built here: the Python walk runs
    _rules = None

needs_c = pytest.mark.skipif(_rules is None, reason="the C rule walk is not built")
HERE = Path(__file__).parent
ODD = (
    " \t\x0b\x0c\x1c\x85\xa0\u1680\u2000\u2009\u202f\u3000\u200b\u200e\u200f"
    "0123456789٠٣९０\U0001d7ce²"
    "AZÉΩЖİıſ\u212aaézßωж\u0301東ภ"
    "-.,:;!?()[]|/@#&'’‘“”\"`´…→»•🙂\U0001f4f8"
)
ALPHABET = "abcdefghijklmnoprstuvwy  ABCDEFGHRS 0123 " + ODD


def _rule_sets() -> list[RuleSet]:
    # As the classifier builds them (`Classifier.ruleset`): the page's pack, then English
    # and the common pack.
    sets = [RuleSet(("en", "common"))]
    sets += [RuleSet((lang, "en", "common")) for lang in available_languages() if lang != "en"]
    return sets


RULE_SETS = _rule_sets()


def _hits(rules: RuleSet, text: str, python: bool) -> list:
    trimmed = trim(text)
    words = len(trimmed.split())
    walk = rules._match_python if python else rules.match
    return list(walk(trimmed, words, VALIDATORS))


def _same(rules: RuleSet, text: str) -> None:
    assert _hits(rules, text, False) == _hits(rules, text, True), repr(text)


def _random_line(rng: random.Random) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(0, rng.choice((6, 30, 90)))))


def _pack_phrases(rules: RuleSet) -> list[str]:
    """Text every rule of the set is made to see: the lines of its whole-line tables and the
    key words of its contains rules."""
    phrases: set[str] = set()
    for rule in rules.rules:
        phrases |= rules_mod._finite(rule.pattern) or set()
        phrases |= rules_mod._literals(rule.pattern) or set()
    return sorted(phrases)


def _in_contexts(phrase: str, rng: random.Random) -> list[str]:
    """A phrase alone and where rules meet it: before a value, after words, capitalized,
    with a date, with curly quotes, too long for a bucket."""
    tail = rng.choice(["John Smith", "12 March 2024", "5 hours ago", "the rest of it", "€ 99"])
    return [
        phrase,
        phrase.upper(),
        phrase.capitalize() + ":",
        f"{phrase}: {tail}",
        f"{phrase} {tail}",
        f"Some words before {phrase} and after",
        f"“{phrase}” {tail} ’s",
        f"» {phrase} | {tail}",
        f"{phrase} " + " ".join(["word"] * rng.choice((3, 12, 40))),
    ]


def _file_lines() -> list[str]:
    paths = sorted((HERE.parent / "samples").rglob("*.txt")) + sorted(
        (HERE / "fixtures").rglob("*.txt")
    )
    lines: set[str] = set()
    for path in paths:
        lines.update(path.read_text(encoding="utf-8", errors="replace").splitlines())
    return sorted(lines)


@needs_c
def test_the_c_walk_is_the_one_match_takes():
    # `match` must go through C where it is built: a walk that fell back to Python on every
    # line would pass every comparison below.
    calls = []
    real = rules_mod._rules

    class Spy:
        @staticmethod
        def line(*args):
            calls.append("line")
            return real.line(*args)

        @staticmethod
        def walk(*args):
            calls.append("walk")
            return real.walk(*args)

    rules_mod._rules = Spy
    try:
        assert _hits(RULE_SETS[0], "Read more: The council votes", False)
    finally:
        rules_mod._rules = real
    assert calls[0] == "line"


@needs_c
@pytest.mark.parametrize("rules", RULE_SETS, ids=lambda r: r.rules[0].language)
def test_as_python_on_every_packs_phrases_in_context(rules):
    rng = random.Random(7)
    phrases = _pack_phrases(rules)
    assert phrases
    hit = 0
    for phrase in phrases:
        for text in _in_contexts(phrase, rng):
            _same(rules, text)
            hit += bool(_hits(rules, text, True))
    assert hit > len(phrases)  # the lines do reach the rules


@needs_c
@pytest.mark.parametrize("seed", range(3))
def test_as_python_on_random_lines(seed):
    rng = random.Random(seed)
    for rules in RULE_SETS:
        for _ in range(400):
            _same(rules, _random_line(rng))


@needs_c
def test_as_python_on_sample_and_fixture_lines():
    lines = _file_lines()
    assert len(lines) > 1000
    for rules in RULE_SETS[:3]:
        for line in lines:
            _same(rules, line)


@needs_c
@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(ALPHABET), max_size=80))
def test_as_python_on_any_line(text):
    _same(RULE_SETS[0], text)


@needs_c
def test_as_python_when_the_key_words_are_scanned_in_python(monkeypatch):
    # Where `_keywords` is not built the gate is `Keywords.found` itself, called from C.
    monkeypatch.setattr(keywords_mod, "_keywords", None)
    rules = RuleSet(("fr", "en", "common"))
    rng = random.Random(3)
    for phrase in _pack_phrases(rules)[:300]:
        for text in _in_contexts(phrase, rng):
            _same(rules, text)


def _read_as_python(rules: RuleSet, text: str, words: int) -> None:
    """`_rules.line` reads a line as `RuleSet._prepare` does."""
    key, low, size, bucket, steps, first, digitless, found = _rules.line(
        text, words, rules._canon, rules._steps
    )
    if steps is None:
        rules._line_steps(rules._plan(bucket), bucket, first, digitless)
        return _read_as_python(rules, text, words)
    want = rules._prepare(text, words)
    assert (key, low, size, bucket, steps) == (want[0], want[1], want[2], want[3], want[4:])
    assert type(key) is str and type(low) is str
    assert (first, digitless) == (key[:1], rules_mod._DIGIT.search(key) is None)
    assert _plain(found) == _plain(_rules.walk(steps[1], key, low, size, 0))
    return None


def _plain(found):
    """A walk's answer with its match objects (which compare by identity) as what they found."""
    if found is None:
        return None
    return tuple((x.re, x.span(), x.groups()) if isinstance(x, re.Match) else x for x in found)


@needs_c
@pytest.mark.parametrize("seed", range(3))
def test_a_line_is_read_as_python_reads_it(seed):
    rng = random.Random(seed)
    rules = RULE_SETS[seed]
    for _ in range(3000):
        text = _random_line(rng)
        _read_as_python(rules, text, rng.choice((0, 1, 5, len(text.split()), 150)))
    # Each character `_fold_quotes` and `_lower` change, alone, in ASCII and not.
    for odd in "’‘´`“”İıſ\u212aΣ":
        for text in (odd, f"a{odd}b", f"é{odd}", f"{odd} 東", f"{odd}ΣΑΣ Σ"):
            _read_as_python(rules, text, 2)


@needs_c
def test_every_character_is_read_as_python_reads_it():
    # Lower case, straight quotes and digits, character by character, over all of Unicode:
    # the C reads below 256 by tables of its own and the rest by Unicode's, as str does.
    rules = RULE_SETS[0]
    for start in range(0, 0x110000, 512):
        chunk = "".join(map(chr, range(start, min(start + 512, 0x110000))))
        for text in (chunk, "é" + chunk, chunk.replace("\u03a3", "")):
            key, low, *_ = _rules.line(text, 3, rules._canon, rules._steps)
            assert key == rules_mod._fold_quotes(text)
            assert low == rules_mod._lower(key)
    for digit in ("٣", "९", "０", "\U0001d7ce", "5"):
        for text in (digit, "é" + digit, "—" + digit, "\U0001f642" + digit):
            assert _rules.line(text, 1, rules._canon, rules._steps)[6] is False
    for other in ("²", "Ⅻ", "¼", "x", "—"):
        assert _rules.line("é" + other, 1, rules._canon, rules._steps)[6] is True


@needs_c
def test_the_walk_stops_at_the_first_kind_with_a_candidate():
    # The regex of a kind after the first candidate is not tried until the caller asks
    # for more: `match` stays lazy, as the Python walk is.
    tried = []

    def regex(name, answer):
        def match(key):
            tried.append(name)
            return answer

        return match

    steps = (
        (((regex("a", None), 0, None), (regex("b", "m"), 0, None)), 10, None),
        (((regex("c", "n"), 0, None),), 10, None),
    )
    assert _rules.walk(steps, "key", "key", 3, 0) == (0, "m", None)
    assert tried == ["a", "b"]
    assert _rules.walk(steps, "key", "key", 3, 1) == (1, "n", None)
    # Too long a line for a kind's regexes skips them; its table is read all the same.
    tabled = ((((regex("d", "m"), 0, None),), 2, {"key": "rule"}),)
    assert _rules.walk(tabled, "key", "key", 3, 0) == (
        0,
        None,
        "rule",
    )
    assert "d" not in tried
    # A line as long as the longest a kind can match is tried.
    fitting = ((((regex("e", "m"), 0, None),), 3, None),)
    assert _rules.walk(fitting, "key", "key", 3, 0) == (0, "m", None)
    assert _rules.walk(steps, "key", "key", 3, 2) is None


def test_the_python_walk_serves_without_the_extension(monkeypatch):
    monkeypatch.setattr(rules_mod, "_rules", None)
    rules = RuleSet(("en", "common"))
    assert [kind for kind, _ in _hits(rules, "Read more: The council votes", False)] == ["prefix"]
