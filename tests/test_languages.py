"""Pages in scripts and languages without a rule pack keep their body.

The fixtures (tests/fixtures/languages/) are invented whole-page scrapes: a menu, body
paragraphs, a related-stories list and a copyright line. Chinese, Japanese and Thai
are written without spaces between words; a cleaner that counts words by spaces reads
their prose as menus and removes it. Polish, Turkish and Indonesian have no rule pack at
all: their "read also" headers and comment prompts go by layout alone.
"""

from __future__ import annotations

import pytest

from conftest import ROOT

PAGES = ROOT / "tests" / "fixtures" / "languages"


# The body's line numbers in each fixture (1-based); the rest is menu, related list, footer.
BODY = {"ru.txt": range(7, 12), "zh.txt": range(5, 8), "ja.txt": range(4, 7),
        "th.txt": range(4, 7), "ar.txt": range(4, 7), "pl.txt": range(9, 14),
        "tr.txt": range(8, 13), "id.txt": range(7, 12)}


@pytest.mark.parametrize("name", sorted(BODY))
def test_body_is_kept_and_the_rest_dropped(cli, name):
    page = PAGES / name
    result = cli(["clean", page])
    assert result.exit_code == 0
    lines = page.read_text(encoding="utf-8").splitlines()
    assert result.stdout == "\n\n".join(lines[n - 1] for n in BODY[name]) + "\n"


def test_a_header_left_with_nothing_under_it_goes_in_any_language(cli, tmp_path):
    # "Czytaj także:" ("Read also:") is in no rule pack; the model removes the headlines
    # under it, and a clean text does not end with a line that introduces nothing.
    page = PAGES / "pl.txt"
    assert "Czytaj" not in cli(["clean", page]).stdout
    # The model reads the short header as chrome and removes it. A longer one, without the
    # share label ("Udostępnij", which the common pack removes) to mark the tail, it keeps;
    # that header goes because nothing is left under it.
    lines = page.read_text(encoding="utf-8").splitlines()
    longer = [ln.replace("Czytaj także:", "Czytaj także o remoncie dworca:") for ln in lines]
    bare = tmp_path / "pl.txt"
    bare.write_text("\n".join(ln for ln in longer if ln != "Udostępnij") + "\n", encoding="utf-8")
    explained = cli(["explain", bare]).stdout
    assert "dangling-header" in next(ln for ln in explained.splitlines() if "Czytaj" in ln)


def test_a_header_whose_list_is_kept_stays(cli, tmp_path):
    page = tmp_path / "list.txt"
    body = [
        "The clinic changed its advice for families travelling with small children this "
        "summer, after a season of long queues at the vaccination desk.",
        "Pack these before you leave:",
        "- a printed copy of the vaccination record",
        "- a spare charger for the phone with the booking",
        "- water and a snack for each child in the queue",
        "Staff said the desk would open an hour earlier on weekdays, and that most visits "
        "take less than twenty minutes once the papers are ready.",
    ]
    page.write_text("\n".join(body) + "\n", encoding="utf-8")
    assert cli(["clean", page]).stdout == "\n\n".join(body) + "\n"
