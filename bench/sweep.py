"""Sweep fingerprint and match settings on one generated corpus: how the defaults were chosen.

    python bench/sweep.py CORPUS ngram=1,2,3 threshold=0.3,0.4,0.5 fact_tolerance=1.0,0.34

Every combination of the listed values is scored (recall per word 5-gram
Jaccard band, template pairs wrongly linked, candidates verified, seconds to
fingerprint + match + resolve) on a single analysis of the corpus.
"""

from __future__ import annotations

import itertools
import sys
from dataclasses import replace

from quality import BANDS, evaluate_grid, parse_sets

from copydesk.core.config import Config


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help") or any("=" not in a for a in argv[1:]):
        # Usage, not a traceback from the first argument read as a corpus directory.
        print(__doc__.strip(), file=sys.stdout if argv[:1] in (["-h"], ["--help"]) else sys.stderr)
        return 0 if argv[:1] in (["-h"], ["--help"]) else 2
    corpus, *axes = argv
    names = [a.split("=", 1)[0] for a in axes]
    values = [a.split("=", 1)[1].split(",") for a in axes]
    configs, labels = [], []
    for combo in itertools.product(*values):
        sets = [f"{k}={v}" for k, v in zip(names, combo, strict=True)]
        configs.append(replace(Config(), **parse_sets(sets)).validate())
        labels.append(" ".join(sets))
    rows = evaluate_grid(corpus, configs)
    bands = [f"{lo:.1f}-{min(hi, 1.0):.1f}" for lo, hi in BANDS]
    head = f"{'setting':<44}" + "".join(f"{b:>9}" for b in bands)
    print(head + f"{'all':>7}{'tmpl':>8}{'cand':>9}{'sec':>6}")
    for label, row in zip(labels, rows, strict=True):
        cells = []
        for b in bands:
            n, hit = row["recall"].get(f"all {b}", (0, 0))
            cells.append(f"{hit / n:>9.3f}" if n else f"{'-':>9}")
        n, hit = row["recall"]["all all"]
        t = row["templates"]
        tmpl = t["linked"] / t["pairs"] if t["pairs"] else 0.0
        print(
            f"{label:<44}{''.join(cells)}{hit / n:>7.3f}{tmpl:>8.4f}"
            f"{row['candidates']:>9}{row['seconds']:>6.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
