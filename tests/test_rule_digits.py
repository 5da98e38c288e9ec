"""A rule's regex is not tried on a line that holds fewer decimal digits than every match of
it holds (`rules.min_digits`, `RuleSet._digits`, `_rules.walk`): the hits are those of the
rule set that tries every regex, on lines of dates, times and figures in every pack's rule
set; the count read from a pattern is a floor of the digits in its matches."""

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EVERY_PACK, assert_same_rule_hits
from copydesk.core import rules as rules_mod
from copydesk.core.rules import RuleSet, min_digits

try:
    from copydesk.core import _rules
except ImportError:  # not built here: the Python walk runs
    _rules = None

PATTERNS = {
    r"\d{4}": 4,
    r"[0-9]{2,}": 2,
    r"\d+-\d{2}": 3,
    r"(?:\d\d|x)": 0,
    r"a|\d": 0,
    r"(?:\d{2}){3}": 6,
    r"(?=\d{5})\d": 1,  # a look-ahead's digits may be the match's own
    r"(\d)\1": 1,  # a back-reference: not counted
    r"\d?\d*[\d,]": 0,  # a class with other characters: not counted
    r"(?:(?:\d|\d\d)[./](?:\d{2}|\d{4}))": 3,
    r"(?>\d\d)x": 2,
    r"\d{2}?\d": 3,
    r"[^\D]": 0,  # (a negated class: unsure, so none)
}


@pytest.mark.parametrize(("pattern", "digits"), PATTERNS.items())
def test_the_digits_a_pattern_needs(pattern, digits):
    assert min_digits(pattern) == digits


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_every_match_holds_at_least_those_digits(data):
    pattern = data.draw(st.sampled_from(sorted(PATTERNS)))
    if "\\1" in pattern or "(?>" in pattern:
        return  # (hypothesis does not generate for these)
    text = data.draw(st.from_regex(re.compile(pattern), fullmatch=True))
    assert len(re.findall(r"\d", text)) >= min_digits(pattern)


def test_the_date_rules_are_gated():
    # Else the gate would never skip anything and the comparisons below would hold trivially.
    rules = RuleSet(("en", "common"))
    dated = [r for r in rules.rules if r.id in ("date-time", "date-line")]
    assert dated and max(min_digits(r.pattern) for r in dated) >= 4


class _NoDigits(dict):
    """`RuleSet._digits` of a rule set that tries every regex whatever a line's digits."""

    def __setitem__(self, key, value) -> None:
        super().__setitem__(key, 0)


def _ungated(languages: tuple[str, ...]) -> RuleSet:
    ungated = RuleSet(languages)
    ungated._digits = _NoDigits()
    return ungated


def _dated_lines(rng: random.Random) -> list[str]:
    months = ["March", "mars", "März", "marzo", "Mar.", "марта", "3月"]
    forms = [
        "{d} {m} {y}",
        "{m} {d}, {y}",
        "{d}.{mo}.{y}",
        "{y}-{mo}-{d}",
        "{d}/{mo}/{y} {h}:{mi}",
        "Updated {d} {m} {y} at {h}:{mi}",
        "Posted on {m} {d}",
        "{h}:{mi}",
        "{d} {m}",
        "{h} hours ago",
        "Published: {d}/{mo}",
        "{y}年{mo}月{d}日 {h}:{mi}",
        "By Jo Ward, {d} {m}",
        "Photo: {y} Reuters",
        "{d} comments",
        "Top {d} tips",
        "{y}",
        "Page {d} of {h}",
        "Le {d} {m} {y} à {h}h{mi}",
        "{d}. {m} {y}, {h}.{mi} Uhr",
        "hace {d} horas",
        "— Jo (@jo) {m} {d}, {y}",
        "{d} {m} {y} | {h}:{mi}",
        "٣ {m} ٢٠٢٤",
        "{d}² {m}",
    ]
    lines = []
    for form in forms:
        for _ in range(6):
            lines.append(
                form.format(
                    d=rng.choice(["3", "14", "1", "31"]),
                    m=rng.choice(months),
                    mo=rng.choice(["3", "03", "12"]),
                    y=rng.choice(["2024", "24", "1999"]),
                    h=rng.choice(["1", "10", "23"]),
                    mi=rng.choice(["05", "32"]),
                )
            )
    return lines


@pytest.mark.parametrize("languages", EVERY_PACK, ids=lambda languages: languages[0])
def test_the_hits_of_every_regex_tried(languages):
    rng = random.Random(len(languages[0]))
    gated, ungated = RuleSet(languages), _ungated(languages)
    lines = _dated_lines(rng)
    phrases = sorted(
        phrase for rule in gated.rules for phrase in (rules_mod._finite(rule.pattern) or ())
    )[:400]
    tails = ["12 March 2024", "5 hours ago", "10:32", "14 Mar 24"]
    lines += [f"{phrase} {rng.choice(tails)}" for phrase in phrases]
    hit = assert_same_rule_hits(gated, ungated, lines)
    assert hit > len(lines) // 4  # the lines do reach the rules
    assert any(gated._digits.values())  # and the gate was read


@pytest.mark.skipif(_rules is None, reason="the C rule walk is not built")
def test_the_walk_skips_a_try_needing_more_digits_than_the_line_holds():
    tried = []

    def regex(name):
        def match(key):
            tried.append(name)
            return "m"

        return match

    def walk(key: str, need: int):
        tried.clear()
        steps = ((((regex("r"), need, None),), 100, None),)
        return _rules.walk(steps, key, key.lower(), len(key), 0)

    assert walk("a1b2", 3) is None and tried == []
    assert walk("a1b2c3", 3) == (0, "m", None) and tried == ["r"]
    assert walk("a1b2", 2) == (0, "m", None)
    # `\d`'s digits: any script's decimal digits, not superscripts or fractions.
    assert walk("٣٤٥", 3) == (0, "m", None)
    assert walk("é٣٤٥", 3) == (0, "m", None)
    assert walk("\U0001d7ce\U0001d7cf9", 3) == (0, "m", None)
    assert walk("²³¹", 1) is None and walk("é²¼", 1) is None
    assert walk("no figure", 0) == (0, "m", None)
