"""Pages written as (text, verdict) rows, for the tests of what `articlemeta.collect` reads
from a classified page (tests/test_article_metadata.py, tests/test_article_headline.py)."""

from __future__ import annotations

from copydesk.core import articlemeta
from copydesk.core.classify import VALIDATORS
from copydesk.core.model import Block, Label, Verdict


def blocks(lines: list[str]) -> list[Block]:
    return [Block(i + 1, i + 1, i + 1, text) for i, text in enumerate(lines)]


def headline(text: str) -> Verdict:
    return Verdict(Label.METADATA, "headline", "", meta=("headline", text))


def removed(rule: str = "line-model") -> Verdict:
    return Verdict(Label.BOILERPLATE, rule, "")


def collect(page: list[tuple[str, Verdict]]) -> tuple[dict[str, list[str]], list[Verdict]]:
    """The page's metadata, and its verdicts as `collect` leaves them (it relabels some)."""
    verdicts = [v for _, v in page]
    metadata = articlemeta.collect(blocks([t for t, _ in page]), verdicts, VALIDATORS["names"])
    return metadata, verdicts
