"""A list of the site's other pages that closes the kept text: "Average Costs for Cleaning
Services in Austin" / "Average Costs for Cleaning Services in Boston" / ..., "Best
Subscriptions for Men" / "Best Subscriptions for Women" / ..., under a line such as
"Additional Reading" or "Explore More".

Sites close an article with links to their other pages, and a region scrape keeps them
after the article's last paragraph. Each link reads as a title (short, no sentence end),
which the line model takes for the article's subheadings or list items, and no rule pack
knows every site's wording. The evidence is the layout and the repetition: the kept text
ends with a run of short lines without a sentence's stop (a title may ask a question),
and the run's lines are built alike, half of them or more opening or closing with the same
two words as another line of the run (pages of one kind, named by one template). An
article's own closing list seldom repeats its items' wording that way (ingredients, steps,
names). Only the text's end is read: the run must reach it, and a prose line stops it.

Measured on the dev set's kept outputs before building (CV, region): lines taken 271,
truth words 297, other words 1,118. This reads words and punctuation only, in any language
whose words are separated by spaces.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from .model import Label, Verdict
from .prose import SENTENCE_STOPS, text_end, word_count

RULE = "closing-list"
MIN_ITEMS = 4  # fewer short lines at the end are a heading or two, or a byline
ITEM_WORDS = 14  # a link's title: "Top 10 HR Outsourcing Companies, Providers and Consultants"
SHAPE_WORDS = 2  # the words a template repeats at an item's start or end
DISTINCT_SHARE = 0.8  # of the run's lines, different lines at least
# A sentence, or a lead-in; not a question, which a link's title often is ("What Does a
# Fractional CMO Do?"): the answers that follow an FAQ's questions stop a run anyway.
_QUESTIONS = ("?", "？", "؟")
_STOPS = tuple(stop for stop in (*SENTENCE_STOPS, ":", ";") if stop not in _QUESTIONS)
_WORD = re.compile(r"\w+")
# A sentence's stop inside the line, with more text after it: a reference or a blurb
# ("(n.d.). Gemini CLI. Google Cloud. https://..."), not a link's title.
_INNER_STOP = re.compile(r"[.!?。！？]\s+\S")


def _item(text: str) -> bool:
    """Reads as a link's title: short, and not a sentence or a lead-in, nor holds one (a
    question may be a title)."""
    return (
        word_count(text) <= ITEM_WORDS
        and not text_end(text).endswith(_STOPS)
        and _INNER_STOP.search(text) is None
    )


def closing_run(texts: Sequence[str]) -> int | None:
    """Where the closing list of `texts` (the kept lines, in order) starts, or None: the
    run of short lines that ends the text, if it has MIN_ITEMS lines or more, the text has
    something above it, its lines are mostly different lines, and half of them or more
    share their first or last SHAPE_WORDS words with another line of the run."""
    start = len(texts)
    while start > 0 and _item(texts[start - 1]):
        start -= 1
    if start == 0 or len(texts) - start < MIN_ITEMS:
        return None
    return start if _built_alike(texts[start:]) else None


def _built_alike(run: Sequence[str]) -> bool:
    words = [tuple(_WORD.findall(text.lower())) for text in run]
    # A link names another page once: lines shown again and again are a table's cells
    # ("Rest" on every day of a training plan) or cards' fields ("Start now", "5 min"),
    # and they make no two lines built alike either.
    if len(set(words)) < DISTINCT_SHARE * len(words):
        return False
    distinct = {w for w in words if len(w) >= SHAPE_WORDS}
    heads = Counter(w[:SHAPE_WORDS] for w in distinct)
    tails = Counter(w[-SHAPE_WORDS:] for w in distinct)
    alike = sum(
        len(w) >= SHAPE_WORDS and (heads[w[:SHAPE_WORDS]] > 1 or tails[w[-SHAPE_WORDS:]] > 1)
        for w in words
    )
    return 2 * alike >= len(words)


def closing_lists(texts: Sequence[str], verdicts: list[Verdict], rows: list[int]) -> bool:
    """Remove the kept text's closing list of the site's other pages (`closing_run`); True
    if any verdict changed. Only the kept lines are read, as a second run reads them: once
    the list is gone the text ends with the line above it, which is no short line (the run
    took every short line), so nothing more goes."""
    # The run is found from the text's end back, so a text that ends with a sentence (most
    # do) costs one line's look.
    run: list[int] = []
    above = False  # a kept line that is no item stands above the run
    for i in reversed(rows):
        if not verdicts[i].keep:
            continue
        if not _item(texts[i]):
            above = True
            break
        run.append(i)
    if not above or len(run) < MIN_ITEMS:
        return False
    run.reverse()
    if not _built_alike([texts[i] for i in run]):
        return False
    # The lines are read as a second run reads them, whichever pass kept them (a table
    # found among lines a second run no longer has is no table then).
    if any(verdicts[i].rule == "keep-pattern" for i in run):
        return False  # the user said this text stays
    detail = (
        f"{len(run)} short line(s) closing the text, built alike: "
        f"a list of links to the site's other pages"
    )
    for i in run:
        verdicts[i] = verdicts[i].overruled(Label.BOILERPLATE, RULE, detail)
    return True
