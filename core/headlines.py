"""Related headlines: a body line that is another file's headline is a link to that article.

Sites drop links to their other stories into an article's body ("Council
approves new ferry timetable" between two paragraphs). On its own such a line
looks like a subheading; across a run it is recognisable, because the article it
links to is often scraped too, and its headline was taken as that file's
metadata. A kept line of a few words whose matching form equals the headline of
another file of the run, or of a file indexed by an earlier run, is removed with
the rule `related-headline`.

Only kept lines are turned into boilerplate, and the headlines are those of the
run's other files, so a second run over the outputs finds nothing more to remove
where the first removed it; the file is classified again without the line (the
line model reads neighbours), as for site templates.
"""

from __future__ import annotations

import numpy as np

from .analyze import FileAnalysis
from .config import Config
from .fingerprint import Fingerprinter, Prints
from .model import Label, Verdict
from .resolve import ParagraphRefs
from .templates import settle, without

# A headline is a handful of words: longer lines equal to a headline are sentences that
# the headline quotes, which belong to the body that holds them.
MIN_TOKENS, MAX_TOKENS = 4, 25


def headline_keys(texts: list[str], config: Config) -> list[int]:
    """Matching-form keys of headlines (what the index keeps of them)."""
    return Fingerprinter(config).prints(texts).exact.tolist() if texts else []


def candidate_keys(prints: Prints) -> np.ndarray:
    """Keys of the run's lines that could be related headlines (to look up in the index)."""
    short = (prints.ntokens >= MIN_TOKENS) & (prints.ntokens <= MAX_TOKENS)
    return np.unique(prints.exact[short])


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
    for f, a in enumerate(files):
        lo = int(starts[f])
        marked = False
        for k, (key, tokens) in enumerate(zip(prints.exact[lo:int(starts[f + 1])].tolist(),
                                             prints.ntokens[lo:int(starts[f + 1])].tolist(),
                                             strict=True)):
            others = [g for g in owners.get(key, ()) if g != f]
            i = a.body[k]
            if not (others or key in earlier) or not MIN_TOKENS <= tokens <= MAX_TOKENS:
                continue
            if a.verdicts[i].rule == "keep-pattern":
                continue
            # Indexed files come first in stable order, as in duplicate matching.
            if key in earlier:
                name, stamp = earlier[key]
                linked = f"{name} (indexed {stamp})"
            else:
                linked = refs.files[others[0]]
            a.verdicts[i] = Verdict(Label.BOILERPLATE, "related-headline",
                                    f"the headline of {linked}")
            marked = True
        if marked:
            settle(a, config, keep, lo)
    return without(prints, refs, keep)
