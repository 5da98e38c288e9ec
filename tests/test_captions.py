"""A title-like line after an image credit is the picture's caption; the line before a
credit is the heading of the section the picture opens (`context.headline_and_captions`)."""

from __future__ import annotations

from conftest import verdicts_with_scores

TITLE = "Plots for eleven families"
FIRST = (
    "The allotment committee met on Tuesday to share out the plots that fell vacant over "
    "the winter, and eleven families put their names down for the four that were left."
)
SECOND = (
    "Most of them plan to start with potatoes, which break up heavy ground, and to leave "
    "the fruit bushes that the previous tenants planted along the fences where they are."
)
CREDIT = "Photo: Sam Rivers/Getty Images"


def test_a_heading_above_a_picture_s_credit_stays(monkeypatch):
    heading = "The raised beds by the east gate"
    lines = [TITLE, FIRST, heading, CREDIT, SECOND]
    verdicts = verdicts_with_scores(monkeypatch, lines, {heading: 0.9, FIRST: 0.95,
                                                         SECOND: 0.95})
    assert verdicts[lines.index(CREDIT)].rule == "image-credit"
    assert verdicts[lines.index(heading)].keep


def test_a_title_like_line_after_the_credit_is_the_caption(monkeypatch):
    caption = "Volunteers at the new water tank"
    lines = [TITLE, FIRST, SECOND, CREDIT, caption]
    verdicts = verdicts_with_scores(monkeypatch, lines, {caption: 0.9, FIRST: 0.95,
                                                         SECOND: 0.95})
    verdict = verdicts[lines.index(caption)]
    assert not verdict.keep and verdict.rule == "image-caption"


def test_a_title_like_line_after_the_credit_heads_the_prose_after_it(monkeypatch):
    subheading = "What the new tenants will grow"
    lines = [TITLE, FIRST, CREDIT, subheading, SECOND]
    verdicts = verdicts_with_scores(monkeypatch, lines, {subheading: 0.9, FIRST: 0.95,
                                                         SECOND: 0.95})
    assert verdicts[lines.index(subheading)].keep
