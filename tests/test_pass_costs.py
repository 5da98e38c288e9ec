"""The classifier's passes skip work whose answer they already know, for the same verdicts
(session 32): a pass narrowed to the lines a fact of the file's text names gives what the
pass that walks every line gives (its code before, written out here where it is gone), on
random files; and the work skipped is not done (the functions it called are counted)."""

import random
from collections import Counter

import numpy as np

from conftest import between_prose_every_line
from copydesk.core import context, labels, markdown, offtopic, sandwiched
from copydesk.core import features as feat
from copydesk.core.model import Block, Label, Verdict
from copydesk.core.recurring import Recurring

ARTICLE = (
    "The council voted on Tuesday to build a new footbridge over the river, after years of "
    "complaints from parents whose children cross the road bridge on their way to school."
)
SHORT_PROSE = "Work starts in the spring and should take about eighteen months to finish."
HEADLINE = "police search for missing hiker as storms sweep the mountain pass"
POOL = [
    ARTICLE,
    SHORT_PROSE,
    HEADLINE,
    "rail strike set to close every station across the north next week",
    "## Making the most of a small garden",
    "## the lower case heading",
    "### 3 steps",
    "# The page title",
    "##No space after the marks",
    " ## An indented heading",
    "#### Après la pluie",
    "Share this",
    "A line of five short words",
    "Read more: the bridge",
    "Q: When will it open?",
    "Anna Nowak: We waited ten years.",
    "10:30 the meeting opens",
    "Pros",
    "Cons",
    "What we liked most",
    "What could be better",
    "",
]
VERDICTS = [
    Verdict(Label.BODY),
    Verdict(Label.BODY),
    Verdict(Label.BOILERPLATE, "line-model", "line model"),
    Verdict(Label.BOILERPLATE, "share-button", "english boilerplate rule"),
    Verdict(Label.BODY, "line-model", "date-line (14:31); kept"),
    Verdict(Label.BODY, sandwiched.RULE, "a line of 6 words between two kept paragraphs"),
    Verdict(Label.METADATA, "date-line", "a date"),
]


def _blocks(lines: list[str]) -> list[Block]:
    return [Block(n + 1, n + 1, n + 1, text) for n, text in enumerate(lines)]


def _files(seed: int, count: int, longest: int = 9):
    """Random files of the pool's lines, with random verdicts and lines in play."""
    rng = random.Random(seed)
    for _ in range(count):
        lines = [rng.choice(POOL) for _ in range(rng.randint(1, longest))]
        verdicts = [rng.choice(VERDICTS) for _ in lines]
        rows = sorted(rng.sample(range(len(lines)), rng.randint(1, len(lines))))
        yield lines, verdicts, rows


def _spy(monkeypatch, module, name: str) -> list:
    """Replace `module.name` by a wrapper that records each call's first argument."""
    calls: list = []
    original = getattr(module, name)

    def spy(*args, **kwargs):
        calls.append(args[0] if args else None)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, spy)
    return calls


# --- Markdown subheadings ---------------------------------------------------------------


def test_headings_judged_among_the_files_subheadings_change_what_the_whole_walk_does():
    changed = 0
    for lines, verdicts, _ in _files(1, 3000):
        blocks = _blocks(lines)
        found = markdown.subheading_lines(lines)
        assert found == tuple(i for i, t in enumerate(lines) if markdown.is_subheading(t))
        walked = list(verdicts)
        expected = markdown.headings(blocks, walked)
        assert markdown.headings(blocks, verdicts, found) == expected
        assert verdicts == walked, lines
        changed += expected
    assert changed > 20


def test_a_file_without_two_heading_marks_asks_no_line_whether_it_is_a_subheading(
    monkeypatch,
):
    calls = _spy(monkeypatch, markdown, "is_subheading")
    assert markdown.subheading_lines([ARTICLE, "# The page title", "Share this"] * 50) == ()
    assert calls == []
    assert markdown.subheading_lines([ARTICLE, "## A heading", ARTICLE]) == (1,)


# --- Lines between two paragraphs -------------------------------------------------------


def test_between_prose_decides_as_it_did_when_it_read_every_judged_lines_neighbours():
    changed = 0
    for lines, verdicts, rows in _files(2, 4000):
        before = list(verdicts)
        expected = between_prose_every_line(lines, before, rows)
        assert sandwiched.between_prose(lines, verdicts, rows) == expected
        assert verdicts == before, (lines, rows)
        changed += expected
    assert changed > 50


def test_a_removed_line_too_short_to_stay_is_not_looked_around(monkeypatch):
    calls = _spy(monkeypatch, sandwiched, "_neighbour")
    lines = [ARTICLE, "Share this", ARTICLE, "A line of five short words", ARTICLE]
    removed = Verdict(Label.BOILERPLATE, "line-model", "line model")
    verdicts = [Verdict(Label.BODY), removed, Verdict(Label.BODY), removed, Verdict(Label.BODY)]
    assert sandwiched.between_prose(lines, verdicts, list(range(5)))
    assert verdicts[1] is removed and verdicts[3].rule == sandwiched.RULE
    assert len(calls) == 2  # the five words' two neighbours; none for "Share this"


# --- Another story's headline -----------------------------------------------------------


def test_offtopic_headlines_among_the_files_shaped_lines_are_those_the_walk_finds():
    changed = 0
    rng = random.Random(3)
    pool = [ARTICLE, ARTICLE, SHORT_PROSE, HEADLINE, POOL[3], "Share this", "Q: When?"]
    for _ in range(3000):
        lines = [rng.choice(pool) for _ in range(rng.randint(1, 14))]
        # Mostly kept, as an article's lines are after the model's pass.
        verdicts = [rng.choice(VERDICTS[:4]) for _ in lines]
        rows = sorted(rng.sample(range(len(lines)), rng.randint(1, len(lines))))
        blocks = _blocks(lines)
        shaped = offtopic.shaped_lines(blocks)
        assert bool(shaped) == offtopic.may_hold(blocks)
        walked = list(verdicts)
        expected = offtopic.headlines_between(blocks, walked, rows)
        assert offtopic.headlines_between(blocks, verdicts, rows, shaped) == expected
        assert verdicts == walked, (lines, rows)
        changed += expected
    assert changed > 5


def test_offtopic_reads_the_text_of_no_kept_line_beyond_the_shaped_ones(monkeypatch):
    lines = [ARTICLE, SHORT_PROSE, HEADLINE, ARTICLE, "Share this", ARTICLE] * 20
    blocks = _blocks(lines)
    shaped = offtopic.shaped_lines(blocks)
    assert shaped == tuple(range(2, len(lines) - 1, 6))
    calls = _spy(monkeypatch, offtopic, "_headline_shaped")
    verdicts = [Verdict(Label.BODY)] * len(lines)
    offtopic.headlines_between(blocks, verdicts, list(range(len(lines))), shaped)
    assert calls == []


# --- Entry labels, of texts counted once -----------------------------------------------


def _recurring_pairs_before(texts):
    """`labels.recurring_pairs` of texts without twins as session 31 wrote it: the texts
    counted by the pass itself."""
    wanted = {
        text
        for text, count in Counter(texts).items()
        if count >= labels.MIN_ENTRIES
        and len(text) <= labels.MAX_CHARACTERS
        and labels._is_label(text)
    }
    if len(wanted) < 2:
        return []
    groups: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        if text in wanted:
            groups.setdefault(text, []).append(i)
    return labels._pairs(list(groups.values()), len(texts))


def test_label_pairs_and_entry_labels_of_texts_counted_once_are_those_counted_anew(
    monkeypatch,
):
    entries = ["Pros", "What we liked most", "Cons", "What could be better"]
    rng = random.Random(4)
    found = 0
    for _ in range(1500):
        texts = []
        for _ in range(rng.randint(1, 6)):
            texts += [rng.choice(entries), rng.choice([ARTICLE, SHORT_PROSE, "Share this"])]
        counted = Recurring.of(texts)
        pairs = labels.recurring_pairs(texts, (), counted)
        assert pairs == labels.recurring_pairs(texts) == _recurring_pairs_before(texts)
        assert labels.recurs_short(texts, counted) == labels.recurs_short(texts)
        expected = labels.distinct_labels(texts)
        assert labels.distinct_labels(texts, counted) == expected
        assert labels.entry_labels_of(texts, counted) == labels.entry_labels_of(texts)
        found += bool(expected)
    assert found > 10
    # Given the count, none is taken again.
    calls = _spy(monkeypatch, labels.Recurring, "of")
    texts = ["Pros", ARTICLE, "Cons", ARTICLE, "Pros", ARTICLE, "Cons", ARTICLE]
    labels.entry_labels_of(texts, Recurring.of(texts))
    assert len(calls) == 1  # the caller's own


def test_the_settle_check_finds_nothing_again_in_the_texts_it_found_it_in(monkeypatch):
    texts = [
        "What we liked most", ARTICLE, "What could be better", SHORT_PROSE,
        "What we liked most", "The lamp is bright enough to read by in a dark tent at night.",
        "What could be better", "The battery lasts two nights, not the three it promises.",
    ]
    expected = labels.distinct_lines(texts)
    assert expected
    calls = _spy(monkeypatch, labels, "distinct_lines")
    # Resolution drops none of them: the text that comes out is the text itself.
    assert labels.kept_labels(texts, lambda rows: list(rows)) == expected
    assert calls == []


# --- Each pass's features ---------------------------------------------------------------


def test_features_of_reads_the_prose_rows_once_and_gives_the_columns_read_apart(monkeypatch):
    rng = random.Random(5)
    stopwords = frozenset({"the", "a", "of", "to", "and", "on", "in"})
    for _ in range(300):
        texts = [rng.choice(POOL) for _ in range(rng.randint(1, 30))]
        rows = feat.row_features(texts, stopwords)
        codes_all = [rng.randint(0, 6) for _ in texts]
        for subset in (None, np.asarray(sorted(rng.sample(range(len(texts)), 1)))):
            codes = codes_all if subset is None else [codes_all[i] for i in subset]
            line = feat.line_features(rows, subset, codes)
            context = feat.context_features(line)
            context[:, feat.CONTEXT_FEATURES.index("after_comments")] = feat.comment_columns(
                codes, feat._prose_rows(line)[1]
            )
            context[:, feat._SHARED] = feat.cohesion_columns(rows, subset, line)
            expected = np.hstack([line, context])
            got = feat.features_of(rows, subset, codes)
            assert got.tobytes() == expected.tobytes()
    calls = _spy(monkeypatch, feat, "_prose_rows")
    texts = [ARTICLE, "Share this", SHORT_PROSE, HEADLINE] * 5
    feat.features_of(feat.row_features(texts, stopwords), None, [0] * len(texts))
    assert len(calls) == 1


# --- The header pass's speaker labels ---------------------------------------------------


def test_speaker_labels_are_asked_of_the_lines_with_a_colon_only(monkeypatch):
    for lines, _, _ in _files(6, 2000):
        blocks = _blocks(lines)
        expected = [
            (k, label) for k, block in enumerate(blocks)
            if (label := context._turn_label(block.text)) is not None
        ]
        assert context._labelled(blocks) == expected
    calls = _spy(monkeypatch, context, "_turn_label")
    lines = [ARTICLE, "Q: When will it open?", "Share this", "Anna Nowak: We waited."] * 10
    found = context._labelled(_blocks(lines))
    assert [label for _, label in found] == ["q", "anna nowak"] * 10
    assert len(calls) == 20


# --- Dated records ----------------------------------------------------------------------


def test_record_lists_asks_whether_a_line_is_dated_only_where_its_rule_may_say_so(
    monkeypatch,
):
    calls = _spy(monkeypatch, context, "_dated")
    # Two dates, too few to chain: the pass turns the file away after finding them.
    lines = [ARTICLE, "Share this", "12 March 2026", SHORT_PROSE] * 2 + [ARTICLE] * 30
    rules = [None, "share-button", "date-line", None] * 2 + [None] * 30
    verdicts = [
        Verdict(Label.BODY) if rule is None else Verdict(Label.BOILERPLATE, rule, "x")
        for rule in rules
    ]
    context.record_lists(lines, verdicts, list(range(len(lines))))
    assert [v.rule for v in calls] == ["date-line", "date-line"]
