"""Golden pages: invented scrapes beside the clean text copydesk writes for them
(`NAME.txt` and `NAME.clean.txt`), one folder of tests/fixtures/ per round of probing:
langchrome (the chrome of 13 languages without a rule pack), kinds8, kinds9, kinds10,
kinds11, kinds12, kinds13, kinds14, kinds15, kinds16, kinds17 and kinds18 (kinds of page
nobody had tried: probe25, probe26, probe27, probe28, probe29, probe30, probe31, probe32,
probe33, probe34 and probe35), roundups and listings (keep32: a round-up the article
announces, `core/roundups.py`; numbered code listings, `core/code.py`), labelledlists (keep33:
a list under a short label of the article's, `core/introlists.py`), handles (region34: a short
line naming a social account by its handle, `core/handles.py`), kinds17b (keep35: a comment
counter over the article and a list of percentages, `features.comment_columns`,
`siblings.py`), kinds17c (keep36: the article's last paragraphs after a related block
inside its body, `core/tails.py`), below37 (below37: more lists under headings of their own
after a short article's announced list, `core/headedlists.py`), below38 (below38: a closing
comparison table whose header shares a label with the site's menu, `tables._header_size`),
region38 (region38: link and button labels in title case closing the page under its last
paragraph, `core/closinglabels.py`).
Their fixes are tested in tests/test_packless_chrome.py, test_page_kinds8.py,
test_page_kinds9.py, test_page_kinds10.py, test_page_kinds11.py, test_page_kinds12.py,
test_page_kinds13.py, test_page_kinds14.py, test_page_kinds15.py, test_page_kinds16.py,
test_page_kinds17.py, test_page_kinds18.py, test_roundups.py, test_numbered_listings.py,
test_labelled_lists.py, test_social_handles.py, test_data_pages.py, test_article_tail.py,
test_headed_lists.py, test_summary_tables.py and test_closing_labels.py.

Each page cleans to its golden text byte for byte, and its golden text cleaned again is the
same: a rule or pass that erodes clean text shows here. Regenerate a golden text with
`copydesk clean` after a deliberate change, and read the diff.
"""

from __future__ import annotations

import pytest

from conftest import ROOT, assert_cleans_to_golden, assert_golden_is_stable, golden_pages

FIXTURES = ROOT / "tests" / "fixtures"
# Each folder and the pages it holds at least: a lost fixture fails here, not silently.
FOLDERS = {
    "langchrome": 13, "kinds8": 20, "kinds9": 20, "kinds10": 20, "kinds11": 21, "kinds12": 20,
    "kinds13": 21, "kinds14": 20, "kinds15": 22, "kinds16": 22, "kinds17": 21, "kinds18": 20,
    "roundups": 1, "listings": 1, "labelledlists": 1, "handles": 4, "kinds17b": 1,
    "region36": 2,
    "kinds17c": 5,
    "below37": 4,
    "below38": 3,
    "region38": 4,
}
CASES = [(folder, name) for folder in FOLDERS for name in golden_pages(FIXTURES / folder)]
IDS = [f"{folder}/{name}" for folder, name in CASES]


@pytest.mark.parametrize("folder", FOLDERS)
def test_each_folder_holds_its_pages(folder):
    assert len(golden_pages(FIXTURES / folder)) >= FOLDERS[folder]


@pytest.mark.parametrize(("folder", "name"), CASES, ids=IDS)
def test_a_page_cleans_to_its_golden_text(cli, folder, name):
    assert_cleans_to_golden(cli, FIXTURES / folder, name)


@pytest.mark.parametrize(("folder", "name"), CASES, ids=IDS)
def test_cleaning_a_golden_text_again_changes_nothing(cli, folder, name):
    assert_golden_is_stable(cli, FIXTURES / folder, name)
