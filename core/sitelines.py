"""A cron run's site seen before: the lines the index's pages of its folders held.

The template pass (`templates.apply_templates`) counts a line across the run's files; a
cron run of two new pages has too few to count anything. With an index, it counts the
indexed pages of its folders too, by what each held when its own run classified it:
its recorded paragraphs and its `template_lines` (what that run then removed: the
site's chrome among them). This module reads those pages for the pass (`site_pages_of`)
and gathers, while a run is under way, what its own files held (`HeldLines`), for the
index to record.
"""

from __future__ import annotations

import posixpath

import numpy as np

from .analyze import FileAnalysis
from .index import Index
from .templates import WINDOW, Earlier


class HeldLines:
    """The run's body lines as its files' classification kept them, before the template
    pass, related headlines and resolution removed any: the keys (`exact`, the run's
    fingerprints' column at that point, which those stages replace but never write to)
    and each file's count, in the order of the run's files."""

    def __init__(self, exact: np.ndarray, counts: list[int]) -> None:
        self.exact = exact
        self.start = np.zeros(len(counts) + 1, dtype=np.int64)
        np.cumsum(counts, out=self.start[1:])

    def unkept(self, f: int, kept: np.ndarray) -> list[int]:
        """File `f`'s held keys that `kept` (the keys it is recorded with) lacks, sorted.
        What the run removed is a subset of what the file held, so equal counts mean
        nothing was removed: most files cost no set at all."""
        lo, hi = int(self.start[f]), int(self.start[f + 1])
        if hi - lo == len(kept):
            return []
        return sorted(set(self.exact[lo:hi].tolist()) - set(kept.tolist()))


def site_pages_of(analyses: list[FileAnalysis], index: Index
                  ) -> Earlier | None:
    """The indexed pages of the run's folders (`templates.WINDOW` latest of each, the run's
    own files left out) and the lines each held, for the template pass; None when the
    index holds none."""
    good = [a for a in analyses if a.problem is None]
    run_folders = [posixpath.dirname(index.key(a.source.resolved)) if a.source.path
                   is not None else posixpath.dirname(a.source.relpath) for a in good]
    exclude = {index.key(a.source.resolved) for a in analyses if a.source.path is not None}
    pages = index.site_pages(set(run_folders), exclude, WINDOW)
    if not pages:
        return None
    number = {file_id: p for p, (file_id, _) in enumerate(pages)}
    ids, exact = index.site_lines(list(number))
    page = np.array([number[i] for i in ids.tolist()], dtype=np.int64)
    return Earlier([folder for _, folder in pages], page, exact, run_folders)
