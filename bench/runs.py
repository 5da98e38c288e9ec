"""Score runs of one site's pages as a user cleans them: a folder at a time.

The dev set judges each page inside a fold of many sites; a cron run brings a folder of
one site's pages, whose chrome recurs from page to page (the run's templates) beside body
lines that recur too (an agency's closing line, a column's standing intro). Each site of
`RUNS` (tests/fixtures/runs36: `<site>/pages/*.txt`, an editor's `<site>/truth/*.txt`) is
cleaned four ways, with `copydesk clean` in a real subprocess:

- run: the site's folder in one run (`clean DIR -o OUT --report R.json`);
- alone: each page in a run of its own;
- cron: the first half of the pages, then the rest, into one index (`--index`);
- last2: all pages but the last two, then those two, into one index (a cron run of a few
  new pages of a site the index knows);
- single: one page per run, in order, into one index (a cron run every few minutes);
- mixed: every site's pages in one run (as a fold of the dev set is).

For each, per site: the truth's lines missing from the outputs (body lost), the outputs'
lines the truth lacks (boilerplate kept), the lines removed as "site-template", and the
report's clusters. Lines are compared whole, blank lines ignored. The `vs run` column
counts the pages of the mode's last run (cron: its second half; last2: the two; single:
the last page; run, alone, mixed: every page) whose output differs from the folder's
own run: what a small run of new pages misses of what the whole run would remove.

    python bench/runs.py [--runs DIR] [--work /tmp/x/runs] [--show]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
RUNS = HERE.parent / "tests" / "fixtures" / "runs36"


def clean(inputs: list[Path], out: Path, report: Path, *extra: str) -> None:
    cmd = [sys.executable, "-m", "copydesk", "clean", *map(str, inputs), "--out", str(out),
           "--report", str(report), "-q", *extra]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)}: exit {proc.returncode}\n{proc.stderr}")


def lines(path: Path) -> list[str]:
    return [t for t in path.read_text(encoding="utf-8").splitlines() if t.strip()] \
        if path.exists() else []


def score(site: Path, out: Path) -> tuple[list[str], list[str]]:
    """The truth's lines the outputs lack, and the outputs' lines the truth lacks."""
    lost, kept = [], []
    for page in sorted((site / "pages").glob("*.txt")):
        truth = lines(site / "truth" / page.name)
        got = lines(out / page.name)
        lost += [f"{page.stem}: {t}" for t in truth if t not in got]
        kept += [f"{page.stem}: {t}" for t in got if t not in truth]
    return lost, kept


def report_facts(reports: list[Path], site: str) -> tuple[int, int]:
    """Lines of `site` removed as site-template, and clusters holding a file of it."""
    templates = clusters = 0
    for path in reports:
        report = json.loads(path.read_text(encoding="utf-8"))
        for f in report["files"]:
            if f"/{site}/" in f["input"]:
                templates += sum(r["reason"]["rule"] == "site-template"
                                 for r in f.get("removed", []))
        clusters += sum(any(f"/{site}/" in m["file"] for m in c["members"])
                        for c in report["clusters"])
    return templates, clusters


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=Path, default=RUNS)
    parser.add_argument("--work", type=Path, default=HERE / "out" / "runs")
    parser.add_argument("--show", action="store_true", help="print each line lost or kept")
    args = parser.parse_args()
    work: Path = args.work
    shutil.rmtree(work, ignore_errors=True)
    sites = sorted(p for p in args.runs.iterdir() if (p / "pages").is_dir())
    mixed = work / "mixed"
    clean([s / "pages" for s in sites], mixed / "out", work / "mixed.json")
    print(f"{'site':22} {'mode':6} {'pages':>5} {'lost':>5} {'kept':>5} {'templ':>5} {'clust':>5}"
          f" {'vs run':>6}")
    for site in sites:
        pages = sorted((site / "pages").glob("*.txt"))
        where = work / site.name
        clean([site / "pages"], where / "run", where / "run.json")
        alone = []
        for page in pages:
            alone.append(where / f"alone-{page.stem}.json")
            clean([page], where / "alone", alone[-1])
        half = len(pages) // 2
        index = ["--index", str(where / "index")]
        clean(pages[:half], where / "cron", where / "cron1.json", *index)
        clean(pages[half:], where / "cron", where / "cron2.json", *index)
        index = ["--index", str(where / "index-last2")]
        clean(pages[:-2], where / "last2", where / "last2-1.json", *index)
        clean(pages[-2:], where / "last2", where / "last2-2.json", *index)
        index = ["--index", str(where / "index-single")]
        single = []
        for page in pages:
            single.append(where / f"single-{page.stem}.json")
            clean([page], where / "single", single[-1], *index)
        modes = {
            "run": (where / "run", [where / "run.json"]),
            "alone": (where / "alone", alone),
            "cron": (where / "cron", [where / "cron1.json", where / "cron2.json"]),
            "last2": (where / "last2", [where / "last2-1.json", where / "last2-2.json"]),
            "single": (where / "single", single),
            # mixed's outputs mirror the inputs' paths below their common parent
            "mixed": (mixed / "out" / site.name / "pages", [work / "mixed.json"]),
        }
        last = {"cron": pages[half:], "last2": pages[-2:], "single": pages[-1:]}
        for mode, (out, reports) in modes.items():
            lost, kept = score(site, out)
            templates, clusters = report_facts(reports, site.name)
            differ = sum(lines(out / p.name) != lines(where / "run" / p.name)
                         for p in last.get(mode, pages))
            print(f"{site.name:22} {mode:6} {len(pages):5} {len(lost):5} {len(kept):5} "
                  f"{templates:5} {clusters:5} {differ:6}")
            if args.show:
                for t in lost:
                    print(f"    lost  {t[:100]}")
                for t in kept:
                    print(f"    kept  {t[:100]}")


if __name__ == "__main__":
    main()
