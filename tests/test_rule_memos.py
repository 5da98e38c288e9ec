"""The rule walk's per-line answers that depend on a few values only, remembered (session 31,
gate35, byte-identical): the contains rules that the key words a line holds send it to, in
the rules' order (`RuleSet._needing`: "photo", " all", "image" come back on many lines);
the rules that may start with a character no rule's class lists (`RuleSet._unlisted`); and
`_starting`'s choice of the rules allowed that may start so. Each answer is the one worked
out anew for each line, and the lines' hits are a fresh rule set's."""

from __future__ import annotations

import random

from test_shared_steps import _hits, _lines

from copydesk.core import rules as rules_mod
from copydesk.core.rules import RuleSet, available_languages


def _needing_anew(rules: RuleSet, bucket: int, found: tuple[str, ...]) -> list:
    """What `_contains_hit` tried for each line before it remembered: the rules needing one
    of the words, in the rules' order."""
    needers = rules._gate(bucket)[1]
    candidates = {id(r): r for word in found for r in needers[word]}
    return sorted(candidates.values(), key=lambda r: rules._order[id(r)])


def test_the_rules_a_line_s_key_words_need_are_the_ones_worked_out_anew():
    rng = random.Random(31)
    for language in available_languages():
        rules = RuleSet((language, "en", "common") if language != "en" else ("en", "common"))
        for line in _lines(rng)[:300]:
            _hits(rules, line)
        assert rules._needing, language  # key words were found on some lines
        for (bucket, found), needing in rules._needing.items():
            assert [rule for _, rule in needing] == _needing_anew(rules, bucket, found)
            assert [place for place, _ in needing] == [rules._order[id(r)] for _, r in needing]


def test_lines_with_the_same_key_words_share_one_answer():
    rules = RuleSet(("en", "common"))
    lines = [
        "Photo: Jane Roe / Harbour Gazette",
        "Photo: Sam Invented / Agency",
        "Photo: Kim Doe / Gazette",
    ]
    for line in lines:
        _hits(rules, line)
    # Three lines of one bucket holding "photo" and no other key word.
    assert list(rules._needing) == [(rules._canon[5], ("photo",))]


def test_remembered_answers_give_a_fresh_rule_set_s_hits():
    rng = random.Random(7)
    lines = _lines(rng)
    for language in ("en", "fr", "de", "ru"):
        languages = (language, "en", "common") if language != "en" else ("en", "common")
        warm = RuleSet(languages)
        for line in lines:
            fresh = RuleSet(languages)
            assert _hits(warm, line) == _hits(fresh, line), line


def test_the_answers_stay_bounded(monkeypatch):
    monkeypatch.setattr(rules_mod, "FIRST_CHARACTERS", 3)
    rules = RuleSet(("en", "common"))
    for line in ["Photo: A", "All rights reserved", "Image: B", "photo all image", "Sign up"]:
        _hits(rules, line)
        assert len(rules._needing) <= 3


def test_characters_no_class_lists_may_start_the_same_rules():
    for language in ("en", "fr", "ru"):
        rules = RuleSet((language, "en", "common") if language != "en" else ("en", "common"))
        for kind in ("line", "header", "meta", "prefix"):
            every = rules._combined(kind, 0, False)
            if every is None:
                continue
            kind_rules = every[1]
            classes = [rules_mod._facts(r.pattern).first for r in kind_rules]
            answers = {}
            for first in ["", "A", "a", "1", "«", "—", "ж", "東", "ภ", "\u00a0", "@", "#", "€"]:
                got = rules._may_start(kind, kind_rules, first)
                anew = frozenset(
                    i
                    for i, found in enumerate(classes)
                    if found is None
                    or first == ""
                    or rules_mod._first_class(found).match(first) is not None
                )
                assert got == anew, (kind, first)
                answers.setdefault(got, []).append(got)
            # Every character no class lists gets the one remembered set.
            unlisted = rules._unlisted.get(kind)
            if unlisted is not None:
                assert all(got is unlisted for got in answers.get(unlisted, []))


def test_the_rules_chosen_are_those_allowed_that_may_start_so():
    rules = RuleSet(("en", "common"))
    for line in _lines(random.Random(3))[:200]:
        _hits(rules, line)
    assert rules._chosen
    for (kind, bucket, plain, possible), tries in rules._chosen.items():
        allowed = rules._allowed[kind, bucket, plain]
        chosen = tuple(i for i in allowed if i in possible)
        assert tries == rules._runs[kind, chosen]
