"""Removed-line records wait for the report compressed: reading them back changes nothing."""

from __future__ import annotations

import json
import pickle

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SAMPLES
from copydesk.core import report as report_module
from copydesk.core.allocator import MMAP_THRESHOLD
from copydesk.core.config import Config
from copydesk.core.discover import discover
from copydesk.core.model import Cluster, Member, Pair
from copydesk.core.packed import PackedRecords
from copydesk.core.pipeline import Destination, run
from copydesk.core.report import build_report, dump_chunks, dumps
from copydesk.core.resolve import Resolution

RECORDS = [
    {"paragraph": 3, "lines": [4, 4], "text": "Leave a comment « é ✓",
     "reason": {"label": "boilerplate", "rule": "comment-prompt", "detail": "en contains"}},
    {"paragraph": 9, "lines": [12, 13], "text": "A repeated paragraph.",
     "reason": {"label": "duplicate", "rule": "duplicate",
                "duplicate_of": {"file": "a.txt", "paragraph": 2, "lines": [2, 2],
                                 "jaccard": 0.8571428571428571, "containment": None}}},
    {"paragraph": 10, "lines": [14, 14], "text": "By Staff", "partial": True,
     "reason": {"label": "metadata", "rule": "byline", "metadata": "byline"}},
]


def test_records_read_back_equal_and_survive_pickling():
    packed = PackedRecords(RECORDS)
    assert len(packed) == 3 and packed == RECORDS and list(packed) == RECORDS
    assert packed[1]["reason"]["duplicate_of"]["jaccard"] == 0.8571428571428571
    again = pickle.loads(pickle.dumps(packed))
    assert again == packed and again == RECORDS
    assert not PackedRecords([]) and list(PackedRecords([])) == []


def test_report_bytes_are_those_of_the_plain_records():
    plain = {"files": [{"input": "b.txt", "removed": RECORDS}, {"input": "c.txt", "removed": []}]}
    packed = {"files": [{"input": "b.txt", "removed": PackedRecords(RECORDS)},
                        {"input": "c.txt", "removed": PackedRecords([])}]}
    assert dumps(packed) == dumps(plain)
    assert b"".join(dump_chunks(packed)) == dumps(plain).encode("utf-8")


def test_lazy_records_are_written_as_json_writes_lists():
    from copydesk.core.packed import LazyRecords

    items = [{"a": [1, 2], "b": "x"}, {"a": [], "b": {"c": None, "d": 0.5}}]
    lazy = {"format": "r", "clusters": LazyRecords(items, dict), "links": LazyRecords([], dict),
            "files": [{"removed": PackedRecords(RECORDS)}], "summary": {}}
    plain = {"format": "r", "clusters": items, "links": [], "files": [{"removed": RECORDS}],
             "summary": {}}
    want = json.dumps(plain, ensure_ascii=False, indent=2) + "\n"
    assert dumps(lazy) == want
    assert b"".join(dump_chunks(lazy)) == want.encode("utf-8")
    assert lazy["clusters"] == items and lazy["clusters"][1] == items[1] and len(lazy["links"]) == 0
    assert dumps({}) == "{}\n"


# Any JSON value a report can hold, with the awkward corners: escapes, non-BMP text,
# line separators, huge ints, float reprs, NaN and infinities, non-str keys.
_SCALARS = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(alphabet=st.characters(codec="utf-8"), max_size=12)
)
_KEYS = st.text(max_size=6) | st.integers() | st.booleans() | st.none() | st.floats(width=32)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.text(max_size=6), _VALUES, max_size=5))
def test_report_layout_is_json_indent_2(report):
    # The report is written by copydesk's own encoder (json's indented one is pure Python
    # and slow on a large run); a user reading it with any JSON tool sees json's layout.
    assert dumps(report) == json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def test_a_large_report_is_written_in_pieces_of_bounded_size():
    # A 100,000-file run has hundreds of MB of file entries: they are encoded entry by
    # entry and written a MB at a time, never made into one string (which cost GBs).
    entry = {"input": "a.txt", "removed": PackedRecords(RECORDS * 8)}
    report = {"files": [dict(entry, input=f"f{k}.txt") for k in range(1500)],
              "clusters": [], "summary": {"files": 1500}}
    chunks = list(dump_chunks(report))
    assert len(chunks) >= 3
    assert max(map(len, chunks)) < MMAP_THRESHOLD
    assert b"".join(chunks).decode() == json.dumps(
        {"files": [dict(e, removed=RECORDS * 8) for e in report["files"]],
         "clusters": [], "summary": {"files": 1500}}, ensure_ascii=False, indent=2) + "\n"


# --- records encoded ahead: the bytes are those the report would have written -------------
_FLOATS = st.floats(allow_nan=True, allow_infinity=True)
_NAMES = st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=10)
_MEMBERS = st.builds(
    Member,
    file=_NAMES,
    paragraph=st.integers(1, 10**6),
    start=st.integers(1, 10**6),
    end=st.integers(1, 10**6),
    jaccard=_FLOATS,
    containment=st.none() | _FLOATS,
    earlier_run=st.none() | st.text(max_size=8),
)
_CLUSTERS = st.builds(Cluster, st.lists(_MEMBERS, min_size=1, max_size=4).map(tuple))
_PAIRS = st.builds(Pair, st.sampled_from(["contained", "passage"]), _MEMBERS, _MEMBERS, _FLOATS,
                   _FLOATS)


@settings(max_examples=300, deadline=None)
@given(st.lists(_CLUSTERS, max_size=3), st.lists(_PAIRS, max_size=3))
def test_clusters_and_links_are_written_as_json_writes_their_records(clusters, pairs):
    # The report writes these records straight from the resolution's objects, without
    # making the dicts that `pair_records` and library users read.
    resolution = Resolution(clusters=clusters, links=pairs)  # any sequence will do
    report = build_report([], [], resolution, Config())
    plain = dict(report, clusters=list(report["clusters"]), links=list(report["links"]))
    assert plain["clusters"] == [report_module._cluster(c) for c in clusters]
    assert dumps(report) == json.dumps(plain, ensure_ascii=False, indent=2) + "\n"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.dictionaries(st.text(max_size=6), _VALUES, max_size=4), max_size=4),
       st.sampled_from(["", "  ", "      "]))
def test_packed_records_keep_the_text_of_their_place_in_the_report(records, indent):
    # Made in the worker that rendered the file, at the indentation the report nests them:
    # written there unchanged, anywhere else encoded again; read back as they went in.
    packed = PackedRecords(records, indent="      ")
    wanted = json.dumps({"removed": records}, ensure_ascii=False, indent=2)
    assert dumps({"removed": packed}) == wanted + "\n"
    assert dumps({"files": [{"removed": packed}]}) == json.dumps(
        {"files": [{"removed": records}]}, ensure_ascii=False, indent=2) + "\n"
    assert packed.json_text(indent) == json.dumps(
        records, ensure_ascii=False, indent=2).replace("\n", "\n" + indent)
    # Read back as json reads them (NaN is not equal to itself: compare their JSON).
    assert json.dumps(list(packed)) == json.dumps(json.loads(json.dumps(records)))


def test_removed_records_are_packed_at_the_place_the_report_writes_them(tmp_path):
    # A packed file entry's records are copied into the report as they are: if the
    # report's layout moved them, their indentation would be wrong, and this would fail.
    sources = discover([str(SAMPLES)]).sources
    result = run(sources, Config(), Destination(out_dir=str(tmp_path)))
    plain = dict(result.report, files=[
        dict(e, removed=list(e["removed"])) if "removed" in e else e
        for e in result.report["files"]],
        clusters=list(result.report["clusters"]), links=list(result.report["links"]))
    assert any(len(e.get("removed", [])) for e in result.report["files"])
    assert dumps(result.report) == json.dumps(plain, ensure_ascii=False, indent=2) + "\n"


def _columns(indexed: bool, n_clusters: int = 5000):
    """Clusters and links over 40 files and 2,000 paragraphs: more of each than a block
    (`resolve.BLOCK`), containment missing on some members, names needing escapes."""
    import numpy as np

    from copydesk.core.resolve import Clusters, Links, ParagraphRefs

    rng = np.random.default_rng(3)
    files = [f"site/ä\\\"{k}.txt" for k in range(40)]
    n = 2000
    refs = ParagraphRefs(files, rng.integers(0, 40, n), rng.integers(1, 50, n),
                         rng.integers(1, 90, n), rng.integers(1, 90, n),
                         [None if k % 3 else f"2026-11-{k:02d}" for k in range(40)]
                         if indexed else None)
    sizes = rng.integers(2, 6, n_clusters)
    bounds = np.zeros(n_clusters + 1, dtype=np.int64)
    np.cumsum(sizes, out=bounds[1:])
    g = rng.integers(0, n, int(bounds[-1]))
    jac = rng.random(len(g))
    con = np.where(rng.random(len(g)) < 0.3, np.nan, rng.random(len(g)))
    clusters = Clusters(refs, bounds, g, jac, con)
    k = 6000
    kinds = np.array(["contained", "passage"], dtype=object)[rng.integers(0, 2, k)]
    links = Links(refs, kinds, rng.integers(0, n, k), rng.integers(0, n, k), rng.random(k),
                  rng.random(k))
    return clusters, links


def test_clusters_and_links_written_from_columns_are_their_records_text():
    """The report writes clusters and links from the resolution's columns; the text is
    the one their records (`_cluster_text`, `_link_text`, and json itself) give."""
    for indexed in (False, True):
        clusters, links = _columns(indexed)
        for indent in ("    ", ""):
            assert (list(report_module._cluster_texts(clusters, indent))
                    == [report_module._cluster_text(c, indent) for c in clusters])
            assert (list(report_module._link_texts(links, indent))
                    == [report_module._link_text(p, indent) for p in links])
        res = Resolution(clusters=clusters, links=links)
        got = build_report([], [], res, Config())
        plain = dict(got, clusters=[report_module._cluster(c) for c in clusters],
                     links=[report_module._link(p) for p in links])
        assert dumps(got) == json.dumps(plain, ensure_ascii=False, indent=2) + "\n"


def test_removed_records_written_from_verdicts_are_the_records_text():
    """A render worker writes a file's removed-line records straight from its verdicts
    (`packed_removed_of`): the text and tally `packed_removed(removed_entries(...))` give,
    over the samples' own verdicts and every kind of record the report holds."""
    import random

    from copydesk.core.analyze import load
    from copydesk.core.classify import Classifier
    from copydesk.core.model import Block, DupRef, Label, Source, Verdict
    from copydesk.core.pipeline import packed_removed_of, removed_entries
    from copydesk.core.report import packed_removed

    config = Config()
    classifier = Classifier(config)
    rng = random.Random(5)
    extra = [
        Verdict(Label.DUPLICATE, "duplicate", "repeats an earlier paragraph",
                dup=DupRef("a/\u00e9\"b.txt", 3, 4, 6, 0.8571)),
        Verdict(Label.DUPLICATE, "seen-paragraph", "x",
                dup=DupRef("b.txt", 1, 1, 1, 1.0, 0.9, "2026-11-01")),
        Verdict(Label.BODY, "edit-link", "suffix", keep_text="Heading"),
        Verdict(Label.BODY, "byline", "prefix", keep_text="the rest of it"),
        Verdict(Label.BODY, None, "", keep_text=""),
        Verdict(Label.BOILERPLATE, None, ""),
        Verdict(Label.METADATA, "date", "", meta=("date", "1 May")),
    ]
    files = 0
    for path in sorted(SAMPLES.glob("*.txt")):
        blocks = load(Source(display=path.name, relpath=path.name, path=str(path)),
                      config).blocks
        verdicts = list(classifier.classify(blocks).verdicts)
        blocks = blocks + [Block(len(blocks) + k + 1, 90 + k, 90 + k, text)
                           for k, text in enumerate(["Heading [edit]", "By X the rest of it",
                                                     "\u2028 lone \udcff", "a", "b", "c",
                                                     "d"])]
        verdicts += rng.sample(extra, len(extra))
        for kept in (blocks, blocks[:0]):
            own = verdicts[: len(kept)]
            want = packed_removed(removed_entries(kept, own))
            got = packed_removed_of(kept, own)
            assert got.json_text("      ") == want.json_text("      "), path.name
            assert len(got) == len(want) and got.summary == want.summary
            assert got == want
        files += 1
    assert files > 10


def test_packing_stays_under_the_mmap_threshold():
    # zlib's default state (over 256 KB) is above glibc's mmap threshold as copydesk fixes
    # it (core/allocator.py): each file's records would be packed in freshly mapped memory.
    import tracemalloc

    from copydesk.core.allocator import MMAP_THRESHOLD

    records = RECORDS * 4  # a file's records, a few KB of JSON
    PackedRecords(records)
    tracemalloc.start()
    try:
        packed = PackedRecords(records)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < MMAP_THRESHOLD, peak
    assert packed == records and json.loads(packed.json_text("")) == records
