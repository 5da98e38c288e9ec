"""Scrapes in shapes the dev set has none of: a plain-text newsletter hard-wrapped with no
blank lines between its header, paragraphs and footer; Markdown from a modern scraper
(links, "# " headings, fenced code, pipe tables).

The fixtures (tests/fixtures/formats/) are invented.
"""

from __future__ import annotations

from conftest import ROOT
from copydesk.core.segment import segment

FORMATS = ROOT / "tests" / "fixtures" / "formats"


def _clean(cli, page) -> list[str]:
    result = cli(["clean", page])
    assert result.exit_code == 0
    return [line for line in result.stdout.splitlines() if line]


def _paragraph(lines: list[str], first: int, last: int) -> str:
    return " ".join(lines[first - 1 : last])


def test_a_newsletter_header_and_footer_are_not_joined_to_its_wrapped_prose():
    # Joined, "View this email in your browser: ... THE WEEKLY BRIEFING Issue 142 | ..."
    # began the first paragraph and the footer became one kept paragraph.
    lines = (FORMATS / "en-newsletter.txt").read_text(encoding="utf-8").splitlines()
    spans = [(b.start, b.end) for b in segment("\n".join(lines) + "\n")[0]]
    assert spans[:4] == [(1, 1), (2, 2), (3, 3), (4, 6)]  # link, heading, issue line
    assert spans[-4:] == [(19, 20), (21, 21), (22, 22), (23, 24)]


def test_a_line_cut_short_above_a_capital_ends_its_paragraph():
    # The first short line was split off before; the second began the paragraph.
    lines = [
        "Harbour notes",
        "Issue 12 | Spring",
        "The harbour board said on Monday that repairs to the north wall would",
        "start next month, after divers found that the winter storms had washed",
        "out part of its foundations near the lifeboat slipway, and that boats",
        "moored along the wall would have to move to the outer basin while the",
        "work went on.",
    ]
    blocks = segment("\n".join(lines) + "\n")[0]
    assert [b.text for b in blocks] == [lines[0], lines[1], " ".join(lines[2:])]


def test_a_wrapped_name_that_did_not_fit_stays_in_its_sentence():
    # "United" would not have fitted on the line above it: the wrapper moved it down.
    lines = [
        "The harbour board said on Monday that the repairs, paid for by the",
        "United Fishermen's Fund and the county, would start next month after",
        "divers found that the winter storms had washed out part of the wall.",
    ]
    assert [b.text for b in segment("\n".join(lines) + "\n")[0]] == [" ".join(lines)]


def test_the_newsletter_cleans_to_its_letter(cli):
    page = FORMATS / "en-newsletter.txt"
    lines = page.read_text(encoding="utf-8").splitlines()
    assert _clean(cli, page) == [
        _paragraph(lines, a, b) for a, b in [(4, 6), (7, 11), (12, 15), (16, 18), (19, 20)]
    ]


def test_a_markdown_guide_keeps_its_fenced_code_and_subheadings(cli):
    # Before: the closing fence of the first block went (a rule reads "```" as a line with
    # no words) and its "set -e"; the second block's fences, its introducing sentence and
    # the subheading above it ("## Run it every night") went too.
    page = FORMATS / "en-docs.txt"
    lines = page.read_text(encoding="utf-8").splitlines()
    clean = _clean(cli, page)
    assert clean == lines[6:23]
    assert sum(line.startswith("```") for line in clean) % 2 == 0


def test_a_markdown_heading_the_model_removed_stays_only_between_kept_lines():
    from copydesk.core import markdown
    from copydesk.core.model import Block, Label, Verdict

    texts = ["A paragraph.", "## Run it every night", "Another paragraph.", "## Related", "x"]
    blocks = [Block(n + 1, n + 1, n + 1, t) for n, t in enumerate(texts)]
    kept = Verdict(Label.BODY, "line-model", "")
    removed = Verdict(Label.BOILERPLATE, "line-model", "", score=0.1)
    verdicts = [kept, removed, kept, removed, removed]
    assert markdown.headings(blocks, verdicts)
    assert [v.rule for v in verdicts][1] == "md-heading"
    assert not verdicts[3].keep


def test_a_markdown_table_in_the_article_is_kept_whole(cli):
    # Before: the header row, the row of dashes and the third row went, the rest stayed.
    page = FORMATS / "en-table.txt"
    lines = page.read_text(encoding="utf-8").splitlines()
    assert _clean(cli, page) == lines[2:13]


def test_pipe_rows_are_a_table_only_with_as_many_pipes_each():
    from copydesk.core.code import find_blocks

    rows = ["| a | b |", "|---|---|", "| 1 | 2 |"]
    assert [(b.start, b.end, b.what) for b in find_blocks(rows)] == [(0, 3, "Markdown table")]
    assert find_blocks(["| a | b |", "| 1 | 2 | 3 |", "| x | y |"]) == []


def test_a_comment_or_a_tag_after_one_hash_is_no_subheading():
    from copydesk.core.markdown import is_subheading

    assert is_subheading("## Run it every night")
    assert is_subheading("### 2026 in pictures") is False  # no word first
    assert not is_subheading("# point these at the real urls")
    assert not is_subheading("## point these at the real urls")
    assert not is_subheading("# Back up the database every night")  # the title


def test_a_markdown_scrape_gives_its_headline_and_byline_without_markup(cli):
    # Before: "headline: # Ferry operator ...", and no byline: "By [Tom Ellery](https://...)"
    # matched no byline rule.
    page = FORMATS / "en-markdown.txt"
    result = cli(["clean", "-", "--front-matter"], input=page.read_bytes())
    head = result.stdout.split("---\n")[1]
    assert 'headline: "Ferry operator orders two electric boats for the island route"' in head
    assert 'byline: "Tom Ellery"' in head
    lines = page.read_text(encoding="utf-8").splitlines()
    body = [line for line in result.stdout.split("---\n", 2)[2].splitlines() if line]
    assert body == [lines[n - 1] for n in [12, 13, 15, 16, 17, 18, 19]]


def test_rules_read_a_markdown_link_as_its_words():
    from copydesk.core.markdown import link_text

    assert link_text("By [Tom Ellery](https://x.example/a)") == "By Tom Ellery"
    assert link_text('![A pier](https://x.example/p.jpg "The pier")') == "A pier"
    assert link_text("[a] (b) and [c]") == "[a] (b) and [c]"  # no link


def test_cleaning_the_clean_guides_changes_nothing(cli):
    # With the fences and closing braces read as chrome, a second run read the guides'
    # last sample as the page around them and dropped it with the sentence around it.
    for page in [FORMATS / "en-docs.txt", ROOT / "tests" / "fixtures" / "kinds" / "en-howto.txt"]:
        once = cli(["clean", page]).stdout
        assert cli(["clean", "-"], input=once).stdout == once
