"""Removed-line records wait for the report compressed: reading them back changes nothing."""

from __future__ import annotations

import json
import pickle

from hypothesis import given, settings
from hypothesis import strategies as st

from copydesk.core.packed import PackedRecords
from copydesk.core.report import dump_chunks, dumps

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
    assert max(map(len, chunks)) < (1 << 20) + 10_000
    assert b"".join(chunks).decode() == json.dumps(
        {"files": [dict(e, removed=RECORDS * 8) for e in report["files"]],
         "clusters": [], "summary": {"files": 1500}}, ensure_ascii=False, indent=2) + "\n"
