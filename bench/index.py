"""Benchmark the corpus index: build it, then an incremental cron-style run against it.

    python bench/index.py --base-files 70000 --new-files 10000 --jobs 2

1. Generates one synthetic corpus (bench/corpus.py, seeded) of base + new files and
   splits it in stable order: the base files exist from the start, the new files
   "arrive" later (syndicated copies among them point back at base articles).
2. Builds the index over the base files with the real CLI (`copydesk index update`).
3. Moves the new files in and runs `copydesk clean ALL --out OUT --index IDX`, the
   cron job: unchanged base files are skipped by size and mtime, new ones are
   processed and matched against the index, then recorded.
Prints wall time, paragraphs/s, peak RSS of each copydesk process (ru_maxrss of
the child), index size on disk and paragraph counts. With --small-base it also
runs the same incremental step against a small index, to show that memory does
not grow with the size of the index.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"


def copydesk() -> list[str]:
    exe = Path(sys.executable).with_name("copydesk")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "copydesk"]


# A fresh wrapper per measured run: RUSAGE_CHILDREN's peak is the largest of any process
# a parent ever waited for, so measuring in this process would carry peaks across runs.
_WRAPPER = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
    "sys.stderr.buffer.write(p.stderr[-4000:])\n"
    "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,"
    " p.returncode)\n"
)


def timed(args: list[str]) -> tuple[float, float]:
    """(seconds, peak RSS in MiB of the copydesk process and its workers)."""
    proc = subprocess.run([sys.executable, "-c", _WRAPPER, *args], capture_output=True,
                          text=True)
    seconds, rss_kib, code = proc.stdout.split()
    if int(code) not in (0, 3):
        sys.exit(f"failed ({code}): {' '.join(args)}\n{proc.stderr}")
    return float(seconds), int(rss_kib) / 1024


def generate(directory: Path, files: int, seed: int) -> None:
    if (directory / ".complete").exists():
        return
    shutil.rmtree(directory, ignore_errors=True)
    subprocess.run([sys.executable, str(HERE / "corpus.py"), str(directory), "--files",
                    str(files), "--seed", str(seed), "--no-truth"], check=True)
    (directory / ".complete").write_text("")


def split(corpus: Path, base: Path, incoming: Path, base_files: int) -> None:
    shutil.rmtree(base, ignore_errors=True)
    shutil.rmtree(incoming, ignore_errors=True)
    files = sorted(p for p in corpus.rglob("*.txt"))
    for i, path in enumerate(files):
        target = (base if i < base_files else incoming) / path.relative_to(corpus)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(path, target)


def du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def stats(index: Path) -> dict:
    proc = subprocess.run([*copydesk(), "index", "stats", "--index", str(index), "--json"],
                          capture_output=True, check=True)
    return json.loads(proc.stdout)


def scenario(name: str, corpus: Path, base_files: int, jobs: int) -> dict:
    work = OUT / f"index-{name}"
    base, incoming = work / "corpus", work / "incoming"
    index, out = work / "idx", work / "clean"
    split(corpus, base, incoming, base_files)
    shutil.rmtree(index, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    build_s, build_rss = timed([*copydesk(), "index", "update", str(base), "--index",
                                   str(index), "--jobs", str(jobs), "--quiet"])
    built = stats(index)
    new_files = sorted(incoming.rglob("*.txt"))
    for path in new_files:
        target = base / "new" / path.relative_to(incoming)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)
    report = work / "report.json"
    inc_s, inc_rss = timed([*copydesk(), "clean", str(base), "--out", str(out), "--index",
                               str(index), "--jobs", str(jobs), "--quiet", "--report",
                               str(report)])
    summary = json.loads(report.read_text())["summary"]
    after = stats(index)
    return {
        "scenario": name,
        "index_paragraphs_before": built["paragraphs"],
        "index_files_before": built["files"],
        "build_seconds": round(build_s, 1),
        "build_paragraphs_per_s": round(built["paragraphs"] / build_s),
        "build_peak_rss_mib": round(build_rss),
        "new_files": len(new_files),
        "new_paragraphs": summary["paragraphs"],
        "unchanged_skipped": summary.get("unchanged_in_index"),
        "incremental_seconds": round(inc_s, 1),
        "incremental_paragraphs_per_s": round(summary["paragraphs"] / inc_s),
        "incremental_files_per_s": round(len(new_files) / inc_s),
        "incremental_peak_rss_mib": round(inc_rss),
        "clusters_with_earlier_runs": summary["clusters"],
        "index_paragraphs_after": after["paragraphs"],
        "index_mib_on_disk": round(after["bytes"] / 2**20, 1),
        "index_bytes_per_paragraph": round(after["bytes"] / max(1, after["paragraphs"])),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-files", type=int, default=70_000)
    parser.add_argument("--new-files", type=int, default=10_000)
    parser.add_argument("--small-base", type=int, default=0,
                        help="also run against an index of this many base files")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    total = args.base_files + args.new_files
    corpus = OUT / f"index-corpus-{total}-{args.seed}"
    generate(corpus, total, args.seed)
    rows = [scenario("large", corpus, args.base_files, args.jobs)]
    if args.small_base:
        small = OUT / f"index-corpus-small-{args.small_base + args.new_files}-{args.seed}"
        generate(small, args.small_base + args.new_files, args.seed)
        rows.append(scenario("small", small, args.small_base, args.jobs))
    for row in rows:
        print(json.dumps(row))
    keys = list(rows[0])
    print()
    print("| " + " | ".join(keys) + " |")
    print("|" + "---|" * len(keys))
    for row in rows:
        print("| " + " | ".join(str(row[k]) for k in keys) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
