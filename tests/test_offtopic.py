"""Another story's headline dropped between paragraphs goes; a short closing passage that
the model doubted after the article stays (issue 3: "related-headline lines dropped into
the middle of a body")."""

from __future__ import annotations

from pathlib import Path

import pytest

from copydesk.core import edges, offtopic
from copydesk.core.model import BODY, Block, Label, Verdict

KINDS = Path(__file__).parent / "fixtures" / "kinds"
WIRE = KINDS / "en-wire-inline-link.txt"
LINK = "Regional airline orders twelve turboprops for coastal hops"


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def test_another_story_s_headline_between_paragraphs_goes(cli):
    assert LINK in _lines(WIRE)
    clean = cli(["clean", str(WIRE)]).stdout.splitlines()
    assert LINK not in clean
    # The paragraphs on either side of it stay, and so does the article's end.
    assert any(line.startswith("The operators said in a joint statement") for line in clean)
    assert any(line.startswith("Several municipalities along the fjords") for line in clean)
    assert "All crossings were cancelled before noon, the operators' statement said." in clean
    explained = cli(["explain", str(WIRE)]).stdout
    assert f"- boilerplate offtopic-headline      {LINK}" in explained


@pytest.mark.parametrize(
    "subheading",
    [
        "Why the walkout spread to every crossing in the fjords",  # shares "fjords"
        "Talks between the union and the companies break down again",  # shares "union"
    ],
)
def test_a_subheading_that_names_the_article_s_subject_stays(cli, subheading):
    page = "\n".join(subheading if line == LINK else line for line in _lines(WIRE)) + "\n"
    clean = cli(["clean", "-"], input=page.encode()).stdout.splitlines()
    assert subheading in clean


def test_a_title_case_line_or_a_short_one_is_not_judged_by_its_words():
    # A name or a product in Title Case, or a line of few longer words, says too little.
    for line in ("Regional Airline Orders Twelve Turboprops For Coastal Hops", "Gold mines sold"):
        blocks = _blocks(["x " * 60 + "end.", line, "y " * 60 + "end."])
        verdicts = [BODY, BODY, BODY]
        assert not offtopic.headlines_between(blocks, verdicts, [0, 1, 2])


def _blocks(lines: list[str]) -> list[Block]:
    return [Block(i + 1, i + 1, i + 1, text) for i, text in enumerate(lines)]


ARTICLE = [
    "Ferry crews across the northern fjords walked out on Monday in a dispute over pay and "
    "rest periods, leaving thousands of passengers waiting at the terminals.",
    "The operators said in a joint statement that they regretted the disruption and had "
    "offered a rise of four percent, with a further review in the autumn.",
]


def _doubted() -> Verdict:
    return Verdict(Label.BOILERPLATE, "line-model", "line model: body probability 0.21", score=0.21)


def test_a_lead_in_and_the_closing_sentence_after_it_stay_together():
    # The scraper lost the list after the colon; the model doubted both short lines.
    tail = [
        "The strikes on Monday affected:",
        "All crossings stopped, the operators' statement said.",
    ]
    blocks = _blocks(ARTICLE + tail + ["Newswire"])
    verdicts = [BODY, BODY, _doubted(), _doubted(), _doubted()]
    assert edges.closing_line(blocks, verdicts, list(range(5)))
    assert [v.keep for v in verdicts] == [True, True, True, True, False]
    assert verdicts[2].rule == verdicts[3].rule == "closing-line"


@pytest.mark.parametrize(
    "tail",
    [
        ["The strikes on Monday affected:", "Thanks for reading and have a good day."],
        ["Follow us on the apps:", "All crossings stopped, the operators' statement said."],
    ],
)
def test_a_passage_goes_when_one_of_its_lines_does_not_continue_the_article(tail):
    blocks = _blocks(ARTICLE + tail)
    verdicts = [BODY, BODY, _doubted(), _doubted()]
    edges.closing_line(blocks, verdicts, list(range(4)))
    assert [v.keep for v in verdicts] == [True, True, False, False]


def test_a_candidate_s_words_come_back_as_counting_every_kept_line_says():
    """`offtopic._comes_back` reads the kept lines nearest the candidate first and stops at
    the first that shares a stem: the answer of counting every kept line's stems (how it
    was first written), on random articles drawn from a small vocabulary (lines repeated,
    lines sharing nothing) and on the sample files' lines."""
    import random
    from collections import Counter
    from itertools import chain

    rng = random.Random(23)
    vocabulary = ["harbour", "ferries", "weather", "Council", "élections", "stürme", "crossing",
                  "statement", "the", "and", "of", "turboprops", "airline", "coastal", "fjords"]
    samples = sorted((Path(__file__).resolve().parent.parent / "samples").rglob("*.txt"))
    prose = [line for path in samples for line in path.read_text(encoding="utf-8").splitlines()]
    checked = 0
    for trial in range(600):
        if trial % 2:
            texts = [" ".join(rng.choices(vocabulary, k=rng.randint(0, 9))) for _ in range(30)]
        else:
            start = rng.randrange(len(prose))
            texts = prose[start : start + 30]
        blocks = [Block(k + 1, k + 1, k + 1, text) for k, text in enumerate(texts)]
        kept = sorted(rng.sample(range(len(blocks)), rng.randint(1, len(blocks))))
        counts = Counter(chain.from_iterable(offtopic._stems(blocks[i].text) for i in kept))
        for pos, i in enumerate(kept):
            own = offtopic._stems(blocks[i].text)
            want = any(counts[stem] > 1 for stem in own)
            assert offtopic._comes_back(own, blocks, kept, pos) == want, (texts, kept, pos)
            checked += want
    assert checked > 1000


def test_a_closing_line_goes_when_the_prose_above_it_goes():
    # Kept after the article on one pass; on the next, the model removed the prose it
    # continued, and the rows in play end with a line that is no prose: a second run,
    # which never sees that prose, would leave the closing line to the model.
    tail = ["All crossings stopped, the operators' statement said."]
    blocks = _blocks(["Timetable", *ARTICLE, *tail])
    verdicts = [BODY, BODY, BODY, _doubted()]
    assert edges.closing_line(blocks, verdicts, [0, 1, 2, 3])
    assert verdicts[3].rule == "closing-line"
    verdicts[1] = verdicts[2] = _doubted()
    assert edges.closing_line(blocks, verdicts, [0, 3])
    assert not verdicts[3].keep and verdicts[3].rule == "line-model"
    assert verdicts[3].detail == _doubted().detail
