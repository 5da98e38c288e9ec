"""Fields each entry of a list article repeats ("Location: ...", "Open: ..."): one the
model doubts stays when most of its label's lines are kept (`core/entryfields.py`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import cleaned_lines, page_lines, verdicts_with_scores
from copydesk.core import entryfields

FIXTURES = Path(__file__).parent / "fixtures" / "entryfields"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Location: Saint-Amé, above the village", "location"),
        ("Best for: walkers and cyclists", "best for"),
        ("Prix : 12 €", "prix"),
        ("10:30 the doors open", None),  # a time
        ("https://example.org/page", None),  # no space after the colon
        ("Note:", None),  # no value
        ("The mayor told the crowd on Sunday: we will build it", None),  # a sentence
        ("Bundle: " + "a robot vacuum with a dock and spare brushes " * 2, None),  # a blurb
    ],
)
def test_a_field_label(text, label):
    assert entryfields.label_of(text) == label


def test_labels_recur_with_different_values():
    texts = ["Open: May", "prose", "Open: June", "more prose", "Open: July", "Size: 3"]
    assert entryfields.field_labels(texts) == ["open", None, "open", None, "open", None]
    # Two lines of a label are no entries' field; nor is one line repeated verbatim.
    assert entryfields.field_labels(texts[:4]) is None
    assert entryfields.field_labels(["Tags: news"] * 4) is None


def test_the_last_entrys_fields_stay_with_the_others(cli):
    # The model read the last entry's fields, right above the share bar, as the tail
    # (body probability 0.04 to 0.18 with the shipped model); the four entries above have
    # the same labels kept.
    page = FIXTURES / "en-campsites.txt"
    lines = page_lines(page)
    clean = cleaned_lines(cli, page)
    last = lines[lines.index("Location: Col de la Schlucht, behind the inn") :][:4]
    assert clean[-4:] == last
    assert "Share this article" not in clean and "Outdoors" not in clean


def _classify(monkeypatch, lines: list[str], scores: dict[str, float]):
    return verdicts_with_scores(monkeypatch, lines, scores)


ENTRIES = [
    "Three small museums that are worth a detour on a rainy day in the old town, "
    "chosen by our readers over the last two years of letters.",
    "The Clockmakers' House",
    "Four rooms of clocks, the oldest from the fifteenth century, and a workshop where "
    "a restorer answers questions while she works on the pieces.",
    "Entry: free on Sundays",
    "Hours: 10 to 17",
    "The Salt Store",
    "An old warehouse by the river that tells how the town grew rich on salt, with "
    "barrels, scales and the ledgers of the merchants who ran the trade.",
    "Entry: 6 euros",
    "Hours: 9 to 18",
    "The Lace Room",
    "A single room above the library with lace from every village of the valley, and "
    "a bench by the window where the lacemakers still meet on Thursdays.",
    "Entry: 3 euros",
    "Hours: 14 to 17, closed Mondays",
]


def test_a_doubted_field_stays_when_most_of_its_label_is_kept(monkeypatch):
    doubted = "Entry: 3 euros"
    verdicts = _classify(monkeypatch, ENTRIES, {doubted: 0.05})
    verdict = verdicts[ENTRIES.index(doubted)]
    assert verdict.keep and verdict.rule == "entry-field"


def test_a_field_stays_out_when_most_of_its_label_went(monkeypatch):
    # Two of the three "Entry:" lines removed: a sidebar's fields, not the entries'. (Two
    # of the "Hours:" lines too: one kept "Hours:" beside each "Entry:" would mark them as
    # fields of the same records, `entry_records`.)
    scores = {"Entry: 3 euros": 0.05, "Entry: 6 euros": 0.05,
              "Hours: 9 to 18": 0.05, "Hours: 14 to 17, closed Mondays": 0.05}
    verdicts = _classify(monkeypatch, ENTRIES, scores)
    assert not verdicts[ENTRIES.index("Entry: 3 euros")].keep
    assert not verdicts[ENTRIES.index("Entry: 6 euros")].keep


def test_a_field_beside_a_held_field_in_each_record_stays(monkeypatch):
    # The same two "Entry:" lines removed, but every "Hours:" kept: each "Entry:" stands
    # in a record with a kept field, and stays with it (`entry_records`).
    scores = {"Entry: 3 euros": 0.05, "Entry: 6 euros": 0.05}
    verdicts = _classify(monkeypatch, ENTRIES, scores)
    for line in ("Entry: 3 euros", "Entry: 6 euros"):
        assert verdicts[ENTRIES.index(line)].keep
        assert verdicts[ENTRIES.index(line)].rule == "entry-field"


def test_a_field_kept_by_this_pass_does_not_hold_up_the_others():
    # Of four "Plan:" fields the model keeps two. One it kept on an earlier pass and then
    # doubted was held up by this pass; counted as kept, it would hold up the fourth, and
    # both would stay for good where a second cleaning, whose model never kept the third,
    # drops them: the output would change when cleaned again.
    from copydesk.core.model import Label, Verdict

    labels = ["plan", None, "plan", None, "plan", None, "plan"]
    model = "line-model"
    verdicts = [
        Verdict(Label.BODY, model, score=0.9),
        Verdict(Label.BODY, model, score=0.9),
        Verdict(Label.BODY, model, score=0.8),
        Verdict(Label.BODY, model, score=0.9),
        Verdict(Label.BODY, "entry-field", score=0.4),
        Verdict(Label.BODY, model, score=0.9),
        Verdict(Label.BOILERPLATE, model, score=0.2),
    ]
    assert not entryfields.entry_fields(labels, verdicts, list(range(7)))
    assert not verdicts[6].keep
    # With a third field the model itself keeps, the fourth stays.
    verdicts[4] = Verdict(Label.BODY, model, score=0.6)
    assert entryfields.entry_fields(labels, verdicts, list(range(7)))
    assert verdicts[6].keep and verdicts[6].rule == "entry-field"


# A directory whose entries share one outline: a numbered name, two label lines each over
# its value, a paragraph. Invented text.
LEAD = (
    "We spent a summer visiting the small breweries of the coast, and these four are the "
    "ones we kept going back to, for their beer and for the people who make it."
)
HEADING = "Four breweries worth the trip"
BREWERIES = [
    ("Gull Rock Brewing", "1998", "Harbourside",
     "A converted net loft where the brewer still smokes his own malt over driftwood, and "
     "the dark ale tastes of it; the tap room opens only when the boats are in."),
    ("Saltmarsh Ales", "2011", "Kettle Point",
     "Two sisters run the brew house behind their mother's bakery and trade the spent "
     "grain for bread flour, so the loaves and the pale ale share a taste of the marsh."),
    ("Lantern Hill", "1987", "Upper Combe",
     "The oldest of the four sits in a chapel on the hill, with the mash tun where the "
     "pulpit stood, and its bitter is the one the fishermen ask for by name."),
    ("Driftwood & Co", "2019", "The Strand",
     "The youngest brews in a shipping container by the lifeboat station and sells out "
     "of its summer wheat beer every weekend from June to the end of August."),
]


def _directory() -> list[str]:
    lines = [LEAD, HEADING]
    for n, (name, year, town, about) in enumerate(BREWERIES, 1):
        lines += [f"{n}. {name}", "Founded:", year, "Where:", town, about]
    return lines


def test_entries_of_one_outline_are_found():
    lines = _directory()
    found = entryfields.outlines(lines)
    assert found is not None
    # The entries start at their numbered names, one above each "Founded:" label.
    starts = [entry.start for entry in found[0]]
    assert [lines[i] for i in starts] == [f"{n}. {b[0]}" for n, b in enumerate(BREWERIES, 1)]
    assert found[0][-1].stop == len(lines)
    # Labels whose copies stand at changing distances are no outline: three entries, the
    # second with a line more.
    lines = lines[:-6]
    lines.insert(lines.index(BREWERIES[1][1]), "Tours on Saturdays")
    assert entryfields.outlines(lines) is None


def _scores(sure: float, rest: float) -> dict[str, float]:
    """The lead and the first entry's paragraph kept at `sure`, the other entries' names
    and paragraphs at `rest`: the list erodes after its first entry."""
    scores = {LEAD: 0.99, HEADING: 0.9, BREWERIES[0][3]: sure}
    for n, (name, _, _, about) in enumerate(BREWERIES[1:], 2):
        scores[f"{n}. {name}"] = rest
        scores[about] = rest
    return scores


def test_entries_take_the_fate_of_the_one_the_model_is_sure_of(monkeypatch):
    lines = _directory()
    verdicts = verdicts_with_scores(monkeypatch, lines, _scores(0.97, 0.05))
    for n, (name, _, _, about) in enumerate(BREWERIES[1:], 2):
        for line in (f"{n}. {name}", about):
            verdict = verdicts[lines.index(line)]
            assert verdict.keep and verdict.rule == "entry-outline", line


def test_entries_stay_out_when_no_entry_is_sure(monkeypatch):
    lines = _directory()
    verdicts = verdicts_with_scores(monkeypatch, lines, _scores(0.6, 0.05))
    assert not verdicts[lines.index(BREWERIES[3][3])].keep


def test_a_list_set_off_from_the_article_stays_out(monkeypatch):
    # A header the model removed above the list: teasers after the article, whose blurbs
    # the model keeps one at a time.
    lines = _directory()
    scores = _scores(0.97, 0.05)
    scores[HEADING] = 0.05
    verdicts = verdicts_with_scores(monkeypatch, lines, scores)
    assert not verdicts[lines.index(BREWERIES[3][3])].keep


def test_entries_held_by_an_outline_clean_the_same_again(monkeypatch):
    lines = _directory()
    scores = _scores(0.97, 0.05)
    verdicts = verdicts_with_scores(monkeypatch, lines, scores)
    kept = [line for line, verdict in zip(lines, verdicts, strict=True) if verdict.keep]
    again = verdicts_with_scores(monkeypatch, kept, scores)
    assert all(verdict.keep for verdict in again)


def test_an_outline_whose_entries_repeat_lines_is_left_to_the_model():
    # A meal plan's "a handful of salted peanuts" on some days: resolution drops the
    # repeats, the clean text no longer aligns its days, and a second cleaning would
    # lose what this one held.
    from copydesk.core.config import Config
    from copydesk.core.model import Label, Verdict
    from copydesk.core.repeats import Repeats

    snack = "a handful of salted peanuts"
    days = ["Monday", "Breakfast: porridge with a banana and honey.", "Snacks:", snack,
            "Tuesday", "Breakfast: two boiled eggs on rye toast and tea.", "Snacks:", "1 pear",
            "Wednesday", "Breakfast: muesli with yoghurt and a few plums.", "Snacks:", snack]
    lines = [LEAD, *days]
    found = entryfields.outlines(lines)
    assert found is not None
    model = "line-model"
    verdicts = [Verdict(Label.BODY, score=0.99)] * len(lines)
    verdicts[-1] = Verdict(Label.BOILERPLATE, model, score=0.2)
    repeats = Repeats(lines, Config())
    assert not entryfields.entry_outlines(found, lines, verdicts, list(range(len(lines))), repeats)
    # The same plan without the repeat is held.
    lines[-1] = "2 satsumas"
    repeats = Repeats(lines, Config())
    assert entryfields.entry_outlines(found, lines, verdicts, list(range(len(lines))), repeats)
    assert verdicts[-1].rule == "entry-outline"
