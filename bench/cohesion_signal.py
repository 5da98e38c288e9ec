"""Does lexical cohesion tell truth from non-truth among the lines the model keeps?

    python bench/cohesion_signal.py --devset DIR --cv DIR [--variant region] [--min-score 0.8]

Every page of the variant is classified with the line model of the fold that held its site
out (as `devset.py --cv` cleans it), keeping the first pass's features and scores. Its
lines are labelled against the truth (`devdata.labels`). Each line gets the model's two
file-wide cohesion columns (`shared_words`, `shared_weight`) and four forms of cohesion
with the article's *core* (`core_cosine`): the cosine of its content words with the core's,
weighted by their rarity in the file, its own line left out, where the core is the body
region's prose (`region`, what a feature could read) or the prose the model's first pass
scored at 0.9 or more (`model`, what a later pass could read); and each over the median of
the core lines' own (`_relative`). Among the lines the model kept itself at a body
probability of at least `--min-score` (where most of region's lost precision sits:
`precision_mechanism.py`), each column is judged by:

- its word-weighted AUC over all those lines (0.5: no information; under 0.5: non-truth
  lines score higher), and the mean AUC within a page (pages holding both kinds), plain and
  weighted by the page's lost precision: a column the trees split on must separate across
  pages, one a pass reads relative to its page only within;
- the lines at or below each quantile of the column: their words outside the truth, the
  lost precision they carry (averaged over pages as the scorer does), the recall they carry
  and the mean F1 change if they were cut (the passes not run again).

A cut pays only where the lost precision exceeds the recall; a feature can do better than a
cut, so the AUCs say whether the column holds information at all. (Session 18, cohesion22:
the core forms separate a little better than the file-wide columns but weakly, and the
region form as two line-model columns lost CV F1: see bench/HISTORY.md.)
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from devdata import _TOKEN, labels, pages

from copydesk.core import features as feat
from copydesk.core.analyze import load
from copydesk.core.classify import Classifier
from copydesk.core.config import Config
from copydesk.core.language import stopwords_for
from copydesk.core.model import Source

MODEL_COLUMNS = ("shared_words", "shared_weight")
COLUMNS = (*MODEL_COLUMNS, "region_cosine", "region_relative", "model_cosine",
           "model_relative")
QUANTILES = (0.05, 0.1, 0.2, 0.3, 0.5)
CORE_SCORE = 0.9  # the model's first-pass score of a line of the `model` core
RELATIVE_CAP = 3.0


def core_cosine(content: list[tuple[str, ...]], core: np.ndarray) -> np.ndarray:
    """Each line's cosine with the sum of the core lines' vectors, its own left out (NaN for
    a line without content words; 0 without another core line). A line's vector holds, for
    each of its content words, log(1 + lines with words / lines holding the word)."""
    df: dict[str, int] = defaultdict(int)
    for words in content:
        for w in words:
            df[w] += 1
    lines = max(1, sum(1 for words in content if words))
    idf = {w: math.log1p(lines / d) for w, d in df.items()}
    total: dict[str, float] = defaultdict(float)
    for words, is_core in zip(content, core, strict=True):
        if is_core:
            for w in words:
                total[w] += idf[w]
    square = sum(v * v for v in total.values())
    cores = int(core.sum())
    out = np.full(len(content), np.nan)
    for i, words in enumerate(content):
        if not words:
            continue
        own = bool(core[i])
        left = [total[w] - (idf[w] if own else 0.0) for w in words]
        rest = square + sum(x * x - total[w] ** 2 for x, w in zip(left, words, strict=True))
        norm = sum(idf[w] ** 2 for w in words)
        if cores - own <= 0 or rest <= square * 1e-9:
            out[i] = 0.0
            continue
        dot = sum(idf[w] * x for x, w in zip(left, words, strict=True))
        out[i] = dot / math.sqrt(norm * rest)
    return out


def relative(values: np.ndarray, core: np.ndarray) -> np.ndarray:
    """`values` over the median of the core lines' (0 where that is not above 0)."""
    chosen = values[core & ~np.isnan(values)]
    median = float(np.median(chosen)) if len(chosen) else 0.0
    if median <= 0:
        return np.where(np.isnan(values), np.nan, 0.0)
    return np.minimum(values / median, RELATIVE_CAP)


def core_columns(content: list[tuple[str, ...]], prose: np.ndarray, in_region: np.ndarray,
                 first: np.ndarray) -> np.ndarray:
    """The four core forms of every line (`COLUMNS` after the model's own)."""
    out = []
    for core in (prose & in_region, prose & (first >= CORE_SCORE)):
        cosine = core_cosine(content, core)
        out += [cosine, relative(cosine, core)]
    return np.stack(out, axis=1)


@dataclass
class Page:
    """One page's lines the model kept at the score, with what the page's totals need."""

    values: np.ndarray  # (lines, columns)
    truth: np.ndarray  # 1: the truth holds the line
    words: np.ndarray
    kept_words: float  # every kept line's, whatever kept it
    kept_truth: float
    truth_words: int


def page_lines(devset: Path, cv: Path, variant: str, min_score: float) -> list[Page]:
    from devset import cv_folds, fold_model

    fold_of_page = cv_folds(cv, devset)
    config = Config()
    classifiers: dict[int, Classifier] = {}
    at = [feat.FEATURES.index(name) for name in MODEL_COLUMNS]
    out = []
    for p in pages(devset, variant):
        k = fold_of_page[p.id]
        if k not in classifiers:
            classifiers[k] = Classifier(config, fold_model(cv, k))
        classifier = classifiers[k]
        blocks = load(Source(display=p.id, relpath=p.id, path=str(p.path)), config).blocks
        if not blocks:
            continue
        classified = classifier.classify(blocks, keep_scores=True)
        verdicts = classified.verdicts
        scored = classifier.last_scored
        texts = [v.keep_text if v.keep_text is not None else b.text
                 for b, v in zip(blocks, verdicts, strict=True)]
        truth = np.array(labels(texts, p.truth), dtype=np.float64)
        words = np.array([len(_TOKEN.findall(t)) for t in texts], dtype=np.float64)
        keep = np.array([v.keep for v in verdicts])
        row_of = {} if scored is None else {i: j for j, i in enumerate(scored.rows)}
        chosen = [
            i for i, v in enumerate(verdicts)
            if v.keep and v.rule is None and v.score is not None and v.score >= min_score
            and words[i] > 0 and i in row_of
        ]
        values = np.zeros((0, len(COLUMNS)))
        if chosen and scored is not None:
            # The core forms over the lines the first pass scored, as its features saw them.
            content = [feat._content_words(texts[i], stopwords_for(classified.language))
                       for i in scored.rows]
            words_of = np.expm1(scored.x1[:, feat.FEATURES.index("words")])
            ends = scored.x1[:, feat.FEATURES.index("ends_sentence")] > 0
            prose = (words_of >= 25) | ((words_of >= 10) & ends)  # `features.is_prose`
            region = scored.x1[:, feat.FEATURES.index("in_region")] > 0.5
            every = np.hstack([scored.x1[:, at], core_columns(content, prose, region, scored.p)])
            values = every[[row_of[i] for i in chosen]]
        out.append(Page(values, truth[chosen], words[chosen], float(words[keep].sum()),
                        float((words * truth)[keep].sum()), len(_TOKEN.findall(p.truth))))
    return out


def auc(score: np.ndarray, truth: np.ndarray, weight: np.ndarray) -> float:
    """Word-weighted probability that a truth line outscores a non-truth one (ties half)."""
    order = np.argsort(score, kind="stable")
    score, truth, weight = score[order], truth[order], weight[order]
    pos, neg = weight * truth, weight * (1 - truth)
    _, first = np.unique(score, return_index=True)
    pos_at = np.add.reduceat(pos, first)
    neg_at = np.add.reduceat(neg, first)
    below = np.cumsum(neg_at) - neg_at
    total = pos.sum() * neg.sum()
    return float((pos_at * (below + neg_at / 2)).sum() / total) if total else float("nan")


def report(found: list[Page], columns: list[str]) -> None:
    n = len(found)
    every = [p for p in found if len(p.truth)]
    values = np.vstack([p.values for p in every])
    truth = np.concatenate([p.truth for p in every])
    words = np.concatenate([p.words for p in every])
    page = np.concatenate([np.full(len(p.truth), k) for k, p in enumerate(every)])
    print(f"{n} pages, {len(truth)} lines, words outside the truth "
          f"{(words * (1 - truth)).sum() / words.sum():.4f}")
    for c, name in enumerate(columns):
        column = np.nan_to_num(values[:, c], nan=-1.0)  # no content words: lowest
        within, weights = [], []
        for p in every:
            if p.truth.any() and not p.truth.all():
                within.append(auc(np.nan_to_num(p.values[:, c], nan=-1.0), p.truth, p.words))
                weights.append((p.words * (1 - p.truth)).sum() / p.kept_words)
        mean_w = float(np.average(within, weights=weights)) if within else float("nan")
        print(f"\n{name}: AUC {auc(column, truth, words):.3f}; within a page "
              f"{float(np.mean(within)):.3f}, weighted by lost precision {mean_w:.3f}")
        for q in QUANTILES:
            cut = float(np.quantile(column, q))
            _band(every, n, page, column <= cut, truth, words, f"q{q:.2f} <= {cut:.3f}")


def _band(every: list[Page], n: int, page: np.ndarray, chosen: np.ndarray,
          truth: np.ndarray, words: np.ndarray, name: str) -> None:
    outside = defaultdict(float)
    inside = defaultdict(float)
    for k, t, w in zip(page[chosen], truth[chosen], words[chosen], strict=True):
        outside[k] += w * (1 - t)
        inside[k] += w * t
    loss = recall = change = 0.0
    for k in outside:
        p = every[k]
        cut_words, cut_truth = outside[k] + inside[k], inside[k]
        truth_words = max(1, p.truth_words)
        loss += outside[k] / p.kept_words
        recall += cut_truth / truth_words
        before = 2 * p.kept_truth / (p.kept_words + truth_words)
        after = 2 * (p.kept_truth - cut_truth) / (p.kept_words - cut_words + truth_words)
        change += after - before
    share = (words * (1 - truth))[chosen].sum() / max(1.0, words[chosen].sum())
    print(f"  {name:18s} lines {int(chosen.sum()):6d} outside {share:.3f} "
          f"lost precision {loss / n:.5f} recall {recall / n:.5f} F1 change {change / n:+.5f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--devset", type=Path, required=True)
    parser.add_argument("--cv", type=Path, required=True, help="fold models (devset.py --cv)")
    parser.add_argument("--variant", default="region")
    parser.add_argument("--min-score", type=float, default=0.8)
    args = parser.parse_args(argv)
    report(page_lines(args.devset, args.cv, args.variant, args.min_score), list(COLUMNS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
