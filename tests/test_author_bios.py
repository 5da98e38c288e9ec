"""An author's bio after the article ("About the author" and a paragraph on the writer)
reads like body, so the model keeps it; the header it sits under is what gives it away."""

from __future__ import annotations

import pytest

BODY = [
    "The harbour council voted on Tuesday to extend the evening ferry service to the outer "
    "islands, after months of complaints from commuters who said the last boat left too early.",
    "Councillors agreed that the new timetable will start in March and run for a trial period "
    "of six months, with a review of passenger numbers before the summer season.",
    "The operator said it would add two crossings on weekdays and one on Saturdays, and that "
    "fares would not rise during the trial.",
]
BIO_EN = [
    "About the author",
    "Jane Marlow",
    "Jane Marlow is a reporter covering transport and local government. She previously "
    "worked for a regional radio station and studied journalism in Leeds.",
    "More stories by Jane Marlow",
]
KORPER = [
    "Der Gemeinderat hat am Dienstag beschlossen, die Abendfähre zu den äußeren Inseln bis "
    "zum Sommer fahren zu lassen, nachdem sich Pendler monatelang beschwert hatten.",
    "Die Betreibergesellschaft will an Werktagen zwei zusätzliche Fahrten anbieten und die "
    "Preise während der Probezeit nicht erhöhen, wie eine Sprecherin sagte.",
    "Bewohner der Inseln begrüßten die Entscheidung, wollen aber genau beobachten, ob die "
    "Fähren die neuen Zeiten auch einhalten.",
]
BIO_DE = [
    "Über die Autorin",
    "Anna Berger schreibt seit zehn Jahren über Verkehr und Kommunalpolitik und hat zuvor "
    "bei einem Radiosender gearbeitet.",
]


def _clean(cli, lines: list[str]) -> list[str]:
    result = cli(["clean", "-"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0
    return [line for line in result.stdout.splitlines() if line]


@pytest.mark.parametrize(("body", "bio"), [(BODY, BIO_EN), (KORPER, BIO_DE)])
def test_a_bio_after_the_article_leaves_with_its_header(cli, body, bio):
    assert _clean(cli, [*body, *bio]) == body


def test_the_report_says_why_the_bio_went(cli, tmp_path):
    page = tmp_path / "ferry.txt"
    page.write_text("\n".join([*BODY, *BIO_EN]) + "\n", encoding="utf-8")
    result = cli(["explain", page])
    lines = result.stdout.splitlines()
    bio_line = next(line for line in lines if "Jane Marlow is a reporter" in line)
    assert "author-bio" in bio_line


def test_a_bio_header_above_the_article_does_not_take_its_paragraphs(cli):
    # No prose before the header: a sidebar box read first, not a bio after the article.
    kept = _clean(cli, ["About the author", *BODY])
    assert kept[-3:] == BODY


def test_the_bio_ends_with_its_prose(cli):
    # Two prose lines are all a bio takes: a later paragraph is judged on its own.
    second = (
        "She is also the author of a short history of the island ferries, published last year "
        "by a small press in the town."
    )
    tail = (
        "Readers of the island edition asked the council on Wednesday to publish the new "
        "timetable in the harbour office and on the ferries themselves."
    )
    kept = _clean(cli, [*BODY, *BIO_EN[:3], second, tail])
    assert kept[: len(BODY)] == BODY
    assert BIO_EN[2] not in kept and second not in kept
