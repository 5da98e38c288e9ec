"""A process tree's sampled memory across forks: how a sample counted pages twice, and the check.

    python bench/pss_race.py demo --mb 600 --rounds 300
    python bench/pss_race.py watch --log /tmp/x/samples.jsonl -- copydesk clean CORPUS --out OUT ...

`bench/dedup.py` reports the peak proportional set size (PSS) of the whole process tree,
sampled every 0.2 s. Until session 31 (mem35) a sample read the parent, then listed its
children, then read each one. A fork between the parent's read and its children's counted
the parent's pages twice: the parent read alone, with all of them as its own, then each new
worker with its share of the same pages. `dedup._tree_pss` now lists the tree's live
processes before and after its reads and takes a sample again when the list changed.

- `demo`: a child process holds --mb MB of its own (written, so resident), then forks
  --workers workers and waits for them, --rounds times; each worker sleeps a few ms and
  exits without writing that memory, so the tree never holds much more than the parent
  alone. While it runs, the unchecked sampler (session 30's, kept here as
  `tree_pss_unchecked`) and `dedup._tree_pss` take turns reading its tree. Prints how
  many samples of each read more than the truth (the parent's PSS alone, read before the
  forks start, plus --slack MB for the workers' own pages) and the largest of them.
- `watch`: runs a command and logs every sample of its tree (every --interval s), one JSON
  line each: seconds since the start, the unchecked reading, each process's PSS as it was
  read (parent first), and whether the tree's live processes changed while it was read
  (`changed`: the samples `dedup._tree_pss` takes again). Then prints the peak of the
  unchecked readings, of the unchanged ones, and the samples above the unchanged peak.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from dedup import _pss, _tree_pids, _tree_pss

MB = 1024  # kB


def tree_pss_unchecked(pid: int, read: list | None = None) -> int:
    """Session 30's `dedup._tree_pss`: the parent, then each child listed after the
    parent's read, one after another. `read` gets (pid, kB) of each process read."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            kb = _pss(p)
            total += kb
            if read is not None:
                read.append((p, kb))
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except (OSError, ValueError):
            continue
    return total


FORKER = r"""
import os, random, sys, time
mb, workers, rounds, seed = (int(a) for a in sys.argv[1:5])
held = bytearray(mb * 2**20)
for i in range(0, len(held), 4096):
    held[i] = 1  # resident and this process's own
rng = random.Random(seed)
sys.stdout.write("ready\n")
sys.stdout.flush()
sys.stdin.readline()  # the sampler has read this process alone
for _ in range(rounds):
    pids = []
    for _ in range(workers):
        pid = os.fork()
        if pid == 0:
            time.sleep(rng.uniform(0.002, 0.03))
            os._exit(0)
        pids.append(pid)
    for pid in pids:
        os.waitpid(pid, 0)
    time.sleep(rng.uniform(0.0, 0.01))
"""


def demo(mb: int, workers: int, rounds: int, slack: float, seed: int) -> dict:
    """Both samplers on a process that forks and joins workers (see the module's text)."""
    proc = subprocess.Popen(
        [sys.executable, "-c", FORKER, str(mb), str(workers), str(rounds), str(seed)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    assert proc.stdout is not None and proc.stdin is not None
    proc.stdout.readline()
    alone = _pss(proc.pid)
    proc.stdin.write("go\n")
    proc.stdin.flush()
    truth = alone + slack * MB
    found: dict[str, list[int]] = {"unchecked": [], "checked": []}
    dropped = 0
    while proc.poll() is None:
        found["unchecked"].append(tree_pss_unchecked(proc.pid))
        checked = _tree_pss(proc.pid)
        if checked is None:
            dropped += 1
        else:
            found["checked"].append(checked)
    result: dict = {"parent_alone_mb": alone / MB, "truth_mb": truth / MB, "dropped": dropped}
    for name, values in found.items():
        over = [v for v in values if v > truth]
        result[name] = {
            "samples": len(values),
            "over_truth": len(over),
            "largest_mb": max(values, default=0) / MB,
        }
    return result


def watch(cmd: list[str], log: str, interval: float) -> dict:
    """Every sample of `cmd`'s tree, the unchecked reading and whether the tree changed."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd)
    done = threading.Event()
    rows: list[dict] = []

    def sample() -> None:
        while not done.wait(interval):
            before = _tree_pids(proc.pid)
            read: list = []
            total = tree_pss_unchecked(proc.pid, read)
            after = _tree_pids(proc.pid)
            rows.append({
                "t": round(time.perf_counter() - start, 3),
                "mb": round(total / MB, 1),
                "read": [[p, round(kb / MB, 1)] for p, kb in read],
                "changed": before != after or not before,
                "pids": sorted(p for p, _ in after),
            })

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, _ = os.wait4(proc.pid, 0)
    done.set()
    sampler.join()
    with open(log, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row) + "\n")
    steady = [r["mb"] for r in rows if not r["changed"]]
    peak = max(steady, default=0.0)
    return {
        "rc": os.waitstatus_to_exitcode(status),
        "samples": len(rows),
        "changed": sum(r["changed"] for r in rows),
        "unchecked_peak_mb": max((r["mb"] for r in rows), default=0.0),
        "checked_peak_mb": peak,
        "above_checked_peak": [r for r in rows if r["mb"] > peak],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    d = sub.add_parser("demo", help="a process that forks and joins workers, both samplers")
    d.add_argument("--mb", type=int, default=600)
    d.add_argument("--workers", type=int, default=2)
    d.add_argument("--rounds", type=int, default=300)
    d.add_argument("--slack", type=float, default=8.0,
                   help="MB allowed over the parent alone for the workers' own pages")
    d.add_argument("--seed", type=int, default=random.randrange(2**31))
    w = sub.add_parser("watch", help="log every sample of a command's tree")
    w.add_argument("--log", required=True)
    w.add_argument("--interval", type=float, default=0.2)
    w.add_argument("cmd", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    if args.what == "demo":
        print(json.dumps(demo(args.mb, args.workers, args.rounds, args.slack, args.seed)))
    else:
        cmd = args.cmd[1:] if args.cmd[:1] == ["--"] else args.cmd
        result = watch(cmd, args.log, args.interval)
        above = result.pop("above_checked_peak")
        print(json.dumps(result))
        for row in above:
            print(json.dumps(row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
