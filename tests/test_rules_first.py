"""Passes that find what they judge without a Python step for every line in play (session
26: a step between kept lines taken by `max` over `map`, the last kept line looked for from
the end) find what their walk over every line found: each is held to that walk, kept here,
on random pages of every verdict the walk tells apart."""

from __future__ import annotations

import random
from itertools import pairwise

from copydesk.core.model import BODY, Label, Verdict

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
