"""A short page the line model empties: a brief of two or three sentences under a menu.

The model finds the article by its main body region, the stretch with the most running
prose; a news brief whose sentences are each under ten words ("Снег продержится до
выходных" and three short sentences) has no line it reads as prose, so the region falls
on the menu and every sentence goes with it. Such a page would be written empty. When the
model keeps next to nothing, and all it keeps lies in one run of sentences it removed
(two or more lines in a row, each ending a sentence), that run is the article. A run
cleaned this way is a page of those sentences alone, which the pass keeps again, so
cleaning twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from .model import Block, Verdict, keep_removed
from .prose import SENTENCE_STOPS, text_end, word_count

# Kept words at or above which the page is not empty: the model found an article.
MAX_KEPT_WORDS = 40
# A run of sentences: lines of SENTENCE_WORDS words or more, each ending a sentence, at
# least RUN_LINES of them and RUN_WORDS words in all (one sentence alone is a caption, a
# notice or a call to action as often as an article).
SENTENCE_WORDS, RUN_LINES, RUN_WORDS = 4, 2, 12
# Full stops only: a line ending in a bracket or a quote mark may be a title or a credit.
_CLOSERS = "\"'”’»)"


def _sentence(text: str) -> bool:
    if word_count(text) < SENTENCE_WORDS:
        return False
    end = text_end(text).rstrip(_CLOSERS)
    return end.endswith(SENTENCE_STOPS) or _unstopped_end(end)


# Thai and Lao write no full stop: a sentence ends at a space or the end of the paragraph,
# so a line that ends in a letter of those scripts ends a sentence, as a line ending in
# "." does in others (a Thai brief's second paragraph went with no stop to read).
_UNSTOPPED_SCRIPTS = (("\u0e01", "\u0e7f"), ("\u0e81", "\u0eff"))


def _unstopped_end(end: str) -> bool:
    return bool(end) and any(lo <= end[-1] <= hi for lo, hi in _UNSTOPPED_SCRIPTS)


def sentences_of_empty_page(
    blocks: Sequence[Block], verdicts: list[Verdict], rows: list[int]
) -> bool:
    """Keep the run of sentences of a page the model all but emptied (see the module's
    doc). True if any verdict changed."""
    kept_words = 0
    for i in rows:  # the cheap question: most pages keep more than this in a few lines
        if verdicts[i].keep:
            kept_words += word_count(blocks[i].text)
            if kept_words >= MAX_KEPT_WORDS:
                return False
    best: list[int] = []
    best_words = 0
    run: list[int] = []
    words = 0
    for i in [*rows, -1]:  # -1 closes the last run
        if i >= 0 and (verdicts[i].keep or verdicts[i].rule == "line-model") and _sentence(
            blocks[i].text
        ):
            run.append(i)
            words += word_count(blocks[i].text)
            continue
        if len(run) >= RUN_LINES and words >= RUN_WORDS and words > best_words:
            best, best_words = run, words
        run, words = [], 0
    if not best:
        return False
    inside = set(best)
    if any(verdicts[i].keep and i not in inside for i in rows):
        return False  # the model kept something else: the page is not empty
    reason = (
        f"one of {len(best)} sentences in a row on a page the model kept next to nothing of"
    )
    return keep_removed(verdicts, best, "short-page", reason)
