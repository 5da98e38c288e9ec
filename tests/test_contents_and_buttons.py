"""Two kinds of chrome that sit inside the article: the table of contents above it (its
entries come back below as the subheadings) and the shop or booking button under each
item of a guide."""

from __future__ import annotations

from copydesk.core.classify import Classifier
from copydesk.core.config import Config
from copydesk.core.model import Block

SECTIONS = {
    "Why the old pier closed": [
        "The old pier was closed to the public in the spring after engineers found that two "
        "of its supporting columns had cracked below the waterline.",
        "Fishermen who had used it for decades were told to move their boats to the northern "
        "quay until the council could decide what to do with the structure.",
    ],
    "What the repairs will cost": [
        "The engineers put the cost of a full repair at a little under four million, about "
        "twice what the council had set aside for all of its coastal works this year.",
    ],
    "Who will pay for the work": [
        "The council hopes a regional fund for harbours will cover half of the bill, and has "
        "asked the two fishing cooperatives whether they would contribute to the rest.",
    ],
    "When the pier could reopen": [
        "If the money is found by the autumn, the work could begin in the winter, when few "
        "boats go out, and the pier could reopen before the next summer season.",
    ],
}


def _article(label: list[str]) -> list[str]:
    lines = [
        "The town will decide next month whether to rebuild its old pier or to pull it down, "
        "the mayor said on Thursday after a long meeting with the harbour board.",
        *label,
        *SECTIONS,
    ]
    for heading, paragraphs in SECTIONS.items():
        lines += [heading, *paragraphs]
    return lines


def _clean(cli, lines: list[str]) -> list[str]:
    result = cli(["clean", "-"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0
    return [line for line in result.stdout.splitlines() if line]


def test_the_table_of_contents_goes_and_the_subheadings_stay_in_their_places(cli):
    kept = _clean(cli, _article(["Contents"]))
    assert "Contents" not in kept
    for heading, paragraphs in SECTIONS.items():
        assert kept.count(heading) == 1
        # The subheading heads its own section, not a list at the top.
        assert kept[kept.index(heading) + 1] == paragraphs[0]


def test_numbered_entries_and_a_label_in_another_language(cli):
    numbered = [f"{n}. {heading}" for n, heading in enumerate(SECTIONS, 1)]
    lines = _article(["Inhaltsverzeichnis"])
    start = lines.index(next(iter(SECTIONS)))
    lines[start : start + len(SECTIONS)] = numbered
    kept = _clean(cli, lines)
    assert "Inhaltsverzeichnis" not in kept
    assert not any(line in kept for line in numbered)
    assert all(kept.count(heading) == 1 for heading in SECTIONS)


def test_two_tables_of_contents_go_at_once_and_a_second_clean_changes_nothing(cli):
    # A sidebar's table and the article's own: each entry comes back three times.
    lines = _article(["Contents"])
    lines[1:1] = ["On this page", *SECTIONS]
    once = _clean(cli, lines)
    assert all(once.count(heading) == 1 for heading in SECTIONS)
    assert _clean(cli, once) == once


def test_a_list_that_a_sentence_introduces_is_the_articles(cli):
    lines = _article([])
    lines.insert(1, "The engineers looked at four questions in their report:")
    kept = _clean(cli, lines)
    at = kept.index("The engineers looked at four questions in their report:")
    assert kept[at + 1 : at + 1 + len(SECTIONS)] == list(SECTIONS)


def test_a_list_repeated_as_a_block_is_not_a_table_of_contents():
    # A menu printed again in the footer repeats as a block, not between paragraphs.
    menu = ["News", "Sport", "Weather", "Culture"]
    lines = [*menu, *_article([])[:1], *SECTIONS[next(iter(SECTIONS))], *menu]
    classifier = Classifier(Config(), model=None)
    blocks = [Block(i + 1, i + 1, i + 1, text) for i, text in enumerate(lines)]
    verdicts = classifier.rule_pass(blocks, "en")
    assert all(v.rule != "table-of-contents" for v in verdicts)


RESTAURANTS = [
    (
        "Harbour Kitchen",
        "A small room above the fish market where the menu changes with the "
        "morning's catch, and the grilled mackerel with pickled onions is the dish to order.",
    ),
    (
        "The Lantern",
        "Two sisters run this bistro in a former chandlery, cooking the food of "
        "their grandmother's village with vegetables from their own garden on the hill.",
    ),
    (
        "Saltwater",
        "The tasting menu is long and playful, with a course of seaweed bread and "
        "cultured butter that regulars say is worth the trip on its own.",
    ),
    (
        "Pier Nine",
        "Come for the oysters and stay for the view: the terrace looks straight "
        "across the bay to the lighthouse, and it is busiest at sunset.",
    ),
    (
        "Ropewalk",
        "A bakery by day and a wine bar by night, it serves small plates of local "
        "cheese and cured meats until late on weekends.",
    ),
    (
        "The Net Loft",
        "The chef trained in Lisbon and it shows in the grilled sardines, the "
        "custard tarts and a short list of Portuguese wines by the glass.",
    ),
]


def test_a_guide_keeps_its_entries_when_each_has_a_booking_button(cli):
    lines = ["The best places to eat by the harbour this summer"]
    for name, text in RESTAURANTS:
        lines += [name, text, "Book now"]
    kept = _clean(cli, lines)
    assert "Book now" not in kept
    assert all(text in kept for _, text in RESTAURANTS)
