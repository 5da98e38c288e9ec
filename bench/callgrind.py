"""Instructions the classifier executes on a fixed sample, counted by callgrind: a speed
figure that the load of a shared machine does not move (wall clock and CPU time do).

    valgrind --tool=callgrind --toggle-collect=functools_reduce \\
        python bench/callgrind.py dev|corpus [--files N]

and read "Collected : N" on stderr (or run `python bench/callgrind.py --count dev` which
starts valgrind itself and prints the count). `dev` classifies the first 40 full pages
of the dev set one file at a time (`Classifier.classify`, as `copydesk clean` does a
large file); `corpus` classifies 300 files of the 10,000-file synthetic corpus in one batch
(`classify_many`, as the workers do). A few files are classified first, unmeasured, so that
the model, the packs and the caches are loaded; then only what runs inside
`functools.reduce` is counted. Compare two checkouts by running each one's copy (its own
virtualenv) on the same machine: the counts repeat to a few parts in ten thousand.

`--frozen-heap` collects and freezes (`gc.freeze`) every object made before the window, so
that the window's collections walk only the window's own objects. Without it, where the
collector's full collection falls depends on every allocation before the window: sessions
24 and 25 each saw one land in one checkout's window and not in the other's, about 2 % of
the corpus count. The default stays as it was, so that counts compare with earlier
sessions'; give both when they disagree.
"""

from __future__ import annotations

import argparse
import functools
import gc
import re
import subprocess
import sys
from pathlib import Path

from copydesk.core.analyze import load
from copydesk.core.classify import Classifier
from copydesk.core.config import Config
from copydesk.core.model import Source

HERE = Path(__file__).resolve().parent
DEVSET = HERE.parent.parent / "shared" / "devset" / "pages"
CORPUS = HERE / "out" / "corpus-10000-7"


def _blocks(files: list[Path], config: Config) -> list:
    return [
        load(Source(display=f.name, relpath=f.name, path=str(f)), config).blocks for f in files
    ]


def run(what: str, files: int | None, devset: Path, corpus: Path, frozen: bool = False) -> None:
    config = Config()
    if what == "dev":
        folder, paths = devset, sorted(devset.glob("*.full.txt"))
        warm, measured, needed = paths[500:510], paths[: files or 40], 510
    else:
        folder, paths = corpus, sorted(corpus.rglob("*.txt"))
        warm, measured, needed = paths[5000:5020], paths[: files or 300], 5020
    # A count over too few files (a checkout where `../shared` is not the dev set) would
    # look like a speed-up: refuse it.
    if len(paths) < max(needed, files or 0):
        raise SystemExit(f"{folder}: {len(paths)} files, {needed} needed (--devset/--corpus)")
    warm_blocks, blocks = _blocks(warm, config), _blocks(measured, config)
    classifier = Classifier(config)
    classifier.classify_many(warm_blocks)
    if frozen:
        gc.collect()
        gc.freeze()
        print(f"frozen heap: {gc.get_freeze_count()} objects", file=sys.stderr)
    # Only what runs inside functools.reduce is counted (valgrind --toggle-collect).
    if what == "dev":
        functools.reduce(lambda _, b: classifier.classify(b), blocks, None)
    else:
        functools.reduce(lambda _, chunk: classifier.classify_many(chunk), [blocks], None)


def count(
    what: str, files: int | None, devset: Path, corpus: Path, frozen: bool = False
) -> int:
    """Run this script under callgrind and return the instructions collected."""
    command = [
        "valgrind", "--tool=callgrind", "--toggle-collect=functools_reduce",
        "--callgrind-out-file=/dev/null", sys.executable, __file__, what,
        "--devset", str(devset), "--corpus", str(corpus),
    ]
    if files:
        command += ["--files", str(files)]
    if frozen:
        command.append("--frozen-heap")
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        # valgrind's own lines start with "==pid=="; the script's error is the last other.
        own = [line for line in done.stderr.splitlines() if line and not line.startswith("==")]
        reason = own[-1] if own else "(no output)"
        raise SystemExit(f"the measured run failed (exit {done.returncode}): {reason}")
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"no count in valgrind's output:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["dev", "corpus"])
    parser.add_argument("--files", type=int, default=None, help="files measured")
    parser.add_argument("--count", action="store_true", help="run valgrind, print the count")
    parser.add_argument("--devset", type=Path, default=DEVSET, help="the dev set's pages")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the 10,000-file corpus")
    parser.add_argument(
        "--frozen-heap", action="store_true", help="freeze the objects made before the window"
    )
    args = parser.parse_args()
    devset, corpus = args.devset.resolve(), args.corpus.resolve()
    if args.count:
        print(count(args.what, args.files, devset, corpus, args.frozen_heap))
    else:
        run(args.what, args.files, devset, corpus, args.frozen_heap)


if __name__ == "__main__":
    main()
