"""What `check` reports: files that are not clean, paragraphs and documents that repeat others."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .pipeline import RunResult

MAX_LINES_PER_FILE = 5


@dataclass(frozen=True, slots=True)
class Finding:
    file: str
    line: int | None
    message: str
    order: int | None = None  # where to sort it among its file's lines, when `line` is None

    def text(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.message}"


def _quote(text: str, width: int = 50) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= width else text[: width - 1] + "…")


def findings(result: RunResult, *, fixed: bool = False) -> list[Finding]:
    out: list[Finding] = []
    for o in result.outcomes:
        if o.status not in ("ok", "duplicate"):
            continue
        if o.changed:
            removed = list(o.entry.get("removed", []))
            if fixed:
                what = f"removed {len(removed)} line(s)" if removed else "reformatted"
                out.append(Finding(o.source.display, None, f"fixed: {what}"))
            elif removed:
                shown = "; ".join(
                    f"line {r['lines'][0]} {r['reason']['rule']} {_quote(r['text'])}"
                    for r in removed[:3])
                more = f"; and {len(removed) - 3} more" if len(removed) > 3 else ""
                out.append(Finding(o.source.display, None,
                                   f"not clean: cleaning removes {len(removed)} line(s) "
                                   f"({shown}{more})"))
            else:
                out.append(Finding(o.source.display, None,
                                   "not clean: cleaning reformats it (whitespace, line breaks "
                                   "or encoding)"))
    checked = {o.source.display for o in result.outcomes}
    # A file --fix rewrote no longer has the input's line numbers: name the line as it was.
    rewritten = {o.source.display for o in result.outcomes if fixed and o.changed}
    for dup in result.resolution.doc_dups.values():
        if dup.file in checked:
            when = f", indexed {dup.earlier_run}" if dup.earlier_run else ""
            out.append(Finding(dup.file, None,
                               f"document duplicates {dup.duplicate_of} "
                               f"({dup.score:.0%} of its text{when})"))
    per_file: dict[str, list[Finding]] = {}
    for cluster in result.resolution.clusters:
        canonical = cluster.members[0]
        for m in cluster.members[1:]:
            if m.file not in checked or m.earlier_run is not None:
                continue
            origin = (f"{canonical.file} (line {canonical.start} before the fix)"
                      if canonical.file in rewritten and canonical.earlier_run is None
                      else f"{canonical.file}:{canonical.start}")
            when = f", indexed {canonical.earlier_run}" if canonical.earlier_run else ""
            what = f"duplicates {origin} (jaccard {m.jaccard}{when})"
            per_file.setdefault(m.file, []).append(
                Finding(m.file, None, f"paragraph {m.paragraph} (line {m.start} before the fix) "
                                      f"{what}", m.start)
                if m.file in rewritten else
                Finding(m.file, m.start, f"paragraph {m.paragraph} {what}"))
    for name, items in per_file.items():
        items.sort(key=lambda f: f.line or f.order or 0)
        out.extend(items[:MAX_LINES_PER_FILE])
        if len(items) > MAX_LINES_PER_FILE:
            out.append(Finding(name, None,
                               f"and {len(items) - MAX_LINES_PER_FILE} more duplicate paragraphs"))
    # Grouped by file, in the order found: not clean, whole document, paragraphs.
    order = {name: i for i, name in enumerate(sorted({f.file for f in out}))}
    return sorted(out, key=lambda f: order[f.file])
