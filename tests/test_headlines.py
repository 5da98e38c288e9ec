"""A body line that is another file's headline is a related-article link, and goes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from copydesk.cli.app import app

FIXTURES = Path(__file__).parent / "fixtures" / "headlines"
HEADLINE = "Harbour ferry fares to rise for the summer season"
A, B = "ferry-fares.txt", "lighthouse-links-ferry.txt"  # B links to A in its body, line 2


def _copy(tmp_path, *names):
    for name in names:
        shutil.copy(FIXTURES / name, tmp_path / name)


def _clean(tmp_path, names, out="out"):
    args = ["clean", *[str(tmp_path / n) for n in names], "--out", str(tmp_path / out),
            "--report", str(tmp_path / f"{out}.json")]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / f"{out}.json").read_text())
    return {f["input"].rsplit("/", 1)[-1]: f for f in report["files"]}


def test_another_files_headline_inside_a_body_is_removed(tmp_path):
    _copy(tmp_path, A, B)
    files = _clean(tmp_path, [B, A])
    [link] = files[B]["removed"]
    assert link["lines"] == [2, 2] and link["reason"]["rule"] == "related-headline"
    assert A in link["reason"]["detail"]
    assert HEADLINE in (FIXTURES / B).read_text()
    assert HEADLINE not in (tmp_path / "out" / B).read_text()
    # The linked article keeps its headline, as metadata.
    assert files[A]["metadata"]["headline"] == [HEADLINE]
    # Cleaning the outputs again changes nothing.
    again = tmp_path / "again"
    _clean(tmp_path / "out", [A, B], out=str(again))
    for name in (A, B):
        assert (again / name).read_text() == (tmp_path / "out" / name).read_text()


def test_alone_the_line_is_kept(tmp_path):
    _copy(tmp_path, B)
    files = _clean(tmp_path, [B])
    assert not any(r["reason"]["rule"] == "related-headline" for r in files[B]["removed"])
    assert HEADLINE in (tmp_path / "out" / B).read_text()


def test_the_headline_of_a_file_indexed_by_an_earlier_run_counts_too(tmp_path):
    """A cron run that gets only the linking article still knows the linked one."""
    _copy(tmp_path, A, B)
    index = tmp_path / ".copydesk"
    first = CliRunner().invoke(app, ["clean", str(tmp_path / A), "--out", str(tmp_path / "o1"),
                                     "--index", str(index)])
    assert first.exit_code == 0, first.output
    second = CliRunner().invoke(app, ["clean", str(tmp_path / B), "--out", str(tmp_path / "o2"),
                                      "--index", str(index), "--report",
                                      str(tmp_path / "r2.json")])
    assert second.exit_code == 0, second.output
    [entry] = json.loads((tmp_path / "r2.json").read_text())["files"]
    [link] = [r for r in entry["removed"] if r["reason"]["rule"] == "related-headline"]
    assert link["lines"] == [2, 2]
    assert A in link["reason"]["detail"] and "indexed" in link["reason"]["detail"]
    assert HEADLINE not in (tmp_path / "o2" / B).read_text()
    # Changed, the linked file is forgotten with its headline: the link is kept again.
    (tmp_path / A).write_text("A different story now, about the weather on the islands.\n")
    CliRunner().invoke(app, ["index", "update", str(tmp_path / A), "--index", str(index)])
    shutil.copy(tmp_path / B, tmp_path / "again.txt")  # B itself is indexed, so skipped
    third = CliRunner().invoke(app, ["clean", str(tmp_path / "again.txt"), "--out",
                                     str(tmp_path / "o3"), "--index", str(index)])
    assert third.exit_code == 0, third.output
    assert HEADLINE in (tmp_path / "o3" / "again.txt").read_text()


WIRE_A, WIRE_B = "wire-cranes-outlet-a.txt", "wire-cranes-outlet-b.txt"
WIRE_HEADLINE = "Harbour cranes halted as dockworkers strike over night shifts"


def test_the_same_storys_headline_is_the_files_own_headline(tmp_path):
    """A wire story republished: outlet B set the headline under the first paragraph, where
    its layout does not read as a headline. It is still B's headline (metadata), not a link
    to A's article."""
    _copy(tmp_path, WIRE_A, WIRE_B)
    files = _clean(tmp_path, [WIRE_B, WIRE_A])
    [line] = [r for r in files[WIRE_B]["removed"] if r["text"] == WIRE_HEADLINE]
    assert line["reason"]["rule"] == "headline"
    assert line["reason"]["label"] == "metadata"
    assert WIRE_A in line["reason"]["detail"]
    assert files[WIRE_B]["metadata"]["headline"] == [WIRE_HEADLINE]
    assert WIRE_HEADLINE not in (tmp_path / "out" / WIRE_B).read_text()
    # The same in any order, and cleaning the outputs again changes nothing.
    assert _clean(tmp_path, [WIRE_A, WIRE_B], out="o2")[WIRE_B] == {
        **files[WIRE_B], "output": str(tmp_path / "o2" / WIRE_B)}
    again = tmp_path / "again"
    _clean(tmp_path / "out", [WIRE_A, WIRE_B], out=str(again))
    for name in (WIRE_A, WIRE_B):
        assert (again / name).read_text() == (tmp_path / "out" / name).read_text()


def test_another_storys_headline_stays_a_link_beside_a_wire_copy(tmp_path):
    """The wire copy's own headline does not make other files' headlines its own: B's link
    to the ferry story (A) is still a related headline."""
    _copy(tmp_path, A, B, WIRE_A, WIRE_B)
    files = _clean(tmp_path, [A, B, WIRE_A, WIRE_B])
    [link] = files[B]["removed"]
    assert link["reason"]["rule"] == "related-headline"
