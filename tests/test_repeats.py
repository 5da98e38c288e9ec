"""The classifier's forecast of within-file repeats (core/repeats.py) against its definition.

`Repeats` finds which line repeats which once per file, with numpy, and each
pass then walks only the lines in such a pair; here it must give exactly what
the plain definition gives: walk the kept lines in order, drop a line whose
text is that of an earlier kept line, or whose n-grams are a near-duplicate of
or contained in an earlier line's (kept or itself dropped), both lines (for a
near-duplicate) or the contained one being `REPEAT_NEAR_TOKENS` words or more; a
line that repeats by n-grams only is dropped only when the kept line before or
after it repeats an earlier line too (resolution's `_in_run`).
"""

from __future__ import annotations

import itertools
import random
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copydesk.core import repeats as repeats_module
from copydesk.core.config import Config
from copydesk.core.repeats import REPEAT_FLOOR, Repeats, prepare_all
from copydesk.core.resolve import ENTRY_COPIES, ENTRY_RUN, REPEAT_NEAR_TOKENS

_WORD = re.compile(r"\w+")


def by_definition(lines: list[str], rows: list[int], config: Config) -> list[int]:
    seen: set[str] = set()
    held: list[tuple[set[tuple[str, ...]], int]] = []  # n-grams and words of earlier lines
    out = []
    repeats: set[int] = set()
    near: set[int] = set()
    copies: dict[int, str] = {}  # verbatim repeats and their texts
    for i in rows:
        words = _WORD.findall(lines[i].lower())
        if len(words) < REPEAT_FLOOR:
            out.append(i)
            continue
        key = " ".join(words)
        if key in seen:
            repeats.add(i)
            copies[i] = key
            continue
        seen.add(key)
        grams: set[tuple[str, ...]] = set()
        if len(words) >= config.min_tokens:
            n = config.ngram
            grams = {tuple(words[k : k + n]) for k in range(len(words) - n + 1)}
        if grams:
            size = len(words)
            repeat = any(
                min(size, h_size) >= REPEAT_NEAR_TOKENS
                if len(grams & h) / len(grams | h) >= config.threshold
                else size >= REPEAT_NEAR_TOKENS
                and len(grams & h) / len(grams) >= config.containment
                for h, h_size in held
            )
            held.append((grams, size))
            if repeat:
                repeats.add(i)
                near.add(i)
        out.append(i)
    at = {i: k for k, i in enumerate(rows)}
    in_run = {
        i for i in near
        if any(0 <= at[i] + d < len(rows) and rows[at[i] + d] in repeats for d in (-1, 1))
    }
    # A verbatim repeat stays as a field of a listing's entries: in a run of at most
    # ENTRY_RUN verbatim repeats with a kept line on each side, its text left ENTRY_COPIES
    # times or more in such copies and its first line (resolution's `_entry_fields`).
    fits = []
    for i in copies:
        lo = hi = at[i]
        while lo > 0 and rows[lo - 1] in copies:
            lo -= 1
        while hi + 1 < len(rows) and rows[hi + 1] in copies:
            hi += 1
        # ... and not next to a line of its own text (a widget drawn twice).
        doubled = any(
            0 <= at[i] + d < len(rows) and words_key(lines[rows[at[i] + d]]) == copies[i]
            for d in (-1, 1)
        )
        if hi - lo < ENTRY_RUN and lo > 0 and hi + 1 < len(rows) and not doubled:
            fits.append(i)
    # The first line of a text counts where it stays (not a near repeat in a run).
    firsts = {words_key(lines[i]) for i in out if i not in in_run}
    stay = {
        i for i in fits
        if sum(copies[j] == copies[i] for j in fits) + (copies[i] in firsts) >= ENTRY_COPIES
    }
    return [i for i in rows if (i in out or i in stay) and i not in in_run]


def words_key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def random_lines(
    rng: random.Random, vocabulary: list[str], words: tuple[int, int], count: tuple[int, int]
) -> list[str]:
    """A file of `count` (low, high) lines of `words` (low, high) words of `vocabulary`."""
    return [
        " ".join(rng.choice(vocabulary) for _ in range(rng.randint(*words)))
        for _ in range(rng.randint(*count))
    ]


# Few words, so that lines share n-grams and repeat one another often. One number and one
# name: two lines never report different facts here (that check has a test of its own).
line = st.lists(
    st.sampled_from(["the", "ferry", "Ferry", "budget", "é", "7", "东京"]), max_size=30
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(
    lines=st.lists(line, min_size=1, max_size=25),
    subsets=st.lists(st.lists(st.booleans(), min_size=25, max_size=25), min_size=1, max_size=3),
    ngram=st.integers(1, 3),
    min_tokens=st.integers(1, 8),
    threshold=st.sampled_from([0.3, 0.5, 0.8]),
    containment=st.sampled_from([0.5, 0.8, 1.0]),
)
def test_unrepeated_is_the_definition(lines, subsets, ngram, min_tokens, threshold, containment):
    config = Config(
        ngram=ngram, min_tokens=min_tokens, threshold=threshold, containment=containment
    )
    repeats = Repeats(lines, config)
    for keep in subsets:  # several passes over one file, as the classifier asks
        rows = [i for i in range(len(lines)) if keep[i]]
        assert repeats.unrepeated(rows) == by_definition(lines, rows, config)


def test_small_files_find_the_repeats_by_definition():
    # Most small files hold no n-gram that two lines share: `_find_pairs` stops there. Long
    # lines over a few words repeat one another often (hypothesis's short lists seldom do).
    rng = random.Random(7)
    vocabulary = ["the", "ferry", "Ferry", "budget", "é", "7", "东京", "council"]
    repeating = 0
    for _ in range(300):
        lines = random_lines(rng, vocabulary, (0, 30), (1, 25))
        config = Config(ngram=rng.randint(1, 3), threshold=rng.choice([0.3, 0.5, 0.8]))
        rows = [i for i in range(len(lines)) if rng.random() < 0.8]
        found = Repeats(lines, config).unrepeated(rows)
        assert found == by_definition(lines, rows, config)
        repeating += found != rows
    assert repeating > 50  # the files did hold repeats to find
    # Lines that share no n-gram: nothing to find, and nothing dropped.
    lines = [f"line {k} of words {k + 1} apart {k + 2} from {k + 3} others" for k in range(20)]
    assert Repeats(lines, Config()).unrepeated(list(range(20))) == list(range(20))


def test_a_paragraph_captured_twice_is_dropped_the_second_time():
    first = (
        "The ferry budget was approved on Tuesday after a long debate in the council "
        "of the island towns."
    )
    lines = [first, "Share this", first.replace("long", "lengthy"), first]
    repeats = Repeats(lines, Config())
    assert repeats.unrepeated([0, 1, 2, 3]) == [0, 1]
    # Without the first copy, the second is the earlier one and stays; the third, a near
    # copy of it with no repeat beside it, stays too (`resolve._in_run`).
    assert repeats.unrepeated([1, 2, 3]) == [1, 2, 3]


def test_a_near_repeat_stays_unless_a_repeat_stands_beside_it():
    first = (
        "The ferry budget was approved on Tuesday after a long debate in the council "
        "of the island towns."
    )
    second = (
        "Harbour staff said the new timetable would add two crossings on weekdays and one "
        "on Sundays from the spring."
    )
    other = "Residents can read the full plan at the town hall or on the council's website."
    near = first.replace("long", "lengthy")
    lines = [first, second, other, near, "Share this"]
    repeats = Repeats(lines, Config())
    # Alone amid text that does not repeat, as resolution judges it (`resolve._in_run`).
    assert repeats.unrepeated([0, 1, 2, 3, 4]) == [0, 1, 2, 3, 4]
    # Beside a repeat (the second paragraph again), it is part of a second capture.
    lines = [first, second, other, near, second]
    assert Repeats(lines, Config()).unrepeated([0, 1, 2, 3, 4]) == [0, 1, 2]
    # Beside means among the lines kept: the other line gone, the near copy meets a repeat.
    lines = [first, second, near, other, second]
    repeats = Repeats(lines, Config())
    assert repeats.unrepeated([0, 1, 2, 3, 4]) == [0, 1, 2, 3]
    assert repeats.unrepeated([0, 1, 2, 4]) == [0, 1]


def test_a_paragraph_that_reports_other_facts_is_not_a_repeat():
    # As resolution judges it: another day (or figure) is another paragraph, a schedule
    # or a table row, even with most of its words in common.
    first = "The ferry budget was approved on Tuesday after a long debate in the council."
    lines = [first, first.replace("Tuesday", "Wednesday"), first]
    repeats = Repeats(lines, Config())
    assert repeats.unrepeated([0, 1, 2]) == [0, 1]


def test_short_parallel_lines_repeat_only_verbatim():
    # A list of picks or a run of headings shares most word pairs from line to line;
    # under REPEAT_NEAR_TOKENS words only the very same text is a repeat.
    lines = [
        "Best for: riders who want the lightest folding frame",
        "Best for: riders who want the cheapest folding frame",
        "Best for: riders who want the lightest folding frame",
    ]
    repeats = Repeats(lines, Config())
    assert repeats.unrepeated([0, 1, 2]) == [0, 1]


def test_inside_a_file_one_changed_figure_makes_another_paragraph():
    # Across files a copy may replace a third of its facts (an edited wire story); inside
    # one file, lines that differ in a figure are two rows of a list, not a capture twice.
    first = (
        "Trip details: an eight day journey with 12 meals and 7 nights in 3 family run "
        "guest houses along the coast."
    )
    lines = [first, first.replace("12 meals", "10 meals")]
    assert Repeats(lines, Config()).unrepeated([0, 1]) == [0, 1]


def test_long_n_grams_over_a_large_vocabulary():
    # 16-word n-grams over some hundred words: their numbers are renumbered on the way,
    # since vocabulary ** 16 does not fit 64 bits.
    words = [f"w{k}" for k in range(300)]
    base = [" ".join(words[k : k + 40]) for k in range(0, 260, 20)]
    lines = base + [line.replace("w5 ", "x ") for line in base] + base[::-1]
    config = Config(ngram=16, min_tokens=16)
    repeats = Repeats(lines, config)
    rows = list(range(len(lines)))
    assert repeats.unrepeated(rows) == by_definition(lines, rows, config)
    assert len(repeats.unrepeated(rows)) < len(lines)


def test_a_line_too_short_to_be_a_paragraph_repeats_nothing():
    # Three words have n-grams when min_tokens is low, but resolution never drops (nor
    # compares with) a paragraph under four words.
    lines = ["ferry budget approved", "ferry budget approved today", "ferry budget approved"]
    config = Config(min_tokens=2)
    repeats = Repeats(lines, config)
    assert repeats.unrepeated([0, 1, 2]) == [0, 1, 2] == by_definition(lines, [0, 1, 2], config)


def test_finders_prepared_together_answer_as_each_alone():
    # `classify_many` prepares a chunk's finders in one batch: no pair may span two files
    # (a line of one file repeating a line of another is not a repeat), and each file's
    # twins and answers are those it finds alone and by definition.
    rng = random.Random(21)
    vocabulary = ["the", "ferry", "Ferry", "budget", "é", "7", "东京", "council", "vote"]
    shared = [
        " ".join(rng.choice(vocabulary) for _ in range(rng.randint(8, 20))) for _ in range(6)
    ]
    configs = [Config(), Config(ngram=2, threshold=0.5), Config(ngram=1, min_tokens=3)]
    files, settings_of = [], []
    for _ in range(120):
        lines = [
            rng.choice(shared) if rng.random() < 0.3
            else " ".join(rng.choice(vocabulary) for _ in range(rng.randint(0, 25)))
            for _ in range(rng.randint(0, 20))
        ]
        files.append(lines)
        settings_of.append(rng.choice(configs))  # finders of several configs in one call
    files += [[shared[0]], [shared[0], "Share this"], [], [shared[1]] * 3]
    settings_of += [configs[0]] * 4
    together = [Repeats(lines, c) for lines, c in zip(files, settings_of, strict=True)]
    prepare_all(together)
    twinned = crossing = 0
    for lines, config, finder in zip(files, settings_of, together, strict=True):
        alone = Repeats(lines, config)
        assert finder.twins() == alone.twins()
        assert [finder.repeated(i) for i in range(len(lines))] == [
            alone.repeated(i) for i in range(len(lines))
        ]
        twinned += bool(alone.twins())
        for _ in range(3):
            rows = [i for i in range(len(lines)) if rng.random() < 0.8]
            found = finder.unrepeated(rows)
            assert found == alone.unrepeated(rows) == by_definition(lines, rows, config)
        crossing += sum(line in shared for line in lines) == 1
    # The files held twins of their own, and lines that recur only in other files.
    assert twinned > 20 and crossing > 10


def _counting_every_pair(monkeypatch) -> list[int]:
    """A list that grows by one each time `Repeats` pairs lines through every n-gram."""
    every: list[int] = []
    original = repeats_module._every_pair
    # These tests look inside the numpy path: the C one (`_filefacts.repeat_pairs`) would
    # answer small files without it (its own tests hold the two together).
    monkeypatch.setattr(repeats_module, "_filefacts", None)

    def counted(*args):
        every.append(1)
        return original(*args)

    monkeypatch.setattr(repeats_module, "_every_pair", counted)
    return every


def _through_the_rarest(monkeypatch) -> list[int]:
    """Make `Repeats` pair lines through their rarest n-grams only (prefix filtering), on
    any file."""
    monkeypatch.setattr(repeats_module, "DIRECT_PAIRS", -1)
    monkeypatch.setattr(repeats_module, "_dearer", lambda cost, every: False)
    return _counting_every_pair(monkeypatch)


def test_pairs_through_the_rarest_n_grams_are_the_definition(monkeypatch):
    every = _through_the_rarest(monkeypatch)
    rng = random.Random(25)
    vocabulary = ["the", "ferry", "Ferry", "budget", "é", "7", "东京", "council", "vote"]
    repeating = 0
    for _ in range(300):
        lines = random_lines(rng, vocabulary, (0, 30), (1, 25))
        config = Config(
            ngram=rng.randint(1, 3),
            threshold=rng.choice([0.3, 0.5, 0.8]),
            containment=rng.choice([0.5, 0.8, 1.0]),
        )
        rows = [i for i in range(len(lines)) if rng.random() < 0.8]
        found = Repeats(lines, config).unrepeated(rows)
        assert found == by_definition(lines, rows, config)
        repeating += found != rows
    assert repeating > 50 and not every


def test_a_page_of_comments_under_one_template_pairs_through_their_own_words(monkeypatch):
    # Every line opens with the same dozen words ("Reply from ... on ..."): paired through
    # every shared n-gram, 3,000 comments make 4.5 million pairs from the template alone
    # (8,000 made 4 GB). Through each line's rarest n-grams they pair only where their own
    # words meet; the answer is the same.
    every = _counting_every_pair(monkeypatch)
    rng = random.Random(5)
    words = [f"w{k}" for k in range(400)]
    bodies = [" ".join(rng.choice(words) for _ in range(rng.randint(12, 30))) for _ in range(800)]
    template = "Reply from a reader of the paper on the morning of the day at noon said"
    lines = [f"{template} {rng.choice(bodies)}" for _ in range(3000)]
    # A few second captures, one with a word changed: repeats to find.
    lines[2000], lines[2500] = lines[10], lines[20].replace("said", "wrote")
    config = Config()
    finder = Repeats(lines, config)
    rows = list(range(len(lines)))
    assert finder.unrepeated(rows) == by_definition(lines, rows, config)
    assert not every  # the rarest n-grams were cheaper
    assert 10 in finder.repeated(2000) and 20 in finder.repeated(2500)


def test_a_line_half_held_by_a_longer_one_is_found_through_its_rarest_n_grams(monkeypatch):
    # At the bound: half of the later line's 16 words are in the earlier, longer line
    # (contained at 0.5), and those 8 are the later line's commonest in the file. Through
    # its 9 rarest words (8 of its own, then the rarest of the shared) it still meets it.
    every = _through_the_rarest(monkeypatch)
    # Words without digits or capitals: no facts for resolution's check to compare.
    letters = "abcdefghijklmnopqrstuvwxyz"
    own = [f"own{letters[k]}" for k in range(8)]
    shared = [f"shared{letters[k]}" for k in range(8)]
    longer = " ".join(shared + [f"long{a}{b}" for a in "ab" for b in letters[:15]])
    later = " ".join(own + shared)
    others = [
        " ".join(shared[: k + 1] + [f"other{letters[k]}{b}" for b in letters[:20]])
        for k in range(8)
    ]
    lines = [longer, *others, later]
    config = Config(ngram=1, threshold=0.8, containment=0.5)
    assert 0 in Repeats(lines, config).repeated(len(lines) - 1)
    assert not every


def _pairs_made(monkeypatch, lines: list[str], config: Config, batch: int) -> list:
    """The (pairs, shared n-grams) `_candidates` hands over for `lines`, all batches."""
    made = []
    original = repeats_module._candidates

    def recorded(*args):
        for found, common in original(*args):
            made.append((found.tolist(), common.tolist()))
            yield found, common

    monkeypatch.setattr(repeats_module, "BATCH_PAIRS", batch)
    monkeypatch.setattr(repeats_module, "_candidates", recorded)
    Repeats(lines, config).twins()
    monkeypatch.setattr(repeats_module, "_candidates", original)
    return [
        (pair, shared)
        for found, common in made
        for pair, shared in zip(found, common, strict=True)
    ]


@pytest.mark.parametrize("rarest", [False, True], ids=["every-n-gram", "rarest-n-grams"])
def test_pairs_made_in_small_batches_are_those_made_at_once(monkeypatch, rarest):
    # A page of 40,000 table rows shares its n-grams row with row: its pairs are made a
    # batch of lines at a time so that they fit in memory; the pairs and their counts of
    # shared n-grams must be those made at once, and so the answer.
    every = _through_the_rarest(monkeypatch) if rarest else _counting_every_pair(monkeypatch)
    rng = random.Random(40)
    vocabulary = ["the", "ferry", "budget", "council", "vote", "harbour", "late", "board"]
    batched = 0
    for _ in range(60):
        lines = random_lines(rng, vocabulary, (10, 30), (20, 60))
        config = Config(ngram=rng.randint(1, 2), threshold=rng.choice([0.3, 0.5]))
        at_once = _pairs_made(monkeypatch, lines, config, 1 << 40)
        in_batches = _pairs_made(monkeypatch, lines, config, 40)
        assert in_batches == at_once and at_once
        monkeypatch.setattr(repeats_module, "BATCH_PAIRS", 40)
        rows = list(range(len(lines)))
        assert Repeats(lines, config).unrepeated(rows) == by_definition(lines, rows, config)
        batched += 1
    assert batched == 60 and bool(every) is not rarest


def _numpy_pairs(files: list[list[str]], config: Config) -> tuple[np.ndarray, np.ndarray]:
    """`_find_pairs` of a chunk of files, as `_prepare_group` calls it without the C path."""
    texts = [t for lines in files for t in lines]
    n = max(1, config.ngram)
    ids, sizes, _ = repeats_module.word_ids(texts)
    gram = (sizes >= config.min_tokens) & (sizes >= n)
    lines = np.flatnonzero(gram)
    if not len(lines):
        return repeats_module._NO_LINES, repeats_module._NO_LINES
    counts = [len(lines) for lines in files]
    file_of = (
        np.repeat(np.arange(len(files), dtype=np.int64), counts) if len(files) > 1 else None
    )
    return repeats_module._find_pairs(
        texts, sizes, config, file_of, lines, sizes[lines], ids[np.repeat(gram, sizes)],
        int(ids.max()) + 1, n,
    )


def _c_pairs(files: list[list[str]], config: Config, limit: int | None = None):
    """`_filefacts.repeat_pairs` of a chunk of files, facts checked as `_prepare_group`
    checks them; None when it leaves them to numpy."""
    texts = [t for lines in files for t in lines]
    ids, sizes, _ = repeats_module.word_ids(texts)
    found = repeats_module._filefacts.repeat_pairs(
        ids, sizes, list(itertools.accumulate(map(len, files), initial=0)),
        max(1, config.ngram), config.min_tokens, repeats_module._least_share(config),
        config.threshold, config.containment, REPEAT_NEAR_TOKENS, REPEAT_FLOOR,
        repeats_module.DIRECT_PAIRS if limit is None else limit,
    )
    if found is None:
        return None
    i_of, j_of = (np.frombuffer(half, dtype=np.int64) for half in found)
    return repeats_module._agreeing(texts, config, i_of, j_of)


needs_c = pytest.mark.skipif(
    repeats_module._filefacts is None, reason="core/_filefacts.c was not built"
)


@needs_c
def test_the_c_pairs_are_numpy_s():
    # Random files, alone and in chunks, over small vocabularies (lines share n-grams and
    # repeat one another often), with figures and capitals (facts to disagree), under
    # settings of every kind: the same pairs, in the same order.
    rng = random.Random(31)
    vocabularies = [
        ["the", "ferry", "Ferry", "budget", "é", "7", "东京", "council"],
        ["the", "ferry", "budget", "council", "vote", "harbour", "late", "board", "2024"],
        [f"w{k}" for k in range(40)],
    ]
    found = compared = 0
    for _ in range(400):
        vocabulary = rng.choice(vocabularies)
        files = [
            random_lines(rng, vocabulary, (0, rng.choice([12, 30, 60])), (0, 40))
            for _ in range(rng.choice([1, 1, 2, 5]))
        ]
        if rng.random() < 0.3 and files[0]:  # second captures, whole or with a word changed
            files[-1] += [rng.choice(files[0]), rng.choice(files[0]).replace(" the ", " a ")]
        config = Config(
            ngram=rng.randint(1, 3),
            min_tokens=rng.choice([1, 4, 6, 8]),
            threshold=rng.choice([0.3, 0.5, 0.8]),
            containment=rng.choice([0.5, 0.8, 1.0]),
        )
        expected, got = _numpy_pairs(files, config), _c_pairs(files, config)
        assert got is not None
        assert got[0].tolist() == expected[0].tolist()
        assert got[1].tolist() == expected[1].tolist()
        found += len(expected[0])
        compared += 1
    assert compared == 400 and found > 2000


@needs_c
def test_the_c_pairs_of_the_sample_files_are_numpy_s():
    from pathlib import Path

    samples = sorted((Path(__file__).resolve().parent.parent / "samples").rglob("*.txt"))
    files = [path.read_text(encoding="utf-8", errors="replace").splitlines() for path in samples]
    files += [lines + lines[: len(lines) // 2] for lines in files]  # captured twice
    assert files
    for config in (Config(), Config(ngram=1), Config(ngram=3, threshold=0.3)):
        for chunk in [files, *([lines] for lines in files)]:
            expected, got = _numpy_pairs(chunk, config), _c_pairs(chunk, config)
            assert got is not None
            assert got[0].tolist() == expected[0].tolist()
            assert got[1].tolist() == expected[1].tolist()


@needs_c
def test_the_c_pairs_leave_too_many_and_long_n_grams_to_numpy():
    line = (
        "the ferry budget was approved on Tuesday after a long debate in the council of "
        "the island towns"
    )
    files = [[line] * 30]
    # 435 pairs, each made through 17 bigrams, as `_candidates` counts what it makes
    assert _c_pairs(files, Config(), limit=435 * 17 - 1) is None
    got = _c_pairs(files, Config(), limit=435 * 17)
    assert got is not None and len(got[0]) == 435
    # 16-word n-grams over a vocabulary of hundreds: their codes would not fit 64 bits.
    words = [f"w{k}" for k in range(300)]
    long_lines = [" ".join(words[k : k + 40]) for k in range(0, 260, 20)] * 2
    assert _c_pairs([long_lines], Config(ngram=16, min_tokens=16)) is None
    assert _c_pairs([long_lines], Config(ngram=2)) is not None


@needs_c
def test_the_c_pairs_at_the_bounds():
    # A line of three words has n-grams when min_tokens is low, but is no paragraph to
    # repeat (`REPEAT_FLOOR`): a later line held by it is not paired with it.
    files = [["ferry budget vote", " ".join(["ferry"] * 16)]]
    config = Config(ngram=1, min_tokens=1)
    assert _numpy_pairs(files, config)[0].tolist() == [] == _c_pairs(files, config)[0].tolist()
    # 0.28 * 25 is 7.000000000000001 in floating point: a line sharing 7 of its 25 bigrams
    # asks all the same (`_find_pairs`'s `least`), and repeats the earlier one (Jaccard 0.28).
    earlier = "a b c d e f g a b c d e f g a"
    later = "a b c d e f g a h i j k l m n o p q r s t u v w x y"
    config = Config(threshold=0.28)
    expected = _numpy_pairs([[earlier, later]], config)
    assert expected[0].tolist() == [1] and expected[1].tolist() == [0]
    got = _c_pairs([[earlier, later]], config)
    assert got[0].tolist() == [1] and got[1].tolist() == [0]
