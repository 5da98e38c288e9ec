"""`copydesk check`: the pre-commit gate.

Exit 1 with one line per problem when a file is not clean (cleaning would change
it) or near-duplicates a paragraph or document in the index or in another file
given; exit 0 when all is well. `--fix` rewrites the files in place (atomically)
and exits 1 if it changed anything, as pre-commit fixers do.
"""

from __future__ import annotations

import os
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
    find_inputs,
    guarded,
    make_config,
    open_index,
    write_stdout,
)


def check(
    paths: Annotated[list[str], typer.Argument(
        metavar="PATH", help="Files or directories to check.", show_default=False)],
    fix: Annotated[bool, typer.Option(
        "--fix", help="Rewrite unclean files in place; exit 1 if any changed.")] = False,
    corpus: Annotated[str | None, typer.Option(
        "--corpus", metavar="DIR",
        help="Bring the index up to date with this directory first (new and changed files "
             "are indexed, vanished ones forgotten).")] = None,
    index: IndexOpt = None,
    glob: GlobOpt = None,
    jobs: JobsOpt = None,
    lock_timeout: LockOpt = None,
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Fail when a file is not clean or duplicates something in the corpus."""
    # Loaded before the work starts, under the quiet interrupt handlers of `entry`.
    from copydesk.core.discover import git_tracked
    from copydesk.core.findings import findings
    from copydesk.core.pipeline import Destination, run

    if "-" in paths:
        raise typer.BadParameter("check works on files, not stdin", param_hint="PATHS")
    cfg = make_config(config, {"glob": glob, "jobs": jobs, "index": index,
                               "lock_timeout": lock_timeout})
    directory = cfg.index
    if directory is None:
        base = corpus if corpus is not None else "."
        candidate = os.path.join(base, DEFAULT_INDEX)
        directory = candidate if corpus is not None or os.path.isdir(candidate) else None

    def body() -> int:
        found = find_inputs(paths, cfg, exclude=[directory] if directory else [])
        checked = {s.resolved for s in found.sources if s.path}
        idx = None
        if directory is not None:
            idx = open_index(directory, cfg, write=corpus is not None)
        try:
            if idx is not None and corpus is not None:
                # The corpus as committed so far: everything but the files under check.
                others = find_inputs([corpus], cfg, exclude=[directory])
                # In a repository, the corpus is what git holds, not local drafts.
                tracked = git_tracked(corpus)
                rest = [s for s in others.sources
                        if (real := s.resolved) not in checked
                        and (tracked is None or real in tracked)]
                idx.prune(keep=tracked)
                run(rest, cfg, Destination(dry_run=True, keep_text=False), index=idx, record=True)
            where = Destination(in_place=fix, dry_run=not fix, keep_text=False)
            # Every file given is checked, even one the index holds as it is (indexed by an
            # earlier `index update`): skipping it as done would pass it unseen.
            result = run(found.sources, cfg, where, found.problems, index=idx, record=False,
                         skip_unchanged=False)
        finally:
            if idx is not None:
                idx.close()
        problems = findings(result, fixed=fix)
        # Findings are check's data: on stdout, one per line, like other linters.
        write_stdout("".join(p.text() + "\n" for p in problems))
        render.problems(result.problems, quiet=quiet)
        render.warnings(result, quiet=quiet)
        if result.exit_code != ExitCode.OK:
            return int(result.exit_code)
        return int(ExitCode.FINDINGS if problems else ExitCode.OK)

    raise typer.Exit(guarded(body))

