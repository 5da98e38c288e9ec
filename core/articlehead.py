"""The article's headline as the report names it (`metadata`, `--front-matter`).

The passes choose a headline to take it out of the text (`context.py`), and they choose it
above the first kept paragraph. On a whole page that paragraph is often not the
article's: a trial pitch, a "make us your preferred source" box or a cookie banner the
model kept sits above the article, and the passes' headline is then the title-like line
over that pitch ("Start your 14-day free trial today!", "Add us on Google", "We Care About
Your Privacy"), a line that shares no word with the article.

Here the headline is chosen again, for the report only, above the article's start: the
first kept paragraph with more of the article's text around it (a pitch is a lone kept
paragraph among removed lines). Among the title-like lines above it, the headline is the
nearest one that shares most of its words with the article's first paragraphs, with two
signs that need no word list to favour it: a headline sits next to the article's date or
byline, and a page quotes its own headline inside longer lines (a breadcrumb "Home » Blog
» <headline>", a comment section's "7 thoughts on “<headline>”"). A line a rule named (a
pitch, a consent banner, an ad, a related link), the title over a pitch's button, a table
of contents' item, a menu's item or a menu flattened into one line, and a header line (a
date, a byline) are never chosen. The passes' choice stays unless the new line scores
clearly more, and when the new line is its deck.

Only removed lines are named, and a headline the passes removed stays removed (as a
title-like line above the body), so the file's text is the same. (A kept line named the
headline would go from the run's other files as a related headline, `headlines.py`.)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import compress
from operator import attrgetter, itemgetter

from . import rulecache, titles  # rulecache: large classes, compiled once for all processes
from .model import Block, Label, Verdict
from .prose import NUMBERED, is_title_like, word_count
from .rulecodes import taken_by_header
from .rules import find_date, pack_word_list, trim
from .words import NO_SPACE_SCRIPTS, lower_letter_runs

REACH = 30  # rows above the article's start searched for its headline
PROSE_WORDS = 15  # a kept line of running text (as `articlemeta`'s first paragraph)
# The article's start: a paragraph with at least ARTICLE_ROWS kept rows among the
# ARTICLE_SPAN rows from it (a kept pitch or banner stands alone among removed lines).
ARTICLE_SPAN, ARTICLE_ROWS = 8, 3
MIN_WORDS = 4  # a title of fewer words may be a menu item or a section's name
MENU_WORDS = 5  # a menu's items are this short
# A deck (standfirst) under a headline sums the article up, so shares more of its words
# than the headline: a line this close under the passes' headline does not replace it.
DECK_ROWS = 2
# A flattened menu: this many items glued on ("StocksDaily"), or a word of the line this
# many times in it.
GLUED, REPEATED_WORD = 2, 3
_GLUED = re.compile(r"[a-z][A-Z][a-z]")
_BULLETS = "•·|»›"
NEAR_HEADER = 4  # rows between a headline and its article's date or byline
NEAR_PITCH = 2  # rows under a pitch's title to its button or prompt
# Rules that name a pitch's or a banner's lines: a title-like line right over one
# heads the pitch ("Start your free trial today!" over "Start free trial", "Get news
# directly to your inbox" over "Sign up now").
PITCH_RULES = frozenset(
    ["cta-button", "buy-button", "signup-prompt", "newsletter-prompt", "follow-prompt",
     "cookie-consent", "consent-notice", "advertisement"]
)
HEADER_BONUS = 0.15
QUOTED_BONUS = 0.2
# Share lost per row between a line and the article's start: a menu's or a related list's
# titles above share the article's words too ("Frommer's Rome day by day" over a guide to
# airfares), and the headline is the nearest title about the article.
DECAY = 0.02
# How much more a line must score than the passes' headline to replace it: the passes
# read the model's scores too, so a near tie stays theirs.
MARGIN = 0.15
# Words of this many letters or more are compared (shorter ones are mostly function
# words), by their first PREFIX letters.
WORD_LETTERS, PREFIX = 4, 5
_NO_SPACE_RUN = rulecache.compile(f"[{NO_SPACE_SCRIPTS}]")
RULE = "headline"
_RULE_OF, _TEXT_OF, _KEEP_OF = attrgetter("rule"), attrgetter("text"), attrgetter("keep")
_PREFIX_OF = itemgetter(slice(0, PREFIX))
NOT_CHOSEN = "title-above-body"


def choose(blocks: Sequence[Block], verdicts: list[Verdict]) -> int | None:
    """The row of the article's headline, or None; `verdicts` are relabelled in place when
    the report's headline is another line than the passes' (removed lines only)."""
    # map() over attrgetters: one loop in C over the rows, not a Python step for each.
    rules = list(map(_RULE_OF, verdicts))
    current = rules.index(RULE) if RULE in rules else None
    start = article_start(blocks, verdicts)
    if start is None:
        return current
    candidates = [
        i
        for i in range(max(0, start - REACH), start)
        if _candidate(blocks, verdicts, i) and not _by_pitch(verdicts, i)
    ]
    if not candidates or candidates == [current]:
        return current  # nothing to weigh against the passes' line (most short pages)
    texts = list(map(_TEXT_OF, blocks))
    after = list(compress(texts[start:], map(_KEEP_OF, verdicts[start:])))
    candidates = [i for i in candidates if not _contents_item(blocks, i, after)]
    if not candidates:
        return current
    lead = _lead(blocks, verdicts, start)
    page = _Page(texts)
    shares = {i: lead.shared(texts[i]) for i in candidates}
    score = {i: _signs(verdicts, shares[i], i) - DECAY * (start - i) for i in candidates}
    _add_quotes(page, shares, score, current)
    best = max(reversed(candidates), key=lambda i: score[i])  # the nearest of equals
    if score[best] < titles.MIN_SHARED:
        return current
    if current is not None:
        if _deck_of(blocks, lead, current, best):
            return current
        held = (
            0.0
            if _contents_item(blocks, current, after) or _by_pitch(verdicts, current)
            else score.get(current, _held(page, verdicts, lead, current))
        )
        if score[best] < held + MARGIN:
            return current
        for i in [i for i, rule in enumerate(rules) if rule == RULE and i != best]:
            verdicts[i] = Verdict(
                Label.BOILERPLATE,
                NOT_CHOSEN,
                f"a title-like line, not the article's headline (line {blocks[best].start} "
                f"is); {verdicts[i].detail}",
                score=verdicts[i].score,
            )
    if verdicts[best].rule != RULE:
        verdicts[best] = Verdict(
            Label.METADATA,
            RULE,
            f"title-like line above the article, sharing its vocabulary; {verdicts[best].detail}",
            meta=(RULE, titles.headline_value(blocks[best].text)),
            score=verdicts[best].score,
        )
    return best


def article_start(blocks: Sequence[Block], verdicts: Sequence[Verdict]) -> int | None:
    """The first kept paragraph with more of the article around it (see the module's
    docstring), or None."""
    for i in range(len(blocks)):
        if not verdicts[i].keep or word_count(blocks[i].text) < PROSE_WORDS:
            continue
        span = range(i, min(len(blocks), i + ARTICLE_SPAN))
        if len(span) < ARTICLE_SPAN or sum(verdicts[j].keep for j in span) >= ARTICLE_ROWS:
            return i
    return None


def _candidate(blocks: Sequence[Block], verdicts: Sequence[Verdict], i: int) -> bool:
    """Row `i` may be the headline: a title-like line written in words that the model or a
    header's list removed, or the passes named; not a menu's item nor a header line."""
    verdict = verdicts[i]
    if verdict.keep:
        # A kept line stays in the text: named the file's headline, it would be dropped
        # from other files' bodies as a related headline (`headlines.py`).
        return False
    if verdict.rule not in ("line-model", RULE) and not taken_by_header(verdict):
        return False  # a rule named it: a pitch, a consent banner, an ad, a related link
    text = blocks[i].text
    # The cheap tests first: most lines above an article are a menu's short items.
    return (
        word_count(text) >= MIN_WORDS
        and is_title_like(text)
        and not _in_short_run(blocks, i)
        and not NUMBERED.match(text)
        and not titles.is_menu(text)
        and titles.headline_words(text)
        and not titles.runs_on(text)
        and titles.fields_in_words(text)
        and not _flattened_menu(text)
        and not _header_line(text)
    )


def _deck_of(blocks: Sequence[Block], lead: _Lead, current: int, best: int) -> bool:
    """Row `best` is the deck under the passes' headline on row `current`: right under it,
    longer, and the headline is about the article too (not a section's name over it)."""
    return (
        current < best <= current + DECK_ROWS
        and word_count(blocks[best].text) > word_count(blocks[current].text)
        and lead.shared(blocks[current].text) >= titles.MIN_SHARED
    )


def _flattened_menu(text: str) -> bool:
    """A menu whose items a scraper glued together: items joined with no space ("Most
    Active StocksDaily Stock GainersDaily Stock Losers"), bullets between them ("•Zero
    to 5K Plan•5K to 10K Plan"), or a brand's name before each ("S&P Global Ratings S&P
    Global Mobility S&P Global Commodity Insights")."""
    if len(_GLUED.findall(text)) >= GLUED or any(text.count(b) >= 2 for b in _BULLETS):
        return True
    words = [word for word in text.lower().split() if len(word) >= WORD_LETTERS]
    return any(words.count(word) >= REPEATED_WORD for word in set(words))


def _header_line(text: str) -> bool:
    """A byline or date line of the header ("By Jane Doe ⋅ Senior Analyst ⋅ Updated March
    5, 2025"): it sits where a headline does and shares the article's words (a name the
    article quotes), and is the header's, not its title."""
    if find_date(text) is not None:
        return True
    first = trim(text).lower().split(maxsplit=1)
    return bool(first) and first[0] in pack_word_list("byline_words")


def _contents_item(blocks: Sequence[Block], i: int, after: list[str]) -> bool:
    """Row `i` and a row next to it come back as kept lines of the article: items of a
    table of contents, whose entries are the article's headings."""
    return blocks[i].text in after and any(
        blocks[j].text in after for j in (i - 1, i + 1) if 0 <= j < len(blocks)
    )


def _by_pitch(verdicts: Sequence[Verdict], i: int) -> bool:
    """A pitch's button or prompt is under row `i`. (A button above a line is as often
    the menu's last item, "Apply Now" over the article's headline.)"""
    return any(
        verdicts[j].rule in PITCH_RULES
        for j in range(i + 1, min(len(verdicts), i + NEAR_PITCH + 1))
    )


def _in_short_run(blocks: Sequence[Block], i: int) -> bool:
    """The line and both its neighbours are short: an item of a menu ("Legal data &
    document management" among "Legal forms", "Evidence"). A longer title between short
    lines ("[ LOADING]", "Over 6,000") is a headline among widgets."""
    if not 0 < i < len(blocks) - 1:
        return False
    return all(word_count(blocks[j].text) <= MENU_WORDS for j in (i - 1, i, i + 1))


class _Lead:
    """The article's first paragraphs, as words: a headline's own words come back in them
    ("airfare", "search", "sites"), where a short line's letter trigrams are found in a
    lead of 200 words by chance too ("Add us on Google" shares 0.4 of them with a guide to
    airfares). A word is compared by its first PREFIX letters, so that an inflection
    matches ("tested" finds "testing"). Text in scripts written without spaces is compared
    by its trigrams and pairs (`titles.Lead`)."""

    def __init__(self, texts: list[str]) -> None:
        self._texts = texts
        self._trigrams: titles.Lead | None = None  # made for a line in those scripts only
        self._prefixes = set(map(_PREFIX_OF, lower_letter_runs("\n".join(texts))))

    def shared(self, text: str) -> float:
        if _NO_SPACE_RUN.search(text) is not None:
            if self._trigrams is None:
                self._trigrams = titles.Lead(self._texts)
            return self._trigrams.shared(text)
        words = [word for word in lower_letter_runs(text) if len(word) >= WORD_LETTERS]
        if not words:
            return 0.0
        return sum(word[:PREFIX] in self._prefixes for word in words) / len(words)


def _lead(blocks: Sequence[Block], verdicts: Sequence[Verdict], start: int) -> _Lead:
    return _Lead(
        titles.lead_texts(blocks[i].text for i in range(start, len(blocks)) if verdicts[i].keep)
    )


class _Page:
    """The page's lines, and their text joined (made for the first line it is asked about)."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self._joined: str | None = None

    def quoted(self, i: int) -> bool:
        """Line `i`'s text comes back inside a longer line of the page: it occurs in the
        page's text more often than as a whole line."""
        if self._joined is None:
            self._joined = "\n".join(self.texts)
        text = self.texts[i]
        return self._joined.count(text) > self.texts.count(text)


def _signs(verdicts: Sequence[Verdict], share: float, i: int) -> float:
    """The share of the line's words in the article's start, with the header's sign; a
    line about something else gets no sign's bonus. (Quotes: `_add_quotes`.)"""
    if share >= titles.MIN_SHARED / 2 and _next_to_header(verdicts, i):
        return share + HEADER_BONUS
    return share


def _held(page: _Page, verdicts: Sequence[Verdict], lead: _Lead, i: int) -> float:
    """The score of the passes' line when it is no candidate (below the article's start)."""
    share = lead.shared(page.texts[i])
    value = _signs(verdicts, share, i)
    return value + QUOTED_BONUS if share >= titles.MIN_SHARED / 2 and page.quoted(i) else value


def _add_quotes(
    page: _Page, shares: dict[int, float], score: dict[int, float], current: int | None
) -> None:
    """Add the bonus of a line quoted in the page, to the lines it may make the best and
    to the passes' line: a search of the page's text each, and the others cannot win."""
    top = max(score.values())
    for i, value in score.items():
        if shares[i] < titles.MIN_SHARED / 2:
            continue
        if (value + QUOTED_BONUS >= top or i == current) and page.quoted(i):
            score[i] = value + QUOTED_BONUS


def _next_to_header(verdicts: Sequence[Verdict], i: int) -> bool:
    return any(
        verdicts[j].meta is not None and verdicts[j].meta[0] in ("date", "byline")  # type: ignore[index]
        for j in range(max(0, i - NEAR_HEADER), min(len(verdicts), i + NEAR_HEADER + 1))
    )
