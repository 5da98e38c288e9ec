"""Lexical cohesion: how much of a line's vocabulary the rest of the file's prose uses.

An article's paragraphs keep coming back to their topic's words; an author's
bio, a disclaimer or a newsletter pitch dropped into the body does not. The
columns are computed for whichever lines a model pass has in play, so they must
be exactly what a file holding only those lines gives (a second clean sees
that file), and they must not depend on what earlier files taught the caches.
"""

from __future__ import annotations

import numpy as np

from copydesk.core import features as feat

STOPWORDS = frozenset(
    ["the", "a", "an", "of", "and", "to", "in", "on", "for", "is", "was", "at", "by", "with"]
)

PAGE = [
    "Harbour Ferry Strike Enters Second Week",
    "Ferry crews at the harbour walked out again on Monday, leaving island commuters to "
    "queue for the few private boats still crossing the strait.",
    "The union says ferry wages have fallen behind harbour pilots and dock workers for "
    "six years, and that crews will not return until the operator reopens talks.",
    "Island shopkeepers report empty shelves, since freight also rides the ferry, and "
    "the harbour master has asked commuters to avoid the strait in poor weather.",
    "Marta Quill writes about gardening, vintage bicycles and jazz records; her first "
    "novel appears next spring.",
    "Subscribe today to receive exclusive offers, contests and weekly recipes straight "
    "into your mailbox.",
    "Talks between the operator and the union resume Thursday at the harbour office, "
    "and both sides expect the strike to shape the island's ferry timetable.",
]
BIO, PROMO = 4, 5


def cohesion(texts, subset=None):
    rows = feat.row_features(texts, STOPWORDS)
    x = feat.features_of(rows, subset, [0] * (len(texts) if subset is None else len(subset)))
    at = {name: k for k, name in enumerate(feat.FEATURES)}
    return x[:, at["shared_words"]], x[:, at["shared_weight"]]


def test_a_bio_and_a_promotion_share_no_words_with_the_article():
    shared, weight = cohesion(PAGE)
    article = [1, 2, 3, 6]
    assert min(shared[article]) >= 0.25
    assert shared[BIO] == 0.0 and shared[PROMO] == 0.0
    assert weight[BIO] == 0.0 and weight[PROMO] == 0.0
    assert min(weight[article]) > 0.0
    # The headline is not prose, but its words are the article's.
    assert shared[0] == 0.5  # harbour, ferry, strike; not enters, second, week


def test_a_line_without_content_words_is_marked_apart():
    shared, weight = cohesion(["Of the and to", *PAGE[1:4]])
    assert shared[0] == -1.0 and weight[0] == -1.0


def test_on_the_lines_in_play_the_columns_are_those_of_a_file_holding_only_them():
    subset = np.array([1, 4, 5, 6])
    for got, expected in zip(
        cohesion(PAGE, subset), cohesion([PAGE[i] for i in subset]), strict=True
    ):
        assert np.array_equal(got, expected)
    # Without the article around it, the headline shares less than on the whole page.
    alone = cohesion([PAGE[0], PAGE[4], PAGE[5]])[0]
    assert alone[0] == 0.0


def test_the_columns_do_not_depend_on_what_the_caches_saw_before():
    feat._CONTENT_CACHE.clear()
    fresh = cohesion(PAGE)
    # Another file first: its words take the low numbers, the page's words come after.
    cohesion(["Zebra yodel xylophone harbour ferry island quartz " * 3] * 2)
    again = cohesion(list(reversed(PAGE)))
    for a, b in zip(fresh, again, strict=True):
        assert np.array_equal(a, b[::-1])


# An article scrape whose share bar is followed by one more paragraph, then a related box.
ORCHARD = [
    "Valley Orchards Brace for a Late Frost",
    "Apple growers across the upper valley spent Tuesday night lighting smudge pots between "
    "the rows, hoping to keep a late frost off blossoms that opened two weeks early this spring.",
    "The orchard cooperative says nearly a third of the valley's apple trees are in full bloom, "
    "and that a single hard frost at this stage can cost growers most of the season's fruit.",
    "Frost fans, the tall propellers that pull warmer air down into the orchards, ran until "
    "dawn on the larger farms, while smaller growers relied on sprinklers that coat the "
    "blossoms in a protective layer of ice.",
    "The county extension office expects two more cold nights before the weekend and has asked "
    "growers to report blossom damage so that it can estimate the size of the apple harvest.",
    "Cooperative members will meet on Friday to decide whether to pool the cost of renting "
    "helicopters, which can stir the air above an orchard when the wind drops and the frost "
    "settles.",
]
AFTER_SHARE_BIO = (
    "Dana Whitlock covers food, family travel and home improvement for the magazine. She "
    "previously worked as a pastry chef in Lisbon and lives with two rescue greyhounds."
)
AFTER_SHARE_ARTICLE = (
    "Growers who lose their blossoms this week can still claim frost relief from the "
    "cooperative's apple fund, which pays for replanting damaged orchards in the valley."
)


def _clean(tmp_path, after_share: str) -> str:
    from typer.testing import CliRunner

    from copydesk.cli.app import app

    lines = [
        *ORCHARD,
        "Share this article",
        after_share,
        "Related",
        "Ten Easy Weeknight Pasta Dishes",
        "How to Choose a Rescue Greyhound",
    ]
    (tmp_path / "in.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["clean", str(tmp_path / "in.txt")])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_bio_after_the_share_bar_that_shares_no_words_with_the_article_goes(tmp_path):
    out = _clean(tmp_path, AFTER_SHARE_BIO)
    assert out == "\n\n".join(ORCHARD) + "\n"
    # The same place holding the article's last paragraph (its words are the article's).
    out = _clean(tmp_path, AFTER_SHARE_ARTICLE)
    assert out == "\n\n".join([*ORCHARD, AFTER_SHARE_ARTICLE]) + "\n"
