"""Site templates: a line that recurs in many files of one run is boilerplate.

Scrapes of one site repeat its chrome in every page ("Share this story",
a newsletter pitch, the publisher's blurb), often in words no rule pack
knows. After every file is analysed, the lines still kept are counted across
files by their matching-form hash (`Prints.exact`), and a line kept in at
least `template_min_files` files and `template_min_share` of the run is a
template ("Share this story", "Get the Courier delivered every Friday"). Two
floors keep real text:

- short lines, fewer than `SHORT_TOKENS` words ("Conclusion", "Key
  takeaways", "Methods"), recur in real bodies: they must recur in half the
  run or more;
- prose lines, `PROSE_TOKENS` words or more, recur when one story is copied
  by several outlets (a wire story): that is for duplicate matching to
  report, so they too must recur in half the run (a publisher's blurb under
  every article of a one-site run does).

A decision depends only on the line's own count and length, and the step
only turns body into boilerplate, so a second run over the outputs counts
the remaining lines the same way. A file that lost lines is classified again
without them (the line model reads neighbours), as a second run would.
"""

from __future__ import annotations

import math
from collections import Counter

from .analyze import FileAnalysis, load
from .classify import Classifier
from .config import Config
from .fingerprint import Prints, empty_prints
from .model import Label, Verdict
from .read import InputError

SHORT_TOKENS = 4  # below this, a line is short: common in bodies ("Conclusion")
PROSE_TOKENS = 15  # from this, a line is prose: a copied story shares such lines
WIDE_SHARE = 0.5  # share of the run a short or prose line must recur in


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
    wide_need = max(need, math.ceil(WIDE_SHARE * n))
    tokens: dict[int, int] = {}
    for f, a in enumerate(files):
        prints = a.prints
        assert prints is not None
        for k, h in enumerate(hashes[f]):
            if h in candidates:
                tokens[h] = min(tokens.get(h, 1 << 30), int(prints.ntokens[k]))
    templates = {
        h for h in candidates if SHORT_TOKENS <= tokens[h] < PROSE_TOKENS or counts[h] >= wide_need
    }
    marked = 0
    for f, a in enumerate(files):
        remove: list[int] = []
        for k, h in enumerate(hashes[f]):
            i = a.body[k]
            if h not in templates or a.verdicts[i].rule == "keep-pattern":
                continue
            remove.append(k)
            a.verdicts[i] = Verdict(
                Label.BOILERPLATE,
                "site-template",
                f"recurs in {counts[h]} of the run's {n} files",
            )
        if remove:
            marked += len(remove)
            _refine(a, config)
    return marked


def _refine(a: FileAnalysis, config: Config) -> None:
    """Classify the file's remaining lines again, as a second run would see them, and
    keep its body list and fingerprints in step with the verdicts."""
    try:
        loaded = load(a.source, config)
    except InputError:
        loaded = None
    if loaded is not None and loaded.content_hash == a.content_hash:
        _classifier(config).refine(loaded.blocks, a.verdicts, a.language)
    still = {i for i, v in enumerate(a.verdicts) if v.keep}
    gone = [k for k, i in enumerate(a.body) if i not in still]
    if gone:
        _drop(a, gone, config.bands)


_CLASSIFIER: tuple[Config, Classifier] | None = None


def _classifier(config: Config) -> Classifier:
    global _CLASSIFIER
    if _CLASSIFIER is None or _CLASSIFIER[0] != config:
        _CLASSIFIER = (config, Classifier(config))
    return _CLASSIFIER[1]


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
