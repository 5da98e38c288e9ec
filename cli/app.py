"""The `copydesk` command: a thin typer layer over `copydesk.core`.

It parses options into a `Config`, finds the inputs, calls the pipeline and
renders the result: data on stdout (clean text, the JSON report, or JSONL
pairs), a human summary and problems on stderr, and a documented exit code.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from copydesk.core import __version__
from copydesk.core.config import Config, ConfigError, build_config, find_config, load_config
from copydesk.core.discover import discover
from copydesk.core.exitcodes import ExitCode
from copydesk.core.pipeline import Destination, RunResult, run
from copydesk.core.report import dumps, pair_records
from copydesk.core.write import OutputError, atomic_write, cleanup

from . import render

app = typer.Typer(
    name="copydesk",
    help="Clean scraped article text and report near-duplicate paragraphs.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class Terminated(Exception):
    """SIGTERM arrived: stop like Ctrl-C, with exit code 143."""


def _on_sigterm(signum: int, frame: Any) -> None:
    raise Terminated()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"copydesk {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """copydesk: article deduplicator and normalizer."""


def usage_error(message: str) -> typer.Exit:
    render.error(f"copydesk: {message}")
    return typer.Exit(int(ExitCode.USAGE))


def make_config(config_file: Path | None, overrides: dict[str, Any]) -> Config:
    try:
        path = config_file or find_config(Path.cwd())
        values = load_config(path) if path is not None else {}
        return build_config(values, overrides)
    except ConfigError as exc:
        raise usage_error(str(exc)) from None


def read_stdin(max_bytes: int) -> bytes:
    return sys.stdin.buffer.read(max_bytes + 1)


def write_stdout(text: str) -> None:
    try:
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`| head`): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def guarded(fn):
    """Run a command body with clean handling of Ctrl-C and SIGTERM."""
    previous = signal.getsignal(signal.SIGTERM)
    try:
        signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:
        previous = None  # not the main thread (embedded use): leave signals alone
    try:
        return fn()
    except KeyboardInterrupt:
        cleanup()
        render.error("copydesk: interrupted; no partial files left")
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
    except Terminated:
        cleanup()
        render.error("copydesk: terminated; no partial files left")
        raise typer.Exit(int(ExitCode.TERMINATED)) from None
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


Paths = Annotated[
    list[str],
    typer.Argument(
        help="Files, directories (searched recursively) or - for stdin.", show_default=False
    ),
]


@app.command()
def clean(
    paths: Paths,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", help="Write clean files here, mirroring the inputs' relative paths."
        ),
    ] = None,
    report: Annotated[
        str | None,
        typer.Option("--report", "-r", help="Write the JSON report to this file (- for stdout)."),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="What stdout carries: text (clean text of a single input), json (the report) "
            "or jsonl (one duplicate pair per line).",
        ),
    ] = "text",
    glob: Annotated[str | None, typer.Option(help="File pattern inside directories.")] = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", help="Worker processes.")] = None,
    front_matter: Annotated[
        bool | None,
        typer.Option(
            "--front-matter/--no-front-matter",
            help="Put extracted metadata (headline, byline, date...) in a header block.",
        ),
    ] = None,
    drop_duplicate_docs: Annotated[
        bool | None,
        typer.Option(
            "--drop-duplicate-docs/--keep-duplicate-docs",
            help="Do not write a document that copies an earlier one.",
        ),
    ] = None,
    drop_seen_paragraphs: Annotated[
        bool | None,
        typer.Option(
            "--drop-seen-paragraphs/--keep-seen-paragraphs",
            help="Drop paragraphs already present in an earlier file.",
        ),
    ] = None,
    threshold: Annotated[
        float | None, typer.Option(help="Jaccard at or above which paragraphs are near-duplicates.")
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="Rule-pack language instead of detecting it per file."),
    ] = None,
    extra_pattern: Annotated[
        list[str] | None,
        typer.Option(
            "--extra-pattern", help="Regex: lines it matches are boilerplate (repeatable)."
        ),
    ] = None,
    keep_pattern: Annotated[
        list[str] | None,
        typer.Option(
            "--keep-pattern", help="Regex: lines it matches are always kept (repeatable)."
        ),
    ] = None,
    max_bytes: Annotated[
        int | None, typer.Option(help="Skip inputs larger than this many bytes.")
    ] = None,
    strict: Annotated[
        bool | None,
        typer.Option(
            "--strict/--no-strict", help="Count skipped inputs (binary, empty) as errors."
        ),
    ] = None,
    follow_symlinks: Annotated[
        bool | None,
        typer.Option(
            "--follow-symlinks/--no-follow-symlinks",
            help="Follow symlinks that lead outside the directories given.",
        ),
    ] = None,
    in_place: Annotated[
        bool, typer.Option("--in-place", help="Rewrite the inputs themselves (atomically).")
    ] = False,
    config: Annotated[
        Path | None,
        typer.Option("--config", help="TOML config file (default: ./copydesk.toml if present)."),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print only errors on stderr.")
    ] = False,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose", "-v", help="Print the summary even when stderr is not a terminal."
        ),
    ] = False,
) -> None:
    """Clean scrapes and report near-duplicate paragraphs."""
    if fmt not in ("text", "json", "jsonl"):
        raise usage_error(f"--format must be text, json or jsonl, not {fmt!r}")
    cfg = make_config(
        config,
        {
            "glob": glob,
            "jobs": jobs,
            "front_matter": front_matter,
            "drop_duplicate_docs": drop_duplicate_docs,
            "drop_seen_paragraphs": drop_seen_paragraphs,
            "threshold": threshold,
            "language": lang,
            "extra_patterns": extra_pattern,
            "keep_patterns": keep_pattern,
            "max_bytes": max_bytes,
            "strict": strict,
            "follow_symlinks": follow_symlinks,
        },
    )
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

    def body() -> int:
        stdin = read_stdin(cfg.max_bytes) if "-" in paths else None
        exclude = [str(out)] if out is not None else []
        if out is not None and any(
            os.path.isdir(p) and os.path.realpath(p) == os.path.realpath(out) for p in paths
        ):
            raise usage_error("--out is an input directory; use --in-place to rewrite inputs")
        found = discover(
            paths, cfg.glob, stdin=stdin, exclude=exclude, follow_symlinks=cfg.follow_symlinks
        )
        single = len(paths) == 1 and (paths[0] == "-" or os.path.isfile(paths[0]))
        if out is None and not in_place and not single:
            raise usage_error("several inputs (or a directory) need --out DIR or --in-place")
        if not found.sources and not found.problems:
            raise usage_error(
                "no input files found" + (f" matching {cfg.glob!r}" if cfg.glob else "")
            )
        destination = Destination(out_dir=str(out) if out is not None else None, in_place=in_place)
        result = run(found.sources, cfg, destination, found.problems)
        code = result.exit_code
        if report is not None:
            try:
                atomic_write(report, dumps(result.report).encode("utf-8"))
            except OutputError as exc:
                render.error(f"copydesk: {report}: {exc}")
                code = ExitCode.OUTPUT_ERRORS
        emit(result, fmt, stdout_text=single and out is None and not in_place)
        render.problems(result.problems, quiet=quiet)
        if verbose or (not quiet and render.stderr_is_terminal()):
            render.summary(result)
        return int(code)

    raise typer.Exit(guarded(body))


def emit(result: RunResult, fmt: str, stdout_text: bool) -> None:
    if fmt == "json":
        write_stdout(dumps(result.report))
    elif fmt == "jsonl":
        write_stdout(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in pair_records(result.report))
        )
    elif stdout_text:
        outcome = result.outcomes[0] if result.outcomes else None
        if outcome is not None and outcome.text is not None and outcome.status == "ok":
            write_stdout(outcome.text)


from . import explain as _explain  # noqa: E402  (issue 3: `copydesk explain`)

app.command(name="explain")(_explain.command)


def main() -> None:
    app()
