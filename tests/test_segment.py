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
