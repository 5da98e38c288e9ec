"""--jobs N and argument order change nothing: outputs and report are byte-identical."""

import gc
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from copydesk.core import pipeline
from copydesk.core.workers import iter_tasks

WORDS = [
    "harbour",
    "council",
    "ferry",
    "budget",
    "river",
    "school",
    "market",
    "bridge",
    "station",
    "library",
    "garden",
    "museum",
    "road",
    "rain",
    "storm",
    "festival",
    "parking",
    "tram",
    "hospital",
    "farmers",
    "fishing",
    "bakery",
    "theatre",
    "park",
]


def _corpus(root: Path) -> list[Path]:
    """80 files (several worker chunks): originals, edited copies, repeated lines."""
    rng = random.Random(11)
    originals = []
    paths = []
    for k in range(80):
        if originals and rng.random() < 0.4:
            source = rng.choice(originals)
            paragraphs = [
                " ".join(w if rng.random() > 0.08 else rng.choice(WORDS) for w in p.split())
                for p in source
            ]
        else:
            paragraphs = [
                " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 30))).capitalize() + "."
                for _ in range(rng.randint(2, 6))
            ]
            originals.append(paragraphs)
        paragraphs.append("Thanks for reading the Harbour Gazette morning edition today.")
        path = root / f"site{k % 3}" / f"story{k:03d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def _clean(inputs: list[str], out: Path, report: Path, jobs: int) -> dict[str, bytes]:
    """Outputs and report of one run, which then are removed (the next run writes the same
    paths: the report names them)."""
    cmd = [sys.executable, "-m", "copydesk", "clean", *inputs, "--out", str(out)]
    cmd += ["--report", str(report), "--jobs", str(jobs), "-q"]
    result = subprocess.run(cmd, capture_output=True, check=False)
    assert result.returncode == 0, result.stderr.decode()
    files = {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*.txt"))}
    files["<report>"] = report.read_bytes()
    shutil.rmtree(out)
    report.unlink()
    return files


def test_jobs_and_input_order_do_not_change_any_byte(tmp_path):
    src = tmp_path / "in"
    paths = _corpus(src)
    out, report = tmp_path / "out", tmp_path / "report.json"
    one = _clean([str(src)], out, report, jobs=1)
    two = _clean([str(src)], out, report, jobs=2)
    # The same files named one by one, in reverse order, with two workers.
    backwards = [str(p) for p in reversed(paths)]
    rev = _clean(backwards, out, report, jobs=2)
    assert len(one) == 81
    assert b'"clusters": [\n    {' in one["<report>"]  # the corpus does have duplicates
    assert one == two
    # File names in the report are spelled as given, so compare the outputs and the
    # report with the spelling of the inputs made the same.
    assert {k: v for k, v in rev.items() if k != "<report>"} == {
        k: v for k, v in one.items() if k != "<report>"
    }
    assert rev["<report>"].replace(str(src).encode() + b"/", b"") == one["<report>"].replace(
        str(src).encode() + b"/", b""
    )


_HELD_BY_PARENT: list | None = None


def _collector_tracks_parent_object(_: int) -> bool:
    return any(o is _HELD_BY_PARENT for o in gc.get_objects())


def test_workers_collector_leaves_the_parents_heap_alone():
    # Writing outputs forks workers from a parent holding every file's analysis: a worker
    # whose garbage collector walked those objects would copy every page of them (seconds
    # of page faults on a large run). The parent's own collector is back afterwards.
    global _HELD_BY_PARENT
    _HELD_BY_PARENT = [[k] for k in range(3)]
    assert list(iter_tasks(_collector_tracks_parent_object, [0, 1, 2], 2)) == [False] * 3
    assert gc.get_freeze_count() == 0
    assert _collector_tracks_parent_object(0)


def test_the_run_keeps_its_analyses_from_the_collector_until_it_ends(tmp_path, monkeypatch):
    # The parent holds every file's analysis to the end of the run: its collector must not
    # walk them again each time the heap grows (15 % of the parent's CPU at 10,000 files).
    # A caller that froze its own heap keeps it frozen, and nobody else's objects stay
    # frozen after the run.
    from copydesk.core import pipeline
    from copydesk.core.config import Config
    from copydesk.core.discover import discover

    src = tmp_path / "in"
    src.mkdir()
    _corpus(src)  # 80 files: three chunks, so that two workers take part
    frozen = {}

    def spy(name, fn):
        def wrapped(*args, **kwargs):
            frozen[name] = gc.get_freeze_count()
            return fn(*args, **kwargs)
        monkeypatch.setattr(pipeline, name, wrapped)

    spy("corpus_of", pipeline.corpus_of)
    spy("build_report", pipeline.build_report)
    for jobs in (1, 2):
        config = Config(jobs=jobs)
        found = discover([str(src)])
        pipeline.run(found.sources, config, pipeline.Destination(out_dir=str(tmp_path / "out")),
                     found.problems)
        assert frozen["corpus_of"] > 0 and frozen["build_report"] > 0, jobs
        assert gc.get_freeze_count() == 0
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        pipeline.run(found.sources, config, pipeline.Destination(out_dir=str(tmp_path / "o2")),
                     found.problems)
        assert gc.get_freeze_count() >= before
    finally:
        gc.unfreeze()


def test_the_run_keeps_its_tasks_and_outcomes_from_the_collector(tmp_path, monkeypatch):
    # After analysis the parent makes a render task, an outcome and a verdict list per file,
    # and takes in a result per file, all held until the report is written: left to the
    # collector, its full collections walked them again and again while the workers' cores
    # idled (0.66 s before the render and 0.49 s in it at 100,000 files). They are frozen
    # as they are made, as the analyses are.
    from copydesk.core import pipeline
    from copydesk.core.config import Config
    from copydesk.core.discover import discover

    src = tmp_path / "in"
    src.mkdir()
    _corpus(src)
    seen: dict[str, list] = {}

    def tracked_ids() -> set[int]:
        return {id(o) for o in gc.get_objects()}

    real_render, real_report = pipeline.render_all, pipeline.build_report

    def render_all(tasks, *args, **kwargs):
        ids = tracked_ids()
        seen.setdefault("tasks", []).append(
            [t for t in tasks if id(t) in ids or id(t.verdicts) in ids])
        return real_render(tasks, *args, **kwargs)

    def build_report(analyses, outcomes, *args, **kwargs):
        ids = tracked_ids()
        seen.setdefault("outcomes", []).append(
            [o for o in outcomes if id(o) in ids or id(o.entry) in ids])
        return real_report(analyses, outcomes, *args, **kwargs)

    monkeypatch.setattr(pipeline, "render_all", render_all)
    monkeypatch.setattr(pipeline, "build_report", build_report)
    for jobs in (1, 2):
        found = discover([str(src)])
        pipeline.run(found.sources, Config(jobs=jobs),
                     pipeline.Destination(out_dir=str(tmp_path / f"out{jobs}")), found.problems)
        assert gc.get_freeze_count() == 0
    assert seen["tasks"] == [[], []]
    assert seen["outcomes"] == [[], []]


def test_forked_render_workers_are_sent_their_tasks(tmp_path, monkeypatch):
    # A forked worker that read the parent's render tasks (their verdicts, spans, metadata)
    # would write their reference counts, and so copy every page of the parent's heap they
    # lie on: at 100,000 files each worker ended with most of the parent's memory. Sent
    # pickled, the worker's tasks are objects of its own: none is at the address of an
    # object of the parent's (which the forked worker's copy still holds alive there).
    import multiprocessing
    import os

    from copydesk.core.config import Config
    from copydesk.core.discover import discover

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("workers are not forked here: the tasks are sent anyway")
    src = tmp_path / "in"
    src.mkdir()
    _corpus(src)
    log = tmp_path / "seen"
    log.mkdir()
    parent: set[int] = set()
    real_render_all, real_render = pipeline.render_all, pipeline._render_safely

    def render_all(tasks, config, *args, **kwargs):
        for t in tasks:
            parent.update((id(t), id(t.source), id(t.verdicts), id(t.metadata), id(t.spans)))
            parent.update(map(id, t.verdicts))
        return real_render_all(tasks, config, *args, **kwargs)

    def render(task, config):
        with open(log / str(os.getpid()), "a") as fh:
            ids = (id(task), id(task.source), id(task.verdicts), id(task.metadata),
                   id(task.spans), *map(id, task.verdicts))
            fh.write(" ".join(map(str, ids)) + "\n")
        return real_render(task, config)

    monkeypatch.setattr(pipeline, "render_all", render_all)
    monkeypatch.setattr(pipeline, "_render_safely", render)
    found = discover([str(src)])
    result = pipeline.run(found.sources, Config(jobs=2),
                          pipeline.Destination(out_dir=str(tmp_path / "out")), found.problems,
                          report_text=True)
    assert result.exit_code == 0 and all(o.status == "ok" for o in result.outcomes)
    assert len(list((tmp_path / "out").rglob("*.txt"))) == 80
    workers = [p for p in log.iterdir() if p.name != str(os.getpid())]
    assert workers and not (log / str(os.getpid())).exists()  # rendered in workers only
    seen = [int(x) for p in workers for line in p.read_text().splitlines()
            for x in line.split()]
    assert len(seen) >= 80 * 5
    assert not parent & set(seen)
    assert pipeline._RENDERING is None


_FAULTS_SCRIPT = """
import resource
import numpy as np
from copydesk.core.allocator import return_large_blocks
from copydesk.core.workers import iter_tasks

def faults(_):
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(100):
        block = np.ones(1 << 17)  # 1 MiB, above the parent's fixed mmap threshold
        del block
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before

if __name__ == "__main__":
    return_large_blocks()  # as every run does first; the workers inherit it
    print(faults(0), *iter_tasks(faults, [0, 1], 2))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
def test_workers_reuse_freed_large_blocks(tmp_path):
    # A worker holds nothing from file to file: its large temporaries are served from the
    # memory the last ones freed, not mapped and faulted in afresh (256 faults per MiB
    # each time). The parent keeps its fixed threshold (core/allocator.py). In a process
    # of its own: a heap that earlier tests left with large free blocks would serve them.
    script = tmp_path / "faults.py"
    script.write_text(_FAULTS_SCRIPT)
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          check=True)
    parent, *workers = map(int, done.stdout.split())
    assert parent >= 100 * 256 // 2, parent
    assert all(f < 100 * 256 // 4 for f in workers), workers


_SCOPE_SCRIPT = """
import resource
import numpy as np
from copydesk.core import allocator

def faults():
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(100):
        block = np.ones(1 << 17)  # 1 MiB, above the parent's fixed mmap threshold
        del block
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before

def resident():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1])

if __name__ == "__main__":
    allocator.return_large_blocks()
    with allocator.reusing_freed_blocks():
        inside = faults()
    # Measured before the scope below leaves 16 MiB free in the heap: glibc serves a request
    # from a free chunk that fits, whatever the threshold, and whether the chunk is there
    # depends on where the heap's layout put `held`.
    after = faults()
    with allocator.reusing_freed_blocks():
        before = resident()
        kept = np.ones(1 << 21)  # 16 MiB, served from the heap inside the scope ...
        kept[:] = 1
        held = np.ones(1 << 10)  # ... below a small block that outlives it
        del kept
    given_back = resident()
    print(inside, after, given_back - before)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
def test_a_chunk_analysed_in_the_parent_reuses_freed_large_blocks(tmp_path):
    # Inside the scope the parent serves its large temporaries from the memory the last
    # ones freed, as a worker does; after it, the threshold is fixed again (each large
    # array a mapping of its own) and the free pages of the heap, even below a block still
    # in use, are given back (the 16 MiB freed is not resident: 4,096 pages).
    script = tmp_path / "scope.py"
    script.write_text(_SCOPE_SCRIPT)
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          check=True)
    inside, after, grown = map(int, done.stdout.split())
    assert inside < 100 * 256 // 4, inside
    assert after >= 100 * 256 // 2, after
    assert grown < 4096 // 4, grown


def test_the_parent_analyses_its_chunks_in_one_scope(monkeypatch):
    # `--jobs 1` analyses in the parent: every chunk runs inside one `reusing_freed_blocks`,
    # and the heap's free pages are given back once, after the last chunk (given back after
    # each, they were faulted in again by the next).
    from types import SimpleNamespace

    from copydesk.core import allocator
    from copydesk.core.analyze import Analyzer
    from copydesk.core.config import Config
    from copydesk.core.fingerprint import empty_prints

    seen: list[bool] = []
    trims: list[int] = []
    monkeypatch.setattr(allocator, "_done", True)
    monkeypatch.setattr(allocator, "_reusing", False)
    monkeypatch.setattr(allocator, "_malloc_trim", lambda: trims.append(len(seen)))

    def analyze_many(self, sources):
        seen.append(allocator._reusing)
        return [SimpleNamespace(verdicts=[]) for _ in sources], empty_prints(Config().bands)

    monkeypatch.setattr(Analyzer, "analyze_many", analyze_many)
    sources = list(range(2 * pipeline.CHUNK_FILES + 1))
    analyses, _ = pipeline.analyze_all(sources, Config(jobs=1))
    assert len(analyses) == len(sources)
    assert seen == [True, True, True]
    assert trims == [3]
    assert allocator._reusing is False


def _tracked_after_chunk(chunk: list) -> bool:
    from copydesk.core.config import Config

    loaded = [[]]  # as what the classifier loads on a worker's first files
    pipeline._analyze_chunk((Config(), chunk))
    return any(o is loaded for o in gc.get_objects())


def test_a_worker_freezes_what_its_classifier_loaded_on_its_first_files(tmp_path):
    # Loaded after the worker's first freeze (at the analyzer's creation), the rules and
    # model tables would be walked by every full collection of the worker: frozen after
    # the worker's first chunk, what later chunks make is collected as before.
    from copydesk.core.discover import discover

    src = tmp_path / "in"
    src.mkdir()
    _corpus(src)
    sources = discover([str(src)]).sources
    tracked = list(iter_tasks(_tracked_after_chunk, [sources[k : k + 2] for k in range(0, 10, 2)],
                              2))
    assert not tracked[0] and 1 <= tracked.count(False) <= 2, tracked
    assert not pipeline._SETTLED  # the parent's heap is the run's (`LongLived`)


def _square(k: int) -> int:
    return k * k


def test_a_slow_consumer_holds_a_bounded_number_of_outstanding_tasks(monkeypatch):
    """Results are sent for as fast as they are taken, not as fast as the workers could go:
    a consumer that takes each result slowly (a loaded parent) never has more than
    AHEAD_PER_JOB tasks per worker submitted and not yet taken, so finished results cannot
    pile up in its memory, whatever the load."""
    import time
    from concurrent.futures import ProcessPoolExecutor

    from copydesk.core import workers

    submitted = []
    submit = ProcessPoolExecutor.submit

    def counting(pool, fn, *args):
        submitted.append(args[-1])
        return submit(pool, fn, *args)

    monkeypatch.setattr(ProcessPoolExecutor, "submit", counting)
    tasks = list(range(60))
    taken = []
    for result in iter_tasks(_square, tasks, 2):
        taken.append(result)
        assert len(submitted) - len(taken) <= workers.AHEAD_PER_JOB * 2
        if len(taken) % 10 == 1:
            time.sleep(0.2)  # the workers finish everything submitted meanwhile
    assert taken == [k * k for k in tasks] and submitted == tasks
