"""Dates that every entry of a list carries: "Date: March 2-5, 2026" under each event of a
conference round-up, "Date: Fri, 1 Feb 2002 11:53:40 -0500 (EST) From: ..." opening each
message of a mailing-list archive.

The packs' date rules read a labelled date as the page's own ("Published: ...",
"Updated: ..."): the dateline rule takes a short line as metadata, the date-prefix rule
cuts the date from the paragraph it opens. A page has one such date. When three lines or
more open with one label, each with its own text, they are a list's fields, and both
readings cost the article what its entries say: every event's dates went to the front
matter's one "date", and every message lost its timestamp, or half of it ("-0500 (EST)
From: ..."), which the date pattern does not read. Such lines are left to the line model
and to the passes that read a list's entries (`entryfields`), as any other field is: by
the layout (one label over and over), not by the words, in any pack's language.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .entryfields import MIN_FIELDS
from .model import BODY, Verdict
from .rulecodes import ruled

# The pack rules that read a labelled date as the page's (`articlemeta.LABELLED`).
DATE_RULES: frozenset[str | None] = frozenset({"dateline", "date-prefix"})
# A label: one to three words of letters before a colon or a bar ("Date:", "Last updated |").
_LABEL = re.compile(r"\s*([^\W\d_]+(?:[ -][^\W\d_]+){0,2})\s*[:|]\s*")


def label_of(text: str, date: str | None = None) -> str | None:
    """The label a dated line opens with (case-folded), or None (a date with no label
    before it, "Posted March 5", left to the rules). With `date`, only a label the date
    follows at once: "Posted by: John at December 18, 2025" is a comment's header, a name
    under a label and then its date."""
    found = _LABEL.match(text)
    if found is None or (date is not None and not text.startswith(date, found.end())):
        return None
    return found.group(1).casefold()


def dated_entries(texts: Sequence[str], verdicts: list[Verdict]) -> None:
    """Give the lines a date rule took back to the model (`BODY`, no rule) where MIN_FIELDS
    of them or more open with one label and their own date right after it: a list's
    entries' dates, not the page's. Every line a date rule took under that label goes
    back ("Date: Summit on 7 December 2026"). Changes `verdicts` in place."""
    # Most files hold no date rule's line: the few that do are found in C, from the
    # verdicts' slots (`rulecodes.ruled`); a Python step for every line of every file cost
    # 0.2 % of dev classification.
    dates = ruled(verdicts, None, DATE_RULES)
    if len(dates) < MIN_FIELDS:
        return
    under: dict[str, list[int]] = {}  # each label's lines a date rule took
    dated: dict[str, set[str]] = {}  # the texts of those the date follows at once
    for i in dates:
        verdict = verdicts[i]
        label = label_of(texts[i])
        if label is None:
            continue
        under.setdefault(label, []).append(i)
        date = verdict.meta[1] if verdict.meta is not None else None
        if date and label_of(texts[i], date) is not None:
            dated.setdefault(label, set()).add(texts[i].strip())
    for label, lines in under.items():
        # One text again and again is a template's stamp, not entries' dates.
        if len(dated.get(label, ())) >= MIN_FIELDS:
            for i in lines:
                verdicts[i] = BODY
