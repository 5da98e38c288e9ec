"""Pages in scripts and languages without a rule pack keep their body.

The fixtures (tests/fixtures/languages/) are invented whole-page scrapes: a menu, three
body paragraphs, a related-stories list and a copyright line. Chinese, Japanese and Thai
are written without spaces between words; a cleaner that counts words by spaces reads
their prose as menus and removes it.
"""

from __future__ import annotations

import pytest

from conftest import ROOT

PAGES = ROOT / "tests" / "fixtures" / "languages"


# The body's line numbers in each fixture (1-based); the rest is menu, related list, footer.
BODY = {"ru.txt": range(7, 12), "zh.txt": range(5, 8), "ja.txt": range(4, 7),
        "th.txt": range(4, 7), "ar.txt": range(4, 7)}


@pytest.mark.parametrize("name", sorted(BODY))
def test_body_is_kept_and_the_rest_dropped(cli, name):
    page = PAGES / name
    result = cli(["clean", page])
    assert result.exit_code == 0
    lines = page.read_text(encoding="utf-8").splitlines()
    assert result.stdout == "\n\n".join(lines[n - 1] for n in BODY[name]) + "\n"
