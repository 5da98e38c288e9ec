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

from .model import Label, Verdict, model_removal
from .prose import word_count
from .rulecodes import ruled
from .siblings import LABELLED, MARKED, form

MIN_WORDS = 5  # fewer: a label or a one-word link
MIN_PROSE = 10  # a paragraph, not another short line
RULE = "between-prose"
_JUDGED = frozenset({RULE, "line-model"})  # the rules of the lines `between_prose` judges


def between_prose(texts: list[str], verdicts: list[Verdict], rows: list[int]) -> bool:
    """Keep the lines of `rows` (the lines a second run would see) that the model removed
    and that sit between two kept lines of MIN_PROSE words or more. True if any verdict
    changed."""
    changed = False
    # Only a line the model removed, or one this pass kept, is judged: found by its rule
    # first (`ruled`). A line's judgement sets its own verdict only, so no later line's rule
    # moves in or out.
    for k in ruled(verdicts, rows, _JUDGED):
        i = rows[k]
        verdict = verdicts[i]
        held = verdict.keep and verdict.rule == RULE
        if not held and (verdict.keep or verdict.rule != "line-model"):
            continue
        # A removed line too short to stay is not looked around: most lines the model
        # removes are a word or three of chrome (the neighbours are read, not written).
        words = 0 if held else word_count(texts[i])
        if not held and words < MIN_WORDS:
            continue
        before = _neighbour(texts, verdicts, rows, k, -1)
        after = _neighbour(texts, verdicts, rows, k, 1)
        between = before is not None and _kept_paragraph(texts, verdicts, before)
        between = between and after is not None and _kept_paragraph(texts, verdicts, after)
        if held:
            # A paragraph beside it went on a later pass: a second run would not see the
            # line between two paragraphs, so the model's removal stands again.
            if not between:
                verdicts[i] = model_removal(verdict)
                changed = True
            continue
        if not between:
            continue
        verdicts[i] = verdict.overruled(
            Label.BODY,
            RULE,
            f"a line of {words} words between two kept paragraphs; {verdict.detail}",
        )
        changed = True
    return changed


def _neighbour(
    texts: list[str], verdicts: list[Verdict], rows: list[int], k: int, step: int
) -> int | None:
    """The row next to `rows[k]` on the side of `step`, past a picture's credit: a credit
    between two paragraphs is the picture's, set inside the article ("Picha: Maktaba"),
    and a second run, which no longer sees it, reads the line as between the two. Not
    past a credit to a paragraph the file already holds: there a body captured twice
    starts again (its headline, its picture), and the copy goes as a duplicate."""
    start = k
    k += step
    while 0 <= k < len(rows) and _credit(verdicts[rows[k]]):
        k += step
    if not 0 <= k < len(rows):
        return None
    if abs(k - start) > 1 and texts[rows[k]] in texts[: rows[k]]:
        return None
    return rows[k]


def _credit(verdict: Verdict) -> bool:
    return not verdict.keep and verdict.meta is not None and verdict.meta[0] == "image_credit"


def _kept_paragraph(texts: list[str], verdicts: list[Verdict], i: int) -> bool:
    return verdicts[i].keep and _paragraph(texts[i])

def _paragraph(text: str) -> bool:
    """A line of MIN_PROSE words or more that is no list item ("Weight: 310 grams with its
    stand", "- a tent for two"): a doubted line between two items is the list's to judge
    (`siblings.py`)."""
    return word_count(text) >= MIN_PROSE and form(text) not in (LABELLED, MARKED)
