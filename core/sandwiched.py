"""A line the model removed between two paragraphs the article keeps.

Inside an article, a line of a few words between two kept paragraphs is most often the
article's own: a subheading ("Making the most of a small garden"), a line of a list the
prose introduces, a sentence the scraper split off. Read alone, such a line looks like the
short lines of a page's chrome, and the model removes it; but chrome between two
paragraphs is rare, and the lines it leaves there are mostly a rule's (an inline "Related:"
link, an advertisement label) or a single word. So a line of MIN_WORDS words or more that
the model removed stays when the lines just before and after it (of the lines a second run
would see) are kept paragraphs of MIN_PROSE words or more ("between-prose"). This reads
word counts and verdicts only, in any language.
"""

from __future__ import annotations

from .model import Label, Verdict
from .prose import word_count
from .siblings import LABELLED, MARKED, form

MIN_WORDS = 5  # fewer: a label or a one-word link
MIN_PROSE = 10  # a paragraph, not another short line


def between_prose(texts: list[str], verdicts: list[Verdict], rows: list[int]) -> bool:
    """Keep the lines of `rows` (the lines a second run would see) that the model removed
    and that sit between two kept lines of MIN_PROSE words or more. True if any verdict
    changed."""
    changed = False
    for k in range(1, len(rows) - 1):
        i = rows[k]
        verdict = verdicts[i]
        if verdict.keep or verdict.rule != "line-model":
            continue
        before, after = rows[k - 1], rows[k + 1]
        if not (verdicts[before].keep and verdicts[after].keep):
            continue
        words = word_count(texts[i])
        if words < MIN_WORDS:
            continue
        if not (_paragraph(texts[before]) and _paragraph(texts[after])):
            continue
        verdicts[i] = verdict.overruled(
            Label.BODY,
            "between-prose",
            f"a line of {words} words between two kept paragraphs; {verdict.detail}",
        )
        changed = True
    return changed


def _paragraph(text: str) -> bool:
    """A line of MIN_PROSE words or more that is no list item ("Weight: 310 grams with its
    stand", "- a tent for two"): a doubted line between two items is the list's to judge
    (`siblings.py`)."""
    return word_count(text) >= MIN_PROSE and form(text) not in (LABELLED, MARKED)
