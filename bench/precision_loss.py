"""Where a cleaner's lost precision sits: which kept words are outside the truth, in which lines.

    python bench/precision_loss.py --truth DIR --pred DIR [--variant region] [--json OUT]

Precision is the dev scorer's (bag of lowercase \\w+ words with repeats, per page, averaged
over pages), so the figures add up to 1 - P. Which kept words carry a page's excess is
decided by aligning the page's kept words with the truth's, in order: a word of a line that
aligns with the truth's text is in the truth, and a word's excess (kept count less truth
count) is shared among its kept copies that do not align.

Counting the excess against the bag in the order the lines come instead (the first copies
of "the" are in the truth, the later ones are not) blames the last lines of a page for the
common words that an earlier line outside the truth took: on the dev set's region pages it
put 0.018 of the 0.042 in lines only partly outside the truth; aligned, those lines hold
0.0025.

A line is "whole" when at least WHOLE of its words are outside the truth, otherwise "part";
a part line's outside runs of words are told apart by where they sit (prefix, middle,
suffix) and their length.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

WORD = re.compile(r"\w+")  # the dev scorer's words (lowercased)
WHOLE = 0.8  # share of a line's words outside the truth that makes it a whole-line miss


@dataclass
class Span:
    pos: str  # "prefix", "middle" or "suffix" of its line
    words: int
    loss: float  # its share of the run's lost precision
    text: str


@dataclass
class Line:
    page: str
    index: int  # among the page's kept lines with words
    lines: int
    words: int
    outside: int  # words that do not align with the truth
    loss: float
    text: str
    spans: list[Span] = field(default_factory=list)

    @property
    def whole(self) -> bool:
        return self.outside >= WHOLE * self.words


def page_losses(page: str, kept: str, truth: str, pages: int, every: bool = False) -> list[Line]:
    """The lines of one page's kept text that hold some of its excess words (with `every`,
    all its lines with words), with each one's share of the run's lost precision (a page's
    lost precision over `pages`)."""
    texts = [t for t in kept.splitlines() if WORD.search(t)]
    tokens = [(k, m) for k, t in enumerate(texts) for m in WORD.finditer(t)]
    kept_words = [m.group().lower() for _, m in tokens]
    if not kept_words:
        return []
    truth_words = WORD.findall(truth.lower())
    aligned = [False] * len(kept_words)
    matcher = difflib.SequenceMatcher(None, kept_words, truth_words, autojunk=False)
    for a, _, size in matcher.get_matching_blocks():
        aligned[a : a + size] = [True] * size
    kept_count, truth_count = Counter(kept_words), Counter(truth_words)
    unaligned = Counter(w for w, a in zip(kept_words, aligned, strict=True) if not a)
    # Aligned copies never exceed the truth's count, so the excess fits in the unaligned.
    scale = 1.0 / len(kept_words) / pages
    blame = [
        0.0 if a else max(0, kept_count[w] - truth_count[w]) / unaligned[w] * scale
        for w, a in zip(kept_words, aligned, strict=True)
    ]
    by_line: dict[int, list[int]] = defaultdict(list)
    for t, (k, _) in enumerate(tokens):
        by_line[k].append(t)
    out = []
    for k, ts in by_line.items():
        loss = sum(blame[t] for t in ts)
        if loss <= 0 and not every:
            continue
        line = Line(page, k, len(texts), len(ts), sum(not aligned[t] for t in ts), loss, texts[k])
        i = 0
        while i < len(ts):
            if aligned[ts[i]]:
                i += 1
                continue
            s = i
            while i < len(ts) and not aligned[ts[i]]:
                i += 1
            span_loss = sum(blame[ts[j]] for j in range(s, i))
            if span_loss > 0:
                pos = "prefix" if s == 0 else "suffix" if i == len(ts) else "middle"
                first, last = tokens[ts[s]][1], tokens[ts[i - 1]][1]
                text = texts[k][first.start() : last.end()]
                line.spans.append(Span(pos, i - s, span_loss, text))
        out.append(line)
    return out


def run_losses(truth: Path, pred: Path, variant: str) -> tuple[list[Line], int]:
    """Every page's lines with excess words, and the number of pages scored."""
    files = sorted(pred.glob(f"*.{variant}.txt"))
    out = []
    for f in files:
        page = f.name.split(".")[0]
        text = (truth / f"{page}.truth.txt").read_text(encoding="utf-8")
        out += page_losses(page, f.read_text(encoding="utf-8"), text, len(files))
    return out, len(files)


def _size(words: int) -> str:
    return "1-2 words" if words <= 2 else "3-8 words" if words <= 8 else "9+ words"


def _place(line: Line) -> str:
    if line.index == 0:
        return "first line"
    if line.index == line.lines - 1:
        return "last line"
    return "first tenth" if line.index < line.lines * 0.1 else (
        "last tenth" if line.index >= line.lines * 0.9 else "middle"
    )


def summary(lines: list[Line]) -> dict[str, dict[str, float]]:
    """Lost precision by kind of line: whole or part; a part line's outside runs by place and
    length; whole lines by place in the page and length."""
    kinds: dict[str, Counter] = {"lines": Counter(), "part": Counter(), "whole": Counter()}
    for line in lines:
        kinds["lines"]["whole" if line.whole else "part"] += line.loss
        if line.whole:
            kinds["whole"][f"{_place(line)}, {_size(line.words)}"] += line.loss
        else:
            for span in line.spans:
                kinds["part"][f"{span.pos}, {_size(span.words)}"] += span.loss
    return {name: dict(c.most_common()) for name, c in kinds.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--truth", type=Path, required=True, help="<id>.truth.txt files")
    parser.add_argument("--pred", type=Path, required=True, help="<id>.<variant>.txt outputs")
    parser.add_argument("--variant", default="region")
    parser.add_argument("--json", type=Path, help="every line with excess words, as JSON")
    args = parser.parse_args(argv)
    lines, pages = run_losses(args.truth, args.pred, args.variant)
    if not pages:
        print(f"no *.{args.variant}.txt in {args.pred}", file=sys.stderr)
        return 2
    print(f"{pages} pages, lost precision {sum(x.loss for x in lines):.5f}")
    for name, kinds in summary(lines).items():
        print(f"{name}:")
        for kind, loss in kinds.items():
            print(f"  {kind:24s} {loss:.5f}")
    if args.json:
        args.json.write_text(json.dumps([asdict(x) for x in lines]), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
