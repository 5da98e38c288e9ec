"""Site templates: a line that recurs in many files of one run is boilerplate.

Scrapes of one site repeat its chrome in every page ("Share this story",
a newsletter pitch, the publisher's blurb), often in words no rule pack
knows. After every file is analysed, the lines still kept are counted across
files by their matching-form hash (`Prints.exact`), and a line kept in at
least `template_min_files` files and `template_min_share` of the run is a
template. Two guards keep real text:

- a floor for short lines: fewer than `SHORT_TOKENS` words ("Conclusion",
  "Key takeaways", "Methods") recur in real bodies, so they must recur in
  half the run or more;
- copies are not templates: when the files sharing a line also share most
  of their other lines (one wire story in several outlets), the line is the
  story's, and duplicate matching, not this step, reports it.

The step runs between analysis and matching (`pipeline.run`) and only turns
body verdicts into boilerplate, so cleaning the output again finds nothing
left to remove.
"""

from __future__ import annotations

import math
from collections import Counter

from .analyze import FileAnalysis
from .config import Config
from .fingerprint import Prints, empty_prints
from .model import Label, Verdict

SHORT_TOKENS = 4
SHORT_SHARE = 0.5  # share of the run a short line must recur in
COPY_SHARE = 0.5  # files sharing this much of their other lines are copies of one text


def apply_templates(analyses: list[FileAnalysis], config: Config) -> int:
    """Mark template lines in place; return how many lines were marked."""
    if not config.templates:
        return 0
    files = [a for a in analyses if a.problem is None and a.prints is not None]
    n = len(files)
    need = max(config.template_min_files, math.ceil(config.template_min_share * n))
    if n < need or n < 2:
        return 0
    hashes = [a.prints.exact.tolist() for a in files]  # type: ignore[union-attr]
    sets = [set(h) for h in hashes]
    counts: Counter[int] = Counter()
    for s in sets:
        counts.update(s)
    candidates = {h for h, c in counts.items() if c >= need}
    if not candidates:
        return 0
    short_need = max(need, math.ceil(SHORT_SHARE * n))
    holders: dict[int, list[int]] = {}
    for f, s in enumerate(sets):
        for h in s & candidates:
            holders.setdefault(h, []).append(f)
    copies: dict[tuple[int, ...], bool] = {}
    marked = 0
    for f, a in enumerate(files):
        prints = a.prints
        assert prints is not None
        remove: list[int] = []
        for k, h in enumerate(hashes[f]):
            if h not in candidates:
                continue
            i = a.body[k]
            if a.verdicts[i].rule == "keep-pattern":
                continue
            if int(prints.ntokens[k]) < SHORT_TOKENS and counts[h] < short_need:
                continue
            group = tuple(holders[h])
            if group not in copies:
                copies[group] = _copies(group, sets)
            if copies[group]:
                continue
            remove.append(k)
            a.verdicts[i] = Verdict(
                Label.BOILERPLATE,
                "site-template",
                f"recurs in {counts[h]} of the run's {n} files",
            )
        if remove:
            marked += len(remove)
            _drop(a, remove, config.bands)
    return marked


def _copies(group: tuple[int, ...], sets: list[set[int]]) -> bool:
    """Do the files of `group` share most of their lines with each other (one text copied)?"""
    within: Counter[int] = Counter()
    for f in group:
        within.update(sets[f])
    shared_need = max(2, math.ceil(0.5 * len(group)))
    shares = [sum(within[h] >= shared_need for h in sets[f]) / len(sets[f]) for f in group]
    return sum(shares) / len(shares) >= COPY_SHARE


def _drop(a: FileAnalysis, remove: list[int], bands: int) -> None:
    """Take removed paragraphs out of the file's body list and fingerprints."""
    gone = set(remove)
    keep = [k for k in range(len(a.body)) if k not in gone]
    prints = a.prints
    assert prints is not None
    parts: list[Prints] = []
    start = None
    for pos, k in enumerate(keep):
        if start is None:
            start = k
        if pos + 1 == len(keep) or keep[pos + 1] != k + 1:
            parts.append(prints.slice(start, k + 1))
            start = None
    a.prints = Prints.concat(parts, bands) if parts else empty_prints(bands)
    a.body = [a.body[k] for k in keep]
