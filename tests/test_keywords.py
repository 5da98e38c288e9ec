"""The key-word gate of the `contains` rules (core/keywords.py): the Aho-Corasick scan in C
(core/_keywords.c) and the regexes it replaced find the same words, the words that occur
in the text, and rules gated either way give the same hits."""

import random

import pytest

import copydesk.core.keywords as keywords
from conftest import pack_word_sets
from copydesk.core.classify import VALIDATORS
from copydesk.core.keywords import Keywords
from copydesk.core.rules import MAX_BUCKET, RuleSet

needs_c = pytest.mark.skipif(keywords._keywords is None, reason="the C scan is not built")

LINES = [
    "",
    " ",
    "Sign up for our newsletter",
    "SIGN UP FOR OUR NEWSLETTER".lower(),
    "We use cookies and similar technologies; by continuing to browse you accept them",
    "© 2025 The Harbour Gazette. All rights reserved.",
    "photo: ap photo/Jane Roe via getty images",
    "the council met on tuesday to discuss the bypass, and the vote was close",
    "ukazał się w sobotę; artykuł został opublikowany wcześniej",
    "suivez-nous sur twitter et abonnez-vous à la newsletter",
    "share this: tweet, email, print, save",
    "click here to subscribe — unsubscribe at any time",
    "\u00a0\u2003menu\u3000shareshare",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 astral 😀 subscribe 😀",
    "中文 subscribe 日本語 newsletter ©",
    "ııı İstanbul share",
]


def _brute(words, text):
    return tuple(sorted(w for w in set(words) if w in text))


def _texts(words, rng, count):
    """Lines made of pieces of the words (overlaps, prefixes, suffixes) and filler."""
    pieces = [w[a:b] for w in words for a, b in [(0, len(w)), (1, len(w)), (0, max(1, len(w) - 1))]]
    filler = [" ", "x", "é", "ł", "©", "the ", "中", "😀", ", "]
    for _ in range(count):
        yield "".join(rng.choice(pieces if rng.random() < 0.6 else filler) for _ in range(12))


def test_both_scans_find_the_words_that_occur():
    rng = random.Random(5)
    for words in pack_word_sets():
        native, regexes = Keywords(words), Keywords(words, native=False)
        for text in [*LINES, *_texts(words, rng, 300)]:
            expected = _brute(words, text)
            assert regexes.found(text) == expected, text
            assert native.found(text) == expected, text


def test_overlapping_words_of_a_small_alphabet():
    # Words inside words, suffixes of others: the failure links' cases.
    rng = random.Random(11)
    for _ in range(200):
        words = {"".join(rng.choice("abc") for _ in range(rng.randint(1, 5))) for _ in range(6)}
        native, regexes = Keywords(words), Keywords(words, native=False)
        for _ in range(20):
            text = "".join(rng.choice("abcd") for _ in range(rng.randint(0, 30)))
            expected = _brute(words, text)
            assert native.found(text) == expected, (words, text)
            assert regexes.found(text) == expected, (words, text)


def test_the_trie_pre_test_agrees_with_the_scanner():
    for words in pack_word_sets():
        regexes = Keywords(words, native=False)
        for text in LINES:
            assert (regexes._trie.search(text) is not None) == bool(
                regexes._scanner.findall(text)
            ), text


def test_no_words_is_refused():
    with pytest.raises(ValueError):
        Keywords([])
    with pytest.raises(ValueError):
        Keywords(["a", ""])


@needs_c
def test_the_c_scan_is_what_runs_where_built():
    assert Keywords(["share"])._tables is not None
    assert keywords._keywords.scan("no key word", *Keywords(["share"])._tables) is None


@needs_c
def test_rules_gated_either_way_give_the_same_hits(monkeypatch):
    # Every validator a pack names passes: the walks' hits are compared, not the values.
    validators = {name: (lambda v: True) for name in VALIDATORS}
    lines = [line for line in LINES if line.strip()] + [
        "Leave a comment",
        "Be the first to comment",
        "Photo: Jane Roe / Harbour Gazette",
        "Read our privacy policy and terms of use",
        "Follow us on Facebook",
        "Copyright 2024 Example Media",
    ]
    native = RuleSet(("en", "common"))
    monkeypatch.setattr(keywords, "_keywords", None)
    regexes = RuleSet(("en", "common"))
    for text in lines:
        for words in (1, 4, 12, 60):
            assert list(native.match(text, words, validators)) == list(
                regexes.match(text, words, validators)
            ), text


@needs_c
def test_buckets_with_the_same_words_share_one_automaton():
    # Built once per word set, not per bucket: each process pays the build at start-up.
    rules = RuleSet(("en", "common"))
    gates = [g for g in map(rules._gate, range(MAX_BUCKET + 1)) if g is not None]
    by_words: dict[tuple[str, ...], tuple] = {}
    for keys, _ in gates:
        tables = by_words.setdefault(keys.words, keys._tables)
        assert keys._tables is tables
    assert len(by_words) < len(gates)
    # The shared tables are what a fresh build makes, and find the same words.
    for words, tables in by_words.items():
        fresh = keywords._automaton.__wrapped__(words)
        assert [bytes(t) if hasattr(t, "tobytes") else t for t in tables] == [
            bytes(t) if hasattr(t, "tobytes") else t for t in fresh
        ]


@needs_c
def test_word_sets_of_one_size_keep_their_own_words():
    first, second = Keywords(["alpha", "beta"]), Keywords(["gamma", "delta"])
    assert first.found("alpha and gamma rays") == ("alpha",)
    assert second.found("alpha and gamma rays") == ("gamma",)
    assert second.found("beta") == ()
