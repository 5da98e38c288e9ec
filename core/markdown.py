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
from .rulecodes import ruled

# A subheading: two to six "#", a space, and a word that does not start in lower case. One
# "#" is the page's title, or in plain text a comment of a code sample ("# point these at
# the real urls") or a tag.
_SUBHEADING = re.compile(r"#{2,6} ([^\W\d_])")
_BY_MODEL = frozenset({"line-model"})


_HEADING_MARKS = re.compile(r"#{1,6} +(.*?)(?: +#+)?")


# A link or an image: "[words](target)", "![alt](src)", a title in quotes after the target.
_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()\s]*(?:\s+\"[^\"]*\")?\)")


def link_text(text: str) -> str:
    """The line as a reader sees it: each Markdown link or image as its words."""
    return _LINK.sub(r"\1", text)


# Strong emphasis around words: "**Marlize van Wyk**", "__By Ana Ruiz__".
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


def unemphasized(value: str) -> str:
    """A value a rule read (a byline, a credit) without the Markdown strong emphasis an
    HTML-to-Markdown converter wrote around its words ("Deur **Marlize van Wyk**" names
    Marlize van Wyk)."""
    if "**" not in value and "__" not in value:
        return value
    return _STRONG.sub(r"\2", value)


def heading_text(text: str) -> str:
    """A heading's words without its Markdown marks ("# Ferry orders boats" is a headline
    "Ferry orders boats"); any other line as it is."""
    found = _HEADING_MARKS.fullmatch(text.strip())
    return found.group(1) if found is not None and found.group(1) else text


def is_subheading(text: str) -> bool:
    """A Markdown ATX heading below the title whose first word does not start in lower
    case."""
    found = _SUBHEADING.match(text)
    return found is not None and not found.group(1).islower()


def subheading_lines(texts: Sequence[str]) -> tuple[int, ...]:
    """The lines whose text (a block's own) `is_subheading`: of the text alone, so taken
    once per file for every pass of `headings`. Most files hold none, told by one search
    of the joined text for the two marks every subheading opens with (a Python step a
    line would cost more than the pass it spares)."""
    if "##" not in "\n".join(texts):
        return ()
    return tuple(i for i, text in enumerate(texts) if is_subheading(text))


def headings(
    blocks: Sequence[Block], verdicts: list[Verdict], subheadings: Sequence[int] | None = None
) -> bool:
    """Keep a Markdown subheading the model removed whose lines above and below, in the
    file, are kept: a subheading of the article ("md-heading"). True if any verdict
    changed. `subheadings`: the blocks' `subheading_lines`, where the caller took them
    (the passes: once per file); only those lines can change."""
    changed = False
    # Only a line the model removed is judged: found by its rule first (`ruled`), or among
    # the file's subheadings, in file order either way. A judgement sets its own line's
    # verdict, which is no longer the model's removal.
    candidates = ruled(verdicts, None, _BY_MODEL) if subheadings is None else subheadings
    for i in candidates:
        if not 0 < i < len(blocks) - 1:
            continue
        verdict = verdicts[i]
        if verdict.keep or verdict.rule != "line-model":
            continue
        if subheadings is None and not is_subheading(blocks[i].text):
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
