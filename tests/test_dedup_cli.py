"""`--format jsonl`: one JSON record per duplicate pair on stdout, ready for jq."""

import json
from pathlib import Path

from story_paragraphs import P1, P1_EDITED, P2, P3
from typer.testing import CliRunner

from copydesk.cli.app import app

QUOTE = "Repairs to the main pipeline under the old market square would take three weeks."
KEYS = {"kind", "same_file", "a", "b", "jaccard", "containment"}


def _records(tmp_path: Path, files: dict[str, list[str]]) -> list[dict]:
    src = tmp_path / "in"
    src.mkdir()
    for name, paragraphs in files.items():
        (src / name).write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["clean", str(src), "--out", str(tmp_path / "out"), "--format", "jsonl"]
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    return [json.loads(line) for line in lines]


def test_every_kind_of_pair_is_one_complete_record(tmp_path):
    records = _records(
        tmp_path,
        {
            "a.txt": [P1, P2, P3, P2],
            "b.txt": [P1_EDITED, P2, P3],
            "c.txt": [QUOTE],
        },
    )
    kinds = sorted(r["kind"] for r in records)
    # P1 edited, P2 (twice in a.txt, once in b.txt), P3: four cluster members past the
    # canonical ones; the quote is inside P1 (contained) and shares a run with the
    # edited P1 (passage); b.txt copies a.txt, and c.txt is all quote.
    assert kinds == [
        "cluster",
        "cluster",
        "cluster",
        "cluster",
        "contained",
        "document",
        "document",
        "duplicate",
        "passage",
    ]
    for r in records:
        assert set(r) >= KEYS
        assert {"file"} <= set(r["a"]) and {"file"} <= set(r["b"])
    [inside] = [r for r in records if r["kind"] == "duplicate"]
    assert inside["same_file"] is True
    assert (inside["a"]["paragraph"], inside["b"]["paragraph"]) == (2, 4)
    assert inside["a"]["lines"] == [3, 3] and inside["jaccard"] == 1.0
    edited = next(r for r in records if r["kind"] == "cluster" and r["a"]["paragraph"] == 1)
    assert edited["a"]["file"].endswith("a.txt") and edited["b"]["file"].endswith("b.txt")
    assert 0.5 <= edited["jaccard"] < 1.0
    [link] = [r for r in records if r["kind"] == "contained"]
    assert link["b"]["file"].endswith("c.txt") and link["containment"] >= 0.8
    doc = next(r for r in records if r["kind"] == "document")
    assert doc["a"] == {"file": str(tmp_path / "in" / "a.txt")}
    assert doc["b"] == {"file": str(tmp_path / "in" / "b.txt")}
    assert doc["score"] == 1.0 and doc["paragraphs"] == 3


def test_no_duplicates_means_no_output(tmp_path):
    assert _records(tmp_path, {"a.txt": [P1], "b.txt": [P2]}) == []


def test_report_chunks_are_the_report_bytes():
    from copydesk.core.report import dump_chunks, dumps

    report = {"files": [{"input": "café.txt", "removed": list(range(300_000))}], "n": 1}
    assert b"".join(dump_chunks(report)) == dumps(report).encode("utf-8")


def test_a_directory_without_out_gives_the_pairs_alone(tmp_path):
    # `copydesk clean scrapes/ -f jsonl | jq ...`: asked for the report only, the run
    # writes no clean file anywhere and leaves the inputs as they were.
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(f"{P1}\n\n{P2}\n\nLeave a comment\n", encoding="utf-8")
    (src / "b.txt").write_text(f"{P1_EDITED}\n\n{P3}\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in src.iterdir()}
    result = CliRunner().invoke(app, ["clean", str(src), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    [pair] = [json.loads(line) for line in result.stdout.splitlines()]
    assert pair["kind"] == "cluster" and pair["b"]["file"].endswith("b.txt")
    assert {p: p.read_bytes() for p in src.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]

    report = CliRunner().invoke(app, ["clean", str(src), "--report", "-"])
    assert report.exit_code == 0, report.output
    data = json.loads(report.stdout)
    assert [f["output"] for f in data["files"]] == [None, None]
    assert data["files"][0]["removed"][0]["text"] == "Leave a comment"
    # Without a report asked for, clean text of many files has nowhere to go.
    refused = CliRunner().invoke(app, ["clean", str(src)])
    assert refused.exit_code == 2 and "--out" in refused.stderr


def test_a_report_only_run_matches_the_index_but_does_not_record_into_it(tmp_path):
    # Otherwise the next run with --out would skip these files as already done, and
    # their clean text would never be written.
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(f"{P1}\n\n{P2}\n", encoding="utf-8")
    (src / "b.txt").write_text(f"{P3}\n", encoding="utf-8")
    index = str(tmp_path / "idx")
    peek = CliRunner().invoke(app, ["clean", str(src), "-f", "jsonl", "--index", index])
    assert peek.exit_code == 0, peek.output
    run = CliRunner().invoke(app, ["clean", str(src), "--out", str(tmp_path / "out"),
                                   "--index", index])
    assert run.exit_code == 0, run.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.txt", "b.txt"]
