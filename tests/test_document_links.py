"""Document links both ways (issue 4, session 34): a trimmed copy of a wire story that sorts
before the fuller copies is inside them while none of them is inside it; an editor wants
it linked to its story all the same. tests/fixtures/dupes38 holds invented Italian, Dutch
and Polish stories whose first file in sorted order is such a copy (expected.json says
which files are one story, written by hand; golden.json is the report's pairs and
document links for the folder)."""

import importlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from copydesk.cli.app import app

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "dupes38"
FOLDER = FIXTURE / "in"
# The trimmed copies that sort first, and the later copy each is linked back to.
HELD = {"it/breve-corriereadige.txt": "it/copy-gazzettinoalpi.txt",
        "nl/kort-noordhollandsdagblad.txt": "nl/wire-anp.txt",
        "pl/skrot-gazetakrakowska.txt": "pl/wire-pap.txt"}


def _syndication():
    sys.path.insert(0, str(REPO / "bench"))
    try:
        return importlib.import_module("syndication")
    finally:
        sys.path.remove(str(REPO / "bench"))


def _clean(args: list) -> None:
    result = CliRunner().invoke(app, ["clean", *map(str, args), "--quiet"])
    assert result.exit_code == 0, result.output


def _documents(report_path: Path, root: Path) -> dict[tuple[str, str], dict]:
    """The report's document links by (later file, earlier file), relative to `root`."""
    report = json.loads(report_path.read_text(encoding="utf-8"))

    def rel(name: str) -> str:
        return Path(name).resolve().relative_to(root.resolve()).as_posix()

    return {(rel(d["file"]), rel(d["duplicate_of"])): d for d in report["documents"]}


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("documents")
    _clean([FOLDER, "--out", out / "out", "--report", out / "r.json"])
    return out / "r.json"


def test_report_pairs_and_document_links_are_the_golden_ones(report):
    syndication = _syndication()
    reported = syndication.from_report(json.loads(report.read_text(encoding="utf-8")), FOLDER)
    golden = json.loads((FIXTURE / "golden.json").read_text(encoding="utf-8"))
    assert syndication.listing(reported) == golden
    score = syndication.score(FIXTURE, reported)
    assert all(joined == len(group) for group, joined in score.doc_rows), score.doc_rows
    assert score.doc_wrong == [] and score.wrong == []


def test_a_trimmed_copy_that_sorts_first_is_linked_to_the_later_copy_holding_it(report):
    docs = _documents(report, FOLDER)
    for first, later in HELD.items():
        d = docs[(later, first)]
        # The later copy holds the trimmed one; the trimmed one holds little of it.
        assert d["inside"] == "duplicate_of"
        assert d["held"] >= 0.8 > d["score"]
    # A copy of an earlier file says so, with the share back.
    wire = docs[("it/wire-ansa.txt", "it/copy-gazzettinoalpi.txt")]
    assert wire["score"] >= 0.8 and wire["held"] >= 0.8 and wire["inside"] == "both"
    # An outlet's own story that reuses one background paragraph of the wire is no copy.
    assert not any("own-havenkrant" in a + b for a, b in docs)


def test_dropping_duplicate_documents_drops_only_later_copies(tmp_path):
    """The canonical document is the first in stable order: a link back drops nothing (the
    later copy holds text the trimmed one lacks, and the trimmed one is canonical)."""
    _clean([FOLDER, "--out", tmp_path / "out", "--report", tmp_path / "r.json",
            "--drop-duplicate-docs"])
    written = {p.relative_to(tmp_path / "out").as_posix()
               for p in (tmp_path / "out").rglob("*.txt")}
    assert "it/wire-ansa.txt" not in written  # inside the earlier full copy
    for first, later in HELD.items():
        assert {first, later} <= written
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report["summary"]["dropped_documents"] == 1
    assert report["summary"]["duplicate_documents"] == 1
    assert report["summary"]["documents_held"] == 3


def test_jsonl_from_a_real_process_gives_the_same_document_links(tmp_path, report):
    exe = Path(sys.executable).parent / "copydesk"
    shown = subprocess.run([str(exe), "clean", str(FOLDER), "--out", str(tmp_path / "out"),
                            "--format", "jsonl", "--quiet"], capture_output=True, text=True,
                           check=True)
    records = [json.loads(line) for line in shown.stdout.splitlines()]
    from_lines = {(r["b"]["file"], r["a"]["file"], r["score"], r["held"], r["inside"])
                  for r in records if r["kind"] == "document"}
    from_report = {(d["file"], d["duplicate_of"], d["score"], d["held"], d["inside"])
                   for d in json.loads(report.read_text(encoding="utf-8"))["documents"]}
    assert from_lines == from_report and len(from_lines) == 4


def test_the_links_do_not_depend_on_argument_order_or_jobs(tmp_path, report):
    files = sorted(str(p) for p in FOLDER.rglob("*.txt"))
    _clean([*reversed(files), "--out", tmp_path / "out", "--report", tmp_path / "r.json",
            "--jobs", "2"])
    again = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["documents"]
    # Files named one by one are displayed by path as the folder's are.
    first = json.loads(report.read_text(encoding="utf-8"))["documents"]
    assert again == first


def _cron(tmp_path: Path, order: list[str]) -> dict[frozenset, dict]:
    """Each file of the fixture cleaned in its own run against one index, in `order`: every
    run's document links, by the pair of files."""
    corpus = tmp_path / "corpus"
    shutil.copytree(FOLDER, corpus)
    found: dict[frozenset, dict] = {}
    for k, name in enumerate(order):
        _clean([corpus / name, "--out", tmp_path / "out", "--report", tmp_path / f"r{k}.json",
                "--index", tmp_path / "idx"])
        for pair, d in _documents(tmp_path / f"r{k}.json", corpus).items():
            assert frozenset(pair) not in found
            found[frozenset(pair)] = d
    return found


def test_cron_runs_in_sorted_order_give_the_folders_links(tmp_path, report):
    """A new file against indexed ones: the same pairs, directions and shares as one run of
    the folder (an indexed file's share is taken of its whole body, which the index
    counted, not of the paragraphs the run looked up)."""
    names = sorted(p.relative_to(FOLDER).as_posix() for p in FOLDER.rglob("*.txt"))
    cron = _cron(tmp_path, names)
    once = {frozenset(pair): d for pair, d in _documents(report, FOLDER).items()}
    assert cron.keys() == once.keys()
    for pair, d in once.items():
        c = cron[pair]
        assert (c["score"], c["held"], c["inside"]) == (d["score"], d["held"], d["inside"])
        assert "indexed" in c


def test_an_indexed_fuller_copy_links_a_new_trimmed_one(tmp_path, report):
    """Cron runs in another order: the wire indexed before the trimmed copy that sorts
    first. Indexed files come first, so the new trimmed copy is the later one, inside the
    earlier: the same pair, reported the other way round."""
    names = ["nl/wire-anp.txt", "nl/own-havenkrant.txt", "nl/kort-noordhollandsdagblad.txt"]
    cron = _cron(tmp_path, names)
    [(pair, d)] = cron.items()
    assert pair == {"nl/wire-anp.txt", "nl/kort-noordhollandsdagblad.txt"}
    assert d["file"].endswith("kort-noordhollandsdagblad.txt") and d["inside"] == "file"
    once = _documents(report, FOLDER)[("nl/wire-anp.txt", "nl/kort-noordhollandsdagblad.txt")]
    assert (d["score"], d["held"]) == (once["held"], once["score"])


def test_an_indexed_earlier_copy_is_shared_by_its_whole_body(tmp_path):
    """A brief indexed with an outlet's own closing paragraph, then the wire: the brief's
    share inside the wire counts the closing paragraph the run never looked up."""
    from story_paragraphs import P1, P2, P3

    own = "Questions about the works can be sent to our newsroom by email."
    p4 = ("Engineers expect the new pipes to last for at least fifty years, the authority "
          "said, and the old ones will be left in the ground under the square.")
    src = tmp_path / "in"
    src.mkdir()
    (src / "a-brief.txt").write_text("\n\n".join([P1, P2, P3, own]) + "\n", encoding="utf-8")
    (src / "b-wire.txt").write_text("\n\n".join([P1, P2, P3, p4]) + "\n", encoding="utf-8")
    _clean([src, "--out", tmp_path / "out", "--report", tmp_path / "once.json"])
    [once] = _documents(tmp_path / "once.json", src).values()
    _clean([src / "a-brief.txt", "--out", tmp_path / "out2", "--index", tmp_path / "idx"])
    _clean([src / "b-wire.txt", "--out", tmp_path / "out2", "--report", tmp_path / "r.json",
            "--index", tmp_path / "idx"])
    [cron] = _documents(tmp_path / "r.json", src).values()
    assert 0.8 <= once["held"] < 1.0  # the brief's own paragraph is not in the wire
    assert (cron["held"], cron["score"], cron["inside"]) == (
        once["held"], once["score"], once["inside"])
