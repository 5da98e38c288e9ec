"""`copydesk index ...`: look after the index of what earlier runs have seen."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from copydesk.core.exitcodes import ExitCode

from . import render
from .common import (
    DEFAULT_INDEX,
    ConfigOpt,
    GlobOpt,
    IndexOpt,
    JobsOpt,
    LockOpt,
    QuietOpt,
    VerboseOpt,
    find_inputs,
    guarded,
    make_config,
    open_index,
    write_stdout,
)

index_app = typer.Typer(help="Look after the index of what earlier runs have seen.",
                        no_args_is_help=True)

Paths = Annotated[list[str], typer.Argument(metavar="PATH", help="Files or directories.",
                                                  show_default=False)]


def _config(config, index, glob=None, jobs=None, lock_timeout=None):
    cfg = make_config(config, {"index": index, "glob": glob, "jobs": jobs,
                               "lock_timeout": lock_timeout})
    return cfg, cfg.index or DEFAULT_INDEX


@index_app.command()
def stats(
    index: IndexOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    config: ConfigOpt = None,
) -> None:
    """Counts, size on disk and parameters of the index."""
    cfg, directory = _config(config, index)
    idx = open_index(directory, cfg, write=False, create=False)
    try:
        info = idx.stats()
    finally:
        idx.close()
    if as_json:
        write_stdout(json.dumps(info, indent=2, sort_keys=True) + "\n")
        return
    by_status = ", ".join(f"{k} {v}" for k, v in sorted(info["files_by_status"].items()))
    lines = [f"index       {info['index']}", f"root        {info['root']}",
             f"files       {info['files']}" + (f" ({by_status})" if by_status else ""),
             f"paragraphs  {info['paragraphs']}", f"runs        {info['runs']}",
             f"last run    {info['last_run']}", f"size        {info['bytes']} bytes"]
    write_stdout("\n".join(lines) + "\n")


@index_app.command()
def prune(index: IndexOpt = None, lock_timeout: LockOpt = None, config: ConfigOpt = None,
          quiet: QuietOpt = False, verbose: VerboseOpt = False) -> None:
    """Forget indexed files that no longer exist."""
    cfg, directory = _config(config, index, lock_timeout=lock_timeout)

    def body() -> int:
        idx = open_index(directory, cfg, write=True, create=False)
        try:
            gone = idx.prune()
        finally:
            idx.close()
        write_stdout("".join(f"forgot {path}\n" for path in gone))
        if _chatty(quiet, verbose):
            render.note(f"copydesk: {len(gone)} file(s) forgotten")
        return int(ExitCode.OK)

    raise typer.Exit(guarded(body))


def _chatty(quiet: bool, verbose: bool) -> bool:
    """The summary line, like `clean`'s: on a terminal, or asked for; never in cron mail."""
    return not quiet and (verbose or render.stderr_is_terminal())


def _build(paths: list[str], *, rebuild: bool, index, glob, jobs, lock_timeout, config,
           quiet, verbose) -> None:
    from copydesk.core.pipeline import Destination, run

    cfg, directory = _config(config, index, glob, jobs, lock_timeout)

    def body() -> int:
        found = find_inputs(paths, cfg, exclude=[directory])
        idx = open_index(directory, cfg, write=True, rebuild=rebuild)
        try:
            result = run(found.sources, cfg, Destination(dry_run=True, keep_text=False),
                         found.problems, index=idx, record=True, rebuild=rebuild)
            info = idx.stats()
        finally:
            idx.close()
        render.problems(result.problems, quiet=quiet)
        render.warnings(result, quiet=quiet)
        if _chatty(quiet, verbose):
            s = result.report["summary"]
            render.note(f"copydesk: indexed {s['ok']} file(s) this run; the index holds "
                        f"{info['files']} file(s), {info['paragraphs']} paragraph(s)")
        return int(result.exit_code)

    raise typer.Exit(guarded(body))


@index_app.command()
def update(paths: Paths, index: IndexOpt = None, glob: GlobOpt = None, jobs: JobsOpt = None,
           lock_timeout: LockOpt = None, config: ConfigOpt = None,
           quiet: QuietOpt = False, verbose: VerboseOpt = False) -> None:
    """Add new and changed files to the index (writes no outputs)."""
    _build(paths, rebuild=False, index=index, glob=glob, jobs=jobs, lock_timeout=lock_timeout,
           config=config, quiet=quiet, verbose=verbose)


@index_app.command()
def rebuild(paths: Paths, index: IndexOpt = None, glob: GlobOpt = None, jobs: JobsOpt = None,
            lock_timeout: LockOpt = None, config: ConfigOpt = None,
            quiet: QuietOpt = False, verbose: VerboseOpt = False) -> None:
    """Replace the index's content by these files, with the current parameters."""
    _build(paths, rebuild=True, index=index, glob=glob, jobs=jobs, lock_timeout=lock_timeout,
           config=config, quiet=quiet, verbose=verbose)
