"""The article's own date and byline (`core/articlemeta.py`): the header's, not any date or
name elsewhere on the page; relative dates and forum post headers read as metadata."""

from __future__ import annotations

from metapages import blocks as _blocks
from metapages import collect as _collect
from metapages import headline as _headline
from metapages import removed as _removed

from copydesk.core.classify import Classifier
from copydesk.core.config import Config
from copydesk.core.model import BODY, Label, Verdict

PROSE = (
    "The city council voted on Tuesday to approve a new budget for the parks department, "
    "which will fund repairs to playgrounds and paths across the city over three years."
)
MORE = (
    "Council members said the budget had been delayed by months of negotiation with the "
    "unions representing park workers and the contractors who maintain the grounds."
)




def _date(value: str, rule: str = "date-line") -> Verdict:
    return Verdict(Label.METADATA, rule, "", meta=("date", value))


def _byline(value: str) -> Verdict:
    return Verdict(Label.METADATA, "byline", "", meta=("byline", value))




def test_a_date_inside_a_biography_is_not_the_article_date():
    # An encyclopedia page: the infobox's "Born" sits right under the headline.
    page = [
        ("Ada Example", _headline("Ada Example")),
        ("Born 12 May 1901", _date("12 May 1901")),
        ("Died", _removed()),
        ("3 June 1970", _date("3 June 1970")),
        (PROSE, BODY),
        (MORE, BODY),
    ]
    metadata, _ = _collect(page)
    assert "date" not in metadata


def test_the_article_date_is_the_headers_not_the_comments_nor_the_masthead():
    page = [
        ("Friday, December 19, 2025", _date("Friday, December 19, 2025")),  # the day's
        *[(f"Menu item {k}", _removed()) for k in range(12)],
        ("Council approves the parks budget", _headline("Council approves the parks budget")),
        ("December 18, 2025", _date("December 18, 2025")),
        (PROSE, BODY),
        (MORE, BODY),
        ("Comments", _removed("comment-prompt")),
        ("jane commented Dec 19, 2025", _date("Dec 19, 2025")),
        ("6 months ago", _date("6 months ago")),
        ("By Category", _byline("Category")),
    ]
    metadata, _ = _collect(page)
    assert metadata["date"] == ["December 18, 2025"]
    assert "byline" not in metadata
    assert metadata["headline"] == ["Council approves the parks budget"]


def test_a_labelled_date_under_the_article_is_its_date_with_the_byline_beside_it():
    page = [
        ("Council approves the parks budget", _headline("Council approves the parks budget")),
        (PROSE, BODY),
        (MORE, BODY),
        ("Posted On: January 14 2026", _date("January 14 2026", "dateline")),
        ("By: Ray Ansari", _byline("Ray Ansari")),
        ("Related stories", _removed("related-block")),
        ("Park reopens", _removed()),
        ("By Kim Lee", _byline("Kim Lee")),
        ("March 3, 2025", _date("March 3, 2025")),
    ]
    metadata, _ = _collect(page)
    assert metadata["date"] == ["January 14 2026"]
    assert metadata["byline"] == ["Ray Ansari"]


def test_a_label_word_before_the_date_or_above_it_labels_it():
    for lines in (["Last reviewed April 2017"], ["Published", "Feb 2, 2023"]):
        page = [
            ("Council approves the parks budget", _headline("Council approves the parks budget")),
            (PROSE, BODY),
            (MORE, BODY),
            *[(t, _removed()) for t in lines[:-1]],
            (lines[-1], _date(lines[-1].removeprefix("Last reviewed "))),
        ]
        metadata, _ = _collect(page)
        assert metadata["date"] == [lines[-1].removeprefix("Last reviewed ")]


def test_a_name_next_to_the_headers_date_is_the_byline():
    page = [
        ("Introducing the new parks plan", _headline("Introducing the new parks plan")),
        ("Luke Kim", _removed()),
        ("December 17, 2025", _date("December 17, 2025")),
        (PROSE, BODY),
        (MORE, BODY),
    ]
    metadata, verdicts = _collect(page)
    assert metadata["byline"] == ["Luke Kim"]
    assert metadata["date"] == ["December 17, 2025"]
    assert verdicts[1].label is Label.METADATA and verdicts[1].meta == ("byline", "Luke Kim")
    assert not verdicts[1].keep  # relabelled, still removed: the text written is the same


def test_a_line_another_rule_named_is_not_a_byline():
    page = [
        ("Introducing the new parks plan", _headline("Introducing the new parks plan")),
        ("Share on Pinterest", _removed("share-prompt")),
        ("Last Updated", _removed()),
        ("December 17, 2025", _date("December 17, 2025")),
        (PROSE, BODY),
        (MORE, BODY),
    ]
    metadata, _ = _collect(page)
    assert "byline" not in metadata


def test_a_name_on_the_dates_line_or_under_a_lone_by_is_the_byline():
    for lines, name in (
        (["By Sofia Gonzalez December 2, 2025"], "Sofia Gonzalez"),
        (["September 1st, 2023 By Emily Norwood"], "Emily Norwood"),
        (["Dakota Hebert July 3, 2025"], "Dakota Hebert"),
        (["Written by:", "Elise Nass", "Updated: December 31, 2024"], "Elise Nass"),
        (["By", "Clay", "Mar 14, 2024"], "Clay"),
    ):
        page = [
            ("Council approves the parks budget", _headline("Council approves the parks budget")),
            *[(t, _removed()) for t in lines],
            (PROSE, BODY),
            (MORE, BODY),
        ]
        metadata, _ = _collect(page)
        assert metadata["byline"] == [name], lines
        assert len(metadata["date"]) == 1


def test_a_relative_date_alone_on_a_line_is_a_date_kept_as_written():
    classifier = Classifier(Config(), model=None)
    for language, line in (
        ("en", "Yesterday"),
        ("en", "Today at 10:32"),
        ("en", "2 hours ago"),
        ("fr", "il y a 3 heures"),
        ("fr", "Hier à 14:05"),
        ("es", "hace 2 días"),
        ("es", "Ayer"),
        ("pt", "Ontem"),
        ("de", "Gestern um 10:32"),
    ):
        verdict = classifier.rule_pass(_blocks([line]), language)[0]
        assert verdict.meta == ("date", line), (language, line)


def test_forum_post_headers_are_byline_and_date():
    classifier = Classifier(Config(), model=None)
    for line, handle in (
        ("Post by jdoe » Mon Jan 01, 2024 10:00 am", "jdoe"),
        ("#3 jdoe 12-03-2024, 10:12 AM", "jdoe"),
    ):
        verdict = classifier.rule_pass(_blocks([line]), "en")[0]
        assert verdict.label is Label.METADATA and verdict.meta == ("byline", handle), line


def _thread(headers: list[str]) -> str:
    posts = [
        "My tomatoes keep splitting every time it rains after a dry spell, and I lose half "
        "the crop before it ripens. Is there anything I can do about it this late on?",
        "Water them deeply and regularly during dry weeks so the fruit does not swell all at "
        "once when the rain comes, and mulch the beds to keep the soil moisture even.",
        "Thanks, I will try mulching this week and keep a watering schedule for the rest of "
        "the summer, and report back on how it goes with the second planting.",
    ]
    lines = ["Board index", "Gardening", "Tomatoes splitting after rain"]
    for header, post in zip(headers, posts, strict=True):
        lines += [header, post]
    return "\n".join(lines) + "\n"


def test_a_forum_threads_first_post_gives_the_byline_and_date(cli):
    for headers, date in (
        (
            [
                "Post by jdoe » Mon Jan 01, 2024 10:00 am",
                "Post by greenthumb » Mon Jan 01, 2024 11:32 am",
                "Post by jdoe » Tue Jan 02, 2024 8:15 am",
            ],
            "Mon Jan 01, 2024 10:00 am",
        ),
        (
            [
                "#1 jdoe 12-03-2024, 10:12 AM",
                "#2 greenthumb 12-03-2024, 11:40 AM",
                "#3 jdoe 12-04-2024, 08:02 AM",
            ],
            "12-03-2024, 10:12 AM",
        ),
    ):
        result = cli(["clean", "-", "--front-matter"], input=_thread(headers))
        assert result.exit_code == 0
        head = result.stdout.split("---\n")[1]
        assert 'byline: "jdoe"' in head, head
        assert f'date: "{date}"' in head, head


def test_front_matter_keeps_a_relative_date_as_written(cli):
    page = "\n".join(
        [
            "Home",
            "News",
            "Sport",
            "City council approves new budget for parks",
            "Yesterday",
            PROSE,
            MORE,
            "Comments",
            "jane",
            "3 hours ago",
            "Great news for the park.",
        ]
    )
    result = cli(["clean", "-", "--front-matter"], input=page + "\n")
    assert result.exit_code == 0
    head = result.stdout.split("---\n")[1]
    assert 'date: "Yesterday"' in head, head
    assert "Yesterday" not in result.stdout.split("---\n", 2)[2]


def test_a_date_glued_to_the_paragraphs_first_word_is_cut_off():
    classifier = Classifier(Config(), model=None)
    line = "Updated: December 9, 2024" + PROSE
    verdict = classifier.rule_pass(_blocks([line]), "en")[0]
    assert verdict.meta == ("date", "December 9, 2024")
    assert verdict.keep_text == PROSE
    # A year run into a lower-case word is not such a date.
    line = "Updated: December 9, 2024ish, " + PROSE
    assert classifier.rule_pass(_blocks([line]), "en")[0].keep_text is None


def test_a_posted_on_line_names_its_byline():
    page = [
        ("Trail reopens", _headline("Trail reopens")),
        ("Posted on March 8, 2025 by Tess Marlow", _date("March 8, 2025", "dateline")),
        (PROSE, BODY),
        (MORE, BODY),
    ]
    metadata, _ = _collect(page)
    assert metadata == {
        "headline": ["Trail reopens"],
        "byline": ["Tess Marlow"],
        "date": ["March 8, 2025"],
    }
