"""The JSON report and the JSONL stream of duplicate pairs.

Both are pure functions of the run's results, built in stable order and
without timestamps, so the same inputs give byte-identical reports.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any

from . import __version__
from .fingerprint import ANCHOR_NGRAM, ANCHOR_WINDOW
from .model import Cluster, Member, Pair
from .packed import LazyRecords, json_default
from .repair import NORMALIZER_VERSION

if TYPE_CHECKING:
    from .analyze import FileAnalysis
    from .config import Config
    from .pipeline import Outcome
    from .resolve import Resolution

REPORT_FORMAT = "copydesk-report"
REPORT_VERSION = 1


def _member(m: Member, canonical: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {"file": m.file, "paragraph": m.paragraph, "lines": [m.start, m.end]}
    if not canonical:
        out["jaccard"] = m.jaccard
        if m.containment is not None:
            out["containment"] = m.containment
    if m.earlier_run is not None:
        out["indexed"] = m.earlier_run
    return out


def _cluster(c: Cluster) -> dict[str, Any]:
    files = sorted({m.file for m in c.members})
    return {
        "canonical": _member(c.members[0], canonical=True),
        "files": len(files),
        "members": [_member(m, canonical=(i == 0)) for i, m in enumerate(c.members)],
    }


def _link(p: Pair) -> dict[str, Any]:
    return {
        "kind": p.kind,
        "a": _member(p.a, canonical=True),
        "b": _member(p.b, canonical=True),
        "jaccard": p.jaccard,
        "containment": p.containment,
    }


def params(config: Config) -> dict[str, Any]:
    return {
        "normalizer": NORMALIZER_VERSION,
        "scheme": "affine32",
        **config.fingerprint_params(),
        "threshold": config.threshold,
        "containment": config.containment,
        "fact_tolerance": config.fact_tolerance,
        "passage_words": config.passage_words,
        "doc_threshold": config.doc_threshold,
        "anchor_window": ANCHOR_WINDOW,
        "anchor_ngram": ANCHOR_NGRAM,
    }


def removed_tally(records: list[dict[str, Any]]) -> tuple[Counter[str], Counter[str]]:
    """What the report counts of one file's removed-line records: the lines removed whole
    by label, and every record by its rule (or its label, when no rule is named)."""
    labels = Counter(r["reason"]["label"] for r in records if not r.get("partial"))
    rules = Counter(r["reason"]["rule"] or r["reason"]["label"] for r in records)
    return labels, rules


def build_report(
    analyses: list[FileAnalysis], outcomes: list[Outcome], resolution: Resolution, config: Config
) -> dict[str, Any]:
    by_source = {id(a.source): a for a in analyses}
    doc_dups = {d.file: d for d in resolution.doc_dups.values()}
    files = []
    reasons: Counter[str] = Counter()
    totals = Counter()
    for o in outcomes:
        a = by_source.get(id(o.source))
        entry: dict[str, Any] = {"input": o.source.display, "output": o.output, "status": o.status}
        if o.cause:
            entry["cause"] = o.cause
        if a is not None and a.problem is None:
            removed = o.entry.get("removed", [])
            # Packed records carry their tally: counting them needs no unpacking.
            tally = getattr(removed, "summary", None)
            labels, rules = tally if tally is not None else removed_tally(list(removed))
            kept = sum(1 for v in a.verdicts if v.keep) - labels["duplicate"]
            entry.update(
                {
                    "encoding": a.encoding,
                    "language": a.language,
                    "repairs": a.repairs,
                    "counts": {
                        "lines": a.lines,
                        "paragraphs": len(a.verdicts),
                        "kept": kept,
                        "removed": len(a.verdicts) - kept,
                        "boilerplate": labels["boilerplate"],
                        "metadata": labels["metadata"],
                        "duplicates": labels["duplicate"],
                    },
                    "metadata": a.metadata,
                    "removed": removed,
                }
            )
            if a.warnings:
                entry["warnings"] = a.warnings
            dup = doc_dups.get(o.source.display)
            if dup is not None:
                entry["duplicate_of"] = {
                    "file": dup.duplicate_of,
                    "score": dup.score,
                    "paragraphs": dup.paragraphs,
                }
                if dup.earlier_run is not None:
                    entry["duplicate_of"]["indexed"] = dup.earlier_run
            reasons.update(rules)
            totals["paragraphs"] += len(a.verdicts)
            totals["kept"] += kept
        totals[o.status] += 1
        files.append(entry)
    return {
        "format": REPORT_FORMAT,
        "version": REPORT_VERSION,
        "tool": {"name": "copydesk", "version": __version__},
        "params": params(config),
        "files": files,
        "clusters": LazyRecords(resolution.clusters, _cluster),
        "links": LazyRecords(resolution.links, _link),
        "documents": [
            {
                "file": d.file,
                "duplicate_of": d.duplicate_of,
                "score": d.score,
                "paragraphs": d.paragraphs,
                **({"indexed": d.earlier_run} if d.earlier_run else {}),
            }
            for d in resolution.doc_dups.values()
        ],
        "summary": {
            "files": len(outcomes),
            "ok": totals["ok"],
            "skipped": totals["skipped"],
            "errors": totals["error"],
            "duplicate_documents": len(resolution.doc_dups),
            "dropped_documents": totals["duplicate"],
            "paragraphs": totals["paragraphs"],
            "kept": totals["kept"],
            "removed": totals["paragraphs"] - totals["kept"],
            "removed_by_reason": dict(sorted(reasons.items())),
            "clusters": len(resolution.clusters),
            "links": len(resolution.links),
        },
    }


def dumps(report: dict[str, Any]) -> str:
    """The report as `json.dumps(report, ensure_ascii=False, indent=2)` writes it, plus a
    newline (packed and lazy records written as the lists they hold)."""
    return "".join(_pieces(report))


def dump_chunks(report: dict[str, Any]) -> Iterator[bytes]:
    """The bytes of `dumps(report)`, encoded piece by piece: for writing a large report
    (hundreds of MB on a 100,000-file corpus) without holding it whole as one string."""
    buffer: list[str] = []
    size = 0
    for piece in _pieces(report):
        buffer.append(piece)
        size += len(piece)
        if size >= 1 << 20:
            yield "".join(buffer).encode("utf-8")
            buffer, size = [], 0
    yield "".join(buffer).encode("utf-8")


def _pieces(report: dict[str, Any]) -> Iterator[str]:
    # json's own layout for indent=2, written key by key and record by record, so that
    # lazy records are made (and dropped) one at a time.
    if not report:
        yield "{}\n"
        return
    yield "{"
    for n, (key, value) in enumerate(report.items()):
        yield ("\n  " if n == 0 else ",\n  ") + _key(key) + ": "
        if isinstance(value, LazyRecords | list):
            # Record by record: the files section of a large run is hundreds of MB of
            # JSON, which must never be one string.
            if not len(value):
                yield "[]"
                continue
            yield "["
            for k, record in enumerate(value):
                out = ["\n    " if k == 0 else ",\n    "]
                _encode(record, "    ", out)
                yield "".join(out)
            yield "\n  ]"
        else:
            out = []
            _encode(value, "  ", out)
            yield "".join(out)
    yield "\n}\n"


_INFINITY = float("inf")


def _key(key: object) -> str:
    if isinstance(key, str):
        return encode_basestring(key)
    if key is None or isinstance(key, bool | int | float):
        # json turns these keys into the strings it would write for them as values.
        return encode_basestring(_scalar(key))
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def _scalar(value: bool | int | float | None) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if value != value:
        return "NaN"
    if value in (_INFINITY, -_INFINITY):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


def _encode(value: Any, indent: str, out: list[str]) -> None:
    """Append `value` as `json.dumps(value, ensure_ascii=False, indent=2)` lays it out,
    nested at `indent`. The json module encodes indented output in pure Python, one
    generator per level: this is the same layout built by one recursive function, which
    makes a large report several times faster to write."""
    kind = type(value)
    if kind is str:
        out.append(encode_basestring(value))
    elif kind is dict:
        if not value:
            out.append("{}")
            return
        inner = indent + "  "
        opening = "{\n" + inner
        for key, item in value.items():
            out.append(opening + _key(key) + ": ")
            opening = ",\n" + inner
            _encode(item, inner, out)
        out.append("\n" + indent + "}")
    elif kind is list or kind is tuple:
        if not value:
            out.append("[]")
            return
        inner = indent + "  "
        opening = "[\n" + inner
        for item in value:
            out.append(opening)
            opening = ",\n" + inner
            _encode(item, inner, out)
        out.append("\n" + indent + "]")
    elif kind is int:
        out.append(int.__repr__(value))
    elif kind is float or kind is bool or value is None:
        out.append(_scalar(value))
    elif isinstance(value, str):
        out.append(encode_basestring(value))
    else:
        # Anything else (packed records, subclasses of the basic types) the way json
        # would write it, through the same `default`.
        _encode(_plain(value), indent, out)


def _plain(value: object) -> Any:
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, dict):
        return dict(value)
    if isinstance(value, list | tuple):
        return list(value)
    return json_default(value)


def pair_records(report: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """One record per duplicate pair, from the report (the JSONL stream of `--format jsonl`).

    Every record has: kind, same_file, a (the earlier paragraph, or document), b (the
    later one), jaccard, containment. Kinds: "duplicate" (a repeat inside a file, dropped),
    "seen-paragraph" (dropped by --drop-seen-paragraphs), "cluster" (a cluster member and
    its canonical member), "contained" and "passage" (links), "document" (a document
    copying an earlier one: a and b name files, `score` is the share of b's body tokens
    found in a, `paragraphs` how many of b's paragraphs matched; jaccard is null).
    """
    for entry in report["files"]:
        for r in entry.get("removed", ()):
            dup = r["reason"].get("duplicate_of")
            if dup is None:
                continue
            a = {"file": dup["file"], "paragraph": dup["paragraph"], "lines": dup["lines"]}
            if "indexed" in dup:
                a["indexed"] = dup["indexed"]
            b = {"file": entry["input"], "paragraph": r["paragraph"], "lines": r["lines"]}
            yield {
                "kind": r["reason"]["rule"],
                "same_file": dup["file"] == entry["input"],
                "a": a,
                "b": b,
                "jaccard": dup["jaccard"],
                "containment": dup.get("containment"),
            }
    for cluster in report["clusters"]:
        canonical = cluster["canonical"]
        for m in cluster["members"][1:]:
            b = {k: v for k, v in m.items() if k not in ("jaccard", "containment")}
            yield {
                "kind": "cluster",
                "same_file": m["file"] == canonical["file"],
                "a": canonical,
                "b": b,
                "jaccard": m["jaccard"],
                "containment": m.get("containment"),
            }
    for link in report["links"]:
        yield {
            "kind": link["kind"],
            "same_file": False,
            "a": link["a"],
            "b": link["b"],
            "jaccard": link["jaccard"],
            "containment": link["containment"],
        }
    for doc in report["documents"]:
        a = {"file": doc["duplicate_of"]}
        if "indexed" in doc:
            a["indexed"] = doc["indexed"]
        yield {
            "kind": "document",
            "same_file": False,
            "a": a,
            "b": {"file": doc["file"]},
            "jaccard": None,
            "containment": None,
            "score": doc["score"],
            "paragraphs": doc["paragraphs"],
        }
