"""A header rule's line that recurs after every entry of a list takes no list
(`core/trailers.py`)."""

from __future__ import annotations

from copydesk.core import trailers
from copydesk.core.classify import Classifier
from copydesk.core.config import Config
from copydesk.core.model import Block, Label
from copydesk.core.rulecodes import rule_code

INTRO = (
    "The guides below cover what a village hall committee needs to know before it lets "
    "the main room to a weekly class, from insurance to the keys."
)
ENTRIES = [
    ("Letting the Hall: A Short Guide for Trustees", "Rural Halls Network"),
    ("Insurance Cover for Regular Hirers", "Community Buildings Trust"),
    ("Keeping a Booking Diary That Works", "Rural Halls Network"),
    ("Heating a Large Room on a Small Budget", "Parish Energy Forum"),
]


def _rule_pass(lines: list[str]):
    blocks = [Block(i + 1, i + 1, i + 1, t) for i, t in enumerate(lines)]
    return Classifier(Config()).rule_pass(blocks, "en")


def test_entries_between_recurring_read_more_lines_are_not_listed_under_it():
    lines = ["Guides for hall committees", INTRO]
    for title, source in ENTRIES:
        lines += [title, source, "Read more"]
    verdicts = _rule_pass(lines)
    for i, line in enumerate(lines):
        if line == "Read more":
            assert verdicts[i].label is Label.BOILERPLATE  # the bare link still goes
        elif i >= 2:
            assert not verdicts[i].detail.startswith("listed under"), line


def test_a_header_that_does_not_recur_still_takes_its_list():
    lines = ["Guides for hall committees", INTRO, "Read more"]
    lines += [title for title, _ in ENTRIES]
    verdicts = _rule_pass(lines)
    for i in range(3, len(lines)):
        assert verdicts[i].detail.startswith("listed under"), lines[i]


def test_a_header_repeated_once_far_below_still_takes_its_list():
    # Two copies (a header and the same header again in a later section) are no trailer.
    lines = ["Guides for hall committees", INTRO, "Read more"]
    lines += [title for title, _ in ENTRIES[:2]] + [INTRO, "Read more"]
    lines += [title for title, _ in ENTRIES[2:]]
    verdicts = _rule_pass(lines)
    assert verdicts[3].detail.startswith("listed under")
    assert verdicts[len(lines) - 1].detail.startswith("listed under")


# Entries each closed by a header rule's line that names the entry ("More on <author>").
REVIEWS = [
    (
        "Maren Holt – The Salt Ledger",
        "A customs officer finds a ledger of boats that never came home, and Holt makes "
        "the harbour weather a suspect.",
        "Maren Holt",
    ),
    (
        "Tobias Wren – Quiet Water",
        "A retired lock keeper notices which barge slows down at night, and Wren lets the "
        "patience pay off.",
        "Tobias Wren",
    ),
    (
        "Delphine Okafor – Nine Keys",
        "Nine relatives each hold a key to a locked glasshouse, and Okafor plays fair with "
        "every clue.",
        "Delphine Okafor",
    ),
    (
        "Rasmus Lindqvist – The Ferryman's Tally",
        "A night ferry carries one passenger too many at every crossing, and Lindqvist "
        "builds the dread slowly.",
        "Rasmus Lindqvist",
    ),
]
REVIEWS_INTRO = (
    "Our reviewers read the month's new crime novels, and the ones below are those that "
    "at least two of us finished in one sitting."
)


def _reviews(count: int) -> list[str]:
    lines = ["The month in crime fiction", REVIEWS_INTRO]
    for title, review, author in REVIEWS[:count]:
        lines += [title, review, f"More on {author}"]
    return lines


def test_a_closer_that_names_the_entry_above_takes_no_list_and_reads_as_body_to_the_model():
    lines = _reviews(4)
    verdicts = _rule_pass(lines)
    for i, line in enumerate(lines):
        if line.startswith("More on"):
            assert verdicts[i].label is Label.BOILERPLATE, line  # the bare link still goes
            assert verdicts[i].rule == trailers.CLOSER_RULE, line
            assert rule_code(verdicts[i]) == 0, line  # not a block header to the model
        else:
            assert not verdicts[i].detail.startswith("listed under"), line


def test_two_closers_are_still_headers_with_their_lists():
    lines = _reviews(2)
    verdicts = _rule_pass(lines)
    assert verdicts[4].rule == "related-block" and rule_code(verdicts[4]) == 3
    assert verdicts[5].detail.startswith("listed under")  # the next entry's title


def test_headers_over_lists_of_their_own_topic_are_not_closers():
    # A related section: each header names the topic its headlines share, not what is
    # above it; the headers keep taking their lists.
    lines = [REVIEWS_INTRO]
    for topic in ("Housing", "Transport", "Schools", "Parks"):
        lines += [
            f"More on {topic}",
            f"{topic} budget rises for a second year",
            f"Council names new {topic.lower()} chief",
        ]
    verdicts = _rule_pass(lines)
    for k in range(4):
        header = 1 + 3 * k
        assert verdicts[header].rule == "related-block"
        assert verdicts[header + 1].detail.startswith("listed under"), lines[header + 1]


def test_a_header_whose_name_the_line_under_it_shares_is_no_closer():
    # The name is above it and under it too: a header over its topic's list.
    lines = ["The month in crime fiction", REVIEWS_INTRO]
    for title, review, author in REVIEWS:
        lines += [title, review, f"More on {author}", f"{author} to write a second series"]
    verdicts = _rule_pass(lines)
    for i, line in enumerate(lines):
        if line.startswith("More on"):
            assert verdicts[i].rule == "related-block", line
            assert verdicts[i + 1].detail.startswith("listed under"), lines[i + 1]


def test_named_closers_need_the_name_in_the_entry_above():
    blocks = [Block(i + 1, i + 1, i + 1, t) for i, t in enumerate(_reviews(4))]
    heads = [i for i, b in enumerate(blocks) if b.text.startswith("More on")]
    assert trailers.named_closers(blocks, heads) == frozenset(heads)
    assert trailers.named_closers(blocks, heads[:2]) == frozenset()
    renamed = list(blocks)
    renamed[heads[2]] = Block(heads[2] + 1, heads[2] + 1, heads[2] + 1, "More on Delphine Okoro")
    # "More on Delphine Okoro" names nothing above it: three closers still make a family.
    assert trailers.named_closers(renamed, heads) == frozenset(heads) - {heads[2]}
