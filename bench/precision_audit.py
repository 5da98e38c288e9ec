"""Draw the blocks of kept words the truth leaves out, for labelling by hand.

    python bench/precision_audit.py --truth DIR --pred DIR [--variant region] [--draw 150]
                                    [--seed 23] [--labels FILE] [--json OUT]

`precision_loss.py` says how much of a run's lost precision sits in whole lines and where;
what those lines are (a bio, a related teaser, a caption...) only reading them tells. This
groups each page's kept lines that are outside the truth (whole lines, as precision_loss
counts them) into blocks of consecutive lines, and draws `--draw` blocks weighted by their
outside words with a fixed seed (without replacement: keys u ** (1 / words)), so that a
hand-labelled sample estimates the shares of the words, not of the blocks. Lines only
partly outside the truth are blocks of their own ("part").

Each block is printed with the kept line before and after it and where it sits relative to
the page's body (the kept lines that align with the truth): "head" before the first such
line, "tail" after the last, "inside" between. Those places are measured on every block,
not only the drawn ones, and printed as shares of the lost precision.

`--labels` reads a file of "number<TAB>kind" lines (the drawn block's number as printed) and
prints the table: kind, blocks drawn, and the estimated shares of the run's outside words
and of its lost precision (each drawn block weighted by 1 / its chance to be drawn), and
the latter times the run's lost precision (what the kind costs in 1 - P).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

from precision_loss import Line, page_losses


@dataclass
class Block:
    page: str
    first: int  # index of its first line among the page's kept lines with words
    lines: int  # lines in the block
    words: int  # outside words
    loss: float  # share of the run's lost precision
    place: str  # "head", "inside", "tail" or "part"
    before: str
    after: str
    text: list[str]


def _place(first: int, last: int, body: list[int]) -> str:
    if not body or last < body[0]:
        return "head"
    if first > body[-1]:
        return "tail"
    return "inside"


def page_blocks(page: str, kept: str, truth: str, pages: int) -> list[Block]:
    """The page's runs of consecutive whole-outside lines, and its part lines, as blocks."""
    lines = page_losses(page, kept, truth, pages, every=True)
    body = [x.index for x in lines if not x.whole and x.outside < x.words]
    texts = {x.index: x.text for x in lines}
    out: list[Block] = []
    run: list[Line] = []

    def close() -> None:
        if run:
            first, last = run[0].index, run[-1].index
            out.append(Block(
                page, first, len(run), sum(x.outside for x in run), sum(x.loss for x in run),
                _place(first, last, body), texts.get(first - 1, ""), texts.get(last + 1, ""),
                [x.text for x in run],
            ))
            run.clear()

    for x in lines:
        if x.whole:
            if run and run[-1].index != x.index - 1:
                close()
            run.append(x)
            continue
        close()
        if x.loss > 0:
            out.append(Block(
                page, x.index, 1, sum(s.words for s in x.spans), x.loss, "part",
                texts.get(x.index - 1, ""), texts.get(x.index + 1, ""), [x.text],
            ))
    close()
    return [b for b in out if b.loss > 0]


def run_blocks(truth: Path, pred: Path, variant: str) -> list[Block]:
    files = sorted(pred.glob(f"*.{variant}.txt"))
    out: list[Block] = []
    for f in files:
        page = f.name.split(".")[0]
        text = (truth / f"{page}.truth.txt").read_text(encoding="utf-8")
        out += page_blocks(page, f.read_text(encoding="utf-8"), text, len(files))
    return out


def draw(blocks: list[Block], k: int, seed: int) -> list[Block]:
    """k blocks without replacement, each drawn with odds in proportion to its words."""
    rng = random.Random(seed)
    keyed = [(rng.random() ** (1.0 / b.words), i) for i, b in enumerate(blocks) if b.words]
    keyed.sort(reverse=True)
    return [blocks[i] for _, i in keyed[:k]]


def inclusion(blocks: list[Block], k: int) -> dict[int, float]:
    """Each block's chance to be among k drawn (by id), taken as that of k draws with
    replacement, 1 - (1 - words / total) ** k: near the draw's own for a sample this small
    against thousands of blocks, and 1 for the largest blocks, which every draw holds."""
    total = sum(b.words for b in blocks)
    return {id(b): 1.0 - (1.0 - b.words / total) ** k for b in blocks}


def table(
    drawn: list[Block], labels: dict[int, str], chance: dict[int, float]
) -> list[tuple[str, int, float, float]]:
    """(kind, blocks, share of the outside words, share of the lost precision) by kind,
    largest loss first. A block drawn weighted by its words stands for the blocks it was
    drawn among by 1 / its chance (Horvitz-Thompson): counting the drawn blocks' own words
    would count a large block twice, once in its odds and once in its size."""
    words: Counter[str] = Counter()
    loss: Counter[str] = Counter()
    count: Counter[str] = Counter()
    for n, b in enumerate(drawn, 1):
        kind = labels.get(n, "unlabelled")
        words[kind] += b.words / chance[id(b)]
        loss[kind] += b.loss / chance[id(b)]
        count[kind] += 1
    all_words, all_loss = sum(words.values()) or 1.0, sum(loss.values()) or 1.0
    return [
        (kind, count[kind], words[kind] / all_words, value / all_loss)
        for kind, value in loss.most_common()
    ]


def _short(text: str, width: int = 160) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--truth", type=Path, required=True, help="<id>.truth.txt files")
    parser.add_argument("--pred", type=Path, required=True, help="<id>.<variant>.txt outputs")
    parser.add_argument("--variant", default="region")
    parser.add_argument("--draw", type=int, default=150)
    parser.add_argument("--seed", type=int, default=23)
    parser.add_argument("--labels", type=Path, help="number<TAB>kind lines for the drawn blocks")
    parser.add_argument("--json", type=Path, help="the drawn blocks, as JSON")
    args = parser.parse_args(argv)
    blocks = run_blocks(args.truth, args.pred, args.variant)
    if not blocks:
        print(f"no lost precision in *.{args.variant}.txt of {args.pred}", file=sys.stderr)
        return 2
    total = sum(b.loss for b in blocks)
    places: Counter[str] = Counter()
    for b in blocks:
        places[b.place] += b.loss
    print(f"{len(blocks)} blocks, lost precision {total:.5f}; by place: "
          + ", ".join(f"{p} {v:.5f}" for p, v in places.most_common()))
    drawn = draw(blocks, args.draw, args.seed)
    if args.labels:
        labels = {}
        for row in args.labels.read_text(encoding="utf-8").splitlines():
            if row.strip() and not row.startswith("#"):
                n, kind = row.split("\t")[:2]
                labels[int(n)] = kind.strip()
        print(f"{'kind':40s} blocks  words  loss  1-P (of {total:.5f})")
        for kind, n, share, loss in table(drawn, labels, inclusion(blocks, args.draw)):
            print(f"{kind:40s} {n:6d} {share:6.1%} {loss:6.1%} {loss * total:.5f}")
    else:
        for n, b in enumerate(drawn, 1):
            print(f"\n#{n} {b.page} line {b.first} ({b.place}, {b.lines} lines, {b.words} words)")
            print(f"   before: {_short(b.before)}")
            for t in b.text[:6]:
                print(f"   >> {_short(t)}")
            if len(b.text) > 6:
                print(f"   >> ... {len(b.text) - 6} more lines")
            print(f"   after: {_short(b.after)}")
    if args.json:
        args.json.write_text(json.dumps([asdict(b) for b in drawn]), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
