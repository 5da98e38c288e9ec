"""The parent of analysis workers keeps the run's fingerprints on disk until the workers
have left (`spill.ParkedBuilder`): the end of the analysis is the run's largest memory."""

from __future__ import annotations

import errno
import itertools
import os
import tempfile
from dataclasses import fields
from pathlib import Path

import numpy as np
import pytest

from copydesk.core import pipeline, spill
from copydesk.core.config import Config
from copydesk.core.discover import discover
from copydesk.core.fingerprint import Fingerprinter, Prints, PrintsBuilder

PARAGRAPHS = [
    "The ferry to the north islands leaves the harbour at seven every weekday morning.",
    "Council members voted to keep the night tram running through the winter months.",
    "Tickets cost four euros at the kiosk beside the pier, cash or card.",
    "短い段落は文字ごとに区切られて比べられる。",
    "A storm closed the coast road for two days; the bakery sold out by noon.",
]


def _batches() -> list[Prints]:
    fp = Fingerprinter(Config())
    texts = [PARAGRAPHS[:2], [], PARAGRAPHS[2:3], PARAGRAPHS[3:]] * 40
    return [fp.prints(t) for t in texts]


def _equal(a: Prints, b: Prints) -> None:
    for f in fields(Prints):
        x, y = getattr(a, f.name), getattr(b, f.name)
        assert x.dtype == y.dtype and x.shape == y.shape, f.name
        assert np.array_equal(x, y), f.name


def test_parked_fingerprints_come_back_as_the_memory_builder_holds_them(tmp_path):
    memory, parked = PrintsBuilder(Config().bands), spill.ParkedBuilder(Config().bands,
                                                                        str(tmp_path))
    for part in _batches():
        memory.append(part)
        parked.append(part)
    _equal(parked.build(), memory.build())
    assert not os.listdir(tmp_path)  # unnamed files, closed once read back


def test_a_full_temporary_directory_sends_the_fingerprints_back_to_memory(tmp_path,
                                                                         monkeypatch):
    # The disk fills partway through a batch (a write after some of its columns were
    # written): the columns so far and that batch go to memory, and every batch after it.
    writes = {"n": 0}
    real = tempfile.TemporaryFile

    class Full:
        def __init__(self, fh):
            self._fh = fh

        def write(self, data):
            writes["n"] += 1
            if writes["n"] == 3 + 5 * len(fields(Prints)) + 4:
                raise OSError(errno.ENOSPC, "No space left on device")
            return self._fh.write(data)

        def __getattr__(self, name):
            return getattr(self._fh, name)

    monkeypatch.setattr(spill.tempfile, "TemporaryFile", lambda **kw: Full(real(**kw)))
    memory, parked = PrintsBuilder(Config().bands), spill.ParkedBuilder(Config().bands,
                                                                        str(tmp_path))
    for part in _batches():
        memory.append(part)
        parked.append(part)
    assert writes["n"] == 3 + 5 * len(fields(Prints)) + 4  # nothing written after it
    _equal(parked.build(), memory.build())


def _corpus(root: Path, files: int = 72) -> None:
    for k in range(files):
        body = [PARAGRAPHS[(k + j) % len(PARAGRAPHS)] for j in range(3)]
        body.append(f"Reader letter {k}: the new bus stop on Mill Street opened in week {k}.")
        (root / f"p{k:03d}.txt").write_text(f"Local news {k}\n\n" + "\n\n".join(body) + "\n",
                                            encoding="utf-8")


def _parked_bytes(directory: Path) -> int:
    """Bytes in this process's open files in `directory` that have no name there."""
    total = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
            if target.startswith(str(directory)) and target.endswith("(deleted)"):
                total += os.fstat(int(fd)).st_size
        except OSError:
            continue
    return total


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="reads /proc")
def test_the_parent_of_analysis_workers_parks_the_fingerprints_until_they_leave(
        tmp_path, monkeypatch):
    # While the two workers analyse, every batch of fingerprints the parent took in is in a
    # temporary file, not in its memory; the run's outputs and report are those of --jobs 1.
    src, spool = tmp_path / "in", tmp_path / "spool"
    src.mkdir()
    spool.mkdir()
    _corpus(src)
    monkeypatch.setattr(tempfile, "tempdir", str(spool))
    parked: list[tuple[int, int]] = []
    real_share = pipeline.share_verdicts

    def share_verdicts(chunk, shared):
        real_share(chunk, shared)
        parked.append((len(chunk), _parked_bytes(spool)))

    monkeypatch.setattr(pipeline, "share_verdicts", share_verdicts)
    monkeypatch.setattr(pipeline, "CHUNK_FILES", 8)
    results = {}
    for jobs in (1, 2):
        parked.clear()
        found = discover([str(src)])
        out = tmp_path / f"out{jobs}"
        result = pipeline.run(found.sources, Config(jobs=jobs),
                              pipeline.Destination(out_dir=str(out)), found.problems)
        texts = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
        results[jobs] = (texts, result.report["summary"], result.report["clusters"])
        sizes = [b for _, b in parked]
        if jobs == 1:
            assert sizes and not any(sizes)  # analysed here: nothing beside it to make room for
        else:
            assert len(sizes) == 9
            # (read as each chunk comes in, before its own batch is added)
            assert all(a < b for a, b in itertools.pairwise(sizes[1:])) and sizes[1] > 0
    assert _parked_bytes(spool) == 0 and not os.listdir(spool)
    assert results[1] == results[2]
