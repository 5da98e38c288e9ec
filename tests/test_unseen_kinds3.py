"""Kinds of page nobody had tried, round three: a mail archive's message quoting the one it
answers (en), ...

The fixtures (tests/fixtures/kinds3/) are invented pages with the usual damage around them.
"""

from __future__ import annotations

import json

from conftest import ROOT, page_lines

KINDS = ROOT / "tests" / "fixtures" / "kinds3"


def _paragraphs(cli, page) -> list[str]:
    result = cli(["clean", page])
    assert result.exit_code == 0
    return [p.strip("\n") for p in result.stdout.split("\n\n") if p.strip()]


def _headline(cli, page, tmp_path) -> list[str]:
    report = tmp_path / "report.json"
    result = cli(["clean", page, "--out", tmp_path / "out", "--report", report])
    assert result.exit_code == 0
    (entry,) = json.loads(report.read_text())["files"]
    return entry["metadata"].get("headline", [])


def test_a_mail_archive_message_keeps_its_quote_and_reply_whole(cli, tmp_path):
    page = KINDS / "en-mail-archive.txt"
    lines = page_lines(page)
    quoted = "> " + " ".join(line[2:] for line in lines[7:10])
    reply = [" ".join(lines[13:16]), " ".join(lines[17:19]), lines[20]]
    # The quote's first line was the headline (and left the text), and the last sentence
    # of the reply went with the signature.
    assert _paragraphs(cli, page) == [quoted, lines[11], *reply]
    assert _headline(cli, page, tmp_path) == [lines[1]]
