"""Passes that find the lines they judge by the lines' rules first, in C (session 26),
judge the very lines, alike, that their walk over every line judged: each is held to that
walk, kept here, on random pages of every verdict the walk tells apart."""

from __future__ import annotations

import random

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
