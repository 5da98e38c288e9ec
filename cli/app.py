"""The `copydesk` command: a thin typer layer over `copydesk.core`.

It parses options into a `Config`, finds the inputs, calls the pipeline and
renders the result: data on stdout (clean text, the JSON report, or JSONL
pairs), a human summary and problems on stderr, and a documented exit code.

The pipeline (numpy, ftfy, the rule packs) is imported by the commands that run
it, when they run: `copydesk --version`, `--help` and a usage error load only
typer and these modules (see tests/test_startup.py).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from copydesk.core import __version__
from copydesk.core.exitcodes import ExitCode

from . import render
from .common import (
    ConfigOpt,
    GlobOpt,
    IndexOpt,
    JobsOpt,
    LockOpt,
    QuietOpt,
    find_inputs,
    guarded,
    make_config,
    open_index,
    read_stdin,
    usage_error,
    write_stdout,
    write_stdout_chunks,
)

if TYPE_CHECKING:
    from copydesk.core.pipeline import RunResult

app = typer.Typer(
    name="copydesk",
    help="Clean scraped article text and report near-duplicate paragraphs.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"copydesk {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """copydesk: article deduplicator and normalizer."""


Paths = Annotated[list[str], typer.Argument(
    metavar="PATH", help="Files, directories (searched recursively) or - for stdin.",
    show_default=False)]


@app.command()
def clean(
    paths: Paths,
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", metavar="DIR",
        help="Write clean files here, mirroring the inputs' paths.")] = None,
    report: Annotated[str | None, typer.Option(
        "--report", "-r", metavar="FILE",
        help="Write the JSON report to this file (- for stdout).")] = None,
    fmt: Annotated[str, typer.Option(
        "--format", "-f", metavar="text|json|jsonl",
        help="What stdout carries: text (clean text of a single input), json (the report) "
             "or jsonl (one duplicate pair per line).")] = "text",
    glob: GlobOpt = None,
    jobs: JobsOpt = None,
    front_matter: Annotated[bool | None, typer.Option(
        "--front-matter/--no-front-matter",
        help="Put extracted metadata (headline, byline, date...) in a header block.")] = None,
    drop_duplicate_docs: Annotated[bool | None, typer.Option(
        "--drop-duplicate-docs/--keep-duplicate-docs",
        help="Do not write a document that copies an earlier one.")] = None,
    drop_seen_paragraphs: Annotated[bool | None, typer.Option(
        "--drop-seen-paragraphs/--keep-seen-paragraphs",
        help="Drop paragraphs already present in an earlier file.")] = None,
    threshold: Annotated[float | None, typer.Option(
        metavar="F", help="Jaccard at or above which paragraphs are near-duplicates.")] = None,
    lang: Annotated[str | None, typer.Option(
        "--lang", metavar="CODE",
        help="Rule-pack language instead of detecting it per file.")] = None,
    extra_pattern: Annotated[list[str] | None, typer.Option(
        "--extra-pattern", metavar="RE",
        help="Regex: lines it matches are boilerplate (repeatable).")] = None,
    keep_pattern: Annotated[list[str] | None, typer.Option(
        "--keep-pattern", metavar="RE",
        help="Regex: lines it matches are always kept (repeatable).")] = None,
    max_bytes: Annotated[int | None, typer.Option(
        metavar="N", help="Skip inputs larger than this many bytes.")] = None,
    strict: Annotated[bool | None, typer.Option(
        "--strict/--no-strict", help="Count skipped inputs (binary, empty) as errors.")] = None,
    follow_symlinks: Annotated[bool | None, typer.Option(
        "--follow-symlinks/--no-follow-symlinks",
        help="Follow symlinks that lead outside the directories given.")] = None,
    in_place: Annotated[bool, typer.Option(
        "--in-place", help="Rewrite the inputs themselves (atomically).")] = False,
    index: IndexOpt = None,
    lock_timeout: LockOpt = None,
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
    verbose: Annotated[bool, typer.Option(
        "--verbose", "-v", help="Print the summary even when stderr is not a terminal.")] = False,
) -> None:
    """Clean scrapes and report near-duplicate paragraphs."""
    # Loaded before the work starts, under the quiet interrupt handlers of `entry`.
    from copydesk.core.pipeline import Destination, run
    from copydesk.core.report import dump_chunks
    from copydesk.core.write import OutputError, probe_directory, write_named_file

    if fmt not in ("text", "json", "jsonl"):
        raise usage_error(f"--format must be text, json or jsonl, not {fmt!r}")
    cfg = make_config(config, {
        "glob": glob, "jobs": jobs, "front_matter": front_matter,
        "drop_duplicate_docs": drop_duplicate_docs, "drop_seen_paragraphs": drop_seen_paragraphs,
        "threshold": threshold, "language": lang, "extra_patterns": extra_pattern,
        "keep_patterns": keep_pattern, "max_bytes": max_bytes, "strict": strict,
        "follow_symlinks": follow_symlinks, "index": index, "lock_timeout": lock_timeout,
    })
    if report == "-":
        if fmt == "jsonl":
            raise usage_error("--report - and --format jsonl both want stdout")
        fmt, report = "json", None
    if out is not None and in_place:
        raise usage_error("--out and --in-place exclude each other")
    if paths.count("-") > 1:
        raise usage_error("stdin (-) can be given only once")
    if "-" in paths and in_place:
        raise usage_error("--in-place cannot rewrite stdin")
    if out is not None and out.exists() and not out.is_dir():
        raise usage_error(f"--out {out} exists and is not a directory")
    if out is not None and any(
            os.path.isdir(p) and os.path.realpath(p) == os.path.realpath(out) for p in paths):
        raise usage_error("--out is an input directory; use --in-place to rewrite inputs")
    single = len(paths) == 1 and (paths[0] == "-" or not os.path.isdir(paths[0]))
    # Asked only for the report (`copydesk clean scrapes/ -f jsonl | jq ...`): with nowhere
    # to put clean files, none are written.
    report_only = (not single and out is None and not in_place
                   and (fmt != "text" or report is not None))
    if out is None and not in_place and not single and not report_only:
        raise usage_error("several inputs (or a directory) need --out DIR or --in-place, "
                          "or --format json/jsonl or --report for the report alone")

    def body() -> int:
        stdin = read_stdin(cfg.max_bytes) if "-" in paths else None
        exclude = [str(out)] if out is not None else []
        if cfg.index is not None:
            exclude.append(cfg.index)
        found = find_inputs(paths, cfg, stdin=stdin, exclude=exclude)
        if report is not None:
            inputs = {s.resolved for s in found.sources if s.path is not None}
            if os.path.realpath(report) in inputs:
                raise usage_error(f"--report {report} is one of the inputs; not overwriting it")
            if out is not None:
                inside = os.path.relpath(os.path.realpath(report), os.path.realpath(out))
                if inside in {s.relpath for s in found.sources}:
                    raise usage_error(f"--report {report} is also the output of an input")
        # Fail before the work, with one line, if nothing could be written anyway.
        try:
            if out is not None:
                probe_directory(str(out))
            if report is not None and not os.path.exists(report):
                probe_directory(os.path.dirname(os.path.abspath(report)))
        except OutputError as exc:
            render.error(f"copydesk: {exc}")
            return int(ExitCode.OUTPUT_ERRORS)
        destination = Destination(out_dir=str(out) if out is not None else None,
                                  in_place=in_place, dry_run=report_only,
                                  keep_text=not report_only)
        idx = open_index(cfg.index, cfg, write=True) if cfg.index is not None else None
        try:
            # A report-only run writes no clean file: recording its files would make the
            # next run skip them as already done, and their clean text would never be made.
            result = run(found.sources, cfg, destination, found.problems, index=idx,
                         record=idx is not None and not report_only,
                         report_text=report is not None or fmt == "json")
        finally:
            if idx is not None:
                idx.close()
        code = result.exit_code
        if report is not None:
            try:
                write_named_file(report, dump_chunks(result.report))
            except OutputError as exc:
                render.error(f"copydesk: {exc}")
                code = ExitCode.OUTPUT_ERRORS
        emit(result, fmt, stdout_text=single and out is None and not in_place)
        render.problems(result.problems, quiet=quiet)
        render.warnings(result, quiet=quiet)
        if verbose or (not quiet and render.stderr_is_terminal()):
            render.summary(result)
        return int(code)

    raise typer.Exit(guarded(body))


def emit(result: RunResult, fmt: str, stdout_text: bool) -> None:
    from copydesk.core.report import dump_chunks, pair_records

    if fmt == "json":
        write_stdout_chunks(dump_chunks(result.report))
    elif fmt == "jsonl":
        write_stdout_chunks(json.dumps(r, ensure_ascii=False).encode("utf-8") + b"\n"
                            for r in pair_records(result.report))
    elif stdout_text:
        outcome = result.outcomes[0] if result.outcomes else None
        if outcome is not None and outcome.text is not None and outcome.status == "ok":
            write_stdout(outcome.text)


# The other commands live in their own modules and register here.
from . import check as _check  # noqa: E402
from . import explain as _explain  # noqa: E402
from . import index_cmd as _index_cmd  # noqa: E402

app.command("check")(_check.check)
app.command("explain")(_explain.command)
app.add_typer(_index_cmd.index_app, name="index")


def main() -> None:
    app()
