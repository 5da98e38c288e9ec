"""Per-file work: read -> decode -> unmarkup -> repair -> unglue -> segment -> classify ->
fingerprint.

This is what worker processes run. It returns compact results (spans,
verdicts, fingerprints) rather than text: the writer re-derives the text from
the input when it writes, which keeps memory flat on large corpora, and the
content hash taken here proves it is the same input.
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field

from . import frontmatter
from .classify import Classified, Classifier
from .config import Config
from .decode import decode
from .fingerprint import Fingerprinter, Prints, empty_prints
from .jsonescapes import unescape
from .linkmarks import unmark_blocks
from .markup import unmarkup
from .model import BODY, Block, Label, Problem, Source, Verdict, effective_text
from .read import InputError, read_source
from .repair import LineFixes, Repaired, apply_fixes, line_fixes, repair
from .segment import resegment, segment
from .unglue import unglue

# Files of up to this many blocks are classified a chunk at a time (see `analyze_many`).
BATCH_BLOCKS = 256


@dataclass(slots=True)
class Loaded:
    """An input read, decoded, repaired and segmented."""

    encoding: str
    repairs: list[str]
    lines: int
    blocks: list[Block]
    front: dict[str, list[str]]  # metadata from a front-matter block already in the input
    content_hash: str
    repaired: bool = True  # repair changed the decoded text
    fixes: LineFixes | None = None  # the lines it changed (`repair.line_fixes`), when few


@dataclass(slots=True)
class FileAnalysis:
    source: Source
    problem: Problem | None = None
    encoding: str = ""
    repairs: list[str] = field(default_factory=list)
    language: str = ""
    lines: int = 0
    # Per block: first and last line, flat (block i at 2i, 2i + 1). The parent holds every
    # file's analysis: a flat int array costs a fifth of a list of tuples.
    spans: array = field(default_factory=lambda: array("i"))
    verdicts: list[Verdict] = field(default_factory=list)
    metadata: dict[str, list[str]] = field(default_factory=dict)
    content_hash: str = ""
    repaired: bool = True  # repair changed the text: rendering must repair it again
    # ... unless these say what it changed (`repair.line_fixes`): ftfy need not run twice.
    fixes: LineFixes | None = None
    body: list[int] = field(default_factory=list)  # blocks that were fingerprinted
    warnings: list[str] = field(default_factory=list)

    def span(self, i: int) -> tuple[int, int]:
        return self.spans[2 * i], self.spans[2 * i + 1]

    def __reduce__(self) -> tuple:  # see `Source.__reduce__`
        return FileAnalysis, (self.source, self.problem, self.encoding, self.repairs,
                              self.language, self.lines, self.spans, self.verdicts,
                              self.metadata, self.content_hash, self.repaired, self.fixes,
                              self.body, self.warnings)


def load(source: Source, config: Config, unrepaired: str | None = None,
         earlier: tuple[str, Sequence[int]] | None = None,
         fixed: tuple[str, LineFixes] | None = None, uncut: str | None = None) -> Loaded:
    """Raises InputError for inputs that are not usable text. `unrepaired`: the content
    hash of an input that repair is known to leave as decoded (it was loaded before), so
    that reading it again need not repair it again. `earlier`: the content hash of an
    earlier load of the input and its blocks' spans then (`FileAnalysis.spans`), so that
    the same bytes need not be segmented again. `fixed`: the content hash of an earlier
    load and the lines its repair changed then (`Loaded.fixes`), put back without ftfy.
    `uncut`: the content hash of an input that unglue left as it was (`unglue.cut_in`), so
    that its scan for joins need not run again. Loaded again with them, the input has no
    `fixes` or `repairs` of its own."""
    data = read_source(source, config.max_bytes)
    content_hash = hashlib.blake2b(data, digest_size=16).hexdigest()
    decoded = decode(data)
    unmarked, converted = unmarkup(decoded.text)
    # A JSON string's escapes ("\\u2019", "\\n" inside a line) read before repair: the
    # characters they stand for may be mojibake or odd spaces repair knows (`jsonescapes`).
    unmarked, unescaped = unescape(unmarked)
    fixes = None
    if unrepaired is not None and content_hash == unrepaired:
        repaired = Repaired(unmarked)
        changed = False
    elif fixed is not None and content_hash == fixed[0]:
        repaired = Repaired(apply_fixes(unmarked, fixed[1]))
        changed = True
    else:
        repaired = repair(unmarked)
        changed = repaired.text != unmarked
        if changed:
            fixes = line_fixes(unmarked, repaired.text)
    # After repair: a mojibake line's joins read as the text's own once it is fixed. Repair's
    # `fixes` are of the lines before the cut, so they are put back before it.
    # The same bytes repaired to the same text: what unglue left alone, it leaves again.
    text, glued = ((repaired.text, []) if uncut is not None and content_hash == uncut
                   else unglue(repaired.text))
    front, front_lines = frontmatter.split(text)
    if front_lines:
        # Blank the block rather than cut it, so line numbers still point into the input.
        rest = text.split("\n")
        text = "\n" * front_lines + "\n".join(rest[front_lines:])
    again = None
    if earlier is not None and earlier[0] == content_hash:
        again = resegment(text, earlier[1])
    blocks, lines = again if again is not None else segment(text)
    # A text browser's link numbers ("[12]Sign up") out of the paragraphs they interrupt
    # (`linkmarks`), once the lines a dump wrapped are joined: the same at analysis and write.
    blocks, marks = unmark_blocks(text, blocks)
    return Loaded(
        decoded.encoding,
        list(decoded.notes) + converted + unescaped + repaired.repairs + glued + marks,
        lines,
        blocks,
        front,
        content_hash,
        changed,
        fixes,
    )


def _plain(verdict: Verdict) -> bool:
    return (verdict.keep and verdict.rule is None and verdict.keep_text is None
            and verdict.meta is None and verdict.dup is None and not verdict.detail)


def internal_error(source: Source, exc: Exception) -> Problem:
    """A bug met on one input: say so on that input's line, and carry on with the rest."""
    return Problem(source.display, "error", f"internal error ({type(exc).__name__}: {exc})")


class Analyzer:
    """Holds what is built once per process: compiled rules, permutations."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.classifier = Classifier(config)
        self.fingerprinter = Fingerprinter(config)

    def analyze_many(self, sources: list[Source]) -> tuple[list[FileAnalysis], Prints]:
        """Analyses of `sources`, and the fingerprints of all their body paragraphs in order.

        The fingerprints stay one batch: per-file arrays would cost a dozen numpy
        objects per file in the parent process, which holds every file's analysis.
        """
        done: list[tuple[FileAnalysis, list[str]] | None] = [None] * len(sources)
        # Small files are classified together (`Classifier.classify_many`): on a file of a
        # few dozen lines, numpy's cost per call is most of the model's. Larger files, where
        # it is not, are classified as they come, so that no more than a chunk of small
        # files is held at once.
        small: list[tuple[int, Loaded]] = []
        for k, source in enumerate(sources):
            try:
                loaded = load(source, self.config)
            except InputError as exc:
                problem = Problem(source.display, exc.kind, exc.cause)
                done[k] = FileAnalysis(source, problem), []
                continue
            except Exception as exc:  # a bug must cost one file, not the run
                done[k] = FileAnalysis(source, internal_error(source, exc)), []
                continue
            if len(loaded.blocks) <= BATCH_BLOCKS:
                small.append((k, loaded))
                continue
            try:
                done[k] = self._result(source, loaded, self.classifier.classify(loaded.blocks))
            except Exception as exc:
                done[k] = FileAnalysis(source, internal_error(source, exc)), []
        classified = self.classifier.classify_many([loaded.blocks for _, loaded in small])
        for (k, loaded), outcome in zip(small, classified, strict=True):
            source = sources[k]
            try:
                if isinstance(outcome, Exception):
                    raise outcome
                done[k] = self._result(source, loaded, outcome)
            except Exception as exc:
                done[k] = FileAnalysis(source, internal_error(source, exc)), []
        del small, classified
        results: list[FileAnalysis] = []
        texts: list[str] = []
        bounds = [0]
        for item in done:
            assert item is not None
            result, body_texts = item
            texts.extend(body_texts)
            bounds.append(len(texts))
            results.append(result)
        # Fingerprint the whole chunk at once: numpy pays off on large batches.
        bands = self.config.bands
        try:
            prints = self.fingerprinter.prints(texts) if texts else empty_prints(bands)
        except Exception:
            # Find the file that trips it by fingerprinting each file on its own.
            parts = []
            for k, result in enumerate(results):
                own = texts[bounds[k] : bounds[k + 1]]
                try:
                    parts.append(self.fingerprinter.prints(own) if own else empty_prints(bands))
                except Exception as exc:
                    results[k] = FileAnalysis(result.source, internal_error(result.source, exc))
            prints = Prints.concat(parts, bands)
        return results, prints

    def _result(
        self, source: Source, loaded: Loaded, classified: Classified
    ) -> tuple[FileAnalysis, list[str]]:
        metadata = {k: list(v) for k, v in loaded.front.items()}
        for name, values in classified.metadata.items():
            bucket = metadata.setdefault(name, [])
            bucket.extend(v for v in values if v not in bucket)
        verdicts = classified.verdicts
        body = [i for i, v in enumerate(verdicts) if v.label is Label.BODY]
        texts = [effective_text(loaded.blocks[i], verdicts[i]) for i in body]
        # An entry's labels are written under every entry and are no paragraph that can
        # repeat another: left out of duplicate detection (`labels.kept_labels`).
        distinct = self.classifier.kept_labels(classified, body, texts)
        classified.settled = None  # (the file's facts: not kept past its analysis)
        if distinct:
            texts = [t for k, t in enumerate(texts) if k not in distinct]
            body = [i for k, i in enumerate(body) if k not in distinct]
        # A plain kept line needs no more than "kept" from here on (its model score is for
        # `explain`): one shared verdict instead of one object per line of every file.
        verdicts = [BODY if _plain(v) else v for v in verdicts]
        result = FileAnalysis(
            source=source,
            encoding=loaded.encoding,
            repairs=loaded.repairs,
            language=classified.language,
            lines=loaded.lines,
            spans=array("i", (n for b in loaded.blocks for n in (b.start, b.end))),
            verdicts=verdicts,
            metadata=metadata,
            content_hash=loaded.content_hash,
            repaired=loaded.repaired,
            fixes=loaded.fixes,
            body=body,
            warnings=classified.warnings,
        )
        return result, texts
