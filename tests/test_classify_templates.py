"""Site templates: lines recurring across a run's files go; copies and short body lines stay."""

import random

from copydesk.core.config import Config
from copydesk.core.model import Source
from copydesk.core.pipeline import Destination, run

SUBJECTS = [
    "The harbour board",
    "A group of fishermen",
    "The county council",
    "Local teachers",
    "The new ferry operator",
    "Residents of the old town",
    "The lifeboat crew",
    "Two bakers",
    "The museum trustees",
    "A youth football club",
    "The water company",
    "Market traders",
]
VERBS = [
    "agreed on",
    "argued about",
    "published",
    "delayed",
    "welcomed",
    "questioned",
    "paid for",
    "voted against",
    "announced",
    "reviewed",
    "planned",
    "criticised",
]
OBJECTS = [
    "a plan to rebuild the pier",
    "the winter timetable",
    "higher parking charges",
    "a study of coastal erosion",
    "the cost of school meals",
    "new rules for street stalls",
    "a festival in late August",
    "repairs to the chapel roof",
    "a cycle path to the station",
    "the closure of the post office",
    "a grant for the library",
    "longer opening hours",
]
TAILS = [
    "after a meeting that ran past midnight",
    "despite objections from several neighbours",
    "following months of complaints",
    "before the end of the financial year",
    "with support from a national charity",
    "in a vote that surprised many observers",
    "at a public hearing on Thursday evening",
    "after a survey of four hundred households",
]
FOOTER = "The Coast Courier is an independent weekly paper covering the northern shore since 1921."
PROMO = "Get every story from the Courier delivered to your door each Friday morning."


def sentence(rng: random.Random) -> str:
    return (
        f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} "
        f"{rng.choice(TAILS)}, and {rng.choice(SUBJECTS).lower()} {rng.choice(VERBS)} "
        f"{rng.choice(OBJECTS)}."
    )


def article(rng: random.Random, subheading: str | None = None) -> list[str]:
    lines = [sentence(rng) for _ in range(4)]
    if subheading:
        lines.insert(2, subheading)
    return lines


def write_run(tmp_path, files: dict[str, list[str]]):
    tmp_path.mkdir(parents=True, exist_ok=True)
    sources = []
    for name, lines in sorted(files.items()):
        path = tmp_path / "in" / name
        path.parent.mkdir(exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        sources.append(Source(display=name, relpath=name, path=str(path)))
    out = tmp_path / "out"
    result = run(sources, Config(), Destination(out_dir=str(out)))
    texts = {name: (out / name).read_text("utf-8") for name in files}
    reasons = {
        o.source.display: {r["text"]: r["reason"]["rule"] for r in o.entry.get("removed", [])}
        for o in result.outcomes
    }
    return texts, reasons


def test_a_line_recurring_across_the_run_is_a_template(tmp_path):
    rng = random.Random(7)
    files = {f"page{k:02}.txt": [*article(rng), PROMO, FOOTER] for k in range(12)}
    texts, reasons = write_run(tmp_path, files)
    for name, lines in files.items():
        assert FOOTER not in texts[name]
        assert PROMO not in texts[name]
        assert reasons[name][FOOTER] == "site-template"
        for line in lines[:4]:
            assert line in texts[name]


def test_short_lines_common_in_bodies_are_protected(tmp_path):
    rng = random.Random(11)
    files = {}
    for k in range(12):
        # "Background" heads a section in a third of the articles: real body text.
        files[f"page{k:02}.txt"] = article(rng, "Background" if k % 3 == 0 else None)
    texts, _ = write_run(tmp_path, files)
    for k in range(0, 12, 3):
        assert "Background" in texts[f"page{k:02}.txt"]


def test_a_story_copied_by_several_outlets_is_not_a_template(tmp_path):
    rng = random.Random(3)
    wire = article(rng)
    files = {f"own{k:02}.txt": article(rng) for k in range(8)}
    for k in range(4):
        files[f"wire{k}.txt"] = [*wire, sentence(rng)]
    texts, reasons = write_run(tmp_path, files)
    # Duplicate matching reports the copies; the template step leaves them alone.
    for k in range(4):
        assert all(r != "site-template" for r in reasons[f"wire{k}.txt"].values())
    assert wire[0] in texts["wire0.txt"]


def test_templates_can_be_turned_off(tmp_path):
    rng = random.Random(5)
    files = {f"page{k:02}.txt": [*article(rng), FOOTER] for k in range(6)}
    sources = []
    for name, lines in sorted(files.items()):
        path = tmp_path / name
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        sources.append(Source(display=name, relpath=name, path=str(path)))
    result = run(sources, Config(templates=False), Destination(dry_run=True))
    assert all(FOOTER in (o.text or "") for o in result.outcomes)


def test_cleaning_a_templated_run_twice_changes_nothing(tmp_path):
    rng = random.Random(13)
    files = {
        f"page{k:02}.txt": ["Skip to content", "Home", *article(rng), PROMO, "Most read", FOOTER]
        for k in range(10)
    }
    texts, _ = write_run(tmp_path / "first", files)
    again = {name: text.splitlines() for name, text in texts.items()}
    second, _ = write_run(tmp_path / "second", again)
    assert second == texts
