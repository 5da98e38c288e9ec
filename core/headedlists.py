"""More lists under headings of their own after a short article's closing list.

A page whose article is short (a department's function, a service's description) often
says what it has to say as lists: a sentence announces the first ("Our services
include:"), and more follow, each under a short heading of its own ("Projects that need
an inspection" over four trades, "Work that needs a permit" over lines of comma lists).
With so little running prose the line model finds no body region past the first list,
and the headed lists after it read to it as a sidebar's, the way the site's link block
further down does. A reader tells them apart by what they are about: the heading right
after the article's list names the article's subject again (one of its content words is
a word of the kept text), where a sidebar's or a footer's label ("Quick links", "Follow
us") names the site's. So on a page that keeps little (MAX_KEPT_WORDS words or fewer),
after a kept intro sentence and the lines after it the article keeps (MIN_ITEMS or more:
a line or two is an aside, not a list), the lines that only the model judged stay
("headed-list") when the first of them the model removed, or the line the model kept
right above it, is a heading (HEADING_WORDS words at most, no sentence end) sharing a
content word with the kept text above, and they hold a list (MIN_LINES lines or more).
They end at a line a rule judged, at a sentence (a list's lines are items: a sentence
after them is the article going on, which the model reads well, or a notice of the
site's, "Sign in to answer."), and before a long run of short lines (MENU_RUN or more: a
block of links, whatever it is about). This reads word counts, verdicts and the file's
stopwords only, in any language with spaces between its words.
"""

from __future__ import annotations

from collections.abc import Sequence

from .features import _content_words
from .model import Label, Verdict, model_removal, play_position
from .prose import text_end, word_count
from .rulecodes import ruled

MAX_KEPT_WORDS = 200  # more: the model found an article, and reads what follows it well
HEADING_WORDS = 8  # more: a line of the list, or a sentence, not a heading
MIN_LINES = 3  # a heading and two items at least: fewer is a label and a link
MENU_RUN = 8  # short lines in a row from this many on: a block of links, not a list
SHORT_WORDS = 6  # a short line: a link's or a list item's few words
MIN_ITEMS = 3  # the kept list under the intro: fewer is a line or two of an aside
RULE = "headed-list"
_OWN = frozenset({RULE})
# What the model alone removed: its own rule, and on a page without a pack a run of short
# lines at the page's edge it removed, named by the run (`edges.menu_runs`): on a second
# run the headed lists close the page, and the run would take them.
_MODEL = frozenset({"line-model", "menu-run"})
REASON = "a list under a heading that names the subject of the short article it follows"
_STOPS = (".", "!", "?", "。", "！", "？", "؟", "।")


def headed_lists(
    texts: list[str],
    intros: Sequence[int],
    stopwords: frozenset[str],
    verdicts: list[Verdict],
    rows: list[int],
) -> bool:
    """Keep the headed lists after a short article's closing list (see the module's doc):
    `intros`, the file's lines that read as a list's intro (`introlists.intro_lines`);
    `rows`, the lines a second run would see. True if any verdict changed."""
    listed = _listed(texts, intros, stopwords, verdicts, rows) if intros else set()
    if not listed and not ruled(verdicts, rows, _OWN):
        return False  # nothing to keep nor to let go (most passes)
    changed = False
    for i in rows:
        verdict = verdicts[i]
        if verdict.keep and verdict.rule == RULE and i not in listed:
            # What kept it went on a later pass: the model's removal stands again, as a
            # second run would see it.
            verdicts[i] = model_removal(verdict)
            changed = True
        elif i in listed and not verdict.keep and verdict.rule in _MODEL:
            verdicts[i] = verdict.overruled(Label.BODY, RULE, f"{REASON}; {verdict.detail}")
            changed = True
    return changed


def _held(verdict: Verdict) -> bool:
    return verdict.keep and verdict.rule == RULE


def _listed(
    texts: list[str],
    intros: Sequence[int],
    stopwords: frozenset[str],
    verdicts: list[Verdict],
    rows: list[int],
) -> set[int]:
    """The lines `headed_lists` keeps (its own verdicts read as the model's removals, so
    that what it kept on one pass does not decide the next)."""
    kept_words = 0
    for i in rows:
        verdict = verdicts[i]
        if verdict.keep and verdict.rule != RULE:
            kept_words += word_count(texts[i])
            if kept_words > MAX_KEPT_WORDS:
                return set()
    for i in intros:
        k = play_position(rows, i)
        if k is None or not _kept(verdicts[i]):
            continue
        # The first line after the intro that the model alone removed: the announced
        # list ends there, or on the line above it, a heading the model kept over the
        # lines it removed ("Often requested" kept, its items not).
        first = k + 1
        while first < len(rows) and _kept(verdicts[rows[first]]):
            first += 1
        for start in (first, first - 1):
            if start - k - 1 < MIN_ITEMS or start >= len(rows):
                continue
            if start < first and verdicts[rows[start]].rule is not None:
                continue  # a line kept by a rule is not one the model doubted
            stretch = _stretch(texts, verdicts, rows, start)
            stretch = stretch[: _before_menu(texts, rows, stretch)]
            if len(stretch) >= MIN_LINES and _names_the_article(
                texts, stopwords, verdicts, rows, start, first
            ):
                return {rows[j] for j in stretch}
    return set()


def _stretch(
    texts: list[str], verdicts: list[Verdict], rows: list[int], start: int
) -> list[int]:
    """The positions from `start` on of the lines only the model judged (a line it kept
    among them is the list's all the same: "Building" over "Electrical", "HVAC")."""
    stretch = []
    for j in range(start, len(rows)):
        verdict = verdicts[rows[j]]
        if verdict.keep and verdict.rule is not None and not _held(verdict):
            break
        if not verdict.keep and verdict.rule not in _MODEL:
            break
        if _sentence_end(texts[rows[j]]):
            break  # a list's lines are items; a sentence is the article's or a notice's
        stretch.append(j)
    return stretch


def _names_the_article(
    texts: list[str],
    stopwords: frozenset[str],
    verdicts: list[Verdict],
    rows: list[int],
    start: int,
    first: int,
) -> bool:
    """Whether the line at `start` reads as a heading (HEADING_WORDS words at most, no
    sentence end) that shares a content word with the kept text above `first`."""
    heading = texts[rows[start]]
    if word_count(heading) > HEADING_WORDS or _sentence_end(heading):
        return False
    named = set(_content_words(heading, stopwords))
    if not named:
        return False
    for j in range(first):
        if (
            j != start
            and _kept(verdicts[rows[j]])
            and named.intersection(_content_words(texts[rows[j]], stopwords))
        ):
            return True
    return False


def _kept(verdict: Verdict) -> bool:
    """Kept by anything but this module."""
    return verdict.keep and verdict.rule != RULE


def _before_menu(texts: list[str], rows: list[int], stretch: list[int]) -> int:
    """How many lines of `stretch` (positions in `rows`) come before the first run of
    MENU_RUN short lines or more, counted over every line in play (a run that goes on past
    the stretch is a block of links all the same)."""
    n = 0
    while n < len(stretch):
        k = stretch[n]
        if _short(texts[rows[k]]):
            end = k
            while end < len(rows) and end - k < MENU_RUN and _short(texts[rows[end]]):
                end += 1
            start = k
            while start > 0 and k - start < MENU_RUN and _short(texts[rows[start - 1]]):
                start -= 1
            if end - start >= MENU_RUN:
                return n
        n += 1
    return n


def _short(text: str) -> bool:
    return word_count(text) <= SHORT_WORDS and not _sentence_end(text)


def _sentence_end(text: str) -> bool:
    return text_end(text).endswith(_STOPS)
