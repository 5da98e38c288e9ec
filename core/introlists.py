"""A list that a sentence of the article announces.

An article often announces a list in its own words and a colon ("Here are the projects my
friends shared this month:", "The plan covers four kinds of session:") and then gives it
as short lines: titles, names, steps. Read alone, each such line looks like a link of a
menu or of a related list, and the model removes most of them, which leaves the sentence
announcing nothing and cuts what a reader came for. A block of chrome has headers too, but
they are labels ("Related articles:", "More From Our Blog:"): short, or most of their
words capitalized; a sentence of MIN_INTRO words or more in sentence case is the article
speaking. So the short lines (ITEM_WORDS words at most) right after a kept sentence like
that, MIN_ITEMS or more, each kept or removed by the model alone, all stay
("introduced-list"). A line a rule removed ends the list (a share bar, a "Read more"
link), and so does a longer line. This reads word counts, capitals and verdicts only, in
any language, on the lines a second run would see.

A list may also stand under a short label of the article's own ("Confirm:", "Overview:",
"Interval training:"), a step's or an entry's heading with a colon (fewer than MIN_INTRO
words), whose items the model removes as it removes an intro's. Such a label alone says
too little (a block of chrome has "Related tags:" too), so its list is kept only where the
article goes on right after it: the short lines under the kept label, MIN_ITEMS or more,
end at a kept paragraph (more than ITEM_WORDS words), so the list sits inside the
article's text, not at its edge where chrome starts (its items take this module's rule,
with a reason of their own, LABELLED).
"""

from __future__ import annotations

from collections.abc import Sequence

from . import linescan, siblings
from .model import Label, Verdict, model_removal, play_position
from .prose import text_end, word_count
from .rulecodes import ruled

MIN_INTRO = 8  # fewer: a list's label, "Related articles that link to this one:"
ITEM_WORDS = 10  # more: a paragraph, which ends the list
MIN_ITEMS = 3  # fewer: a line or two of an aside, not a list
RULE = "introduced-list"
_OWN = frozenset({RULE})
INTRODUCED = "an item of a list a sentence of the article introduces"
LABELLED = "an item of a list under a label of the article, before its next paragraph"
# The other way round: a list the article keeps keeps the sentence that announces it.
INTRO_RULE = "list-intro"


def introduced_lists(
    texts: list[str],
    verdicts: list[Verdict],
    rows: list[int],
    labels: frozenset[int] = frozenset(),
    heads: Sequence[int] | None = None,
) -> bool:
    """Keep the model-removed items of lists that a kept sentence of the article
    introduces with a colon, or that a kept short label with a colon (`labels`, the file's
    lines that read as one: `label_lines`) heads inside the article's text (of `rows`, the
    lines a second run would see). `heads`: the file's intro lines and labels in order
    (`list_heads`), the only lines that can head a list; None: every line in play is read.
    True if any verdict changed."""
    listed: dict[int, str] = {}  # an item, and what keeps it
    if heads is None:
        heads_in_play = list(enumerate(rows))
    else:
        # Most lines head no list: only the file's heads are looked up among the rows (a
        # walk over every row on every pass cost more than the pass's own work).
        heads_in_play = [
            (pos, i) for i in heads if (pos := play_position(rows, i)) is not None
        ]
    for pos, i in heads_in_play:
        verdict = verdicts[i]
        if not verdict.keep or verdict.rule == RULE:
            continue
        if i in labels:
            items = _items(texts, verdicts, rows, pos + 1)
            end = _past_inline_links(verdicts, rows, pos + 1 + len(items))
            # The article goes on after the list: the line that ends it is a kept
            # paragraph (a line a rule removed, or none, ends it at chrome or the page's
            # end, where a label's list is as often a block of links), past a "read also"
            # link the site set between the list and the next paragraph ("Esialgsed
            # tulemused:" over the results, "Loe ka: ...", then the article again).
            goes_on = end < len(rows) and verdicts[rows[end]].keep
            # ... or its items are rows of figures ("Novo Nordisk +1,8 %", "Isamaa 18,2%"):
            # a market's movers or a poll's results under "Today's biggest movers:" may
            # close the article; a block of links under a label is words, not figures.
            if len(items) >= MIN_ITEMS and (
                goes_on or all(siblings.form(texts[j]) == siblings.FIGURE for j in items)
            ):
                listed.update(dict.fromkeys(items, LABELLED))
        elif _intro(texts[i]):
            items = _items(texts, verdicts, rows, pos + 1)
            if len(items) >= MIN_ITEMS:
                listed.update(dict.fromkeys(items, INTRODUCED))
    if not listed and not ruled(verdicts, rows, _OWN):
        return False  # no item to keep nor to let go (most passes)
    changed = False
    for j in rows:
        verdict = verdicts[j]
        if verdict.keep and verdict.rule == RULE and j not in listed:
            # Its intro or a line of its list went on a later pass: the model's removal
            # stands again, as a second run would see it.
            verdicts[j] = model_removal(verdict)
            changed = True
        elif j in listed and not verdict.keep and verdict.rule == "line-model":
            detail = f"{listed[j]}; {verdict.detail}"
            verdicts[j] = verdict.overruled(Label.BODY, RULE, detail)
            changed = True
    return changed


# The rules of a link to another story set inside the body: a "read also" line, a related
# header's list. The article goes on under them; chrome does not.
_INLINE_LINKS = frozenset({"related-inline", "related-block"})


def _past_inline_links(verdicts: list[Verdict], rows: list[int], pos: int) -> int:
    """The first position from `pos` on in `rows` that is no inline link (`_INLINE_LINKS`)
    removed by its rule; len(rows) if none."""
    while pos < len(rows):
        verdict = verdicts[rows[pos]]
        if verdict.keep or verdict.rule not in _INLINE_LINKS:
            break
        pos += 1
    return pos


def kept_list_intros(intros: Sequence[int], verdicts: list[Verdict], rows: list[int]) -> bool:
    """Keep a sentence that introduces a list (`intros`, the file's lines that read as
    one: `intro_lines`) which the model alone removed where the MIN_ITEMS lines after it
    (of `rows`, the lines a second run would see) are kept, by anything but this module:
    read alone, a sentence that ends with a colon looks like a label over a block of links,
    but the list under it is the article's, and the sentence, left out, leaves the list
    unannounced ("Our volunteers offer these services:"). True if any verdict changed."""
    changed = False
    for i in intros:
        k = play_position(rows, i)
        if k is None:
            continue
        verdict = verdicts[i]
        held = verdict.keep and verdict.rule == INTRO_RULE
        if not held and (verdict.keep or verdict.rule != "line-model"):
            continue
        announces = _announces(verdicts, rows, k + 1)
        if held:
            if not announces:
                # A line of its list went on a later pass: a second run would see the
                # sentence over something else, and the model's removal stands again.
                verdicts[i] = model_removal(verdict)
                changed = True
            continue
        if announces:
            detail = f"the sentence that introduces a kept list; {verdict.detail}"
            verdicts[i] = verdict.overruled(Label.BODY, INTRO_RULE, detail)
            changed = True
    return changed


def _announces(verdicts: list[Verdict], rows: list[int], start: int) -> bool:
    """The MIN_ITEMS lines from `rows[start]` on are kept, none of them only because a
    sentence introduces them (which would hold the sentence by its own verdicts)."""
    after = rows[start : start + MIN_ITEMS]
    return len(after) == MIN_ITEMS and all(
        verdicts[j].keep and verdicts[j].rule not in (RULE, INTRO_RULE) for j in after
    )


def intro_lines(texts: Sequence[str], flags: bytes | None = None) -> tuple[int, ...]:
    """The lines of a file that read as a list's intro (`_intro`). Where there is none
    (most files), `introduced_lists` lists nothing, and no verdict holds its rule for it to
    undo (only it gives that rule), so it changes nothing on any pass (the texts are the
    file's, the same on every pass), and `kept_list_intros` has no line to keep. `flags`:
    the texts' `linescan.line_flags`, where the caller has them."""
    if flags is None:
        flags = linescan.line_flags(texts)
    # `_intro`'s first test (the line ends with a colon) told in C for every line: a call
    # a line cost more than the passes it spares.
    return tuple(i for i in linescan.lines_with(flags, linescan.ENDS_COLON) if _intro(texts[i]))


def list_heads(intros: Sequence[int], labels: frozenset[int]) -> tuple[int, ...]:
    """The lines of a file that can head a list, in the file's order: its intro sentences
    (`intro_lines`) and its labels (`label_lines`)."""
    return tuple(sorted({*intros, *labels}))


def label_lines(texts: Sequence[str], flags: bytes | None = None) -> frozenset[int]:
    """The lines of a file that read as a short label of a list: a line ending with a
    colon, of fewer than MIN_INTRO words, that is no `_intro` sentence (most files: none,
    and `introduced_lists` then has no label to read). `flags`: the texts'
    `linescan.line_flags`, where the caller has them."""
    if flags is None:
        flags = linescan.line_flags(texts)
    # The lines ending with a colon told in C (`ENDS_COLON`), the rest asked of those only.
    return frozenset(
        i
        for i in linescan.lines_with(flags, linescan.ENDS_COLON)
        if word_count(text := texts[i]) < MIN_INTRO
        and any(ch.isalnum() for ch in text) and not _intro(text)
    )


def _intro(text: str) -> bool:
    """A sentence that ends with a colon: MIN_INTRO words or more, at most half of them
    capitalized (a label of chrome is title case)."""
    end = text_end(text)
    if not end.endswith((":", "：")):
        return False
    words = text.split()
    if len(words) < MIN_INTRO or word_count(text) < MIN_INTRO:
        return False
    return 2 * sum(w[:1].isupper() for w in words) <= len(words)


def _items(texts: list[str], verdicts: list[Verdict], rows: list[int], start: int) -> list[int]:
    """The lines from `rows[start]` on that read as the items of one list: short, and
    kept or removed by the model alone."""
    items = []
    for j in rows[start:]:
        verdict = verdicts[j]
        if word_count(texts[j]) > ITEM_WORDS:
            break
        if not verdict.keep and verdict.rule != "line-model":
            break
        items.append(j)
    return items
