"""Items of one list, judged together.

A list inside an article is often written as lines of one form in a row: a label and
a colon ("Storage: 2 TB", "Pros: quiet and light"), or a list marker ("- ", "• ",
"3. "). Read one at a time, the model keeps most of the items and drops one or two
that look a little shorter or sit next to a removed line, cutting the list in the
middle. Such a run is one thing: when the mean body probability of its items clears the
bar, every item stays. The mean never removes an item the model keeps on its own: a run
of "Label: value" lines may be a card of facts of which one line is a link ("Case
studies: view all"), and judged whole, the cards went with it. This reads punctuation
only, in any language.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from . import rulecache
from .model import Label, Verdict
from .prose import is_prose
from .rulecodes import ruled
from .words import count_words, each_line

try:  # `form` of ASCII lines in C (optional: see core/_linefacts.c)
    from . import _linefacts
except ImportError:
    _linefacts = None

# A label of a few words, then a colon and more text on the line ("Battery life: 9 hours").
_LABELLED = re.compile(r"^\s*([^:：.!?]{1,60})[:：]\s*\S")
MAX_LABEL_WORDS = 6
# A list marker: a bullet or dash and a space, a number and a stop or bracket, or a
# lower-case letter in brackets ("a) ", "(b) "): a ruling's or a contract's clauses, which
# the model cut in the middle as it cuts numbered items. Latin, Greek and Cyrillic letters
# (the C form reads Latin-1 lines, whose letters past "z" never open such a list); no
# stop after a letter, as "J. Smith" opens with one.
# (Its classes reach past Latin-1: compiled through the rule cache, as `re` builds such a
# class's bitmap in Python at every process's start.)
_MARKED = rulecache.compile(
    r"^\s*(?:[-*•·▪■►▸‣⁃–—]\s|\d{1,3}[.)]\s|\(\d{1,3}\)\s|\(?[a-zα-ωа-яё]\)\s)"
)
MIN_ITEMS = 3  # two lines of one form are a pair, not a list

NONE, LABELLED, MARKED, BLANK, FIGURE = 0, 1, 2, 3, 4
LIST_FORMS = (LABELLED, MARKED, FIGURE)
# A row of a list of figures: a name and its share or change, the line ending in a
# percentage ("Isamaa 18,2%", "Genmab +1,5 %", "MDAX 26.811,2 Punkte (-0,2 %)"). An
# election's results, a market's movers, a poll: the model reads each row alone as a short
# fragment, as it reads a menu's, and kept three of five parties' results. Only a
# percentage: a line ending in a bare figure is a title as often ("The Best Gyms of 2024",
# "Accuracy 9.3" in a review's score box), and the dev set lost more than it gained so.
MAX_FIGURE_WORDS = 6


def form(text: str) -> int:
    """LABELLED, MARKED, BLANK (no words: a spacer between items), FIGURE, or NONE."""
    if _MARKED.match(text):
        return MARKED
    found = _LABELLED.match(text)
    if found is not None and count_words(found.group(1)) <= MAX_LABEL_WORDS:
        return LABELLED
    if not any(map(str.isalnum, text)):
        return BLANK
    return FIGURE if _figure_row(text) else NONE


def _figure_row(text: str) -> bool:
    """A line of MAX_FIGURE_WORDS words at most whose first word holds a letter and whose
    end, less closing brackets, is a figure's digit and a percent sign."""
    t = text.rstrip().rstrip(")]").rstrip()
    if not t.endswith("%"):
        return False
    t = t[:-1].rstrip()
    if not t or t[-1] not in "0123456789":
        return False
    words = t.split()
    return len(words) <= MAX_FIGURE_WORDS and any(c.isalpha() for c in words[0])


def forms(texts: Sequence[str]) -> list[int]:
    """`form` of each line: ASCII lines in C where it is built (-1 for the others)."""
    return each_line(None if _linefacts is None else _linefacts.forms, form, texts)


def runs(forms: Sequence[int], open_: Sequence[bool]) -> list[list[int]]:
    """Runs of MIN_ITEMS or more consecutive positions of one form (LABELLED or MARKED),
    each one `open_` (its verdict still to be set); BLANK positions between items do not
    end a run and are not part of it."""
    found: list[list[int]] = []
    current: list[int] = []
    kind = NONE
    for pos, f in enumerate(forms):
        if f == BLANK and current:
            continue
        if f in LIST_FORMS and open_[pos] and (f == kind or not current):
            current.append(pos)
            kind = f
            continue
        if len(current) >= MIN_ITEMS:
            found.append(current)
        current, kind = [], NONE
        if f in LIST_FORMS and open_[pos]:
            current, kind = [pos], f
    if len(current) >= MIN_ITEMS:
        found.append(current)
    return found


# The model's first pass reads every line of the page, chrome and all; the passes after it
# read the lines it kept, and items it split from their list are no longer among them: a
# forecast's five cities at a mean of 0.448 against a bar of 0.45 lost the two under the
# bar, and on the next pass the three left scored 0.84 to 0.90 without them. Once, on that
# next pass, such items are judged with their list again: the mean of the whole run, the
# items in play at this pass's probability and the removed ones at the score the model gave
# them. If it clears the bar, they come back as plain lines and the model judges them with
# their list from then on (the run's mean again, `classify._item_scores`). Once only: a list
# that fails its mean with every item in play loses its weak items for good.
_MODEL = frozenset(["line-model"])


def rejoin(
    texts: Sequence[str],
    forms: Sequence[int],
    verdicts: list[Verdict],
    rows: Sequence[int],
    open_rows: Sequence[int],
    p: Sequence[float],
    threshold: float,
) -> bool:
    """Give back the items the model alone removed from a run of one list form whose items
    in play (`open_rows`: positions in `rows` whose verdict the model sets this pass,
    probabilities `p` by position) and removed items together have a mean body probability
    of at least `threshold`, under the first prose line kept (`texts`: each line's). True
    if any verdict changed."""
    # The model's removals, found in C where it was built (a Python step per line, every
    # file with a list, cost more than the rest of this pass).
    removed = [
        i for i in ruled(verdicts, None, _MODEL)
        if not verdicts[i].keep and forms[i] in LIST_FORMS and verdicts[i].score is not None
    ]
    if not removed:
        return False
    at = {rows[k]: k for k in open_rows}
    open_ = [False] * len(forms)
    for i in removed:
        open_[i] = True
    for i in at:
        open_[i] = True
    # A list inside the article stands under its prose; a list of related headlines or a
    # menu of labels above the article's first kept paragraph is the page's.
    first_prose = next((i for i in rows if verdicts[i].keep and is_prose(texts[i])), None)
    if first_prose is None:
        return False
    changed = False
    for members in runs(forms, open_):
        back = [i for i in members if i not in at]
        if not back or len(back) == len(members) or members[0] < first_prose:
            continue
        total = sum(float(p[at[i]]) if i in at else float(verdicts[i].score) for i in members)
        mean = total / len(members)
        if mean < threshold:
            continue
        for i in back:
            detail = f"an item back in its list, whose items' mean body probability is {mean:.2f}"
            verdicts[i] = Verdict(Label.BODY, detail=detail, score=verdicts[i].score)
        changed = True
    return changed
