"""Related headlines: a body line that is another file's headline is a link to that article.

Sites drop links to their other stories into an article's body ("Council
approves new ferry timetable" between two paragraphs). On its own such a line
looks like a subheading; across a run it is recognisable, because the article it
links to is often scraped too, and its headline was taken as that file's
metadata. A kept line of a few words whose matching form equals the headline of
another file of the run, or of a file indexed by an earlier run, is removed with
the rule `related-headline`.

Unless the two files carry the same story (a wire story republished by several outlets:
most of their words run alike): then the line is the file's own headline, set where its
layout did not show it as one, and it goes into the file's metadata as a headline above
the body does.

Only kept lines are turned into boilerplate, and the headlines are those of the
run's other files, so a second run over the outputs finds nothing more to remove
where the first removed it; the file is classified again without the line (the
line model reads neighbours), as for site templates.
"""

from __future__ import annotations

import numpy as np

from .analyze import FileAnalysis, Loaded
from .config import Config
from .fingerprint import Fingerprinter, Prints, isin_sorted, unique_sorted
from .model import Label, Verdict
from .resolve import ParagraphRefs
from .templates import reload, settle, without
from .titles import headline_verdict

# A headline is a handful of words: longer lines equal to a headline are sentences that
# the headline quotes, which belong to the body that holds them.
MIN_TOKENS, MAX_TOKENS = 4, 25
# Two files carry the same story when this share of the shorter one's anchors (runs of four
# words, `fingerprint.ANCHOR_NGRAM`) is in the other, and at least SAME_STORY_ANCHORS are:
# an edited wire copy keeps far more than that, while two stories of one site share a few
# phrases at most.
SAME_STORY_SHARE, SAME_STORY_ANCHORS = 0.25, 8


def headline_keys(texts: list[str], config: Config) -> list[int]:
    """Matching-form keys of headlines (what the index keeps of them)."""
    return Fingerprinter(config).prints(texts).exact.tolist() if texts else []


def candidate_keys(prints: Prints) -> np.ndarray:
    """Keys of the run's lines that could be related headlines (to look up in the index)."""
    short = (prints.ntokens >= MIN_TOKENS) & (prints.ntokens <= MAX_TOKENS)
    return unique_sorted(prints.exact[short])


def drop_related_headlines(analyses: list[FileAnalysis], prints: Prints, refs: ParagraphRefs,
                           config: Config, earlier: dict[int, tuple[str, str]] | None = None
                           ) -> tuple[Prints, ParagraphRefs]:
    """Mark related headlines in place (verdicts, body lists) and return the run's
    fingerprints and paragraph references without them. `earlier`: headlines of files
    indexed by earlier runs (key -> their path and when they were indexed)."""
    earlier = earlier or {}
    files = [a for a in analyses if a.problem is None]  # numbered like refs.files
    headlines = [(f, text) for f, a in enumerate(files) for text in a.metadata.get("headline", [])]
    if not config.templates or not (headlines or earlier) or not len(prints):
        return prints, refs
    keys = headline_keys([text for _, text in headlines], config)
    owners: dict[int, list[int]] = {}
    for (f, _), key in zip(headlines, keys, strict=True):
        owners.setdefault(key, []).append(f)
    starts = np.zeros(len(files) + 1, dtype=np.int64)
    np.cumsum([len(a.body) for a in files], out=starts[1:])
    keep = np.ones(len(prints), dtype=bool)
    anchors = _Anchors(prints, starts)
    rows = _candidate_rows(prints, owners.keys() | earlier.keys())
    # The candidates' files, in order, each with its candidates in order: a loop over the
    # run's every paragraph (a list and a look-up each) cost the parent a tenth of a second
    # per 20,000 files while the other core idled.
    of_file = np.searchsorted(starts, rows, side="right") - 1
    cut = np.flatnonzero(np.diff(of_file)) + 1
    for group, owner in zip(np.split(rows, cut), np.split(of_file, cut), strict=True):
        if not len(group):  # no candidate at all
            continue
        f = int(owner[0])
        a = files[f]
        lo = int(starts[f])
        marked = False
        loaded: Loaded | None = None  # the file read again, for a headline of its own
        for r, key in zip(group.tolist(), prints.exact[group].tolist(), strict=True):
            k = r - lo
            others = [g for g in owners.get(key, ()) if g != f]
            i = a.body[k]
            if not (others or key in earlier):
                continue
            if a.verdicts[i].rule == "keep-pattern":
                continue
            # Indexed files come first in stable order, as in duplicate matching.
            if key in earlier:
                name, stamp = earlier[key]
                linked = f"{name} (indexed {stamp})"
            else:
                linked = refs.files[others[0]]
            same = next((g for g in others if anchors.same_story(f, g, lo + k)), None)
            if same is not None:
                loaded = loaded or reload(a, config)
            own = (None if same is None or loaded is None
                   else _own_headline(a, i, loaded, refs.files[same]))
            a.verdicts[i] = own or Verdict(Label.BOILERPLATE, "related-headline",
                                           f"the headline of {linked}")
            marked = True
        if marked:
            settle(a, config, keep, lo, loaded)
    return without(prints, refs, keep)


def _candidate_rows(prints: Prints, keys: set[int]) -> np.ndarray:
    """The rows of the run's paragraphs that may be related headlines: of a headline's size,
    with the exact key of a headline (the loop over them checks that it is another file's).
    Ascending."""
    sized = (prints.ntokens >= MIN_TOKENS) & (prints.ntokens <= MAX_TOKENS)
    known = np.sort(np.fromiter(keys, dtype=prints.exact.dtype, count=len(keys)))
    return np.flatnonzero(sized & isin_sorted(prints.exact, known))


class _Anchors:
    """Each file's anchors (sorted, distinct), taken when a file is first compared."""

    def __init__(self, prints: Prints, starts: np.ndarray) -> None:
        self.prints, self.starts = prints, starts
        self.of: dict[tuple[int, int], np.ndarray] = {}

    def _file(self, f: int, leave_out: int = -1) -> np.ndarray:
        if (f, leave_out) not in self.of:
            p, lo, hi = self.prints, int(self.starts[f]), int(self.starts[f + 1])
            parts = [p.an[p.an_off[r]:p.an_off[r + 1]] for r in range(lo, hi) if r != leave_out]
            self.of[f, leave_out] = unique_sorted(np.concatenate(parts)) if parts else p.an[:0]
        return self.of[f, leave_out]

    def same_story(self, f: int, g: int, line: int) -> bool:
        """Whether files `f` and `g` carry one story, `f`'s row `line` (the headline-like
        line) left out."""
        mine, theirs = self._file(f, line), self._file(g)
        shared = len(np.intersect1d(mine, theirs, assume_unique=True))
        smaller = min(len(mine), len(theirs))
        return shared >= SAME_STORY_ANCHORS and shared >= SAME_STORY_SHARE * smaller


def _own_headline(a: FileAnalysis, i: int, loaded: Loaded, other: str) -> Verdict:
    """Block `i` of `a` (`loaded`: its file read again) as the file's headline, in its
    metadata too."""
    verdict = headline_verdict(a.verdicts[i], loaded.blocks[i].text,
                               f"the headline of this story, as in {other}")
    assert verdict.meta is not None
    bucket = a.metadata.setdefault("headline", [])
    if verdict.meta[1] not in bucket:
        bucket.append(verdict.meta[1])
    return verdict
