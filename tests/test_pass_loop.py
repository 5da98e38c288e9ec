"""The classifier's model passes take what they read of a file's text alone (its repeats,
cell shapes, list forms, author boxes, row features...) once per file, not once per
settle try (`Classifier._passes`: a file whose entry labels the kept text decides on
otherwise runs the passes again from its first verdicts). Every try starts from the same
verdicts, so from the same text: taking those facts afresh on each try finds the same."""

from __future__ import annotations

import random

from conftest import ROOT
from copydesk.core import classify
from copydesk.core.classify import Classifier, _FileFacts
from copydesk.core.config import Config
from copydesk.core.model import Block, effective_text

ENTRY = "A sentence of the entry's own text that runs for well over eight words here."
PIECES = [
    "What we liked most", "What could be better", "Our verdict in short", ENTRY,
    "The mixer held its speed through a double batch of bread dough without strain.",
    "Home", "Reviews", "Share this article", "Price: $129", "Sign up for our newsletter",
    "Best stand mixers", "1. Harbour Mixer 500", "2. Kestane Pro", "Posted 3 hours ago",
    "| Model | Watts |", "| A | 500 |", "Pros", "Cons", "Quiet", "Heavy",
]


def _files() -> list[str]:
    files = [p.read_text("utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    files += [
        p.read_text("utf-8")
        for p in sorted((ROOT / "tests" / "fixtures").rglob("*.txt"))
        if "labels" in p.name or "review" in p.name or "kinds7" in str(p)
    ]
    rng = random.Random(18)
    for _ in range(150):
        lines = [ENTRY]
        for _ in range(rng.randint(2, 5)):  # entries under labels, in turn, with noise
            lines += [rng.choice(PIECES), "What we liked most", ENTRY, rng.choice(PIECES),
                      "What could be better", rng.choice(PIECES), ENTRY]
        files.append("\n".join(lines))
    return files


def _blocks(text: str) -> list[Block]:
    lines = [line for line in text.splitlines() if line.strip()]
    return [Block(n + 1, n + 1, n + 1, line) for n, line in enumerate(lines)]


def _classified(files: list[list[Block]]) -> list:
    classifier = Classifier(Config())
    one = [classifier.classify(blocks).verdicts for blocks in files]
    many = [c.verdicts for c in classifier.classify_many(files)]  # type: ignore[union-attr]
    return [one, many]


def test_facts_taken_once_per_file_are_those_each_settle_try_would_take(monkeypatch):
    files = [_blocks(text) for text in _files()]
    tries = []
    taken = Classifier._passes_with

    def counted(self, *args):
        tries.append(1)
        return taken(self, *args)

    monkeypatch.setattr(Classifier, "_passes_with", counted)
    shared = _classified(files)
    # Some files ran a second try, the case where the facts are shared.
    assert len(tries) > 2 * len(files)

    def afresh(self, blocks, verdicts, language, keep_scores, start, distinct, facts, *rest):
        texts = [effective_text(b, v) for b, v in zip(blocks, verdicts, strict=True)]
        facts = _FileFacts.of(blocks, texts, self.config)
        return taken(
            self, blocks, verdicts, language, keep_scores, start, distinct, facts, *rest
        )

    monkeypatch.setattr(Classifier, "_passes_with", afresh)
    assert _classified(files) == shared
    assert classify.SETTLE_TRIES >= 2


def test_a_chunk_classified_at_once_gets_the_verdicts_of_each_file_alone(monkeypatch):
    # `classify_many` prepares the chunk's repeat finders in one batch (`prepare_all`); the
    # entries' repeated lines and twins must be each file's own. Should the batch fail,
    # each file's finder prepares alone, with the same verdicts.
    files = [_blocks(text) for text in _files()]
    one, many = _classified(files)
    assert many == one
    batches = []

    def failing(finders):
        batches.append(len(finders))
        raise RuntimeError("batch")

    monkeypatch.setattr(classify, "prepare_all", failing)
    assert _classified(files)[1] == one
    assert batches == [len(files)]


def _scored(files: list[list[Block]]) -> list:
    """Each file's verdicts (alone and in a chunk) and what the model said on its first
    pass (`keep_scores`)."""
    classifier = Classifier(Config())
    one = []
    for blocks in files:
        verdicts = classifier.classify(blocks, keep_scores=True).verdicts
        scored = classifier.last_scored
        one.append((verdicts, None if scored is None else (scored.rows, scored.p.tobytes())))
    many = [c.verdicts for c in classifier.classify_many(files)]  # type: ignore[union-attr]
    return [one, many]


def test_a_settle_try_replaying_the_previous_ones_passes_ends_as_running_them(monkeypatch):
    # A second try's passes that start as the first try's did are taken from it
    # (`_Replay`), not run: the verdicts, and the scores `explain` reads, must be those
    # of every pass run afresh, with fewer model passes run.
    files = [_blocks(text) for text in _files()]
    requests = []
    predict = classify.predict

    def counted(*args):
        requests.append(1)
        return predict(*args)

    monkeypatch.setattr(classify, "predict", counted)
    monkeypatch.setattr(
        classify, "predict_many", lambda model, rs: [counted(model, *r) for r in rs]
    )
    replayed = _scored(files)
    fewer = len(requests)
    requests.clear()
    monkeypatch.setattr(classify._Replay, "found", lambda self, *args: None)
    assert _scored(files) == replayed
    assert fewer < len(requests)


def test_out_of_settle_tries_with_no_labels_left_the_model_still_decides(monkeypatch):
    """When the last settle try's kept text decides on no entry labels (a pass removed
    them, as a widget's repeated button), the verdicts are back at the rules' and the
    passes must run once more: before, every line the rules kept stayed undecided, a
    page's menu and all (a dev page, wcxb-4072, kept its whole header)."""
    lines = ["Home", "Tents", "Packs", "Boots", "Stoves", "Reviews You Can Trust"]
    for n in range(4):
        lines += ["What we liked most", ENTRY, f"{n + 1}. Harbour Mixer {500 + n}"]
    # The article's last paragraph under the entries: a page ending in a title-case line
    # under a paragraph loses it as a closing label (core/closinglabels.py), and the kept
    # lines this test's decisions name by position would move.
    lines.append(ENTRY)
    blocks = _blocks("\n".join(lines))
    tries: list[frozenset[int]] = []
    taken = Classifier._passes_with

    def labelled(self, blocks, verdicts, language, keep_scores, start, distinct, *rest):
        tries.append(distinct)
        return taken(self, blocks, verdicts, language, keep_scores, start, distinct, *rest)

    # Every try but the last finds labels; the last try's kept text decides on none.
    decided = iter([frozenset({7}), frozenset()])
    monkeypatch.setattr(Classifier, "_passes_with", labelled)
    monkeypatch.setattr(
        Classifier, "_set_up",
        lambda self, blocks, verdicts: (frozenset({6}), _FileFacts.of(
            blocks, [b.text for b in blocks], self.config)),
    )
    monkeypatch.setattr(Classifier, "_kept_labels", lambda self, *a: next(decided))
    verdicts = Classifier(Config()).classify(blocks).verdicts
    assert len(tries) == classify.SETTLE_TRIES + 1  # out of tries: once more, no labels
    assert tries[-1] == frozenset()
    undecided = [v for v in verdicts if v.keep and v.rule is None and v.score is None]
    assert not undecided
