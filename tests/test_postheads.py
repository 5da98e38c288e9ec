"""A comment thread under an article, known only by its post headers ("by jdoe ( 1234 )
writes:", "Marie a écrit :"), goes; an article that quotes people over "X said:" lines, a
recipe's step labels, an interview's labels and a forum thread (whose posts are the page)
stay (issue 3: "comment sections")."""

from __future__ import annotations

from pathlib import Path

import pytest

THREADS = Path(__file__).parent / "fixtures" / "threads"


def _lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.mark.parametrize(
    ("name", "article_paragraphs"),
    [("en-story-posts-writes.txt", 6), ("fr-story-posts-ecrit.txt", 5)],
)
def test_a_thread_known_by_its_post_headers_goes_and_the_article_stays(
    cli, name: str, article_paragraphs: int
) -> None:
    path = THREADS / name
    raw = _lines(path)
    clean = cli(["clean", str(path)]).stdout.splitlines()
    kept = [line for line in clean if line]
    # The article (headline and paragraphs above the thread) is what is left.
    assert kept == raw[:article_paragraphs]
    explained = cli(["explain", str(path)]).stdout
    assert "comment-thread" in explained
    assert "whose headers share one shape" in explained


@pytest.mark.parametrize(
    "name",
    [
        "en-story-quotes-said.txt",  # "X said:" over quotations, four times
        "en-recipe-step-labels.txt",  # "Step one: ..." labels over each step
        "en-interview-labels.txt",  # the same two labels, turn by turn
        "en-forum-thread.txt",  # the posts are the page: no article above them
    ],
)
def test_lines_of_one_shape_over_the_page_s_own_prose_stay(cli, name: str) -> None:
    path = THREADS / name
    explained = cli(["explain", str(path)]).stdout
    assert "comment-thread" not in explained
    clean = cli(["clean", str(path)]).stdout
    # Every paragraph of prose is still there.
    for line in _lines(path):
        if len(line.split()) >= 12:
            assert line in clean
