"""Kinds of page nobody had tried, round three: a mail archive's message quoting the one it
answers, a match report under its scorers' line, a job posting, an obituary, a journal's
abstract page, an event, a podcast's transcript under its time codes (all en), and the
buttons (in every pack's language) and bylines such pages carry.

The fixtures (tests/fixtures/kinds3/) are invented pages with the usual damage around them.
"""

from __future__ import annotations

import json

import pytest

from conftest import ROOT, cleaned_lines, page_lines, rule_verdict
from copydesk.core import titles

KINDS = ROOT / "tests" / "fixtures" / "kinds3"


def _paragraphs(cli, page) -> list[str]:
    result = cli(["clean", page])
    assert result.exit_code == 0
    return [p.strip("\n") for p in result.stdout.split("\n\n") if p.strip()]


def _headline(cli, page, tmp_path) -> list[str]:
    report = tmp_path / "report.json"
    result = cli(["clean", page, "--out", tmp_path / "out", "--report", report])
    assert result.exit_code == 0
    (entry,) = json.loads(report.read_text())["files"]
    return entry["metadata"].get("headline", [])


def test_a_mail_archive_message_keeps_its_quote_and_reply_whole(cli, tmp_path):
    page = KINDS / "en-mail-archive.txt"
    lines = page_lines(page)
    quoted = "> " + " ".join(line[2:] for line in lines[7:10])
    reply = [" ".join(lines[13:16]), " ".join(lines[17:19]), lines[20]]
    # The quote's first line was the headline (and left the text), and the last sentence
    # of the reply went with the signature.
    assert _paragraphs(cli, page) == [quoted, lines[11], *reply]
    assert _headline(cli, page, tmp_path) == [lines[1]]


def test_a_mail_archive_message_without_blank_lines_keeps_its_quote(cli, tmp_path):
    # The quote's depth sets it apart from the headers above and the reply below, so its
    # wrapped lines are judged by themselves.
    page = KINDS / "en-mail-archive-unspaced.txt"
    lines = page_lines(page)
    quoted = "> " + " ".join(line[2:] for line in lines[6:9])
    assert _paragraphs(cli, page)[:2] == [quoted, lines[9]]
    assert _headline(cli, page, tmp_path) == [lines[1]]


@pytest.mark.parametrize(
    ("name", "number"),
    [
        # Not the scorers' line under the score, "Smith 23', 67'; Okafor 81'".
        ("en-match-report.txt", 9),
        # Not the employer's line under the title, "Brightline Energy · Leeds, UK (hybrid)".
        ("en-job-posting.txt", 6),
        # A name of three words, which the body opens with; before, no headline at all.
        ("en-obituary.txt", 5),
        # A title of three words, not the venue and date under it ("The Pier Pavilion,
        # Eastbourne · Friday 17 April 2026, 7.30pm"), which shares the body's words too.
        ("en-event.txt", 7),
    ],
)
def test_the_headline_of_a_page_that_is_not_news(cli, tmp_path, name, number):
    page = KINDS / name
    assert _headline(cli, page, tmp_path) == [page_lines(page)[number - 1]]


def test_figures_outnumbering_words_are_not_written_in_words():
    assert not titles.written_in_words("Smith 23', 67'; Okafor 81'")
    assert not titles.written_in_words("Dupont 12', Martin 45+2', 88'")
    for headline in ["Top 10 films of 2025", "Five apps for 2026", "Harbourside 2-1 Millbrook",
                     "F1 2026: Verstappen wins in Monaco"]:
        assert titles.written_in_words(headline)


def test_a_journal_s_abstract_page_is_cut_to_the_abstract(cli):
    # No rule named any of its chrome, and the model, which reads a page without rule hits
    # as a scrape of the article alone, kept all of it: the menu, the metrics, the affiliations.
    page = KINDS / "en-journal-abstract.txt"
    assert cleaned_lines(cli, page) == page_lines(page)[14:23]


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Cite this article", "share-prompt"),
        ("Download PDF", "share-prompt"),
        ("Reprints and permissions", "share-prompt"),
        ("Rights and permissions", "share-prompt"),
        ("Download citation", "share-prompt"),
        ("Save job", "share-prompt"),
        ("Report this job", "share-prompt"),
        ("Share episode", "share-prompt"),
        ("Download MP3", "share-prompt"),
        ("Similar jobs", "related-block"),
        ("More episodes", "related-block"),
        # Buttons inside the article (see rulecodes.IN_BODY_RULES): a recipe's between its
        # introduction and its ingredients.
        ("Apply now", "cta-button"),
        ("Apply for this position", "cta-button"),
        ("Jump to recipe", "cta-button"),
        ("Print recipe", "cta-button"),
        ("Add to calendar", "cta-button"),
        ("Get directions", "cta-button"),
        ("Is this page useful?", "site-chrome"),
        ("Report a problem with this page", "site-chrome"),
    ],
)
def test_the_buttons_of_these_pages_are_named(line, rule):
    assert rule_verdict(line).rule == rule


@pytest.mark.parametrize(
    "line",
    [
        "Residents can report a problem to the council by phone or online.",
        "Apply now, the minister told young farmers, before the fund runs out.",
        "She printed the recipe and pinned it to the fridge.",
    ],
)
def test_sentences_with_those_words_are_not_buttons(line):
    assert rule_verdict(line).keep


@pytest.mark.parametrize(
    ("line", "language", "value"),
    [
        ("_By Jane Doe · 12 March 2025 · 4 min read_", "en", "Jane Doe"),
        ("By Jane Doe | 4 min read", "en", "Jane Doe"),
        ("Par Marie Dupont · 12 mars 2025 · 4 min de lecture", "fr", "Marie Dupont"),
    ],
)
def test_a_line_of_fields_each_a_rule_knows_is_its_byline(line, language, value):
    from copydesk.core.classify import Classifier
    from copydesk.core.config import Config
    from copydesk.core.model import Block, Label

    classifier = Classifier(Config(), model=None)
    verdict = classifier.rule_pass([Block(1, 1, 1, line)], language)[0]
    assert (verdict.label, verdict.rule, verdict.meta) == (Label.METADATA, "byline",
                                                           ("byline", value))


@pytest.mark.parametrize(
    "line",
    [
        "Storm hits coast | Live",  # a headline with a tag: "Live" is no field a rule knows
        "By Jane Doe · Opinion",
        "Home | News | Sport",  # a menu is not metadata, and is left to the model
    ],
)
def test_a_line_of_fields_not_all_known_is_left(line):
    assert rule_verdict(line).keep


def test_a_markdown_essay_s_byline_is_metadata(cli, tmp_path):
    # "_By Jane Doe · 12 March 2025 · 4 min read_": no byline rule spells a reading time.
    report = tmp_path / "report.json"
    page = KINDS / "en-markdown-byline.txt"
    result = cli(["clean", page, "--out", tmp_path / "out", "--report", report])
    assert result.exit_code == 0
    (entry,) = json.loads(report.read_text())["files"]
    assert entry["metadata"]["byline"] == ["Jane Doe"]


def test_a_venue_and_date_line_is_not_written_in_words():
    venue = "The Pier Pavilion, Eastbourne · Friday 17 April 2026, 7.30pm"
    assert not titles.fields_in_words(venue)
    assert not titles.fields_in_words("£65,000 – £78,000 a year · Full-time")
    assert titles.fields_in_words("Storm hits coast | Live")
    assert titles.fields_in_words("Jazz on the Pier: the Ruth Adler Quartet")


def test_a_podcast_transcript_is_kept_with_its_time_codes(cli):
    # The model dropped the last two turns, where the page's tail starts, and the date
    # rule took their codes for times of day.
    page = KINDS / "en-podcast-transcript.txt"
    assert cleaned_lines(cli, page) == page_lines(page)[8:22]


def _transcript(lines: list[str], kept: list[bool]) -> list[bool]:
    from copydesk.core import transcripts
    from copydesk.core.model import Block, Label, Verdict

    blocks = [Block(n + 1, n + 1, n + 1, text) for n, text in enumerate(lines)]
    verdicts = [
        Verdict(Label.BODY) if keep else Verdict(Label.BOILERPLATE, "line-model", "", score=0.2)
        for keep in kept
    ]
    transcripts.transcripts(blocks, verdicts, list(range(len(lines))))
    return [v.keep for v in verdicts]


TURN = "We walked the whole length of the hedge and counted the kinds of tree in it."


def test_time_codes_counting_up_keep_their_turns():
    lines = ["00:00:05", TURN, "00:00:40", TURN, "00:01:10", TURN, "00:01:50", TURN]
    kept = [True, True, True, True, True, True, False, False]
    assert _transcript(lines, kept) == [True] * 8
    # Bracketed minutes and seconds count too.
    lines = ["[00:05]", TURN, "[00:40]", TURN, "[01:10]", TURN]
    assert _transcript(lines, [True, True, True, True, False, False]) == [True] * 6


def test_lengths_that_do_not_count_up_are_not_a_transcript():
    # A list of videos, each under its length.
    lines = ["00:32:03", TURN, "00:27:30", TURN, "00:13:05", TURN, "00:16:34", TURN]
    kept = [True, True, True, True, True, True, False, False]
    assert _transcript(lines, kept) == kept


def test_a_transcript_mostly_removed_stays_removed():
    lines = ["00:00:05", TURN, "00:00:40", TURN, "00:01:10", TURN, "00:01:50", TURN]
    kept = [True, True, False, False, False, False, False, False]
    assert _transcript(lines, kept) == kept


def test_an_item_of_a_list_of_short_lines_is_not_a_three_word_headline(cli, tmp_path):
    # A table of contents above the body: its items share the body's words as a title
    # does ("Foods to avoid" above a paragraph about the foods to avoid).
    page = tmp_path / "guide.txt"
    page.write_text("\n".join([
        "Home", "Recipes", "Health", "Shop",
        "What it is", "Foods to eat", "Foods to avoid", "Meal plan", "Benefits",
        "The foods to avoid on this plan are mostly the ones that come in packets, with long "
        "lists of ingredients that nobody would keep in a kitchen, and sugary drinks.",
        "The foods to eat are the ones you would expect: vegetables, beans, grains and fruit, "
        "with some nuts and seeds, cooked at home whenever you can manage it.",
        "Share", "Privacy policy",
    ]) + "\n", encoding="utf-8")
    assert "Foods to avoid" not in _headline(cli, page, tmp_path)


@pytest.mark.parametrize(
    ("line", "language", "rule"),
    [
        ("Citer cet article", "fr", "share-prompt"),
        ("Télécharger le PDF", "fr", "share-prompt"),
        ("Postuler", "fr", "cta-button"),
        ("Imprimer la recette", "fr", "cta-button"),
        ("PDF herunterladen", "de", "share-prompt"),
        ("Jetzt bewerben", "de", "cta-button"),
        ("Zum Rezept", "de", "cta-button"),
        ("Citar este artículo", "es", "share-prompt"),
        ("Ir a la receta", "es", "cta-button"),
        ("Scarica il PDF", "it", "share-prompt"),
        ("Candidati ora", "it", "cta-button"),
        ("Baixar PDF", "pt", "share-prompt"),
        ("Adicionar ao calendário", "pt", "cta-button"),
        ("Citeer dit artikel", "nl", "share-prompt"),
        ("Solliciteer nu", "nl", "cta-button"),
        ("Скачать PDF", "ru", "share-prompt"),
        ("Откликнуться", "ru", "cta-button"),
        ("Перейти к рецепту", "ru", "cta-button"),
    ],
)
def test_the_same_buttons_in_the_packs_languages(line, language, rule):
    from copydesk.core.classify import Classifier
    from copydesk.core.config import Config
    from copydesk.core.model import Block

    classifier = Classifier(Config(), model=None)
    assert classifier.rule_pass([Block(1, 1, 1, line)], language)[0].rule == rule


@pytest.mark.parametrize(
    ("line", "language"),
    [
        ("Elle a décidé de postuler à cette offre après avoir lu l'annonce deux fois.", "fr"),
        ("Wer sich jetzt bewerben will, muss die Unterlagen bis Freitag einreichen.", "de"),
        ("Mi abuela nunca quiso imprimir la receta que heredó de su madre.", "es"),
    ],
)
def test_sentences_with_the_buttons_words_are_not_buttons(line, language):
    from copydesk.core.classify import Classifier
    from copydesk.core.config import Config
    from copydesk.core.model import Block

    classifier = Classifier(Config(), model=None)
    assert classifier.rule_pass([Block(1, 1, 1, line)], language)[0].keep
