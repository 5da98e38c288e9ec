"""Small stretches of text cut off after the article by page furniture go; the article stays."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from copydesk.cli.app import app
from copydesk.core.islands import stray_islands

FIXTURES = Path(__file__).parent / "fixtures" / "islands"
# A teaser for another story on the same theme (its words are the article's: cohesion alone
# does not tell it apart), set off from the article by the page's share bar and comment form.
TEASER = "The apple orchard in the next valley reopened this week after two years of replanting"


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_teaser_after_the_share_bar_and_comment_form_goes(tmp_path):
    shutil.copy(FIXTURES / "footer-blurb-en.txt", tmp_path / "in.txt")
    out = _run("clean", str(tmp_path / "in.txt"))
    lines = (FIXTURES / "footer-blurb-en.txt").read_text().splitlines()
    article = lines[8:18]
    assert all(paragraph in out for paragraph in article)
    assert TEASER not in out
    (tmp_path / "again.txt").write_text(out)
    assert _run("clean", str(tmp_path / "again.txt")) == out


def test_explain_says_the_teaser_lies_after_the_article():
    text = _run("explain", str(FIXTURES / "footer-blurb-en.txt"))
    line = next(k for k, ln in enumerate(text.splitlines()) if TEASER[:60] in ln)
    shown = text.splitlines()
    assert "after-article" in shown[line]
    assert "set off from it by 12 removed lines" in shown[line + 1]


# Layouts for the finder: a kept line of `words` words at each index of `kept`; the lines
# between are removed, by a rule where `by_rule` says so.
def _layout(kept: list[int], words: list[int], n: int, rule_lines: set[int]):
    return stray_islands(kept, words, [k in rule_lines for k in range(n)])


def test_a_small_island_after_furniture_is_found():
    # A menu of six removed lines above the article, which fills lines 6 to 15.
    article = list(range(6, 16))
    found = _layout([*article, 28], [40] * 10 + [30], 31, set(range(16, 28)))
    assert [island.lines for island in found] == [[28]]
    assert found[0].gap == 12 and found[0].rule_lines == 12


def test_without_page_chrome_above_the_article_nothing_is_an_island():
    # A scrape of the article region: what follows a long interruption (a related block
    # with a share bar) is the article's own end, not a footer.
    article = list(range(0, 10))
    assert _layout([*article, 22], [40] * 10 + [30], 25, set(range(10, 22))) == []


def test_a_gap_the_model_alone_made_keeps_the_island():
    # A table whose cells the model doubted, then more of the article: no rule saw furniture.
    article = list(range(0, 10))
    assert _layout([*article, 22], [40] * 10 + [30], 25, {12}) == []


def test_a_large_island_is_part_of_the_article():
    article = list(range(0, 10))
    assert _layout([*article, 22, 23, 24], [40] * 10 + [60] * 3, 25, set(range(10, 22))) == []


def test_the_entries_of_a_list_page_stay():
    # The longest entry first, then three more, each set off by a removed block of links.
    kept, words, rules = [0, 1, 2], [80, 80, 80], set()
    for start in (14, 28, 42):
        rules |= set(range(start - 11, start))
        kept += [start, start + 1]
        words += [30, 30]
    assert _layout(kept, words, 50, rules) == []


def test_islands_before_the_article_stay():
    found = _layout([0, 12, *list(range(24, 34))], [30, 30] + [40] * 10, 34, set(range(1, 24)))
    assert found == []


def test_a_region_scrape_keeps_its_end_and_loses_the_related_list(tmp_path):
    # The article region with a related-stories list, a share bar and ads in the middle:
    # the headlines under the header go even though the file is almost all article (the
    # header is evidence of its own), and the two paragraphs after the interruption stay.
    page = FIXTURES / "region-related-block-en.txt"
    out = _run("clean", str(page))
    lines = page.read_text().splitlines()
    assert out == "\n\n".join([*lines[:8], *lines[-2:]]) + "\n"
    (tmp_path / "again.txt").write_text(out)
    assert _run("clean", str(tmp_path / "again.txt")) == out
