"""`corpus_of` builds the run's paragraph references a file at a time; they are the ones the
loop over every paragraph (kept here as the reference) made, field for field."""

from __future__ import annotations

from array import array
from pathlib import Path

import numpy as np

from copydesk.core.analyze import FileAnalysis
from copydesk.core.config import Config
from copydesk.core.model import Problem, Source
from copydesk.core.pipeline import analyze_all, corpus_of

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _reference(analyses):
    good = [a for a in analyses if a.problem is None]
    file_idx, para, start, end = [], [], [], []
    for f, a in enumerate(good):
        for i in a.body:
            file_idx.append(f)
            para.append(i + 1)
            first, last = a.span(i)
            start.append(first)
            end.append(last)
    arrays = [np.array(x, dtype=np.int64) for x in (file_idx, para, start, end)]
    return [a.source.display for a in good], arrays, [k for k, a in enumerate(analyses)
                                                     if a.problem is None]


def _same(analyses):
    refs, index_of = corpus_of(analyses)
    files, arrays, positions = _reference(analyses)
    assert refs.files == files and index_of == positions
    for got, want in zip((refs.file, refs.para, refs.start, refs.end), arrays, strict=True):
        assert got.dtype == np.int64 and got.tolist() == want.tolist()


def _analysis(name: str, spans: list[int], body: list[int], problem=None) -> FileAnalysis:
    return FileAnalysis(Source(display=name, relpath=name), problem=problem,
                        spans=array("i", spans), body=body)


def test_the_samples_references():
    sources = [Source(display=str(p), relpath=p.name, path=str(p))
               for p in sorted(SAMPLES.rglob("*.txt"))]
    analyses, _ = analyze_all(sources, Config())
    assert sum(len(a.body) for a in analyses) > 50
    _same(analyses)


def test_files_without_body_problems_and_gaps():
    bad = Problem("broken.txt", "skipped", "binary data")
    _same([
        _analysis("a", [1, 2, 4, 4, 6, 9], [0, 2]),  # the middle paragraph not fingerprinted
        _analysis("broken", [], [], bad),
        _analysis("b", [1, 1], []),
        _analysis("c", [3, 5, 7, 7, 9, 12, 14, 20], [3, 1]),  # body order as given
        _analysis("d", [10, 11], [0]),
    ])
    _same([])
    _same([_analysis("x", [], [], bad)])
