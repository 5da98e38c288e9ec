"""A short line that names a social account by its handle and is no sentence (an embedded
post's "A post shared by ... (@name)", a follow line, a caption crediting a member) goes as
"social-handle" (core/handles.py) where the line model kept it; a writer's sentence that
mentions an account, code, an entry's recurring field and a lone handle stay.

The golden pages (tests/fixtures/handles/, invented, checked byte for byte in
tests/test_golden_pages.py) hold the pages; here: the rule's name in explain, what reads
as a handle's line, and the pass's bounds."""

from __future__ import annotations

import pytest

from conftest import ROOT, clean_page, verdicts_with_scores
from copydesk.core import handles
from copydesk.core.model import Label, Verdict

PAGES = ROOT / "tests" / "fixtures" / "handles"


def test_the_embeds_credits_and_the_follow_line_go(cli):
    text = clean_page(cli, PAGES, "en-knitwear-embeds.txt")
    assert "@" not in text
    assert "A post shared by" not in text
    # The labels' names and the article's paragraphs under them stay.
    assert "Harbour Yarn Co.\n" in text
    assert "Each piece was worn for at least ten days" in text


def test_a_follow_line_in_another_language_goes(cli):
    text = clean_page(cli, PAGES, "es-recetas-seguir.txt")
    assert "@la_cocina_de_ana" not in text
    assert "Hornea a doscientos treinta grados" in text


@pytest.mark.parametrize("name", ["en-accounts-in-prose.txt", "de-cafe-felder.txt"])
def test_a_sentence_and_an_entrys_field_stay(cli, name):
    text = clean_page(cli, PAGES, name)
    # Every line of the page is the article's, the lines with a handle too.
    source = (PAGES / name).read_text(encoding="utf-8").splitlines()
    assert text.rstrip("\n").split("\n\n") == source


def test_explain_names_the_rule_and_the_handle(cli):
    result = cli(["explain", PAGES / "en-knitwear-embeds.txt"])
    assert result.exit_code == 0
    assert "social-handle" in result.stdout
    assert "(@harbouryarnco)" in result.stdout


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("A post shared by Patagonia (@patagonia)", True),
        ("Join me on TikTok: @The House Maven", True),
        ("@nawazdhandala • Jan 26, 2026 •", True),
        ("Foto de @lucia.hornea con su primera hogaza", True),
        ("Follow @house_x on Instagram", True),
        ("The service's @coastwatch account posted the video on Tuesday.", False),  # a sentence
        ("Follow @house.", False),  # a sentence too
        ("@Override", False),  # one word: as often an annotation
        ("Email me at jo@example.com today", False),  # an address
        ("npm install -g @scope-name/cli", False),  # a package
        ('@app.route("/orders") def orders', False),  # a decorator
        ("@media screen { body { margin: 0 } }", False),  # a style rule
        ("Read more at https://example.com/@writer/post", False),  # a path
        ("A post shared by a maker with twelve more words of text after it here ok "
         "(@maker)", False),  # too long for a credit
    ],
)
def test_what_reads_as_a_handles_line(text, handle):
    assert handles.is_handle_line(text) is handle


ARTICLE = [
    "The harbour market opened its new hall on Saturday, after two years in a car park "
    "and a long argument about the cost of the roof.",
    "Stallholders said the first weekend was the busiest they could remember, with queues "
    "at the fish counters from seven in the morning.",
    "The council expects the hall to pay for itself within eight years from rents and the "
    "car park's fees, which go up in the spring.",
]


def _kept(monkeypatch, lines: list[str]) -> list[str]:
    verdicts = verdicts_with_scores(monkeypatch, lines, {t: 0.95 for t in lines})
    return [t for t, v in zip(lines, verdicts, strict=True) if v.keep]


def test_a_kept_handles_line_goes(monkeypatch):
    lines = [ARTICLE[0], "A post shared by Harbour Market (@harbourmarket)", *ARTICLE[1:]]
    assert _kept(monkeypatch, lines) == ARTICLE


def test_an_entrys_recurring_field_stays(monkeypatch):
    # The same label on three lines with their own values: each entry's field, whose
    # address the article gives.
    fields = [
        "Stall: Fish counter, @harbourfish on Instagram",
        "Stall: Cheese room, @harbourcheese on Instagram",
        "Stall: Bakery corner, @harbourbread on Instagram",
    ]
    lines = [ARTICLE[0], fields[0], ARTICLE[1], fields[1], ARTICLE[2], fields[2]]
    assert _kept(monkeypatch, lines) == lines


def test_a_line_another_pass_kept_or_the_model_removed_is_left_alone():
    texts = [*ARTICLE, "A post shared by Harbour Market (@harbourmarket)"]
    found = handles.find(texts)
    assert found == [3]
    rows = list(range(len(texts)))
    table = Verdict(Label.BODY, "table", "a table's cell", score=0.95)
    removed = Verdict(Label.BOILERPLATE, "line-model", "", score=0.2)
    for verdict in (table, removed):
        verdicts = [Verdict(Label.BODY, score=0.95) for _ in ARTICLE] + [verdict]
        assert not handles.handle_lines(found, texts, None, verdicts, rows)
        assert verdicts[3] is verdict
    # Out of play (a repeat duplicate resolution drops): a second run would not see it.
    verdicts = [Verdict(Label.BODY, score=0.95) for _ in texts]
    assert not handles.handle_lines(found, texts, None, verdicts, rows[:3])
    assert handles.handle_lines(found, texts, None, verdicts, rows)
    assert verdicts[3].rule == handles.RULE


def test_a_file_without_a_handle_has_nothing_to_read():
    assert handles.find(ARTICLE) is None
    assert handles.find([*ARTICLE, "write to desk@example.com"]) is None
