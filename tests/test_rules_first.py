"""Passes that find what they judge without a Python step for every line in play (session
26: the lines of a rule found in C, `rulecodes.ruled`; a step between kept lines taken by
`max` over `map`; the last kept line looked for from the end) find what their walk over
every line found: each is held to that walk, kept here, on random pages of every verdict
the walk tells apart."""

from __future__ import annotations

import random
from itertools import pairwise

from copydesk.core.model import BODY, Block, Label, Verdict

PROSE = (
    "The allotment committee met on Tuesday to share out the plots that fell vacant over "
    "the winter, and eleven families put their names down for the four that were left."
)
REMOVED = Verdict(Label.BOILERPLATE, "line-model", "p=0.10", score=0.1)
KINDS = [
    BODY,
    Verdict(Label.BODY, score=0.8),
    REMOVED,
    Verdict(Label.BOILERPLATE, "share-bar", "share"),
    Verdict(Label.BODY, "md-heading", "held", score=0.2),
    Verdict(Label.METADATA, "byline", "by", meta=("byline", "Ann")),
]


def _reference_after_article(texts, verdicts, rows) -> bool:
    from copydesk.core.context import IN_BODY_RULES, MIN_GAP_LINES, stray_islands
    from copydesk.core.prose import word_count

    kept = [i for i in rows if verdicts[i].keep]
    if not any(b - a > MIN_GAP_LINES for a, b in pairwise(kept)):
        return False
    by_rule = [
        not v.keep and v.rule != "line-model" and v.rule not in IN_BODY_RULES for v in verdicts
    ]
    words = [word_count(texts[i]) for i in kept]
    changed = False
    for island in stray_islands(kept, words, by_rule):
        if any(verdicts[i].rule == "keep-pattern" for i in island.lines):
            continue
        detail = (
            f"{len(island.lines)} line(s) after the article, set off from it by "
            f"{island.gap} removed lines ({island.rule_lines} removed by rules): "
            f"more of the page around the article"
        )
        for i in island.lines:
            verdicts[i] = Verdict(
                Label.BOILERPLATE, "after-article", detail, score=verdicts[i].score
            )
        changed = True
    return changed


def test_after_article_reads_the_gaps_between_kept_lines_as_the_walk_read_them():
    from copydesk.core.context import MIN_GAP_LINES, after_article

    rng = random.Random(26)
    pool = [PROSE, "Share this", "Sign up for our newsletter today", "Most read", "Ann Lee"]
    found = gapless = 0
    share = Verdict(Label.BOILERPLATE, "share-bar", "share")
    for _ in range(3000):
        # An article, then stretches of removed lines (some longer than the gap an island
        # needs) and small kept islands, with other verdicts scattered.
        texts: list[str] = []
        verdicts: list[Verdict] = []
        for _ in range(rng.randint(0, 8)):
            texts.append(PROSE)
            verdicts.append(BODY)
        for _ in range(rng.randint(0, 3)):
            gap = rng.randint(MIN_GAP_LINES - 2, MIN_GAP_LINES + 3)
            texts.extend(["Share this"] * gap)
            verdicts.extend(rng.choice([share, share, REMOVED]) for _ in range(gap))
            size = rng.randint(1, 3)
            texts.extend(rng.choice(pool) for _ in range(size))
            verdicts.extend(rng.choice([BODY, BODY, rng.choice(KINDS)]) for _ in range(size))
        n = len(texts)
        rows = [i for i in range(n) if rng.random() < 0.9]
        expected = list(verdicts)
        want = _reference_after_article(texts, expected, rows)
        assert after_article(texts, verdicts, rows) == want
        assert verdicts == expected
        found += want
        kept = [i for i in rows if verdicts[i].keep]
        steps = [b - a for a, b in pairwise(kept)]
        gapless += bool(steps) and max(steps) <= MIN_GAP_LINES
    assert found > 50 and gapless > 100  # islands removed, and pages with none


def test_the_last_kept_line_in_play_is_the_one_the_walk_found():
    from copydesk.core.edges import _last_kept

    rng = random.Random(26)
    for _ in range(3000):
        verdicts = [rng.choice(KINDS) for _ in range(rng.randint(0, 12))]
        rows = [i for i in range(len(verdicts)) if rng.random() < 0.8]
        want = max((pos for pos, i in enumerate(rows) if verdicts[i].keep), default=-1)
        assert _last_kept(verdicts, rows) == want


def _blocks(texts: list[str]) -> list[Block]:
    return [Block(i + 1, i + 1, i + 1, t) for i, t in enumerate(texts)]


def _reference_headings(blocks, verdicts) -> bool:
    from copydesk.core.markdown import is_subheading

    changed = False
    for i in range(1, len(blocks) - 1):
        verdict = verdicts[i]
        if verdict.keep or verdict.rule != "line-model" or not is_subheading(blocks[i].text):
            continue
        if verdicts[i - 1].keep and verdicts[i + 1].keep:
            verdicts[i] = verdict.overruled(
                Label.BODY,
                "md-heading",
                f"a Markdown heading between kept lines {blocks[i - 1].start} and "
                f"{blocks[i + 1].start}; {verdict.detail}",
            )
            changed = True
    return changed


def test_markdown_headings_judge_the_lines_the_walk_over_every_line_judged():
    from copydesk.core.markdown import headings

    rng = random.Random(26)
    pool = [PROSE, "## Where the plots are", "## where the plots are", "# The title",
            "Share this", "### Eleven families"]
    kept = 0
    for _ in range(3000):
        texts = [rng.choice(pool) for _ in range(rng.randint(0, 12))]
        verdicts = [rng.choice(KINDS) for _ in texts]
        expected = list(verdicts)
        want = _reference_headings(_blocks(texts), expected)
        assert headings(_blocks(texts), verdicts) == want
        assert verdicts == expected, texts
        kept += want
    assert kept > 100  # headings kept, not only nothing to do


def _reference_introduced_lists(texts, verdicts, rows) -> bool:
    from copydesk.core.introlists import MIN_ITEMS, RULE, _intro, _items
    from copydesk.core.model import model_removal

    listed: set[int] = set()
    for pos, i in enumerate(rows):
        verdict = verdicts[i]
        if verdict.keep and verdict.rule != RULE and _intro(texts[i]):
            items = _items(texts, verdicts, rows, pos + 1)
            if len(items) >= MIN_ITEMS:
                listed.update(items)
    changed = False
    for j in rows:
        verdict = verdicts[j]
        if verdict.keep and verdict.rule == RULE and j not in listed:
            verdicts[j] = model_removal(verdict)
            changed = True
        elif j in listed and not verdict.keep and verdict.rule == "line-model":
            detail = f"an item of a list a sentence of the article introduces; {verdict.detail}"
            verdicts[j] = verdict.overruled(Label.BODY, RULE, detail)
            changed = True
    return changed


def test_introduced_lists_let_go_and_keep_the_items_the_walk_did():
    from copydesk.core.introlists import RULE, introduced_lists

    rng = random.Random(26)
    intro = "Here is everything the families will need for the plots this spring:"
    pool = [PROSE, intro, "A spade", "Seed potatoes", "Twine and canes", "Share this"]
    held = Verdict(Label.BODY, RULE, "held; p=0.10", score=0.1)
    changed = 0
    for _ in range(3000):
        texts = [intro] + [rng.choice(pool) for _ in range(rng.randint(0, 10))]
        verdicts = [rng.choice([*KINDS, held, REMOVED, REMOVED]) for _ in texts]
        rows = [i for i in range(len(texts)) if rng.random() < 0.9]
        expected = list(verdicts)
        want = _reference_introduced_lists(texts, expected, rows)
        assert introduced_lists(texts, verdicts, rows) == want
        assert verdicts == expected
        changed += want
    assert changed > 300


class _Like:
    """A verdict-like object of another class: read as Python reads `v.rule`."""

    def __init__(self, rule):
        self.rule = rule


def test_ruled_finds_the_lines_of_the_rules_the_comprehension_finds():
    import pytest

    from copydesk.core import classify, rulecodes
    from copydesk.core.rulecodes import ruled, ruled_of

    # The C scan, reading the slots of the verdict class it is bound to, is what is held to
    # the reference (the other class by attribute).
    assert rulecodes._filefacts is not None and classify._VERDICT_KIT
    rng = random.Random(26)
    wants = [frozenset(), frozenset({"line-model"}), frozenset({None}),
             frozenset({"headline", "md-heading"}), frozenset({None, "share-bar", "byline"})]
    for _ in range(3000):
        verdicts = [rng.choice([*KINDS, _Like("headline"), _Like(None)]) for _ in range(
            rng.randint(0, 12))]
        rows = None if rng.random() < 0.2 else [
            i for i in range(len(verdicts)) if rng.random() < 0.8
        ]
        if rows and rng.random() < 0.2:
            rows[0] -= len(verdicts)  # a negative index, read from the end as a list does
        wanted = rng.choice(wants)
        assert ruled(verdicts, rows, wanted) == ruled_of(verdicts, rows, wanted)
    with pytest.raises(IndexError):
        ruled([BODY], [1], frozenset({None}))
    with pytest.raises(TypeError):
        ruled([BODY], [0], {None})  # a set that may change: not what the passes give
    with pytest.raises(AttributeError):
        ruled([object()], [0], frozenset({None}))

