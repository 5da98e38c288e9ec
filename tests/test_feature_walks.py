"""The model passes' feature columns and item runs walked in C (session 33, byte-identical).

Every model pass of every file rebuilt its context columns, its cohesion columns, its
counted line columns and its after-comments column with some hundred numpy calls, each
costing more than its work on a page's few hundred rows, and walked its rows in Python for
the runs of list items and the lines a header took. `core/_filefacts.c` now does each in one
walk (`context_into`, `cohesion_into`, `line_into`, `comments_into`, `item_runs`,
`unplain`), with numpy's own logarithms, sums and medians kept where numpy's rounding could
differ from the C library's. The model's thresholds were learnt on the numpy columns: any
difference in the last bit can flip a line, so every comparison here is exact.

- each C walk gives its numpy or Python twin's values bit for bit, on random files and
  subsets of every size, and on the sample pages;
- `features_of` with the C walks equals `features_of` with none of them (the module
  without `_filefacts`), so a page's features are the same wherever the extension is built;
- the C walks refuse what is not the shapes they read;
- `held_trigrams` keeps the set of the last text it was asked about and answers for a new
  text as for the first.
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from copydesk.core import classify, features, openings, siblings, titles
from copydesk.core.model import Label, Verdict

try:
    from copydesk.core import _filefacts
except ImportError:  # not built here: the twins run, nothing to compare
    _filefacts = None

needs_c = pytest.mark.skipif(_filefacts is None, reason="the C extension is not built")

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
_WORDS = [
    "Alpha", "beta", "gamma", "delta", "Home", "News", "river", "bridge", "council",
    "market", "ночь", "город", "Straße", "über", "café", "2024", "|", "•", "the", "and",
]
_STOPWORDS = frozenset(["beta", "the", "and"])


def _texts(rng: random.Random, n: int) -> list[str]:
    """Lines of a random page: empty, menu words, fragments, sentences, long paragraphs,
    some repeated (the repeat column), ending in a stop, a colon, a question or nothing."""
    pool = []
    for _ in range(max(1, n // 2)):
        size = rng.choice([0, 1, 2, 3, 5, 8, 11, 14, 26, 40])
        words = " ".join(rng.choice(_WORDS) for _ in range(size))
        pool.append(words + rng.choice(["", ".", ":", "?", ","]))
    return [rng.choice(pool) for _ in range(n)]


def _cases(seed: int, count: int):
    """Random files' rows, each with every line and with a random subset in play, and
    rule codes for the lines in play."""
    rng = random.Random(seed)
    for _ in range(count):
        n = rng.randint(1, 90)
        rows = features.row_features(_texts(rng, n), _STOPWORDS)
        subsets = [None, np.array(sorted(rng.sample(range(n), rng.randint(1, n))), np.int64)]
        for subset in subsets:
            m = n if subset is None else len(subset)
            codes = [rng.choice([0, 0, 0, 1, 2, 3, 4, 5, 6]) for _ in range(m)]
            yield rows, subset, codes


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    return a.shape == b.shape and a.dtype == b.dtype and a.tobytes() == b.tobytes()


@needs_c
@pytest.mark.parametrize("seed", range(3))
def test_context_columns_in_c_are_numpys(seed):
    for rows, subset, codes in _cases(seed, 400):
        line, prose_rows = features._line_features(rows, subset, codes)
        shape = (line.shape[0], len(features.CONTEXT_FEATURES))
        want = features._context_numpy(np.zeros(shape), line, prose_rows)
        assert _same(features._context_in_c(np.zeros(shape), line, prose_rows), want)
        assert _same(features._context_in_c(np.zeros(shape), line, None), want)


@needs_c
@pytest.mark.parametrize("seed", range(3))
def test_cohesion_columns_in_c_are_numpys(seed):
    for rows, subset, codes in _cases(100 + seed, 400):
        line, prose_rows = features._line_features(rows, subset, codes)
        prose = prose_rows[1]
        want = features._cohesion_many([(rows, subset)], line, prose)
        assert _same(features._cohesion_one(rows, subset, prose), want)


@needs_c
@pytest.mark.parametrize("seed", range(3))
def test_counted_line_columns_in_c_are_numpys(seed):
    col = features._COL
    for rows, subset, codes in _cases(200 + seed, 400):
        own = rows.own.copy() if subset is None else rows.own[subset]
        ids = rows.ids if subset is None else rows.ids[subset]
        chars = rows.chars if subset is None else rows.chars[subset]
        want, got = own.copy(), own.copy()
        features._counted_columns(want, ids, chars, codes)
        _filefacts.line_into(
            got, ids, chars, codes, features._log1p_table(len(own)), col["repeated"],
            features._RULE_COLUMNS.start, col["position"], col["char_position"],
        )
        assert _same(got, want)


@needs_c
def test_after_comments_column_in_c_is_numpys():
    rng = random.Random(7)
    for _ in range(5000):
        n = rng.randint(0, 30)
        codes = [rng.choice([0, 0, 0, 1, 2, 5, 6, 6]) for _ in range(n)]
        prose = np.array([rng.random() < 0.5 for _ in range(n)], dtype=bool)
        out = np.zeros((n, 4))
        _filefacts.comments_into(out, 2, codes, prose)
        assert _same(out[:, 2].copy(), features.comment_columns(codes, prose))
        assert not out[:, [0, 1, 3]].any()  # no other column written


@needs_c
@pytest.mark.parametrize("seed", range(2))
def test_features_of_with_the_c_walks_equals_features_of_without(seed, monkeypatch):
    """A page's features are the same where the extension is built and where it is not."""
    cases = list(_cases(300 + seed, 250))
    with_c = [features.features_of(rows, subset, codes) for rows, subset, codes in cases]
    monkeypatch.setattr(features, "_filefacts", None)
    for (rows, subset, codes), got in zip(cases, with_c, strict=True):
        assert _same(got, features.features_of(rows, subset, codes))


@needs_c
def test_sample_pages_features_are_the_same_with_and_without_the_c_walks(monkeypatch):
    pages = sorted(SAMPLES.glob("*.txt"))
    assert pages
    cases = []
    for page in pages:
        texts = page.read_text(encoding="utf-8").splitlines()
        rows = features.row_features(texts, _STOPWORDS)
        half = np.arange(0, len(texts), 2, dtype=np.int64)
        cases += [(rows, None, [0] * len(texts)), (rows, half, [0, 6, 1] * len(half))]
    cases = [(r, s, c[: len(r.chars) if s is None else len(s)]) for r, s, c in cases]
    with_c = [features.features_of(*case) for case in cases]
    monkeypatch.setattr(features, "_filefacts", None)
    for case, got in zip(cases, with_c, strict=True):
        assert _same(got, features.features_of(*case))


def _item_case(rng: random.Random):
    n = rng.randint(0, 40)
    forms = [rng.choice([0, 1, 2, 3, 4, 1, 2, 3]) for _ in range(n)]
    keys = [rng.choice([None, "a", "b", "0", None]) for _ in range(n)]
    rows = sorted(rng.sample(range(n), rng.randint(0, n)))
    todo = sorted(rng.sample(range(len(rows)), rng.randint(0, len(rows))))
    lists = {k: 0.5 for k in rng.sample(range(len(rows)), rng.randint(0, len(rows)))}
    return rows, todo, lists, forms if rng.random() < 0.8 else None, (
        keys if rng.random() < 0.8 else None
    )


@needs_c
def test_item_runs_in_c_are_the_python_runs():
    rng = random.Random(5)
    found = [0, 0]
    for _ in range(20000):
        rows, todo, lists, forms, keys = _item_case(rng)
        want = classify._item_runs_of(rows, todo, lists, forms, keys)
        got = _filefacts.item_runs(rows, todo, lists, forms, keys)
        assert tuple(got) == tuple(want)
        found[0] += bool(got[0])
        found[1] += bool(got[1])
    assert min(found) > 100  # runs of both kinds were found, not only empty answers


def test_item_runs_twin_is_siblings_and_openings_runs():
    """The Python twin asks what `_item_scores` asked before: siblings.runs and
    openings.runs of the rows' forms and openings, open where todo is not a header's."""
    rng = random.Random(6)
    for _ in range(3000):
        rows, todo, lists, forms, keys = _item_case(rng)
        open_ = [False] * len(rows)
        for k in todo:
            open_[k] = k not in lists
        want = (
            [] if forms is None else siblings.runs([forms[i] for i in rows], open_),
            [] if keys is None else openings.runs([keys[i] for i in rows], open_),
        )
        assert classify._item_runs_of(rows, todo, lists, forms, keys) == want


@needs_c
def test_item_scores_are_the_same_with_and_without_c(monkeypatch):
    rng = random.Random(8)
    cases = []
    for _ in range(2000):
        rows, todo, lists, forms, keys = _item_case(rng)
        p = np.array([rng.random() for _ in range(len(rows))])
        cases.append((rows, todo, forms, p, lists, keys))
    with_c = [classify._item_scores(*case) for case in cases]
    monkeypatch.setattr(classify, "_filefacts", None)
    assert [classify._item_scores(*case) for case in cases] == with_c


@needs_c
def test_unplain_is_the_lines_not_plain_body():
    kinds = [
        Verdict(Label.BODY),
        Verdict(Label.BOILERPLATE, rule="menu"),
        Verdict(Label.BODY, rule="line-model", score=0.7),
        Verdict(Label.BOILERPLATE, rule="line-model", score=0.2),
    ]
    rng = random.Random(9)
    for _ in range(5000):
        n = rng.randint(0, 30)
        verdicts = [rng.choice(kinds) for _ in range(n)]
        rows = sorted(rng.sample(range(n), rng.randint(0, n)))
        todo = sorted(rng.sample(range(len(rows)), rng.randint(0, len(rows))))
        want = [k for k in todo if not (verdicts[rows[k]].keep and verdicts[rows[k]].rule is None)]
        assert _filefacts.unplain(verdicts, rows, todo) == want


@needs_c
def test_the_c_walks_refuse_what_they_cannot_read():
    out = np.zeros((3, len(features.CONTEXT_FEATURES)))
    line = np.zeros((3, len(features.LINE_FEATURES)))
    words, prose = np.zeros(3), np.zeros(3, dtype=bool)
    with pytest.raises(ValueError):  # logs of the wrong shape
        _filefacts.context_into(out, np.zeros((6, 3)), line, words, prose, words, 1.0)
    with pytest.raises(ValueError):  # a prose flag short
        _filefacts.context_into(out, np.zeros((7, 3)), line, words, prose[:2], words, 1.0)
    vocab, owner = np.array([0, 1], np.int64), np.array([0, 5], np.int64)
    with pytest.raises(ValueError):  # a word's line past the file's
        _filefacts.cohesion_into(np.zeros((3, 2)), vocab, owner, 3, None, prose, np.zeros(9))
    with pytest.raises(TypeError):  # words numbered in floats
        _filefacts.cohesion_into(np.zeros((3, 2)), np.zeros(2), owner, 3, None, prose, np.zeros(9))
    own = np.zeros((3, len(features.LINE_FEATURES)))
    ids = np.zeros(3, np.int64)
    with pytest.raises(ValueError):  # a rule code outside 0-6
        _filefacts.line_into(own, ids, ids, [0, 7, 0], np.zeros(9), 14, 15, 20, 21)
    with pytest.raises(ValueError):  # a code short
        _filefacts.comments_into(out, 30, [0, 6], prose)
    with pytest.raises(IndexError):
        _filefacts.item_runs([0, 9], [0, 1], {}, [1, 1], None)
    with pytest.raises(TypeError):
        _filefacts.item_runs((0,), [0], {}, None, None)


@needs_c
def test_held_trigrams_answers_for_each_text_after_another():
    """The set of the last text asked about is kept: a new text gets its own answer, the
    old one its own again, and grams made by a generator that asks about another text
    meanwhile are counted in the text they were asked about."""
    first, second = "the council closed the bridge", "river market opened"
    assert _filefacts.held_trigrams(first, ["cou", "bri", "riv"]) == 2
    assert _filefacts.held_trigrams(second, ["cou", "bri", "riv"]) == 1
    assert _filefacts.held_trigrams(first, {"cou", "bri", "riv"}) == 2
    assert _filefacts.held_trigrams("".join(["the council ", "closed"]), ["cou", "sed"]) == 2

    def grams():
        assert _filefacts.held_trigrams(second, ["mar"]) == 1
        yield from ["cou", "mar", "the"]

    assert _filefacts.held_trigrams(first, grams()) == 2


def test_a_lead_shares_as_before_with_ascii_lines_not_searched():
    """`Lead` and `vocabulary` skip the search for the no-space scripts on ASCII lines: the
    answers are those of the search (no ASCII character is of those scripts)."""
    assert not any(titles._NO_SPACE_RUN.search(chr(c)) for c in range(128))
    lead = titles.Lead(["The council closed the bridge.", "東京 の 市場", "Ночь в городе"])
    for candidate in ["Council closes bridge", "市場 の ニュース", "Ночь", "Nothing here"]:
        by_set = titles.shared(candidate, set().union(*(titles.vocabulary(t) for t in [
            "The council closed the bridge.", "東京 の 市場", "Ночь в городе"])))
        assert lead.shared(candidate) == by_set
