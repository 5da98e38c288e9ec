"""Forum threads whose posts are headed by a block of short lines (a user name, "Joined:",
"Posts:") and have no per-post "Reply" between them: the line model kept some of the
blocks' lines as body and dropped the last post, next to the footer.

The fixtures (tests/fixtures/kinds6/) are invented threads with the usual chrome around.
"""

from __future__ import annotations

import pytest

from conftest import ROOT, cleaned_lines
from copydesk.core import postblocks
from copydesk.core.model import Block, Label, Verdict

KINDS = ROOT / "tests" / "fixtures" / "kinds6"
PAGES = {
    "en-forum-header-blocks.txt": ["I have", "Flaxseed", "Thanks,", "Does anyone", "Just cook"],
    "de-forum-kopfbloecke.txt": ["Unser Apfelbaum", "Geschnitten", "Das klingt", "Bei uns", "Auch"],
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_every_post_stays_and_no_header_line_does(cli, name):
    kept = cleaned_lines(cli, KINDS / name)
    assert len(kept) == len(PAGES[name])
    for line, opening in zip(kept, PAGES[name], strict=True):
        assert line.startswith(opening)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_cleaning_the_clean_thread_changes_nothing(cli, tmp_path, name):
    once = cli(["clean", KINDS / name]).stdout
    clean = tmp_path / name
    clean.write_text(once, encoding="utf-8")
    assert cli(["clean", clean]).stdout == once


def _run(texts: list[str], keep: list[bool]) -> list[Verdict]:
    blocks = [Block(index=k + 1, start=k + 1, end=k + 1, text=t) for k, t in enumerate(texts)]
    verdicts = [Verdict(Label.BODY if k else Label.BOILERPLATE) for k in keep]
    postblocks.forum_posts(blocks, verdicts, list(range(len(texts))))
    return verdicts


POST = "This is a reply of some length that reads as a sentence of a forum post."
THREAD = [
    "ann_b", "Joined: 2019", "Posts: 12", POST,
    "cole", "Joined: 2020", "Posts: 3", POST + " Second.",
    "dee_r", "Joined: 2015", "Posts: 900", POST + " Third.",
]  # fmt: skip


def test_a_thread_of_blocks_gives_back_its_last_post():
    keep = [t.startswith("This") for t in THREAD]
    keep[-1] = False
    verdicts = _run(THREAD, keep)
    assert [v.keep for v in verdicts] == [t.startswith("This") for t in THREAD]
    assert verdicts[-1].rule == "forum-post"


def test_blocks_under_an_article_are_left_to_the_comment_passes():
    article = [POST + " Article one.", POST + " Article two."]
    texts = article + THREAD
    keep = [t.startswith("This") for t in texts]
    keep[-1] = False
    assert [v.keep for v in _run(texts, keep)] == keep


def test_blocks_of_different_shapes_are_not_a_thread():
    texts = list(THREAD)
    texts[6] = "Location: Leeds"  # one block's fields differ: a list of records, not posts
    keep = [t.startswith("This") for t in texts]
    keep[-1] = False
    assert [v.keep for v in _run(texts, keep)] == keep


def test_the_same_name_over_every_block_is_not_a_thread():
    texts = ["ann_b" if t in ("cole", "dee_r") else t for t in THREAD]
    keep = [t.startswith("This") for t in texts]
    keep[-1] = False
    assert [v.keep for v in _run(texts, keep)] == keep


def test_a_signature_or_an_edit_note_above_a_block_leaves_the_blocks_alone(cli, tmp_path):
    # Short lines that end a post sit right above the next block: the block is what every
    # post shares, so they do not make one block differ from the others.
    lines = (KINDS / "en-forum-header-blocks.txt").read_text(encoding="utf-8").splitlines()
    lines.insert(lines.index("Posted by greyheron"), "-- Kate, cooking on gas since 1998")
    lines.insert(lines.index("Posted by millstone_kate"), "Edited: typo")
    page = tmp_path / "signed.txt"
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    kept = cleaned_lines(cli, page)
    assert kept[-1].startswith("Just cook")
    assert not any(line.startswith(("Posted by", "Joined:", "Posts:")) for line in kept)


def test_records_whose_fields_the_model_kept_are_not_a_thread():
    # Items of a list with "Joined:"-like fields (a checklist's "Interval:", "Price:") under
    # each item's name: the model kept the fields, so they are content, not post headers.
    keep = [True] * len(THREAD)
    keep[-1] = False
    assert [v.keep for v in _run(THREAD, keep)] == keep


def test_fields_read_once_per_file_judge_as_fields_read_each_pass():
    blocks = [Block(index=k + 1, start=k + 1, end=k + 1, text=t) for k, t in enumerate(THREAD)]
    fields = postblocks.field_lines(blocks)
    assert fields is not None and fields[1] == "joined" and fields[0] is None
    keep = [t.startswith("This") for t in THREAD]
    keep[-1] = False
    once = [Verdict(Label.BODY if k else Label.BOILERPLATE) for k in keep]
    each = list(once)
    rows = list(range(len(THREAD)))
    assert postblocks.forum_posts(blocks, once, rows, fields)
    assert postblocks.forum_posts(blocks, each, rows)
    assert once == each
    # Two blocks of fields in the whole file: no pass can find three, so no fields are read.
    assert postblocks.field_lines(blocks[:8]) is None


@pytest.mark.parametrize("menu", [0, 3])
@pytest.mark.parametrize("above", [0, 1, 2, 3])
def test_the_article_prose_above_the_first_block_is_counted_for_each_field(above, menu):
    # Each field label ("joined", "posts") is tried in turn, the prose above the first
    # block read once for all: one paragraph above is a thread's intro, two an article's.
    texts = ["Home", "Forums", "Help"][:menu] + [f"{POST} Intro {k}." for k in range(above)]
    texts += THREAD
    keep = [t.startswith("This") for t in texts]
    keep[-1] = False
    thread = above < postblocks.ARTICLE_PROSE
    assert _run(texts, keep)[-1].keep == thread


def test_the_signatures_between_posts_are_read_for_each_field():
    # Three short lines of a signature under each post would outnumber its prose; the
    # lines `signatures.find` named are not counted.
    texts, signed = ["Skip to content"] * 5, []  # (out of play: positions are not lines)
    for k, line in enumerate(THREAD):
        texts.append(line)
        if line.startswith("This") and k + 1 < len(THREAD):
            signed += range(len(texts), len(texts) + 3)
            texts += ["--", "cheers", "sent from my phone"]
    blocks = [Block(index=k + 1, start=k + 1, end=k + 1, text=t) for k, t in enumerate(texts)]
    rows = list(range(5, len(texts)))
    for marked, thread in ((frozenset(signed), True), (frozenset(), False)):
        verdicts = [Verdict(Label.BODY if t.startswith("This") else Label.BOILERPLATE)
                    for t in texts]
        verdicts[-1] = Verdict(Label.BOILERPLATE)
        postblocks.forum_posts(blocks, verdicts, rows, None, marked)
        assert verdicts[-1].keep == thread
