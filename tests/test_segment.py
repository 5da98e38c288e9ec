"""Hard-wrapped prose is joined back into paragraphs; a label set on top of it is not."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT
from copydesk.core.segment import segment

WRAPPED = [
    "The harbour board said on Monday that repairs to the north wall would",
    "start next month, after divers found that the winter storms had washed",
    "out part of its foundations near the lifeboat slipway.",
]
PARAGRAPH = " ".join(WRAPPED)


def _texts(lines: list[str]) -> list[str]:
    return [block.text for block in segment("\n".join(lines) + "\n")[0]]


def test_wrapped_lines_are_one_paragraph():
    assert _texts(WRAPPED) == [PARAGRAPH]


def test_a_short_label_right_above_wrapped_prose_is_a_line_of_its_own():
    # Joined, "Share this" became the start of the paragraph and no rule could remove it.
    for label in ["Share this", "Key facts", "Udostępnij"]:
        assert _texts([label, *WRAPPED]) == [label, PARAGRAPH]


def test_a_first_line_cut_short_by_a_long_word_is_still_wrapped():
    # The next line starts with a markup entity, not a capital: one sentence, wrapped early.
    lines = [
        "With the old stack came its database, the",
        "&quot;M&quot; in the acronym that every tutorial and hosting provider assumed,",
        "and with it a default encoding that mangled most of the accented letters in",
        "the names of the people who signed up, which nobody noticed for a long time",
        "because the pages that showed them were only ever read by the administrators.",
    ]
    assert _texts(lines) == [" ".join(lines)]


def test_the_label_goes_and_the_paragraph_stays(cli):
    text = "\n".join(["Harbour wall repairs to start next month", "", "Share this", *WRAPPED])
    clean = cli(["clean", "-"], input=text + "\n").stdout
    assert clean == PARAGRAPH + "\n"


# Scripts without case: Arabic, Devanagari and Japanese prose hard-wrapped (fixtures in
# tests/fixtures/wrapped/: menus and a footer around two wrapped paragraphs). Before, a line
# there was never "continued in lower case" and every line of four letters or more read as a
# heading in capitals: each wrapped line stood alone, and the model removed most of them.
WRAPPED_PAGES = ROOT / "tests" / "fixtures" / "wrapped"
PARAGRAPH_SPANS = {
    "ar.txt": [(10, 13), (15, 17)],
    "hi.txt": [(10, 13), (15, 17)],
    "ja.txt": [(10, 12), (14, 16)],
}


def _page(name: str) -> tuple[list[str], list[tuple[int, int, str]]]:
    text = (WRAPPED_PAGES / name).read_text(encoding="utf-8")
    return text.splitlines(), [(b.start, b.end, b.text) for b in segment(text)[0]]


@pytest.mark.parametrize("name", ["ar.txt", "hi.txt", "ja.txt"])
def test_wrapped_prose_in_a_script_without_case_is_joined(name):
    lines, blocks = _page(name)
    joined = [(start, end) for start, end, _ in blocks if end > start]
    assert joined == PARAGRAPH_SPANS[name]
    # Menus, the title, the label above the prose and the footer stay lines of their own.
    assert sum(end - start + 1 for start, end, _ in blocks) == sum(map(bool, lines))


def test_words_are_joined_with_a_space_and_ideographs_without_one():
    _, arabic = _page("ar.txt")
    _, japanese = _page("ja.txt")
    assert " ستبدأ الشهر" in arabic[7][2] and "\n" not in arabic[7][2]
    assert "潜水士が見つけたためだ。工事は" in japanese[7][2] and " " not in japanese[7][2]


@pytest.mark.parametrize("name", ["ar.txt", "hi.txt", "ja.txt"])
def test_the_clean_text_is_the_wrapped_paragraphs(cli, name):
    lines, blocks = _page(name)
    clean = cli(["clean", "-"], input="\n".join(lines) + "\n").stdout
    assert clean == "\n\n".join(text for start, end, text in blocks if end > start) + "\n"


def test_a_list_of_headlines_without_case_is_not_prose():
    # As wide as one another and ending no sentence, like wrapped lines; but no sentence ends
    # inside them or after the last: each stays a line (a related-articles list).
    headlines = [
        "افتتاح مكتبة جديدة في وسط المدينة بعد ترميم ثلاثة مبان قديمة",
        "خط حافلات جديد يربط الميناء بالمحطة الرئيسية ابتداء من الشهر المقبل",
        "مجلس المدينة يناقش ميزانية العام القادم في جلسة مفتوحة للجمهور",
        "سوق السمك يعود إلى مكانه القديم بعد انتهاء أعمال الصيانة في الرصيف",
    ]
    assert _texts(headlines) == headlines


def test_a_label_above_wrapped_prose_without_case_is_a_line_of_its_own():
    lines, _ = _page("ar.txt")
    prose = lines[9:13]
    assert _texts(["شارك", *prose]) == ["شارك", " ".join(prose)]


def test_a_latin_heading_in_capitals_still_stands_alone_among_wrapped_lines():
    assert _texts(["THE WEEKLY BRIEFING", *WRAPPED]) == ["THE WEEKLY BRIEFING", PARAGRAPH]


# Latin, Greek and Cyrillic text (letters with case) is read as before the scripts without
# case were: a line continues when the next starts in lower case, widths are lengths, and
# a heading in capitals is one of four letters or more with none in lower case. (The dev
# set's 2,367 scrapes segment byte-identically.)
_CASED = st.text(
    alphabet=st.sampled_from("abcxyzABCXYZéÉßàÀжЖωΩ .,;:!?-'\"()0123456789"), max_size=60
)


@given(_CASED, _CASED)
def test_text_with_case_is_read_as_before(line, nxt):
    from copydesk.core import segment as seg

    assert seg._continues(line, nxt) == nxt[:1].islower()
    assert seg._width(line) == len(line)
    letters = [c for c in line if c.isalpha()]
    before = len(letters) >= 4 and not any(c.islower() for c in letters)
    assert seg._stands_alone(line, 10_000) == before


QUOTED = [
    "> The night bus from the airport has been cancelled twice this week, and the",
    "> operator's website still shows the old timetable, which leaves travellers",
    "> waiting at the stop after midnight.",
]


def test_a_quoted_wrapped_paragraph_is_one_paragraph_with_its_markers_once():
    # Read with its markers, no line went on in lower case and the quote stayed in pieces,
    # its first piece a title-like line that became the page's headline.
    joined = "> " + " ".join(line[2:] for line in QUOTED)
    assert _texts(QUOTED) == [joined]
    assert _texts([line.replace("> ", ">> ", 1) for line in QUOTED]) == [">" + joined]


def test_a_change_of_quote_depth_or_a_quoted_blank_ends_a_paragraph():
    lines = [QUOTED[0], QUOTED[1], QUOTED[2], ">", "> Has anyone written to the operator yet?"]
    assert _texts(lines)[1:] == [">", "> Has anyone written to the operator yet?"]
    reply = [*QUOTED, *WRAPPED]
    assert _texts(reply) == ["> " + " ".join(line[2:] for line in QUOTED), PARAGRAPH]


def test_python_prompts_are_not_quotes():
    lines = [">>> import harbour, tides, weather, boats, and then something long",
             ">>> tides.next_high_water(harbour.find('north wall'), days=3)",
             ">>> weather.forecast(harbour.find('north wall')).summary()"]
    assert _texts(lines) == lines


def test_a_two_line_paragraph_of_a_wrapped_file_is_joined():
    pair = [
        "The board will meet again in April to decide whether the slipway itself",
        "needs to be moved further up the harbour.",
    ]
    assert _texts([*WRAPPED, "", *pair]) == [PARAGRAPH, " ".join(pair)]
    # Alone, two lines show no wrap width: they stay apart.
    assert _texts(pair) == pair
    # A second line that starts a sentence, or whose first word fitted above, stays apart.
    assert _texts([*WRAPPED, "", pair[0], "Needs to be moved."]) == [
        PARAGRAPH, pair[0], "Needs to be moved."]
    assert _texts([*WRAPPED, "", "The board will meet again in April.", "then"]) == [
        PARAGRAPH, "The board will meet again in April.", "then"]


@pytest.mark.parametrize("invisible", ["\u200d", "\u200b", " \u200d ", "\ufeff", "\u00a0"])
def test_a_line_of_invisible_characters_is_a_blank_line(invisible):
    # A page builder's zero-width joiner between blocks shows nothing: as a line of its
    # own, its removal read to the model as chrome beside each paragraph.
    first, second = "A short heading", "The paragraph under it ends here."
    assert _texts([first, invisible, second]) == [first, second]


def test_paragraphs_between_invisible_lines_are_still_joined():
    assert _texts([*WRAPPED, "\u200d", *WRAPPED]) == [PARAGRAPH, PARAGRAPH]
