"""The README's set-up commands are the ones CI and users run."""

from __future__ import annotations

import re

from conftest import ROOT

README = (ROOT / "README.md").read_text()


def _setup_commands() -> list[str]:
    section = README.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    return [line.strip() for line in section.splitlines() if line.startswith("    ")]


def test_readme_has_exactly_two_setup_commands():
    commands = _setup_commands()
    assert len(commands) == 2
    assert "copydesk clean samples/" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_exactly_the_readme_test_command():
    ci = (ROOT / ".ci/run").read_text()
    assert _setup_commands()[1] in ci.splitlines()


def test_exit_code_table_matches_the_code():
    from copydesk.core.exitcodes import ExitCode

    table = dict(re.findall(r"^\| (\d+(?: / \d+)?) \| (.+) \|$", README, re.MULTILINE))
    documented = {int(c) for key in table for c in key.split(" / ")}
    assert documented == {int(code) for code in ExitCode}
