"""Link and button labels that close a page under its last paragraph: "See the Planner in
Action", "Explore Our Kitchens", "Discover more from Harbour Lane Notes", "Trailmaker 40L
Daypack Review", "Springfield/Oak Ridge, OR".

A region scrape ends where the article's element ends, and the template's last widgets
often sit inside it: a button, a link to the site's next story or its shop, a list of
locations, the author's name box. Read one line at a time they are short lines the line
model keeps at 0.5-0.9 (a short line under prose reads as a subheading to it). Their form
tells them apart: a link's or a button's text is written in title case ("Learn How Sync
Works"), the article's own closing lines are sentences, and a subheading has the text it
heads under it. So, where the kept text ends in one to MAX_RUN short lines (MAX_WORDS
words at most, no sentence's or clause's end, a colon included) right under a paragraph
(PARAGRAPH_WORDS words or more ending as a sentence does), those the line model kept that
read as capitalised (`prose.capitalized`: more than a third of the words after the first
start with a capital) go. A line of the run that ends as a sentence or a clause keeps the
whole run (the writer's closing lines, "For bookings, call:"), and so does a run longer
than MAX_RUN (a list or a table's last cells). The form only, no word list: every cased
script; scripts without case never read as capitalised and keep their lines.

Screened on main's region outputs of the dev set before it was built (`bench/shape_table.py`
is the table of such shapes): of the short closing lines without an end under a sentence,
the truth dropped 74 % (62 of 84 lines); of those in title case, 91 % (39 of 43). Not told
apart: a writer's or a brand's title-case sign-off the truth keeps (a signature such as "<3 Anna
Marie" is not capitalised and stays; a how-to's last line naming its next part, "Running the
Server on a Small VPS", is a link the truth keeps).
"""

from __future__ import annotations

from collections.abc import Sequence

from .model import Label, Verdict
from .prose import TERMINAL, capitalized, text_end, word_count

RULE = "closing-label"
MAX_WORDS = 12  # a label's or a link's words at most; more is a sentence without its stop
PARAGRAPH_WORDS = 10  # the paragraph over the labels: a sentence, not another label
MAX_RUN = 3  # closing labels at most; more is a list's or a table's end
_CLAUSE_ENDS = (*TERMINAL, ":")  # a label's colon leads into what follows: no closing label


def closing_labels(texts: Sequence[str], verdicts: list[Verdict], rows: Sequence[int]) -> bool:
    """Remove the capitalised short lines the line model kept at the end of the kept text,
    under its last paragraph (module docstring). Walks the lines in play from the end and
    stops at the paragraph or after MAX_RUN + 1 kept lines: a few lines a pass whatever the
    page's length. True if any verdict changed."""
    run: list[int] = []
    for pos in range(len(rows) - 1, -1, -1):
        i = rows[pos]
        if not verdicts[i].keep:
            continue
        text = texts[i]
        words = word_count(text)
        end = text_end(text)
        if words >= PARAGRAPH_WORDS and end.endswith(TERMINAL):
            break  # the paragraph the run closes
        if len(run) == MAX_RUN or words > MAX_WORDS or end.endswith(_CLAUSE_ENDS):
            return False
        run.append(i)
    else:
        return False  # no paragraph: a page of labels (a listing, a table) is no article's end
    # The run goes whole or stays whole. A line another pass or rule kept (an outline's
    # entry, a list's item, a table's cell), a line in the case of a sentence, or a line
    # whose text another kept line shows (an entry's recurring label: "View Details" under
    # each listing) makes it the end of the article's own structure; those passes judge it,
    # and a second run, where they may find no structure, must not see labels here either.
    # Copies are counted among the kept lines in play only, as a second run sees them: a
    # copy in the menu, removed, is gone from its input.
    for i in run:
        text = texts[i]
        if verdicts[i].rule is not None or not capitalized(text) or ": " in text:
            return False  # ": ": a field's label and value ("Free Plan: ..."), entryfields'
        if text.isupper():
            return False  # a title in capitals is `capsbox`'s: alone at the end, it stays
    for i in run:
        text = texts[i]
        if texts.count(text) > 1 and sum(
            1 for j in rows if texts[j] == text and verdicts[j].keep
        ) > 1:
            return False
    changed = False
    for i in run:
        verdict = verdicts[i]
        verdicts[i] = verdict.overruled(
            Label.BOILERPLATE, RULE,
            "a short line in title case closing the page under its last paragraph: a "
            "link's or a button's label, not the article's",
        )
        changed = True
    return changed
