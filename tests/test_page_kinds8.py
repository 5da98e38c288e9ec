"""Kinds of page nobody had tried, round eight (probe25): wire stories with a dateline, live
blogs, press releases, interviews in Q&A form, recipes, match reports with a table, an
obituary, a listicle, a forum thread, very short briefs, a photo gallery's captions, a
correction, an opinion piece with its author's bio, a product review with its pros and
cons, and a body captured twice in mojibake; in English, languages with a pack (fr, es,
de, pt, it, nl, ru) and without one (ja, zh, ko, ar, hi, th, tr, pl).

The fixtures (tests/fixtures/kinds8/) are invented pages with the usual damage around
them: menus and crumbs, bylines, share bars and counters, image credits, "read also"
lines and related lists dropped into the body, newsletter and comment prompts.
`<name>.clean.txt` is what copydesk writes now: regenerate it with `copydesk clean` after a
deliberate change, and read the diff. Where it still differs from a reader's truth is in
bench/HISTORY.md (session 21, probe25).
"""

from __future__ import annotations

import pytest

from conftest import ROOT, cleaned_lines, rule_verdict
from copydesk.core import edges
from copydesk.core.model import Block, Label, Verdict
from copydesk.core.rules import backtracking_risks

KINDS = ROOT / "tests" / "fixtures" / "kinds8"


def test_a_live_blogs_last_posts_stay_under_their_stamps(cli):
    # The model removed the last two posts among the page's closing prompts (p 0.03-0.22).
    lines = cleaned_lines(cli, KINDS / "en-liveblog.txt")
    assert "Passengers are being told not to travel." in lines
    assert lines[-1].startswith("A lorry has overturned on the A1")
    assert not any(line in ("16:40", "16:12", "15:55", "15:31") for line in lines)


def test_a_stamp_with_a_clock_word_is_a_stamp(cli):
    lines = cleaned_lines(cli, KINDS / "de-liveticker.txt")
    assert not any(line.endswith(" Uhr") for line in lines)
    assert len(lines) == 3


@pytest.mark.parametrize(
    ("text", "stamp"),
    [("10:20 Uhr", True), ("16:40 GMT", True), ("9.05", False), ("10:45 น.", True),
     ("14h31", True), ("2:05 pm", True), ("10:20 Uhr: Ankunft", False),
     ("12:30 after lunch", False), ("10:20 Uhrzeit", False)],
)
def test_the_bare_time_of_a_stamp(text, stamp):
    assert bool(edges._BARE_TIME.fullmatch(text)) is stamp


def test_the_stamp_pattern_cannot_backtrack():
    assert backtracking_risks(edges._BARE_TIME.pattern) == []


def _sequence(kept_items: int) -> tuple[list[Block], list[Verdict]]:
    """Four stamped posts of two sentences; the first `kept_items` kept whole, the others
    removed by the model."""
    texts, verdicts = [], []
    for k in range(4):
        texts.append(f"1{k}:00")
        verdicts.append(Verdict(Label.BOILERPLATE, "post-stamp", "stamp"))
        for sentence in ("The council met again this morning.", "Its vote is due at noon."):
            texts.append(sentence)
            keep = k < kept_items
            verdicts.append(
                Verdict(Label.BODY) if keep else Verdict(Label.BOILERPLATE, "line-model", "p")
            )
    return [Block(i + 1, i + 1, i + 1, t) for i, t in enumerate(texts)], verdicts


def test_the_posts_a_model_dropped_come_back_when_it_kept_half():
    blocks, verdicts = _sequence(kept_items=2)
    rows = list(range(len(blocks)))
    marks = [0, 3, 6, 9]
    assert edges.marked_items(blocks, verdicts, rows, marks, "live-post", "why")
    assert all(v.keep for i, v in enumerate(verdicts) if i not in marks)
    assert verdicts[10].rule == "live-post"


def test_a_stamped_comment_thread_the_model_dropped_stays_dropped():
    # After an article, comments stamped with a time: the model removed most of them.
    blocks, verdicts = _sequence(kept_items=1)
    rows = list(range(len(blocks)))
    assert not edges.marked_items(blocks, verdicts, rows, [0, 3, 6, 9], "live-post", "why")
    assert not verdicts[4].keep


def test_a_gallerys_last_captions_stay_under_their_counters(cli):
    lines = cleaned_lines(cli, KINDS / "hi-gallery.txt")
    assert len(lines) == 5
    assert lines[-1] == "नाहरगढ़ किले से दिखता रोशनी से जगमगाता शहर।"


@pytest.mark.parametrize(
    "line",
    ["İlgili Haberler", "Benzer haberler", "En Çok Okunanlar", "Powiązane artykuły",
     "Najczęściej czytane", "ข่าวที่เกี่ยวข้อง", "บทความยอดนิยม", "أخبار ذات صلة",
     "الأكثر قراءة", "संबंधित खबरें", "Tin liên quan", "Berita Terkait", "Související články",
     "Relaterade artiklar", "Σχετικά άρθρα", "Схожі новини"],
)
def test_a_related_header_of_a_language_without_a_pack_heads_a_list(line):
    verdict = rule_verdict(line)
    assert verdict.rule == "related-block" and not verdict.keep, (line, verdict.rule)


@pytest.mark.parametrize(
    "line",
    ["Ilgili haberler yayımlandı mı, bilmiyoruz.", "Powiązane artykuły znajdziesz niżej, "
     "pod zdjęciem burmistrza."],
)
def test_prose_holding_a_related_header_stays(line):
    assert rule_verdict(line).keep


def test_a_thai_briefs_second_paragraph_stays(cli):
    # Thai writes no full stop: the short-page pass read neither paragraph as a sentence.
    lines = cleaned_lines(cli, KINDS / "th-short.txt")
    assert len(lines) == 2
    assert lines[1].startswith("ผู้ค้ากว่าสองร้อยราย")


def test_an_obituarys_last_line_continues_past_a_short_sentence(cli):
    # "nephew" comes back from "Her nephew, David Ellison, confirmed the death.", a kept
    # sentence too short to read as prose, above the last paragraphs.
    lines = cleaned_lines(cli, KINDS / "en-obituary.txt")
    assert lines[-1] == "She is survived by her nephew and two nieces."


@pytest.mark.parametrize(
    ("name", "date"),
    [("en-liveblog.txt", "23 November 2026, 16:40 GMT"),
     ("de-liveticker.txt", "20.11.2026, 11:05 Uhr")],
)
def test_a_live_blogs_first_stamp_is_no_date_of_the_article(cli, name, date):
    result = cli(["clean", KINDS / name, "--front-matter"])
    assert result.exit_code == 0
    header = result.stdout.split("---\n")[1]
    assert f'date: "{date}"\n' in header
