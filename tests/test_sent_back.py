"""An analysis worker sends its chunk's analyses back without the sources the parent gave
it (the parent names each analysis's own source again): the same analyses, fewer bytes
through the pipe, no Source unpickled per file in the parent."""

from __future__ import annotations

import multiprocessing
import pickle
from pathlib import Path

from copydesk.core import pipeline
from copydesk.core.config import Config
from copydesk.core.discover import discover

# Invented local-news pages: a headline, a byline, prose, and a footer line.
_PAGE = """Harbour {n} reopens after the winter storms
By Ana Invented
The harbour at Kelsey Point opened again on Monday after six weeks of repairs to the pier.
Fishing boats were back by noon, and the ferry to the islands runs on its summer timetable.
"It took longer than anyone wanted," said the harbour master, who thanked the crews.
Share this article
"""
MARK = "sent-back-marker"


def _sources(tmp_path: Path, files: int) -> list:
    folder = tmp_path / MARK
    folder.mkdir()
    for n in range(files):
        (folder / f"page{n:03d}.txt").write_text(_PAGE.format(n=n), encoding="utf-8")
    return discover([str(folder)]).sources


def _fields(analysis) -> tuple:
    return analysis.__reduce__()[1]  # every field, the source first


def test_a_worker_chunk_names_no_source_of_its_own(tmp_path, monkeypatch):
    sources = _sources(tmp_path, 12)
    config = Config()
    here = pipeline._analyze_chunk((config, sources))
    assert [a.source for a in here[0]] == sources  # in the parent (`--jobs 1`): its own
    # As a pool worker sees itself: a process with a parent.
    monkeypatch.setattr(multiprocessing, "parent_process", lambda: object())
    analyses, prints = pipeline._analyze_chunk((config, sources))
    sent = pickle.dumps((analyses, prints))
    assert MARK.encode() not in sent  # no path, display or real path of the chunk
    back, _ = pickle.loads(sent)
    assert len({id(a.source) for a in back}) == 1
    # All else is what the parent would have made itself.
    for mine, theirs in zip(here[0], back, strict=True):
        theirs.source = mine.source
        assert _fields(theirs) == _fields(mine)


def test_the_parent_of_workers_gives_each_analysis_the_source_it_sent(tmp_path):
    sources = _sources(tmp_path, 3 * pipeline.CHUNK_FILES + 5)
    alone, _ = pipeline.analyze_all(sources, Config(jobs=1))
    pooled, _ = pipeline.analyze_all(sources, Config(jobs=2))
    assert all(a.source is s for a, s in zip(pooled, sources, strict=True))
    assert [_fields(a) for a in pooled] == [_fields(a) for a in alone]
