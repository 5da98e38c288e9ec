"""Human-facing output on stderr (rich). Data never goes through here.

rich is imported when something is first printed: a quiet run, `--version` and
`--help` print nothing through it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from copydesk.core.model import Problem
    from copydesk.core.pipeline import RunResult

_console: Console | None = None


def console() -> Console:
    from rich.console import Console

    global _console
    if _console is None or _console.file is not sys.stderr:
        _console = Console(file=sys.stderr, highlight=False, soft_wrap=True)
    return _console


def stderr_is_terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def error(message: str) -> None:
    console().print(message, markup=False, style="red" if stderr_is_terminal() else None)


def problems(items: Iterable[Problem], quiet: bool) -> None:
    """One line per input that could not be used: `<file>: <cause>`."""
    for p in items:
        if quiet and p.kind != "error":
            continue
        prefix = "error" if p.kind == "error" else "skipped"
        console().print(
            f"copydesk: {prefix}: {p.line()}",
            markup=False,
            style=("red" if p.kind == "error" else "yellow") if stderr_is_terminal() else None,
        )


def warnings(result: RunResult, quiet: bool) -> None:
    """One line per warning the run recorded for a file it cleaned all the same (a user
    pattern that hit its time limit, a page flattened onto one line): `<file>: <what>`."""
    if quiet:
        return
    for entry in result.report["files"]:
        for message in entry.get("warnings", ()):
            console().print(
                f"copydesk: warning: {entry['input']}: {message}",
                markup=False,
                style="yellow" if stderr_is_terminal() else None,
            )


def summary(result: RunResult) -> None:
    from rich.table import Table

    s = result.report["summary"]
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(style="bold")
    table.add_column(justify="right")
    table.add_row("files", f"{s['ok']} cleaned, {s['skipped']} skipped, {s['errors']} failed")
    table.add_row("paragraphs", f"{s['kept']} kept of {s['paragraphs']}")
    reasons = s["removed_by_reason"]
    if reasons:
        top = sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))[:6]
        table.add_row("removed", ", ".join(f"{k} {v}" for k, v in top))
    table.add_row(
        "duplicates",
        f"{s['clusters']} cross-file clusters, {s['links']} links, "
        f"{s['duplicate_documents']} duplicate documents",
    )
    console().print(table)



def note(message: str) -> None:
    console().print(message, markup=False)
