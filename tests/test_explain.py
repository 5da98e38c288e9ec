"""`copydesk explain FILE`: every line, its verdict and why; plain when piped."""

import os
from pathlib import Path

from typer.testing import CliRunner

from copydesk.cli.app import app

HERE = Path(__file__).parent
PAGE = HERE / "fixtures" / "pages" / "en_full.txt"
GOLDEN = HERE / "golden" / "explain_en_full.txt"


def explain(*args: str, input: str | None = None):
    return CliRunner().invoke(app, ["explain", *args], input=input)


def test_explain_matches_the_golden_file():
    result = explain(str(PAGE), "--width", "120")
    assert result.exit_code == 0, result.output
    # The header names the file as given; compare from the second line on.
    header, body = result.stdout.split("\n", 1)
    assert header.endswith("language en, 54 paragraphs, " + header.rsplit(", ", 1)[1])
    if os.environ.get("COPYDESK_UPDATE_GOLDEN"):
        GOLDEN.write_text(body, encoding="utf-8")
    assert body == GOLDEN.read_text("utf-8")


def test_every_line_is_listed_with_a_verdict_and_removed_lines_say_why():
    result = explain(str(PAGE), "--width", "200")
    rows = [
        r
        for r in result.stdout.splitlines()[1:]
        if not r.lstrip().startswith(("why:", "features:"))
    ]
    assert len(rows) == len(PAGE.read_text("utf-8").splitlines())
    lines = result.stdout.splitlines()
    for k, row in enumerate(lines):
        if " - boilerplate " in row or " m metadata " in row:
            assert lines[k + 1].lstrip().startswith("why:"), row
    assert "\x1b[" not in result.stdout  # plain when not a terminal


def test_features_flag_lists_what_moved_the_model():
    result = explain(str(PAGE), "--features")
    assert result.exit_code == 0
    assert "features: " in result.stdout


def test_explain_reads_stdin_and_reports_missing_files():
    result = explain("-", input="Leave a comment\nThe council approved the budget on Tuesday.\n")
    assert result.exit_code == 0
    assert "comment-prompt" in result.stdout
    missing = explain(str(HERE / "no-such-file.txt"))
    assert missing.exit_code == 2


def test_explain_says_why_a_path_that_is_not_a_file_cannot_be_explained(tmp_path):
    (tmp_path / "scrapes").mkdir()
    folder = explain(str(tmp_path / "scrapes"))
    assert folder.exit_code == 2
    assert folder.stderr.strip() == f"copydesk: {tmp_path / 'scrapes'}: is a directory; " \
        "explain takes one file"
    missing = explain(str(tmp_path / "gone.txt"))
    assert missing.exit_code == 2 and "gone.txt: no such file" in missing.stderr
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    piped = explain(str(fifo))
    assert piped.exit_code == 2 and "not a regular file" in piped.stderr
