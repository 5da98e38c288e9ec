"""Site templates: a line that recurs in many files of one run is boilerplate.

Scrapes of one site repeat its chrome in every page ("Share this story",
a newsletter pitch, the publisher's blurb), often in words no rule pack
knows. After every file is analysed, the lines still kept are counted across
files by their matching-form hash (`Prints.exact`, one count per file), and a line kept in at
least `template_min_files` files and `template_min_share` of the run is a
template ("Share this story", "Get the Courier delivered every Friday"). Three
floors keep real text:

- short lines, fewer than `SHORT_TOKENS` words ("Conclusion", "Key
  takeaways", "Methods"), recur in real bodies: they must recur in half the
  run or more;
- prose lines, `PROSE_TOKENS` words or more, recur when one story is copied
  by several outlets (a wire story): that is for duplicate matching to
  report, so they too must recur in half the run (a publisher's blurb under
  every article of a one-site run does);
- a sentence between the two recurs in a site's own articles ("The company
  did not respond to a request for comment.", a column's standing intro): a
  cron run of one site's pages holds it in many files, but on fewer pages
  than the site's chrome, which is on (nearly) every page. A sentence on
  fewer than `SITE_SHARE` of the run's pages stays, unless most of its copies
  sit beside another template line (chrome comes in blocks: a pitch over its
  button, a banner under the menu), where a standing sentence sits in the
  article's own text or closes it (`_standing`).

In a run of several folders (`scrapes/` with a folder per site), the run a
line's share is taken of is the pages of the folders holding it (`_pages`).
Recurring lines are evidence of one story copied (`_copied`) only when the
files holding them share prose too: a site's pages share a short credit, a
byline or a standing sentence, and that is no copy.

With an index (a cron run), the run is counted with the pages the index holds of its
folders (`Earlier`, the latest `WINDOW` of each, read by `Index.site_pages`): their lines
are what their own runs' classification kept, recorded paragraphs and `template_lines`
alike, so a run of two new pages of a site whose thirty pages are indexed removes the
chrome those thirty share, as the thirty-two in one run would. Only the run's own files
lose lines (the earlier outputs are written); a sentence's neighbours (`_standing`) and
the copies of one story (`_copied`) are read in the run's own files.

The step only turns body into boilerplate, and what it keeps it keeps again
when the outputs are cleaned as a run: their counts are the same, and a kept
sentence's neighbours can only lose template lines. A file that lost lines is
classified again without them (the line model reads neighbours), as a second
run would.
"""

from __future__ import annotations

import math
import posixpath
from collections import Counter
from dataclasses import dataclass

import numpy as np

from .analyze import FileAnalysis, Loaded, load
from .classify import Classifier
from .config import Config
from .fingerprint import Prints, isin_sorted, unique_sorted
from .model import Block, Label, Verdict
from .prose import SENTENCE_STOPS, text_end
from .read import InputError
from .resolve import ParagraphRefs
from .unglue import cut_in

SHORT_TOKENS = 4  # below this, a line is short: common in bodies ("Conclusion")
PROSE_TOKENS = 15  # from this, a line is prose: a copied story shares such lines
WIDE_SHARE = 0.5  # share of the run a short or prose line must recur in
SITE_SHARE = 0.75  # share of the run a sentence of chrome recurs in (its site's pages)
WINDOW = 256  # indexed pages of a folder a cron run is counted with: its latest


@dataclass(slots=True)
class Earlier:
    """Indexed pages counted with the run's (a cron run's site seen before): the folder of
    each page, and the (page, line key) pairs of the lines each held, pages numbered from 0
    in `folders`' order. `run_folders`: each of the run's files' folder, named as the index
    names them (the directory of its key), so the two sets of pages share one namespace."""

    folders: list[str]
    page: np.ndarray  # int64, into folders
    exact: np.ndarray  # uint64
    run_folders: list[str]


def apply_templates(analyses: list[FileAnalysis], prints: Prints, refs: ParagraphRefs,
                    config: Config, earlier: Earlier | None = None
                    ) -> tuple[Prints, ParagraphRefs]:
    """Mark template lines in place (verdicts, body lists) and return the run's fingerprints
    and paragraph references without them. `earlier`: indexed pages of the run's folders,
    counted with the run's files (their lines are never marked: they are not in the run)."""
    files = [a for a in analyses if a.problem is None]  # numbered like refs.files
    n = len(files)
    shown = n
    if earlier is not None and len(earlier.folders):
        shown = n + len(earlier.folders)  # the run's pages, then the index's
    need = max(config.template_min_files, math.ceil(config.template_min_share * shown))
    if not config.templates or shown < need or shown < 2 or not n or not len(prints):
        return prints, refs
    # How many files keep each line (by matching-form hash), counted once per file.
    own = unique_pairs(refs.file.astype(np.uint64), prints.exact)
    pairs = own
    folders = None
    if shown > n:
        assert earlier is not None
        seen = isin_sorted(earlier.exact, unique_sorted(prints.exact))
        pairs = np.concatenate(
            [own, unique_pairs((earlier.page[seen] + n).astype(np.uint64),
                               earlier.exact[seen])], axis=1)
        folders = earlier.run_folders + earlier.folders
    keys, counts = np.unique(pairs[1], return_counts=True)
    candidates = keys[counts >= need]
    if not len(candidates):
        return prints, refs
    count_of = dict(zip(candidates.tolist(), counts[counts >= need].tolist(), strict=True))
    in_candidates = isin_sorted(prints.exact, candidates)  # keys of np.unique: sorted
    shortest: dict[int, int] = {}
    for h, t in zip(prints.exact[in_candidates].tolist(),
                    prints.ntokens[in_candidates].tolist(), strict=True):
        shortest[h] = min(shortest.get(h, 1 << 30), t)
    if folders is None:
        folders = [posixpath.dirname(a.source.relpath) for a in files]
    pages = _pages(folders, pairs, candidates)
    templates = {h for h, c in count_of.items()
                 if SHORT_TOKENS <= shortest[h] < PROSE_TOKENS
                 or c >= max(need, math.ceil(WIDE_SHARE * pages.get(h, shown)))}
    long = prints.ntokens >= PROSE_TOKENS
    prose = unique_pairs(refs.file[long].astype(np.uint64), prints.exact[long])
    templates -= _copied(templates, own, prose)
    if not templates:
        return prints, refs
    starts = np.zeros(n + 1, dtype=np.int64)
    np.cumsum([len(a.body) for a in files], out=starts[1:])
    standing = {h for h in templates if SHORT_TOKENS <= shortest[h] < PROSE_TOKENS
                and count_of[h] < math.ceil(SITE_SHARE * pages.get(h, shown))}
    if standing:
        templates -= _standing(standing, templates, files, prints.exact, starts, config)
        if not templates:
            return prints, refs
    keep = np.ones(len(prints), dtype=bool)
    where = f"the run's {n} files" if shown == n else (
        f"{shown} files (this run's {n}, {shown - n} indexed)")
    for f, a in enumerate(files):
        lo = int(starts[f])
        marked = False
        own = prints.exact[lo:int(starts[f + 1])].tolist()
        if all(h in templates for h in own):
            continue  # the template lines are this file's whole body: it is their text
        for k, h in enumerate(own):
            i = a.body[k]
            if h not in templates or a.verdicts[i].rule == "keep-pattern":
                continue
            marked = True
            a.verdicts[i] = Verdict(Label.BOILERPLATE, "site-template",
                                    f"recurs in {count_of[h]} of {where}")
        if marked:
            settle(a, config, keep, lo)
    return without(prints, refs, keep)


def settle(a: FileAnalysis, config: Config, keep: np.ndarray, lo: int,
           loaded: Loaded | None = None) -> None:
    """After a run-wide stage removed some of a file's lines: classify the file again
    without them and clear, in `keep` (the run's paragraphs; the file's start at `lo`),
    the body paragraphs it no longer keeps. `loaded`: the file as `reload` read it, if
    the stage read it already."""
    refine(a, config, loaded)
    still = {i for i, v in enumerate(a.verdicts) if v.keep}
    gone = [k for k, i in enumerate(a.body) if i not in still]
    keep[[lo + k for k in gone]] = False
    a.body = [i for i in a.body if i in still]


def without(prints: Prints, refs: ParagraphRefs, keep: np.ndarray
            ) -> tuple[Prints, ParagraphRefs]:
    """The run's fingerprints and paragraph references, less the rows `keep` clears."""
    if keep.all():
        return prints, refs
    rows = np.flatnonzero(keep)
    refs = ParagraphRefs(files=refs.files, file=refs.file[rows], para=refs.para[rows],
                         start=refs.start[rows], end=refs.end[rows],
                         earlier_run=refs.earlier_run)
    return prints.take(rows), refs


def unique_pairs(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """`np.unique(np.stack([first, second]), axis=1)` for two columns of one dtype: the
    distinct (first, second) pairs as two rows, ordered by first, then second. Sorted with
    `lexsort` on the two columns: `unique` with an axis sorts the pairs as structured
    records, two to three times slower (0.66 against 0.28 s of the parent's serial time on
    the 1.45 M paragraphs of 100,000 files, while the workers' cores idle)."""
    if not len(first):
        return np.stack([first, second])
    order = np.lexsort((second, first))
    a, b = first[order], second[order]
    new = np.empty(len(a), dtype=bool)
    new[0] = True
    np.not_equal(a[1:], a[:-1], out=new[1:])
    new[1:] |= b[1:] != b[:-1]
    return np.stack([a[new], b[new]])


def _pages(folder: list[str], pairs: np.ndarray, candidates: np.ndarray
           ) -> dict[int, int]:
    """The pages a candidate's share is taken of, when the run's files (`folder`: each
    one's) lie in more than one folder: the files of the folders holding it. A run of
    `scrapes/` with a folder per site holds each site's chrome on (nearly) every page of
    its folder, a small share of the run. Empty for a run of one folder (its pages are the
    run's)."""
    size = Counter(folder)
    if len(size) < 2:
        return {}
    held = isin_sorted(pairs[1], candidates)  # candidates: sorted, as np.unique gives them
    folders: dict[int, set[str]] = {}
    for f, h in zip(pairs[0][held].tolist(), pairs[1][held].tolist(), strict=True):
        folders.setdefault(h, set()).add(folder[f])
    return {h: sum(size[d] for d in ds) for h, ds in folders.items()}


def _standing(lines: set[int], templates: set[int], files: list[FileAnalysis],
              exact: np.ndarray, starts: np.ndarray, config: Config) -> set[int]:
    """Of `lines` (templates on fewer than `SITE_SHARE` of their pages, of a middle
    length), the site's standing sentences: each reads as a sentence (a sentence's stop at
    its end: the hash is of the words alone, so the text is read from the first file
    holding it), and in at most half of the files holding it is a kept neighbour (the body
    line before or after it) another template that is no such sentence."""
    first: dict[int, tuple[int, int]] = {}
    for f in range(len(files)):
        for k, h in enumerate(exact[int(starts[f]):int(starts[f + 1])].tolist()):
            if h in lines and h not in first:
                first[h] = (f, k)
    blocks: dict[int, list[Block]] = {}
    sentences = set()
    for h, (f, k) in first.items():
        if f not in blocks:
            loaded = reload(files[f], config)
            blocks[f] = loaded.blocks if loaded is not None else []
        i = files[f].body[k]
        if i < len(blocks[f]) and text_end(blocks[f][i].text).endswith(SENTENCE_STOPS):
            sentences.add(h)
    others = templates - sentences
    held: dict[int, int] = {}
    beside: dict[int, int] = {}
    for f in range(len(files)):
        own = exact[int(starts[f]):int(starts[f + 1])].tolist()
        for k, h in enumerate(own):
            if h not in sentences:
                continue
            held[h] = held.get(h, 0) + 1
            if (k and own[k - 1] in others) or (k + 1 < len(own) and own[k + 1] in others):
                beside[h] = beside.get(h, 0) + 1
    return {h for h in sentences if 2 * beside.get(h, 0) <= held[h]}


def _copied(candidates: set[int], pairs: np.ndarray, prose: np.ndarray,
            sample: int = 16) -> set[int]:
    """Candidates that travel with other text: the files holding them also share other
    paragraphs of prose (`prose`: the (file, hash) pairs of `PROSE_TOKENS` words or more,
    as `unique_pairs` gives them), as copies of one story do (a wire story's short quote
    in three outlets), while site chrome sits beside text that differs from page to page.
    Shorter shared lines are no such evidence: a site's pages share an agency's credit, a
    byline or a standing sentence."""
    holders: dict[int, list[int]] = {}
    for f, h in zip(pairs[0].tolist(), pairs[1].tolist(), strict=True):  # by file, in order
        if h in candidates and len(holders.setdefault(h, [])) < sample:
            holders[h].append(f)
    wanted = {f for fs in holders.values() for f in fs}
    by_file: dict[int, set[int]] = {f: set() for f in wanted}
    for f, h in zip(prose[0].tolist(), prose[1].tolist(), strict=True):
        if f in wanted and h not in candidates:
            by_file[f].add(h)
    copied = set()
    for h, fs in holders.items():
        others = [by_file[f] for f in fs]
        sharing = sum(1 for i, mine in enumerate(others)
                      if any(mine & theirs for j, theirs in enumerate(others) if j != i))
        if sharing * 2 > len(fs):
            copied.add(h)
    return copied


def reload(a: FileAnalysis, config: Config) -> Loaded | None:
    """The file of `a` read again as it was analysed (neither repaired nor segmented
    twice), or None if it no longer reads as it did (changed or gone since)."""
    try:
        loaded = load(a.source, config, None if a.repaired else a.content_hash,
                      (a.content_hash, a.spans),
                      None if a.fixes is None else (a.content_hash, a.fixes),
                      None if cut_in(a.repairs) else a.content_hash)
    except InputError:
        return None
    return loaded if loaded.content_hash == a.content_hash else None


def refine(a: FileAnalysis, config: Config, loaded: Loaded | None = None) -> None:
    """Classify the file's remaining lines again, as a second run would see them."""
    loaded = loaded or reload(a, config)
    if loaded is not None:
        _classifier(config).refine(loaded.blocks, a.verdicts, a.language)


_CLASSIFIER: tuple[Config, Classifier] | None = None


def _classifier(config: Config) -> Classifier:
    global _CLASSIFIER
    if _CLASSIFIER is None or _CLASSIFIER[0] != config:
        _CLASSIFIER = (config, Classifier(config))
    return _CLASSIFIER[1]
