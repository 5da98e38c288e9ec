"""Quality of duplicate detection on a generated corpus (see corpus.py for what is planted).

    python bench/quality.py CORPUS [--set ngram=3 --set threshold=0.4 ...]

Runs copydesk's pipeline on CORPUS (in this process, nothing written) and prints:
- recall of planted duplicate pairs, by how they were made and by band of word
  5-gram Jaccard (the issue's measure of how heavily a copy was edited);
- the share of template pairs (same wording, other facts) wrongly linked;
- the LSH pipeline's verified pairs against brute force over all pairs with
  the same verification rule: precision and recall.

A pair counts as linked when copydesk ties the two paragraphs together as
duplicates: same cluster, one dropped as a repeat of the other (within a file),
or a "contained" link. Links join texts (representatives); a paragraph is
linked through the cluster or drop that ties it to the linked text. "passage"
links (a shared run of words) are counted apart: they say "these share a
sentence", not "these are the same paragraph".
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import defaultdict
from dataclasses import replace

import numpy as np

import copydesk.core.pipeline as pipeline_module
from copydesk.core.analyze import load
from copydesk.core.config import Config
from copydesk.core.discover import discover
from copydesk.core.fingerprint import Fingerprinter
from copydesk.core.match import CONTAINED, NEAR, find_matches, verify
from copydesk.core.model import effective_text
from copydesk.core.pipeline import Destination, match_params
from copydesk.core.resolve import Policy, resolve

BANDS = [(0.0, 0.3), (0.3, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 1.01)]


class Components:
    def __init__(self) -> None:
        self.parent: dict = {}

    def find(self, x):
        while self.parent.get(x, x) != x:
            self.parent[x] = self.parent.get(self.parent[x], self.parent[x])
            x = self.parent[x]
        return x

    def union(self, x, y) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            self.parent[rx] = ry


def linked_sets(resolution, refs, rel_of) -> tuple[Components, set, set]:
    """Duplicate components, and direct "contained" / "passage" pairs, by (relpath, paragraph)."""
    comp = Components()

    def key_ref(ref) -> tuple[str, int]:
        return rel_of[ref.file], ref.paragraph

    for g, ref in list(resolution.drops.items()) + list(resolution.seen.items()):
        comp.union((rel_of[refs.files[int(refs.file[g])]], int(refs.para[g])), key_ref(ref))
    for cluster in resolution.clusters:
        first = key_ref(cluster.members[0])
        for m in cluster.members[1:]:
            comp.union(first, key_ref(m))
    # A link joins two texts; the clusters and drops say where else each text appears.
    contained, passage = set(), set()
    for link in resolution.links:
        pair = frozenset((comp.find(key_ref(link.a)), comp.find(key_ref(link.b))))
        (contained if link.kind == CONTAINED else passage).add(pair)
    return comp, contained, passage


def score_truth(truth: dict, comp: Components, contained: set, passage: set, body: set) -> dict:
    def linked(a, b) -> bool:
        ca, cb = comp.find(a), comp.find(b)
        return ca == cb or frozenset((ca, cb)) in contained

    rows: dict = defaultdict(lambda: [0, 0])
    skipped = 0
    for d in truth["dups"]:
        a, b = tuple(d["a"]), tuple(d["b"])
        if a not in body or b not in body:
            skipped += 1  # the classifier removed one side: not a matching question
            continue
        band = next(f"{lo:.1f}-{min(hi, 1.0):.1f}" for lo, hi in BANDS if lo <= d["j5"] < hi)
        for key in ((d["how"], band), ("all", band), (d["how"], "all"), ("all", "all")):
            rows[key][0] += 1
            rows[key][1] += linked(a, b)
    tmpl = [0, 0, 0]
    for d in truth["templates"]:
        a, b = tuple(d["a"]), tuple(d["b"])
        if a not in body or b not in body:
            continue
        tmpl[0] += 1
        tmpl[1] += linked(a, b)
        tmpl[2] += frozenset((comp.find(a), comp.find(b))) in passage
    return {
        "recall": {f"{how} {band}": (n, hit) for (how, band), (n, hit) in sorted(rows.items())},
        "not_body": skipped,
        "templates": {"pairs": tmpl[0], "linked": tmpl[1], "passage_links": tmpl[2]},
    }


def brute_force(prints, params) -> set[tuple[int, int, str]]:
    """Every pair of representatives with its verified kind, by exhaustive comparison."""
    from copydesk.core.match import representatives

    rep = representatives(prints, params.exact_floor)
    reps = np.unique(rep[rep >= 0])
    sets = [prints.shingles(r) for r in reps]
    postings: dict[int, list[int]] = defaultdict(list)
    for k, s in enumerate(sets):
        for h in s.tolist():
            postings[h].append(k)
    post = {h: np.array(v, dtype=np.int64) for h, v in postings.items()}
    out = set()
    for k, s in enumerate(sets):
        if len(s) == 0:
            continue
        others = np.concatenate([post[h] for h in s.tolist()])
        others = np.unique(others[others > k])  # every pair sharing a shingle (others have J = 0)
        if len(others) == 0:
            continue
        a = np.full(len(others), reps[k], dtype=np.int64)
        b = reps[others]
        kinds, _, _, _, _ = verify(prints, a, b, params)
        for x, y, kind in zip(a.tolist(), b.tolist(), kinds.tolist(), strict=True):
            if kind in (NEAR, CONTAINED):
                out.add((x, y, kind))
    return out


def body_texts(analyses, rel_of) -> tuple[list[str], set]:
    texts, body = [], set()
    for a in analyses:
        if a.problem is not None:
            continue
        loaded = load(a.source, Config())
        for i in a.body:
            texts.append(effective_text(loaded.blocks[i], a.verdicts[i]))
            body.add((rel_of[a.source.display], i + 1))
    return texts, body


def run_capturing(sources, config: Config) -> tuple[object, dict]:
    """A dry run of the pipeline, keeping the analyses and the corpus it matched (the
    fingerprints and paragraph refs after site templates, as the run's matching sees them)."""
    captured: dict = {}
    original = pipeline_module.apply_templates

    def capture(analyses, prints, refs, cfg, earlier=None):
        prints, refs = original(analyses, prints, refs, cfg, earlier)
        captured.update(analyses=analyses, prints=prints, refs=refs)
        return prints, refs

    pipeline_module.apply_templates = capture
    try:
        result = pipeline_module.run(sources, config, Destination(dry_run=True))
    finally:
        pipeline_module.apply_templates = original
    return result, captured


def evaluate(corpus: str, config: Config, brute: bool = True) -> dict:
    with open(os.path.join(corpus, "truth.json"), encoding="utf-8") as fh:
        truth = json.load(fh)
    found = discover([corpus], config.glob)
    rel_of = {s.display: s.relpath for s in found.sources}
    t0 = time.perf_counter()
    result, captured = run_capturing(found.sources, config)
    elapsed = time.perf_counter() - t0
    texts, body = body_texts(captured["analyses"], rel_of)
    comp, contained, passage = linked_sets(result.resolution, captured["refs"], rel_of)
    out = score_truth(truth, comp, contained, passage, body)
    out["paragraphs"] = len(texts)
    out["seconds"] = round(elapsed, 2)
    if brute:
        prints = captured["prints"]
        params = match_params(config)
        m = find_matches(prints, params)
        got = {
            (int(x), int(y), k)
            for x, y, k in zip(m.a, m.b, m.kind, strict=True)
            if k in (NEAR, CONTAINED)
        }
        want = brute_force(prints, params)
        out["vs_brute_force"] = {}
        for kind in (NEAR, CONTAINED, "all"):
            g = {p for p in got if kind in ("all", p[2])}
            w = {p for p in want if kind in ("all", p[2])}
            tp = len(g & w)
            out["vs_brute_force"][kind] = {
                "pairs": len(w),
                "found": len(g),
                "precision": round(tp / len(g), 4) if g else 1.0,
                "recall": round(tp / len(w), 4) if w else 1.0,
            }
    return out


def evaluate_grid(corpus: str, configs: list[Config]) -> list[dict]:
    """Score several fingerprint/match settings on one analysis of the corpus (fast sweeps)."""
    with open(os.path.join(corpus, "truth.json"), encoding="utf-8") as fh:
        truth = json.load(fh)
    found = discover([corpus], configs[0].glob)
    rel_of = {s.display: s.relpath for s in found.sources}
    _, captured = run_capturing(found.sources, configs[0])
    texts, body = body_texts(captured["analyses"], rel_of)
    refs = captured["refs"]
    rows = []
    for config in configs:
        t0 = time.perf_counter()
        prints = Fingerprinter(config).prints(texts)
        m = find_matches(prints, match_params(config))
        res = resolve(prints, m, refs, Policy())
        elapsed = time.perf_counter() - t0
        comp, contained, passage = linked_sets(res, refs, rel_of)
        scored = score_truth(truth, comp, contained, passage, body)
        scored["seconds"] = round(elapsed, 2)
        scored["candidates"] = int(m.candidates)
        rows.append(scored)
    return rows


def parse_sets(items: list[str]) -> dict:
    values = {}
    defaults = Config()
    for item in items:
        key, _, raw = item.partition("=")
        kind = type(getattr(defaults, key))
        values[key] = kind(raw) if kind is not bool else raw.lower() in ("1", "true", "yes")
    return values


def print_quality(result: dict) -> None:
    print(f"paragraphs fingerprinted: {result.get('paragraphs', '?')}")
    print(f"{'pairs':<28}{'n':>7}{'linked':>8}{'recall':>8}")
    for key, (n, hit) in result["recall"].items():
        print(f"{key:<28}{n:>7}{hit:>8}{hit / n:>8.3f}")
    t = result["templates"]
    share = t["linked"] / t["pairs"] if t["pairs"] else 0.0
    print(f"template pairs: {t['pairs']}, wrongly linked: {t['linked']} ({share:.4f}), ", end="")
    print(f"passage links: {t['passage_links']}")
    if "vs_brute_force" in result:
        print("LSH pipeline vs brute force over all pairs (same verification rule):")
        for kind, row in result["vs_brute_force"].items():
            print(f"  {kind:<10}", json.dumps(row))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus")
    parser.add_argument("--set", action="append", default=[], help="Config field=value")
    parser.add_argument("--no-brute", action="store_true")
    args = parser.parse_args(argv)
    config = replace(Config(), **parse_sets(args.set)).validate()
    result = evaluate(args.corpus, config, brute=not args.no_brute)
    print_quality(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
