"""The entries of a round-up that a sentence of the article announces, each closed by the
same link ("Read More"), stay with their links (core/roundups.py, "roundup-entry"); a
related list under a label, a shop's cards and a list nothing announces do not.

The fixture (tests/fixtures/roundups/) is an invented page."""

from __future__ import annotations

import pytest

from conftest import ROOT, assert_cleaned_lines_are_stable, assert_cleans_to_lines, cleaned_lines
from copydesk.core import roundups
from copydesk.core.model import Label, Verdict
from copydesk.core.rulecodes import rule_code

PAGES = ROOT / "tests" / "fixtures" / "roundups"
PAGE = PAGES / "en-resource-list.txt"
# The article: its prose, the sentence that announces the resources, and the five
# resources with their links; not the menu, the headline (metadata), the "Further
# Reading" label, the related list under "You might also like", nor the footer.
ARTICLE = [8, 9, 10, 11, *range(13, 29)]


def test_the_announced_resources_stay_with_their_links(cli):
    assert_cleans_to_lines(cli, PAGE, ARTICLE)


def test_cleaning_the_clean_text_changes_nothing(cli, tmp_path):
    assert_cleaned_lines_are_stable(cli, tmp_path, PAGE)


def test_explain_names_the_round_up(cli):
    result = cli(["explain", PAGE])
    assert result.exit_code == 0
    assert roundups.RULE in result.stdout
    assert "an entry of a round-up of 5 the article announces" in result.stdout


def test_entries_nothing_announces_go(cli, tmp_path):
    # The same entries under a sentence that points at nothing below: a related list.
    lines = PAGE.read_text(encoding="utf-8").splitlines()
    lines[12] = "Reading with a child is one of the best uses of a quiet evening at home."
    page = tmp_path / PAGE.name
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    kept = cleaned_lines(cli, page)
    assert "A Parent's Guide to Reading Aloud" not in kept
    assert "Read More" not in kept


@pytest.mark.parametrize(
    ("text", "announces"),
    [
        ("The resources below offer more on planning reading time at home.", True),
        ("Here are the projects that caught my eye this spring, with links.", True),
        ("Die folgenden Beiträge zeigen, wie man einen Garten plant.", True),
        ("Voici les projets que nos lecteurs ont construits ce printemps.", True),
        ("Browse Our Latest Guides And Reviews On Reading Below Today.", False),  # a label
        ("The resources below offer more on reading", False),  # no sentence's end
        ("See the list below.", False),  # too short to be the article speaking
        ("Explore our latest blogs and guides designed to help you grow your audience.", False),
    ],
)
def test_what_announces_a_round_up(text, announces):
    assert roundups._announcing(text) is announces


@pytest.mark.parametrize(
    ("text", "link"),
    [
        ("Read More", True),
        ("Continue reading", True),
        ("Weiterlesen", True),
        ("Lire la suite", True),
        ("Buy on Amazon", False),  # a shop's card: the model keeps it, the truth not its button
        ("Book now", False),
        ("HEALTH", False),  # a category over each teaser
        ("Read the full report:", False),  # a label
        ("Read our complete guide to reading at home", False),  # a line of its own
    ],
)
def test_what_closes_an_entry(text, link):
    assert roundups._link(text) is link


def _texts(first_entry: list[str]) -> list[str]:
    entries = [
        ["Building a Home Reading Routine", "Early Literacy Partnership"],
        ["Choosing Books for Reluctant Readers", "Northfield School District"],
        ["Phonics at Home", "Early Literacy Partnership"],
    ]
    lines = ["The resources below offer more on planning reading time at home.", *first_entry]
    for entry in entries:
        lines += ["Read More", *entry]
    return [*lines, "Read More"]


def test_a_first_entry_longer_than_the_next_is_no_round_up():
    texts = _texts(["A Parent's Guide to Reading Aloud", "County Library Service"])
    closers = roundups.find(texts)
    assert roundups.announced(texts, closers) == (3, 4, 6, 7, 9, 10, 12)
    # A heading of the site's over the first entry ("Related Products"): no round-up.
    texts = _texts(["Related resources", "A Parent's Guide", "County Library Service"])
    assert roundups.announced(texts, roundups.find(texts)) == ()


def test_an_announced_round_up_s_links_read_to_the_model_as_no_rule_s():
    # A second run sees the links the first kept: read as a rule's chrome, two dozen of
    # them made the whole file look like chrome, and the article's short lines went.
    texts = _texts(["A Parent's Guide to Reading Aloud", "County Library Service"])
    closers = roundups.find(texts)
    header = Verdict(Label.BOILERPLATE, "related-block", "en header rule")
    listed = Verdict(Label.BOILERPLATE, "related-block", "listed under 'Read More' (line 4)")
    verdicts = [Verdict(Label.BODY) for _ in texts]
    for i in closers:
        verdicts[i] = header
        if i + 1 < len(texts):
            verdicts[i + 1] = listed
    roundups.premark(verdicts, closers, roundups.announced(texts, closers))
    assert all(rule_code(verdicts[i]) == 0 and not verdicts[i].keep for i in closers)
    assert all(rule_code(verdicts[i + 1]) == 0 for i in sorted(closers)[:-1])


def test_a_second_run_s_model_reads_the_links_as_no_rule_s(monkeypatch):
    # The clean text holds the links: the model's first pass over it must not read them
    # as a rule's chrome (`premark`), or a second run reads the page otherwise.
    import copydesk.core.classify as classify_module
    from copydesk.core.analyze import load
    from copydesk.core.classify import Classifier
    from copydesk.core.config import Config
    from copydesk.core.model import Source

    seen: list[dict[int, int]] = []
    real = classify_module._codes_and_todo

    def spy(verdicts, rows):
        codes, todo = real(verdicts, rows)
        seen.append(dict(zip(rows, codes, strict=True)))
        return codes, todo

    monkeypatch.setattr(classify_module, "_codes_and_todo", spy)
    clean = PAGES / "en-resource-list.clean.txt"
    config = Config()
    loaded = load(Source(display=str(clean), relpath=clean.name, path=str(clean)), config)
    classified = Classifier(config).classify(loaded.blocks)
    texts = [block.text for block in loaded.blocks]
    links = [i for i, text in enumerate(texts) if text == "Read More"]
    assert len(links) == 5
    assert all(seen[0][i] == 0 for i in links)
    assert all(classified.verdicts[i].rule == roundups.RULE for i in links)
