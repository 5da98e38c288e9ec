"""Helpers shared by the commands: config, stdin/stdout, signals, inputs, the index."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from copydesk.core.exitcodes import ExitCode

from . import render

# The core modules below are imported where they are used: `--version`, `--help` and
# usage errors need none of them.
if TYPE_CHECKING:
    from copydesk.core.config import Config
    from copydesk.core.discover import Discovery
    from copydesk.core.index import Index

DEFAULT_INDEX = ".copydesk"

# Options several commands share.
ConfigOpt = Annotated[Path | None, typer.Option(
    "--config", metavar="FILE", help="TOML config file (default: ./copydesk.toml if present).")]
GlobOpt = Annotated[str | None, typer.Option(
    metavar="PATTERN", help="File pattern inside directories.")]
JobsOpt = Annotated[int | None, typer.Option("--jobs", "-j", metavar="N", help="Worker processes.")]
IndexOpt = Annotated[str | None, typer.Option(
    "--index", metavar="DIR",
    help=f"Index of earlier runs (check and index default: ./{DEFAULT_INDEX}).")]
LockOpt = Annotated[float | None, typer.Option(
    "--lock-timeout", metavar="SECONDS", help="Seconds to wait for another run holding the index.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors on stderr.")]
VerboseOpt = Annotated[bool, typer.Option(
    "--verbose", "-v", help="Print the summary even when stderr is not a terminal.")]


class Terminated(BaseException):
    """SIGTERM arrived: stop like Ctrl-C, with exit code 143. A BaseException, like
    KeyboardInterrupt, so that no `except Exception` on the way swallows it."""


def _on_sigterm(signum: int, frame: Any) -> None:
    raise Terminated()


def usage_error(message: str) -> typer.Exit:
    render.error(f"copydesk: {message}")
    return typer.Exit(int(ExitCode.USAGE))


def make_config(config_file: Path | None, overrides: dict[str, Any]) -> Config:
    """Settings: the config file (explicit or ./copydesk.toml), then flags on top."""
    from copydesk.core.config import ConfigError, build_config, find_config, load_config
    from copydesk.core.patterns import UserPatterns

    try:
        path = config_file or find_config(Path.cwd())
        values = load_config(path) if path is not None else {}
        config = build_config(values, overrides)
        # Compile user patterns now: a bad one is a usage error, not a crash mid-run.
        UserPatterns(config.extra_patterns, config.keep_patterns)
        return config
    except ConfigError as exc:
        raise usage_error(str(exc)) from None


def find_inputs(paths: list[str], config: Config, *, stdin: bytes | None = None,
                exclude: list[str] | None = None) -> Discovery:
    from copydesk.core.discover import discover

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


def _install(signum: int, handler: Any) -> Any:
    previous = signal.getsignal(signum)
    if previous is signal.SIG_IGN:
        return None  # ignored by whoever started us (nohup, a background job): respect it
    signal.signal(signum, handler)
    return previous


def _stopping(message: str, code: int) -> int:
    # A second Ctrl-C while we tidy up must not turn a clean stop into a traceback.
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(ValueError):
            signal.signal(signum, signal.SIG_IGN)
    from copydesk.core.write import cleanup

    cleanup()
    render.error(message)
    return int(code)


def guarded(fn: Callable[[], int]) -> int:
    """Run a command body with clean handling of Ctrl-C and SIGTERM.

    Both handlers are `deferred`: a signal that lands during a file write takes
    effect when that write is complete, so no temporary file is ever left.
    """
    from copydesk.core.index import IndexUnusable
    from copydesk.core.workers import WorkerDied
    from copydesk.core.write import deferred

    try:
        previous = {
            signal.SIGINT: _install(signal.SIGINT, deferred(signal.default_int_handler)),
            signal.SIGTERM: _install(signal.SIGTERM, deferred(_on_sigterm)),
        }
    except ValueError:
        previous = {}  # not the main thread (embedded use): leave signals alone
    try:
        return fn()
    except IndexUnusable as exc:  # an index that failed mid-run (parking or recording)
        render.error(f"copydesk: {exc}")
        return int(ExitCode.INDEX_ERROR)
    except KeyboardInterrupt:
        return _stopping("copydesk: interrupted; no partial files left", ExitCode.INTERRUPTED)
    except Terminated:
        return _stopping("copydesk: terminated; no partial files left", ExitCode.TERMINATED)
    except WorkerDied as exc:
        # Shell convention: killed by signal N exits 128+N (137: the out-of-memory killer).
        died = exc.exitcode
        code = 128 - died if died is not None and died < 0 else int(ExitCode.TERMINATED)
        return _stopping(f"copydesk: {exc}; no partial files left", code)
    finally:
        for signum, handler in previous.items():
            if handler is not None:
                signal.signal(signum, handler)


def open_index(directory: str, config: Config, *, write: bool, create: bool = True,
               rebuild: bool = False) -> Index:
    from copydesk.core.index import Index, IndexUnusable

    try:
        return Index.open(directory, config, write=write, create=create,
                          lock_timeout=config.lock_timeout, rebuild=rebuild)
    except IndexUnusable as exc:
        render.error(f"copydesk: {exc}")
        raise typer.Exit(int(ExitCode.INDEX_ERROR)) from None
