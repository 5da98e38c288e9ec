"""The article's own date and byline, told from the page's other dates and names by where
they sit (the report's `metadata`, `--front-matter`).

A whole page holds many dates and names: the day's date in the masthead, the dates of
related stories, of archive links and of every comment, a biography's "Born 12 May 1901",
bylines over teasers. The article's own sit in its header: from a few lines above the
headline down to the article's first paragraph (a kicker's date, "By Jane Doe", "March 3, 2025 |
5 min read"). Only those are its date and byline. A page whose header shows no date may
still label one elsewhere ("Posted on ...", "Last updated ..." under the article): the
first such labelled date is the article's, with a byline right next to it. A date the
packs' `life_events` introduce ("Born", "né le", "geboren") is a life's, never the page's.
Other dates and names stay removed as they were; only what the report calls the article's
changes.

In the header, a name on a line of its own next to the article's date, a name after a
lone "By", and a name written on the date's line ("Dakota Hebert July 3, 2025", "Post by
jdoe » Mon Jan 01, 2024 10:00 am") are the byline: header lines that a rule, which reads
one line at a time, cannot tell from any other short capitalised line. Such a line is
relabelled only if it was removed, so the text written is the same.

A relative date ("2 hours ago", "Yesterday", "hace 2 días") is kept as written: a scrape
holds no reference date to resolve it against, and the run's own clock would make the
report depend on when it ran (it has no timestamps: the same inputs give the same report).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from . import articlehead, markdown
from .model import Block, Label, Verdict
from .prose import word_count
from .rulecodes import taken_by_header
from .rules import find_date, pack_word_list, trim

# Lines above the headline that are still its header (a kicker, a byline and date over
# the title; a masthead's date of the day sits further up).
ABOVE_HEADLINE = 8
# Without a headline, lines above the first paragraph that may hold its date and byline
# (a date, a byline, a share bar, a picture and its credit).
ABOVE_BODY = 8
# Lines under the first paragraph still in the header (a standfirst set as prose, then the
# byline and date under it).
BELOW_FIRST = 3
PROSE_WORDS = 15  # a line of running text: the article's first paragraph
BODY_GAP = 2  # rows within which the first paragraph's text goes on
MAX_NAME_WORDS = 5
# Rules whose date a label calls the page's ("Published", "Updated", "date 2025-07-02 ..."),
# wherever it sits.
LABELLED = frozenset({"dateline", "date-prefix"})
BYLINE_RULE = "header-byline"
DATE_RULE = "header-date"
MAX_DATE_WORDS = 10  # a removed header line this short holding a date is a date line
NEXT_TO = 3  # rows between the article's date and its byline ("By Reid Bramblett", "|", date)
_SPACES = re.compile(r"\s+")
_POST_NUMBER = re.compile(r"#\d{1,6}\s+")
_NOT_IN_NAMES = frozenset("/|·•»:#@()[]")
_BULLETS = "•·*►▸▶▪■□●○◦‣⁃»›>|~=+-–—_ "
_LOWER_HANDLE = re.compile(r"(?=[^a-z]*[a-z])[a-z0-9_.-]{3,30}")
_HANDLE = re.compile(r"[\w.-]{2,30}")
# Between a name and a date on one line: separators and the words that join them.
_JOINS = re.compile(r"^[\s|·•»,–—/-]+|(?:\s+(?:on|le|el|em|am))?[\s|·•»,–—/-]*$", re.IGNORECASE)

Names = Callable[[str], bool]


def header_zone(
    blocks: Sequence[Block], verdicts: Sequence[Verdict], head: int | None
) -> tuple[range, range]:
    """The rows of the article's header: from just above the headline on row `head` (or
    above the first paragraph, on a page without one) down to the first paragraph under
    it; and the same with a few lines under that paragraph, read when the first holds no
    date nor byline (a forum's second post header sits there too)."""
    if head is not None:
        start, first = max(0, head - ABOVE_HEADLINE), _first_prose(blocks, verdicts, head + 1)
    elif (first := _first_prose(blocks, verdicts, 0)) is not None:
        start = max(0, first - ABOVE_BODY)
    else:
        start = 0
    end = len(blocks) if first is None else first
    return range(start, end), range(start, min(len(blocks), end + BELOW_FIRST))


def _first_prose(blocks: Sequence[Block], verdicts: Sequence[Verdict], start: int) -> int | None:
    """The article's first paragraph from row `start`: a kept line of running text with
    more kept text right under it. A kept line on its own (a promotion between the
    headline and the byline, a standfirst over the date) does not end the header."""
    for i in range(start, len(blocks)):
        if verdicts[i].keep and word_count(blocks[i].text) >= PROSE_WORDS:
            after = range(i + 1, min(len(blocks), i + 1 + BODY_GAP))
            if not after or any(verdicts[j].keep for j in after):
                return i
    return None


def collect(blocks: Sequence[Block], verdicts: list[Verdict], names: Names) -> dict[str, list[str]]:
    """The file's metadata: the article's date and byline (see the module's docstring) and
    every other field's values as the rules found them, and the article's headline (see
    `articlehead.py`). Header lines naming the byline that were removed are relabelled as
    it (`verdicts` changes in place)."""
    headline = articlehead.choose(blocks, verdicts)
    head, under = header_zone(blocks, verdicts, headline)
    _header_bylines(blocks, verdicts, head, names, headline)
    if not any(_field(verdicts[i]) in ("date", "byline") for i in head):
        _header_bylines(blocks, verdicts, range(head.stop, under.stop), names, headline)
        head = under
    chosen = _article_rows(blocks, verdicts, head)
    metadata: dict[str, list[str]] = {}
    for i, verdict in enumerate(verdicts):
        if verdict.meta is None:
            continue
        name, value = verdict.meta
        if name in ("date", "byline") and i not in chosen:
            continue
        _add(metadata, name, value)
        if name == "byline" and (date := find_date(blocks[i].text)) is not None:
            _add(metadata, "date", date)  # "By Jane Doe | March 3, 2025": the rule kept one
    return metadata


def _add(metadata: dict[str, list[str]], name: str, value: str) -> None:
    values = metadata.setdefault(name, [])
    if value not in values:
        values.append(value)


def _article_rows(blocks: Sequence[Block], verdicts: Sequence[Verdict], zone: range) -> set[int]:
    """The rows whose date or byline is the article's: the header's, else the first
    labelled date elsewhere with the labelled dates next to it ("Published: ...", "|",
    "Updated: ..."); and a byline right next to any of those dates."""
    dated = [i for i in zone if _date_row(blocks, verdicts, i)]
    chosen = set(dated)
    chosen.update(i for i in zone if _field(verdicts[i]) == "byline")
    if not dated:
        rows = (i for i, v in enumerate(verdicts) if v.meta is not None and v.meta[0] == "date")
        labelled = next(
            (i for i in rows if _date_row(blocks, verdicts, i) and _labelled(blocks, verdicts, i)),
            None,
        )
        if labelled is not None:
            dated = [
                j
                for j in _near(labelled, len(verdicts))
                if _date_row(blocks, verdicts, j) and _labelled(blocks, verdicts, j)
            ]
            chosen.update(dated)
    for i in dated:
        chosen.update(j for j in _near(i, len(verdicts)) if _field(verdicts[j]) == "byline")
    return chosen


def _near(i: int, rows: int) -> range:
    return range(max(0, i - NEXT_TO), min(rows, i + NEXT_TO + 1))


def _labelled(blocks: Sequence[Block], verdicts: Sequence[Verdict], i: int) -> bool:
    """Row `i`'s date is labelled the page's: by a dateline rule, or by a label word before
    it ("Last reviewed April 2017") or alone on the line above ("Published" / "Feb 2, 2023")."""
    if verdicts[i].rule in LABELLED:
        return True
    labels = pack_word_list("date_labels")
    text = trim(blocks[i].text).lower()
    at = text.find(verdicts[i].meta[1].lower()) if verdicts[i].meta is not None else -1
    before = text[:at].strip(" :|,") if at > 0 else ""
    above = trim(blocks[i - 1].text).lower().rstrip(":") if i > 0 else ""
    return before in labels or (not before and above in labels)


def _field(verdict: Verdict) -> str | None:
    return None if verdict.meta is None else verdict.meta[0]


# The dagger marks a death in the languages that write a life's dates with signs (German,
# Dutch, Polish, Czech, Hungarian, Scandinavian obituaries: "* 3. März 1938 † 19. November
# 2026"); no page's own date carries it. The asterisk of a birth is a bullet as well.
_DEATH_MARKS = ("\u2020", "\u271d")  # †, ✝


def _date_row(blocks: Sequence[Block], verdicts: Sequence[Verdict], i: int) -> bool:
    """Row `i` gives a date, and not a life's ("Born 12 May 1901", or "Born" on the line
    above): a biography's dates are its subject's, not the page's."""
    if _field(verdicts[i]) != "date":
        return False
    if any(mark in blocks[i].text for mark in _DEATH_MARKS):
        return False  # "* 3. März 1938 † 19. November 2026": a life's dates, in any language
    events = pack_word_list("life_events")
    words = trim(blocks[i].text).lower().split()
    if words and (words[0] in events or words[0].strip("(:,") in events):
        return False
    above = trim(blocks[i - 1].text).lower() if i > 0 else ""
    return above.rstrip(":") not in events


def _header_bylines(
    blocks: Sequence[Block],
    verdicts: list[Verdict],
    zone: range,
    names: Names,
    headline: int | None,
) -> None:
    """Relabel the header's removed lines that name the byline: a name written on a date's
    line, a name on its own right next to the date's line (under the headline) or under a
    lone "By"."""
    by_words = pack_word_list("byline_words")
    head = headline if headline is not None and headline in zone else zone.start - 1
    for i in zone:
        verdict = verdicts[i]
        if verdict.keep or not _open(verdict):
            continue
        text = trim(blocks[i].text)
        # A post's number keeps its "#" ("#3 jdoe 12-03-2024"), which trimming drops.
        # A converter's strong emphasis is no part of the name ("Deur **Marlize van Wyk**").
        untrimmed = markdown.unemphasized(blocks[i].text.strip().lstrip(_BULLETS))
        date = find_date(untrimmed)
        name = None if date is None else _name_beside_date(untrimmed, date, by_words, names)
        if name is None and verdict.meta is None and i > head:
            name = _lone_name(blocks, verdicts, i, text, by_words, names)
        if name is None and verdict.meta is None and word_count(text) <= MAX_DATE_WORDS:
            if date is not None:
                # A date the rules did not take whole ("November 28, 2025/Living Healthy").
                detail = f"the header's date; {verdict.detail}"
                verdicts[i] = Verdict(
                    Label.METADATA, DATE_RULE, detail, meta=("date", date), score=verdict.score
                )
            continue
        if name is not None:
            # The line's date, if it gives one, is read again from its text (`collect`).
            detail = f"the header's byline; {verdict.detail}"
            verdicts[i] = Verdict(
                Label.METADATA, BYLINE_RULE, detail, meta=("byline", name), score=verdict.score
            )


def _open(verdict: Verdict) -> bool:
    """A removed line that may still name the byline or the date: one the line model
    removed, a date rule took or a header took into its list ("By" over the name reads as
    a header). A line another rule named is what that rule says ("Share on Pinterest"),
    and a byline or the headline is already metadata."""
    if verdict.rule == "line-model" or _field(verdict) == "date":
        return True
    return taken_by_header(verdict)  # under a header, a line is named by its place only


def _name_beside_date(text: str, date: str, by_words: frozenset[str], names: Names) -> str | None:
    """The name on a line that is a date and a name, with maybe a byline word and a date's
    label ("By Sofia Gonzalez December 2, 2025", "September 1st, 2023 By Emily Norwood",
    "Posted on March 8, 2025 by Tess Marlow"); `date` is the one `text` gives."""
    start = text.lower().find(date.lower())
    if start < 0:
        return None
    labels = pack_word_list("date_labels")
    parts = [_JOINS.sub("", p).strip() for p in (text[:start], text[start + len(date) :])]
    parts = [p for p in parts if p and p.lower() not in labels]
    return _name(parts[0], by_words, names) if len(parts) == 1 else None


def _name(text: str, by_words: frozenset[str], names: Names) -> str | None:
    """`text` as a person's name, without a leading byline word ("By", "Post by", "par",
    glued on as in "ByTrevor Jones") or a post's number ("#3 jdoe"). After such a word or
    number a forum's handle is a name too ("jdoe"); without one a name has two words or
    more, the first capitalised, and passes `names` ("Updated", "in Smart Home" do not)."""
    text = _SPACES.sub(" ", text).strip()
    introduced = False
    if (post := _POST_NUMBER.match(text)) is not None:
        text, introduced = text[post.end() :], True
    else:
        lowered = text.lower()
        for word in sorted(by_words, key=len, reverse=True):
            rest = text[len(word) :]
            if lowered.startswith(word) and (rest[:1] == " " or rest[:1].isupper()):
                text, introduced = rest.lstrip(" :"), True
                break
    if any(c in _NOT_IN_NAMES for c in text) or text.lower() in pack_word_list("date_labels"):
        return None
    if introduced and _HANDLE.fullmatch(text):
        return text
    words = text.split()
    if not (1 if introduced else 2) <= len(words) <= MAX_NAME_WORDS:
        return None
    if any(c.isdigit() for c in text) or not _capitalised_start(words[0]):
        return None
    return text if names(text) else None


def _capitalised_start(word: str) -> bool:
    first = next((c for c in word if c.isalpha()), "")
    return first.isupper() or (first != "" and not first.islower())


def _lone_name(
    blocks: Sequence[Block],
    verdicts: Sequence[Verdict],
    i: int,
    text: str,
    by_words: frozenset[str],
    names: Names,
) -> str | None:
    """A name alone on line `i`, right next to a date's line or under a lone byline word."""
    if not 1 <= len(text.split()) <= MAX_NAME_WORDS:
        return None
    above = trim(blocks[i - 1].text).lower().rstrip(":") if i > 0 else ""
    next_to_date = any(
        0 <= j < len(verdicts) and _field(verdicts[j]) == "date" for j in (i - 1, i + 1)
    )
    if above in by_words:  # "By" over "Clay": the name is introduced as on one line
        return _name(f"{above} {text}", by_words, names)
    if not next_to_date:
        return None
    if " " not in text:
        # One word: a forum's handle ("jdoe", "green_thumb42"), never a capitalised label
        # ("Updated", "Advertisement") that a header also sets beside its date; known as a
        # handle by its marks or by heading another post.
        if not _LOWER_HANDLE.fullmatch(text) or text in by_words:
            return None
        marked = any(c in "_.0123456789" for c in text)
        return text if marked or _named_again(blocks, i, text) else None
    return _name(text, by_words, names)


def _named_again(blocks: Sequence[Block], i: int, handle: str) -> bool:
    """The handle on row `i` is alone on another row too, next to a date there: a poster's
    second post in the thread."""
    return any(
        j != i and blocks[j].text.strip() == handle and find_date(_around(blocks, j)) is not None
        for j in range(len(blocks))
    )


def _around(blocks: Sequence[Block], j: int) -> str:
    return " ".join(blocks[k].text for k in (j - 1, j + 1) if 0 <= k < len(blocks))
