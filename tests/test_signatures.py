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


def test_a_short_signature_under_posts_is_found():
    # Two words: too short for duplicate resolution, so every copy stayed before.
    texts = ["jo", POST, "Cheers, Jo", "sam", OTHER, "Cheers, Jo", "kim", THIRD]
    assert signatures.find(texts) == [[2, 5]]


def test_a_signature_of_several_lines_is_taken_whole():
    sig = ["Cheers, Ray", "--", "Measure twice, cut once."]
    texts = ["ray", POST, *sig, "dee", OTHER, "ray", THIRD, *sig]
    assert signatures.find(texts) == [[2, 3, 4, 9, 10, 11]]


def test_a_label_that_heads_prose_is_no_signature():
    # An entry's label under the previous entry's text, over its own.
    texts = [POST, "Good to know", OTHER, "Good to know", THIRD]
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
    assert signatures.find(["jo", POST, "Cheers, Jo", "sam", OTHER]) == []


def test_kept_copies_go_and_rules_verdicts_stay():
    texts = ["jo", POST, "Cheers, Jo", "sam", OTHER, "Cheers, Jo"]
    verdicts = [Verdict(Label.BODY, "line-model", "") for _ in texts]
    verdicts[5] = Verdict(Label.BOILERPLATE, "share-bar", "a rule")
    assert signatures.post_signatures(signatures.find(texts), verdicts)
    assert [v.rule for v in verdicts] == [
        "line-model", "line-model", signatures.RULE, "line-model", "line-model", "share-bar"
    ]
    assert not signatures.post_signatures(signatures.find(texts), verdicts)
