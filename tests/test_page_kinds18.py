"""Scrapes nobody had tried, round eighteen (probe35): one article as different text
extractors leave it, half in languages with a pack (en, fr, es, pt, de, it, nl, ru) and
half without (nb, af, gl, lv, cy, mk, hu, sk, ca, sq): a text browser's dump (`lynx -dump`
with its link numbers and "References", `w3m -dump` with its tables in borders), an
HTML-to-Markdown converter's (html2text, pandoc, markdownify, turndown: links, images,
emphasis, escapes, reference links), a reader mode's (trafilatura, readability: a byline
glued to the first paragraph, "Publicidade", a lost paragraph break), a browser's
select-all copy (skip links, icon names as words, a cookie banner, a player's buttons),
entities left undecoded, a JSON string's escapes, an RSS item dump, a PDF e-paper's text
(words hyphenated over lines, running heads, a jump line). The brief's damage is in them:
comment prompts, READ MORE blocks, sign-up, share counters, bylines, image credits, related
headlines, mojibake, a body captured twice; and one story through two extractors (en-lynx
and en-markdown, es-entidades and es-lector).

What an editor keeps, decided here: a link's number is none of the article's words
("the [13]Environment Agency said" is "the Environment Agency said"); a line that is a
link alone in a dump is a menu's, a share bar's or a related list's; a word a typesetter
broke over two lines is one word again ("fer-" / "ma" is "ferma"); a JSON escape is the
character it stands for, as an entity is (repair decodes entities already); a feed item's
element names are no text, its title is the headline and its description, when the
content repeats it, goes. Markdown stays Markdown: its links, emphasis and escapes are the
format the scrape was written in, which copydesk writes back as it came.

The fixtures (tests/fixtures/kinds18/) are invented pages. `<name>.clean.txt` is what
copydesk writes now: regenerate it with `copydesk clean` after a deliberate change, and
read the diff. Where it still differs from an editor's truth is in bench/HISTORY.md
(session 31, probe35).
"""

from __future__ import annotations

import pytest

from conftest import ROOT, article_page_tests, clean_page, page_metadata, page_report
from copydesk.core import jsonescapes, linkmarks, segment
from copydesk.core.model import Block

KINDS = ROOT / "tests" / "fixtures" / "kinds18"

# The pages whose clean text is an editor's, by line number (1-based); the others are
# golden pages only (tests/test_golden_pages.py), their losses in HISTORY.
ARTICLES = {
    "af-markdown.txt": [16, 18, 20, 24],
    "cy-rss.txt": [10, 11, 12, 13],  # not the description, which line 10 repeats
    "pt-rss.txt": [11, 12, 13, 14],
}

test_the_clean_text_is_the_article, test_cleaning_the_clean_text_changes_nothing = (
    article_page_tests(KINDS, ARTICLES)
)


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


# --- a text browser's link numbers ---------------------------------------------------------

def test_a_dumps_paragraphs_lose_their_link_numbers(cli):
    text = clean_page(cli, KINDS, "en-lynx.txt")
    assert "the Environment Agency said on Tuesday" in text
    assert "planned for 9 December at the Guildhall." in text
    assert "[" not in text  # nor the link line under the article, "[16]Flood warnings"
    assert len(paragraphs(text)) == 5


def test_a_dump_in_a_language_without_a_pack_is_its_article(cli):
    text = clean_page(cli, KINDS, "nb-lynx.txt")
    first, _, third, last = paragraphs(text)
    assert first.startswith("Byrådet i Bergen legger 2,4 milliarder kroner ekstra inn i "
                            "bybaneutbyggingen til Åsane")
    assert third.endswith("sier byråd for klima og miljø, Thor Henriksen.")
    assert last.endswith("Saken skal behandles i bystyret 9. desember.")
    assert "[" not in text and "Åsane\n" not in text  # "* [14]Åsane", a tag's link, goes


def test_the_report_says_the_numbers_were_removed(cli):
    report = page_report(cli, KINDS, "nb-lynx.txt")
    assert any(r.startswith(linkmarks.NOTE) for r in report["files"][0]["repairs"])


def blocks_of(*texts: str) -> list[Block]:
    return [Block(k + 1, k + 1, k + 1, t) for k, t in enumerate(texts)]


def test_marks_inside_a_line_go_and_the_mark_that_opens_a_line_alone_stays():
    blocks = blocks_of("[1]Home [2]News", "Said the [3]agency on [4]Tuesday.", "* [5]Sport")
    out, notes = linkmarks.unmark_blocks("\n".join(b.text for b in blocks), blocks)
    assert [b.text for b in out] == ["[1]Home News", "Said the agency on Tuesday.",
                                     "* [5]Sport"]
    assert notes == [f"{linkmarks.NOTE} (3)"]


def test_a_wrapped_paragraph_loses_the_mark_that_opens_one_of_its_lines():
    text = "[1]Home [2]News\nThe agency said on Tuesday that the\n[3]Environment Agency knew."
    block = Block(2, 2, 3, "The agency said on Tuesday that the [3]Environment Agency knew.")
    out, _ = linkmarks.unmark_blocks(text, [Block(1, 1, 1, "[1]Home [2]News"), block])
    assert out[1].text == "The agency said on Tuesday that the Environment Agency knew."


@pytest.mark.parametrize("text", [
    # A writer's references follow a word and are followed by punctuation or a space.
    "Stress raises the risk of suicide attempts [11], which is the second cause [12]. "
    "One report [13] found it[14]. Another [15] did too.",
    # A year glued to a name, three times: no count.
    "Visit Europe [2026]Michelle Palmer\nLondon [2026]Michelle Palmer\n"
    "Paris [2026]Michelle Palmer",
    # Marks that do not count up are no browser's.
    "[3]One [2]Two [1]Three [4]Four",
    # Two marks are too few to tell.
    "See [1]this and [2]that.",
])
def test_text_that_is_no_dump_keeps_its_brackets(text):
    assert not linkmarks.is_dump(text)
    blocks = blocks_of(*text.split("\n"))
    assert linkmarks.unmark_blocks(text, blocks) == (blocks, [])


def dump(tmp_path, *body: str) -> str:
    page = tmp_path / "dump.txt"
    page.write_text("\n".join([
        "   [1]Skip to content", "   [2]Home [3]News [4]Sport", "", *body, "",
        "References", "", "   1. https://example.org/#main", "   2. https://example.org/",
        "   3. https://example.org/news", "   4. https://example.org/sport", "",
    ]), encoding="utf-8")
    return str(page)


def test_a_short_paragraph_that_opens_with_a_link_and_ends_a_sentence_stays(cli, tmp_path):
    lines = [
        "   The harbour board voted on Monday to close the old ferry pier for six months",
        "   while engineers replace its rotten timber piles, the chairman said.",
        "",
        "   [5]Anna Berg, the board's engineer, expects the work to finish by May.",
        "",
        "   [6]More ferry news",
    ]
    result = cli(["clean", dump(tmp_path, *lines)])
    assert result.exit_code == 0
    assert "Anna Berg, the board's engineer, expects the work" in result.stdout
    assert "More ferry news" not in result.stdout


# --- a typeset text's hyphens ----------------------------------------------------------------

def test_an_e_papers_broken_words_are_whole_again(cli):
    text = clean_page(cli, KINDS, "it-epaper.txt")
    for word in ("resterà ferma da gennaio", "l'azienda", "costruiti in Alto Adige",
                 "direttore tecnico Andrea", "funzioni anche di sera", "una risposta",
                 "circa un milione"):
        assert word in text
    assert "-ma " not in text and "a-z" not in text


def test_a_hungarian_e_papers_broken_words_are_whole_again(cli):
    text = clean_page(cli, KINDS, "hu-pdf.txt")
    for word in ("helyközi buszpályaudvar", "jelentette be", "A régi pályaudvar",
                 "Kovács Gábor", "Zsolnay-negyed"):  # a hyphen inside a line stays
        assert word in text


MAIL = [  # a mail client's wrap: it breaks at spaces only, so a line's "-" is a compound's
    "The harbour board said on Monday that the ferry pier, a well-",
    "known landmark of the old town, will close for six months while",
    "engineers replace the timber piles under its deck, and that an",
    "extra bus will run from the station to the north quay meanwhile.",
]


def test_a_compounds_hyphen_at_a_wrap_stays_when_the_text_is_not_typeset():
    text = "\n".join(MAIL)
    assert not segment.typeset(text.split("\n"))
    blocks, _ = segment.segment(text)
    assert len(blocks) == 1 and "a well-known landmark" in blocks[0].text


def test_two_broken_words_are_too_few_to_read_a_text_as_typeset():
    assert not segment.typeset(["the new infor-", "mation in the re-", "port"])


def test_words_broken_three_times_lose_their_hyphens():
    text = ("The council said on Tuesday that the new infor-\nmation about the flood "
            "defences would be publi-\nshed in a report next spring, after the consul-\n"
            "tation with the residents of the town.")
    assert segment.typeset(text.split("\n"))
    blocks, _ = segment.segment(text)
    joined = " ".join(b.text for b in blocks)
    assert "information" in joined and "published" in joined and "consultation" in joined
    assert segment.resegment(text, [1, 4])[0][0].text == blocks[0].text  # at write time too


# --- a feed item's elements ------------------------------------------------------------------

def test_a_feed_items_title_and_creator_are_its_metadata(cli):
    meta = page_metadata(cli, KINDS, "pt-rss.txt")
    assert meta["headline"] == ["Porto Alegre antecipa obras do dique do Sarandi para janeiro"]
    assert meta["byline"] == ["Redação Correio do Sul"]
    assert page_metadata(cli, KINDS, "cy-rss.txt")["headline"] == [
        "Cyngor Gwynedd yn cymeradwyo cynllun tai fforddiadwy ym Mhwllheli"
    ]


def test_a_feed_items_description_alone_is_its_text(cli, tmp_path):
    page = tmp_path / "item.txt"
    page.write_text(
        "title: Harbour ferry fares to rise by 20p in January\n"
        "link: https://coastnews.example/ferry-fares\n"
        "pubDate: Tue, 24 Nov 2026 09:00:00 +0000\n"
        "guid: https://coastnews.example/?p=4411\n"
        "description: Fares on the harbour ferry will rise by 20p from January, the operator "
        "said on Tuesday, the first increase in four years. Season tickets will not change.\n",
        encoding="utf-8",
    )
    result = cli(["clean", page])
    assert result.stdout.strip() == (
        "Fares on the harbour ferry will rise by 20p from January, the operator said on "
        "Tuesday, the first increase in four years. Season tickets will not change."
    )


def test_fields_named_like_a_feeds_without_its_own_names_are_no_feed(cli, tmp_path):
    page = tmp_path / "fields.txt"
    lines = [
        "The library lent more books this year than in any year since 1990, its annual "
        "report says, and the most borrowed title was a local history of the harbour.",
        "title: A History of the Harbour",
        "description: The town's harbour from the first quay in 1702 to the ferry "
        "terminal that opened in 2019, told through the people who worked on it.",
        "guid: 4411",
        "The library will open on Sundays from January, the council said.",
    ]
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli(["clean", page])
    assert "description: The town's harbour" in result.stdout


# --- a JSON string's escapes -----------------------------------------------------------------

def test_a_json_strings_escapes_are_read(cli):
    text = clean_page(cli, KINDS, "mk-json.txt")
    assert "„Ова е долго барање на граѓаните и на туристите“" in text
    assert "\\u" not in text and "\\n" not in text
    # The "\n" inside the first paragraph was a paragraph break.
    assert "\n\nАвтобусите ќе тргнуваат на секои 40 минути" in text
    assert page_metadata(cli, KINDS, "mk-json.txt")["byline"] == ["Елена Трајковска"]


@pytest.mark.parametrize("text", [
    'print("a\\nb") writes two lines, and so does print("c\\nd").',
    "The letter \\u00e9 is written so in JSON.",
    "Open C:\\new\\Notes and C:\\Users\\New to find them.",
])
def test_escapes_quoted_in_code_or_a_path_stay(text):
    assert jsonescapes.unescape(text) == (text, [])


def test_an_escaped_texts_every_escape_is_read():
    text = 'He said \\"yes\\".\\n\\nThe café\\u2019s \\ud83d\\ude00 path: a\\/b \\\\ ok.'
    read, notes = jsonescapes.unescape(text)
    assert read == 'He said "yes".\n\nThe café’s \U0001f600 path: a/b \\ ok.'
    assert notes and notes[0].startswith(jsonescapes.NOTE)


# --- Markdown's emphasis in metadata ---------------------------------------------------------

def test_a_converters_emphasis_is_no_part_of_the_byline(cli):
    assert page_metadata(cli, KINDS, "ca-turndown.txt")["byline"] == [
        "Per Jordi Puigdemont Serra"
    ]
    assert "**" not in page_metadata(cli, KINDS, "af-markdown.txt")["byline"][0]


# --- one story through two extractors --------------------------------------------------------

def test_one_story_through_two_extractors_is_one_document(cli):
    # Guards (main linked both pairs already): the lynx dump and the Markdown of one page,
    # the entity-laden and the reader-mode text of another.
    report = page_report(cli, KINDS, "en-lynx.txt", "en-markdown.txt", "es-entidades.txt",
                         "es-lector.txt")
    pairs = {(d["file"].rsplit("/", 1)[-1], d["duplicate_of"].rsplit("/", 1)[-1])
             for d in report["documents"]}
    assert pairs == {("en-markdown.txt", "en-lynx.txt"), ("es-lector.txt", "es-entidades.txt")}
