"""Rendering takes a file's blocks from the spans its analysis found (`resegment`), not by
segmenting the same text again: it must give exactly what `segment` gives, or say it cannot."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from copydesk.core.segment import resegment, segment

WRAPPED = [
    "The harbour board said on Monday that repairs to the north wall would",
    "start next month, after divers found that the winter storms had washed",
    "out part of its foundations near the lifeboat slipway. The work is well-",
    "funded, the board said.",
]


def _spans(text: str) -> list[int]:
    return [n for block in segment(text)[0] for n in (block.start, block.end)]


def _same(text: str) -> bool:
    """`resegment` gives what `segment` gives, or declines (None)."""
    again = resegment(text, _spans(text))
    return again is None or again == segment(text)


def test_wrapped_prose_with_a_label_and_a_hyphen_is_rebuilt_without_segmenting():
    text = "\n".join(["Share this", *WRAPPED, "", "Menu", "Home"]) + "\n"
    again = resegment(text, _spans(text))
    assert again is not None
    assert again == segment(text)
    assert any(b.end > b.start for b in again[0])  # the joined paragraph was rebuilt


def test_a_quoted_wrapped_paragraph_is_left_to_segment():
    # A joined quoted paragraph takes its group's first markers: only `segment` knows them.
    text = "\n".join(["> " + line for line in WRAPPED]) + "\n"
    assert any(b.end > b.start for b in segment(text)[0])
    assert resegment(text, _spans(text)) is None


def test_every_fixture_and_sample_is_rebuilt_as_segment_made_it():
    files = sorted((ROOT / "tests" / "fixtures").rglob("*.txt")) + sorted(
        (ROOT / "samples").rglob("*.txt"))
    assert len(files) > 10
    rebuilt = 0
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert _same(text), path
        rebuilt += resegment(text, _spans(text)) is not None
    assert rebuilt > len(files) // 2


def test_line_counts_follow_segment_at_the_edges():
    for text in ["", "\n", "one", "one\n", "one\n\n", "\n\ntwo", "a\nb\n\n\n"]:
        assert resegment(text, _spans(text)) == segment(text), repr(text)


_LINE = st.one_of(
    st.just(""),
    st.sampled_from(WRAPPED),
    st.sampled_from(["> quoted line of a mail that goes on for a while here", ">", "> ",
                     ">>> print(1)", ">> deeper quote of the earlier message text", "-",
                     "見出しの行", "これは日本語の文章で、折り返されています。続きの行です",
                     "THE WEEKLY BRIEFING", "Issue 142 | 9 October 2026"]),
    st.text(alphabet=st.sampled_from("abcXYZ é.,!?>-\u3042\u4e00 \t"), max_size=90),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE, max_size=14), st.booleans())
def test_any_text_is_rebuilt_as_segment_made_it_or_left_to_it(lines, final_newline):
    text = "\n".join(lines) + ("\n" if final_newline else "")
    assert _same(text)
