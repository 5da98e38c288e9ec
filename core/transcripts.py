"""A transcript stamped with the media's time codes: a podcast's or a video's speech, each
turn under the time it starts at ("00:01:10", "[04:32]", "(1:02:05)").

Read one line at a time, the model keeps the first turns and drops the last, which sit
where the page's tail starts, and the date rule takes some of the codes for times of day.
The codes, counting up in order, are the transcript's own structure: when most of the turns
between them are kept, every turn and every code stays ("transcript"). Codes and turns
stay in the text, so a second run sees the same transcript and keeps it again. Codes that
do not count up are something else (a list of videos with their lengths); a bare "10:32"
is a time of day, a live blog's stamp (`edges.post_stamps`), not a time code.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from . import linescan
from .model import Block, Label, Verdict, model_removal

# Hours, minutes and seconds, or minutes and seconds in brackets.
_CODE = re.compile(
    r"\s*(?:(\d{1,2}):(\d{2}):(\d{2})|\[(\d{1,2}):(\d{2})\]|\((\d{1,2}):(\d{2})\))\s*"
)
MIN_CODES = 3
MAX_TURN_LINES = 3  # lines under one code: a turn of a paragraph or a few
RULE = "transcript"
# Verdicts a turn may have: the model's, or this pass's; a soft rule's on a code.
_OPEN = frozenset([None, "line-model", RULE, "date-line"])


_STARTS = frozenset("0123456789[( \t")


def seconds(text: str) -> int | None:
    """The time code `text` is, in seconds; None if it is not one."""
    if text[:1] not in _STARTS:
        return None  # most lines: asked on every pass, told without the regex
    found = _CODE.fullmatch(text)
    if found is None:
        return None
    h, m, s, bm, bs, pm, ps = found.groups()
    if h is not None:
        return int(h) * 3600 + int(m) * 60 + int(s)
    minutes, secs = (bm, bs) if bm is not None else (pm, ps)
    return int(minutes) * 60 + int(secs)


def may_hold(blocks: Sequence[Block], flags: bytes | None = None) -> bool:
    """Whether the file has the MIN_CODES time codes a transcript needs: asked once per
    file (most have none), so that `transcripts` runs on the few that do. `flags`: the
    blocks' `linescan.line_flags`, where the caller has them."""
    if flags is None:
        flags = linescan.line_flags(blocks)
    found = 0
    # `seconds` of the lines that open as a code may (its own first test, told in C).
    for i in linescan.lines_with(flags, linescan.TIME):
        if seconds(blocks[i].text) is not None:
            found += 1
            if found >= MIN_CODES:
                return True
    return False


def _open_line(blocks: Sequence[Block], verdicts: list[Verdict], i: int) -> int | None:
    """-1 for a line that may be a turn, its time code for a code, None for neither."""
    if verdicts[i].rule not in _OPEN:
        return None
    value = seconds(blocks[i].text)
    return -1 if value is None else value


def _runs(
    blocks: Sequence[Block], verdicts: list[Verdict], rows: list[int]
) -> list[list[tuple[int, list[int]]]]:
    """Runs of MIN_CODES codes or more counting up, each code with the one to
    MAX_TURN_LINES turns under it: [(code, turns)], positions in `rows`."""
    runs: list[list[tuple[int, list[int]]]] = []
    pos = 0
    while pos < len(rows):
        run: list[tuple[int, list[int]]] = []
        last = -1
        while pos < len(rows):
            value = _open_line(blocks, verdicts, rows[pos])
            if value is None or value <= last:
                break  # not a code, or one that does not count up: a new run may start here
            turns: list[int] = []
            q = pos + 1
            while q < len(rows) and len(turns) < MAX_TURN_LINES:
                if _open_line(blocks, verdicts, rows[q]) != -1:
                    break
                turns.append(q)
                q += 1
            if not turns:
                break
            run.append((pos, turns))
            last, pos = value, q
        if len(run) >= MIN_CODES:
            runs.append(run)
        if not run:
            pos += 1
    return runs


def transcripts(blocks: Sequence[Block], verdicts: list[Verdict], rows: list[int]) -> bool:
    """Keep every code and turn of a transcript whose turns are mostly kept; True if any
    verdict changed. Judged afresh on every pass, as `edges.numbered_items` is: a line
    kept here whose transcript no longer qualifies goes back to what it was."""
    changed = False
    confirmed: set[int] = set()
    for run in _runs(blocks, verdicts, rows):
        turns = [rows[q] for _, lines in run for q in lines]
        kept = sum(verdicts[i].keep and verdicts[i].rule != RULE for i in turns)
        if kept * 2 <= len(turns):
            continue
        detail = f"a transcript's line, {len(run)} time codes counting up, {kept} of " \
            f"{len(turns)} turns kept"
        for i in [rows[pos] for pos, _ in run] + turns:
            verdict = verdicts[i]
            confirmed.add(i)
            if verdict.keep:
                continue  # the model's, or this pass's on an earlier pass
            # A soft rule's code keeps its rule's id first, as a table's cell does, so the
            # model reads it as a second run would (`rulecodes.overruled_soft_rule`).
            own = f"{verdict.rule} overruled: " if verdict.rule == "date-line" else ""
            verdicts[i] = Verdict(Label.BODY, RULE, f"{own}{detail}; {verdict.detail}",
                                  score=verdict.score)
            changed = True
    for i in rows:
        verdict = verdicts[i]
        if verdict.rule == RULE and i not in confirmed:
            verdicts[i] = _undone(verdict)
            changed = True
    return changed


def _undone(verdict: Verdict) -> Verdict:
    """What a line kept by this pass was before it."""
    if verdict.detail.startswith("date-line overruled: "):
        own = verdict.detail.split("; ", 1)[-1]
        return verdict.overruled(Label.METADATA, "date-line", own)
    return model_removal(verdict)
