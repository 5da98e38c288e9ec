"""HTML left in a scrape (core/markup.py): a line of markup is read as the text a browser
shows, and markup quoted in prose or code stays as it is.

The fixtures (tests/fixtures/markup/) are invented: an article saved as one line of inner
HTML between plain-text site lines, and a page of one element per line.
"""

from __future__ import annotations

import json

import pytest

from conftest import ROOT, assert_cleans_to_golden, assert_golden_is_stable, run_copydesk
from copydesk.core.markup import unmarkup

MARKUP = ROOT / "tests" / "fixtures" / "markup"
PAGES = ["en-innerhtml-one-line", "en-html-lines"]


@pytest.mark.parametrize("name", PAGES)
def test_a_page_of_markup_cleans_to_its_article(cli, name):
    # Before: the one-line page came out whole, attributes and prompts and all; on the page
    # of lines every "<p>" line was kept with its tags and entities, and the tail was lost.
    assert_cleans_to_golden(cli, MARKUP, name)
    clean = (MARKUP / f"{name}.clean.txt").read_text(encoding="utf-8")
    assert "<" not in clean and "&" not in clean


@pytest.mark.parametrize("name", PAGES)
def test_cleaning_the_clean_text_of_a_markup_page_changes_nothing(cli, name):
    assert_golden_is_stable(cli, MARKUP, name)


def test_the_report_keeps_the_metadata_inside_the_markup_and_says_it_was_converted(tmp_path):
    report = tmp_path / "report.json"
    page = MARKUP / "en-innerhtml-one-line.txt"
    done = run_copydesk(["clean", str(page), "--out", str(tmp_path / "out"),
                         "--report", str(report)])
    assert done.returncode == 0, done.stderr
    entry = json.loads(report.read_text(encoding="utf-8"))["files"][0]
    assert entry["metadata"]["headline"] == [
        "Valley orchard growers bring harvest forward after a dry summer"
    ]
    assert entry["metadata"]["byline"] == ["Tomas Reyna, Rural Affairs"]
    assert "HTML markup converted to text on 1 line(s)" in entry["repairs"]
    assert "1 script, style or comment element(s) removed" in entry["repairs"]
    reasons = {r["text"]: r["reason"]["rule"] for r in entry["removed"]}
    assert reasons["Leave a comment"] == "comment-prompt"
    assert reasons["Cider makers count the cost of a short season"] == "related-block"
    assert not any("dataLayer" in text for text in reasons)  # the script went with its tags


def test_a_line_of_markup_becomes_paragraphs_and_lines():
    text, notes = unmarkup(
        '<h2 class="t">A title</h2><p>First <a href="/x?a=1&b=2" title="a > b">link</a> '
        "text, with enough words in it to read as a paragraph of prose.<br/>Second line."
        "</p><table><tr><td>1</td><td>2</td></tr></table>\n"
    )
    assert text == ("A title\n\nFirst link text, with enough words in it to read as a "
                    "paragraph of prose.\nSecond line.\n\n1 2\n")
    assert notes == ["HTML markup converted to text on 1 line(s)"]


@pytest.mark.parametrize(
    "text",
    [
        # Markup quoted inside prose: the line does not open with it.
        "The smoke test parses <p>Hello</p> and checks that the tree has one element in it.\n",
        # A JSX listing: lines open with elements but hold no prose.
        'return (\n  <div className="app">\n    <h1>{title}</h1>\n    <p>{todo.text}</p>\n'
        "  </div>\n);\n",
        # Angle brackets that are no HTML element.
        "<branch name> is the branch you want to delete, and it must not be checked out now.\n",
        "Sites were held together with <br> tags and good intentions in those early years.\n",
    ],
)
def test_markup_quoted_in_prose_or_code_is_left_as_text(text):
    assert unmarkup(text) == (text, [])


def test_a_script_opening_a_line_goes_only_from_a_page_of_markup():
    code = "Add this to the page:\n<script>\nconsole.log('hi');\n</script>\nThen reload it.\n"
    assert unmarkup(code) == (code, [])  # a tutorial's listing
    page = ("<p>The harbour board said on Monday that repairs to the north wall would start "
            "next month.</p>\n<script>\nvar x = 1;\n</script>\n<p>Boats will move.</p>\n")
    text, notes = unmarkup(page)
    assert "var x" not in text and text.count("\n") == page.count("\n")
    assert notes[-1] == "1 script, style or comment element(s) removed"


def test_a_page_of_markup_on_stdin_cleans_as_the_same_file_does():
    page = MARKUP / "en-innerhtml-one-line.txt"
    done = run_copydesk(["clean", "-"], input=page.read_bytes())
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8") == (MARKUP / "en-innerhtml-one-line.clean.txt").read_text(
        encoding="utf-8"
    )


def test_a_line_opening_with_a_tag_name_but_no_enclosed_prose_is_text():
    # An article on XML feeds lists elements, one of them named as HTML's is: converted, it
    # lost "<title>" and the words around it.
    text = ("<version>: Specifies the schema version.\n<title> and <content>: The review's "
            "title (if available) and the main feedback text of the review as the reviewer "
            "wrote it.\n")
    assert unmarkup(text) == (text, [])


def test_an_unclosed_script_or_comment_keeps_the_rest_of_the_page():
    page = ("<p>The harbour board said on Monday that repairs to the north wall would start "
            "next month.</p>\n<!-- nav\n<p>Boats will move to the outer basin.</p>\n")
    text, _ = unmarkup(page)
    assert "Boats will move to the outer basin." in text
    closed, notes = unmarkup(page.replace("<!-- nav\n", "<!-- nav -->\n"))
    assert closed.split("\n")[1] == "" and "1 script, style or comment" in notes[-1]
