"""Issue 6, user-supplied patterns: one that backtracks catastrophically cannot hang a run.

`(a|aa)+$` against a long run of "a" followed by something else takes
exponential time in a backtracking engine (seconds at 40 characters, years at
80). copydesk runs user patterns with a time limit per match: the pattern is
reported and set aside for the rest of that file, the other patterns keep
working, and the run ends normally.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from copydesk.cli.app import app
from copydesk.core.config import ConfigError
from copydesk.core.patterns import UserPatterns

EVIL = r"(a|aa)+$"
# Never matches EVIL (proving that explores ~2^80 paths); a line the article holds, about it.
TRAP = "The harbour budget debate ended with the crowd chanting: " + "a" * 80 + "!"
BODY = "The council approved the new harbour budget on {day} after a long debate about funding."


def test_a_catastrophic_pattern_is_cut_off_and_reported() -> None:
    patterns = UserPatterns(extra=(EVIL, r"^Share this"), keep=(), timeout=0.05)
    assert patterns.extra(TRAP) is None  # gave up on EVIL within its time limit
    assert patterns.extra("Share this story") == r"^Share this"  # the others still work
    assert patterns.extra(TRAP * 2) is None  # EVIL is no longer tried in this file
    assert patterns.reset() == [EVIL]
    assert patterns.reset() == []  # a new file starts with every pattern again


def test_an_invalid_pattern_is_a_usage_error() -> None:
    with pytest.raises(ConfigError, match="invalid pattern"):
        UserPatterns(extra=("(unclosed",), keep=())
    result = CliRunner().invoke(app, ["clean", "-", "--extra-pattern", "(unclosed"], input="x\n")
    assert result.exit_code == 2
    assert "invalid pattern '(unclosed'" in result.stderr


def test_a_run_with_a_catastrophic_pattern_finishes(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for k in range(4):
        text = f"{BODY.format(day=f'day {k}')}\n\n{TRAP}\n\nShare this story with friends\n"
        (src / f"story{k}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app,
        [
            "clean",
            str(src),
            "--out",
            str(out),
            "--report",
            str(tmp_path / "r.json"),
            "--extra-pattern",
            EVIL,
            "--extra-pattern",
            "^Share this",
        ],
    )
    assert result.exit_code == 0, result.stderr
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    for entry in report["files"]:
        assert any(EVIL in w and "time limit" in w for w in entry["warnings"])
        assert [r["text"] for r in entry["removed"]] == ["Share this story with friends"]
    for k in range(4):
        assert (out / f"story{k}.txt").read_text(encoding="utf-8") == (
            f"{BODY.format(day=f'day {k}')}\n\n{TRAP}\n"
        )
