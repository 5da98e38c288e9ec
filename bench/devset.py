"""Run copydesk over the shared dev set and print the scorer's table, with speed.

    python bench/devset.py [--devset ../shared/devset] [--variants full,wide,region,mojibake]
                           [--limit N] [--keep DIR] [--idempotence] [--repeat N] [--cv DIR]
                           [--as-packless] [--cv-packless DIR] [--pages FILE]

For each variant the pipeline runs in this process (jobs=1) over that
variant's pages; outputs are written named like the inputs into a temp dir
and scored with the dev set's own `score.py`. The speed line is pages per
second of the whole clean (`pipeline.run`, reading, writing and matching
included), and separately of classification alone over pages already loaded.
With --idempotence, the cleaner is run again over its own outputs and the
pages whose text changes are counted (this must be zero).

With --cv DIR (written by `bench/train_lines.py --cv-dir DIR`), every page is
cleaned with the line model of the fold that held its site out: the table is
then a cross-validated estimate of how copydesk does on sites it never saw,
not the fit of the shipped model to pages it was trained on.

The dev set is all English. With --as-packless every page is read as a page in a
language without a rule pack is read: the common rules alone, English's listed function
words instead of the pack's stopwords, and the passes and model of such pages (the shipped
`linemodel.packless_model`). That estimates how copydesk does on languages it has no rules
for. With --cv, pages without a pack are read by the blend of the main fold model with the
fold's model from --cv-packless DIR (`bench/train_lines.py --packless --cv-dir DIR`, each
file carrying the blend's "main_weight"); without --cv-packless, by the main fold model
alone (how such pages were read before they had a reading of their own).

With --pages FILE, each variant's P, R and F1 are printed again unrounded (to 5 decimals,
from the scorer's own JSON), and FILE gets every page-variant's F1 ({"id.variant": f1}):
changes between two checkouts are often smaller than the table's third decimal, and a
change is judged page by page (which pages got better, which worse).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

import copydesk.core.classify as classify_module
import copydesk.core.pipeline as pipeline_module
from copydesk.core.analyze import BATCH_BLOCKS, load
from copydesk.core.classify import Classifier
from copydesk.core.config import Config
from copydesk.core.language import function_words
from copydesk.core.linemodel import LineModel, blend
from copydesk.core.model import Source
from copydesk.core.pipeline import CHUNK_FILES, Destination, run
from copydesk.core.rules import RuleSet

HERE = Path(__file__).resolve().parent
DEFAULT_DEVSET = HERE.parent.parent / "shared" / "devset"
VARIANTS = ("full", "wide", "region", "mojibake")
_COMMON = RuleSet(("common",))  # the rules a page in a language without a pack has


def sources_of(pages: Path, variant: str, limit: int | None) -> list[Source]:
    files = sorted(pages.glob(f"*.{variant}.txt"))
    if limit:
        files = files[:limit]
    return [Source(display=f.name, relpath=f.name, path=str(f)) for f in files]


def use_model(model: LineModel | None, packless: LineModel | None = None) -> None:
    """Make the pipeline's classifiers use `model` (None: the shipped one), and `packless`
    for pages without a pack (None: `model`, or the shipped one if that is None too)."""
    from copydesk.core.linemodel import default_model, packless_model

    classify_module.default_model = (lambda: model) if model is not None else default_model
    if packless is None and model is not None:
        packless = model
    classify_module.packless_model = (
        (lambda: packless) if packless is not None else packless_model
    )
    pipeline_module._ANALYZER = None


@contextmanager
def as_packless() -> Iterator[None]:
    """Read every page as a page in a language without a rule pack (see the docstring)."""
    english = function_words()["en"]
    saved = (classify_module.has_pack, classify_module.stopwords_for, Classifier.ruleset)
    classify_module.has_pack = lambda language: False
    classify_module.stopwords_for = lambda language: english
    Classifier.ruleset = lambda self, language: _COMMON  # type: ignore[method-assign]
    pipeline_module._ANALYZER = None
    try:
        yield
    finally:
        classify_module.has_pack, classify_module.stopwords_for, Classifier.ruleset = saved
        pipeline_module._ANALYZER = None


def cv_folds(cv: Path, devset: Path) -> dict[str, int]:
    """Each dev page's fold (by id): the fold of `cv` whose model never saw its site."""
    sys.path.insert(0, str(HERE))
    from devdata import domain_of
    from train_lines import fold_of

    folds = len(list(cv.glob("fold[0-9]*.json")))
    manifest = [json.loads(line) for line in (devset / "manifest.jsonl").open()]
    return {rec["id"]: fold_of(domain_of(rec["url"]), folds) for rec in manifest}


def fold_groups(sources: list[Source], cv: Path, devset: Path) -> dict[int, list[Source]]:
    """`sources` (dev pages) by their fold (`cv_folds`), in fold order."""
    fold_of_page = cv_folds(cv, devset)
    groups: dict[int, list[Source]] = {}
    for s in sources:
        groups.setdefault(fold_of_page[s.relpath.split(".")[0]], []).append(s)
    return dict(sorted(groups.items()))


def fold_model(cv: Path, k: int) -> LineModel:
    """The line model of fold `k` of `cv` (`train_lines.py --cv-dir`)."""
    return LineModel.from_dict(json.loads((cv / f"fold{k}.json").read_text()))


def clean_cv(
    sources: list[Source],
    out: Path,
    config: Config,
    cv: Path,
    devset: Path,
    cv_packless: Path | None = None,
) -> float:
    """Clean each page with the model of the fold that held its site out."""
    seconds = 0.0
    try:
        for k, group in fold_groups(sources, cv, devset).items():
            main = fold_model(cv, k)
            packless = None
            if cv_packless is not None:
                packless = blend(main, json.loads((cv_packless / f"fold{k}.json").read_text()))
            use_model(main, packless)
            seconds += clean(group, out, config)
    finally:
        use_model(None)
    return seconds


def clean(sources: list[Source], out: Path, config: Config) -> float:
    """Clean `sources` into `out`; return the seconds the run took."""
    start = time.perf_counter()
    result = run(sources, config, Destination(out_dir=str(out)))
    elapsed = time.perf_counter() - start
    bad = [o for o in result.outcomes if o.status != "ok"]
    if bad:
        print(f"  {len(bad)} page(s) not ok, e.g. {bad[0].source.display}: {bad[0].cause}")
    return elapsed


def classify_seconds(sources: list[Source], config: Config) -> float:
    """Classification alone, over pages already read, decoded, repaired and segmented."""
    classifier = Classifier(config)
    loaded = [load(s, config).blocks for s in sources]
    start = time.perf_counter()
    # As the pipeline does (`Analyzer.analyze_many`): small files a chunk at a time.
    for k in range(0, len(loaded), CHUNK_FILES):
        chunk = loaded[k : k + CHUNK_FILES]
        classifier.classify_many([b for b in chunk if len(b) <= BATCH_BLOCKS])
        for blocks in chunk:
            if len(blocks) > BATCH_BLOCKS:
                classifier.classify(blocks)
    return time.perf_counter() - start


def score(devset: Path, pred: Path, inputs: Path, name: str, header: bool,
          json_out: Path | None = None) -> str:
    cmd = [
        sys.executable,
        str(devset / "score.py"),
        "--truth",
        str(devset / "pages"),
        "--pred",
        str(pred),
        "--inputs",
        str(inputs),
        "--name",
        name,
    ]
    if not header:
        cmd.append("--no-header")
    if json_out is not None:
        cmd += ["--json", str(json_out)]
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def link_inputs(sources: list[Source], directory: Path) -> None:
    """The scorer expects an output for every input in --inputs: give it just these."""
    for s in sources:
        os.symlink(s.path, directory / s.relpath)


def changed_on_reclean(out: Path, config: Config) -> list[str]:
    files = sorted(out.glob("*.txt"))
    sources = [Source(display=f.name, relpath=f.name, path=str(f)) for f in files]
    with tempfile.TemporaryDirectory() as again:
        run(sources, config, Destination(out_dir=again))
        # An output with nothing kept is skipped as an empty file on the second run: it
        # writes nothing, and nothing changed.
        return [f.name for f in files if f.read_bytes() != _read_or_empty(Path(again) / f.name)]


def _read_or_empty(path: Path) -> bytes:
    return path.read_bytes() if path.exists() else b""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--devset", type=Path, default=DEFAULT_DEVSET)
    ap.add_argument("--variants", default=",".join(VARIANTS))
    ap.add_argument("--limit", type=int, default=None, help="first N pages of each variant")
    ap.add_argument("--keep", type=Path, help="keep outputs in this directory")
    ap.add_argument("--idempotence", action="store_true", help="re-clean outputs, count changes")
    ap.add_argument("--repeat", type=int, default=1, help="timing runs of the full variant")
    ap.add_argument("--name", default="copydesk")
    ap.add_argument("--cv", type=Path, help="fold models from train_lines.py --cv-dir")
    ap.add_argument("--cv-packless", type=Path, help="with --cv: fold models of the reading "
                    "of pages without a pack (train_lines.py --packless --cv-dir)")
    ap.add_argument("--pages", type=Path,
                    help="write each page-variant's F1 here, and print P/R/F1 unrounded")
    ap.add_argument("--as-packless", action="store_true",
                    help="read every page as a page in a language without a rule pack")
    args = ap.parse_args()
    pages = args.devset / "pages"
    if not pages.is_dir():
        print(f"no dev set at {args.devset}", file=sys.stderr)
        return 2
    config = Config()
    table: list[str] = []
    speed: list[str] = []
    unrounded: list[str] = []
    page_f1: dict[str, float] = {}
    reading = as_packless() if args.as_packless else nullcontext()
    with tempfile.TemporaryDirectory() as tmp, reading:
        root = args.keep or Path(tmp)
        for k, variant in enumerate(args.variants.split(",")):
            sources = sources_of(pages, variant, args.limit)
            out = root / variant
            inputs = Path(tmp) / f"inputs-{variant}"
            out.mkdir(parents=True, exist_ok=True)
            inputs.mkdir()
            link_inputs(sources, inputs)
            if args.cv is not None:
                times = [clean_cv(sources, out, config, args.cv, args.devset, args.cv_packless)]
            else:
                times = [clean(sources, out, config) for _ in range(max(1, args.repeat))]
            scored = Path(tmp) / f"score-{variant}.json" if args.pages else None
            table.append(
                score(args.devset, out, inputs, args.name, k == 0, scored).rstrip("\n")
            )
            if scored is not None:
                unrounded += unrounded_lines(scored, page_f1)
            if variant == "full" and args.cv is None:
                seconds = statistics.median(times)
                cls = statistics.median(
                    classify_seconds(sources, config) for _ in range(max(1, args.repeat))
                )
                speed.append(
                    f"full: {len(sources)} pages, clean {len(sources) / seconds:.0f} pages/s "
                    f"(median of {len(times)}), classify only {len(sources) / cls:.0f} pages/s"
                )
            if args.idempotence:
                changed = changed_on_reclean(out, config)
                shown = ", ".join(changed[:5]) + (" ..." if len(changed) > 5 else "")
                speed.append(
                    f"{variant}: re-cleaning the outputs changed {len(changed)} page(s)"
                    + (f": {shown}" if changed else "")
                )
    print("\n".join(table))
    if args.pages:
        print("\n".join(unrounded))
        args.pages.write_text(json.dumps(page_f1, indent=0, sort_keys=True) + "\n")
    print("\n".join(speed))
    return 0


def unrounded_lines(scored: Path, page_f1: dict[str, float]) -> list[str]:
    """The scorer's summary of one variant (its `--json` file) to 5 decimals; each page's
    F1 goes into `page_f1`."""
    results = json.loads(scored.read_text(encoding="utf-8"))
    for row in results["pages"]:
        page_f1[f"{row['id']}.{row['variant']}"] = row["f1"]
    return [
        f"{s['variant']:<9} {s['source']:<8} n={s['n']:>4} P={s['P']:.5f} R={s['R']:.5f} "
        f"F1={s['F1']:.5f}"
        for s in results["summary"]
    ]


if __name__ == "__main__":
    sys.exit(main())
