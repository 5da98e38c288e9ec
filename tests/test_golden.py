"""Golden files: each sample scrape -> the clean text and the report entry copydesk writes.

The expected files live in tests/golden/ beside this test. After a deliberate change in
cleaning, regenerate them with

    COPYDESK_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py

and review the diff like any other change: it is the behaviour users get.
"""

from __future__ import annotations

import json
import os
import shutil

import pytest

from conftest import ROOT, SAMPLES

GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("COPYDESK_UPDATE_GOLDEN") == "1"
NAMES = sorted(p.name for p in SAMPLES.glob("*.txt"))


@pytest.fixture(scope="module")
def cleaned(tmp_path_factory):
    from typer.testing import CliRunner

    from copydesk.cli.app import app

    tmp = tmp_path_factory.mktemp("golden")
    # Run from the repository root with relative paths, as the README does: the report
    # then names files the same way on every machine.
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(app, ["clean", "samples", "--out", str(tmp / "out"),
                                          "--report", str(tmp / "report.json")])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.stderr
    report = json.loads((tmp / "report.json").read_text())
    if UPDATE:
        shutil.rmtree(GOLDEN / "clean", ignore_errors=True)
        (GOLDEN / "clean").mkdir(parents=True)
        for name in NAMES:
            shutil.copy(tmp / "out" / name, GOLDEN / "clean" / name)
        (GOLDEN / "report.json").write_text(_stable(report))
    return tmp / "out", report


def _stable(report: dict) -> str:
    """The report without the machine-specific output paths."""
    for entry in report["files"]:
        entry["output"] = entry["output"] and os.path.basename(entry["output"])
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("name", NAMES)
def test_clean_text_matches_golden(cleaned, name):
    out, _ = cleaned
    assert (out / name).read_text() == (GOLDEN / "clean" / name).read_text()


def test_report_matches_golden(cleaned):
    _, report = cleaned
    assert _stable(report) == (GOLDEN / "report.json").read_text()
