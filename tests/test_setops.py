"""The values pairs of paragraphs share, counted in C (core/_setops.c) one merge per pair, are
the numpy batches' counts on every input: sets, runs with repeated values, empty sets, a
paragraph paired with itself, values out of order (handed back to numpy), and the counts
of values with the lowest bit set. Without the extension numpy counts alone."""

import numpy as np
import pytest

from copydesk.core import fingerprint, match
from copydesk.core.config import Config
from copydesk.core.fingerprint import Fingerprinter

needs_c = pytest.mark.skipif(match._setops is None, reason="the C set counts are not built")


def _both(off, values, a, b, monkeypatch, by_low_bit=False):
    with_c = match._intersections(off, values, a, b, match.BATCH_ROWS, by_low_bit)
    with monkeypatch.context() as m:
        m.setattr(match, "_setops", None)
        without = match._intersections(off, values, a, b, 7, by_low_bit)  # small batches too
    return with_c, without


def _random_sets(rng, n, repeats):
    sizes = rng.integers(0, 12, n)
    parts = []
    for size in sizes:
        part = np.sort(rng.integers(0, 24, size).astype(np.uint32))  # small range: overlaps
        parts.append(part if repeats else np.unique(part))
    off = np.zeros(n + 1, dtype=np.int64)
    np.cumsum([len(p) for p in parts], out=off[1:])
    values = np.concatenate(parts) if parts else np.zeros(0, np.uint32)
    return off, values.astype(np.uint32)


@needs_c
@pytest.mark.parametrize("repeats", [False, True])
def test_random_pairs_share_what_numpy_counts(monkeypatch, repeats):
    rng = np.random.default_rng(18)
    for _ in range(200):
        n = int(rng.integers(1, 30))
        off, values = _random_sets(rng, n, repeats)
        pairs = int(rng.integers(1, 60))
        a = rng.integers(0, n, pairs).astype(np.int64)
        b = rng.integers(0, n, pairs).astype(np.int64)
        b[::5] = a[::5]  # a paragraph with itself
        got, expected = _both(off, values, a, b, monkeypatch)
        assert got.tolist() == expected.tolist()
        (odd, every), (odd_np, every_np) = _both(off, values, a, b, monkeypatch, True)
        assert every.tolist() == every_np.tolist() and odd.tolist() == odd_np.tolist()


@needs_c
def test_sets_share_their_intersection():
    off = np.array([0, 3, 5, 5, 8], dtype=np.int64)
    values = np.array([1, 4, 9, 4, 9, 2, 3, 9], dtype=np.uint32)
    counts, odd = match._setops.shared(off, values, np.array([0, 0, 2, 3], dtype=np.int64),
                                       np.array([1, 3, 0, 3], dtype=np.int64))
    assert np.frombuffer(counts, np.int64).tolist() == [2, 1, 0, 3]
    assert np.frombuffer(odd, np.int64).tolist() == [1, 1, 0, 2]  # 9; 9; none; 3 and 9


@needs_c
def test_values_out_of_order_are_left_to_numpy(monkeypatch):
    off = np.array([0, 3, 5], dtype=np.int64)
    values = np.array([9, 4, 1, 4, 9], dtype=np.uint32)  # the first set is not sorted
    a, b = np.array([0, 1], dtype=np.int64), np.array([1, 1], dtype=np.int64)
    assert match._setops.shared(off, values, a, b) is None
    got, expected = _both(off, values, a, b, monkeypatch)
    assert got.tolist() == expected.tolist()


@needs_c
def test_bad_input_is_refused():
    off = np.array([0, 2], dtype=np.int64)
    values = np.array([1, 2], dtype=np.uint32)
    with pytest.raises(IndexError):
        match._setops.shared(off, values, np.array([1], np.int64), np.array([0], np.int64))
    with pytest.raises(TypeError):
        match._setops.shared(off, values.astype(np.int64), np.zeros(1, np.int64),
                             np.zeros(1, np.int64))
    with pytest.raises(ValueError):
        match._setops.shared(off, values, np.zeros(2, np.int64), np.zeros(1, np.int64))


def test_matches_are_the_same_either_way(monkeypatch):
    texts = [
        "The council approved the new budget for the city library on Monday evening.",
        "The council approved the new budget for the city library on Monday night.",
        "On Monday the council approved the new budget for the city library, members said.",
        "The council approved the new budget for the town museum on Friday evening.",
        "Rain is expected across the region on Tuesday with winds from the north.",
    ] * 3
    prints = Fingerprinter(Config(min_tokens=4)).prints(texts)
    params = match.MatchParams(threshold=0.5, containment=0.7, exact_floor=0,
                               fact_tolerance=0.5, min_tokens=4, passage_shingles=4)
    found = match.find_matches(prints, params)
    monkeypatch.setattr(match, "_setops", None)
    again = match.find_matches(prints, params)
    assert len(found.a) > 0
    for name in ("rep", "a", "b", "inter", "jaccard", "contain", "kind", "same_facts"):
        assert getattr(found, name).tolist() == getattr(again, name).tolist(), name


# MinHash values in C (`_setops.minhash`, read by `Fingerprinter.signatures`) against numpy.
needs_c_minhash = pytest.mark.skipif(fingerprint._setops is None,
                                     reason="the C MinHash is not built")


@needs_c_minhash
@pytest.mark.parametrize("num_perm", [32, 64, 128, 1, 3, 33, 256])
def test_c_minhash_equals_numpy(num_perm):
    rng = np.random.default_rng(num_perm)
    fp = Fingerprinter(Config(num_perm=num_perm, bands=1))
    sizes = np.r_[1, 1, rng.integers(1, 200, 300), 5000]  # one-shingle rows, one huge row
    off = np.zeros(len(sizes) + 1, dtype=np.int64)
    np.cumsum(sizes, out=off[1:])
    sh = rng.integers(0, 1 << 32, int(off[-1]), dtype=np.uint64).astype(np.uint32)
    rows = np.r_[rng.permutation(len(sizes)), 3, 3].astype(np.int64)  # any order, repeats
    with_c = fp.signatures(sh, off, rows)
    assert np.array_equal(with_c, fp.signatures_numpy(sh, off, rows, chunk_rows=997))
    assert np.array_equal(with_c, fp.signatures_numpy(sh, off, rows))


@needs_c_minhash
def test_c_minhash_hands_empty_rows_and_bad_input_back():
    off = np.array([0, 2, 2, 3], dtype=np.int64)
    sh = np.array([5, 9, 7], dtype=np.uint32)
    a, b = fingerprint.permutations(4, 1)
    assert fingerprint._setops.minhash(off, sh, np.array([0, 1], np.int64), a, b) is None
    with pytest.raises(IndexError):
        fingerprint._setops.minhash(off, sh, np.array([3], np.int64), a, b)
    with pytest.raises(TypeError):
        fingerprint._setops.minhash(off, sh.astype(np.int64), np.zeros(1, np.int64), a, b)
    with pytest.raises(ValueError):
        fingerprint._setops.minhash(off, sh, np.zeros(1, np.int64), a, b[:2])


def test_prints_without_the_c_minhash_are_the_same(monkeypatch):
    fp = Fingerprinter(Config())
    texts = [f"Paragraph {k} says the harbour board met on day {k % 7} to vote." for k in range(40)]
    with_c = fp.prints(texts)
    monkeypatch.setattr(fingerprint, "_setops", None)
    without = fp.prints(texts)
    assert np.array_equal(with_c.bands, without.bands)


# Shingle sets and anchors in C (`_setops.shingles`, `_setops.anchors`) against numpy.
def _numpy_sets(units, lengths, k, window):
    seq_off, seq, seq_pid = fingerprint._ngrams(units, lengths, k)
    shingles = fingerprint._first_occurrences(seq_pid, seq, seq_off, len(lengths))
    return shingles, fingerprint._winnow(seq, seq_off, window)


def _c_sets(units, lengths, k, window):
    off = fingerprint._offsets(lengths)
    mult = fingerprint._POSITION_MULTIPLIERS
    sh_off, sh, pos = fingerprint._setops.shingles(units, off, k, mult)
    an_off, an = fingerprint._setops.anchors(units, off, k, window, mult)
    return ((np.frombuffer(sh_off, np.int64), np.frombuffer(sh, np.uint32),
             np.frombuffer(pos, np.uint16)),
            (np.frombuffer(an_off, np.int64), np.frombuffer(an, np.uint32)))


@needs_c_minhash
@pytest.mark.parametrize("k", [1, 2, 4, 5, 16])
@pytest.mark.parametrize("window", [1, 4, 7])
def test_c_shingle_sets_and_anchors_equal_numpy(k, window):
    rng = np.random.default_rng(k * 100 + window)
    for _ in range(30):
        # Empty paragraphs, paragraphs shorter than k or than the window, long ones; units
        # from a small range, so that grams repeat inside a paragraph.
        sizes = [0, 1, 2, 3, 5, 9, 40, 300]
        lengths = rng.choice(sizes, int(rng.integers(1, 40))).astype(np.int64)
        units = rng.integers(0, 6, int(lengths.sum()), dtype=np.uint64) * np.uint64(97)
        got, expected = _c_sets(units, lengths, k, window), _numpy_sets(units, lengths, k, window)
        for g, e in zip(got[0] + got[1], expected[0] + expected[1], strict=True):
            assert g.dtype == e.dtype and g.tolist() == e.tolist()


@needs_c_minhash
def test_c_first_positions_are_capped_as_numpy_caps_them():
    lengths = np.array([70_000, 3], dtype=np.int64)
    units = np.arange(70_003, dtype=np.uint64)  # every gram distinct: positions past 65535
    got, expected = _c_sets(units, lengths, 2, 4), _numpy_sets(units, lengths, 2, 4)
    for g, e in zip(got[0] + got[1], expected[0] + expected[1], strict=True):
        assert g.tolist() == e.tolist()
    assert int(got[0][2].max()) == 0xFFFF


@needs_c_minhash
def test_c_shingle_sets_refuse_bad_input_and_hand_odd_sizes_back():
    units = np.arange(5, dtype=np.uint64)
    off = np.array([0, 2, 5], dtype=np.int64)
    mult = fingerprint._POSITION_MULTIPLIERS
    assert fingerprint._setops.shingles(units, off, 0, mult) is None
    assert fingerprint._setops.shingles(units, off, len(mult) + 1, mult) is None
    assert fingerprint._setops.anchors(units, off, 2, 0, mult) is None
    with pytest.raises(TypeError):
        fingerprint._setops.shingles(units.astype(np.int64), off, 2, mult)
    with pytest.raises(ValueError):
        fingerprint._setops.shingles(units, np.array([0, 3, 2, 5], np.int64), 2, mult)
    with pytest.raises(ValueError):
        fingerprint._setops.anchors(units, np.array([0, 4], np.int64), 2, 4, mult)


@needs_c_minhash
def test_prints_take_the_c_sets(monkeypatch):
    def numpy_path(*args):
        raise AssertionError("the numpy n-grams ran")

    monkeypatch.setattr(fingerprint, "_ngrams", numpy_path)
    prints = Fingerprinter(Config()).prints(["The harbour board met on Monday to vote."])
    assert len(prints.sh) > 0 and len(prints.an) > 0


@pytest.mark.parametrize("config", [Config(), Config(ngram=5), Config(shingle="char", ngram=4)])
def test_prints_without_the_c_sets_are_the_same(monkeypatch, config):
    fp = Fingerprinter(config)
    texts = [f"Paragraph {k} says the harbour board met on day {k % 7} to vote, day {k}."
             for k in range(40)] + ["", "One.", "Two words", "Über Straße 12 and 13."]
    with_c = fp.prints(texts)
    monkeypatch.setattr(fingerprint, "_setops", None)
    without = fp.prints(texts)
    for name in ("exact", "ntokens", "sh_off", "sh", "sh_pos", "an_off", "an", "fact_off",
                 "fact", "bands"):
        got, expected = getattr(with_c, name), getattr(without, name)
        assert got.dtype == expected.dtype and got.tolist() == expected.tolist(), name


# A batch's word columns in C (`_setops.columns`, read by `fingerprint._word_columns`).
def _numpy_columns(values, n):
    with pytest.MonkeyPatch.context() as m:
        m.setattr(fingerprint, "_setops", None)
        return fingerprint._word_columns(values, n)


def _random_values(rng, tokens, separators):
    kinds = rng.choice([0, 1, 2, 3, fingerprint.SPECIAL], tokens).astype(np.uint64)
    kinds[rng.choice(tokens, min(separators, tokens), replace=False)] = fingerprint._SEPARATOR
    return (rng.integers(0, 1 << 60, tokens, dtype=np.uint64) << np.uint64(3)) | kinds


@needs_c_minhash
def test_c_word_columns_equal_numpy():
    rng = np.random.default_rng(21)
    for _ in range(300):
        separators = int(rng.integers(0, 8))
        # Boundaries before capitals, paragraphs without words, fewer paragraphs than n.
        values = _random_values(rng, int(rng.integers(0, 80)), separators)
        n = int((values & np.uint64(7) == fingerprint._SEPARATOR).sum()) + int(rng.integers(1, 3))
        got = fingerprint._word_columns(values, n)
        expected = _numpy_columns(values, n)
        for g, e in zip(got, expected, strict=True):
            assert g.dtype == e.dtype and g.tolist() == e.tolist()


@needs_c_minhash
def test_c_word_columns_hand_more_paragraphs_than_n_back():
    sep = fingerprint._SEPARATOR
    values = np.array([8 << 32, sep, 9 << 32, sep, 10 << 32], dtype=np.uint64)
    assert fingerprint._setops.columns(values, 2, sep, fingerprint.SPECIAL, fingerprint.NUMBER,
                                       fingerprint.CAPITAL) is None
    with pytest.raises(TypeError):
        fingerprint._setops.columns(values.astype(np.int64), 3, sep, fingerprint.SPECIAL,
                                    fingerprint.NUMBER, fingerprint.CAPITAL)


@needs_c_minhash
def test_prints_take_the_c_word_columns(monkeypatch):
    def numpy_path(*args):
        raise AssertionError("the numpy columns ran")

    monkeypatch.setattr(fingerprint, "_columns", numpy_path)
    fp = Fingerprinter(Config())
    prints = fp.prints(["The Harbour Board met on Monday, 3 May, to vote."])
    assert len(prints.fact) > 0
    assert fp.facts(["Minister Vaneol spoke on 4 June."])[1].tolist()


def test_facts_without_the_c_columns_are_the_same(monkeypatch):
    fp = Fingerprinter(Config())
    texts = ["Minister Vaneol spoke on 4 June.", "", "Rain. Then Sun and 12,5 mm in Oslo",
             "nothing here", "“Quoted Name” and Name again 7 7"]
    with_c = fp.facts(texts)
    monkeypatch.setattr(fingerprint, "_setops", None)
    without = fp.facts(texts)
    for got, expected in zip(with_c, without, strict=True):
        assert got.dtype == expected.dtype and got.tolist() == expected.tolist()
