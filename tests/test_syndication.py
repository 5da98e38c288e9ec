"""Syndicated copies as a news editor reads them (issue 4): invented wire stories in four
languages republished by other outlets, with pairs that must not link, in
tests/fixtures/dupes37 (expected.json says which paragraphs are the same paragraph, written by
hand; golden.json is the report's pairs and document links for the folder)."""

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from copydesk.cli.app import app
from copydesk.core.fingerprint import matching_form

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "dupes37"
FOLDER = FIXTURE / "in"
# Copies whose figures another locale set: grouped thousands ("1 150", "2 300" with a
# narrow no-break space or a space), a time with or without its zero minutes ("2.00 Uhr",
# "2 Uhr"). Without one number per figure the facts disagree and the copies stay apart.
LOCALE_FIGURES = ["fr-1 lead", "es-2 minister", "es-4 farmers", "de-1 lead"]


def _syndication():
    sys.path.insert(0, str(REPO / "bench"))
    try:
        return importlib.import_module("syndication")
    finally:
        sys.path.remove(str(REPO / "bench"))


@pytest.fixture(scope="module")
def reported(tmp_path_factory):
    out = tmp_path_factory.mktemp("syndication")
    result = CliRunner().invoke(app, ["clean", str(FOLDER), "--out", str(out / "out"),
                                      "--report", str(out / "r.json"), "--quiet"])
    assert result.exit_code == 0, result.output
    report = json.loads((out / "r.json").read_text(encoding="utf-8"))
    return _syndication().from_report(report, FOLDER)


def test_report_pairs_and_document_links_are_the_golden_ones(reported):
    golden = json.loads((FIXTURE / "golden.json").read_text(encoding="utf-8"))
    assert _syndication().listing(reported) == golden


def test_copies_set_in_another_locale_link_to_the_wire(reported):
    score = _syndication().score(FIXTURE, reported)
    rows = {row[0]: row for row in score.rows}
    for case in LOCALE_FIGURES:
        missed = [m for m in rows[case][4]
                  # a half of a split paragraph the outlet rewrote is no copy of the whole
                  if not any(ref == ("es/copy-diariodelsur.txt", 9) for ref in m)]
        assert missed == [], case
    # Nothing of the templates, own stories or correction notices links; the legal
    # disclaimer closing three unrelated pages is reported as boilerplate (session 34).
    assert score.wrong == []
    assert score.boilerplate == (3, 3, 0)
    assert score.recall >= 0.93


def test_jsonl_from_a_real_process_gives_the_same_pairs(tmp_path, reported):
    exe = Path(sys.executable).parent / "copydesk"
    shown = subprocess.run([str(exe), "clean", str(FOLDER), "--out", str(tmp_path / "out"),
                            "--format", "jsonl", "--quiet"], capture_output=True, text=True,
                           check=True)
    from_lines = _syndication().from_jsonl(shown.stdout.splitlines(), FOLDER)
    assert from_lines.pairs.keys() == reported.pairs.keys()
    assert from_lines.documents == reported.documents
    lead = (("fr/copy-lestrepublicain.txt", 5), ("fr/wire-afp.txt", 3))
    assert lead in from_lines.pairs


@pytest.mark.parametrize("a, b", [
    ("suppression de 1\u202f150 postes", "suppression de 1.150 postes"),
    ("suppression de 1 150 postes", "suppression de 1150 postes"),
    ("pérdidas de 2 300 millones", "pérdidas de 2.300 millones"),
    ("12 345 678 Einwohner", "12.345.678 Einwohner"),
    ("beginnen um 2.00 Uhr", "beginnen um 2 Uhr"),
    ("coûte 5,00 €", "coûte 5 €"),
])
def test_one_number_whatever_the_locale_wrote(a, b):
    assert matching_form(a) == matching_form(b)


@pytest.mark.parametrize("a, b", [
    ("im Jahr 2024 150 Verletzte", "im Jahr 2024150 Verletzte"),  # a year, then a count
    ("an A320 200 seats", "an A320200 seats"),  # digits that end a word
    ("rose to 36.50 dollars", "rose to 36.5 dollars"),
    ("rose to 36.25 dollars", "rose to 36 dollars"),
    ("15 000 euros", "16 000 euros"),
])
def test_other_numbers_stay_apart(a, b):
    assert matching_form(a) != matching_form(b)


def test_a_copy_that_merged_the_wire_paragraphs_is_a_document_duplicate(tmp_path):
    """Three paragraphs of the wire merged into one: the copy's paragraph holds the wire's,
    and no paragraph of the wire holds it or is near it; the copy is the wire's text all
    the same."""
    from story_paragraphs import P1, P2, P3

    p4 = ("Engineers expect the new pipes to last for at least fifty years, the authority "
          "said, and the old ones will be left in the ground under the square.")
    src = tmp_path / "in"
    src.mkdir()
    (src / "a-wire.txt").write_text("\n\n".join([P1, P2, P3, p4]) + "\n", encoding="utf-8")
    (src / "b-copy.txt").write_text(f"{P1} {P2} {P3}\n\n{p4}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["clean", str(src), "--out", str(tmp_path / "out"),
                                      "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    [doc] = [r for r in records if r["kind"] == "document"]
    assert doc["a"]["file"].endswith("a-wire.txt") and doc["b"]["file"].endswith("b-copy.txt")
    assert doc["score"] == 1.0 and doc["paragraphs"] == 2
    # Two stories that share a sentence are not one document for it.
    (src / "b-copy.txt").write_text(f"{P1} {P2} {P3}\n\n{QUIET_STORY}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["clean", str(src), "--out", str(tmp_path / "out2"),
                                      "--format", "jsonl"])
    assert not [r for r in map(json.loads, result.stdout.splitlines())
                if r["kind"] == "document"]


QUIET_STORY = (
    "The library on the corner of the square will open on Sundays from next month, the "
    "council said, after a petition signed by more than two thousand residents. Volunteers "
    "will run the reading room, and the council will pay for the heating and the lights. "
    "Children's story hours will start again in the spring, when the roof has been mended."
)
