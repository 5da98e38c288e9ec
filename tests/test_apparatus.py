"""The footnotes and sources that close an article under a heading of their own go
(`core/apparatus.py`)."""

from __future__ import annotations

from conftest import verdicts_with_scores
from copydesk.core import apparatus

PARAGRAPHS = [
    "The lighthouse keepers of the northern coast kept logbooks for more than a century, "
    "and the county archive has now scanned every one of them for anyone to read.",
    "The entries are mostly weather: wind from the west, a heavy swell, fog until noon. "
    "Now and then a ship passes close enough for the keeper to note its name.",
    "One keeper, who served for thirty-one years, wrote a line of verse at the foot of "
    "each page, and the archivists found four thousand of them in his careful hand.",
    "The archive hopes that volunteers will transcribe the logbooks over the winter, so "
    "that the weather of those years can be searched and compared with today's.",
]
NOTES = [
    "The archive counted the pages twice, once by hand and once with the scanner's log.",
    "Harbour Records of the Northern Coast, volume 3, County Press",
    "The keeper's verses were first printed in a parish magazine in 1911.",
]


def _scores(heading: str) -> dict[str, float]:
    scores = {p: 0.97 for p in PARAGRAPHS}
    scores.update({n: 0.9 for n in NOTES})
    scores[heading] = 0.85
    return scores


def _kept(lines: list[str], verdicts) -> list[str]:
    return [t for t, v in zip(lines, verdicts, strict=True) if v.keep]


def test_the_notes_under_a_closing_heading_go(monkeypatch):
    for heading in ("Footnotes", "Sources:", "ARTICLE SOURCES", "Quellen"):
        lines = [*PARAGRAPHS, heading, *NOTES]
        verdicts = verdicts_with_scores(monkeypatch, lines, _scores(heading))
        assert _kept(lines, verdicts) == PARAGRAPHS, heading
        assert verdicts[lines.index(NOTES[0])].rule == "apparatus"
        monkeypatch.undo()


def test_a_heading_in_the_first_half_takes_nothing(monkeypatch):
    # "Sources" as a subheading before most of the article: the article goes on.
    lines = [PARAGRAPHS[0], "Sources", *NOTES[:1], *PARAGRAPHS[1:]]
    verdicts = verdicts_with_scores(monkeypatch, lines, _scores("Sources"))
    assert all(v.keep for v in verdicts)


def test_references_and_notes_are_no_apparatus_heading():
    # The article's own reading list and side notes stand under these as often.
    assert apparatus.find(["References", "Notes", "Further notes", "Our sources say"]) is None
    assert apparatus.find(["Body", "Footnotes"]) == [1]


def test_cleaning_twice_changes_nothing(monkeypatch):
    lines = [*PARAGRAPHS, "Footnotes", *NOTES]
    scores = _scores("Footnotes")
    once = _kept(lines, verdicts_with_scores(monkeypatch, lines, scores))
    monkeypatch.undo()
    again = verdicts_with_scores(monkeypatch, once, scores)
    assert all(v.keep for v in again)
