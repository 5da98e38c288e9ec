"""Helpers shared by the commands: config, stdin/stdout, signals, inputs, the index."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Annotated, Any

import typer

from copydesk.core.config import Config, ConfigError, build_config, find_config, load_config
from copydesk.core.discover import Discovery, discover
from copydesk.core.exitcodes import ExitCode
from copydesk.core.index import Index, IndexUnusable
from copydesk.core.write import cleanup

from . import render

DEFAULT_INDEX = ".copydesk"

# Options several commands share.
ConfigOpt = Annotated[Path | None, typer.Option(
    "--config", help="TOML config file (default: ./copydesk.toml if present).")]
GlobOpt = Annotated[str | None, typer.Option(help="File pattern inside directories.")]
JobsOpt = Annotated[int | None, typer.Option("--jobs", "-j", help="Worker processes.")]
IndexOpt = Annotated[str | None, typer.Option(
    "--index", help=f"Index of earlier runs (check and index default: ./{DEFAULT_INDEX}).")]
LockOpt = Annotated[float | None, typer.Option(
    "--lock-timeout", help="Seconds to wait for another run holding the index.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors on stderr.")]


class Terminated(Exception):
    """SIGTERM arrived: stop like Ctrl-C, with exit code 143."""


def _on_sigterm(signum: int, frame: Any) -> None:
    raise Terminated()


def usage_error(message: str) -> typer.Exit:
    render.error(f"copydesk: {message}")
    return typer.Exit(int(ExitCode.USAGE))


def make_config(config_file: Path | None, overrides: dict[str, Any]) -> Config:
    """Settings: the config file (explicit or ./copydesk.toml), then flags on top."""
    try:
        path = config_file or find_config(Path.cwd())
        values = load_config(path) if path is not None else {}
        return build_config(values, overrides)
    except ConfigError as exc:
        raise usage_error(str(exc)) from None


def find_inputs(paths: list[str], config: Config, *, stdin: bytes | None = None,
                exclude: list[str] | None = None) -> Discovery:
    found = discover(paths, config.glob, stdin=stdin, exclude=exclude,
                     follow_symlinks=config.follow_symlinks)
    if not found.sources and not found.problems:
        raise usage_error(f"no input files found matching {config.glob!r}")
    return found


def read_stdin(max_bytes: int) -> bytes:
    return sys.stdin.buffer.read(max_bytes + 1)


def write_stdout(text: str) -> None:
    write_stdout_chunks([text.encode("utf-8")])


def write_stdout_chunks(chunks: Iterable[bytes]) -> None:
    try:
        for chunk in chunks:
            sys.stdout.buffer.write(chunk)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`| head`): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def guarded(fn: Callable[[], int]) -> int:
    """Run a command body with clean handling of Ctrl-C and SIGTERM."""
    try:
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:
        previous = None  # not the main thread (embedded use): leave signals alone
    try:
        return fn()
    except KeyboardInterrupt:
        cleanup()
        render.error("copydesk: interrupted; no partial files left")
        return int(ExitCode.INTERRUPTED)
    except Terminated:
        cleanup()
        render.error("copydesk: terminated; no partial files left")
        return int(ExitCode.TERMINATED)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def open_index(directory: str, config: Config, *, write: bool, create: bool = True,
               rebuild: bool = False) -> Index:
    try:
        return Index.open(directory, config, write=write, create=create,
                          lock_timeout=config.lock_timeout, rebuild=rebuild)
    except IndexUnusable as exc:
        render.error(f"copydesk: {exc}")
        raise typer.Exit(int(ExitCode.INDEX_ERROR)) from None
