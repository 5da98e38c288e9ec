"""`copydesk explain FILE`: every line with its verdict and what decided it.

Colored on a terminal, plain text when piped (or with --plain). One row per
paragraph: its lines, the verdict, the rule or the line model's body
probability, and the text. With --features, rows the model decided also
list the features that moved its score most (log-odds, + towards body).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from copydesk.core.exitcodes import ExitCode

if TYPE_CHECKING:
    from copydesk.core.explain import Explanation, Line

STYLES = {"body": "green", "boilerplate": "red", "metadata": "yellow", "duplicate": "magenta"}
MARKS = {"body": "+", "boilerplate": "-", "metadata": "m", "duplicate": "d"}


def reason(line: Line) -> str:
    if line.label == "body" and line.rule is None:
        return f"body p={line.score:.2f}" if line.score is not None else "body"
    if line.rule == "line-model" and line.label == "body":
        return f"model kept p={line.score:.2f}"
    if line.rule == "line-model":
        return f"model p={line.score:.2f}"
    return line.rule or line.label


def render_rows(result: Explanation, width: int, features: bool) -> list[tuple[str, str, str]]:
    """(prefix, text, style) per printed row; plain and colored output share this."""
    rows = []
    span_width = len(str(max((ln.end for ln in result.lines), default=1)))
    for line in result.lines:
        span = f"{line.start}" if line.start == line.end else f"{line.start}-{line.end}"
        prefix = (
            f"{span:>{span_width * 2 + 1}} {MARKS[line.label]} {line.label:<11} {reason(line):<22} "
        )
        room = max(20, width - len(prefix))
        text = line.text if len(line.text) <= room else line.text[: room - 1] + "…"
        rows.append((prefix, text, STYLES[line.label]))
        ruled = line.rule is not None and line.rule != "line-model"
        # A kept line no rule decided has a reason only when the model alone would not
        # have kept it (an item kept with its list).
        if line.detail and (ruled or line.label != "body" or line.rule is None):
            rows.append((" " * (span_width * 2 + 4), f"why: {line.detail}", "dim"))
        if features and line.features:
            shown = ", ".join(f"{name} {value:+.2f}" for name, value in line.features)
            rows.append((" " * (span_width * 2 + 4), f"features: {shown}", "dim"))
    return rows


def command(
    file: Annotated[str, typer.Argument(metavar="FILE", help="The file to explain (- for stdin).")],
    features: Annotated[
        bool, typer.Option("--features", help="List the features behind each model verdict.")
    ] = False,
    plain: Annotated[bool, typer.Option("--plain", help="No colors, even on a terminal.")] = False,
    lang: Annotated[
        str | None,
        typer.Option("--lang", metavar="CODE", help="Rule-pack language instead of detecting it."),
    ] = None,
    width: Annotated[
        int | None, typer.Option("--width", metavar="N", help="Cut texts to this many columns.")
    ] = None,
) -> None:
    """Show every line of FILE with its verdict and the rule or features that decided it."""
    import importlib

    from .common import guarded

    # The pipeline loads before the work starts, under the quiet interrupt handlers of
    # `entry`, as in the other commands.
    importlib.import_module("copydesk.core.explain")

    # Ctrl-C or SIGTERM mid-way says so, as in the other commands (the handlers installed
    # while the CLI loads would call it "before starting").
    raise typer.Exit(guarded(lambda: _explain(file, features, plain, lang, width)))


def _explain(file: str, features: bool, plain: bool, lang: str | None, width: int | None) -> int:
    from copydesk.core.explain import explain
    from copydesk.core.model import Source
    from copydesk.core.read import InputError

    from .app import make_config, read_stdin, render

    config = make_config(None, {"language": lang})
    if file == "-":
        source = Source(display="<stdin>", relpath="stdin.txt", data=read_stdin(config.max_bytes))
    else:
        path = Path(file)
        if not path.is_file():
            if path.is_dir():
                why = "is a directory; explain takes one file"
            elif path.exists():
                why = "not a regular file (pipe it in: copydesk explain - < FILE)"
            else:
                why = "no such file"
            render.error(f"copydesk: {file}: {why}")
            return int(ExitCode.USAGE)
        source = Source(display=file, relpath=path.name, path=str(path))
    try:
        result = explain(source, config)
    except InputError as exc:
        render.error(f"copydesk: {file}: {exc.cause}")
        return int(ExitCode.INPUT_ERRORS)
    terminal = sys.stdout.isatty() and not plain and "NO_COLOR" not in os.environ
    cols = width or (shutil.get_terminal_size().columns if terminal else 160)
    header = f"{result.display}: language {result.language}, {len(result.lines)} paragraphs"
    kept = sum(ln.label == "body" for ln in result.lines)
    header += f", {kept} kept"
    rows = render_rows(result, cols, features)
    if terminal:
        from rich.console import Console
        from rich.text import Text

        console = Console(highlight=False, soft_wrap=True)
        console.print(Text(header, style="bold"))
        for prefix, text, style in rows:
            console.print(
                Text(prefix, style=style) + Text(text, style=None if style != "dim" else "dim")
            )
    else:
        out = [header] + [prefix + text for prefix, text, _ in rows]
        sys.stdout.write("\n".join(out) + "\n")
    return int(ExitCode.OK)
