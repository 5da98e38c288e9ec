"""The key-word automaton built in C (`_keywords.automaton`) is its Python twin's
(`keywords._automaton_python`) value for value: every table `_keywords.scan` reads, for every
pack's word sets and for random sets of overlapping words in any script. Every process builds
the automata of the buckets it meets (HISTORY, session 31, gate35)."""

from __future__ import annotations

import random

import pytest

import copydesk.core.keywords as keywords
from conftest import pack_word_sets
from copydesk.core.keywords import Keywords

pytestmark = pytest.mark.skipif(keywords._keywords is None, reason="the C scan is not built")


def _tables(words: tuple[str, ...]) -> list:
    return list(keywords._automaton.__wrapped__(words))


def test_every_pack_word_set_builds_the_python_tables():
    sets = list(pack_word_sets())
    assert len(sets) > 50
    for words in sets:
        assert _tables(words) == list(keywords._automaton_python(words)), words[:5]


@pytest.mark.parametrize("alphabet", ["ab", "abc ", "aé中😀", "ıİiI", "\u0300e\u0301"])
def test_random_overlapping_words_build_the_python_tables(alphabet):
    # Words inside words and suffixes of others (the failure links' and outputs' cases),
    # code points below 256, in the BMP and astral (the extra symbols' table).
    rng = random.Random(len(alphabet))
    for _ in range(400):
        words = tuple(sorted({
            "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 6)))
            for _ in range(rng.randint(1, 15))
        }))
        assert _tables(words) == list(keywords._automaton_python(words)), words


def test_the_c_tables_find_the_words_that_occur():
    rng = random.Random(7)
    for _ in range(200):
        words = {"".join(rng.choice("abé😀") for _ in range(rng.randint(1, 4))) for _ in range(8)}
        gate = Keywords(words)
        for _ in range(20):
            text = "".join(rng.choice("abcé😀 ") for _ in range(rng.randint(0, 25)))
            assert gate.found(text) == tuple(sorted(w for w in set(words) if w in text))


@pytest.mark.parametrize("bad", [(), ("",), ("a", "a"), ("a", 1), ["a"]])
def test_what_is_not_a_word_set_is_refused(bad):
    with pytest.raises((ValueError, TypeError)):
        keywords._keywords.automaton(bad)
