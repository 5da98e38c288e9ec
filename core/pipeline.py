"""Wire the stages: analyze every input, match across them, resolve, write, report.

    sources --analyze (per file, in parallel)--> FileAnalysis
            --match + resolve (whole run)------> drops, clusters, links, duplicate documents
            --render + write (per file)---------> outputs, report entries
            --report---------------------------> Report (JSON), pair records (JSONL)

Everything is ordered by the sources' stable order, so outputs and the
report do not depend on argument order or the number of worker processes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import frontmatter
from .analyze import Analyzer, FileAnalysis, effective_text, load
from .config import Config
from .exitcodes import ExitCode
from .fingerprint import Prints
from .match import MatchParams, find_matches
from .model import DocDuplicate, DupRef, Label, Problem, Source, Verdict
from .read import InputError
from .report import build_report
from .resolve import ParagraphRefs, Policy, Resolution, resolve
from .templates import apply_templates
from .write import OutputError, atomic_write, safe_target

CHUNK_FILES = 32


@dataclass(frozen=True, slots=True)
class Destination:
    """Where outputs go: a directory mirroring inputs, the inputs themselves, or nowhere."""

    out_dir: str | None = None
    in_place: bool = False
    dry_run: bool = False  # decide and report, write nothing (check mode)


@dataclass(slots=True)
class Outcome:
    """One input's result, in stable order."""

    source: Source
    status: str  # ok | skipped | error | duplicate
    cause: str | None = None
    output: str | None = None
    text: str | None = None  # the clean text (kept for stdout mode and check)
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
    return _ANALYZER[1]


def _analyze_chunk(args: tuple[Config, list[Source]]) -> list[FileAnalysis]:
    config, sources = args
    return _analyzer(config).analyze_many(sources)


def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _map(fn: Callable, tasks: list, jobs: int) -> list:
    if jobs <= 1 or len(tasks) <= 1:
        return [fn(t) for t in tasks]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(fn, tasks))


# --- the run ---------------------------------------------------------------------------
def analyze_all(sources: list[Source], config: Config) -> list[FileAnalysis]:
    tasks = [(config, chunk) for chunk in _chunks(sources, CHUNK_FILES)]
    return [a for chunk in _map(_analyze_chunk, tasks, config.jobs) for a in chunk]


def match_params(config: Config) -> MatchParams:
    return MatchParams(
        threshold=config.threshold,
        containment=config.containment,
        min_tokens=config.min_tokens,
        passage_shingles=max(1, config.passage_words - config.ngram + 1),
    )


def corpus_of(analyses: list[FileAnalysis], bands: int) -> tuple[Prints, ParagraphRefs, list[int]]:
    """Concatenate the fingerprints of all analysed files, with where each paragraph lives."""
    good = [a for a in analyses if a.problem is None]
    parts = [a.prints for a in good if a.prints is not None]
    prints = Prints.concat(parts, bands)
    file_idx, para, start, end = [], [], [], []
    for f, a in enumerate(good):
        for i in a.body:
            file_idx.append(f)
            para.append(i + 1)
            start.append(a.spans[i][0])
            end.append(a.spans[i][1])
    refs = ParagraphRefs(
        files=[a.source.display for a in good],
        file=np.array(file_idx, dtype=np.int64),
        para=np.array(para, dtype=np.int64),
        start=np.array(start, dtype=np.int64),
        end=np.array(end, dtype=np.int64),
    )
    index_of = [k for k, a in enumerate(analyses) if a.problem is None]
    return prints, refs, index_of


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
        loaded = load(task.source, config)
    except InputError as exc:
        return None, f"changed during the run: {exc.cause}", False, []
    if loaded.content_hash != task.analysis_hash:
        return None, "changed during the run; not written", False, []
    text = render_text(loaded.blocks, task.verdicts, task.metadata, task.front_matter)
    removed = removed_entries(loaded.blocks, task.verdicts)
    data = text.encode("utf-8")
    original = task.source.data
    if original is None and task.source.path is not None:
        try:
            with open(task.source.path, "rb") as fh:
                original = fh.read(task.max_bytes + 1)
        except OSError:
            original = None
    changed = original != data
    if task.write and task.target is not None:
        try:
            atomic_write(task.target, data)
        except OutputError as exc:
            return text, str(exc), changed, removed
    return text, None, changed, removed


def _render_chunk(args: tuple[Config, list[RenderTask]]):
    config, tasks = args
    return [_render(t, config) for t in tasks]


def removed_entries(blocks, verdicts: list[Verdict]) -> list[dict[str, Any]]:
    entries = []
    for block, verdict in zip(blocks, verdicts, strict=True):
        if verdict.keep and verdict.keep_text is None:
            continue
        entry: dict[str, Any] = {"paragraph": block.index, "lines": [block.start, block.end]}
        if verdict.keep:
            # Only a prefix went (metadata glued to a body paragraph).
            cut = block.text[: max(0, len(block.text) - len(verdict.keep_text or ""))].strip()
            entry["text"] = cut
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


def run(
    sources: list[Source],
    config: Config,
    destination: Destination,
    problems: list[Problem] | None = None,
    corpus_hook: Callable[[list[FileAnalysis], Prints, ParagraphRefs], Any] | None = None,
) -> RunResult:
    problems = list(problems or [])
    analyses = analyze_all(sources, config)
    apply_templates(analyses, config)  # issue 3: lines recurring across the run's files
    prints, refs, index_of = corpus_of(analyses, config.bands)
    matches = find_matches(prints, match_params(config))
    policy = Policy(config.drop_seen_paragraphs, config.drop_duplicate_docs, config.doc_threshold)
    resolution = resolve(prints, matches, refs, policy)
    if corpus_hook is not None:
        corpus_hook(analyses, prints, refs)

    # Per file: which of its blocks resolution dropped.
    body_of = [analyses[k].body for k in index_of]
    drops: list[dict[int, DupRef]] = [{} for _ in index_of]
    seen: list[dict[int, DupRef]] = [{} for _ in index_of]
    offsets = np.cumsum([0] + [len(b) for b in body_of])
    for target, found in ((drops, resolution.drops), (seen, resolution.seen)):
        for g, dup in found.items():
            f = int(np.searchsorted(offsets, g, side="right") - 1)
            target[f][body_of[f][g - int(offsets[f])]] = dup

    position = {k: f for f, k in enumerate(index_of)}
    outcomes: list[Outcome] = [
        Outcome(Source(display=p.display, relpath=p.display), p.kind, p.cause) for p in problems
    ]
    tasks: list[RenderTask] = []
    task_outcomes: list[Outcome] = []
    for k, analysis in enumerate(analyses):
        source = analysis.source
        if analysis.problem is not None:
            problems.append(analysis.problem)
            outcomes.append(Outcome(source, analysis.problem.kind, analysis.problem.cause))
            continue
        f = position[k]
        verdicts = final_verdicts(analysis, drops[f], seen[f])
        doc_dup: DocDuplicate | None = resolution.doc_dups.get(f)
        outcome = Outcome(source, "ok")
        outcomes.append(outcome)
        if doc_dup is not None and config.drop_duplicate_docs:
            outcome.status = "duplicate"
            outcome.cause = f"duplicates {doc_dup.duplicate_of} (score {doc_dup.score})"
        target = None
        if destination.in_place and source.path is not None:
            target = source.path
        elif destination.out_dir is not None:
            try:
                target = safe_target(destination.out_dir, source.relpath)
            except OutputError as exc:
                outcome.status = "error"
                outcome.cause = str(exc)
                problems.append(Problem(source.display, "error", str(exc)))
                continue
        outcome.output = target
        write = not destination.dry_run and target is not None and outcome.status == "ok"
        tasks.append(
            RenderTask(
                source,
                analysis.content_hash,
                verdicts,
                analysis.metadata,
                target,
                config.front_matter,
                config.max_bytes,
                write,
            )
        )
        task_outcomes.append(outcome)

    rendered = [
        r
        for chunk in _map(
            _render_chunk, [(config, c) for c in _chunks(tasks, CHUNK_FILES)], config.jobs
        )
        for r in chunk
    ]
    for outcome, (text, error, changed, removed) in zip(task_outcomes, rendered, strict=True):
        outcome.text = text
        outcome.changed = changed
        outcome.entry["removed"] = removed
        if error is not None:
            outcome.status = "error"
            outcome.cause = error
            if "changed during the run" not in error:
                outcome.entry["write_error"] = True
            problems.append(Problem(outcome.source.display, "error", error))
    outcomes.sort(key=lambda o: (o.source.relpath, o.source.display))
    report = build_report(analyses, outcomes, resolution, config)
    return RunResult(outcomes, resolution, report, problems, exit_code_for(outcomes, config))


def exit_code_for(outcomes: list[Outcome], config: Config) -> ExitCode:
    if any(o.entry.get("write_error") for o in outcomes):
        return ExitCode.OUTPUT_ERRORS
    if any(o.status == "error" for o in outcomes):
        return ExitCode.INPUT_ERRORS
    if config.strict and any(o.status == "skipped" for o in outcomes):
        return ExitCode.INPUT_ERRORS
    return ExitCode.OK
