"""The entries of a round-up that the article announces, each closed by the same link.

A round-up article ("10 woodworking projects for your home", a resource page) announces
its list in a sentence of its own ("Check out the projects below.", "The resources below
provide more on tutoring.") and then gives it as entries of a few lines: a title, a
source or a short description, and a link that closes each entry with the same words
("Read More", "Continue Reading"). Read alone, each entry looks like a teaser of a related
list, and the model removes it, while a rule removes its link: what a reader came for
goes. A related list looks the same, but the article does not announce it: a label heads
it ("You might also like"), or nothing does.

So where a kept sentence of the article (MIN_INTRO words or more, a sentence's end, at
most half of its words capitalized) stands right above entries of 1 to MAX_ENTRY_LINES
lines, MIN_ENTRIES or more, each closed by a line of the same text (a short line,
CLOSER_WORDS words at most, that the file holds MIN_ENTRIES times or more), the entries
stay and so do their links ("roundup-entry"): without the links a second run would see
the entries run together, nothing closing them. An entry line that a rule other than a
related list's took (a comment's date, a share bar) says the block is no such list, and
nothing of it is kept; a picture's credit inside an entry stays metadata. A run of
entries closed by other words right after a kept run goes on with it (the site's template
changed its link). This reads word counts, capitals, line texts and verdicts only, in any
language, on the lines a second run would see.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, partial

from .model import Label, Verdict, model_removal, play_position
from .prose import text_end, word_count
from .recurring import Recurring
from .rulecodes import listed, ruled
from .rules import pack_word_list

MIN_INTRO = 8  # fewer: a label over a block ("Read more from our blog.")
MIN_ENTRIES = 3  # fewer: a teaser or two, not a list
MAX_ENTRY_LINES = 4  # a title, a source or credit, a description, one more line
CLOSER_WORDS = 4  # more: a line of the entry, not its link
RULE = "roundup-entry"
# A round-up's link that the rules removed, as the model reads it (`rulecodes.IN_BODY_RULES`):
# a line no rule decided. Read as chrome, two dozen "Read More" links made the file look
# like a page of chrome to a second run, which then dropped the article's short lines
# above the round-up that the first run kept.
LINK_RULE = "roundup-link"

# The rules whose removal of an entry line the list overrules (and a related list's,
# under a link: `_entries`).
_ENTRY_RULES = frozenset({"line-model", RULE})
_STOPS = (".", "!", ":", "：", "。", "！")
_OWN = frozenset({RULE})


def find(texts: Sequence[str], recurring: Recurring | None = None) -> frozenset[int] | None:
    """The lines of a file that may close a round-up's entries: links to the rest of a
    piece (`_link`) whose text the file holds MIN_ENTRIES times or more. None where there
    are none (most files). `recurring`: the texts' `Recurring`, where the caller has it."""
    if recurring is None:
        recurring = Recurring.of(texts)
    # The texts held MIN_ENTRIES times or more, from those that recur (picked in C): a
    # step a line in Python cost more than the pass on files without a round-up.
    texts_of = [t for t in recurring.held(MIN_ENTRIES) if _link(t)]
    if not texts_of:
        return None
    wanted = frozenset(texts_of)
    return frozenset(i for i, t in enumerate(texts) if t in wanted)


def announced(texts: Sequence[str], closers: frozenset[int] | None) -> tuple[int, ...]:
    """The links of the file's round-ups whose first entry follows a sentence that
    announces a list (`_announcing`), read on the text alone (every line in play, as
    before the first pass), with the line under each link but the last (the next entry's
    title, which the rule for a related list's header reads as listed under the link).
    Empty where there is none (most files)."""
    if closers is None:
        return ()
    rows = list(range(len(texts)))
    at = sorted(closers)
    found: list[int] = []
    taken = 0
    while taken < len(at):
        run = _run(texts, rows, at, taken)
        taken += len(run)
        if len(run) < MIN_ENTRIES:
            continue
        start = next((k + 1 for k in _above(run[0]) if _announcing(texts[k])), None)
        if start is not None and _fits(start, run):
            found.extend(run)
            found.extend(link + 1 for link in run[:-1])
    return tuple(sorted(found))


def premark(verdicts: list[Verdict], closers: frozenset[int], lines: Sequence[int]) -> None:
    """Before the model's first pass, show it the links of an announced round-up (and the
    entry titles listed under them) as lines no rule decided (`announced`): each link that
    a rule removed goes as LINK_RULE, which the model reads as no rule's, and each title
    listed under a link is left to the model alone. The round-up pass keeps them where a
    kept sentence announces the entries, and gives LINK_RULE's removal back where not."""
    for i in lines:
        verdict = verdicts[i]
        if verdict.keep or verdict.meta is not None:
            continue
        if i in closers:
            if verdict.rule not in (None, "line-model", LINK_RULE):
                detail = f"a round-up's link; {verdict.rule} ({verdict.detail})"
                verdicts[i] = Verdict(Label.BOILERPLATE, LINK_RULE, detail)
        elif listed(verdict):
            verdicts[i] = Verdict(Label.BODY)


def _link(text: str) -> bool:
    """A line that reads as a link to the rest of a piece: CLOSER_WORDS words at most,
    opening with one of `_read_on`, no label's colon at its end."""
    if not 0 < word_count(text) <= CLOSER_WORDS or text.rstrip().endswith(":"):
        return False
    return text.split(None, 1)[0].casefold() in _read_on()


@cache
def _read_on() -> frozenset[str]:
    """The verbs a link to the rest of a piece opens with, lowercased: the packs'
    "read_on_verbs" ("Read more", "Continue reading", "View recipe", "Weiterlesen",
    "Lire la suite"), every language together. Not a shop's ("Buy on Amazon", "Book
    now"), whose cards the truth leaves their buttons out of and the model keeps most
    often."""
    return pack_word_list("read_on_verbs")


def roundup_entries(
    closers: frozenset[int],
    held: Sequence[Verdict],
    texts: Sequence[str],
    verdicts: list[Verdict],
    rows: list[int],
) -> bool:
    """Keep the entries (and their closing links) of the round-ups that a kept sentence
    announces, among `rows` (the lines a second run would see); `closers`: `find`'s lines;
    `held`: each line's verdict before the passes (what a rule decided), given back to a
    line kept here whose round-up no longer stands. True if any verdict changed."""
    listed: dict[int, str] = {}
    # The links' positions among the lines in play, each looked up in the sorted rows: a
    # walk over every line in play on every pass cost more than the rest of the pass.
    at = sorted(k for k in map(partial(play_position, rows), closers) if k is not None)
    taken = 0  # positions in `at` already read into a run
    last_end = -1  # position in `rows` of the last kept run's last link
    while taken < len(at):
        run = _run(texts, rows, at, taken)
        taken += len(run)
        if len(run) < MIN_ENTRIES:
            continue
        start = _start(texts, verdicts, rows, run[0], last_end)
        if start is None or not _fits(start, run):
            continue
        run = run[: _entries(texts, verdicts, rows, start, run)]
        if len(run) < MIN_ENTRIES:
            continue
        detail = f"an entry of a round-up of {len(run)} the article announces"
        if start - 1 != last_end:
            listed[rows[start - 1]] = f"the sentence that announces a round-up of {len(run)}"
        for k in range(start, run[-1] + 1):
            listed[rows[k]] = detail
        last_end = run[-1]
    return _apply(listed, held, verdicts, rows)


def _run(texts: Sequence[str], rows: list[int], at: list[int], first: int) -> list[int]:
    """The positions in `rows` of one run of links from `at[first]` on: the same text,
    each 2 to MAX_ENTRY_LINES + 1 lines after the one before."""
    run = [at[first]]
    text = texts[rows[at[first]]]
    for k in at[first + 1 :]:
        if not 2 <= k - run[-1] <= MAX_ENTRY_LINES + 1 or texts[rows[k]] != text:
            break
        run.append(k)
    return run


def _start(
    texts: Sequence[str], verdicts: list[Verdict], rows: list[int], first: int, last_end: int
) -> int | None:
    """Where the first entry starts (a position in `rows`): right after a kept sentence
    that announces the list, or after the last link of a run just kept, at most
    MAX_ENTRY_LINES lines above the first link. The nearest such line wins."""
    for k in _above(first):
        if k == last_end:
            return k + 1
        i = rows[k]
        verdict = verdicts[i]
        if (verdict.keep or verdict.rule == "line-model") and _announcing(texts[i]):
            return k + 1
    return None


def _above(first: int) -> range:
    """Where the line above the first entry may stand, nearest first: an entry has at
    least one line and at most MAX_ENTRY_LINES above its link at position `first`."""
    return range(first - 2, max(first - MAX_ENTRY_LINES - 2, -1), -1)


def _fits(start: int, run: list[int]) -> bool:
    """The first entry (from `start` to the first link) is no longer than the next: one
    that is holds a heading of the site's ("Related Products") over a related list."""
    return run[0] - start <= run[1] - run[0] - 1


def _announcing(text: str) -> bool:
    """A sentence of the article that points at what follows: MIN_INTRO words or more that
    end with a sentence's stop, at most half of them capitalized (a label of chrome is
    title case), holding one of the packs' words that announce a list ("below", "the
    following", "here are"; `_announcers`)."""
    if not text_end(text).endswith(_STOPS):
        return False
    words = text.split()
    if len(words) < MIN_INTRO or word_count(text) < MIN_INTRO:
        return False
    if 2 * sum(w[:1].isupper() for w in words) > len(words):
        return False
    return _announcers().search(text) is not None


@cache
def _announcers() -> re.Pattern[str]:
    """The packs' words that announce a list ("list_announcers"), all languages together
    (a page quotes another language's as rarely as it matters), as whole words."""
    words = sorted(pack_word_list("list_announcers"), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)", re.IGNORECASE)


def _entries(
    texts: Sequence[str], verdicts: list[Verdict], rows: list[int], start: int, run: list[int]
) -> int:
    """How many of the entries, from `rows[start]` on, each closed by a link of `run`,
    hold only lines that are kept, or removed by the model, or as listed under the link
    right above them (the rule for a related list's header reads a link so), or metadata
    (a credit). The first entry that holds another line (a related list's label under the
    round-up, a comment's date) ends them."""
    k = start
    for n, link in enumerate(run):
        for j in range(k, link):
            verdict = verdicts[rows[j]]
            if text_end(texts[rows[j]]).endswith((":", "：")):
                return n  # a label over a list ("Other posts:"), not an entry's line
            if verdict.keep or verdict.meta is not None or verdict.rule in _ENTRY_RULES:
                continue
            if verdict.rule == "related-block" and j == k and n > 0:
                continue  # right under the link before
            return n
        k = link + 1
    return len(run)


def _apply(
    listed: dict[int, str], held: Sequence[Verdict], verdicts: list[Verdict], rows: list[int]
) -> bool:
    changed = False
    # The lines to keep, and those this pass kept before (found by their rule in C).
    kept_here = [rows[k] for k in ruled(verdicts, rows, _OWN)]
    for i in sorted(listed.keys() | set(kept_here)):
        verdict = verdicts[i]
        if i in listed:
            if verdict.keep or verdict.meta is not None:
                continue
            reason = listed[i]
            if verdict.rule == "line-model":
                detail = f"{reason}; {verdict.detail}"
            else:
                detail = f"{reason}; {verdict.rule} overruled: {verdict.detail}"
            verdicts[i] = verdict.overruled(Label.BODY, RULE, detail)
            changed = True
        elif verdict.keep and verdict.rule == RULE:
            # Its announcing sentence or a line of its entries went on a later pass: a
            # second run would not see the list, and what removed the line stands again.
            before = held[i]
            verdicts[i] = before if not before.keep else model_removal(verdict)
            changed = True
    return changed
