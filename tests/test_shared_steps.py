"""What the rule walk makes for a line that starts in a way no earlier line did, made once
(session 30, byte-identical): a step of a kind as `_rules.walk` reads it is one object for
every first character and bucket that choose the same regexes (`RuleSet._walked`), the
contains step one per bucket, and `_starting`'s choice is remembered by the set of rules
that may start so, not worked out again for each character. Lines find the hits a rule set
that makes everything anew for each line finds, in every language's rule set. And the
editor's-note check about comments (`rules.comment_notes`) is compiled through the rule
cache, as the rules are, so a later process reads its program instead of `re`'s parser."""

from __future__ import annotations

import random
import re
from pathlib import Path

from copydesk.core import rulecache
from copydesk.core import rules as rules_mod
from copydesk.core.classify import VALIDATORS
from copydesk.core.rules import RuleSet, available_languages, trim

HERE = Path(__file__).parent
ALPHABET = (
    "abcdefghijklmnoprstuvwy  ABCDEFGHRS 0123 ,.:;!?()|/@#&'’“”-–—…•"
    "ÀÉéßжЖшШωΩ東ภ\u00a0\u3000٣"
)


def _hits(rules: RuleSet, text: str) -> list:
    trimmed = trim(text)
    return list(rules.match(trimmed, len(trimmed.split()), VALIDATORS))


def _forget_steps(rules: RuleSet) -> None:
    """Everything the walk made for earlier lines' first characters: made anew."""
    for memo in (
        rules._steps,
        rules._walks,
        rules._contains_walks,
        rules._chosen,
        rules._possible,
        rules._possible_sets,
    ):
        memo.clear()
    for starts in rules._starts.values():
        starts.clear()


def _lines(rng: random.Random) -> list[str]:
    lines = []
    for path in sorted((HERE.parent / "samples").glob("*.txt"))[:8]:
        lines += path.read_text(encoding="utf-8").split("\n")
    for _ in range(400):
        size = rng.randrange(0, rng.choice((6, 30, 90)))
        lines.append("".join(rng.choice(ALPHABET) for _ in range(size)))
    lines += ["Share on Facebook", "Udostępnij na Facebooku", "Facebook'ta paylaş"]
    lines += ["Vrijeme čitanja: 2 min", "Czas czytania: 4 minuty"]
    lines += ["Korrigjim: Në versionin e parë të këtij artikulli shkruam gabimisht emrin."]
    rng.shuffle(lines)
    return lines


def test_steps_made_once_find_what_steps_made_anew_find():
    rng = random.Random(30)
    languages = ["en"] + [lang for lang in available_languages() if lang != "en"]
    for language in languages:
        packs = ("en", "common") if language == "en" else (language, "en", "common")
        shared, anew = RuleSet(packs), RuleSet(packs)
        for text in _lines(rng):
            _forget_steps(anew)
            assert _hits(shared, text) == _hits(anew, text), (language, text)


def test_first_characters_that_choose_the_same_regexes_share_one_walk():
    rules = RuleSet(("en", "common"))
    # Letters of a script no English or common rule opens with, in lines of one bucket:
    # the same choice.
    for text in ("Жили были дед", "Юла была тут", "Щука Ъ реке"):
        _hits(rules, text)
    steps = [rules._steps[key] for key in rules._steps if key[1] in "ЖЮЩ"]
    assert len(steps) == 3
    first, *others = steps
    for other in others:
        assert len(other[1]) == len(first[1])
        # Each kind's step, and the contains step, one object.
        assert all(a is b for a, b in zip(first[1], other[1], strict=True))


def test_the_contains_step_is_made_once_a_bucket():
    rules = RuleSet(("en", "common"))
    for text in ("Alpha beta gamma", "Beta gamma delta", "Gamma delta alpha", "Zeta eta"):
        _hits(rules, text)
    walks = [steps[1][-1] for key, steps in rules._steps.items() if key[0] == rules._canon[3]]
    assert len(walks) >= 3
    assert all(walk is walks[0] for walk in walks)


def test_a_choice_is_worked_out_once_for_the_characters_that_share_it(monkeypatch):
    rules = RuleSet(("en", "common"))
    _hits(rules, "Жили были дед")
    worked: list[str] = []
    select = rules._select

    def counting(kind, bucket, gated):
        worked.append(kind)
        return select(kind, bucket, gated)

    # `_starting` selects a bucket's rules only when it works a choice out.
    rules._allowed.clear()
    monkeypatch.setattr(rules, "_select", counting)
    _hits(rules, "Юла была тут")
    assert worked == []


def test_the_comment_notes_are_compiled_through_the_rule_cache(monkeypatch):
    compiled: list[str] = []
    through = rulecache.compile

    def spy(pattern, flags=0):
        compiled.append(pattern)
        return through(pattern, flags)

    monkeypatch.setattr(rulecache, "compile", spy)
    notes = rules_mod.comment_notes.__wrapped__()
    assert notes is not None and compiled == [notes.pattern]
    assert notes == re.compile(notes.pattern, re.IGNORECASE)
    assert notes.search("the comments on this article have been closed")
