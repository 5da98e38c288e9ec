"""Same inputs, same bytes: whatever the argument order, and however often it runs."""

from __future__ import annotations

import shutil

from conftest import SAMPLES, tree_digest


def _clean(cli, paths, out, report, *extra):
    """Run into fresh `out` and `report` (the report names the output paths, so they
    must be the same for two runs to compare)."""
    shutil.rmtree(out, ignore_errors=True)
    report.unlink(missing_ok=True)
    result = cli(["clean", *paths, "--out", out, "--report", report, *extra])
    assert result.exit_code == 0, result.stderr
    return tree_digest(out), report.read_bytes()


def test_reversed_input_order_gives_identical_outputs_and_report(cli, tmp_path):
    files = sorted(SAMPLES.glob("*.txt"))
    assert len(files) >= 12
    forward = _clean(cli, files, tmp_path / "out", tmp_path / "r.json")
    backward = _clean(cli, list(reversed(files)), tmp_path / "out", tmp_path / "r.json")
    assert forward == backward


def test_two_runs_give_identical_bytes(cli, tmp_path):
    first = _clean(cli, [SAMPLES], tmp_path / "out", tmp_path / "r.json")
    second = _clean(cli, [SAMPLES], tmp_path / "out", tmp_path / "r.json")
    assert first == second


def test_cleaning_clean_output_changes_nothing(cli, tmp_path):
    once, _ = _clean(cli, [SAMPLES], tmp_path / "once", tmp_path / "once.json")
    # The outputs as a fresh corpus: nothing more is removed, not even cross-file.
    shutil.copytree(tmp_path / "once", tmp_path / "again-in")
    twice, _ = _clean(cli, [tmp_path / "again-in"], tmp_path / "twice", tmp_path / "twice.json")
    assert twice == once
