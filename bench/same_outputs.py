"""Check that a change to copydesk leaves every output byte-identical.

    python bench/same_outputs.py make REFDIR [--cases full,samples,...] [--jobs 1,2]
    python bench/same_outputs.py check REFDIR [--cases ...] [--jobs ...]

`make` runs `copydesk clean` (a real subprocess, as users run it) over each
case and keeps the clean files, the JSON report and the exit code under
REFDIR; run it with the code you trust. `check` runs the same commands with
the current code and compares trees and reports byte for byte, naming the
first files that differ. Exit status 0 when everything is identical.

Cases: the dev set variants (full, wide, region, mojibake), samples/ (also
with --front-matter), and a 10,000-file synthetic corpus (generated under
bench/out/ if missing). Every run writes to the same place (bench/out/same/),
so output paths named in reports compare equal.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = HERE / "out" / "same"
DEVSET = REPO.parent / "shared" / "devset" / "pages"
CORPUS = HERE / "out" / "corpus-10000-7"


def cases() -> dict[str, list[str]]:
    """Case name -> arguments of `copydesk clean` (inputs and options)."""
    out = {v: [str(DEVSET), "--glob", f"*.{v}.txt"] for v in ("full", "wide", "region", "mojibake")}
    out["samples"] = [str(REPO / "samples")]
    out["samples-front"] = [str(REPO / "samples"), "--front-matter"]
    out["corpus"] = [str(CORPUS)]
    return out


def ensure_corpus() -> None:
    if not (CORPUS / "site00").is_dir():
        subprocess.run(
            [
                sys.executable,
                str(HERE / "corpus.py"),
                str(CORPUS),
                "--files",
                "10000",
                "--seed",
                "7",
                "--no-truth",
            ],
            check=True,
        )


def run_case(name: str, args: list[str], jobs: int) -> tuple[Path, float]:
    """Run one case into WORK/<name>-j<jobs>; return that directory and the seconds taken."""
    where = WORK / f"{name}-j{jobs}"
    shutil.rmtree(where, ignore_errors=True)
    where.mkdir(parents=True)
    cmd = [
        sys.executable,
        "-m",
        "copydesk",
        "clean",
        *args,
        "--out",
        str(where / "out"),
        "--report",
        str(where / "report.json"),
        "--jobs",
        str(jobs),
        "-q",
    ]
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True)
    seconds = time.perf_counter() - start
    (where / "rc").write_text(f"{proc.returncode}\n")
    (where / "stderr").write_bytes(proc.stderr)
    return where, seconds


def differences(ref: Path, new: Path, limit: int = 10) -> list[str]:
    """Relative paths whose presence or bytes differ between two trees."""
    found: list[str] = []

    def walk(rel: str) -> None:
        a, b = ref / rel, new / rel
        cmp = filecmp.dircmp(a, b)
        for only in cmp.left_only:
            found.append(f"{os.path.join(rel, only)} (missing now)")
        for only in cmp.right_only:
            found.append(f"{os.path.join(rel, only)} (new)")
        for name in sorted(cmp.common_files):
            if (a / name).read_bytes() != (b / name).read_bytes():
                found.append(os.path.join(rel, name))
        for sub in sorted(cmp.common_dirs):
            walk(os.path.join(rel, sub))

    walk("")
    return found[:limit] if limit else found


def first_line_diff(a: Path, b: Path) -> str:
    la, lb = (
        a.read_text("utf-8", "replace").split("\n"),
        b.read_text("utf-8", "replace").split("\n"),
    )
    for k, (x, y) in enumerate(zip(la, lb, strict=False)):
        if x != y:
            return f"line {k + 1}:\n    ref: {x[:200]}\n    new: {y[:200]}"
    return f"lengths differ: {len(la)} vs {len(lb)} lines"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("mode", choices=["make", "check"])
    ap.add_argument("refdir", type=Path)
    ap.add_argument("--cases", default=",".join(cases()))
    ap.add_argument("--jobs", default="1,2")
    args = ap.parse_args()
    table = cases()
    names = args.cases.split(",")
    unknown = [n for n in names if n not in table]
    if unknown:
        ap.error(f"unknown case(s): {', '.join(unknown)}")
    if "corpus" in names:
        ensure_corpus()
    failed = 0
    for name in names:
        for jobs in (int(j) for j in args.jobs.split(",")):
            where, seconds = run_case(name, table[name], jobs)
            label = f"{name} --jobs {jobs}"
            ref = args.refdir / where.name
            if args.mode == "make":
                shutil.rmtree(ref, ignore_errors=True)
                ref.parent.mkdir(parents=True, exist_ok=True)
                shutil.copytree(where, ref)
                rc = (where / "rc").read_text().strip()
                print(f"{label}: reference kept ({seconds:.1f} s, rc {rc})")
                continue
            if not ref.is_dir():
                print(f"{label}: no reference at {ref}")
                failed += 1
                continue
            diff = differences(ref, where, limit=0)
            if diff:
                failed += 1
                shown = ", ".join(diff[:10])
                print(f"{label}: DIFFERENT ({len(diff)} paths, {seconds:.1f} s): {shown}")
                if "report.json" in diff:
                    print(
                        "  report.json "
                        + first_line_diff(ref / "report.json", where / "report.json")
                    )
            else:
                print(f"{label}: identical ({seconds:.1f} s)")
            sys.stdout.flush()
    if args.mode == "check":
        print("all identical" if not failed else f"{failed} run(s) differ")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
