"""Fingerprinting's tokens found in C (core/_tokens.c) are the token patterns' own, with the
same vocabulary values, on every input: each character's class is read from a table made
with the patterns' character classes, and paragraphs beyond the Basic Multilingual Plane are
handed to the patterns. Without the extension every batch takes the patterns' path."""

import random
import zlib

import numpy as np
import pytest

from copydesk.core import fingerprint
from copydesk.core.config import Config

needs_c = pytest.mark.skipif(fingerprint._ctokens is None, reason="the C tokens are not built")

# Characters where a tokenizer could go wrong: underscores and apostrophes (word and number
# separators), digits of other scripts (decimal: numbers) and superscripts and fractions
# (not decimal, yet word characters), combining marks (Latin accents, Indic vowel signs,
# Thai marks: they make the whole paragraph take the marks' pattern), characters of scripts
# written without spaces, sentence boundaries, line breaks, letters beyond the BMP.
TRICKY = (
    "aZ09_ '’.,;:!?…。！？“«\"„¿¡\n\t-ÀéßÿĳŉǅΩжѢ"
    "×÷ªº²³¹¼½µ\u2070\u2071\u2460\u00a0\u2009"
    "\u0660\u0661\u06f1\u0966\u0967\u0e50\uff10\uff11"
    "\u0301\u0327\u0915\u093f\u094d\u0e01\u0e31\u0e48\u0bcd"
    "\u3042\u30a2\u4e00\u0e81\u1000\u1780\uf900"
    "🙂𝟘𝐀𠀀"
)


def _values(texts: list[str], native: bool) -> np.ndarray:
    """The batch's vocabulary values, from a vocabulary of its own (so that new tokens go
    through its __missing__ on both paths)."""
    saved_c, saved_vocab = fingerprint._ctokens, fingerprint._VOCAB
    fingerprint._VOCAB = fingerprint._Vocabulary()
    if not native:
        fingerprint._ctokens = None
    try:
        return fingerprint.Fingerprinter(Config())._tokens(texts)[0]
    finally:
        fingerprint._ctokens, fingerprint._VOCAB = saved_c, saved_vocab


def _random_text(rng: random.Random) -> str:
    n = rng.randint(0, 40)
    draw = rng.random()
    if draw < 0.5:
        return "".join(rng.choice(TRICKY) for _ in range(n))
    if draw < 0.9:  # anything in the BMP, lone surrogates included
        return "".join(chr(rng.randint(0, 0xFFFF)) for _ in range(n))
    return "".join(chr(rng.randint(0, 0x10FFFF)) for _ in range(n))


@needs_c
def test_random_batches_give_the_patterns_tokens():
    rng = random.Random(18)
    for _ in range(3000):
        texts = [_random_text(rng) for _ in range(rng.randint(1, 5))]
        assert _values(texts, True).tobytes() == _values(texts, False).tobytes(), texts


@needs_c
def test_every_character_of_the_plane_in_every_position_of_a_token():
    # Each code point alone, at the start, inside and at the end of a word, between the
    # digit groups of a number, and beside a combining mark: every class of every character.
    texts = []
    for code in range(0x10000):
        c = chr(code)
        texts.append(f"{c} a{c}b {c}x 7{c}5 3,{c} x{c}")
        if code % 7 == 0:
            texts.append(f"{c}\u0301 é{c}1")
    assert _values(texts, True).tobytes() == _values(texts, False).tobytes()


@needs_c
def test_numbers_words_and_separators_in_c():
    texts = ["Rev. 1,200.50 to 3'000 – it's 12’5 and 4.", "x_y 2² a\u0301b", "", "\n", "🙂 A.1"]
    values = _values(texts, True)
    assert values.tobytes() == _values(texts, False).tobytes()
    words = values[(values & 4) == 0]  # not a boundary nor a separator: words and numbers
    numbers = words[(words & 1) == 1]
    assert len(numbers) == 7  # 1,200.50 3'000 12’5 4, 2 and ² (a word: not a decimal), 1
    assert (values == fingerprint._SEPARATOR).sum() == 4  # between the five paragraphs


@needs_c
def test_prints_are_the_same_with_and_without_the_c_tokens(monkeypatch):
    texts = [
        "The mayor of Springfield said on Tuesday that 1,200 homes would be connected.",
        "Le maire a déclaré mardi que 1 200 foyers seraient raccordés d’ici l’été.",
        "नगर निगम ने मंगलवार को कहा कि १२०० घरों को जोड़ा जाएगा।",
        "市长周二表示，将有一千二百户家庭接入。 Ünïcödé ﬁne 𝐀𝐁 text.",
        "line one\nline two\n\nline three",
    ]
    fp = fingerprint.Fingerprinter(Config(min_tokens=1))
    with_c = fp.prints(texts)
    monkeypatch.setattr(fingerprint, "_ctokens", None)
    without = fp.prints(texts)
    for name in with_c.__slots__:
        assert getattr(with_c, name).tobytes() == getattr(without, name).tobytes(), name


@needs_c
def test_the_c_tokens_refuse_what_they_cannot_read():
    table, ready = fingerprint._CLASSES, fingerprint._CLASSES_READY
    fill, fallback = fingerprint._fill_classes, fingerprint._paragraph_tokens
    values = fingerprint._ctokens.values
    with pytest.raises(TypeError):
        values([3], {}, table, ready, fill, fallback)
    with pytest.raises(ValueError):
        values(["a"], {}, bytearray(10), ready, fill, fallback)
    with pytest.raises(KeyError):  # a plain dict has no __missing__
        values(["word"], {}, table, ready, fill, fallback)
    with pytest.raises(ValueError):  # a fill that does not fill
        values(["\u0400"], {}, table, bytearray(0x100), lambda block: None, fallback)


def test_the_class_table_is_made_with_the_patterns_classes():
    # Filled block by block, as the C code asks: a letter, a digit of another script, a
    # boundary, a mark, a character of a script written without spaces, a line break.
    for c in "a١.\u0301\u0e01\n":
        fingerprint._fill_classes(ord(c) >> 8)
        assert fingerprint._CLASSES_READY[ord(c) >> 8] == 1
    flags = {c: fingerprint._CLASSES[ord(c)] for c in "a١.\u0301\u0e01\n"}
    assert flags["a"] == 1 | 2 | 64 | 128
    assert flags["١"] == 2 | 4 | 128
    assert flags["."] == 8 | 16
    assert flags["\u0301"] == 32 | 64 | 128
    assert flags["\u0e01"] == 8
    assert flags["\n"] == 0  # a line break inside a paragraph is a space


def test_vocabulary_values_say_number_name_or_word():
    # Bits 32-63: the matching form's hash; a number (any digit, of any script, once
    # normalized) keys its facts by that hash, a capitalised word by its set of letters.
    vocab = fingerprint._Vocabulary()
    for token in ["1,200", "x2", "²", "١٢", "Ⅻ", "①", "word", "Name", "Ωmega", "İz", "ﬁ"]:
        norm = fingerprint.normalize_token(token)
        full = fingerprint._hash64(norm)
        expected = full & ~0xFFFFFFFF
        if any(c.isdigit() for c in norm):
            expected |= (full >> 35) << 3 | fingerprint.NUMBER
        elif token[0].isupper():
            letters = "".join(sorted(set(norm)))
            expected |= (fingerprint._hash64(letters) >> 35) << 3 | fingerprint.CAPITAL
        assert vocab[token] == expected, token
    assert vocab["1,200"] & fingerprint.NUMBER and vocab["x2"] & fingerprint.NUMBER
    assert vocab["Name"] & fingerprint.CAPITAL and not vocab["word"] & 7


class _Counted(dict):
    """A vocabulary whose value of a token is computed by a function of its own (so two
    vocabularies can disagree) and counted."""

    def __init__(self, salt: int) -> None:
        super().__init__()
        self.salt = salt
        self.computed = 0

    def __missing__(self, token: str) -> int:
        self.computed += 1
        value = (zlib.crc32(token.encode("utf-8", "surrogatepass")) << 8) | self.salt
        self[token] = value
        return value


def _c_values(texts: list[str], vocab: dict) -> list[int]:
    data = fingerprint._ctokens.values(texts, vocab, fingerprint._CLASSES,
                                       fingerprint._CLASSES_READY, fingerprint._fill_classes,
                                       fingerprint._paragraph_tokens)
    return np.frombuffer(data, dtype=np.uint64).tolist()


def _expected(texts: list[str], vocab: dict) -> list[int]:
    found = []
    for text in texts:
        found += [*fingerprint._paragraph_tokens(text), "\n"]
    return [vocab[t] for t in found[:-1]]


@needs_c
def test_tokens_seen_before_are_not_computed_again():
    # The C side keeps the values of the tokens it has seen: a vocabulary emptied (as
    # _Vocabulary is past two million entries) is not asked again for them.
    vocab = _Counted(1)
    texts = ["The cat sat on the mat.", "Zoë's café — naïve"]
    first = _c_values(texts, vocab)
    computed = vocab.computed
    vocab.clear()
    assert computed == 12  # the ten words, "." and the separator
    assert _c_values(texts, vocab) == first
    assert vocab.computed == computed + 1  # the separator alone, asked once a batch


@needs_c
def test_the_kept_values_are_the_vocabularys_own():
    # Another vocabulary, other values: what was kept for the first is not read for it.
    texts = ["word Name 12 café", "ж word Name café"]
    one, two = _Counted(1), _Counted(2)
    assert _c_values(texts, one) == _expected(texts, one)
    assert _c_values(texts, two) == _expected(texts, two)
    assert _c_values(texts, one) == _expected(texts, one)


@needs_c
def test_a_token_is_the_same_key_in_paragraphs_of_every_width():
    # Python keeps "café" in one byte a character, in two beside "ж", in four beside "🙂"
    # (that paragraph takes the patterns), and "Ωmega" in two or four: one token each.
    texts = ["café Ωmega", "café ж Ωmega", "café Ωmega \U0001f642", "\u4e00café", "café"]
    vocab = _Counted(3)
    assert _c_values(texts, vocab) == _expected(texts, vocab)
    assert vocab.computed == len(set(_expected(texts, vocab)))
    again = _Counted(3)
    assert _c_values(texts[::-1], again) == _expected(texts[::-1], again)


@needs_c
def test_long_tokens_and_a_full_table_give_the_vocabularys_values():
    # Tokens longer than the table keeps, and more distinct tokens than it holds (it is
    # emptied and filled again): every value is still the vocabulary's.
    rng = random.Random(24)
    long_words = ["x" * n + "y" for n in (31, 32, 33, 200)]
    texts = [" ".join(long_words)]
    for start in range(0, 300_000, 2_000):
        texts.append(" ".join(f"w{k}" for k in range(start, start + 2_000)))
    texts.append(" ".join(rng.choice(long_words) + f" w{rng.randrange(300_000)}"
                          for _ in range(1_000)))
    vocab = _Counted(4)
    assert _c_values(texts, vocab) == _expected(texts, vocab)
