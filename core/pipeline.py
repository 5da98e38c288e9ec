"""Wire the stages: analyze every input, match across them, resolve, write, report.

    sources --analyze (per file, in parallel)--> FileAnalysis
            --match + resolve (whole run)------> drops, clusters, links, duplicate documents
            --render + write (per file)---------> outputs, report entries
            --report---------------------------> Report (JSON), pair records (JSONL)

Everything is ordered by the sources' stable order, so outputs and the
report do not depend on argument order or the number of worker processes.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import itertools
import multiprocessing
import os
import pickle
import sqlite3
from array import array
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from json.encoder import encode_basestring
from typing import Any

import numpy as np

from . import frontmatter
from .allocator import return_large_blocks, reusing_freed_blocks
from .analyze import Analyzer, FileAnalysis, internal_error, load
from .config import Config
from .discover import printable
from .exitcodes import ExitCode
from .fingerprint import Prints, PrintsBuilder, empty_prints
from .headlines import candidate_keys, drop_related_headlines, headline_keys
from .index import Index, IndexUnusable, NewFile, Retrieved
from .jsontext import text_of
from .match import MatchParams, find_matches
from .model import DocDuplicate, DupRef, Label, Problem, Source, Verdict, effective_text
from .packed import PackedRecords
from .read import InputError
from .repair import LineFixes
from .report import REMOVED_INDENT, build_report, section_names, section_parts, written_part
from .resolve import ParagraphRefs, Policy, Resolution, resolve
from .sitelines import HeldLines, site_pages_of
from .spill import ParkedBuilder, SpilledPrints
from .templates import apply_templates
from .unglue import cut_in
from .workers import iter_tasks, run_tasks, runs_here
from .write import OutputError, OutputPaths, write_output

CHUNK_FILES = 32


@dataclass(frozen=True, slots=True)
class Destination:
    """Where outputs go: a directory mirroring inputs, the inputs themselves, or nowhere."""

    out_dir: str | None = None
    in_place: bool = False
    dry_run: bool = False  # decide and report, write nothing (check mode)
    # The clean text of a file not written comes back in `Outcome.text` (stdout, explain).
    # Off for report-only runs over a whole corpus, where every text held costs memory.
    keep_text: bool = True


@dataclass(slots=True)
class Outcome:
    """One input's result, in stable order."""

    source: Source
    status: str  # ok | skipped | error | duplicate
    cause: str | None = None
    output: str | None = None
    text: str | None = None  # the clean text when it was not written (stdout mode, check)
    changed: bool = False  # the clean text differs from the input bytes
    entry: dict[str, Any] = field(default_factory=dict)  # the report's record for this file


@dataclass(slots=True)
class RunResult:
    outcomes: list[Outcome]
    resolution: Resolution
    report: dict[str, Any]
    problems: list[Problem]
    exit_code: ExitCode


# --- per-process state for worker pools -------------------------------------------------
_ANALYZER: tuple[Config, Analyzer] | None = None


def _analyzer(config: Config) -> Analyzer:
    global _ANALYZER
    if _ANALYZER is None or _ANALYZER[0] != config:
        _ANALYZER = (config, Analyzer(config))
        if multiprocessing.parent_process() is not None:
            # A worker's compiled rules, packs and model live as long as it does: left to
            # the cyclic collector, each of its full collections walks them all again.
            gc.freeze()
    return _ANALYZER[1]


_SETTLED = False  # a worker's classifier has loaded what it loads on its first files


# What a worker's analyses name as their source on the way back: the parent puts back the
# source it sent (`analyze_all`), so the 32 paths of a chunk need not be pickled, piped and
# unpickled again (a Source made per file in the parent's result thread, on the workers'
# cores: 3 KB and 0.025 ms of a chunk's 0.18). One object: pickled once a chunk.
_SENT_BACK = Source(display="", relpath="")


def _analyze_chunk(args: tuple[Config, list[Source]]) -> tuple[list[FileAnalysis], Prints]:
    config, sources = args
    done = _analyzer(config).analyze_many(sources)
    _settle_worker()
    if multiprocessing.parent_process() is not None:
        for analysis in done[0]:
            analysis.source = _SENT_BACK
    return done


def _settle_worker() -> None:
    """The classifier loads rules, packs and model tables on its first files, after the
    freeze in `_analyzer`: frozen too once they are there, a worker's full collections no
    longer walk them (most of its collector's oldest generation)."""
    global _SETTLED
    if not _SETTLED and multiprocessing.parent_process() is not None:
        _SETTLED = True
        gc.freeze()


def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _map(fn: Callable, tasks: list, jobs: int) -> list:
    return run_tasks(fn, tasks, jobs)


# --- the run ---------------------------------------------------------------------------
class LongLived:
    """Keeps what the run holds to its end (every file's analysis) away from the cyclic
    garbage collector: `settle()` freezes the objects alive now, and leaving unfreezes them.

    The parent's heap grows by every file's analysis, and the collector walks the whole
    heap each time it has grown by a quarter: 15 % of the parent's CPU at 10,000 files, and
    more the larger the run, for objects that are never garbage. Objects frozen are still
    freed when their last reference goes; only cycles among them wait for the end of the
    run. A caller that froze its own heap (or turned the collector off) keeps it as it is."""

    def __init__(self) -> None:
        self.active = False

    def __enter__(self) -> LongLived:
        self.active = gc.isenabled() and gc.get_freeze_count() == 0
        return self

    def settle(self) -> None:
        if self.active:
            gc.freeze()  # constant time: the generations' lists are moved, not walked

    def __exit__(self, *exc: object) -> None:
        if self.active:
            gc.unfreeze()


def analyze_all(sources: list[Source], config: Config, settle: Callable[[], None] = lambda: None
                ) -> tuple[list[FileAnalysis], Prints]:
    """Every source's analysis, and the fingerprints of their body paragraphs, in order.
    `settle` is called after each chunk is taken in (`LongLived.settle`)."""
    tasks = [(config, chunk) for chunk in _chunks(sources, CHUNK_FILES)]
    analyses: list[FileAnalysis] = []
    here = runs_here(config.jobs, len(tasks))
    # Beside workers, the fingerprints wait on disk until they have left: the end of the
    # analysis is the run's largest memory (`spill.ParkedBuilder`).
    prints = PrintsBuilder(config.bands) if here else parked_builder(config.bands)
    # Every file's analysis stays in this process until its output is written. Equal verdicts
    # of different files (a rule's verdict on a line every page of a site has) become one
    # object, and each analysis names the Source given, not a copy made by the worker:
    # 80 MB less on a 100,000-file run.
    shared: dict[Verdict, Verdict] = {}
    # Analysed here (`--jobs 1`), the chunks' large temporaries reuse each other's memory
    # instead of a fresh mapping each, faulted in page by page (a worker reuses them always);
    # the heap's free pages go back once, after the last chunk: given back after each, they
    # were faulted in again by the next. The parent of workers keeps its threshold fixed.
    with reusing_freed_blocks() if here else contextlib.nullcontext():
        for (_, chunk_sources), (chunk, part) in zip(
            tasks, iter_tasks(_analyze_chunk, tasks, config.jobs), strict=True
        ):
            for source, analysis in zip(chunk_sources, chunk, strict=True):
                analysis.source = source
            share_verdicts(chunk, shared)
            analyses.extend(chunk)
            prints.append(part)
            del part
            settle()
    return analyses, prints.build()


def parked_builder(bands: int) -> PrintsBuilder | ParkedBuilder:
    """Where the parent of analysis workers collects the fingerprints: on disk until the
    workers have left (`spill.ParkedBuilder`), or in memory where no temporary file can be
    made."""
    try:
        return ParkedBuilder(bands)
    except OSError:
        return PrintsBuilder(bands)


def share_verdicts(chunk: list[FileAnalysis], shared: dict[Verdict, Verdict]) -> None:
    """Each verdict of `chunk` replaced by `shared`'s object equal to it (the first met in
    the run, `shared.setdefault(v, v)` in order).

    A worker's equal verdicts are mostly one object already (a rule's verdict looked up by
    its line's text, a score's shared verdict), and unpickling a chunk keeps them one: a
    chunk of 32 corpus files holds some 460 verdicts but 80 objects. So each object is
    hashed once, not each verdict: the dataclass's hash is a Python call, with another for
    its label's enum; hashed per verdict, it was a sixth of the parent's CPU in collecting
    the chunks, which the parent takes from the workers' two cores."""
    first: dict[int, Verdict] = {}
    for analysis in chunk:
        first.update(zip(map(id, analysis.verdicts), analysis.verdicts, strict=True))
    # Objects in order of first use: each value's object is the one a setdefault per
    # verdict would keep. Every object stays alive in `chunk` meanwhile: no id is reused.
    canonical = {key: shared.setdefault(v, v) for key, v in first.items()}
    for analysis in chunk:
        analysis.verdicts = list(map(canonical.__getitem__, map(id, analysis.verdicts)))


def match_params(config: Config) -> MatchParams:
    return MatchParams(
        threshold=config.threshold,
        containment=config.containment,
        min_tokens=config.min_tokens,
        passage_shingles=max(1, config.passage_words - config.ngram + 1),
        fact_tolerance=config.fact_tolerance,
    )


def corpus_of(analyses: list[FileAnalysis]) -> tuple[ParagraphRefs, list[int]]:
    """Where each fingerprinted paragraph lives (file, position, lines), in the order of the
    run's fingerprints; and the positions in `analyses` of the files read without a problem."""
    good = [a for a in analyses if a.problem is None]
    # A file at a time, not a paragraph at a time (a tuple and four appends each, the whole
    # stage's cost while the other core idles): every body's positions in one array, and
    # every file's spans in another, read at those positions.
    counts = np.fromiter(map(len, (a.body for a in good)), np.int64, len(good))
    body = np.fromiter(itertools.chain.from_iterable(a.body for a in good), np.int64,
                       int(counts.sum()))
    file = np.repeat(np.arange(len(good), dtype=np.int64), counts)
    sizes = np.fromiter(map(len, (a.spans for a in good)), np.int64, len(good))
    first = np.zeros(len(good), dtype=np.int64)
    np.cumsum(sizes[:-1], out=first[1:])
    spans = array("i")
    for a in good:
        spans.extend(a.spans)  # a copy of the array's memory, not an int at a time
    at = first[file] + 2 * body
    span_of = np.frombuffer(spans, dtype=np.intc) if len(spans) else np.zeros(0, np.intc)
    refs = ParagraphRefs(
        files=[a.source.display for a in good],
        file=file,
        para=body + 1,
        start=span_of[at].astype(np.int64),
        end=span_of[at + 1].astype(np.int64),
    )
    index_of = [k for k, a in enumerate(analyses) if a.problem is None]
    return refs, index_of


def final_verdicts(
    analysis: FileAnalysis, drops: dict[int, DupRef], seen: dict[int, DupRef]
) -> list[Verdict]:
    verdicts = list(analysis.verdicts)
    for i, dup in drops.items():
        verdicts[i] = Verdict(Label.DUPLICATE, "duplicate", "repeats an earlier paragraph", dup=dup)
    for i, dup in seen.items():
        verdicts[i] = Verdict(
            Label.DUPLICATE,
            "seen-paragraph",
            "already in an earlier file (--drop-seen-paragraphs)",
            dup=dup,
        )
    return verdicts


@dataclass(frozen=True, slots=True)
class RenderTask:
    source: Source
    analysis_hash: str
    verdicts: list[Verdict]
    metadata: dict[str, list[str]]
    target: str | None  # path to write, or None (stdout / dry run)
    front_matter: bool
    max_bytes: int
    write: bool
    only_if_changed: bool = False  # --in-place: leave unchanged inputs (and their mtime) alone
    keep_text: bool = True  # send the text back when it is not written
    repaired: bool = True  # repair changed the text at analysis (else it need not run again)
    spans: array | None = None  # the blocks' lines at analysis (they need not be found again)
    fixes: LineFixes | None = None  # the lines repair changed at analysis (`Loaded.fixes`)
    cut: bool = True  # unglue cut lines at analysis (else its scan need not run again)

    # Pickled by its fields, as `Source` is: every task is sent to a render worker, and the
    # slotted dataclass's own `__setstate__` is a Python loop over its fields.
    def __reduce__(self) -> tuple:
        return RenderTask, (self.source, self.analysis_hash, self.verdicts, self.metadata,
                            self.target, self.front_matter, self.max_bytes, self.write,
                            self.only_if_changed, self.keep_text, self.repaired, self.spans,
                            self.fixes, self.cut)


def render_text(
    blocks, verdicts: list[Verdict], metadata: dict[str, list[str]], front_matter: bool
) -> str:
    kept = [effective_text(b, v) for b, v in zip(blocks, verdicts, strict=True) if v.keep]
    body = "\n\n".join(kept) + "\n" if kept else ""
    if front_matter and metadata:
        return frontmatter.render(metadata) + body
    return body


def _render(task: RenderTask, config: Config) -> tuple[str | None, str | None, bool, list]:
    """(clean text, error, changed, removed entries) for one input."""
    try:
        # Repair is the costly part of reading, and most inputs need none: the same bytes
        # (the hash proves them the same) need none now, and those that did get the lines
        # it changed then back (ftfy, its slow part, on the same lines again otherwise).
        loaded = load(task.source, config, None if task.repaired else task.analysis_hash,
                      None if task.spans is None else (task.analysis_hash, task.spans),
                      None if task.fixes is None else (task.analysis_hash, task.fixes),
                      None if task.cut else task.analysis_hash)
    except InputError as exc:
        return None, f"changed during the run: {exc.cause}", False, []
    if loaded.content_hash != task.analysis_hash:
        return None, "changed during the run; not written", False, []
    text = render_text(loaded.blocks, task.verdicts, task.metadata, task.front_matter)
    # Packed: every file's records wait in the parent until the report is written.
    removed = packed_removed_of(loaded.blocks, task.verdicts)
    data = text.encode("utf-8")
    # Compare hashes rather than read the input a third time (it might be a FIFO by now).
    changed = hashlib.blake2b(data, digest_size=16).hexdigest() != loaded.content_hash
    if task.write and task.target is not None and (changed or not task.only_if_changed):
        try:
            write_output(task.target, data)
        except OutputError as exc:
            return text, str(exc), changed, removed
    # The clean text goes back only when it was not written (stdout, dry runs): a written file
    # holds it, and 100,000 texts held until the report is built cost hundreds of MB.
    return (text if task.keep_text and not task.write else None), None, changed, removed


def _render_chunk(args: tuple[Config, list[RenderTask]]):
    config, tasks = args
    return [_render_safely(t, config) for t in tasks]


@dataclass(slots=True)
class _Rendering:
    """The run's resolution, whose report records the render workers write, for workers
    forked after it was made: each finds it in its copy of the parent's memory and is sent
    the bounds of a part, not the part pickled (its columns are numpy arrays, read, never
    written, so the pages stay shared)."""

    resolution: Resolution
    names: dict[str, list[str] | None] = field(default_factory=dict)  # by report section


_RENDERING: _Rendering | None = None


def _render_work(work: tuple[str, int, int] | bytes | tuple[Config, list[RenderTask]]):
    """A chunk of render tasks (pickled, or not when rendered here): `_render_chunk`; or
    (section, lo, hi): a part of the report's records of that section
    (`report.written_part`)."""
    if isinstance(work, bytes):
        return _render_chunk(pickle.loads(work))
    if not isinstance(work[0], str):
        return _render_chunk(work)  # type: ignore[arg-type]
    assert _RENDERING is not None
    section, lo, hi = work  # type: ignore[misc]
    names = _RENDERING.names
    if section not in names:  # encoded once per worker
        names[section] = section_names(_RENDERING.resolution, section)
    return written_part(_RENDERING.resolution, section, lo, hi, names[section])


def render_all(tasks: list[RenderTask], config: Config, resolution: Resolution | None = None,
               settle: Callable[[], None] = lambda: None) -> tuple[list, dict[str, list[bytes]]]:
    """`_render_safely` of every task, in order, in `config.jobs` workers; and, given the
    `resolution` (when the report's text will be written), its clusters' and links' records
    written by the same workers (`build_report`'s `written`), where workers are forked
    (Linux): they read the resolution from the memory they share with this process.
    Elsewhere the parent writes the records when it writes the report.

    The tasks go to the workers pickled, a chunk at a time, pickled here before the
    workers are forked. Reading an object writes its reference count, which copies the
    page it lives on when a forked worker shares it: a task's verdicts, spans, hash and
    metadata lie among every file's analysis, so a worker that read the tasks from the
    parent's memory ended with a copy of most of the parent's heap (230 MB each at
    100,000 files, the run's peak), and a parent that pickled them while the workers ran
    made that copy itself. Pickled before the fork, nothing the workers share is written
    again; it costs 5 us a task here (0.5 s per 100,000 files) and 7 us in a worker.
    `settle` is called after each chunk's results are taken in (`LongLived.settle`)."""
    global _RENDERING
    chunks = list(_chunks(tasks, CHUNK_FILES))
    forked = config.jobs > 1 and multiprocessing.get_start_method() == "fork"
    # Only workers write records: the parent would write them now instead of later.
    parts: list = section_parts(resolution) if resolution is not None and forked else []
    if runs_here(config.jobs, len(parts) + len(chunks)):
        work: list = [(config, c) for c in chunks]
    else:
        work = [pickle.dumps((config, c), protocol=pickle.HIGHEST_PROTOCOL) for c in chunks]
    del chunks
    if parts:
        assert resolution is not None
        _RENDERING = _Rendering(resolution)
    rendered: list = []
    written: dict[str, list[bytes]] = {}
    try:
        # The records first: a part is some 30 chunks' work, and the last tasks decide the
        # tail, where one worker may be left alone.
        for item, result in zip(parts + work, _map(_render_work, parts + work, config.jobs),
                                strict=True):
            if isinstance(item, tuple) and isinstance(item[0], str):
                written.setdefault(item[0], []).append(result)
            else:
                rendered.extend(result)
                settle()  # each file's outcome lives until the report (see `LongLived`)
        return rendered, written
    finally:
        _RENDERING = None


def _render_safely(task: RenderTask, config: Config) -> tuple[str | None, str | None, bool, list]:
    try:
        return _render(task, config)
    except Exception as exc:  # a bug must cost one file, not the run
        return None, internal_error(task.source, exc).cause, False, []


def _cut(block, verdict: Verdict) -> str:
    """What went of a kept block: only a prefix (metadata glued to a body paragraph), or
    only a suffix (a wiki heading's edit link)."""
    rest = verdict.keep_text or ""
    text = block.text.rstrip()
    if not text.endswith(rest) and text.startswith(rest):
        return text[len(rest):].strip()
    return block.text[: max(0, len(block.text) - len(rest))].strip()


def removed_entries(blocks, verdicts: list[Verdict]) -> list[dict[str, Any]]:
    """A file's removed-line records, as the report holds them (`packed_removed_of` writes
    their text)."""
    entries = []
    for block, verdict in zip(blocks, verdicts, strict=True):
        if verdict.keep and verdict.keep_text is None:
            continue
        entry: dict[str, Any] = {"paragraph": block.index, "lines": [block.start, block.end]}
        if verdict.keep:
            entry["text"] = _cut(block, verdict)
            entry["partial"] = True
        else:
            entry["text"] = block.text
        reason: dict[str, Any] = {"label": verdict.label.value}
        if verdict.dup is not None:
            dup = verdict.dup
            ref: dict[str, Any] = {
                "file": dup.file,
                "paragraph": dup.paragraph,
                "lines": [dup.start, dup.end],
                "jaccard": dup.jaccard,
            }
            if dup.containment is not None:
                ref["containment"] = dup.containment
            if dup.earlier_run is not None:
                ref["indexed"] = dup.earlier_run
            reason["rule"] = verdict.rule
            reason["duplicate_of"] = ref
        else:
            reason["rule"] = verdict.rule
            if verdict.detail:
                reason["detail"] = verdict.detail
            if verdict.meta is not None:
                reason["metadata"] = verdict.meta[0]
        entry["reason"] = reason
        entries.append(entry)
    return entries


def _value(value: Any, indent: str) -> str:
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    return int.__repr__(value) if kind is int else text_of(value, indent)


def packed_removed_of(blocks, verdicts: list[Verdict]) -> PackedRecords:
    """`report.packed_removed(removed_entries(blocks, verdicts))`, written straight from the
    verdicts: the same JSON text and tally without a dict per record (a render worker's
    largest cost after writing the output itself)."""
    rec = REMOVED_INDENT + "  "
    f1 = rec + "  "
    f2 = f1 + "  "
    f3 = f2 + "  "
    f4 = f3 + "  "
    records: list[str] = []
    labels: Counter[str] = Counter()
    rules: Counter[str] = Counter()
    for block, verdict in zip(blocks, verdicts, strict=True):
        if verdict.keep:
            if verdict.keep_text is None:
                continue
            text, partial = _cut(block, verdict), f',\n{f1}"partial": true'
        else:
            text, partial = block.text, ""
        label, rule = verdict.label.value, verdict.rule
        if not partial:
            labels[label] += 1
        rules[rule or label] += 1
        reason = f'{{\n{f2}"label": {_value(label, f2)},\n{f2}"rule": {_value(rule, f2)}'
        dup = verdict.dup
        if dup is not None:
            reason += (f',\n{f2}"duplicate_of": {{\n{f3}"file": {_value(dup.file, f3)},\n{f3}'
                       f'"paragraph": {_value(dup.paragraph, f3)},\n{f3}"lines": [\n{f4}'
                       f'{_value(dup.start, f4)},\n{f4}{_value(dup.end, f4)}\n{f3}],\n{f3}'
                       f'"jaccard": {_value(dup.jaccard, f3)}')
            if dup.containment is not None:
                reason += f',\n{f3}"containment": {_value(dup.containment, f3)}'
            if dup.earlier_run is not None:
                reason += f',\n{f3}"indexed": {_value(dup.earlier_run, f3)}'
            reason += f"\n{f2}}}"
        else:
            if verdict.detail:
                reason += f',\n{f2}"detail": {_value(verdict.detail, f2)}'
            if verdict.meta is not None:
                reason += f',\n{f2}"metadata": {_value(verdict.meta[0], f2)}'
        records.append(
            f'{{\n{f1}"paragraph": {_value(block.index, f1)},\n{f1}"lines": [\n{f2}'
            f'{_value(block.start, f2)},\n{f2}{_value(block.end, f2)}\n{f1}],\n{f1}"text": '
            f'{_value(text, f1)}{partial},\n{f1}"reason": {reason}\n{f1}}}\n{rec}}}')
    text = ("[\n" + rec + (",\n" + rec).join(records) + "\n" + REMOVED_INDENT + "]"
            if records else "[]")
    return PackedRecords.of_text(text, len(records), (labels, rules), REMOVED_INDENT)


def split_unchanged(sources: list[Source], index: Index, out_dir: str | None = None
                    ) -> tuple[list[Source], list[Source]]:
    """Sources the index already holds in this exact state (same size and mtime), and the rest.
    With `out_dir`, a file whose clean output has gone from it since (deleted by hand, or a
    new --out) is done again: the index says what was cleaned, not what is still there."""
    states = index.states()
    todo, unchanged = [], []
    for source in sources:
        state = states.get(index.key(source.resolved)) if source.path is not None else None
        if state is not None:
            try:
                st = os.stat(source.path)
            except OSError:
                st = None
            if (st is not None and st.st_size == state.size and st.st_mtime_ns == state.mtime_ns
                    and (out_dir is None or state.status != "ok"
                         or os.path.exists(os.path.join(out_dir, *source.relpath.split("/"))))):
                unchanged.append(source)
                continue
        todo.append(source)
    return todo, unchanged


def with_earlier(earlier: Retrieved, prints: Prints, refs: ParagraphRefs
                 ) -> tuple[Prints, ParagraphRefs]:
    """The run's corpus preceded by indexed paragraphs (earlier in stable order).
    `earlier.prints` is consumed (the combined batch is the only copy left)."""
    bands = prints.bands.shape[1]
    if len(earlier.prints):
        parts = [earlier.prints, prints]
        earlier.prints = empty_prints(bands)
        combined = Prints.concat(parts, bands)  # `prints` is consumed: the caller rebinds it
    else:  # nothing indexed shares a key: no copy of the run's fingerprints at all
        combined = prints
    n_files = len(earlier.files)
    refs = ParagraphRefs(
        files=earlier.files + refs.files,
        file=np.concatenate([earlier.file, refs.file + n_files]),
        para=np.concatenate([earlier.para, refs.para]),
        start=np.concatenate([earlier.start, refs.start]),
        end=np.concatenate([earlier.end, refs.end]),
        earlier_run=earlier.indexed_at + [None] * len(refs.files),
        earlier_tokens=earlier.tokens,
    )
    return combined, refs


def _only_new(resolution: Resolution, earlier_files: int, refs: ParagraphRefs) -> None:
    """Keep what concerns the run's own files: the index's internal relations are old news."""
    if not earlier_files:
        return
    new_names = set(refs.files[earlier_files:])
    runs = refs.earlier_run or [None] * len(refs.files)
    unindexed = np.array([run is None for run in runs], dtype=bool)
    fresh = unindexed & np.array([name in new_names for name in refs.files], dtype=bool)
    resolution.clusters = resolution.clusters.with_member_in(fresh)
    resolution.boilerplate = resolution.boilerplate.with_member_in(fresh)
    resolution.links = resolution.links.touching(unindexed)
    resolution.doc_dups = {f - earlier_files: d for f, d in resolution.doc_dups.items()
                           if f >= earlier_files}
    # A link back touches the run when its later file is the run's (indexed files come first).
    resolution.doc_held = {(y - earlier_files, x - earlier_files): d
                           for (y, x), d in resolution.doc_held.items() if y >= earlier_files}


def run(
    sources: list[Source],
    config: Config,
    destination: Destination,
    problems: list[Problem] | None = None,
    index: Index | None = None,
    record: bool = False,
    rebuild: bool = False,
    skip_unchanged: bool = True,
    report_text: bool = False,
) -> RunResult:
    """Clean `sources`. With an `index`, match against what earlier runs saw, skip files it
    already holds unchanged (unless not `skip_unchanged`: a check looks at every file it is
    given), and (with `record`) add this run's files to it afterwards; with `rebuild`,
    replace the index's whole content by this run's files. `report_text`: the caller will
    write the report's JSON (`report.dump_chunks`), so the workers that write the outputs
    write its largest records too."""
    with LongLived() as heap:
        return _run(sources, config, destination, problems, index, record, rebuild,
                    skip_unchanged, heap.settle, report_text)


def _run(
    sources: list[Source],
    config: Config,
    destination: Destination,
    problems: list[Problem] | None,
    index: Index | None,
    record: bool,
    rebuild: bool,
    skip_unchanged: bool,
    settle: Callable[[], None],
    report_text: bool = False,
) -> RunResult:
    return_large_blocks()  # the run's large arrays, once freed, must not stay resident
    problems = list(problems or [])
    unchanged: list[Source] = []
    if index is not None and not rebuild and skip_unchanged:
        written_to = None if destination.dry_run or destination.in_place else destination.out_dir
        sources, unchanged = split_unchanged(sources, index, written_to)
    analyses, prints = analyze_all(sources, config, settle)
    refs, index_of = corpus_of(analyses)
    # What each file's classification kept, before the run-wide stages remove any of it:
    # the index records the part it does not keep as the file's template_lines.
    held = HeldLines(prints.exact, [len(analyses[k].body) for k in index_of]) if (
        index is not None and record) else None
    # Lines recurring across the run's files are site chrome (issue 3's templates), counted
    # with the indexed pages of the run's folders.
    earlier_pages = (site_pages_of(analyses, index)
                     if index is not None and not rebuild and config.templates else None)
    prints, refs = apply_templates(analyses, prints, refs, config, earlier_pages)
    del earlier_pages
    # Body lines that are the headline of another file (of this run, or indexed by an
    # earlier one) link to that article.
    earlier_headlines = {}
    if index is not None and not rebuild and config.templates:
        exclude = {index.key(s.resolved) for s in sources if s.path is not None}
        earlier_headlines = index.headline_files(candidate_keys(prints), exclude)
    prints, refs = drop_related_headlines(analyses, prints, refs, config, earlier_headlines)
    new_paragraphs = len(prints)
    earlier_paragraphs = earlier_files = 0
    if index is not None and not rebuild:
        exclude = {index.key(s.resolved) for s in sources if s.path is not None}
        earlier = index.retrieve(prints, exclude, config.min_tokens)
        earlier_paragraphs, earlier_files = len(earlier.prints), len(earlier.files)
        prints, refs = with_earlier(earlier, prints, refs)
        del earlier  # its fingerprints now live in the combined batch only
    matches = find_matches(prints, match_params(config), config.jobs)
    # The fingerprints are the run's largest arrays, and only the index needs them whole
    # after matching: resolution compares shingle sets, rendering and the report need none.
    # The run's own are parked on disk until recording.
    new_prints = (spill(prints.slice(earlier_paragraphs, earlier_paragraphs + new_paragraphs),
                        index) if index is not None and record else None)
    prints = prints.shingles_only()
    policy = Policy(config.drop_seen_paragraphs, config.drop_duplicate_docs, config.doc_threshold)
    resolution = resolve(prints, matches, refs, policy)
    _only_new(resolution, earlier_files, refs)
    del prints, matches

    # Per file: which of its blocks resolution dropped.
    body_of = [analyses[k].body for k in index_of]
    drops: list[dict[int, DupRef]] = [{} for _ in index_of]
    seen: list[dict[int, DupRef]] = [{} for _ in index_of]
    offsets = np.cumsum([0] + [len(b) for b in body_of])
    for target, found in ((drops, resolution.drops), (seen, resolution.seen)):
        # Each paragraph's file found in one search: a search per paragraph cost the
        # parent a fifth of a second per 20,000 files, while the other core idled.
        paragraphs = np.fromiter(found, dtype=np.int64, count=len(found)) - earlier_paragraphs
        files = (np.searchsorted(offsets, paragraphs, side="right") - 1).tolist()
        starts = offsets[files].tolist() if files else []
        for g, f, start, dup in zip(paragraphs.tolist(), files, starts, found.values(),
                                    strict=True):
            if 0 <= g < new_paragraphs:
                target[f][body_of[f][g - start]] = dup

    position = {k: f for f, k in enumerate(index_of)}
    outcomes: list[Outcome] = [
        Outcome(Source(display=p.display, relpath=p.display), p.kind, p.cause) for p in problems
    ]
    tasks: list[RenderTask] = []
    task_outcomes: list[Outcome] = []
    final: dict[int, list[Verdict]] = {}
    targets: dict[str, str] = {}  # output path -> input writing it (collisions are errors)
    # Output directories' real paths, resolved once per run.
    paths = OutputPaths(destination.out_dir or "")
    for k, analysis in enumerate(analyses):
        if k % CHUNK_FILES == 0:
            # The tasks, outcomes and verdict lists made here live until the report is
            # written: frozen as they come, the collector's full collections (six in this
            # loop, 0.66 s of the parent's serial time at 100,000 files) do not walk them.
            settle()
        source = analysis.source
        if analysis.problem is not None:
            problems.append(analysis.problem)
            outcomes.append(Outcome(source, analysis.problem.kind, analysis.problem.cause))
            continue
        f = position[k]
        verdicts = final_verdicts(analysis, drops[f], seen[f])
        if new_prints is not None:  # the index records the paragraphs kept
            final[k] = verdicts
        doc_dup: DocDuplicate | None = resolution.doc_dups.get(f)
        outcome = Outcome(source, "ok")
        outcomes.append(outcome)
        if doc_dup is not None and config.drop_duplicate_docs:
            outcome.status = "duplicate"
            outcome.cause = f"duplicates {doc_dup.duplicate_of} (score {doc_dup.score})"
        target = None
        if destination.in_place and source.path is not None:
            # A symlink (inside the input root) stays a symlink: rewrite the file it names.
            target = source.resolved
        elif destination.out_dir is not None:
            try:
                target = paths.target(source.relpath)
                if target in targets:
                    raise OutputError(f"output {target} is also the output of {targets[target]}")
            except OutputError as exc:
                outcome.status = "error"
                outcome.cause = str(exc)
                outcome.entry["write_error"] = True
                problems.append(Problem(source.display, "error", str(exc)))
                continue
            targets[target] = source.display
        if target is not None:
            # The report names outputs as the user named the inputs (relative stays
            # relative), so the same command gives the same report from any checkout;
            # `target` itself is resolved, for writing safely.
            outcome.output = (source.display if destination.in_place else os.path.normpath(
                os.path.join(destination.out_dir, source.relpath)))
        write = not destination.dry_run and target is not None and outcome.status == "ok"
        tasks.append(RenderTask(source, analysis.content_hash, verdicts, analysis.metadata,
                                target, config.front_matter, config.max_bytes, write,
                                only_if_changed=destination.in_place,
                                keep_text=destination.keep_text,
                                repaired=analysis.repaired, spans=analysis.spans,
                                fixes=analysis.fixes, cut=cut_in(analysis.repairs)))
        task_outcomes.append(outcome)

    settle()
    rendered, written = render_all(tasks, config, resolution if report_text else None, settle)
    for outcome, (text, error, changed, removed) in zip(task_outcomes, rendered, strict=True):
        outcome.text = text
        outcome.changed = changed
        outcome.entry["removed"] = removed
        if error is not None:
            outcome.status = "error"
            outcome.cause = error
            if "changed during the run" not in error and not error.startswith("internal error"):
                outcome.entry["write_error"] = True
            problems.append(Problem(outcome.source.display, "error", error))
    settle()
    if new_prints is not None:
        # After the outputs: a run killed before this commit leaves the index as it was,
        # and the next run redoes (and rewrites identically) what this one wrote.
        try:
            index.record(_new_files(index, analyses, index_of, final, outcomes, new_prints,
                                    config, held), replace_all=rebuild)
        except (OSError, sqlite3.Error) as exc:
            written = "" if destination.dry_run else " (the clean files were written)"
            raise IndexUnusable(
                f"cannot record this run into index {index.directory}: {_cause(exc)}; the "
                f"index is as it was before the run{written}") from None
        finally:
            new_prints.close()
    outcomes.sort(key=lambda o: (o.source.relpath, o.source.display))
    for o in outcomes:  # paths with undecodable bytes must not break the JSON report
        o.output = printable(o.output) if o.output is not None else None
        o.cause = printable(o.cause) if o.cause is not None else None
    problems = sorted(  # one list, whatever stage found the problem
        (Problem(p.display, p.kind, printable(p.cause)) for p in problems),
        key=lambda p: p.display,
    )
    report = build_report(analyses, outcomes, resolution, config, written)
    if index is not None:
        report["summary"]["unchanged_in_index"] = len(unchanged)
        report["index"] = {"path": index.directory, "earlier_paragraphs": earlier_paragraphs,
                           "recorded": record}
    return RunResult(outcomes, resolution, report, problems, exit_code_for(outcomes, config))


def spill(prints: Prints, index: Index) -> SpilledPrints:
    try:
        return SpilledPrints(prints, index.directory)
    except OSError as exc:
        raise IndexUnusable(f"cannot park this run's fingerprints in {index.directory} until "
                            f"they are recorded: {_cause(exc)}") from None


def _cause(exc: BaseException) -> str:
    return (exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)) or (
        type(exc).__name__)


def _new_files(index: Index, analyses: list[FileAnalysis], index_of: list[int],
               final: dict[int, list[Verdict]], outcomes: list[Outcome],
               prints: SpilledPrints, config: Config, held: HeldLines | None = None
               ) -> Iterator[NewFile]:
    """What to record for this run's files: the paragraphs actually written. Made one file
    at a time as the index takes them: a copy of every kept paragraph's fingerprints at
    once doubled the memory of a first run over a large corpus."""
    status = {id(o.source): o.status for o in outcomes}
    first = {}
    position = {}
    at = 0
    for f, k in enumerate(index_of):
        first[k] = at
        position[k] = f
        at += len(analyses[k].body)
    recorded = []
    for k, a in enumerate(analyses):
        source = a.source
        if source.path is None or status.get(id(source), "error") == "error":
            continue
        recorded.append(k)
    # One fingerprint batch for every file's headlines: a call per file costs 50 times more.
    headlines = [analyses[k].metadata.get("headline", []) if analyses[k].problem is None
                 else [] for k in recorded]
    keys = iter(headline_keys([text for texts in headlines for text in texts], config))
    for k, texts in zip(recorded, headlines, strict=True):
        a = analyses[k]
        source = a.source
        keys_of_file = [next(keys) for _ in texts]
        try:
            st = os.stat(source.path)
        except OSError:
            continue
        if a.problem is not None:
            yield NewFile(index.key(source.resolved), "", st.st_size, st.st_mtime_ns,
                          status[id(source)], None, [], [], [], keys_of_file)
            continue
        verdicts = final[k]
        keep = [j for j, i in enumerate(a.body) if verdicts[i].keep]
        body = [a.body[j] for j in keep]
        rows = np.array(keep, dtype=np.int64)
        kept = prints.rows(first[k], first[k] + len(a.body)).take(rows)
        yield NewFile(
            index.key(source.resolved), a.content_hash, st.st_size, st.st_mtime_ns,
            status[id(source)], kept,
            [i + 1 for i in body], [a.span(i)[0] for i in body], [a.span(i)[1] for i in body],
            keys_of_file, held.unkept(position[k], kept.exact) if held is not None else [])


def exit_code_for(outcomes: list[Outcome], config: Config) -> ExitCode:
    if any(o.entry.get("write_error") for o in outcomes):
        return ExitCode.OUTPUT_ERRORS
    if any(o.status == "error" for o in outcomes):
        return ExitCode.INPUT_ERRORS
    if config.strict and any(o.status == "skipped" for o in outcomes):
        return ExitCode.INPUT_ERRORS
    return ExitCode.OK
