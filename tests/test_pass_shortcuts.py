"""Shortcuts the classifier's passes and analysis take instead of computing a thing afresh,
held to the reference they replace: each must give exactly what the reference gives."""

from __future__ import annotations

import random

from conftest import ROOT
from copydesk.core import fingerprint, labels, tables
from copydesk.core.classify import Classifier
from copydesk.core.config import Config
from copydesk.core.model import Block, effective_text
from copydesk.core.repeats import Repeats, unrepeated_among, within

ENTRY = "A sentence of the entry's own text that runs for well over eight words here."
PIECES = [
    "What we liked most", "What could be better", ENTRY,
    "The mixer held its speed through a double batch of bread dough without strain.",
    "The mixer held its speed through a double batch of dough without any strain.",
    "Home", "Reviews", "Share this article", "Price: $129", "Sign up for our newsletter",
    "Best stand mixers", "1. Harbour Mixer 500", "Posted 3 hours ago", "Pros", "Quiet",
    "| Model | Watts |", "| A | 500 |", "Week 1", "Rest", "6 miles", "3", "4",
]


def _lines(rng: random.Random, vocabulary: list[str], count: int) -> list[str]:
    """Lines of a few to some 30 words, many of them copies of earlier ones or of their
    words with one changed (near repeats, and lines that contain others)."""
    lines: list[str] = []
    for _ in range(count):
        if lines and rng.random() < 0.5:
            words = rng.choice(lines).split()
            if words and rng.random() < 0.6:
                words[rng.randrange(len(words))] = rng.choice(vocabulary)
            if rng.random() < 0.3:
                words = words[: rng.randint(0, len(words))]
        else:
            words = [rng.choice(vocabulary) for _ in range(rng.randint(0, 32))]
        lines.append(" ".join(words))
    return lines


def test_a_files_repeat_finder_answers_for_some_of_its_lines_as_one_of_those_alone():
    # `repeats.within`: the settle check asks what resolution drops among the kept lines;
    # the file's finder answers, instead of one prepared on the kept texts again.
    rng = random.Random(26)
    vocabulary = ["the", "ferry", "Ferry", "budget", "7", "council", "é", "东京", "vote", "of",
                  "island", "towns", "debate", "long", "Tuesday", "approved", "a", "after"]
    differ = 0
    for _ in range(300):
        texts = _lines(rng, vocabulary, rng.randint(1, 40))
        config = Config(ngram=rng.randint(1, 3), threshold=rng.choice([0.3, 0.5, 0.8]))
        finder = Repeats(texts, config)
        lines = sorted(rng.sample(range(len(texts)), rng.randint(0, len(texts))))
        own = [texts[i] for i in lines]
        answer = within(finder, lines)
        for _ in range(3):
            rows = [r for r in range(len(lines)) if rng.random() < 0.8]
            expected = unrepeated_among(own, rows, config)
            assert answer(rows) == expected
            differ += expected != rows
    assert differ > 100  # the subsets did hold repeats to drop


def _files() -> list[list[Block]]:
    """Pages whose entry labels take turns (a settle check on each): entries of their own
    sentences, some of them copied from an earlier entry (a repeat resolution drops), with
    noise between and a menu above."""
    texts = [
        p.read_text("utf-8")
        for p in sorted((ROOT / "tests" / "fixtures").rglob("*.txt"))
        if "labels" in p.name or "review" in p.name
    ]
    rng = random.Random(26)
    for _ in range(200):
        lines = PIECES[5:11] * rng.randint(0, 2) + [ENTRY]
        said: list[str] = []
        for entry in range(rng.randint(2, 6)):
            own = [
                f"The mixer number {entry} {part} through a double batch of dough, "
                f"{rng.randint(2, 90)} minutes in all, without any strain at all."
                for part in ("held its speed", "stayed quiet")
            ]
            if said and rng.random() < 0.4:
                own[rng.randrange(2)] = rng.choice(said)
            said += own
            lines += [f"{entry + 1}. Harbour Mixer {entry}00", rng.choice(PIECES),
                      "What we liked most", own[0], rng.choice(PIECES),
                      "What could be better", own[1]]
        texts.append("\n".join(lines))
    files = []
    for text in texts:
        lines = [line for line in text.splitlines() if line.strip()]
        files.append([Block(n + 1, n + 1, n + 1, line) for n, line in enumerate(lines)])
    return files


def _verdicts(files: list[list[Block]]) -> list:
    classifier = Classifier(Config())
    one = [classifier.classify(blocks).verdicts for blocks in files]
    return [one, [c.verdicts for c in classifier.classify_many(files)]]  # type: ignore[union-attr]


def test_the_settle_check_through_the_files_finder_decides_as_afresh(monkeypatch):
    files = _files()
    asked = []
    reference = labels.kept_labels_of

    def counted(texts, config, finder=None):
        asked.append(finder is not None)
        return reference(texts, config, finder)

    monkeypatch.setattr(labels, "kept_labels_of", counted)
    through_finder = _verdicts(files)
    assert sum(asked) > 200  # the shortcut was taken
    monkeypatch.setattr(
        labels, "kept_labels_of", lambda texts, config, finder=None: reference(texts, config)
    )
    assert _verdicts(files) == through_finder


def test_the_settle_checks_finder_answers_each_question_as_the_kept_texts_alone(monkeypatch):
    # Each time the check asks which kept lines resolution drops, the file's finder must
    # answer what a finder of the kept texts alone answers.
    asked = []
    reference = labels.kept_labels

    def checking(texts, unrepeated):
        def both(rows):
            answer = unrepeated(rows)
            assert answer == unrepeated_among(texts, rows, Config())
            asked.append(answer != rows)
            return answer

        return reference(texts, both)

    monkeypatch.setattr(labels, "kept_labels", checking)
    _verdicts(_files())
    assert len(asked) > 40 and sum(asked) > 20  # asked often, and lines were dropped


def test_analysis_reads_the_labels_kept_as_the_passes_left_them():
    # Analysis asks `kept_labels_of` of the clean text: the passes' last settle check
    # decided on that very text, or the file's facts answer part of it; either way the
    # answer is the function's own.
    files = _files() + [
        [Block(n + 1, n + 1, n + 1, line) for n, line in enumerate(lines)]
        for lines in (["What we liked most", ENTRY] * 4 + ["| A | 500 |", "3", "4"] * 6,)
    ]
    classifier = Classifier(Config())
    ways = {"settled": 0, "facts": 0, "labels": 0}
    classified = [classifier.classify(blocks) for blocks in files]
    classified += classifier.classify_many(files)  # type: ignore[arg-type]
    for blocks, result in zip(files + files, classified, strict=True):
        verdicts = result.verdicts
        body = [i for i, v in enumerate(verdicts) if v.keep]
        texts = [effective_text(blocks[i], verdicts[i]) for i in body]
        assert result.settled is not None
        ways["settled" if result.settled.kept == body else "facts"] += 1
        expected = labels.kept_labels_of(texts, Config())
        assert classifier.kept_labels(result, body, texts) == expected
        if not expected:
            continue
        ways["labels"] += 1
        # Other lines, or the labels' texts changed after the passes: decided afresh.
        fewer = labels.kept_labels_of(texts[1:], Config())
        assert classifier.kept_labels(result, body[1:], texts[1:]) == fewer
        for k in expected:
            texts[k] = f"A line of its own, number {k}, in place of a label"
        expected = labels.kept_labels_of(texts, Config())
        assert classifier.kept_labels(result, body, texts) == expected
    assert ways["settled"] > 60 and ways["facts"] > 10 and ways["labels"] > 20


def _periodic_by_definition(texts, shapes, lo, hi, k, headed=False):
    """`tables._periodic` as it walked the lines one by one (the reference)."""
    p = lo + k
    while p < hi:
        if not tables._fits(shapes[p], shapes[p - k]):
            p += 1
            continue
        q = p
        while q < hi and tables._fits(shapes[q], shapes[q - k]):
            q += 1
        first = p - k
        rows = (q - first) // k
        enough = rows >= tables.MIN_ROWS + 1
        if enough or (
            headed and rows == tables.MIN_ROWS and tables._labelled(shapes, lo, first, k)
        ):
            end = first + rows * k
            figures = tables._has_figures(texts, shapes, first, end, k)
            if figures is not None and figures != tables._FIGURES:
                first += figures
                rows = (q - first) // k
                end = first + rows * k
            above = shapes[first - k : first] if first - k >= lo else []
            header = len(above) == k and 2 * above.count(tables.TEXT) >= k
            counted = (
                figures is not None
                and k >= tables.COUNTED_COLUMNS
                and rows >= tables.MIN_ROWS + 1
                and above.count(tables.TEXT) == k
            )
            if figures == tables._FIGURES or counted:
                return tables.Table(first - k if header else first, end, k, rows)
        p = q + 1
    return None


CELLS = ["12", "3.5 kg", "N/A", "-", "Rest", "Monday", "6 miles", "7", "1", "2", "Week",
         "A longer line of text that reads as a sentence and breaks any table run here."]


def test_the_lines_that_fit_their_period_are_those_fits_says():
    rng = random.Random(26)
    for _ in range(2000):
        shapes = [rng.choice([1, 2, 3, 3, 1, 0]) for _ in range(rng.randint(0, 60))]
        lo = rng.randint(0, len(shapes))
        hi = rng.randint(lo, len(shapes))
        k = rng.randint(1, tables.MAX_COLUMNS)
        expected = bytes(
            tables._fits(shapes[p], shapes[p - k]) for p in range(lo + k, hi)
        )
        assert tables._fitting(shapes, lo, hi, k) == expected


def test_tables_found_through_the_fitting_lines_are_those_of_the_walk(monkeypatch):
    # Periodic runs of cells (a few columns, figures and text, gaps), broken and noisy.
    rng = random.Random(26)
    pages = []
    for _ in range(400):
        texts: list[str] = []
        while len(texts) < 80:
            k = rng.randint(2, 5)
            row = [rng.choice(CELLS) for _ in range(k)]
            for _ in range(rng.randint(0, 8)):
                texts += [c if rng.random() < 0.85 else rng.choice(CELLS) for c in row]
                row = [str(rng.randint(0, 99)) if c[0].isdigit() else c for c in row]
            texts.append(rng.choice(CELLS))
        pages.append(texts)
    found = [tables.find_tables(texts) for texts in pages]
    assert sum(map(bool, found)) > 100  # tables were found
    monkeypatch.setattr(tables, "_periodic", _periodic_by_definition)
    assert [tables.find_tables(texts) for texts in pages] == found


def test_the_matching_form_of_an_ascii_line_is_that_of_its_tokens():
    # `fingerprint._ascii_matching_form`: words found on the lower-cased line, numbers
    # normalized; the reference folds each token of `_findall` in turn.
    rng = random.Random(26)
    alphabet = "abcXYZ0189 .,'!?:;\n\"-_()#$%&*+/<=>@[]^`{|}~\t" + "0123456789" * 2
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
             for _ in range(20000)]
    texts += [line for path in sorted((ROOT / "samples").glob("*.txt"))
              for line in path.read_text("utf-8").splitlines() if line.isascii()]
    for text in texts:
        assert fingerprint._ascii_matching_form(text) == fingerprint._matching_form_of_tokens(
            text
        ), text
    assert fingerprint.matching_form("Le 1.200 Café, 36,25 €") == "le 1200 cafe 36.25"
