"""Hard-wrapped prose is joined back into paragraphs; a label set on top of it is not."""

from __future__ import annotations

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
