"""Decisions from verified pairs: within-file drops, clusters, links, documents, policies."""

import json
from pathlib import Path

from typer.testing import CliRunner

from copydesk.cli.app import app

P1 = (
    "The regional water authority said on Thursday that repairs to the main pipeline under "
    "the old market square would take at least three more weeks to complete."
)
P1_EDITED = (
    "The regional water authority said Thursday that repairs on the main pipeline under "
    "the old market square would take at least three more weeks to finish."
)
P2 = (
    "Shop owners around the square have complained that the closed road has cut the number "
    "of customers walking past their doors by almost half since the start of the month."
)
P3 = (
    "A spokesperson for the authority apologised for the disruption and promised that "
    "traffic would be allowed back into the square as soon as the pipes were tested."
)
P4 = (
    "Council members will discuss compensation for affected businesses at their next "
    "meeting, which is scheduled for the second Tuesday of next month in the town hall."
)
OTHER = (
    "The library on Bridge Street will stay open late on Wednesdays through the summer, "
    "with reading clubs for children and a quiet room for students preparing exams."
)


def _write(root: Path, files: dict[str, list[str]]) -> None:
    for name, paragraphs in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")


def _run(tmp_path: Path, files: dict[str, list[str]], *flags: str) -> dict:
    src = tmp_path / "in"
    _write(src, files)
    report = tmp_path / "report.json"
    result = CliRunner().invoke(
        app, ["clean", str(src), "--out", str(tmp_path / "out"), "--report", str(report), *flags]
    )
    assert result.exit_code == 0, result.output
    return json.loads(report.read_text(encoding="utf-8"))


def _entry(report: dict, name: str) -> dict:
    return next(f for f in report["files"] if f["input"].endswith(name))


def test_repeat_inside_a_file_is_dropped_and_points_at_the_kept_paragraph(tmp_path):
    report = _run(tmp_path, {"a.txt": [P1, P2, P1_EDITED, P2]})
    removed = _entry(report, "a.txt")["removed"]
    assert [(r["paragraph"], r["reason"]["duplicate_of"]["paragraph"]) for r in removed] == [
        (3, 1),
        (4, 2),
    ]
    assert 0.5 <= removed[0]["reason"]["duplicate_of"]["jaccard"] < 1.0
    assert removed[1]["reason"]["duplicate_of"]["jaccard"] == 1.0
    out = (tmp_path / "out" / "a.txt").read_text(encoding="utf-8")
    assert out == f"{P1}\n\n{P2}\n"


def test_across_files_near_duplicates_cluster_with_the_first_as_canonical(tmp_path):
    report = _run(tmp_path, {"b.txt": [OTHER, P1_EDITED], "a.txt": [P1, P2]})
    [cluster] = report["clusters"]
    assert cluster["canonical"]["file"].endswith("a.txt")
    assert [m["file"][-5:] for m in cluster["members"]] == ["a.txt", "b.txt"]
    assert 0.5 <= cluster["members"][1]["jaccard"] < 1.0
    # By default, copies in other files are reported, not removed.
    assert (tmp_path / "out" / "b.txt").read_text(encoding="utf-8") == f"{OTHER}\n\n{P1_EDITED}\n"


def test_syndicated_copy_is_a_document_duplicate_and_can_be_left_out(tmp_path):
    files = {"a.txt": [P1, P2, P3, P4], "b.txt": [P1_EDITED, P2, P3, P4], "c.txt": [OTHER]}
    report = _run(tmp_path, files)
    [doc] = report["documents"]
    assert doc["file"].endswith("b.txt") and doc["duplicate_of"].endswith("a.txt")
    assert doc["score"] == 1.0 and doc["paragraphs"] == 4
    dropped = _run(tmp_path / "again", files, "--drop-duplicate-docs")
    assert _entry(dropped, "b.txt")["status"] == "duplicate"
    assert not (tmp_path / "again" / "out" / "b.txt").exists()
    assert (tmp_path / "again" / "out" / "a.txt").exists()


def test_drop_seen_paragraphs_removes_what_an_earlier_file_already_has(tmp_path):
    files = {"a.txt": [P1, P2], "b.txt": [P1_EDITED, OTHER]}
    report = _run(tmp_path, files, "--drop-seen-paragraphs")
    [removed] = _entry(report, "b.txt")["removed"]
    assert removed["reason"]["rule"] == "seen-paragraph"
    assert removed["reason"]["duplicate_of"]["file"].endswith("a.txt")
    assert (tmp_path / "out" / "b.txt").read_text(encoding="utf-8") == f"{OTHER}\n"
    assert (tmp_path / "out" / "a.txt").read_text(encoding="utf-8") == f"{P1}\n\n{P2}\n"


def test_short_paragraph_quoted_inside_a_longer_one_is_linked_not_clustered(tmp_path):
    quote = "Repairs to the main pipeline under the old market square would take three weeks."
    report = _run(tmp_path, {"a.txt": [quote, OTHER], "b.txt": [P1, P2]})
    assert report["clusters"] == []
    [link] = report["links"]
    assert link["kind"] == "contained"
    assert link["a"]["file"].endswith("a.txt") and link["b"]["file"].endswith("b.txt")
    assert link["containment"] >= 0.8


def test_a_line_repeated_in_every_file_is_one_cluster(tmp_path):
    line = "The harbour walk remains the best place to watch the fishing boats come in at dusk."
    stories = [P1, P2, P3, P4, OTHER]
    files = {f"d{k:03d}.txt": [stories[k % 5], line] for k in range(60)}
    report = _run(tmp_path, files)
    repeated = [c for c in report["clusters"] if c["files"] == 60]
    assert len(repeated) == 1
    assert repeated[0]["canonical"] == {
        "file": repeated[0]["members"][0]["file"],
        "paragraph": 2,
        "lines": [3, 3],
    }
    assert repeated[0]["canonical"]["file"].endswith("d000.txt")
    assert len(repeated[0]["members"]) == 60
