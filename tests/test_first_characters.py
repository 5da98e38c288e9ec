"""Rules matched at a line's start are tried only when the line's first character can
start a match (`rules._first_chars`), and only where they apply (`RuleSet._starting`):
the hits must be those of the regex of all the rules, as `RuleSet.match` tried it before."""

import re
from re import _parser as sre_parse

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copydesk.core import rules as rules_mod
from copydesk.core.classify import VALIDATORS
from copydesk.core.rules import KINDS, RuleSet, _first_chars, trim


def first(pattern: str) -> str | None:
    return _first_chars(list(sre_parse.parse(pattern, re.IGNORECASE)))


def starts(pattern: str, text: str) -> bool:
    found = first(pattern)
    assert found is not None
    return re.compile(found, re.IGNORECASE).match(text) is not None


def test_the_first_characters_of_a_pattern_are_read_from_its_parse():
    assert starts("(?:by|from) (?P<value>\\w+)", "B")
    assert starts("(?:by|from) (?P<value>\\w+)", "f")
    assert not starts("(?:by|from) (?P<value>\\w+)", "T")
    # Optional words are skipped to what follows them; a look-ahead reads nothing.
    assert starts("(?:updated )?\\d+ hours ago", "u")
    assert starts("(?:updated )?\\d+ hours ago", "٣")  # a digit of another script
    assert not starts("(?:updated )?\\d+ hours ago", "h")
    assert starts("(?=\\D*+\\d)(?:on )?\\d{4}", "o")
    assert starts("[à-ä]lso|\\s*next", "\u3000")
    # Case folds as the regex folds it: the Kelvin sign is a "k", a long s an "s".
    assert starts("keep reading", "\u212a")
    assert starts("sign up", "\u017f")
    assert not starts("sign up", "t")


def test_a_pattern_that_may_start_anyhow_has_no_first_characters():
    assert first("\\w+ hours ago") is None  # any letter
    assert first("[^()]+ \\(@\\w+\\)") is None  # a negated class
    assert first("(?:by )?") is None  # the empty line
    assert first("x*") is None
    assert first(".+ ago") is None
    assert first("(?-i:By) \\w+") is None  # a case of its own: not the class's


def _reference(rules: RuleSet, monkeypatch) -> None:
    """`rules` tried as before: at a line's start the regex of all the rules of a kind (of
    those that need no digit, on a line without one), then the bucket's own if the rule
    that matched first does not apply there."""

    def every(kind: str, bucket: int, plain: bool, first: str):
        regex = rules._combined(kind, 0, False)[0]
        if plain and rules._digitless(kind) is not None:
            regex = rules._digitless(kind)
        return () if regex is False else (regex,)

    monkeypatch.setattr(rules, "_starting", every)


TRICKY = {"rules": [
    {"id": "short-date", "kind": "meta", "max_words": 3,
     "patterns": [r"(?:filed |sent )?(?P<value>\d+ \w+)"]},
    {"id": "credit", "kind": "meta", "patterns": [r"(?:photo|bild)\s*: (?P<value>.+)"]},
    {"id": "anything", "kind": "meta", "max_words": 2, "patterns": [r"\w+ ago"]},
    {"id": "keep", "kind": "prefix", "patterns": ["keep reading", "[àa]lso see"]},
    {"id": "sign", "kind": "line", "patterns": ["sign up( now)?", "\\s*share"]},
    {"id": "ahead", "kind": "strip", "patterns": [r"(?=\D*+\d)(?:on )?(?P<value>\d{4}) -"]},
    {"id": "related", "kind": "header", "patterns": ["related( stories)?"]},
]}
ALPHABET = "aefgiklnoprstuwAKLPS0123 :-()\u212a\u017f\u0130\u0131àÀ٣\u3000é"
WORDS = ["filed", "sent", "photo", "bild", "keep", "reading", "also", "see", "sign",
         "up", "now", "share", "on", "2025", "related", "stories", "ago", "3", "May"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(ALPHABET, max_size=6)), max_size=6),
    st.integers(min_value=1, max_value=6),
)
def test_invented_rules_hit_as_the_regex_of_all_of_them(words, count):
    line = trim(" ".join(words))
    with pytest.MonkeyPatch.context() as monkeypatch:
        pack = rules_mod.parse_pack("xx", TRICKY)
        monkeypatch.setattr(rules_mod, "load_pack", lambda language: pack)
        fast, whole = RuleSet(("xx",)), RuleSet(("xx",))
        _reference(whole, monkeypatch)
        got = [(k, h.rule, h.value, h.end, h.start) for k, h in fast.match(line, count, {})]
        want = [(k, h.rule, h.value, h.end, h.start) for k, h in whole.match(line, count, {})]
    assert got == want


def test_the_packs_hit_as_the_regex_of_all_their_rules(monkeypatch):
    from test_fast_paths import AWKWARD
    from test_shortcuts import DATED_LINES, RULE_LINES

    undated = [re.sub(r"\d", "", line) for line in DATED_LINES]
    odd = ["\u212aeep reading", "\u017fign up", "\u0130nstagram", "٣ hours ago", "(AP) —"]
    lines = [*RULE_LINES, *DATED_LINES, *undated, *AWKWARD, *odd]
    for languages in (("en", "common"), ("fr", "en", "common"), ("de", "en", "common")):
        fast, whole = RuleSet(languages), RuleSet(languages)
        _reference(whole, monkeypatch)
        for line in lines:
            key = trim(line)
            for count in (1, 3, 5, 8, 13, 17, 40, 60):
                got = [(k, h.rule, h.value, h.end, h.start)
                       for k, h in fast.match(key, count, VALIDATORS)]
                want = [(k, h.rule, h.value, h.end, h.start)
                        for k, h in whole.match(key, count, VALIDATORS)]
                assert got == want, (languages, line, count)
        # The lines were told apart by their first character: not every rule was tried.
        every = {kind: len(fast._combined(kind, 0, False)[1]) for kind in KINDS}
        tried = [
            sum(name[0] == "r" for regex in tries for name in regex.groupindex)
            for (kind, _, _), table in fast._starts.items()
            for tries in table.values()
        ]
        assert tried and min(tried) < max(every.values())
