"""The duplicate report as a news editor reads it (issue 4), on a folder of invented pages
whose links were written by hand: the same wire story republished by several outlets, and
pairs that must not link (template paragraphs with other facts, two outlets' own stories,
correction notices, legal boilerplate).

    python bench/syndication.py [FIXTURE]     (default tests/fixtures/dupes37)

runs `copydesk clean FIXTURE/in --report R.json` and `--format jsonl` as a user does, and
scores paragraph pairs (precision, recall, by case) and document links against
FIXTURE/expected.json (its "about" says how to read it). Both outputs must give the same
pairs. A reported paragraph pair is every two members of a cluster in different files, and
every two paragraphs a contained or passage link joins, with the copies of the same text
(the same matching form) of each: the report names one pair of first copies per link.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

import ftfy

from copydesk.core.fingerprint import matching_form

REPO = Path(__file__).resolve().parent.parent
Ref = tuple[str, int]  # (file relative to the input folder, paragraph's first line, from 1)
Pair = tuple[Ref, Ref]


def _pair(x: Ref, y: Ref) -> Pair:
    return (x, y) if x <= y else (y, x)


def locate(folder: Path, file: str, snippet: str) -> Ref:
    """The line of `file` (as ftfy reads it: copies may be mojibake) holding `snippet`."""
    lines = (folder / file).read_text(encoding="utf-8").splitlines()
    found = [i for i, line in enumerate(lines, 1) if snippet in ftfy.fix_text(line)]
    if len(found) != 1:
        raise ValueError(f"{file}: {snippet!r} is on lines {found}, not on one line")
    return (file, found[0])


@dataclass
class Reported:
    pairs: dict[Pair, str] = field(default_factory=dict)  # pair -> "cluster" or a link's kind
    documents: set[tuple[str, str]] = field(default_factory=set)
    boilerplate: set[Pair] = field(default_factory=set)  # members of a boilerplate cluster


def _ref(member: dict, folder: Path) -> Ref:
    return (Path(member["file"]).resolve().relative_to(folder.resolve()).as_posix(),
            member["lines"][0])


def _form(folder: Path, ref: Ref) -> str:
    line = (folder / ref[0]).read_text(encoding="utf-8").splitlines()[ref[1] - 1]
    return matching_form(ftfy.fix_text(line))


def from_report(report: dict, folder: Path) -> Reported:
    """Paragraph pairs and document pairs of a JSON report."""
    out = Reported()
    copies: dict[str, set[Ref]] = {}  # matching form -> the clusters' paragraphs holding it
    for cluster in report["clusters"]:
        members = [_ref(m, folder) for m in cluster["members"]]
        for m in members:
            copies.setdefault(_form(folder, m), set()).add(m)
        for x, y in combinations(members, 2):
            if x[0] != y[0]:
                out.pairs.setdefault(_pair(x, y), "cluster")
    for cluster in report.get("boilerplate", ()):
        members = [_ref(m, folder) for m in cluster["members"]]
        out.boilerplate |= {_pair(x, y) for x, y in combinations(members, 2) if x[0] != y[0]}
    for link in report["links"]:
        a, b = _ref(link["a"], folder), _ref(link["b"], folder)
        for x in copies.get(_form(folder, a), {a}) | {a}:
            for y in copies.get(_form(folder, b), {b}) | {b}:
                if x[0] != y[0]:
                    out.pairs.setdefault(_pair(x, y), link["kind"])
    for doc in report["documents"]:
        names = (Path(doc[k]).resolve().relative_to(folder.resolve()).as_posix()
                 for k in ("file", "duplicate_of"))
        out.documents.add(tuple(sorted(names)))
    return out


def from_jsonl(lines: list[str], folder: Path) -> Reported:
    """The same from `--format jsonl` records (clusters come as member / canonical pairs)."""
    records = [json.loads(line) for line in lines if line.strip()]
    def grouped(kind: str) -> list[dict]:
        members: dict[Ref, Ref] = {}  # member -> canonical member
        for r in records:
            if r["kind"] == kind:
                members[_ref(r["b"], folder)] = _ref(r["a"], folder)
        clusters: dict[Ref, list[Ref]] = {}
        for m, c in members.items():
            clusters.setdefault(c, [c]).append(m)
        return [{"members": [{"file": str(folder / f), "lines": [n, n]} for f, n in group]}
                for group in clusters.values()]

    report = {"clusters": grouped("cluster"), "boilerplate": grouped("boilerplate"),
              "links": [{"kind": r["kind"], "a": {"file": r["a"]["file"], "lines": r["a"]["lines"]},
                         "b": {"file": r["b"]["file"], "lines": r["b"]["lines"]}}
                        for r in records if r["kind"] in ("contained", "passage", "near")
                        and not r["same_file"]],
              "documents": [{"file": r["b"]["file"], "duplicate_of": r["a"]["file"]}
                            for r in records if r["kind"] == "document"]}
    return from_report(report, folder)


def run(folder: Path, work: Path) -> tuple[Reported, Reported]:
    """`copydesk clean` on the folder, as a user runs it: the report, and jsonl."""
    exe = Path(sys.executable).parent / "copydesk"
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "copydesk.cli.entry"]
    report_path = work / "report.json"
    subprocess.run([*command, "clean", str(folder), "--out", str(work / "out"), "--report",
                    str(report_path), "--quiet"], check=True)
    jsonl = subprocess.run([*command, "clean", str(folder), "--out", str(work / "out2"),
                            "--format", "jsonl", "--quiet"], check=True, capture_output=True,
                           text=True).stdout.splitlines()
    report = json.loads(report_path.read_text(encoding="utf-8"))
    return from_report(report, folder), from_jsonl(jsonl, folder)


def listing(reported: Reported) -> dict[str, list[str]]:
    """The reported pairs and document links as sorted lines of text (a golden file's)."""
    return {"pairs": sorted(f"{x[0]}:{x[1]} ~ {y[0]}:{y[1]} {kind}"
                            for (x, y), kind in reported.pairs.items()),
            "documents": sorted(f"{a} ~ {b}" for a, b in reported.documents),
            "boilerplate": sorted(f"{x[0]}:{x[1]} ~ {y[0]}:{y[1]}"
                                  for x, y in reported.boilerplate)}


@dataclass
class Score:
    rows: list[tuple[str, str, int, int, list[Pair]]]  # id, kind, expected, linked, missed
    wrong: list[tuple[Pair, str]]  # pairs reported that no case expects, with their kind
    doc_rows: list[tuple[list[str], int]]  # group, members joined to another member
    doc_wrong: list[tuple[str, str]]
    boilerplate: tuple[int, int, int] = (0, 0, 0)  # expected, reported as such, reported wrongly

    @property
    def expected(self) -> int:
        return sum(r[2] for r in self.rows)

    @property
    def linked(self) -> int:
        return sum(r[3] for r in self.rows)

    @property
    def recall(self) -> float:
        return self.linked / max(self.expected, 1)

    @property
    def precision(self) -> float:
        return self.linked / max(self.linked + len(self.wrong), 1)


def score(fixture: Path, reported: Reported) -> Score:
    folder = fixture / "in"
    truth = json.loads((fixture / "expected.json").read_text(encoding="utf-8"))
    neutral = {locate(folder, f, s) for f, s in truth["neutral"]}
    expected: set[Pair] = set()
    rows = []
    for case in truth["same"]:
        refs = [locate(folder, f, s) for f, s in case["members"]]
        pairs = {_pair(x, y) for x, y in combinations(refs, 2) if x[0] != y[0]}
        expected |= pairs
        missed = sorted(p for p in pairs if p not in reported.pairs)
        rows.append((case["id"], case["kind"], len(pairs), len(pairs) - len(missed), missed))
    wrong = sorted((p, k) for p, k in reported.pairs.items()
                   if p not in expected and p[0] not in neutral and p[1] not in neutral)
    groups = [sorted(g) for g in truth["documents"]]
    group_of = {f: i for i, g in enumerate(groups) for f in g}
    doc_rows = []
    for i, group in enumerate(groups):
        joined = {f for pair in reported.documents for f in pair
                  if group_of.get(pair[0]) == group_of.get(pair[1]) == i}
        doc_rows.append((group, len(joined)))
    doc_wrong = sorted(p for p in reported.documents
                       if group_of.get(p[0]) is None or group_of.get(p[0]) != group_of.get(p[1]))
    # Paragraphs that close unrelated pages word for word (a disclaimer): the same text, no
    # story; expected apart from the clusters of stories.
    closing = [locate(folder, f, t) for f, t in truth.get("boilerplate", [])]
    closing_pairs = {_pair(x, y) for x, y in combinations(closing, 2) if x[0] != y[0]}
    boilerplate = (len(closing_pairs), len(closing_pairs & reported.boilerplate),
                   len(reported.boilerplate - closing_pairs))
    return Score(rows, wrong, doc_rows, doc_wrong, boilerplate)


def render(result: Score, folder: Path) -> str:
    def text(ref: Ref) -> str:
        line = (folder / ref[0]).read_text(encoding="utf-8").splitlines()[ref[1] - 1]
        return f"{ref[0]}:{ref[1]} {ftfy.fix_text(line)[:60]!r}"

    out = ["| case | what the copies did | pairs | linked |", "| --- | --- | ---: | ---: |"]
    out += [f"| {i} | {k} | {n} | {m} |" for i, k, n, m, _ in result.rows]
    out.append(f"\nparagraph pairs: recall {result.recall:.3f} ({result.linked} of "
               f"{result.expected}), precision {result.precision:.3f} "
               f"({len(result.wrong)} wrong)")
    for i, _, _, _, missed in result.rows:
        for x, y in missed:
            out.append(f"  missed [{i}] {text(x)}  ~  {text(y)}")
    for (x, y), kind in result.wrong:
        out.append(f"  wrong ({kind}) {text(x)}  ~  {text(y)}")
    expected, found, wrong = result.boilerplate
    out.append(f"boilerplate pairs (reported apart from clusters): {found} of {expected}, "
               f"{wrong} that no case expects")
    for group, joined in result.doc_rows:
        out.append(f"documents {group[0].split('/')[0]}: {joined} of {len(group)} copies "
                   "linked to another copy")
    for a, b in result.doc_wrong:
        out.append(f"  wrong document link {a} ~ {b}")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("fixture", nargs="?", type=Path,
                        default=REPO / "tests" / "fixtures" / "dupes37")
    parser.add_argument("--golden", type=Path, help="write the reported pairs here")
    args = parser.parse_args()
    folder = args.fixture / "in"
    with tempfile.TemporaryDirectory() as work:
        from_json, from_lines = run(folder, Path(work))
    if from_json.pairs.keys() != from_lines.pairs.keys() or (
            from_json.documents != from_lines.documents) or (
            from_json.boilerplate != from_lines.boilerplate):
        sys.exit("the report and --format jsonl give different pairs")
    if args.golden:
        args.golden.write_text(json.dumps(listing(from_json), indent=1, ensure_ascii=False)
                               + "\n", encoding="utf-8")
    print(render(score(args.fixture, from_json), folder))


if __name__ == "__main__":
    main()
