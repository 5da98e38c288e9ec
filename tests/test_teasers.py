"""A page of teasers and no article (core/teasers.py): a front page or a section index,
stamped "2 hours ago" / "vor 2 Stunden" under each teaser, is cleaned as usual and flagged
with a warning in the report and on stderr; an article with a "Latest" box of stamped
teasers beside it is not flagged. Both ways of classifying a file (one at a time, a chunk
at once) warn alike.

The fixtures (tests/fixtures/teasers/) are invented pages."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT
from copydesk.core.analyze import load
from copydesk.core.classify import Classifier
from copydesk.core.config import Config
from copydesk.core.model import Source

PAGES = ROOT / "tests" / "fixtures" / "teasers"
WARNED = {"en-front-page.txt": 4, "de-startseite.txt": 5, "en-article-with-latest.txt": 0}


def _warning(count: int) -> str:
    return (
        f"the page reads as a list of {count} teasers (a title, a line, a time stamp) with "
        f"no article: a front page or an index? cleaned as usual"
    )


@pytest.mark.parametrize("name", sorted(WARNED))
def test_a_page_of_teasers_is_flagged_in_the_report(cli, tmp_path, name):
    report = tmp_path / "report.json"
    result = cli(["clean", PAGES / name, "--out", tmp_path / "out", "--report", report])
    assert result.exit_code == 0
    (entry,) = json.loads(report.read_text(encoding="utf-8"))["files"]
    count = WARNED[name]
    assert entry.get("warnings", []) == ([_warning(count)] if count else [])
    assert ("copydesk: warning:" in result.stderr) == bool(count)
    # The text is cleaned as any page's: the teasers' text is still written.
    assert (tmp_path / "out" / name).read_text(encoding="utf-8").strip()


def test_one_file_and_a_chunk_of_files_warn_alike():
    config = Config()
    files = [
        load(Source(display=p.name, relpath=p.name, path=str(p)), config).blocks
        for p in sorted(PAGES.glob("*.txt"))
    ]
    classifier = Classifier(config)
    one = [classifier.classify(blocks).warnings for blocks in files]
    many = [result.warnings for result in classifier.classify_many(files)]
    assert one == many
    assert sum(map(bool, one)) == 2
