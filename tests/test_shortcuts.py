"""Shortcuts taken for speed give the answers of the plain computation they replace.

Each shortcut (a remembered word count, a tally carried beside packed records,
the tree walk's gathers) is held here to the slower formulation it stands for.
"""

from __future__ import annotations

import pickle
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from copydesk.core import features, titles, words
from copydesk.core.config import Config
from copydesk.core.discover import discover
from copydesk.core.linemodel import default_model
from copydesk.core.packed import PackedRecords
from copydesk.core.pipeline import Destination, run
from copydesk.core.report import removed_tally

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

TEXTS = [
    "",
    "   ",
    "Home | News | Sport",
    "The council met on Tuesday, and the vote was close.",
    "東京の天気は晴れです。",
    "ภาษาไทยไม่มีช่องว่าง and English words",
    "Café “curly” ‘quotes’ — dash",
]


def test_remembered_word_counts_are_the_counts(monkeypatch):
    monkeypatch.setattr(words, "_COUNTED", {})
    first = [words.count_words(t) for t in TEXTS]
    again = [words.count_words(t) for t in TEXTS]  # now looked up
    assert first == again == [words._count(t) for t in TEXTS]
    assert first[3] == 10 and first[0] == 0


def test_the_word_count_table_is_emptied_when_full_and_still_answers(monkeypatch):
    monkeypatch.setattr(words, "_COUNTED", {})
    monkeypatch.setattr(words, "COUNTED_LINES", 3)
    for _ in range(3):
        assert [words.count_words(t) for t in TEXTS] == [words._count(t) for t in TEXTS]
        assert len(words._COUNTED) <= 3


RECORDS = [
    {
        "paragraph": 1,
        "lines": [1, 1],
        "text": "Subscribe now",
        "reason": {"label": "boilerplate", "rule": "newsletter"},
    },
    {
        "paragraph": 4,
        "lines": [5, 5],
        "text": "By A. Writer",
        "partial": True,
        "reason": {"label": "metadata", "rule": "byline"},
    },
    {
        "paragraph": 6,
        "lines": [7, 8],
        "text": "A repeated paragraph.",
        "reason": {"label": "duplicate", "rule": None},
    },
    {
        "paragraph": 9,
        "lines": [11, 11],
        "text": "Share this",
        "reason": {"label": "boilerplate", "rule": "newsletter"},
    },
]


def test_the_tally_counts_what_the_report_counted_and_survives_pickling():
    labels, rules = removed_tally(RECORDS)
    assert labels == Counter(boilerplate=2, duplicate=1)  # a partial removal is no line
    assert list(rules.items()) == [("newsletter", 2), ("byline", 1), ("duplicate", 1)]
    packed = pickle.loads(pickle.dumps(PackedRecords(RECORDS, summary=(labels, rules))))
    assert packed == RECORDS and packed.summary == (labels, rules)


def test_report_counts_from_the_tally_are_those_of_the_records(tmp_path):
    sources = discover([str(SAMPLES)]).sources
    result = run(sources, Config(), Destination(out_dir=str(tmp_path)))
    reasons: Counter[str] = Counter()
    checked = 0
    for entry in result.report["files"]:
        if "removed" not in entry:
            continue
        records = list(entry["removed"])  # unpacked, as the report used to count them
        whole = Counter(r["reason"]["label"] for r in records if not r.get("partial"))
        counts = entry["counts"]
        assert (counts["boilerplate"], counts["metadata"], counts["duplicates"]) == (
            whole["boilerplate"],
            whole["metadata"],
            whole["duplicate"],
        )
        reasons.update(r["reason"]["rule"] or r["reason"]["label"] for r in records)
        checked += bool(records)
    assert checked >= 5
    assert result.report["summary"]["removed_by_reason"] == dict(sorted(reasons.items()))


def _walk(trees, row: np.ndarray) -> float:
    """One row through every tree, node by node: the plain reading of the flat arrays."""
    inner = 2**trees.depth - 1
    total = trees.base
    for t in range(trees.feature.shape[0]):
        node = 0
        while node < inner:
            go_right = row[trees.feature[t, node]] > trees.threshold[t, node]
            node = 2 * node + 1 + int(go_right)
        total += trees.leaf[t, node - inner]
    return total


@pytest.mark.skipif(default_model() is None, reason="no shipped line model")
def test_the_vectorised_tree_walk_is_the_plain_walk():
    trees = default_model().stage1
    rng = np.random.default_rng(3)
    width = int(trees.feature.max()) + 1
    x = rng.normal(0.5, 1.5, size=(130, width))
    # Values exactly at a threshold go left: put some rows right on them.
    for k in range(10):
        t, node = k % trees.feature.shape[0], k % (2**trees.depth - 1)
        x[k, trees.feature[t, node]] = trees.threshold[t, node]
    got = trees.margin(x)
    want = np.array([_walk(trees, row) for row in x])
    assert np.allclose(got, want, rtol=0, atol=1e-9)


SEPARATED = [
    "",
    "Home | News | Sport",
    "a - - b -- c - d",
    " - ",
    "News › World » Europe • Today · 2 min",
    "path/to/page | x - y",
    "naïve — dash - and/or",
]


def test_separators_counted_with_str_count_are_the_regex_matches():
    for text in SEPARATED:
        assert features._separators(text) == len(features._SEPARATORS.findall(text)), text


def test_ascii_letter_runs_by_translate_are_the_regex_runs():
    every_ascii = "".join(map(chr, range(128))) * 2
    for text in [every_ascii, *TEXTS[:4], *SEPARATED[:6], "It's 9AM: NASA_x2 said-so"]:
        if not text.isascii():
            continue
        runs = text.encode().translate(features._ASCII_LETTER_RUNS).split()
        assert [r.decode() for r in runs] == features._ASCII_ALPHA.findall(text.lower()), text


def test_line_features_of_ascii_lines_read_stopwords_as_the_regex_path_did():
    stopwords = frozenset(["the", "a", "and", "of", "über"])
    text = "The Mayor of the town AND a deputy said-so, of course."
    tokens = words.letter_run().findall(text.lower())
    row = features._own(text, stopwords)
    assert row[5] == sum(t in stopwords for t in tokens) / len(tokens)  # stopword share


RULE_LINES = [
    "Read more: council approves the new bus depot",
    "Sign up for our newsletter",
    "Share this article",
    "By Jane Example",
    "Photo: Sam Invented/Getty Images",
    "Tuesday 4 March 2025",
    "12,345",
    "Leave a comment",
    "Related",
    "Home > News > Local",
    "The council met on Tuesday and the vote was close.",
    "jane.example@example.com",
    "We use cookies to improve your experience on this site",
]


def _first_by_rule(rules, kind: str, key: str, bucket: int):
    """The plain reading of a pack: the first rule of `kind`, in pack order, whose own
    pattern matches the line (whole, or at its start) and whose validator accepts it."""
    from copydesk.core.classify import VALIDATORS
    from copydesk.core.rules import _single

    for rule in rules.rules:
        if rule.kind != kind or (rule.max_words is not None and rule.max_words < bucket):
            continue
        m = _single(rule.pattern, kind in ("line", "header", "meta")).match(key)
        if m is None:
            continue
        value = m.group("value") if "value" in m.re.groupindex else None
        if rule.validate is None or VALIDATORS[rule.validate](value or key):
            return rule.id
    return None


def test_combined_rules_report_the_first_rule_each_would_alone():
    from copydesk.core.classify import VALIDATORS
    from copydesk.core.rules import RuleSet, trim

    rules = RuleSet(("en", "common"))
    for line in RULE_LINES:
        key = trim(line)
        bucket = min(words.count_words(key), 100)
        got = {kind: hit.rule.id for kind, hit in rules.match(key, bucket, VALIDATORS)}
        for kind in ("meta", "strip", "header", "line", "prefix"):
            assert got.get(kind) == _first_by_rule(rules, kind, key, bucket), (line, kind)
        # Contains rules report the leftmost match, not the first rule: only whether any hit.
        single = [r for r in rules.rules if r.kind == "contains" and (r.max_words or 100) >= bucket]
        any_alone = any(_single_search(r.pattern, key) for r in single)
        assert ("contains" in got) <= any_alone, line


def _single_search(pattern: str, key: str) -> bool:
    from copydesk.core.rules import _single

    return _single(pattern, False).search(key) is not None


def test_a_line_s_words_for_repeats_are_the_regex_words():
    from copydesk.core.repeats import _WORD, words_of

    every_ascii = "".join(map(chr, range(128))) * 2
    for text in [every_ascii, *TEXTS, *SEPARATED, "It's 9AM: NASA_x2 said-so", "\x1c a\x1fb"]:
        assert words_of(text) == _WORD.findall(text.lower()), text


# Lines for the headline's vocabulary: plain words, inflections, digits and underscores,
# case that lower() changes, a no-space script alone, mixed in a word and beside Latin,
# single characters of such a script (a one-character "pair").
LEAD_LINES = [
    "",
    "Stavba nové lávky pro pěší začne v pondělí.",
    "The council's budget_2026 vote: 12 for, 3 against (ÉLAN İstanbul).",
    "市政府周五宣布，将在未来两年内投入约三亿元扩建城东公交枢纽。",
    "Tokyo東京station and ภาษาไทย mixed, 字 a",
    "ab cd ef",
    "remont remontu lávka lávky",
    "Ⅻth ½bcd x²yz ǅemal ΣΊΣΥΦΟΣ",  # numerals that are letters to `letter_run`, title case
    "मार्च में भारी बारिश हुई",  # vowel signs and viramas: combining marks inside words
]


def _runs_vocabulary(text: str) -> set[str]:
    """`titles.vocabulary` as first written: every word split on no-space runs."""
    grams: set[str] = set()
    for word in words.letter_run().findall(text.lower()):
        for part in titles._NO_SPACE_RUN.split(word):
            grams.update(part[k : k + 3] for k in range(len(part) - 2))
        for piece in titles._NO_SPACE_RUN.findall(word):
            grams.update(piece[k : k + 2] for k in range(max(1, len(piece) - 1)))
    return grams


def test_a_line_s_vocabulary_is_that_of_its_words_split_on_no_space_runs():
    for text in LEAD_LINES:
        assert titles.vocabulary(text) == _runs_vocabulary(text), text
    assert "東京" in titles.vocabulary(LEAD_LINES[4]) and "字" in titles.vocabulary(LEAD_LINES[4])


def test_a_lead_shares_with_a_candidate_what_the_union_of_its_lines_vocabularies_does():
    candidates = [*LEAD_LINES, "Nová lávka přes řeku", "东京 station budget", "abc", "ef cd"]
    for k in range(len(LEAD_LINES) + 1):
        for lead in (LEAD_LINES[:k], LEAD_LINES[k:]):
            union: set[str] = set()
            for text in lead:
                union |= _runs_vocabulary(text)
            body = titles.Lead(lead)
            for candidate in candidates:
                assert body.shared(candidate) == titles.shared(candidate, union), (lead, candidate)
    # Not found across the gap between two words or lines, nor across a digit or an
    # underscore; found in a word however it is cased.
    for lead, candidate in [(["ab cd"], "bcd"), (["ab", "cd"], "bcd"), (["b2cd", "bc_d"], "bcd")]:
        assert titles.Lead(lead).shared(candidate) == 0.0
    assert titles.Lead(["xBCDx"]).shared("bcd") == 1.0


def test_buckets_that_share_their_compiled_rules_have_the_same_rules_and_hits():
    from copydesk.core.classify import VALIDATORS
    from copydesk.core.rules import KINDS, MAX_BUCKET, RuleSet, trim

    for languages in (("en", "common"), ("fr", "en", "common"), ("de", "en", "common")):
        shared = RuleSet(languages)
        alone = RuleSet(languages)
        alone._canon = list(range(MAX_BUCKET + 1))  # every bucket its own rules, as before
        assert len(set(shared._canon)) > 3  # some sharing, some thresholds
        for bucket in range(MAX_BUCKET + 1):
            same = shared._canon[bucket]
            for kind in KINDS:
                assert shared._applicable(kind, same) == shared._applicable(kind, bucket)
        for line in RULE_LINES:
            key = trim(line)
            for count in (1, 2, 5, 7, 8, 12, 13, 16, 17, 40, 41, 45, 50, 51, 99, 100, 140):
                got = [(k, h.rule, h.value, h.end, h.start)
                       for k, h in shared.match(key, count, VALIDATORS)]
                want = [(k, h.rule, h.value, h.end, h.start)
                        for k, h in alone.match(key, count, VALIDATORS)]
                assert got == want, (languages, line, count)



def _own_bucket_regexes(rules) -> None:
    """Make `rules` try each bucket's own combined regex, as it did before one regex of all
    the rules of a kind served every bucket."""

    class Always(dict):
        """A table of `_starting`'s regexes that gives the bucket's own for every line."""

        def __init__(self, regex) -> None:
            super().__init__()
            self.regex = regex

        def get(self, first, default=None):
            return (self.regex,)

    def at_start(kind: str, bucket: int):
        own = rules._combined(kind, bucket, False)
        if own is None:
            return None
        return (own[0], own[1], own[2], None, bucket, None, Always(own[0]), Always(own[0]))

    rules._at_start = at_start


def test_one_regex_of_every_rule_of_a_kind_hits_as_each_bucket_s_own_regex():
    from copydesk.core.classify import VALIDATORS
    from copydesk.core.rules import RuleSet, trim

    lines = [*RULE_LINES, *DATED_LINES]
    for languages in (("en", "common"), ("fr", "en", "common"), ("de", "en", "common")):
        shared, own = RuleSet(languages), RuleSet(languages)
        _own_bucket_regexes(own)
        for line in lines:
            key = trim(line)
            for count in (1, 2, 5, 6, 7, 12, 13, 16, 17, 40, 41, 50, 51, 100):
                got = [(k, h.rule, h.value, h.end, h.start)
                       for k, h in shared.match(key, count, VALIDATORS)]
                want = [(k, h.rule, h.value, h.end, h.start)
                        for k, h in own.match(key, count, VALIDATORS)]
                assert got == want, (languages, line, count)


def test_a_rule_too_short_for_the_line_gives_way_to_the_next_that_applies(monkeypatch):
    """The regex of every rule finds a rule first that does not apply to a line of that many
    words: the line's own rules decide, and none of them may match."""
    from copydesk.core import rules as rules_mod

    pack = rules_mod.parse_pack("xx", {"rules": [
        {"id": "short-date", "kind": "meta", "max_words": 2,
         "patterns": [r"filed (?P<value>\d+ \w+)"]},
        {"id": "any-date", "kind": "meta", "patterns": [r"(?:filed|sent) (?P<value>\d+ may)"]},
        {"id": "short-prefix", "kind": "prefix", "max_words": 2, "patterns": ["see also "]},
        {"id": "prefix", "kind": "prefix", "patterns": ["see also"]},
    ]})
    monkeypatch.setattr(rules_mod, "load_pack", lambda language: pack)
    rules = rules_mod.RuleSet(("xx",))

    def hits(line: str, count: int) -> list[tuple[str, str, str | None, int]]:
        return [(k, h.rule.id, h.value, h.end) for k, h in rules.match(line, count, {})]

    assert hits("Filed 3 May", 2) == [("meta", "short-date", "3 May", 11)]
    assert hits("Filed 3 May", 3) == [("meta", "any-date", "3 May", 11)]
    assert hits("Filed 3 June", 3) == []
    assert hits("See also the report", 4) == [("prefix", "prefix", None, 8)]
    assert hits("See also it", 2) == [("prefix", "short-prefix", None, 9)]


# Short lines of the kinds the date, time and byline rules read, with and without digits.
DATED_LINES = [
    "Updated on Tuesday 4 March 2025, 10:32 am",
    "Published: 2025-03-04T10:32Z",
    "Posted March 4, 2025 at 9:15",
    "mardi 4 mars 2025 à 10h32",
    "Dienstag, 4. März 2025, 10:32 Uhr",
    "4 hours ago",
    "2025年3月4日 10:32",
    "By Jane Example | March 4, 2025",
    "By Jane Example",
    "Updated on Tuesday",
    "Tuesday morning in the harbour",
    "Photo: Sam Invented/Getty Images",
    "Page 3 of 12",
    "١٢ مارس ٢٠٢٥",  # Arabic-Indic digits are digits to `\d` too
    "Summer 2025 schedule",
]


def test_needs_digit_reads_what_every_match_must_hold():
    from copydesk.core.rules import needs_digit

    for pattern in [r"\d", r"ab\d{2}", r"(?:a\d|b[0-9])", r"(?=\D*+\d)\w+", r"x(?:1|2)+", r"[0-5]"]:
        assert needs_digit(pattern), pattern
    # Optional, alternative, excluded or looked-behind digits are not required.
    unsure = [r"\d?", r"\d*", r"[\da]", r"(?:a|\d)", r"(?!\d)x", r"(?<=\d)x", r"[^\d]", "x", "("]
    for pattern in unsure:
        assert not needs_digit(pattern), pattern


def test_rules_said_to_need_a_digit_match_no_line_without_one():
    import re

    from copydesk.core.rules import available_languages, load_pack, needs_digit

    lines = DATED_LINES + [re.sub(r"\d", "x", line) for line in DATED_LINES]
    flagged = 0
    for language in [*available_languages(), "common"]:
        for rule in load_pack(language).rules:
            if not needs_digit(rule.pattern):
                continue
            flagged += 1
            compiled = re.compile(rule.pattern, re.IGNORECASE)
            for line in lines:
                if compiled.search(line):
                    assert re.search(r"\d", line), (language, rule.id, line)
    assert flagged >= 5  # the date and time rules of the packs are among them


def test_meta_rules_guarded_by_a_digit_look_ahead_match_as_they_did():
    """The combined meta regex with each digit-needing rule behind `DIGIT_AHEAD` gives every
    line the same rule, groups and spans as the combined regex without it."""
    import re

    from copydesk.core.classify import VALIDATORS
    from copydesk.core.rules import DIGIT_AHEAD, RuleSet, _fold_quotes, trim

    guarded_buckets = 0
    for languages in (("en", "common"), ("fr", "en", "common"), ("de", "en", "common")):
        rules = RuleSet(languages)
        for bucket in sorted(set(rules._canon)):
            found = rules._combined("meta", bucket, False)
            if found is None:
                continue
            guarded = found[0]
            # The combined regex as it was built before the guard.
            parts = [
                f"(?P<r{i}>{rule.pattern.replace('(?P<value>', f'(?P<v{i}>')})"
                for i, rule in enumerate(found[1])
            ]
            plain = re.compile(f"(?:{'|'.join(parts)})\\Z", re.IGNORECASE)
            guarded_buckets += plain.pattern.count(DIGIT_AHEAD) < guarded.pattern.count(DIGIT_AHEAD)
            for line in DATED_LINES + RULE_LINES:
                key = _fold_quotes(trim(line))
                a, b = guarded.match(key), plain.match(key)
                assert (a is None) == (b is None), (languages, bucket, line)
                if a is not None:
                    spans = [a.span(g) for g in a.re.groupindex]
                    assert spans == [b.span(g) for g in b.re.groupindex], (line, bucket)
                    assert a.groupdict() == b.groupdict()
            # And the verdicts the rule set gives are those of the rules alone.
            for line in DATED_LINES:
                key = trim(line)
                got = {kind: hit.rule.id for kind, hit in rules.match(key, bucket, VALIDATORS)}
                assert got.get("meta") == _first_by_rule(rules, "meta", key, bucket), line
    assert guarded_buckets >= 3
