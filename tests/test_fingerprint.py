"""Fingerprints: matching form, exact keys, facts, and MinHash equal to datasketch's."""

from dataclasses import fields, replace

import datasketch
import numpy as np
import pytest

from copydesk.core.config import Config
from copydesk.core.fingerprint import (
    Fingerprinter,
    Prints,
    matching_form,
    permutations,
    tokens_of,
)

PARAGRAPHS = [
    "The harbour board voted on Monday to extend the night ferry service until the end of May.",
    "Volunteers planted 1,200 trees along the river path, the parks department said on Friday.",
    "“We did not expect so many people,” said Orla Brennick, who runs the community garden.",
    "Rain is expected to return by the weekend, with cooler air moving in from the north-west.",
    "short line",
]


def test_matching_form_folds_case_accents_quotes_dashes_and_number_formats():
    assert matching_form("Le “Café” — déjà VU") == matching_form('le "cafe" - deja vu')
    assert matching_form("1,200 people; 36,25 pct") == "1200 people 36.25 pct"
    assert matching_form("1.200 people and 1200 people") == "1200 people and 1200 people"
    # Arabic-Indic and full-width digits are the digits they stand for.
    assert matching_form("٣ مرات") == matching_form("3 مرات")
    assert matching_form("ＡＢＣ ２０２４") == "abc 2024"


def test_words_of_scripts_with_combining_marks_stay_whole():
    assert tokens_of("हिन्दी भाषा") == ["हिन्दी", "भाषा"]
    # Scripts written without spaces are matched character by character.
    assert tokens_of("東京都") == ["東", "京", "都"]


def test_exact_key_ignores_case_and_punctuation_but_not_word_order():
    fp = Fingerprinter(Config())
    p = fp.prints(
        [
            "The ferry runs until May, the board said.",
            "the ferry runs until may -- the board said",
            "The board said the ferry runs until May.",
        ]
    )
    assert p.exact[0] == p.exact[1]
    assert p.exact[0] != p.exact[2]


def test_facts_are_numbers_and_names_inside_sentences():
    fp = Fingerprinter(Config())
    p = fp.prints(
        [
            "Shares of Kelvor rose 5 pct to 36.25 dlrs. The company said so.",
            "Shares of Kelvor rose 5 pct to 36.25 dlrs. Then the company said so.",
        ]
    )
    # Kelvor, 5, 36.25: "Shares", "The" and "Then" open sentences, so they are not names.
    assert len(p.facts(0)) == 3
    assert np.array_equal(p.facts(0), p.facts(1))


def test_name_facts_survive_swapped_and_doubled_letters():
    fp = Fingerprinter(Config())
    p = fp.prints(["Minister Vaneol spoke.", "Minister Vaenol spoke.", "Minister Vanneol spoke."])
    assert np.array_equal(p.facts(0), p.facts(1))
    assert np.array_equal(p.facts(0), p.facts(2))


@pytest.mark.parametrize("num_perm,bands", [(64, 32), (128, 32), (32, 16)])
def test_minhash_equals_datasketch_affine32(num_perm, bands):
    config = replace(Config(), num_perm=num_perm, bands=bands, seed=7)
    fp = Fingerprinter(config)
    p = fp.prints(PARAGRAPHS[:4])
    idx = np.arange(4)
    sig = fp.signatures(p.sh, p.sh_off, idx)
    for i in idx:
        m = datasketch.MinHash(num_perm=num_perm, seed=7, scheme="affine32", hashfunc=int)
        m.update_batch(p.shingles(i).tolist())
        assert np.array_equal(m.hashvalues.astype(np.uint32), sig[i])


def test_a_paragraph_prints_the_same_alone_or_in_any_batch():
    """Chunking (and so --jobs) cannot change fingerprints."""
    fp = Fingerprinter(Config())
    batch = fp.prints(PARAGRAPHS)
    for i, text in enumerate(PARAGRAPHS):
        alone = fp.prints([text])
        part = batch.slice(i, i + 1)
        for f in fields(alone):
            assert np.array_equal(getattr(alone, f.name), getattr(part, f.name)), f.name


def test_concatenated_parts_equal_the_whole_batch():
    fp = Fingerprinter(Config())
    whole = fp.prints(PARAGRAPHS)
    parts = [whole.slice(0, 2), whole.slice(2, 2), whole.slice(2, 5)]
    held = list(parts)
    joined = Prints.concat(parts, Config().bands)
    assert parts == []  # consumed
    # and every column let go as it was copied, even where the caller still holds a part
    # (a run joins its own large batch to the index's paragraphs: two copies at once was
    # half a gigabyte at 100,000 files)
    assert all(getattr(p, f.name).size == 0 for p in held for f in fields(Prints))
    for f in fields(whole):
        assert np.array_equal(getattr(whole, f.name), getattr(joined, f.name)), f.name


def test_line_breaks_inside_a_paragraph_do_not_split_it():
    fp = Fingerprinter(Config())
    p = fp.prints(["one two three\nfour five six", "seven"])
    assert p.ntokens.tolist() == [6, 1]


def test_character_shingles_are_an_option():
    fp = Fingerprinter(replace(Config(), shingle="char", ngram=5))
    p = fp.prints(["The ferry runs until May.", "The ferry runs until Mai."])
    shared = np.intersect1d(p.shingles(0), p.shingles(1))
    assert 0 < len(shared) < len(p.shingles(0))


@pytest.mark.parametrize("num_perm,seed", [(128, 1), (64, 7), (256, 12345)])
def test_permutations_are_datasketchs(num_perm, seed):
    """copydesk draws the affine32 parameters itself (importing datasketch is slow)."""
    ours = permutations(num_perm, seed)
    theirs = datasketch.MinHash(num_perm=num_perm, seed=seed, scheme="affine32").permutations
    assert np.array_equal(ours[0], theirs[0].astype(np.uint32))
    assert np.array_equal(ours[1], theirs[1].astype(np.uint32))


def test_builder_appends_batches_as_concat_joins_them():
    """The run's fingerprints are collected batch by batch: same arrays as one concat."""
    from copydesk.core.fingerprint import PrintsBuilder

    config = Config()
    fp = Fingerprinter(config)
    batches = [PARAGRAPHS[:2], PARAGRAPHS[2:3], [], PARAGRAPHS[3:]] * 300  # forces growth
    builder = PrintsBuilder(config.bands)
    parts = []
    for texts in batches:
        part = fp.prints(texts) if texts else fp.prints([])
        builder.append(part)
        parts.append(part)
    built = builder.build()
    joined = Prints.concat(parts, config.bands)
    assert len(built) == len(PARAGRAPHS) * 300
    for f in fields(Prints):
        assert np.array_equal(getattr(built, f.name), getattr(joined, f.name)), f.name
        assert getattr(built, f.name).dtype == getattr(joined, f.name).dtype, f.name


def test_a_batch_with_fewer_words_than_an_anchor_window_is_fingerprinted():
    fp = Fingerprinter(Config())
    for texts in (["a"], ["a b"], ["one two three"], ["a", "b"]):
        p = fp.prints(texts)
        assert len(p) == len(texts)


@pytest.mark.parametrize("shingle", ["word", "char"])
def test_facts_alone_are_the_facts_of_the_whole_prints(shingle):
    # The classifier's repeat finder reads only the facts; they must be those that
    # resolution judges on the full fingerprints, or a line would be dropped by one and
    # kept by the other.
    fp = Fingerprinter(Config(shingle=shingle))
    texts = [
        "Shares of Acme rose 5 pct to 36.25 dlrs in Frankfurt on Monday.",
        "",
        "Der Umsatz von Müller & Söhne stieg 2024 um 12,5 Prozent, sagte Anna Berg.",
        "no facts here at all",
        "«Le Conseil» a voté 1 204 voix contre 3 — Paris, Lyon et Nantes.",
        "東京 2025年 5月 Tokyo",
        "Line one with Oslo\nline two with 42 and Bergen",
    ]
    for batch in (texts, texts[:1], texts[1:2], list(reversed(texts))):
        prints = fp.prints(batch)
        off, fact = fp.facts(batch)
        assert np.array_equal(off, prints.fact_off)
        assert np.array_equal(fact, prints.fact)
    assert fp.facts([])[0].tolist() == fp.prints([]).fact_off.tolist()
    assert len(fp.facts(texts)[1]) > 10  # numbers and names were found
