"""Forum signatures (core/signatures.py): the short line, or two or three, that a board
prints under each post of a user goes from every post, the first copy included; a
thread whose posts are one paragraph each under three-line signatures is still read as a
thread, so every post stays; an article's repeated short lines that head prose, follow
no paragraph or sit under the same paragraph each time are no signatures.

The fixtures (tests/fixtures/signatures/) are invented pages."""

from __future__ import annotations

from conftest import ROOT, cleaned_lines, page_lines
from copydesk.core import signatures
from copydesk.core.model import Label, Verdict

PAGES = ROOT / "tests" / "fixtures" / "signatures"

POST = "I had the same thing last year on the plot, and mulching with straw stopped it for good."
OTHER = "Copper sprays help a little once it has started, but prevention works far better."
THIRD = "Thanks both of you, I cut off the worst leaves this morning and put down straw."


def test_every_copy_of_a_signature_goes_from_a_whole_page(cli):
    lines = page_lines(PAGES / "en-forum-page.txt")
    out = cleaned_lines(cli, PAGES / "en-forum-page.txt")
    for signature in ("Jo — three raised beds", "Compost happens."):
        assert not [line for line in out if line.startswith(signature)]
    posts = [line for line in lines if len(line.split()) > 20]
    assert len(posts) == 7
    assert [line for line in out if len(line.split()) > 20] == posts


def test_posts_under_three_line_signatures_all_stay(cli):
    # Each post is one paragraph under a name and a "Joined:" line; two of them close with
    # "Cheers, Ray" / "--" / a motto. Counted as a post's own short lines, the signature
    # outnumbered the prose and the thread went unread: the model dropped two posts.
    lines = page_lines(PAGES / "en-forum-region.txt")
    posts = [line for line in lines if len(line.split()) > 20]
    assert len(posts) == 4
    assert cleaned_lines(cli, PAGES / "en-forum-region.txt") == posts


def test_cleaning_the_output_again_changes_nothing(cli, tmp_path):
    for name in ("en-forum-page.txt", "en-forum-region.txt"):
        once = tmp_path / name
        once.write_text(cli(["clean", PAGES / name]).stdout, encoding="utf-8")
        assert cli(["clean", once]).stdout == once.read_text(encoding="utf-8")


def _head(name: str, day: int) -> str:
    return f"{name} · {day} May 2025"


def test_a_short_signature_under_posts_is_found():
    # Two words: too short for duplicate resolution, so every copy stayed before.
    texts = [_head("jo", 1), POST, "Cheers, Jo", _head("sam", 2), OTHER, _head("jo", 3), THIRD,
             "Cheers, Jo"]
    assert signatures.find(texts) == [[2, 7]]


def test_a_signature_of_several_lines_is_taken_whole():
    sig = ["Cheers, Ray", "--", "Measure twice, cut once."]
    texts = [_head("ray", 1), POST, *sig, _head("dee", 2), OTHER, _head("ray", 3), THIRD, *sig]
    assert signatures.find(texts) == [[2, 3, 4, 9, 10, 11]]


def test_a_line_under_every_entry_is_no_signature():
    # "Read more" under each teaser closes every entry alike: no other post between.
    texts = [_head("a", 1), POST, "Read more", _head("b", 2), OTHER, "Read more"]
    assert signatures.find(texts) == []


def test_a_line_over_the_next_entry_without_figures_is_no_signature():
    # The line after each copy is an entry's name, with no date or count: no post header.
    texts = ["Alder", POST, "Why we like it", "Birch", OTHER, "Cedar", THIRD,
             "Why we like it"]
    assert signatures.find(texts) == []


def test_a_label_that_heads_prose_is_no_signature():
    # An entry's label under the previous entry's text, over its own.
    texts = [POST, "Good to know", OTHER, "Good to know", THIRD]
    assert signatures.find(texts) == []


def test_a_label_over_a_list_is_no_signature():
    texts = [_head("a", 1), POST, "Pros", "Light", "Cheap", "Quiet", "Cons", "Slow",
             _head("b", 2), OTHER, _head("c", 3), THIRD, "Pros", "Light", "Cheap", "Quiet"]
    assert signatures.find(texts) == []


def test_a_line_under_the_same_paragraph_each_time_is_no_signature():
    # A body captured twice.
    texts = [POST, "Photo: Ann Ruiz", "Next", POST, "Photo: Ann Ruiz", "Next"]
    assert signatures.find(texts) == []


def test_a_refrain_under_short_lines_is_no_signature():
    texts = ["The river runs", "and so do we", "Oh, the water", "the river runs",
             "and so do we", "Oh, the water"]
    assert signatures.find(texts) == []


def test_one_copy_alone_is_the_posts_own():
    assert signatures.find([_head("jo", 1), POST, "Cheers, Jo", _head("sam", 2), OTHER]) == []


def test_model_kept_copies_go_and_other_verdicts_stay():
    texts = [_head("jo", 1), POST, "Cheers, Jo", _head("sam", 2), OTHER, _head("jo", 3), THIRD,
             "Cheers, Jo", _head("kim", 4), POST + " Again.", "Cheers, Jo"]
    verdicts = [Verdict(Label.BODY, "line-model", "") for _ in texts]
    verdicts[7] = Verdict(Label.BOILERPLATE, "share-bar", "a rule")
    verdicts[10] = Verdict(Label.BODY, "table", "a table's cell")
    assert signatures.post_signatures(signatures.find(texts), verdicts)
    assert [verdicts[i].rule for i in (2, 7, 10)] == [signatures.RULE, "share-bar", "table"]
    assert not signatures.post_signatures(signatures.find(texts), verdicts)
