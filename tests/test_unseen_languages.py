"""Scrapes in languages no rule pack knows, and in other scripts: which line is the headline.

The fixtures (tests/fixtures/unseen/) are invented pages with the usual damage: a menu, a
login link, the headline, a date line, a byline, a share bar, a "read also" line in the
body, an image credit, a related list, comment and newsletter prompts, a copyright line.
Above the body, the line nearest to it was taken for the headline whatever it was: a
date line ("14 marca 2026, 10:32", "2026年3月14日 10時30分"), a byline or a share bar.
"""

from __future__ import annotations

import pytest

from conftest import ROOT
from copydesk.core import titles

PAGES = ROOT / "tests" / "fixtures" / "unseen"

HEADLINES = {
    "pl.txt": "Rada miasta zatwierdziła remont dworca autobusowego",
    "cs.txt": "Nová lávka přes řeku spojí obě části města",
    "sv.txt": "Kommunen bygger ny simhall vid hamnen",
    "tr.txt": "Belediye yeni otobüs hattı için düğmeye bastı",
    "id.txt": "Pemerintah Kota Resmikan Jembatan Baru di Tepi Sungai",
    "ja.txt": "市、駅前広場の再整備計画を発表",
    "ko.txt": "시, 구도심 버스터미널 리모델링 계획 발표",
    "ar.txt": "البلدية تعلن عن مشروع لتوسيع شبكة الحافلات",
    "zh.txt": "市政府宣布扩建城东公交枢纽",
}


def _front_matter(cli, page) -> dict[str, str]:
    result = cli(["clean", "-", "--front-matter"], input=page.read_bytes())
    assert result.exit_code == 0
    header = result.stdout.split("---\n")[1]
    fields = {}
    for line in header.splitlines():
        name, _, value = line.partition(": ")
        fields[name] = value.strip('"')
    return fields


@pytest.mark.parametrize("name", sorted(HEADLINES))
def test_the_headline_is_the_line_about_the_article(cli, name):
    page = PAGES / name
    assert _front_matter(cli, page)["headline"] == HEADLINES[name]
    # Named as metadata, it is not in the clean text either.
    clean = cli(["clean", page]).stdout
    assert HEADLINES[name] not in clean


def test_a_date_or_time_line_is_not_written_in_words():
    for line in [
        "14 marca 2026, 10:32",
        "2026年3月14日 10時30分",
        "Sabtu, 14 Maret 2026 | 09:15 WIB",
        "입력 2026.03.14 10:32 수정 2026.03.14 11:05",
    ]:
        assert not titles.written_in_words(line), line
    for line in [
        "Top 10 films of 2025",
        "Council tax to rise by 5% in 2027",
        "Tempête : les dégâts estimés à 40 millions d'euros",
        "市政府宣布扩建城东公交枢纽",
    ]:
        assert titles.written_in_words(line), line


def test_vocabulary_is_shared_across_inflection_and_scripts_without_spaces():
    body = titles.vocabulary("Stavba nové lávky pro pěší začne v pondělí na levém břehu.")
    assert titles.shared("Nová lávka přes řeku", body) > titles.shared("Sdílet na Facebooku", body)
    cjk = titles.vocabulary("市政府周五宣布，将在未来两年内投入约三亿元扩建城东公交枢纽。")
    assert titles.shared("市政府宣布扩建城东公交枢纽", cjk) >= 0.8
    assert titles.shared("首页 新闻 体育 财经", cjk) == 0


def test_a_headline_that_shares_no_words_with_the_body_is_still_the_nearest(cli, tmp_path):
    # A pun shares nothing with the article: the nearest title-like line is still taken.
    page = tmp_path / "pun.txt"
    page.write_text(
        "Home | Garden | Kitchen | Contact\n"
        "Sign in\n"
        "Bean there, done that, got the trellis\n"
        "Our runner beans produced almost nothing this summer, and the likely cause is the "
        "heat: when nights stay warm, the flowers fall before they set any pods.\n"
        "Next year we will sow a white-flowered variety, which copes better with warm nights, "
        "and water the roots in the evening.\n"
        "Leave a comment\n",
        encoding="utf-8",
    )
    assert _front_matter(cli, page)["headline"] == "Bean there, done that, got the trellis"


LISTS = ROOT / "tests" / "fixtures" / "lists"


@pytest.mark.parametrize(
    ("name", "header"), [("read-more-en.txt", "READ MORE:"), ("lire-aussi-fr.txt", "Lire aussi :")]
)
def test_the_headlines_under_a_read_more_header_go_together(cli, name, header):
    # Judged one by one, the model kept one of the three at a probability just over its
    # bar, between two it removed: a list under a header is one thing.
    lines = (LISTS / name).read_text(encoding="utf-8").splitlines()
    start = lines.index(header) + 1
    listed = lines[start : start + 3]
    clean = cli(["clean", LISTS / name]).stdout
    assert [line in clean for line in listed] == [False, False, False]
    # The article's paragraphs around the list stay.
    assert lines[start - 2] in clean and lines[start - 3] in clean
