"""Duplicate-detection benchmark: copydesk against the naive datasketch pipeline, same corpus.

    python bench/dedup.py --files 100000 --jobs 2 --naive-seconds 120 --quality-files 2000
    python bench/dedup.py --files 10000 --naive-seconds 30 --skip-engine --quality-files 0

(the second: the end-to-end figures in about a minute, on the corpus that
bench/same_outputs.py uses). Prints, in one run:
- copydesk end to end (the `copydesk clean` command: read, repair, classify,
  fingerprint, match, write, report): files/s, paragraphs/s, MB/s, CPU share
  (CPU seconds of the command and its workers per wall second: 2.0 is two busy
  cores), peak memory (RSS of the largest process, and the proportional set size of
  the whole process tree sampled every 0.2 s: pages shared after a fork count once, and
  a sample during which a process of the tree was forked or left is taken again).
  Its paragraphs are the report's (`summary.paragraphs`), which on these
  one-paragraph-per-line corpora are the non-blank lines the naive pipeline counts;
- copydesk's duplicate engine alone on the same paragraphs the naive pipeline
  sees (every non-blank line): read, fingerprint in a worker pool, match, resolve;
- the naive datasketch pipeline on the same files (one MinHash per paragraph,
  `update` per shingle, MinHashLSH query then insert), time-boxed: it reads files
  in the same order until `--naive-seconds` have passed, and its rate is taken
  over what it finished (its LSH grows as it goes, so the rate is flattering), and
  over the last tenth of its run (what it would go on at, at best);
- quality on a small corpus (`--quality-files`): recall by word 5-gram Jaccard
  band, template pairs wrongly linked, and precision/recall of the LSH pipeline
  against brute force over all pairs with the same verification rule.

Corpora are generated (seeded, deterministic) under bench/out/, which git ignores.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "out")


def corpus(files: int, seed: int, truth: bool) -> str:
    """The corpus of (files, seed), generated unless there (with its truth pairs if asked:
    one generated with --no-truth, as bench/same_outputs.py makes it, has none)."""
    path = os.path.join(OUT, f"corpus-{files}-{seed}")
    if not _has_corpus(path, truth):
        args = [sys.executable, os.path.join(HERE, "corpus.py"), path, "--files", str(files)]
        args += ["--seed", str(seed)] + ([] if truth else ["--no-truth"])
        subprocess.run(args, check=True)
    return path


def _has_corpus(path: str, truth: bool) -> bool:
    # The truth file of 100,000 files is 190 MB, over 1 GB once parsed: read in a child
    # (see `_in_child`). It is written last, so a corpus cut short has none, or a broken one.
    found = _in_child(
        "import json, sys\n"
        "try:\n"
        "    with open(sys.argv[1], encoding='utf-8') as fh:\n"
        "        found = json.load(fh)\n"
        "except (OSError, ValueError):\n"
        "    print('none')\n"
        "else:\n"
        "    print('pairs' if found.get('dups') or found.get('templates') else 'empty')\n",
        os.path.join(path, "truth.json"),
    )
    return found == "pairs" or (found == "empty" and not truth)


def _in_child(code: str, *args: str) -> str:
    """What a Python snippet prints, run in a process of its own. This process must stay
    small: Linux gives a forked child the parent's peak RSS as its own starting peak, kept
    across exec, so every command `measure` ran after this process had parsed a large JSON
    file was credited with that file's memory (copydesk at 100,000 files: 1,230 MB, where
    its own largest process holds 890 MB; the naive pipeline 2,568 MB after the report)."""
    done = subprocess.run([sys.executable, "-c", code, *args], check=True,
                          capture_output=True, text=True)
    return done.stdout.strip()


# A sample of the tree whose process list changed while it was read is taken again, this
# many times at most, then dropped (the next sample comes 0.2 s later).
SAMPLE_TRIES = 5


def _tree_pss(pid: int, tries: int = SAMPLE_TRIES) -> int | None:
    """Proportional resident kB of a process and all its descendants: a page that forked
    workers share with their parent counts once across them, where summing their RSS
    counted it in each (copydesk's tree at 100,000 files read 2.5 GB that way, with its
    largest process at 0.9 GB). VmRSS where the kernel has no smaps_rollup.

    The processes are read one after another, so a fork between two reads counted the
    parent's pages twice: the parent read alone, then each new worker with its share of
    the same pages (session 31, mem35: 1,198 MB for a run whose tree held 971; a worker's
    exit undercounts the same way). So the tree's live processes are listed before and
    after the reads, and a sample whose list changed is taken again; None when every try
    changed (the caller keeps its earlier samples)."""
    for _ in range(tries):
        before = _tree_pids(pid)
        try:
            total = sum(_pss(p) for p, _ in before)
        except OSError:  # gone since it was listed: the list has changed
            continue
        if before and _tree_pids(pid) == before:
            return total
    return None


def _tree_pids(pid: int) -> frozenset[tuple[int, int]]:
    """The processes of `pid`'s tree that hold memory, as (pid, start time): a process
    forked, exiting or replaced by a new one with the same pid changes it. An exiting
    process lets go of its memory (its pages then count whole in the others) before it
    is a zombie: its virtual size is 0 from that moment (a worker read before, the parent
    after, counted the pages twice in the demo of `bench/pss_race.py`)."""
    found, todo = set(), [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/stat") as fh:
                stat = fh.read()
            # Fields after the command name (which may hold spaces and parentheses):
            # state, then start time and virtual size, fields 22 and 23 of proc(5).
            fields = stat[stat.rindex(")") + 2:].split()
            if fields[0] in ("Z", "X") or int(fields[20]) == 0:
                continue
            found.add((p, int(fields[19])))
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except (OSError, ValueError, IndexError):
            continue
    return frozenset(found)


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except FileNotFoundError:
        pass
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def measure(cmd: list[str]) -> dict:
    """Wall time, CPU time and peak RSS of the largest process (of this command's tree
    only: taken from its own wait4, not from this process's children so far, which
    would credit each run with the peak of an earlier one), and peak PSS of the whole
    tree (sampled). The largest process's figure starts at this process's own peak
    (`_in_child` says why), so this process reads nothing large."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err)
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            # Not proc.poll(): reaping the process here would lose its resource usage.
            while not done.wait(0.2):
                peak[0] = max(peak[0], _tree_pss(proc.pid) or 0)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    cpu = usage.ru_utime + usage.ru_stime  # with the worker processes it waited for
    return {
        "seconds": elapsed,
        "rc": proc.returncode,
        "cpu_seconds": cpu,
        "cpu_share": cpu / elapsed if elapsed else 0.0,
        "max_process_rss_mb": round(usage.ru_maxrss / 1024, 1),
        "tree_pss_mb": round(peak[0] / 1024, 1),
        "stdout": stdout.decode("utf-8", "replace"),
        "stderr": stderr.decode("utf-8", "replace")[-2000:],
    }


def corpus_size(path: str) -> tuple[int, int]:
    files = size = 0
    for root, _, names in os.walk(path):
        for name in names:
            if name.endswith(".txt"):
                files += 1
                size += os.path.getsize(os.path.join(root, name))
    return files, size


def run_copydesk(path: str, jobs: int) -> dict:
    # Into a directory of its own, never the last run's emptied: on ext4 a create soon
    # after a large delete walks the inodes freed in it, for minutes, so a run that removed
    # its predecessor's 10,000 outputs first timed the filesystem (session 27, e2e31: 36 to
    # 200 us a create against 33), and so would the next run after a delete at the end.
    out = tempfile.mkdtemp(prefix="copydesk-output-", dir=OUT)
    report = out + ".json"
    cmd = [sys.executable, "-m", "copydesk", "clean", path, "--out", out]
    cmd += ["--report", report, "--jobs", str(jobs), "-q"]
    result = measure(cmd)
    if result["rc"] not in (0, 1):
        raise SystemExit(f"copydesk failed ({result['rc']}): {result['stderr']}")
    summary = json.loads(_in_child(
        "import json, sys\n"
        "with open(sys.argv[1], encoding='utf-8') as fh:\n"
        "    print(json.dumps(json.load(fh)['summary']))\n",
        report,
    ))
    result["paragraphs"] = summary["paragraphs"]
    result["files"] = summary["files"]
    result["clusters"] = summary["clusters"]
    result["out"] = out
    return result


NAIVE = r"""
import os, sys, time
from datasketch import MinHash, MinHashLSH
root, budget = sys.argv[1], float(sys.argv[2])
threshold, num_perm = float(sys.argv[3]), int(sys.argv[4])
paths = sorted(os.path.join(d, n) for d, _, ns in os.walk(root) for n in ns if n.endswith(".txt"))
lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
start = time.perf_counter()
files = paragraphs = size = pairs = 0
marks = [(0.0, 0)]  # (seconds, paragraphs) every tenth of the budget: how the rate falls
for path in paths:
    with open(path, "rb") as fh:
        data = fh.read()
    size += len(data)
    for k, line in enumerate(data.decode("utf-8", "replace").split("\n")):
        words = line.lower().split()
        if not words:
            continue
        m = MinHash(num_perm=num_perm, seed=1)
        for i in range(max(1, len(words) - 1)):
            m.update(" ".join(words[i : i + 2]).encode("utf-8"))
        pairs += len(lsh.query(m))
        lsh.insert(f"{path}:{k}", m)
        paragraphs += 1
    files += 1
    now = time.perf_counter() - start
    if now >= marks[-1][0] + budget / 10:
        marks.append((now, paragraphs))
    if now > budget:
        break
now = time.perf_counter() - start
if marks[-1][1] != paragraphs:
    marks.append((now, paragraphs))
# The rate over the last tenth of the run (the last two marks), where the LSH is largest.
(t0, p0), (t1, p1) = marks[-2], marks[-1]
print(files, paragraphs, size, pairs, now, (p1 - p0) / (t1 - t0) if t1 > t0 else 0.0)
"""


ENGINE = r"""
import os, sys, time
from concurrent.futures import ProcessPoolExecutor
import numpy as np
from copydesk.core.config import Config
from copydesk.core.fingerprint import Fingerprinter, Prints
from copydesk.core.match import find_matches
from copydesk.core.pipeline import match_params
from copydesk.core.resolve import ParagraphRefs, Policy, resolve

def paragraphs(path):
    with open(path, "rb") as fh:
        return [line for line in fh.read().decode("utf-8", "replace").split("\n") if line.strip()]

def chunk(paths):
    texts, counts = [], []
    for p in paths:
        lines = paragraphs(p)
        texts.extend(lines)
        counts.append(len(lines))
    return Fingerprinter(Config()).prints(texts), counts

if __name__ == "__main__":
    root, jobs = sys.argv[1], int(sys.argv[2])
    paths = [os.path.join(d, n) for d, _, ns in os.walk(root) for n in ns if n.endswith(".txt")]
    paths.sort()
    start = time.perf_counter()
    tasks = [paths[k : k + 32] for k in range(0, len(paths), 32)]
    with ProcessPoolExecutor(jobs) as pool:
        results = list(pool.map(chunk, tasks, chunksize=4))
    counts = [c for _, cs in results for c in cs]
    parts = [p for p, _ in results]
    del results
    prints = Prints.concat(parts, Config().bands)
    t_fp = time.perf_counter() - start
    file = np.repeat(np.arange(len(counts)), counts)
    para = np.concatenate([np.arange(1, c + 1) for c in counts])
    refs = ParagraphRefs(paths, file, para, para, para)
    matches = find_matches(prints, match_params(Config()))
    t_match = time.perf_counter() - start - t_fp
    res = resolve(prints, matches, refs, Policy())
    elapsed = time.perf_counter() - start
    size = sum(os.path.getsize(p) for p in paths)
    print(len(paths), len(prints), size, len(res.clusters), elapsed, t_fp, t_match)
"""


def run_engine(path: str, jobs: int) -> dict:
    """copydesk's duplicate engine alone on the same paragraphs as the naive pipeline: read,
    split lines, fingerprint (worker pool), match, resolve. No repair, classify or writing."""
    script = os.path.join(OUT, "engine_bench.py")
    with open(script, "w", encoding="utf-8") as fh:
        fh.write(ENGINE)
    result = measure([sys.executable, script, path, str(jobs)])
    if result["rc"] != 0:
        raise SystemExit(f"engine failed: {result['stderr']}")
    files, paragraphs, size, clusters, elapsed, t_fp, t_match = result["stdout"].split()
    result.update(
        files=int(files),
        paragraphs=int(paragraphs),
        bytes=int(size),
        clusters=int(clusters),
        seconds=float(elapsed),
        stages=f"read+fingerprint {float(t_fp):.1f} s, match {float(t_match):.1f} s, "
        f"resolve {float(elapsed) - float(t_fp) - float(t_match):.1f} s",
    )
    return result


def run_naive(path: str, seconds: float, threshold: float, num_perm: int) -> dict:
    cmd = [sys.executable, "-c", NAIVE, path, str(seconds), str(threshold), str(num_perm)]
    result = measure(cmd)
    files, paragraphs, size, pairs, elapsed, last_rate = result["stdout"].split()
    result.update(
        files=int(files),
        paragraphs=int(paragraphs),
        bytes=int(size),
        pairs=int(pairs),
        seconds=float(elapsed),
        last_rate=float(last_rate),
    )
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--naive-seconds", type=float, default=120.0)
    parser.add_argument("--quality-files", type=int, default=2000)
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument(
        "--engine-only", action="store_true", help="skip the end-to-end copydesk clean run"
    )
    parser.add_argument(
        "--skip-engine", action="store_true", help="skip copydesk's duplicate engine alone"
    )
    args = parser.parse_args(argv)
    rows = []
    if not args.skip_speed:
        big = corpus(args.files, args.seed, truth=False)
        files, size = corpus_size(big)
        mine = run_copydesk(big, args.jobs) if not args.engine_only else None
        engine = run_engine(big, args.jobs) if not args.skip_engine else None
        naive = run_naive(big, args.naive_seconds, 0.5, 64)
        runs = [(f"copydesk clean --jobs {args.jobs}", mine, size)] if mine else []
        if engine:
            runs.append((f"copydesk engine, {args.jobs} workers", engine, engine["bytes"]))
        runs.append(("naive datasketch (1 process)", naive, naive["bytes"]))
        for name, r, nbytes in runs:
            rows.append(
                (
                    name,
                    r["files"],
                    r["paragraphs"],
                    r["seconds"],
                    r["files"] / r["seconds"],
                    r["paragraphs"] / r["seconds"],
                    nbytes / 1e6 / r["seconds"],
                    r["cpu_share"],
                    r["max_process_rss_mb"],
                    r["tree_pss_mb"],
                )
            )
        print(f"corpus: {big} ({files} files, {size / 1e6:.1f} MB)")
        print(
            f"{'pipeline':<30}{'files':>8}{'paras':>9}{'sec':>8}{'files/s':>9}"
            f"{'paras/s':>9}{'MB/s':>7}{'CPU':>6}{'RSS max':>9}{'PSS tree':>9}"
        )
        for row in rows:
            print(
                f"{row[0]:<30}{row[1]:>8}{row[2]:>9}{row[3]:>8.1f}{row[4]:>9.0f}"
                f"{row[5]:>9.0f}{row[6]:>7.2f}{row[7]:>6.2f}{row[8]:>9.0f}{row[9]:>9.0f}"
            )
        if engine:
            print(f"engine stages: {engine['stages']}")
        print(
            f"naive datasketch over the last tenth of its {naive['seconds']:.0f} s: "
            f"{naive['last_rate']:.0f} paragraphs/s (its LSH held {naive['paragraphs']} "
            "paragraphs at the end)"
        )
        for row in rows[:-1]:
            print(
                f"{row[0]} vs naive (paragraphs/s): {row[5] / rows[-1][5]:.1f}x over the "
                f"naive's whole run, {row[5] / naive['last_rate']:.1f}x over its last tenth"
            )
        if mine:
            print(f"outputs: {mine['out']} (kept, as every earlier run's: remove "
                  f"{OUT}/copydesk-output-* while nothing is timed, since a large delete "
                  "slows file creates for minutes)")
    if args.quality_files:
        sys.path.insert(0, HERE)
        from quality import evaluate, print_quality

        from copydesk.core.config import Config

        small = corpus(args.quality_files, args.seed, truth=True)
        print(f"\nquality: {small}")
        print_quality(evaluate(small, Config()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
