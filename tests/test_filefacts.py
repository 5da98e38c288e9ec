"""The per-line work of classification in C (core/_filefacts.c) answers as the Python
functions it stands for, on any input: random lines over characters that Python's str methods read
differently from ASCII (other spaces, digits and capitals of other scripts, title case,
astral characters), and the lines of the samples and test fixtures."""

import math
import random
from pathlib import Path

import numpy as np
import pytest

from copydesk.core import (
    classify,
    credits,
    features,
    labels,
    openings,
    prose,
    roleboxes,
    signatures,
)

try:
    from copydesk.core import _filefacts
except ImportError:  # not built here: the Python functions run
    _filefacts = None

needs_c = pytest.mark.skipif(_filefacts is None, reason="the C file scans are not built")
HERE = Path(__file__).parent
# Spaces str.split() reads (and one it does not: U+200B), digits `\d` reads (Arabic-Indic,
# Devanagari, fullwidth, Mathematical bold: astral) and does not (superscripts, Roman
# numeral), capitals and title case of several scripts, marks, and plain letters.
ODD = (
    " \t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2009\u200a\u2028\u2029\u202f"
    "\u205f\u3000\u200b"
    "0123456789٠٣٩०७０９\U0001d7ce²¹Ⅻ"
    "AZÉÞΩЖԱǅᾈDžǈ\U0001d400aézßωжǆ"
    "\u0301東ภ-.,:()'’🙂"
)
ALPHABET = "abcdefghij ABCDE 12345 ,.:-" + ODD
DIRECTION_MARKS_AND_SPACES = ["\u200e", "\u200f", "\u061c", " ", "\u3000", "\x1c"]


def _line(rng: random.Random) -> str:
    # Up to 150 characters: either side of signatures' MAX_CHARS and MIN_PROSE_CHARS.
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(0, rng.choice((8, 60, 150)))))


def _random_files(seed: int, files: int) -> list[list[str]]:
    rng = random.Random(seed)
    out = []
    for _ in range(files):
        pool = [_line(rng) for _ in range(rng.randrange(1, 8))]
        # Lines drawn again from a small pool, so that openings recur (runs of items).
        out.append([rng.choice(pool) if rng.random() < 0.6 else _line(rng)
                    for _ in range(rng.randrange(0, 40))])
    return out


def _sample_files() -> list[list[str]]:
    paths = sorted((HERE.parent / "samples").rglob("*.txt")) + sorted(
        (HERE / "fixtures").rglob("*.txt")
    )
    return [p.read_text(encoding="utf-8", errors="replace").splitlines() for p in paths]


def _python_name_openers(stripped: list[str]) -> list[int]:
    return [i for i in range(1, len(stripped)) if roleboxes._may_open_with_name(stripped[i])]


@needs_c
def test_compiled_limits_are_the_modules():
    assert _filefacts.limits()[:2] == (openings.MAX_WORDS, openings.MIN_ITEMS)
    prose_words, sentence_words = _filefacts.limits()[2:]
    # prose.prose_of's two bars, read off its answers.
    assert prose.prose_of("x", prose_words) and not prose.prose_of("x", prose_words - 1)
    assert prose.prose_of("x.", sentence_words) and not prose.prose_of("x.", sentence_words - 1)


@needs_c
@pytest.mark.parametrize("seed", range(4))
def test_openings_as_python_on_random_lines(seed):
    for texts in _random_files(seed, 300):
        assert _filefacts.openings(texts) == openings._openings(texts)


@needs_c
def test_openings_as_python_on_sample_and_fixture_files():
    files = _sample_files()
    assert len(files) > 20
    found = 0
    for texts in files:
        expected = openings._openings(texts)
        assert _filefacts.openings(texts) == expected
        found += expected is not None
    assert found  # some file has runs of items


@needs_c
def test_openings_edges():
    cases = [
        [],
        ["", " ", "one"],
        ["a b"] * 3,
        ["12 plums", "3 pears", "٣ figs", "x1y22z items here", "x7y8z more here"],
        ["w " * 15] * 3,  # fifteen words: items
        ["w " * 16] * 3,  # sixteen: prose
        ["\x1cA\x1cb", "A\u3000b c", "A\x85d"],
        ["\U0001d7ce\U0001d7cf x", "00 x", "0 y", "२३ z"],
    ]
    for texts in cases:
        assert _filefacts.openings(texts) == openings._openings(texts), texts


@needs_c
@pytest.mark.parametrize("seed", range(4))
def test_name_openers_as_python_on_random_lines(seed):
    for texts in _random_files(seed, 300):
        stripped = [t.strip() for t in texts]
        assert roleboxes._may_open(stripped) == _python_name_openers(stripped)


@needs_c
def test_name_openers_as_python_on_sample_and_fixture_files():
    found = 0
    for texts in _sample_files():
        stripped = [t.strip() for t in texts]
        expected = _python_name_openers(stripped)
        assert roleboxes._may_open(stripped) == expected
        found += len(expected)
    assert found


@needs_c
def test_name_openers_edges():
    lines = ["", "Lena Ward is a transport planner who writes about trains.", "A", "A ",
             "A b", "ǅa Ǆb", "Ǆa Ǆb c d e f g h", "Élan Örn is a writer and editor in Oslo now",
             "Lena\u00a0Ward is a planner who writes about the trains", "Dr. Mia Lund is a vet"]
    stripped = ["", *lines]
    assert roleboxes._may_open(stripped) == _python_name_openers(stripped)
    assert _filefacts.name_openers(stripped) == [2, 7, 8, 10]
    with pytest.raises(TypeError):
        _filefacts.name_openers(["", None])
    with pytest.raises(TypeError):
        _filefacts.openings(["a b", 3])


@needs_c
@pytest.mark.parametrize("seed", range(4))
def test_under_prose_as_python_on_random_lines(seed):
    found = 0
    for texts in _random_files(seed, 300):
        expected = signatures._python_under_prose(texts)
        assert signatures._under_prose(texts) == expected
        found += len(expected)
    assert found


@needs_c
def test_under_prose_as_python_on_sample_and_fixture_files():
    found = 0
    for texts in _sample_files():
        expected = signatures._python_under_prose(texts)
        assert signatures._under_prose(texts) == expected
        found += len(expected)
    assert found


@needs_c
def test_under_prose_edges():
    prose = "A paragraph of prose, long enough to stand over a signature line."
    cases = [
        [],
        ["Cheers, Bob"],
        [prose, "Cheers, Bob", prose, "Cheers, Bob"],
        [prose, " Cheers, Bob\u3000", prose, "\x1cCheers, Bob", "x", "x"],
        [prose, "   ", prose, "   "],  # empty once stripped
        ["Cheers, Bob", "Cheers, Bob"],  # twice, but under no prose
        [prose, "b" * 120, prose, "b" * 120, prose, "c" * 121, prose, "c" * 121],
        ["a" * 39, "Sig", "a" * 40, "Sig", "a" * 40, "Sig", "a" * 40, "Other", "Other"],
    ]
    for texts in cases:
        assert signatures._under_prose(texts) == signatures._python_under_prose(texts), texts
    with pytest.raises(TypeError):
        _filefacts.under_prose(["a", None], 120, 40, 2)


@needs_c
def test_is_prose_is_the_c_one():
    assert prose.is_prose is not prose._is_prose
    assert prose.text_end is not prose._text_end


@needs_c
@pytest.mark.parametrize("seed", range(4))
def test_is_prose_as_python_on_random_lines(seed):
    rng = random.Random(seed)
    ends = [*prose.TERMINAL, *DIRECTION_MARKS_AND_SPACES, "x", ",", ""]
    found = 0
    for texts in _random_files(seed, 200):
        for text in texts:
            words = " w" * rng.choice((0, 7, 8, 9, 24, 25))
            for line in (text, text + words, words + text + rng.choice(ends) + rng.choice(ends)):
                expected = prose._is_prose(line)
                assert prose.is_prose(line) is expected, line
                assert prose.text_end(line) == prose._text_end(line), line
                found += expected
    assert found


@needs_c
def test_is_prose_as_python_on_sample_and_fixture_files():
    found = 0
    for texts in _sample_files():
        for text in texts:
            expected = prose._is_prose(text)
            assert prose.is_prose(text) is expected
            assert prose.text_end(text) == prose._text_end(text)
            found += expected
    assert found


@needs_c
def test_is_prose_edges():
    eight = "one two three four five six seven eight"
    for line in ["", eight, eight + ".", eight + ". \u200f ", eight + ".\u200f\u200e \u061c",
                 eight + " \u200f", eight + ",", eight + "।", "\u200f" * 9, " ".join("w" * 25),
                 "一二三四五六七八九十一二三四五六。", eight + "\x1c.\x1c"]:
        assert prose.is_prose(line) is prose._is_prose(line), line
        assert prose.text_end(line) == prose._text_end(line), line
    with pytest.raises(TypeError):
        prose.is_prose(None)
    with pytest.raises(TypeError):
        prose.text_end(None)


def _python_summary(row: list[float], score: float) -> str:
    return classify._summary(row, score)


def _summary_rows(seed: int) -> list[list[float]]:
    rng = random.Random(seed)
    # Counts stored as log1p, some at a half (round half to even), flags of 0 and 1.
    def count() -> float:
        return math.log1p(rng.choice((0, 0.5, 1, 1.5, 2, 2.5, 3, 4.5, 250, rng.random() * 50)))

    return [
        [count(), rng.choice((0.0, 1.0)), rng.choice((0.0, 1.0, 0.5)), count(), count(),
         rng.choice((0.0, 1.0))]
        for _ in range(2000)
    ]


def _c_summary(row: list[float], score: float) -> str:
    """The C account of one row of features (`summary_at` of a matrix of that row)."""
    return _filefacts.summary_at(np.array([row], dtype=np.float64), 0, score)


@needs_c
@pytest.mark.parametrize("seed", range(3))
def test_summary_as_python(seed):
    rng = random.Random(seed)
    for row in _summary_rows(seed):
        score = round(rng.random(), 3)
        assert _c_summary(row, score) == _python_summary(row, score)
    for score in (0.0, 0.005, 0.015, 0.125, 0.994, 0.995, 1.0):
        assert _c_summary(row, score) == _python_summary(row, score)


@needs_c
def test_summary_of_a_pass_is_the_c_one():
    x = np.zeros((3, len(features.FEATURES)))
    summaries = classify._Summaries(x)
    expected = _python_summary([0.0] * 6, 0.5)
    assert summaries(1, 0.5) == expected == (
        "line model: body probability 0.50 (0 words, no sentence end, 0 lines from the body "
        "region)"
    )
    with pytest.raises(ValueError):
        _c_summary([math.nan] * 6, 0.5)
    with pytest.raises(ValueError):
        _c_summary([0.0] * 5, 0.5)


@needs_c
@pytest.mark.parametrize("seed", range(2))
def test_summaries_read_in_place_are_those_of_each_row(seed):
    # `_Summaries` hands C the pass's six columns as a matrix (`summary_at`), not each
    # row as a list of floats: the account of every row must be the Python one of its row.
    rng = random.Random(seed)
    rows = _summary_rows(seed)
    x = np.zeros((len(rows), len(features.FEATURES)))
    x[:, list(classify._Summaries._PICK)] = rows
    x[:, 1] = [rng.random() for _ in rows]  # (a column no summary reads)
    summaries = classify._Summaries(x)
    for k in [*rng.sample(range(len(rows)), 400), 0, len(rows) - 1]:
        score = round(rng.random(), 3)
        assert summaries(k, score) == _python_summary(rows[k], score)
        assert _filefacts.summary_at(summaries.picked, k, score) == _python_summary(rows[k], score)
    for bad in (len(rows), -1):
        with pytest.raises(IndexError):
            _filefacts.summary_at(summaries.picked, bad, 0.5)
    for matrix in (np.zeros((3, 5)), np.zeros((3, 6), dtype=np.float32), np.zeros((6, 3)).T):
        with pytest.raises((ValueError, BufferError)):
            _filefacts.summary_at(matrix, 0, 0.5)


def _entries(rng: random.Random) -> list[str]:
    """Entries that each show a few labels in turn, with 0 to 3 other lines after each
    (some labels missed, some entries' labels crowded together, a menu's items between)."""
    labels_ = [f"Label {c}" for c in "ABCDE"[: rng.randrange(2, 5)]]
    texts: list[str] = []
    for entry in range(rng.randrange(2, 14)):
        for label in labels_:
            if rng.random() < 0.9:
                texts.append(label)
            for other in range(rng.choice((0, 1, 1, 2, 3))):
                texts.append(rng.choice((f"Entry {entry}, line {other}.", "Menu", "Home")))
    return texts


def _label_files(seed: int, files: int) -> list[list[str]]:
    """Files of short labels that recur (entries' "Pros" and "Cons", a menu captured
    twice), some taking turns, among other lines."""
    rng = random.Random(seed)
    out = [_entries(rng) for _ in range(files)]
    for _ in range(files):
        labels = [f"Label {c}" for c in "ABCDEFGHIJ"[: rng.randrange(2, 10)]]
        texts: list[str] = []
        for _ in range(rng.randrange(2, 120)):
            roll = rng.random()
            if roll < 0.45:
                texts.append(rng.choice(labels))
            elif roll < 0.55 and texts:
                texts.append(texts[-1])
            else:
                texts.append(f"A line of its own {len(texts)}.")
        out.append(texts)
    return out


@needs_c
@pytest.mark.parametrize("seed", range(4))
def test_label_pairs_as_python(seed, monkeypatch):
    found = 0
    for texts in _label_files(seed, 400):
        fast = labels.recurring_pairs(texts)
        with monkeypatch.context() as patch:
            patch.setattr(labels, "_filefacts", None)
            slow = labels.recurring_pairs(texts)
        assert fast == slow
        found += len(fast)
    assert found


@needs_c
def test_label_pairs_as_python_on_sample_and_fixture_files(monkeypatch):
    for texts in _sample_files():
        fast = labels.recurring_pairs(texts)
        with monkeypatch.context() as patch:
            patch.setattr(labels, "_filefacts", None)
            assert labels.recurring_pairs(texts) == fast


@needs_c
def test_label_pairs_refuses_what_the_search_cannot_read():
    with pytest.raises(ValueError):
        _filefacts.label_pairs([[0]], 3, labels.PARTNERS, labels.MISS_TURNS)  # one line
    with pytest.raises(ValueError):
        _filefacts.label_pairs([[2, 1]], 3, labels.PARTNERS, labels.MISS_TURNS)  # order
    with pytest.raises(ValueError):
        _filefacts.label_pairs([[0, 3]], 3, labels.PARTNERS, labels.MISS_TURNS)  # beyond
    with pytest.raises(ValueError):
        _filefacts.label_pairs([[0, 2], [2, 4]], 5, labels.PARTNERS, labels.MISS_TURNS)
    assert _filefacts.label_pairs([], 0, labels.PARTNERS, labels.MISS_TURNS) == []


def _held_python(text: str, grams) -> int:
    return sum(len(g) == 3 and g in text for g in grams)


@needs_c
@pytest.mark.parametrize("seed", range(4))
def test_held_trigrams_as_python(seed):
    rng = random.Random(seed)
    for _ in range(400):
        text = "\n".join(_line(rng) for _ in range(rng.randint(0, 6)))
        # Grams of the text itself (its first and last trigram among them), and others.
        grams = {text[k : k + 3] for k in range(0, max(0, len(text) - 2), 3)}
        grams |= {text[-3:], text[:3]} if len(text) >= 3 else set()
        grams |= {_line(rng)[:n] for n in (1, 2, 3, 3, 3, 4) for _ in range(3)}
        assert _filefacts.held_trigrams(text, grams) == _held_python(text, grams)
        assert _filefacts.held_trigrams(text, list(grams)) == _held_python(text, grams)


@needs_c
def test_held_trigrams_edges():
    assert _filefacts.held_trigrams("", ["abc", ""]) == 0
    assert _filefacts.held_trigrams("ab", ["ab", "abc"]) == 0
    assert _filefacts.held_trigrams("abc", ["abc", "bc", "abcd"]) == 1
    # The same code points in strings of every width: one trigram.
    assert _filefacts.held_trigrams("x\u20acabc\U0001d400", ["abc", "\u20acab", "c\U0001d400"]) == 2
    assert _filefacts.held_trigrams("abc\U0001d400", ["bc\U0001d400", "ab"]) == 1
    # A text far longer than a gram's table of 64 slots, each trigram once.
    text = "".join(chr(0x4E00 + k) for k in range(5000))
    grams = [text[k : k + 3] for k in range(0, 4998, 7)] + ["\u4e00\u4e02\u4e01"]
    assert _filefacts.held_trigrams(text, grams) == len(grams) - 1
    with pytest.raises(TypeError):
        _filefacts.held_trigrams("abc", [b"abc"])
    with pytest.raises(TypeError):
        _filefacts.held_trigrams(b"abc", ["abc"])


@pytest.mark.parametrize("seed", range(3))
def test_lead_shares_as_its_python_holds(seed, monkeypatch):
    """`titles.Lead.shared` (trigrams counted in C where no line is of the no-space scripts)
    gives what the count of `holds` gives, with and without the C module."""
    from copydesk.core import titles

    rng = random.Random(seed)
    words = ["council", "bridge", "river", "school", "Brücke", "мост", "東京", "ภาษา", "über"]
    for _ in range(200):
        lines = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 12)))
                 for _ in range(rng.randint(0, 5))]
        candidate = " ".join(rng.choice(words) for _ in range(rng.randint(0, 6)))
        lead = titles.Lead(lines)
        own = titles.vocabulary(candidate)
        expected = sum(map(lead.holds, own)) / len(own) if own else 0.0
        assert lead.shared(candidate) == expected
        monkeypatch.setattr(titles, "_filefacts", None)
        assert titles.Lead(lines).shared(candidate) == expected
        monkeypatch.undo()


@needs_c
def test_lead_shares_through_the_c_count(monkeypatch):
    from copydesk.core import titles

    counted = []

    def held(text, grams):
        counted.append(text)
        return _filefacts.held_trigrams(text, grams)

    monkeypatch.setattr(titles, "_filefacts", type("C", (), {"held_trigrams": staticmethod(held)}))
    lead = titles.Lead(["The council voted to build a footbridge.", "The bridge opens in May."])
    assert lead.shared("Council backs new footbridge") > 0.5
    assert counted == ["the council voted to build a footbridge.\nthe bridge opens in may."]


_CREDIT_ENDS = [" by Jo", " BY Ann", "Standby Jo", " via AP", "©", " Courtesy", " courtesyX", ":",
                "Source: a.com", " vía Ω", ""]


def _credit_files(seed: int, files: int) -> list[list[str]]:
    """Random lines closed by a few shared ends, some holding a credit's mark, some near
    it (\"Standby\", \"vía\"), at random distances from the line's end."""
    rng = random.Random(seed)
    out = []
    for _ in range(files):
        ends = [rng.choice(_CREDIT_ENDS) + "".join(rng.choice(ALPHABET) for _ in range(
            rng.choice((0, 0, 3, 70, 90)))) for _ in range(rng.randrange(1, 4))]
        out.append([_line(rng) + rng.choice(ends) for _ in range(rng.randrange(0, 30))])
    return out


@needs_c
@pytest.mark.parametrize("seed", range(4))
def test_credit_candidates_as_python_on_random_lines(seed):
    found = 0
    for texts in _credit_files(seed, 300):
        expected = credits._candidates(texts)
        assert _filefacts.credit_candidates(
            texts, credits.TAIL, credits.MIN_LINES, credits._READ
        ) == expected
        found += expected is not None
    assert found


@needs_c
def test_credit_candidates_as_python_on_sample_and_fixture_files():
    for texts in _sample_files():
        assert _filefacts.credit_candidates(
            texts, credits.TAIL, credits.MIN_LINES, credits._READ
        ) == credits._candidates(texts)
