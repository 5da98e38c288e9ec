"""The article's last paragraphs after a related block inside its body (keep36,
`core/tails.py`), and a clause list's lettered items ("a) ", "(b) ", `siblings.form`).

The line model read the last one to three paragraphs of a news story as the page's tail
when they sat right over the share bar, the credit and the newsletter box, and removed
them: de-boerse, es-futbol, pt-tribunal and it-meteo (tests/fixtures/kinds17) lost their
last paragraphs, ta-seithi, bn-mot, gu-samachar, sk-w3m and fa-havaa their last sentence.
On a page that sets a "read also" link or a related header's list between two of the
article's paragraphs, those sentences are kept now; a related block at the true end of the
body, a call to action, another text's prose under the article still go.

The invented pages of tests/fixtures/kinds17c (nl with a pack; pl and sv without) carry
the same layouts in other languages; their golden texts are checked in
tests/test_golden_pages.py, their articles by line number here.
"""

from __future__ import annotations

import pytest

from conftest import ROOT, article_page_tests, assert_kept_lines_stay, verdicts_with_scores
from copydesk.core import siblings

KINDS17 = ROOT / "tests" / "fixtures" / "kinds17"
KINDS17C = ROOT / "tests" / "fixtures" / "kinds17c"

# The pages whose clean text is now an editor's, by line number (1-based).
ARTICLES17 = {
    "de-boerse.txt": [17, 18, 19, 20, 21, 22, 24, 26, 27],  # not "Lesen Sie auch:"
    "es-futbol.txt": [12, 13, 14, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27],
    "fa-havaa.txt": [5, 6, 7, 8, 9, 10, 11, 13, 14],
    "it-meteo.txt": [5, 6, 7, 8, 9, 10, 11, 12, 15, 16],  # not LEGGI ANCHE's headline
}
ARTICLES17C = {
    "nl-weer.txt": [5, 6, 7, 8, 9, 10, 11, 12, 15, 16],
    "pl-pogoda.txt": [5, 6, 7, 8, 9, 10, 11, 12, 14, 15],
    "sv-vader.txt": [5, 6, 7, 8, 9, 10, 11, 12, 15, 16],
}

test_kinds17_clean_text_is_the_article, test_kinds17_clean_text_is_stable = (
    article_page_tests(KINDS17, ARTICLES17)
)
test_kinds17c_clean_text_is_the_article, test_kinds17c_clean_text_is_stable = (
    article_page_tests(KINDS17C, ARTICLES17C)
)

LEAD = (
    "The island ferry will run two extra sailings on weekdays from January, the operator "
    "said on Monday, after a summer of queues at both harbours."
)
SECOND = (
    "Commuters had asked for an earlier crossing for years, and the council agreed to pay "
    "for the crew of the first boat until the end of the next winter."
)
LINK = "Read more: Harbour bridge repairs to start in spring"
RESUMED = (
    "The new timetable adds a crossing at 6.10 in the morning and another at 21.40, and "
    "the last boat on Fridays will wait for the late train from the city."
)
# The article's last paragraph: no five-letter stem in common with the paragraphs above
# (`edges.closing_line` does not take it), more words than a short closing line.
LAST = "Passes for the new departures can be bought online from 2 December at current prices."
CHROME = ["Share this article", "Facebook", "Email", "34 comments", "Privacy | Terms"]
DOUBTED = 0.3  # the model's body probability of LAST, as it read the kinds17 pages' tails


def _kept(monkeypatch, lines: list[str], scores: dict[str, float]) -> list[str]:
    verdicts = verdicts_with_scores(monkeypatch, lines, scores)
    return [t for t, v in zip(lines, verdicts, strict=True) if v.keep]


def _page(*middle: str, tail: tuple[str, ...] = (LAST,)) -> list[str]:
    return ["Island ferry adds sailings", "By Tom Harding", LEAD, SECOND, *middle, *tail, *CHROME]


def test_the_last_paragraph_after_a_read_also_link_inside_the_body_stays(monkeypatch):
    from copydesk.core import tails  # here: the suite runs on a core without it too

    lines = _page(LINK, RESUMED)
    kept = _kept(monkeypatch, lines, {LAST: DOUBTED})
    assert kept == [LEAD, SECOND, RESUMED, LAST]
    verdicts = verdicts_with_scores(monkeypatch, lines, {LAST: DOUBTED})
    assert verdicts[lines.index(LAST)].rule == tails.RULE
    assert verdicts[lines.index(LAST)].score == DOUBTED  # the model's score stays on record


def test_the_paragraphs_right_under_a_related_header_and_its_headline_stay(monkeypatch):
    later = "Island residents keep their half-price fares, which the council funds."
    headline = "Harbour bridge repairs to start in spring"
    lines = _page("RELATED STORIES", headline, tail=(LAST, later))
    kept = _kept(monkeypatch, lines, {headline: 0.2, LAST: DOUBTED, later: 0.25})
    assert kept == [LEAD, SECOND, LAST, later]


def test_the_kept_tail_is_kept_again_by_a_second_run(monkeypatch):
    assert_kept_lines_stay(monkeypatch, _page(LINK, RESUMED), {LAST: DOUBTED})


def test_without_a_related_block_inside_the_body_the_model_decides(monkeypatch):
    kept = _kept(monkeypatch, _page(RESUMED), {LAST: DOUBTED})
    assert LAST not in kept


def test_a_related_block_at_the_true_end_of_the_body_still_ends_it(monkeypatch):
    # The block under the last paragraph, then chrome only: nothing after it comes back.
    lines = _page(RESUMED, tail=("RELATED STORIES", "Harbour bridge repairs to start in spring"))
    kept = _kept(monkeypatch, lines, {})
    assert kept == [LEAD, SECOND, RESUMED]


@pytest.mark.parametrize(
    "pitch",
    [
        "Want stories like this in your inbox? Sign up for our free morning briefing today.",
        "Thanks for reading the Daily Post! This letter is public so feel free to pass it on.",
    ],
)
def test_a_call_to_action_after_the_article_still_goes(monkeypatch, pitch):
    kept = _kept(monkeypatch, _page(LINK, RESUMED, tail=(pitch,)), {pitch: DOUBTED})
    assert pitch not in kept


def test_a_line_the_model_dismissed_still_goes(monkeypatch):
    kept = _kept(monkeypatch, _page(LINK, RESUMED), {LAST: 0.05})
    assert LAST not in kept


def test_more_prose_the_model_removed_under_the_tail_keeps_it_out(monkeypatch):
    # Runs of teasers' blurbs: the article's tail is the last prose of the page.
    blurbs = (
        LAST,
        "Our guide to the coast's best walks covers twelve routes for every kind of walker.",
        "The museum's winter exhibition opens with drawings of the old harbour and its boats.",
        "A new bakery on the quay sells bread made with flour milled on the island itself.",
        "Volunteers are needed for the beach clean on Saturday, with gloves and bags provided.",
    )
    scores = {blurb: DOUBTED for blurb in blurbs}
    kept = _kept(monkeypatch, _page(LINK, RESUMED, tail=blurbs), scores)
    assert not set(blurbs) & set(kept)


def test_a_related_link_far_above_the_tail_is_no_evidence(monkeypatch):
    more = [
        "Operators on the mainland side said the longer day would need four more deckhands "
        "and a second ticket office at the harbour from the first week of the year.",
        "The union welcomed the plan but asked for the rota to be agreed before the end of "
        "the month, so that crews could plan their Christmas leave around it.",
    ]
    kept = _kept(monkeypatch, _page(LINK, RESUMED, *more), {LAST: DOUBTED})
    assert LAST not in kept


def test_the_clause_a_and_the_last_paragraph_of_the_ruling_stay(cli):
    # pt-tribunal's clauses a) b) c) are one list now (the model doubted "a)" alone), and
    # the paragraph under the one after "Leia também:" is the article's last.
    result = cli(["clean", KINDS17 / "pt-tribunal.txt"])
    assert result.exit_code == 0
    assert "a) impõe aos senhorios um encargo que cabe ao Estado;" in result.stdout
    assert result.stdout.rstrip().endswith(
        "O Governo tem agora 90 dias para apresentar uma nova proposta ao Parlamento."
    )
    assert "Leia também" not in result.stdout


def test_clause_lists_with_letters_are_list_items():
    for text in ("a) impõe aos senhorios um encargo;", "(b) a second clause", "z) the last",
                 "б) второй пункт", "β) δεύτερο σημείο"):
        assert siblings.form(text) == siblings.MARKED, text
    # Not a lettered item: a capital (an option, "A) Paris"), an initial and a stop, two
    # letters, no space after the bracket.
    for text in ("A) Paris", "J. Smith wrote it", "ab) two letters", "a)glued"):
        assert siblings.form(text) != siblings.MARKED, text


def _ereaders() -> list[str]:
    return (KINDS17C / "en-ereaders.txt").read_text(encoding="utf-8").splitlines()


BIO_OPENS = "I am a technology writer"


def test_an_author_box_goes_though_a_line_above_names_two_subheadings(monkeypatch):
    # The model keeps the bio (as the fold model kept dev page 4884's). Its name line,
    # "Maria Lopez", repeats the byline; the contents line above the article, "In this
    # review: Kindle | Kobo | ...", names two subheadings, which read to the guard against
    # a table of contents as two more named boxes, and the bio stayed (4884: a
    # comparison's headline, "A vs B vs C: ...", before the headline pass named it).
    lines = _ereaders()
    bio = next(t for t in lines if t.startswith(BIO_OPENS))
    kept = _kept(monkeypatch, lines, {bio: 0.9, "Maria Lopez": 0.9})
    assert bio not in kept and "Maria Lopez" not in kept
    assert "Kindle" in kept and "Kobo" in kept  # the subheadings the headline names stay
    assert any(t.startswith("In the end I kept the Kobo") for t in kept)


def test_a_contents_line_naming_the_subheadings_is_no_byline(monkeypatch):
    # Without the byline, nothing names the box: a line naming two subheadings is no
    # evidence for either, and the kept subheadings stay.
    lines = [t for t in _ereaders() if not t.startswith("Last updated on")]
    bio = next(t for t in lines if t.startswith(BIO_OPENS))
    kept = _kept(monkeypatch, lines, {bio: 0.9, "Maria Lopez": 0.9})
    assert bio in kept and "Kindle" in kept and "Kobo" in kept


MOVERS_LEAD = (
    "The main index rose 0.6 percent on Tuesday, its third gain in a row, as drug makers "
    "and shipping lines led the market higher in the last hour of trading."
)
MOVERS = ["Novo Nordisk +1,8 %", "Genmab +1,5 %", "Ørsted -2,4 %", "Mærsk B -0,9 %"]


def test_a_market_s_movers_under_a_label_close_the_article(monkeypatch):
    # da-markeder's list: "Dagens største bevægelser i C25:" over four movers, two of which
    # the model doubts, and then only chrome. A label's list at the article's edge is as
    # often a block of links, but rows of figures are no links.
    lines = ["Shares rise again", MOVERS_LEAD, "Today's biggest movers:", *MOVERS, *CHROME]
    scores = {MOVERS[0]: 0.67, MOVERS[1]: 0.26, MOVERS[2]: 0.66, MOVERS[3]: 0.18}
    kept = _kept(monkeypatch, lines, scores | {"Today's biggest movers:": 0.8})
    assert all(mover in kept for mover in MOVERS)


def test_a_label_s_list_of_words_and_figures_at_the_edge_still_goes(monkeypatch):
    # One row is no figure ("Our market data"): the rule is the label's, as before.
    rows = [*MOVERS[:3], "Our market data"]
    lines = ["Shares rise again", MOVERS_LEAD, "Today's biggest movers:", *rows, *CHROME]
    scores = dict.fromkeys(rows, 0.2) | {"Today's biggest movers:": 0.8}
    kept = _kept(monkeypatch, lines, scores)
    assert not any(row in kept for row in rows)


def test_da_markeder_keeps_its_four_movers(cli):
    result = cli(["clean", KINDS17 / "da-markeder.txt"])
    assert result.exit_code == 0
    for mover in ("Novo Nordisk +1,8 %", "Genmab +1,5 %", "Ørsted -2,4 %", "Mærsk B -0,9 %"):
        assert mover in result.stdout.splitlines(), mover


def test_a_list_of_tags_under_the_article_is_no_related_block(monkeypatch):
    from copydesk.core import tails

    # "Topics: ..." shares the inline link's rule, but it closes the article: the pitch
    # under it is the page's (samples/tech-layoffs-leading-blank-lines.txt's layout).
    pitch = "Get the week's island news in one email. Subscribe to the Harbour Weekly."
    lines = _page(LINK, RESUMED, LAST, tail=("Topics: Ferries, Harbours, Island life", pitch))
    kept = _kept(monkeypatch, lines, {LAST: 0.9, pitch: 0.24})
    assert LAST in kept and pitch not in kept
    # A headline after "Read more:" with a comma in it is still a link to another story.
    assert not tails._tag_list("Read more: Storm Imre, what to do if your power is off")
    assert tails._tag_list("Topics: Technology, Start-ups, Halvik")
    assert tails._tag_list("Tags： 港口 、 渡轮 、 岛屿")
