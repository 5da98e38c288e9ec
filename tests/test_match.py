"""Candidates and verification: exact collapse, verified scores, facts, containment, LSH vs
brute force."""

import random
from dataclasses import replace

import numpy as np

from copydesk.core.config import Config
from copydesk.core.fingerprint import Fingerprinter
from copydesk.core.match import CONTAINED, NEAR, find_matches, representatives, verify
from copydesk.core.pipeline import match_params

BASE = (
    "The regional water authority said on Thursday that repairs to the main pipeline under "
    "the old market square would take at least three more weeks to complete"
)


def _match(texts, **overrides):
    config = replace(Config(), **overrides)
    prints = Fingerprinter(config).prints(texts)
    return prints, find_matches(prints, match_params(config))


def _pairs(matches):
    return {(int(a), int(b)): k for a, b, k in zip(matches.a, matches.b, matches.kind, strict=True)}


def _exact_jaccard(prints, i, j):
    a, b = set(prints.shingles(i).tolist()), set(prints.shingles(j).tolist())
    return len(a & b) / len(a | b)


def test_repeated_line_collapses_to_one_representative_without_quadratic_candidates():
    line = "Advertisement continues below this line for readers of the site"
    texts = [line] * 5000 + [BASE, BASE.upper()]
    _, m = _match(texts)
    assert set(m.rep[:5000].tolist()) == {0}
    assert m.rep[5001] == 5000  # case folded: the same paragraph
    assert m.candidates <= 1  # two representatives: at most one candidate pair


def test_edited_copy_is_linked_with_its_exact_verified_jaccard():
    copy = BASE.replace("repairs to", "work on").replace("three more", "three")
    prints, m = _match([BASE, copy])
    pairs = _pairs(m)
    assert pairs == {(0, 1): NEAR}
    assert m.jaccard[0] == _exact_jaccard(prints, 0, 1)


def test_template_with_other_facts_is_not_a_duplicate():
    one = (
        "Shares of Darvel Group rose 5 pct to 36.25 dlrs in Kessing trading on Monday, after "
        "the company said its quarterly results would be released later in the month."
    )
    other = (
        "Shares of Miltrane Group fell 2 pct to 30.50 dlrs in Kessing trading on Monday, after "
        "the company said its quarterly results would be released later in the month."
    )
    prints, m = _match([one, other])
    assert _exact_jaccard(prints, 0, 1) >= 0.5  # the wording alone would link them
    assert _pairs(m) == {}
    # Without the fact check they would be linked.
    _, loose = _match([one, other], fact_tolerance=1.0)
    assert _pairs(loose) == {(0, 1): NEAR}


def test_short_paragraph_inside_a_longer_one_is_contained():
    quote = "under the old market square would take at least three more weeks"
    _, m = _match([BASE, quote.capitalize() + "."])
    assert _pairs(m) == {(0, 1): CONTAINED}
    assert m.contain[0] == 1.0


def test_paragraphs_under_the_token_floor_match_only_exactly():
    _, m = _match(
        ["Road closed until Friday", "Road closed until Monday", "road closed until friday"]
    )
    assert _pairs(m) == {}
    assert m.rep.tolist() == [0, 1, 0]


def _corpus(seed: int, n: int) -> list[str]:
    """Invented paragraphs plus copies edited word by word at several rates."""
    rng = random.Random(seed)
    words = [f"w{k}" for k in range(400)]
    texts = []
    for _ in range(n):
        base = [rng.choice(words) for _ in range(rng.randint(8, 40))]
        texts.append(" ".join(base))
        for rate in (0.05, 0.15, 0.3):
            copy = [rng.choice(words) if rng.random() < rate else w for w in base]
            texts.append(" ".join(copy))
        k = rng.randrange(len(base) - 6)
        texts.append(" ".join(base[k : k + 7]))  # a piece of it
    return texts


def test_lsh_pipeline_finds_what_brute_force_over_all_pairs_finds():
    config = Config()
    params = match_params(config)
    prints = Fingerprinter(config).prints(_corpus(3, 150))
    m = find_matches(prints, params)
    got = {(a, b) for (a, b), k in _pairs(m).items() if k in (NEAR, CONTAINED)}
    rep = representatives(prints, params.exact_floor)
    reps = np.unique(rep[rep >= 0])
    a, b = np.triu_indices(len(reps), k=1)
    kind, _, _, _, _ = verify(prints, reps[a], reps[b], params)
    want = {
        (int(x), int(y))
        for x, y, k in zip(reps[a], reps[b], kind, strict=True)
        if k in (NEAR, CONTAINED)
    }
    assert len(want) > 200
    assert got <= want  # every reported pair is verified
    assert len(got & want) / len(want) >= 0.99


def _prints_and_matches(seed: int):
    """The fingerprints of `_corpus(seed, 150)`, the match parameters, and the matches
    found at once in this process: what a sliced or parallel search must equal."""
    config = Config()
    params = match_params(config)
    prints = Fingerprinter(config).prints(_corpus(seed, 150))
    return prints, params, find_matches(prints, params)


def _assert_same(whole, other, names: tuple[str, ...]) -> None:
    for name in names:
        assert np.array_equal(getattr(whole, name), getattr(other, name)), name


def test_verification_in_slices_finds_the_same_pairs(monkeypatch):
    """Candidates are verified a slice at a time (bounded memory): same answer as at once."""
    import copydesk.core.match as match_module

    prints, params, whole = _prints_and_matches(3)
    monkeypatch.setattr(match_module, "VERIFY_PAIRS", 7)
    sliced = find_matches(prints, params)
    assert whole.candidates == sliced.candidates > 7 * 10
    _assert_same(whole, sliced, ("rep", "a", "b", "inter", "jaccard", "contain", "kind"))


def test_anchors_paired_in_slices_give_the_same_candidates(monkeypatch):
    """Anchors are paired a slice of values at a time (bounded memory): same candidates."""
    import copydesk.core.match as match_module

    prints, params, whole = _prints_and_matches(4)
    monkeypatch.setattr(match_module, "ANCHOR_SLICE_BITS", 2)  # hundreds of slices
    sliced = find_matches(prints, params)
    assert whole.candidates == sliced.candidates > 100
    _assert_same(whole, sliced, ("a", "b", "kind"))


def test_verification_in_workers_finds_the_same_pairs(monkeypatch):
    """With several jobs the slices are verified in worker processes: same answer."""
    import copydesk.core.match as match_module

    prints, params, whole = _prints_and_matches(3)
    monkeypatch.setattr(match_module, "PARALLEL_PAIRS", 8)
    monkeypatch.setattr(match_module, "VERIFY_PAIRS", 11)  # many slices, the last one short
    slices, workers = match_module.verify_slices(whole.candidates, 2)
    assert workers == 2 and len(slices) > 4 and len(slices) % 2 == 0
    assert [lo for lo, _ in slices[1:]] == [hi for _, hi in slices[:-1]]
    parallel = find_matches(prints, params, jobs=2)
    assert whole.candidates == parallel.candidates
    _assert_same(whole, parallel,
                 ("rep", "a", "b", "inter", "jaccard", "contain", "kind", "same_facts"))


def _candidates_of(prints, params, jobs):
    import copydesk.core.match as match_module

    rep = representatives(prints, params.exact_floor)
    reps = np.flatnonzero(rep == np.arange(len(rep)))
    return match_module.candidates(prints, reps, prints.ntokens >= params.min_tokens, jobs)


def test_candidates_made_in_workers_are_the_same(monkeypatch):
    """With several jobs the candidates' parts (bands, slices of anchors) are made in worker
    processes: the same codes, in the same order, as made here."""
    import copydesk.core.match as match_module

    prints, params, whole = _prints_and_matches(4)
    monkeypatch.setattr(match_module, "ANCHOR_SLICE_BITS", 2)  # many slices of anchors
    here = _candidates_of(prints, params, 1)
    monkeypatch.setattr(match_module, "PARALLEL_PARAGRAPHS", 8)
    assert match_module.candidate_workers(len(prints), 2) == 2
    parallel = _candidates_of(prints, params, 2)
    assert len(here) == whole.candidates > 100
    assert np.array_equal(here, parallel)
    _assert_same(whole, find_matches(prints, params, jobs=2),
                 ("rep", "a", "b", "inter", "jaccard", "contain", "kind", "same_facts"))


def test_few_paragraphs_make_their_candidates_here():
    import copydesk.core.match as match_module

    floor = match_module.PARALLEL_PARAGRAPHS
    assert match_module.candidate_workers(floor - 1, 2) == 1
    assert match_module.candidate_workers(floor, 2) == 2
    assert match_module.candidate_workers(10**7, 1) == 1


def test_few_candidates_are_verified_here():
    import copydesk.core.match as match_module

    assert match_module.verify_slices(match_module.PARALLEL_PAIRS - 1, 2)[1] == 1
    assert match_module.verify_slices(match_module.PARALLEL_PAIRS, 2)[1] == 2
    assert match_module.verify_slices(10**7, 1)[1] == 1


def _agreement_by_sets(prints, i: int, j: int) -> float:
    """The pair's fact agreement from its two fact sets, as `fact_agreement_of` defines it."""
    a, b = set(prints.facts(i).tolist()), set(prints.facts(j).tolist())
    worst = 1.0
    for number in (False, True):
        side_a = {v for v in a if (v & 1) == number}
        side_b = {v for v in b if (v & 1) == number}
        shared = len(side_a & side_b)
        replaced = min(len(side_a - side_b), len(side_b - side_a))
        judged = shared + replaced
        worst = min(worst, 1.0 - replaced / judged if judged else 1.0)
    return worst


def test_fact_agreement_of_pairs_is_read_from_their_own_facts():
    """Verification judges a pair's facts (numbers and names apart) from the two paragraphs'
    own fact sets: the same agreement as the sets give, and as the counts of every row."""
    from copydesk.core.match import fact_agreement, fact_agreement_of

    rng = random.Random(5)
    texts = [f"In {rng.choice(['March', 'May', 'June'])} {rng.randrange(1990, 1995)} the "
             f"council of {rng.choice(['Leeds', 'York', 'Bath'])} paid {rng.randrange(5)} "
             f"million to {rng.choice(['Acme', 'Bolt', 'Crane'])} for the bridge over the river"
             for _ in range(120)]
    prints = Fingerprinter(Config()).prints(texts)
    a = np.array([rng.randrange(120) for _ in range(400)], dtype=np.int64)
    b = np.array([rng.randrange(120) for _ in range(400)], dtype=np.int64)
    got = fact_agreement(prints, a, b)
    want = [_agreement_by_sets(prints, int(i), int(j)) for i, j in zip(a, b, strict=True)]
    assert 0 < sum(g < 1.0 for g in got) < len(got)  # some pairs replace facts, some do not
    assert np.allclose(got, want, rtol=0, atol=1e-12)
    assert np.array_equal(got, fact_agreement_of(prints.fact_off, prints.fact, a, b))


def _numpy_peak(fn) -> int:
    """The most memory numpy's arrays (and Python's objects) held at once while `fn` ran."""
    import tracemalloc

    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_verifying_a_slice_needs_memory_for_its_pairs_not_for_the_whole_run():
    """Each verification worker verifies a slice of the run's candidates: what it makes for
    them must not grow with the run's other paragraphs (at 100,000 files, arrays of every
    paragraph and every fact, made for each slice, were 90 MB a worker at matching's peak)."""
    params = match_params(Config())
    prints = Fingerprinter(Config()).prints(_corpus(3, 150))
    rep = representatives(prints, params.exact_floor)
    reps = np.unique(rep[rep >= 0])
    x, y = np.triu_indices(len(reps), k=1)
    a, b = reps[x][:2000], reps[y][:2000]
    # The same 150 paragraphs first, then 300 more copies of them: a run 300 times as large
    # whose first rows, and so the pairs' fingerprints, are the same.
    whole = prints.take(np.tile(np.arange(len(prints)), 301))
    small = _numpy_peak(lambda: verify(prints, a, b, params))
    large = _numpy_peak(lambda: verify(whole, a, b, params))
    assert len(whole.fact) > 50 * len(a)
    for got, want in zip(verify(whole, a, b, params), verify(prints, a, b, params), strict=True):
        assert np.array_equal(got, want)
    assert large < 2 * small
