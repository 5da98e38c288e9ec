"""The JSON report and the JSONL stream of duplicate pairs.

Both are pure functions of the run's results, built in stable order and
without timestamps, so the same inputs give byte-identical reports.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from itertools import pairwise
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any

from . import __version__
from .allocator import MMAP_THRESHOLD
from .fingerprint import ANCHOR_NGRAM, ANCHOR_WINDOW
from .jsontext import encode, key_text, scalar_text, text_of
from .model import Cluster, Member, Pair
from .packed import LazyRecords, PackedRecords, pack_text
from .repair import NORMALIZER_VERSION
from .resolve import document_links

if TYPE_CHECKING:
    from .analyze import FileAnalysis
    from .config import Config
    from .pipeline import Outcome
    from .resolve import Clusters, Links, MemberColumns, Resolution

REPORT_FORMAT = "copydesk-report"
# 2 since session 34: a paragraph closing unrelated pages moved from "clusters" to
# "boilerplate", and document records gained "held" and "inside" (a reader of version 1
# would miscount story clusters without noticing).
REPORT_VERSION = 2


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
    analyses: list[FileAnalysis], outcomes: list[Outcome], resolution: Resolution, config: Config,
    written: dict[str, list[bytes]] | None = None,
) -> dict[str, Any]:
    """`written`: the clusters' and links' record texts written already (`written_part` of
    every part of `section_parts`, in order), by section."""
    written = written or {}
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
        "clusters": LazyRecords(resolution.clusters, _cluster, _cluster_text, _cluster_texts,
                                _written(written, "clusters")),
        "links": LazyRecords(resolution.links, _link, _link_text, _link_texts,
                             _written(written, "links")),
        # Clusters of a closing paragraph under unrelated documents (a disclaimer): the
        # same text, no story copied (`resolve._boilerplate`). Few: plain records.
        "boilerplate": [_cluster(c) for c in resolution.boilerplate],
        "documents": [
            {
                "file": d.file,
                "duplicate_of": d.duplicate_of,
                "score": d.score,
                "held": d.held,
                "inside": d.inside,
                "paragraphs": d.paragraphs,
                **({"indexed": d.earlier_run} if d.earlier_run else {}),
            }
            for d in document_links(resolution)
        ],
        "summary": {
            "files": len(outcomes),
            "ok": totals["ok"],
            "skipped": totals["skipped"],
            "errors": totals["error"],
            "duplicate_documents": len(resolution.doc_dups),
            "documents_held": len(resolution.doc_held),
            "dropped_documents": totals["duplicate"],
            "paragraphs": totals["paragraphs"],
            "kept": totals["kept"],
            "removed": totals["paragraphs"] - totals["kept"],
            "removed_by_reason": dict(sorted(reasons.items())),
            "clusters": len(resolution.clusters),
            "boilerplate": len(resolution.boilerplate),
            "links": len(resolution.links),
        },
    }


def _written(written: dict[str, list[bytes]], section: str) -> tuple[str, list[bytes]] | None:
    return (RECORD_INDENT, written[section]) if section in written else None


def dumps(report: dict[str, Any]) -> str:
    """The report as `json.dumps(report, ensure_ascii=False, indent=2)` writes it, plus a
    newline (packed and lazy records written as the lists they hold)."""
    return "".join(_pieces(report))


# Characters joined, encoded and written at a time. A chunk of text in one or two bytes a
# character, and its bytes, stay below glibc's mmap threshold (`allocator.py`), in memory
# the last chunk freed: chunks of a MB were each mapped twice and faulted in page by page,
# 35,000 page faults (a fifth of the writing's CPU) on the 10,000-file corpus's report.
REPORT_CHUNK = MMAP_THRESHOLD // 4


def dump_chunks(report: dict[str, Any]) -> Iterator[bytes]:
    """The bytes of `dumps(report)`, encoded piece by piece: for writing a large report
    (hundreds of MB on a 100,000-file corpus) without holding it whole as one string."""
    buffer: list[str] = []
    size = 0
    for piece in _pieces(report):
        buffer.append(piece)
        size += len(piece)
        if size >= REPORT_CHUNK:
            yield "".join(buffer).encode("utf-8")
            buffer, size = [], 0
    yield "".join(buffer).encode("utf-8")


# Where the report nests a record of one of its sections, and a file's removed-line records.
RECORD_INDENT = "    "
REMOVED_INDENT = RECORD_INDENT + "  "


def packed_removed(records: list[dict[str, Any]]) -> PackedRecords:
    """A file's removed-line records as the report will hold them: encoded already (by the
    worker that rendered the file), compressed, with their tally."""
    return PackedRecords(records, summary=removed_tally(records), indent=REMOVED_INDENT)


def _pieces(report: dict[str, Any]) -> Iterator[str]:
    # json's own layout for indent=2, written key by key and record by record, so that
    # lazy records are made (and dropped) one at a time.
    if not report:
        yield "{}\n"
        return
    yield "{"
    for n, (key, value) in enumerate(report.items()):
        yield ("\n  " if n == 0 else ",\n  ") + key_text(key) + ": "
        if isinstance(value, LazyRecords | list):
            # Record by record: the files section of a large run is hundreds of MB of
            # JSON, which must never be one string.
            if not len(value):
                yield "[]"
                continue
            yield "["
            opening = "\n" + RECORD_INDENT
            if isinstance(value, LazyRecords):
                for text in value.texts(RECORD_INDENT):
                    yield opening + text
                    opening = ",\n" + RECORD_INDENT
            else:
                for record in value:
                    out = [opening]
                    encode(record, RECORD_INDENT, out)
                    yield "".join(out)
                    opening = ",\n" + RECORD_INDENT
            yield "\n  ]"
        else:
            out = []
            encode(value, "  ", out)
            yield "".join(out)
    yield "\n}\n"


# The records of clusters and links written straight from the resolution's objects: the
# text `encode(_cluster(c))` gives, without the dicts (most of a large report's records).
def _number(value: Any, indent: str) -> str:
    return scalar_text(value) if type(value) is float else text_of(value, indent)


def _member_text(m: Member, canonical: bool, indent: str) -> str:
    if not (type(m.file) is str and type(m.paragraph) is int and type(m.start) is int
            and type(m.end) is int):
        return text_of(_member(m, canonical), indent)
    i1 = indent + "  "
    i2 = i1 + "  "
    text = (f'{{\n{i1}"file": {encode_basestring(m.file)},\n{i1}"paragraph": {m.paragraph},'
            f'\n{i1}"lines": [\n{i2}{m.start},\n{i2}{m.end}\n{i1}]')
    if not canonical:
        text += f',\n{i1}"jaccard": {_number(m.jaccard, i1)}'
        if m.containment is not None:
            text += f',\n{i1}"containment": {_number(m.containment, i1)}'
    if m.earlier_run is not None:
        text += f',\n{i1}"indexed": {text_of(m.earlier_run, i1)}'
    return text + "\n" + indent + "}"


def _cluster_text(c: Cluster, indent: str) -> str:
    i1 = indent + "  "
    i2 = i1 + "  "
    files = len({m.file for m in c.members})
    members = (",\n" + i2).join(
        _member_text(m, i == 0, i2) for i, m in enumerate(c.members))
    return (f'{{\n{i1}"canonical": {_member_text(c.members[0], True, i1)},\n{i1}"files": '
            f'{files},\n{i1}"members": [\n{i2}{members}\n{i1}]\n{indent}}}')


def _link_text(p: Pair, indent: str) -> str:
    i1 = indent + "  "
    return (f'{{\n{i1}"kind": {text_of(p.kind, i1)},\n{i1}"a": {_member_text(p.a, True, i1)},'
            f'\n{i1}"b": {_member_text(p.b, True, i1)},\n{i1}"jaccard": '
            f'{_number(p.jaccard, i1)},\n{i1}"containment": {_number(p.containment, i1)}'
            f'\n{indent}}}')


# The same texts again, written from the resolution's columns a block at a time
# (`column_blocks`) rather than from a `Member` per member and a record per cluster or link:
# most of a large report's records, written while the other core idles. Each file's name is
# encoded once, not once per member.
def _encoded_names(names: list[str]) -> list[str] | None:
    """Each name as a JSON string, or None when one is not a plain str (the records' own
    path then writes them, as `_member_text` would; so it does for sequences that are not
    a resolution's columns)."""
    if not all(type(name) is str for name in names):
        return None
    return [encode_basestring(name) for name in names]


def _member_texts(cols: MemberColumns, names: list[str], indent: str) -> list[str]:
    """Each member's text at `indent` up to, not including, its scores and closing brace."""
    i1 = indent + "  "
    i2 = i1 + "  "
    heads = [
        f'{{\n{i1}"file": {names[f]},\n{i1}"paragraph": {p},\n{i1}"lines": [\n{i2}{s},'
        f'\n{i2}{e}\n{i1}]'
        for f, p, s, e in zip(cols.file, cols.paragraph, cols.start, cols.end, strict=True)]
    if cols.earlier is not None:
        heads = [head if run is None else f'{head},\n{i1}"indexed": {text_of(run, i1)}'
                 for head, run in zip(heads, cols.earlier, strict=True)]
    return heads


def _scores(jaccard: float, containment: float | None, indent: str) -> str:
    text = f',\n{indent}"jaccard": {_number(jaccard, indent)}'
    if containment is not None:
        text += f',\n{indent}"containment": {_number(containment, indent)}'
    return text


def _cluster_texts(clusters: Clusters, indent: str, names: list[str] | None = None
                   ) -> Iterator[str]:
    """`_cluster_text` of every cluster (of any sequence of `Cluster`s, these from their
    columns). `names`: `_encoded_names(clusters.file_names)`, when the caller has them."""
    if names is None:
        names = (_encoded_names(clusters.file_names) if hasattr(clusters, "column_blocks")
                 else None)
    if names is None:
        yield from (_cluster_text(c, indent) for c in clusters)
        return
    raw = clusters.file_names
    i1 = indent + "  "
    i2 = i1 + "  "
    i3 = i2 + "  "
    close1, close2 = "\n" + i1 + "}", "\n" + i2 + "}"
    for bounds, cols, jac, con in clusters.column_blocks():
        at_i1 = _member_texts(cols, names, i1)
        at_i2 = _member_texts(cols, names, i2)
        runs = cols.earlier or [None] * len(jac)
        for a, b in pairwise(bounds):
            # The canonical member's text has no scores.
            members = [at_i2[a] + close2] + [
                _with_scores(at_i2[k], runs[k], jac[k], con[k], i3) + close2
                for k in range(a + 1, b)]
            files = len({raw[f] for f in cols.file[a:b]})
            yield (f'{{\n{i1}"canonical": {at_i1[a]}{close1},\n{i1}"files": {files},'
                   f'\n{i1}"members": [\n{i2}' + (",\n" + i2).join(members)
                   + f'\n{i1}]\n{indent}}}')


def _with_scores(head: str, run: str | None, jaccard: float, containment: float | None,
                 indent: str) -> str:
    """A member's head with its scores, which `_member_text` writes before "indexed"."""
    if run is None:
        return head + _scores(jaccard, containment, indent)
    tail = f',\n{indent}"indexed": {text_of(run, indent)}'
    return head[: len(head) - len(tail)] + _scores(jaccard, containment, indent) + tail


def _link_texts(links: Links, indent: str, names: list[str] | None = None) -> Iterator[str]:
    """`_link_text` of every link (of any sequence of `Pair`s, these from their columns)."""
    if names is None:
        names = _encoded_names(links.file_names) if hasattr(links, "column_blocks") else None
    if names is None:
        yield from (_link_text(p, indent) for p in links)
        return
    i1 = indent + "  "
    close = "\n" + i1 + "}"
    for kinds, a, b, jac, con in links.column_blocks():
        for kind, x, y, j, c in zip(kinds, _member_texts(a, names, i1),
                                    _member_texts(b, names, i1), jac, con, strict=True):
            yield (f'{{\n{i1}"kind": {text_of(kind, i1)},\n{i1}"a": {x}{close},\n{i1}"b": '
                   f'{y}{close},\n{i1}"jaccard": {_number(j, i1)},\n{i1}"containment": '
                   f'{_number(c, i1)}\n{indent}}}')


# The clusters' and links' records are written by the processes that write the outputs, in
# parallel with them, a part at a time: encoded in the parent after the outputs, they were a
# third of the report's writing, while the other core idled.
RECORDS_PER_PART = 16384
_SECTION_TEXTS = {"clusters": _cluster_texts, "links": _link_texts}


def section_parts(resolution: Resolution) -> list[tuple[str, int, int]]:
    """The report's clusters and links cut into runs of records: (section, lo, hi)."""
    return [(section, lo, min(lo + RECORDS_PER_PART, n))
            for section, n in (("clusters", len(resolution.clusters)),
                               ("links", len(resolution.links)))
            for lo in range(0, n, RECORDS_PER_PART)]


def section_names(resolution: Resolution, section: str) -> list[str] | None:
    """The file names a section's records write, encoded (`written_part`'s `names`)."""
    return _encoded_names(getattr(resolution, section).file_names)


def written_part(resolution: Resolution, section: str, lo: int, hi: int,
                 names: list[str] | None) -> bytes:
    """Records lo..hi-1 of a section as the report writes them at its records' indent, joined
    as its list joins them, packed: a part of `build_report`'s `written`."""
    records = getattr(resolution, section).part(lo, hi)
    return pack_text((",\n" + RECORD_INDENT).join(
        _SECTION_TEXTS[section](records, RECORD_INDENT, names)))


def pair_records(report: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """One record per duplicate pair, from the report (the JSONL stream of `--format jsonl`).

    Every record has: kind, same_file, a (the earlier paragraph, or document), b (the
    later one), jaccard, containment. Kinds: "duplicate" (a repeat inside a file, dropped),
    "seen-paragraph" (dropped by --drop-seen-paragraphs), "cluster" (a cluster member and
    its canonical member), "boilerplate" (the same, of a closing paragraph under unrelated
    documents: a disclaimer), "contained" and "passage" (links; and "near" or "contained"
    between two paragraphs of one file when the later stays: a near repeat alone amid
    text that does not repeat), "document" (a document
    copying an earlier one, or held by a later one: a and b name files, `score` is the
    share of b's body tokens found in a, `held` the share of a's found in b, `inside` which
    is mostly inside the other ("file": b, "duplicate_of": a, or "both"), `paragraphs` how
    many of b's paragraphs matched; jaccard is null).
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
    for kind, clusters in (("cluster", report["clusters"]),
                           ("boilerplate", report.get("boilerplate", ()))):
        for cluster in clusters:
            canonical = cluster["canonical"]
            for m in cluster["members"][1:]:
                b = {k: v for k, v in m.items() if k not in ("jaccard", "containment")}
                yield {
                    "kind": kind,
                    "same_file": m["file"] == canonical["file"],
                    "a": canonical,
                    "b": b,
                    "jaccard": m["jaccard"],
                    "containment": m.get("containment"),
                }
    for link in report["links"]:
        yield {
            "kind": link["kind"],
            "same_file": link["a"]["file"] == link["b"]["file"],
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
            "held": doc["held"],
            "inside": doc["inside"],
            "paragraphs": doc["paragraphs"],
        }
