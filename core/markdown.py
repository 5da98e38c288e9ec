"""Marks a Markdown scrape leaves on its lines, read as structure.

Scrapers that write Markdown ("# ", "## ", "```") say what a line was on the page: a
heading marked "## " was a heading element. Between two kept lines of the article such a
heading is the article's subheading, whatever the model made of its few words; the share
and related headings of the page around the article ("## Share this article",
"## Related") sit among removed lines, where this does not reach.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .model import Block, Label, Verdict

_HEADING = re.compile(r"#{1,6} \S")


def is_heading(text: str) -> bool:
    """A Markdown ATX heading: one to six "#" and a space."""
    return _HEADING.match(text) is not None


def headings(blocks: Sequence[Block], verdicts: list[Verdict]) -> bool:
    """Keep a Markdown heading the model removed whose lines above and below, in the file,
    are kept: a subheading of the article ("md-heading"). True if any verdict changed."""
    changed = False
    for i in range(1, len(blocks) - 1):
        verdict = verdicts[i]
        if verdict.keep or verdict.rule != "line-model" or not is_heading(blocks[i].text):
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
