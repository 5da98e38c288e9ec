"""Lists of dated records after the article (comment threads) go; dated sections stay."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from copydesk.cli.app import app
from copydesk.core.records import OTHER, PROSE, SHORT, close_enough, find_record_lists

FIXTURES = Path(__file__).parent / "fixtures" / "records"


def _clean(path: Path) -> str:
    result = CliRunner().invoke(app, ["clean", str(path)])
    assert result.exit_code == 0, result.output
    return result.stdout


def _between(lines: list[str], first: str, last: str) -> list[str]:
    """The lines from the one starting with `first` to the one starting with `last`."""
    lo = next(k for k, line in enumerate(lines) if line.startswith(first))
    hi = next(k for k, line in enumerate(lines) if line.startswith(last))
    return lines[lo : hi + 1]


@pytest.mark.parametrize(
    ("name", "article", "thread"),
    [
        (
            "comments-en.txt",
            ("Every spring the lettuce", "None of this is a single cure"),
            ("Oliver Brandt says", "The only trouble is that they also like"),
        ),
        (
            "comments-fr.txt",
            ("Faire son pain au levain", "Il faut enfin attendre"),
            ("Julien Ferrand dit", "Nous ajoutons aussi une poignée"),
        ),
        (
            "comments-de.txt",
            ("Fast zwei Jahre lang", "Am Samstag wird der Laden"),
            ("Jonas Hartmann", "Wir waren gestern schon"),
        ),
    ],
)
def test_a_comment_thread_after_the_article_goes_and_the_article_stays(
    tmp_path, name, article, thread
):
    lines = (FIXTURES / name).read_text().splitlines()
    shutil.copy(FIXTURES / name, tmp_path / "in.txt")
    out = _clean(tmp_path / "in.txt")
    kept = out.split("\n\n")
    body = _between(lines, *article)
    assert [p.strip() for p in kept if p.strip() in set(lines)][: len(body)] == body
    comments = [line for line in _between(lines, *thread) if len(line.split()) >= 8]
    assert len(comments) >= 5
    assert not [c for c in comments if c in out]
    (tmp_path / "again.txt").write_text(out)
    assert _clean(tmp_path / "again.txt") == out


def test_explain_names_the_record_list_and_the_record(tmp_path):
    result = CliRunner().invoke(app, ["explain", str(FIXTURES / "comments-en.txt")])
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "record-list" in text
    assert "record 1 of 5 after the article" in text
    # The last comments share few of the article's words: the model removes them itself.
    assert "record 3 of 5 after the article" in text


def test_dated_sections_of_an_article_stay(tmp_path):
    """A timeline: a date line heads each section, but prose (not a short author or title
    line) comes before each date, and nothing set the sections off from the intro."""
    lines = (FIXTURES / "timeline-en.txt").read_text().splitlines()
    shutil.copy(FIXTURES / "timeline-en.txt", tmp_path / "in.txt")
    out = _clean(tmp_path / "in.txt")
    for line in _between(lines, "The red-brick mill", "The library opened"):
        if len(line.split()) >= 8:
            assert line in out


# Shapes of lines for the finder: P prose, S short, O other; `dated` marks date lines.
def _find(layout: str, dated: str, separators: str = "", words: int = 40):
    codes = {"P": PROSE, "S": SHORT, "O": OTHER}
    shapes = [codes[c] for c in layout]
    counts = [words if c == "P" else 3 for c in layout]
    flags = [c == "d" for c in dated.ljust(len(layout))]
    seps = [c == "x" for c in separators.ljust(len(layout))]
    return find_record_lists(shapes, counts, flags, seps)


def test_records_opening_with_a_short_line_and_a_date_after_an_article():
    #         article  | name date prose reply | x3 ...
    layout = "PPPP" + "SSPS" * 3 + "SSPPS"
    dated = "...." + ".d.." * 3 + ".d..."
    [found] = _find(layout, dated)
    assert found.header and found.starts == (4, 8, 12, 16)
    assert found.end == 20  # the last record runs to its last prose line


def test_no_record_list_without_an_article_before_it_or_without_records_enough():
    assert _find("SSPS" * 4, ".d.." * 4) == []  # a list page: no article before it
    assert _find("PPPP" + "SSPS" * 4, "...." + ".d.." * 4, words=10) == []  # too short
    assert _find("PPPP" + "SSPS" * 2, "...." + ".d.." * 2) == []  # two records


def test_date_lines_far_apart_do_not_chain():
    assert close_enough([3, 9, 15]) and not close_enough([3, 9, 40, 90])
    # Three dated records, each with 13 lines of prose: an article's long sections.
    layout = "PPPP" + ("SSP" + "P" * 12) * 3
    dated = "...." + (".d." + "." * 12) * 3
    assert _find(layout, dated) == []


def test_dates_after_prose_need_a_separator_before_the_list():
    # date, title, summary: a list of other articles, or an article's dated sections.
    layout = "PPPPS" + "SSP" * 4
    dated = "....." + "d.." * 4
    assert _find(layout, dated) == []
    [found] = _find(layout, dated, "....x")  # a line above the list a rule removed
    assert not found.header and found.starts == (5, 8, 11, 14)
