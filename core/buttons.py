"""A widget's button that each of its cards repeats word for word inside the article:
"Get the Recipe" under each recipe of a round-up, "Start Course" under each course,
"See it at Amazon" under each product, "View this post on Instagram" in each embed,
"Compare new car deals with Leasing.com" after each model's paragraph.

Read one line at a time, such a button is a short line between paragraphs, which the line
model keeps as a subheading (0.7-0.95 on the dev pages). Alone it is no different from
the article's own short lines: a lone "Check the price" or "Learn more" is as often the
writer's (region28 screened the words alone: +0.00000). What tells it is that a template
prints it again and again, the same words each time, opening with an imperative: the
article's own repeated short lines are labels ("Pros", "What we like", "Key features:",
"Overview"), which name the part under them rather than tell the reader to act.

So: a line of MIN_WORDS to MAX_WORDS words, not ending in a colon (a label that opens
a list: "Check these first:"), opening with a verb of acting on a link (`button_verbs`, the
pack languages' common ones), whose very text (case and spacing aside) MIN_COPIES or
more kept lines show. Screened on the dev set's region outputs before it was built: 1,006
words outside the truth against 161 in it, 22 pages of 22 sites better, 5 worse (sites
whose truth keeps the button: "Jump to Review", "Contact for demo"); at MIN_WORDS 1
("Check", "Read") or a colon allowed, labels come in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import cache

from . import entryfields
from .model import Label, Verdict, play_position
from .prose import word_count
from .roundups import RULE as ROUNDUP
from .rules import pack_word_list

RULE = "repeated-button"
MIN_COPIES = 3  # two copies are a pair (a quote repeated, a heading and its summary)
MIN_WORDS = 2  # "Check", "Read" alone: as often a table's cell or a label
MAX_WORDS = 6  # a button's text; longer is a sentence or a heading


@cache
def button_verbs() -> frozenset[str]:
    """The imperatives a button opens with, lowercased: the packs' "button_verbs", every
    language together, as the packs' other word lists are read. English's were measured
    on the dev set; the others are the same verbs, for the same buttons."""
    return pack_word_list("button_verbs")


def _key(text: str) -> str:
    """What two copies of a button share: the words, case and spacing aside."""
    return " ".join(text.split()).casefold()


def is_button(text: str) -> bool:
    """A line that reads as a button's text: MIN_WORDS to MAX_WORDS words, opening with
    one of `button_verbs`, not a label's colon at its end."""
    text = text.strip()
    if not text or text.endswith(":"):
        return False
    if not MIN_WORDS <= word_count(text) <= MAX_WORDS:
        return False
    return text.split(None, 1)[0].casefold() in button_verbs()


def find(texts: Sequence[str], opening: Sequence[str | None] | None) -> list[list[int]] | None:
    """The file's lines that are a button's copies, grouped by their text, or None (most
    files). A button's MIN_COPIES copies open with one word, so `opening` (each line's
    first word where three short lines share it, `openings.openings`, which the passes
    take anyway) names the few lines to read."""
    if opening is None:
        return None
    # Most files' shared first words hold no verb: the set of them is taken in C, and
    # only a file with a verb among them has its lines walked.
    known = button_verbs()
    verbs = {first for first in set(opening) if first is not None and first.casefold() in known}
    if not verbs:
        return None
    groups: dict[str, list[int]] = defaultdict(list)
    for i, first in enumerate(opening):
        if first in verbs and is_button(texts[i]):
            groups[_key(texts[i])].append(i)
    found = [lines for lines in groups.values() if len(lines) >= MIN_COPIES]
    return found or None


def repeated_buttons(
    found: list[list[int]], texts: Sequence[str], verdicts: list[Verdict], rows: Sequence[int]
) -> bool:
    """Remove every copy of a button that MIN_COPIES kept lines in play show, unless the
    kept lines in play hold them as an outline's entries' own lines; True if any verdict
    changed. Read as a second run reads the kept text: the lines in play are those
    (duplicate resolution's repeats left out), and the outline (`entryfields.outlines`) is
    looked for among them, where a second run would find it. Entries whose outline
    includes the button ("Course", a title, a paragraph, "Start course") are held together
    by the outline pass, and without the button their fate could differ between the two
    runs."""
    inside: set[int] | None = None  # most files' buttons are not kept three times
    changed = False
    for copies in found:
        # A few copies looked up in the sorted rows: the pass runs on every pass of the
        # file, and a walk over every line in play each time cost 0.3 % of dev
        # classification.
        kept = [i for i in copies if verdicts[i].keep and play_position(rows, i) is not None]
        if len(kept) < MIN_COPIES:
            continue
        if inside is None:
            inside = _outlined(texts, [i for i in rows if verdicts[i].keep])
        if inside.intersection(kept):
            continue
        if any(verdicts[i].rule == ROUNDUP for i in kept):
            # The links that close a round-up's entries (`roundups.py`), which the article
            # announces: a second run sees the entries apart by them, as here.
            continue
        for i in kept:
            verdict = verdicts[i]
            if verdict.rule == "keep-pattern":
                continue  # the user said this text stays
            verdicts[i] = verdict.overruled(
                Label.BOILERPLATE, RULE,
                f"a button repeated word for word ({len(kept)} copies): a widget's, "
                "not the article's",
            )
            changed = True
    return changed


def _outlined(texts: Sequence[str], play: list[int]) -> set[int]:
    """The lines of `play` that are the entries of an outline of their own text."""
    outlines = entryfields.outlines([texts[i] for i in play])
    return {play[k] for entries in outlines or () for entry in entries for k in entry}
