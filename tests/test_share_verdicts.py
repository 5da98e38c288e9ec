"""`pipeline.share_verdicts` (the parent's one object per equal verdict, hashing each object
of a chunk once) against the reference it replaces, `shared.setdefault(v, v)` per verdict."""

from __future__ import annotations

import pickle
from pathlib import Path
from types import SimpleNamespace

from copydesk.core import pipeline
from copydesk.core.config import Config
from copydesk.core.model import DupRef, Label, Source, Verdict

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _reference(chunks: list[list], shared: dict) -> list[list[list[Verdict]]]:
    return [[[shared.setdefault(v, v) for v in a.verdicts] for a in chunk] for chunk in chunks]


def _shared(chunks: list[list], shared: dict) -> list[list[list[Verdict]]]:
    out = []
    for chunk in chunks:
        pipeline.share_verdicts(chunk, shared)
        out.append([a.verdicts for a in chunk])
    return out


def _assert_same_objects(got: list, want: list) -> None:
    assert len(got) == len(want)
    for g_chunk, w_chunk in zip(got, want, strict=True):
        for g, w in zip(g_chunk, w_chunk, strict=True):
            assert len(g) == len(w)
            assert all(a is b for a, b in zip(g, w, strict=True))


def _chunks() -> list[list]:
    """Two chunks (each made twice, one copy per side) holding one object several times,
    equal objects that are distinct, objects equal to another chunk's, and unequal ones
    (a field apart, or only the score)."""

    def make() -> list[list]:
        body = Verdict(Label.BODY)
        rule = Verdict(Label.BOILERPLATE, "share", "Share this")
        dup = DupRef("a.txt", 3, 5, 6, 0.9)
        first = [
            SimpleNamespace(verdicts=[body, rule, Verdict(Label.BODY), body,
                                      Verdict(Label.BOILERPLATE, "share", "Share this")]),
            SimpleNamespace(verdicts=[]),
            SimpleNamespace(verdicts=[Verdict(Label.BODY, score=0.5), rule,
                                      Verdict(Label.BODY, score=0.5), body]),
        ]
        second = [
            SimpleNamespace(verdicts=[Verdict(Label.BOILERPLATE, "share", "Share this"),
                                      Verdict(Label.DUPLICATE, "duplicate", "x", dup=dup),
                                      Verdict(Label.BODY, score=0.5)]),
            SimpleNamespace(verdicts=[Verdict(Label.BODY), Verdict(Label.BODY, score=0.25)]),
        ]
        return [first, second]

    return make()


def test_the_same_objects_as_one_setdefault_per_verdict() -> None:
    want_shared: dict = {}
    want = _reference(_chunks(), want_shared)
    got_shared: dict = {}
    got = _shared(_chunks(), got_shared)
    # Each side made its own objects: compare the positions each side's canonical objects
    # were taken from, by the object each verdict became within that side.
    def positions(result: list) -> list[tuple[int, int, int]]:
        where: dict[int, tuple[int, int, int]] = {}
        out = []
        for c, chunk in enumerate(result):
            for f, verdicts in enumerate(chunk):
                for k, v in enumerate(verdicts):
                    out.append(where.setdefault(id(v), (c, f, k)))
        return out

    assert positions(got) == positions(want)
    assert [got[c][f] for c in range(2) for f in range(len(got[c]))] == [
        want[c][f] for c in range(2) for f in range(len(want[c]))]
    assert list(got_shared) == list(want_shared)


def test_shares_with_what_earlier_chunks_left() -> None:
    chunks = _chunks()
    shared: dict = {}
    want = _reference([chunks[0]], shared)  # the run so far, by the reference
    later = _chunks()[1]
    expected = [[shared.get(v, v) for v in a.verdicts] for a in later]
    pipeline.share_verdicts(later, dict(shared))
    assert want
    for a, e in zip(later, expected, strict=True):
        assert all(x == y for x, y in zip(a.verdicts, e, strict=True))
    # The verdicts an earlier chunk holds come back as its very objects.
    again = _chunks()[1]
    pipeline.share_verdicts(again, shared)
    assert again[0].verdicts[0] is chunks[0][0].verdicts[1]
    assert again[1].verdicts[0] is chunks[0][0].verdicts[0]
    assert again[0].verdicts[2] is chunks[0][2].verdicts[0]


def test_real_chunks_after_pickling() -> None:
    """Analyses of the samples, sent as a worker sends them: the same objects either way."""
    paths = sorted(SAMPLES.glob("*.txt"))
    sources = [Source(display=p.name, relpath=p.name, path=str(p)) for p in paths]
    done = [pipeline._analyze_chunk((Config(), sources[lo:lo + 8]))[0]
            for lo in range(0, len(sources), 8)]
    data = [pickle.dumps(chunk) for chunk in done]
    want_shared: dict = {}
    want = _reference([pickle.loads(d) for d in data], want_shared)
    got_shared: dict = {}
    got = _shared([pickle.loads(d) for d in data], got_shared)
    assert sum(len(v) for chunk in got for v in chunk) > 100
    assert got == want
    assert list(got_shared) == list(want_shared)
    # Within one side, every equal verdict is one object.
    seen: dict[Verdict, Verdict] = {}
    for chunk in got:
        for verdicts in chunk:
            for v in verdicts:
                assert seen.setdefault(v, v) is v
