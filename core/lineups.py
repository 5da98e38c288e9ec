"""A match report's line-ups: each side's players on a line of their own.

A football, rugby or hockey report closes with the sides' line-ups, written the same way in
every language: the team, a colon, then the players from the keeper forward, a semicolon
between the lines of the formation ("Liverpool: Alisson; Alexander-Arnold, Konaté, van
Dijk, Robertson; ...", "Inter (3-5-2): Sommer; Pavard, Acerbi, Bastoni; ...", "Simba SC:
Manula; Kapombe, Zimbwe, ..."). Read alone, such a line is a run of capitalised words with
no sentence in it, a menu's or a tag list's shape, and the line model removes both sides'
(p 0.07) with the heading over them ("Line-ups", "Vikosi"). What gives them away is that
formation: three lines of it or more, a dozen names or so, the two sides one under the
other. A tag list or a menu flattened onto a line has commas or bars, not a formation's
semicolons. So two such lines in a row, under some kept prose of the article, stay
("line-up"), and so does a short heading right above them that the model removed. This
reads punctuation and capitals only, in any script that has them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from .model import Block, Label, Verdict
from .prose import SENTENCE_STOPS, is_prose, word_count

RULE = "line-up"
MIN_LINES = 3  # the formation's lines (keeper; defence; midfield; attack): 3 groups or more
MIN_PLAYERS = 9  # names on a side's line: a side's starting players, give or take
MAX_TEAM_WORDS = 6  # the team's name before the colon, with its formation in brackets
HEADING_WORDS = 3  # "Line-ups", "Die Aufstellungen", "Vikosi"
# The team (and its formation) before the colon; then the players.
_SIDE = re.compile(r"\s*([^:;,.!?]{2,60}?)\s*:\s*(\S.*)")
_NAMES = re.compile(r"\s*[,;]\s*|\s+[-–]\s+")


def may_hold(blocks: Sequence[Block]) -> bool:
    """Two lines in a row read as line-ups by their text alone (most files: no line holds
    two semicolons), so the pass would change nothing on any pass of the file."""
    # A side holds semicolons: only two lines in a row that hold one are asked. Asking
    # `_side` of every line cost 1 % of dev classification (HISTORY, session 29).
    texts = [block.text for block in blocks]
    held = [i for i, text in enumerate(texts) if ";" in text]
    return any(
        j == i + 1 and _side(texts[i]) and _side(texts[j]) for i, j in pairwise(held)
    )


def _side(text: str) -> bool:
    """A side's line-up: a team of a few words, a colon, MIN_LINES groups or more split by
    semicolons, MIN_PLAYERS names or more each opening with a capital (a name's particle,
    "van Dijk", "de Ligt", may open small), and no sentence's stop inside."""
    if text.count(";") < MIN_LINES - 1:
        return False
    found = _SIDE.fullmatch(text)
    if found is None or word_count(found.group(1)) > MAX_TEAM_WORDS:
        return False
    players = [name for name in _NAMES.split(found.group(2).rstrip(" .")) if name]
    if len(players) < MIN_PLAYERS or any(p.endswith(SENTENCE_STOPS) for p in players):
        return False
    return all(_name(p) for p in players)


def _name(text: str) -> bool:
    """A player: one to four words, the last capitalised ("Aziz Ki", "van Dijk")."""
    words = text.split()
    return 1 <= len(words) <= 4 and words[-1][:1].isupper()


def line_ups(blocks: Sequence[Block], verdicts: list[Verdict], rows: list[int]) -> bool:
    """Keep the line-ups of `rows` (the lines in play) that the model removed, and the
    short heading right above them, where some prose above them is kept. True if any
    verdict changed."""
    kept_prose = False
    changed = False
    pos = 0
    while pos < len(rows):
        i = rows[pos]
        if verdicts[i].keep and is_prose(blocks[i].text):
            kept_prose = True
        end = pos
        while end < len(rows) and _side(blocks[rows[end]].text):
            end += 1
        if end - pos < 2 or not kept_prose:
            pos = max(end, pos + 1)
            continue
        sides = rows[pos:end]
        heading = rows[pos - 1] if pos > 0 else None
        if heading is not None and _heading(blocks[heading].text, verdicts[heading]):
            sides = [heading, *sides]
        for j in sides:
            verdict = verdicts[j]
            if not verdict.keep and verdict.rule == "line-model":
                detail = f"one of {end - pos} sides' line-ups of a match; {verdict.detail}"
                verdicts[j] = verdict.overruled(Label.BODY, RULE, detail)
                changed = True
        pos = end
    return changed


def _heading(text: str, verdict: Verdict) -> bool:
    """A short heading the model kept or removed: no sentence, no rule's line."""
    return (
        (verdict.keep or verdict.rule == "line-model")
        and 1 <= word_count(text) <= HEADING_WORDS
        and not text.rstrip().endswith((*SENTENCE_STOPS, ":"))
    )
