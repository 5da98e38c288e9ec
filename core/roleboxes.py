"""Author boxes after the article that `edges.author_boxes` does not read: the author's
name, a line saying what they are, and a bio that opens with the name ("Lena Ward" /
"Contributing Writer" / "Lena Ward is a transport planner ..."), a bio under a short
line that ends with the name ("Written by Lena Ward", "About Lena Ward"), or under a line
that opens with it and gives the role after a separator ("Lena Ward, Founder of Harbour
Log", "Mia Lund, DVM", "Lena Ward (Harbour Log)").

`edges.author_boxes` takes a bio right under a line that is its author's name and nothing
else. Many sites put the author's role or title between the two ("Senior Staff Writer",
"Editor, Running Reviews", "5 articles"), or a few words before the name on its line; a
name line may carry a credential the bio writes as a title ("Mia Lund, DVM" over "Dr. Mia
Lund is a ..."). Then no box is found, and the bio, which reads as body to the model,
stays as the article's closing paragraph. The layout is the evidence: a short line with
the name, at most one short line that is no sentence, and a paragraph that opens with the
name and reads on in lower case (or after a comma or a dash). A list of entries laid out
the same way (a product's name, its price line, its description; "3. Harbour Log" over
"Harbour Log is ...") is told apart as `author_boxes` tells its entries: the box must
close the article (no kept prose after it), come once or twice (authors seldom more), and
have the article's prose above it; and a figure before the name makes an entry's number.
This reads the layout and the name's repetition only, in any language whose script has
case.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate

from .edges import _NAME, BOX_AFTER_WORDS, BOX_MIN_WORDS
from .model import Block, Label, Verdict
from .prose import is_prose, text_end, word_count

try:  # the capitals `_may_open_with_name` asks about, in C (optional: core/_filefacts.c)
    from . import _filefacts
except ImportError:
    _filefacts = None

ROLE_WORDS = 5  # "Head Winemaker, Co-Founder", "Editor, Running Reviews"
TITLE_CHARS = 4  # a title before the name in the bio: "Dr.", "Prof", "Mr."
MAX_BOXES = 2  # authors seldom more; a list of entries has more
NAME_WORDS = 4  # the words of a name: "Lena Ward", "Mary Anne de Vries"
PREFIX_WORDS = 3  # before the name on its line: "Written by", "Posted by:", "About"
CREDIT_WORDS = 12  # a byline or a photo credit: "Lena Ward and Tom Ellery | Guest Columnists"
MAX_NAMED = 10  # paragraphs that open with a name: more, and none is taken as a bio alone
RULE = "author-box"
_ENDS = (".", "!", "?", ":", ";")  # a role is a label, not a sentence or a lead-in
# What parts a name from the role that follows it on its line: "Lena Ward, Founder of
# Harbour Log", "Lena Ward (Harbour Log)", "Lena Ward | Editor", "Lena Ward – Editor".
_ROLE_SEPARATOR = re.compile(r"\s*(?:[,(|]|\s[–—-]\s)\s*")


def role_openers(
    blocks: Sequence[Block], stripped: list[str] | None = None
) -> list[tuple[int, int]]:
    """The author boxes of the file, as (name line, bio) indices in order (most files:
    none): a bio two lines under its author's name line with a role line between them,
    right under a short line that ends with the name ("Written by Lena Ward", "About Lena
    Ward") or that opens with it and gives the role after a separator ("Lena Ward, Founder
    of Harbour Log"), or alone, its name shown only in a byline or a credit above
    (`_credited`). `stripped`: the blocks' stripped texts, where the caller has them."""
    if stripped is None:
        stripped = [block.text.strip() for block in blocks]
    found = []
    named: list[tuple[int, str]] = []  # other lines that open with a name, as a bio would
    for i in _may_open(stripped):
        if i >= 2 and _opens_role_box(stripped, i):
            found.append((i - 2, i))
        elif _opens_named_box(stripped, i):
            found.append((i - 1, i))
        else:
            name = _bio_name(stripped[i])
            if name is not None:
                named.append((i, name))
    # Many paragraphs that open with a name: a list of entries, or a report that quotes
    # people by name, not an article with its author's bio (and as each name is looked
    # for in every line, the cost stays linear in the file).
    if named and len(named) <= MAX_NAMED:
        page = _Page(stripped)
        found.extend((i, i) for i, name in named if _credited(stripped, i, name, page))
        found.sort()
    return found


def _may_open(stripped: list[str]) -> list[int]:
    """The lines after the first that `_may_open_with_name`, in order. Its two capitals are
    asked in C where it was built: in Python, a few string methods on every line of every
    file (and `partition` copies the line), for the few lines that pass."""
    if _filefacts is None:
        return [i for i in range(1, len(stripped)) if _may_open_with_name(stripped[i])]
    return [
        i for i in _filefacts.name_openers(stripped) if word_count(stripped[i]) >= BOX_MIN_WORDS
    ]


def _may_open_with_name(bio: str) -> bool:
    """What every bio the three layouts read shows, asked first on every line of every
    file: it opens with a capital, and so does what follows its first space (the name's
    second word, or the name after a title: "Lena Ward ...", "Dr. Mia Lund ..."), and it
    is long enough (`_bio`). A name's words are joined by single spaces (`_NAME`), so no
    bio fails this."""
    return (
        bio[:1].isupper()
        and bio.partition(" ")[2][:1].isupper()
        and word_count(bio) >= BOX_MIN_WORDS  # as `_bio` asks: headings and menus go here
    )


def _bio_name(bio: str) -> str | None:
    """The name a line opens with if it reads as a person's bio (`_bio`): the capitalized
    words before the first word in lower case. None if not."""
    if not bio[:1].isupper() or not is_prose(bio):
        return None
    words = bio.split(None, NAME_WORDS + 1)  # the words read below, not a bio's every word
    n = next((k for k, w in enumerate(words[: NAME_WORDS + 1]) if not w[:1].isupper()), None)
    if n is None or n < 2:
        return None
    name = " ".join(words[:n]).rstrip(",")
    rest = _after_name(bio, name)
    return name if rest is not None and _bio(bio, name, rest) else None


class _Page:
    """A file's stripped lines joined by newlines, where a name is looked for in one search
    of the whole text (`str.find`, in C) instead of a Python step a line: a name holds no
    newline (its words are joined by single spaces), so each place found lies in one line,
    found from where each line starts."""

    __slots__ = ("joined", "starts")

    def __init__(self, stripped: list[str]) -> None:
        self.joined = "\n".join(stripped)
        self.starts = list(accumulate((len(text) + 1 for text in stripped[:-1]), initial=0))

    def lines_holding(self, name: str) -> list[int]:
        """The lines whose text holds `name` (`name in text`), in order; `name` is not
        empty and holds no newline."""
        joined, starts = self.joined, self.starts
        lines: list[int] = []
        at = joined.find(name)
        while at >= 0:
            j = bisect_right(starts, at) - 1
            lines.append(j)
            # The next line's start: one place found a line is enough.
            at = joined.find(name, starts[j + 1]) if j + 1 < len(starts) else -1
        return lines


def _credited(stripped: list[str], i: int, name: str, page: _Page | None = None) -> bool:
    """The bio at `i`, which opens with `name`, is its author's: the page shows the name
    only in short lines above it, as a byline or a photo credit does ("Lena Ward | Guest
    Columnist", "Photo by Lena Ward"), never in its prose (the article is not about the
    person). `page`: the lines joined (`_Page`), to find the name's lines in one search."""
    credited = False
    holding = range(len(stripped)) if page is None else page.lines_holding(name)
    for j in holding:
        text = stripped[j]
        if j == i or name not in text:
            continue
        if is_prose(text):
            return False
        # A short line right above the bio is its heading: an entry's name, or a box's
        # name line, which the layouts above read.
        credited = credited or (j < i - 2 and word_count(text) <= CREDIT_WORDS)
    return credited


def _opens_role_box(stripped: list[str], i: int) -> bool:
    bio = stripped[i]
    if not bio or not bio[:1].isupper():
        return False
    name = stripped[i - 2].split(",", 1)[0].strip()  # "Mia Lund, DVM": the name
    role = stripped[i - 1]
    # A role line that repeats the name is the name shown twice (a product's name over
    # its picture), not a role: `edges.author_boxes` reads a name right above its bio.
    if not name or not role or role.startswith(name):
        return False
    # The cheapest test first: it is run on every line of the file.
    rest = _after_name(bio, name)
    if rest is None or not _bio(bio, name, rest):
        return False
    return word_count(role) <= ROLE_WORDS and not text_end(role).endswith(_ENDS)


def _opens_named_box(stripped: list[str], i: int) -> bool:
    """A bio right under a line of a few words that ends with the name the bio opens with:
    "Written by Lena Ward", "About Lena Ward", "Posted by: Lena Ward". The words before
    the name hold no figure: "3. Harbour Log" over "Harbour Log is ..." is a list's entry."""
    bio, above = stripped[i], stripped[i - 1]
    if not bio or not bio[:1].isupper() or not above:
        return False
    words = above.split()
    for n in range(2, min(NAME_WORDS, len(words) - 1) + 1):
        name, prefix = " ".join(words[-n:]), words[:-n]
        if len(prefix) > PREFIX_WORDS or any(c.isdigit() for w in prefix for c in w):
            continue
        rest = _after_name(bio, name)
        if rest is not None and _bio(bio, name, rest):
            return True
    return _opens_suffixed_box(bio, above)


def _opens_suffixed_box(bio: str, above: str) -> bool:
    """A bio right under a line that opens with the name the bio opens with and gives a
    role, a credential or a company after a separator: "Lena Ward, Founder of Harbour
    Log", "Mia Lund, DVM", "Lena Ward (Harbour Log)". A role is a label of a few words,
    not a sentence: an entry's heading that says more after a comma ("Harbour Log, the
    app that ...") is no name line."""
    # The cheapest test first, on every line that may open with a name: the bio opens
    # with the line's first letters, or has them after a short title ("Dr.").
    if bio.find(above[:2], 0, TITLE_CHARS + 3) < 0:
        return False
    cut = _ROLE_SEPARATOR.search(above)
    if cut is None or cut.start() == 0:
        return False
    name, role = above[: cut.start()], above[cut.end() :]
    if not role or word_count(role) > ROLE_WORDS or text_end(role).endswith(_ENDS):
        return False
    rest = _after_name(bio, name)
    return rest is not None and _bio(bio, name, rest)


def _bio(bio: str, name: str, rest: str) -> bool:
    """`bio`, which opens with `name` and goes on with `rest`, is a person's bio: the name
    reads as one, and the bio goes on in lower case, after a comma or a dash."""
    if not _NAME.fullmatch(name) or not all(w[:1].isupper() for w in name.split()):
        return False
    if word_count(bio) < BOX_MIN_WORDS:
        return False
    if rest[:1] in (",", "("):
        return True
    return rest[:1] == " " and (rest[1:2].islower() or rest[1:3] in ("— ", "– "))


def _after_name(bio: str, name: str) -> str | None:
    """What follows the name at the bio's start (after a short title such as "Dr."), or
    None if the bio does not open with the name."""
    if bio.startswith(name):
        return bio[len(name) :]
    title, _, rest = bio.partition(" ")
    if len(title) <= TITLE_CHARS and title[:1].isupper() and rest.startswith(name):
        return rest[len(name) :]
    return None


def role_boxes(
    blocks: Sequence[Block],
    verdicts: list[Verdict],
    rows: list[int],
    openers: list[tuple[int, int]],
) -> bool:
    """Remove the author boxes after the article: `openers` is `role_openers(blocks)`. A
    box is in play when its bio or its name line is kept; it goes when no kept prose
    follows it (but another box), there are at most MAX_BOXES, and BOX_AFTER_WORDS words of
    kept prose stand above it. True if any verdict changed."""
    kept = [i for i in rows if verdicts[i].keep]
    shown = set(kept)
    boxes = [(first, bio) for first, bio in openers if bio in shown or first in shown]
    if not boxes or len(boxes) > MAX_BOXES:
        return False
    top = boxes[0][0]
    boxed = {j for first, bio in boxes for j in range(first, bio + 1)}
    if any(i > top and i not in boxed and is_prose(blocks[i].text) for i in kept):
        return False
    before = sum(word_count(blocks[i].text) for i in kept if i < top and is_prose(blocks[i].text))
    if before < BOX_AFTER_WORDS:
        return False
    changed = False
    for first, bio in boxes:
        if first == bio:
            detail = (
                "an author's bio after the article: it opens with a name the page shows "
                "only in a byline or a credit above"
            )
        else:
            above = " / ".join(repr(blocks[j].text.strip()) for j in range(first, bio))
            detail = (
                f"an author box after the article: {above} (line {blocks[first].start}) "
                f"above a bio that opens with the name"
            )
        for j in range(first, bio + 1):
            if verdicts[j].keep and verdicts[j].rule in (None, "line-model"):
                verdicts[j] = verdicts[j].overruled(Label.BOILERPLATE, RULE, detail)
                changed = True
    return changed
