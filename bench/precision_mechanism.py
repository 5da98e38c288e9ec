"""Which mechanism kept the words outside the truth, and how sure it was.

    python bench/precision_mechanism.py --devset DIR --cv DIR --pred DIR [--variant region]
                                        [--json OUT]

`precision_loss.py` says where a page's lost precision sits (whole or part lines, by place);
this says what kept each of those lines. Every page of `--pred` (the outputs of
`bench/devset.py --cv DIR --keep ...`) is classified again here, with the line model of the
fold that held its site out (as `devset.py --cv` cleans it), keeping the model's scores. A
kept line is put down to its verdict:

- "model": no rule decided it and the line model kept it; with its body probability's
  band, and whether the page's threshold was the lenient one of a page that is all region
  (`classify._threshold`);
- "model: list item": kept as an item of a list whose items' mean probability passed;
- "model over a soft rule": a soft rule removed it and the model overruled that;
- any other id: the rule, keep pattern or context pass that kept it (the model's score on
  record, or its first-pass score where it never decided the line, gives the band: a
  context pass that kept a line the model removed shows a band under the threshold).

"model cut under" adds up, for each score, the lines the model kept under it: what a higher
threshold would take out. "F1 change if cut" weighs a group's two sides as the scorer does:
its mean F1 over the pages with the group's lines left out (the passes not run again, so
a first look at a cut, not its measure).

Beside each group's lost precision stands the recall it carries: the truth words its kept
lines hold, as a share of the page's truth (averaged over pages as the scorer averages),
which is roughly what cutting the group would cost in recall.

A page's outputs are lined up with the lines rendered from the verdicts here; lines the
run dropped after classification (duplicates, site templates) are not in the output and
not counted; output lines not found among the rendered ones are "unattributed".
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from precision_loss import WHOLE, WORD, _place, _size, page_losses

from copydesk.core.analyze import load
from copydesk.core.classify import Classifier, _threshold
from copydesk.core.config import Config
from copydesk.core.model import Source, Verdict, effective_text

BANDS = (0.0, 0.15, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99)


@dataclass
class Kept:
    """One output line with words, what kept it and how it scores against the truth."""

    page: str
    index: int  # among the page's output lines with words
    lines: int
    words: int
    outside: int  # words that do not align with the truth
    loss: float  # its share of the run's lost precision
    recall: float  # its truth words as a share of the page's truth, over the pages
    mechanism: str
    score: float | None  # the model's body probability (final, else first pass)
    lenient: bool  # the page's threshold was the lenient one of an all-region page
    text: str


def mechanism(verdict: Verdict) -> str:
    if verdict.rule is None:
        if verdict.detail.startswith("an item of a list"):
            return "model: list item"
        return "model" if verdict.score is not None else "unscored"
    if verdict.rule == "line-model":
        return "model over a soft rule"
    return verdict.rule


def band(score: float | None) -> str:
    if score is None:
        return "no score"
    low = max(b for b in BANDS if b <= score)
    high = min((b for b in BANDS if b > score), default=1.0)
    return f"{low:.2f}-{high:.2f}"


def page_kept(
    page: str, output: str, truth: str, pages: int, blocks, verdicts, first: dict[int, float],
    lenient: bool,
) -> list[Kept]:
    """Every output line with words of one page, put down to the verdict that kept it."""
    losses = {x.index: x for x in page_losses(page, output, truth, pages, every=True)}
    rendered: list[tuple[str, int]] = []  # (line, block) of the text the verdicts render
    for i, (block, verdict) in enumerate(zip(blocks, verdicts, strict=True)):
        if verdict.keep:
            rendered += [(t, i) for t in effective_text(block, verdict).splitlines()
                         if WORD.search(t)]
    texts = [t for t in output.splitlines() if WORD.search(t)]
    block_of: dict[int, int] = {}
    matcher = difflib.SequenceMatcher(None, texts, [t for t, _ in rendered], autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for j in range(size):
            block_of[a + j] = rendered[b + j][1]
    truth_words = len(WORD.findall(truth)) or 1
    out = []
    for k, text in enumerate(texts):
        line = losses[k]
        i = block_of.get(k)
        verdict = verdicts[i] if i is not None else None
        score = None
        if verdict is not None:
            score = verdict.score if verdict.score is not None else first.get(i)
        out.append(Kept(
            page, k, len(texts), line.words, line.outside, line.loss,
            (line.words - line.outside) / truth_words / pages,
            mechanism(verdict) if verdict is not None else "unattributed",
            score, lenient, text,
        ))
    return out


def run_kept(devset: Path, cv: Path, pred: Path, variant: str) -> tuple[list[Kept], int]:
    """Every kept output line of the variant's pages, and the number of pages."""
    here = Path(__file__).resolve().parent
    sys.path.insert(0, str(here))
    from devset import cv_folds, fold_model

    files = sorted(pred.glob(f"*.{variant}.txt"))
    fold_of_page = cv_folds(cv, devset)
    config = Config()
    classifiers: dict[int, Classifier] = {}
    out: list[Kept] = []
    for f in files:
        page = f.name.split(".")[0]
        k = fold_of_page[page]
        if k not in classifiers:
            classifiers[k] = Classifier(config, fold_model(cv, k))
        classifier = classifiers[k]
        source = devset / "pages" / f.name
        loaded = load(Source(display=f.name, relpath=f.name, path=str(source)), config)
        classified = classifier.classify(loaded.blocks, keep_scores=True)
        scored = classifier.last_scored
        first: dict[int, float] = {}
        lenient = False
        if scored is not None:
            first = {i: round(float(p), 3) for i, p in zip(scored.rows, scored.p, strict=True)}
            model = classifier.model_for(classified.language)
            lenient = model is not None and _threshold(model, scored.x1) < model.threshold
        truth = (devset / "pages" / f"{page}.truth.txt").read_text(encoding="utf-8")
        out += page_kept(page, f.read_text(encoding="utf-8"), truth, len(files),
                         loaded.blocks, classified.verdicts, first, lenient)
    return out, len(files)


def _whole(line: Kept) -> bool:
    return line.outside >= WHOLE * line.words  # as `precision_loss.Line.whole`


def tables(kept: list[Kept]) -> dict[str, dict[str, tuple[float, float, int]]]:
    """(lost precision of its whole lines outside the truth, recall it carries, lines) by
    mechanism; by mechanism and place; by the model's score band, for the lines the model
    kept, and for those a context pass kept."""
    out: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(lambda: [0.0, 0.0, 0]))

    def add(table: str, key: str, line: Kept) -> None:
        row = out[table][key]
        row[0] += line.loss if _whole(line) else 0.0
        row[1] += line.recall
        row[2] += 1

    for line in kept:
        add("mechanism", line.mechanism, line)
        add("mechanism x place", f"{line.mechanism} | {_place_size(line)}", line)
        if line.mechanism in ("model", "model: list item", "model over a soft rule"):
            add("model band", f"{band(line.score)}{' lenient' if line.lenient else ''}", line)
        elif line.mechanism != "unattributed":
            add("context band", f"{line.mechanism} | {band(line.score)}", line)
    # What removing every line the model kept under a score would trade: the lost precision
    # it takes back against the recall it costs.
    model = [x for x in kept if x.mechanism in ("model", "model: list item")]
    for cut in BANDS[1:]:
        under = [x for x in model if x.score is not None and x.score < cut]
        out["model cut under"][f"{cut:.2f}"] = [
            sum(x.loss for x in under if _whole(x)), sum(x.recall for x in under), len(under)
        ]
    # The parts of lines partly outside the truth are no mechanism's choice: shown apart.
    parts = sum(x.loss for x in kept if not _whole(x))
    out["part lines"]["all mechanisms"] = [
        parts, 0.0, sum(not _whole(x) and x.loss > 0 for x in kept)
    ]
    return {
        name: {
            k: (v[0], v[1], v[2])
            for k, v in (rows.items() if name == "model cut under"
                         else sorted(rows.items(), key=lambda kv: -kv[1][0]))
        }
        for name, rows in out.items()
    }


def f1_change(kept: list[Kept], truths: dict[str, Counter], pages: int,
              drop: Callable[[Kept], bool]) -> float:
    """How far the dev scorer's mean F1 moves if the lines `drop` picks are not kept (the
    passes not run again): a group's lost precision and the recall it carries, weighed as
    the scorer weighs them (a page far from its truth gains more F1 for the same words)."""
    by_page: dict[str, list[Kept]] = defaultdict(list)
    for line in kept:
        by_page[line.page].append(line)
    change = 0.0
    for page, lines in by_page.items():
        if any(drop(x) for x in lines):
            truth = truths[page]
            change += _f1(lines, truth, lambda x: False) - _f1(lines, truth, drop)
    return -change / pages


def _f1(lines: list[Kept], truth: Counter, drop: Callable[[Kept], bool]) -> float:
    pred = Counter(w.lower() for x in lines if not drop(x) for w in WORD.findall(x.text))
    both = sum((pred & truth).values())
    if not both:
        return 0.0
    p, r = both / sum(pred.values()), both / sum(truth.values())
    return 2 * p * r / (p + r)


def cut_effects(kept: list[Kept], truths: dict[str, Counter], pages: int) -> dict[str, float]:
    """`f1_change` of taking out each mechanism's lines, and the model's lines under each
    score."""
    out = {m: f1_change(kept, truths, pages, lambda x, m=m: x.mechanism == m)
           for m in sorted({x.mechanism for x in kept})}
    for cut in BANDS[1:]:
        out[f"model under {cut:.2f}"] = f1_change(
            kept, truths, pages,
            lambda x, cut=cut: x.mechanism in ("model", "model: list item")
            and x.score is not None and x.score < cut,
        )
    return out


def _place_size(line: Kept) -> str:
    return f"{_place(line)}, {_size(line.words)}"  # type: ignore[arg-type]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--devset", type=Path, required=True)
    parser.add_argument("--cv", type=Path, required=True, help="fold models (devset.py --cv)")
    parser.add_argument("--pred", type=Path, required=True, help="<id>.<variant>.txt outputs")
    parser.add_argument("--variant", default="region")
    parser.add_argument("--min", type=float, default=0.0005, help="rows below are not shown")
    parser.add_argument("--json", type=Path, help="every kept line, as JSON")
    args = parser.parse_args(argv)
    kept, pages = run_kept(args.devset, args.cv, args.pred, args.variant)
    if not pages:
        print(f"no *.{args.variant}.txt in {args.pred}", file=sys.stderr)
        return 2
    print(f"{pages} pages, lost precision {sum(x.loss for x in kept):.5f} "
          f"(whole lines {sum(x.loss for x in kept if _whole(x)):.5f})")
    for name, rows in tables(kept).items():
        print(f"{name}:  lost precision (whole lines) | recall carried | lines")
        for key, (loss, recall, n) in rows.items():
            if loss >= args.min or name in ("model band", "model cut under", "part lines"):
                print(f"  {key:58s} {loss:.5f} {recall:.5f} {n:6d}")
    truths = {
        page: Counter(w.lower() for w in WORD.findall(
            (args.devset / "pages" / f"{page}.truth.txt").read_text(encoding="utf-8")))
        for page in {x.page for x in kept}
    }
    print("F1 change if cut (the scorer's mean; the passes not run again):")
    for key, change in cut_effects(kept, truths, pages).items():
        print(f"  {key:58s} {change:+.5f}")
    if args.json:
        args.json.write_text(json.dumps([asdict(x) for x in kept]), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
