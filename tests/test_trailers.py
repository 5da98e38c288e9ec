"""A header rule's line that recurs after every entry of a list takes no list
(`core/trailers.py`)."""

from __future__ import annotations

from copydesk.core.classify import Classifier
from copydesk.core.config import Config
from copydesk.core.model import Block, Label

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
