"""An author box with a role line: the author's name, a line saying what they are, and a
bio that opens with the name ("Lena Ward" / "Contributing Writer" / "Lena Ward is a
transport planner ..."), after the article.

`edges.author_boxes` takes a bio right under its name line. Many sites put the author's
role or title between the two ("Senior Staff Writer", "Editor, Running Reviews", "5
articles"), and a name line may carry a credential the bio writes as a title ("Mia Lund,
DVM" over "Dr. Mia Lund is a ..."); then no box is found, and the bio, which reads as body
to the model, stays as the article's closing paragraph. The layout is the evidence: a
short name line, one short line that is no sentence, and a paragraph that opens with the
name and reads on in lower case (or after a comma or a dash). A list of entries laid out
the same way (a product's name, its price line, its description) is told apart as
`author_boxes` tells its entries: the box must close the article (no kept prose after
it), come once or twice (authors seldom more), and have the article's prose above it.
This reads the layout and the name's repetition only, in any language whose script has
case.
"""

from __future__ import annotations

from collections.abc import Sequence

from .edges import _NAME, BOX_AFTER_WORDS, BOX_MIN_WORDS
from .model import Block, Label, Verdict
from .prose import is_prose, text_end, word_count

ROLE_WORDS = 5  # "Head Winemaker, Co-Founder", "Editor, Running Reviews"
TITLE_CHARS = 4  # a title before the name in the bio: "Dr.", "Prof", "Mr."
MAX_BOXES = 2  # authors seldom more; a list of entries has more
RULE = "author-box"
_ENDS = (".", "!", "?", ":", ";")  # a role is a label, not a sentence or a lead-in


def role_openers(blocks: Sequence[Block]) -> list[int]:
    """The lines that are a bio two lines under its author's name line, a role line
    between them, in order (most files: none)."""
    stripped = [block.text.strip() for block in blocks]
    return [i for i in range(2, len(blocks)) if _opens_role_box(stripped, i)]


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
    if rest is None:
        return False
    if not _NAME.fullmatch(name) or not all(w[:1].isupper() for w in name.split()):
        return False
    if word_count(role) > ROLE_WORDS or text_end(role).endswith(_ENDS):
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
    blocks: Sequence[Block], verdicts: list[Verdict], rows: list[int], openers: list[int]
) -> bool:
    """Remove the author boxes with a role line after the article: `openers` is
    `role_openers(blocks)`. A box is in play when its bio or its name line is kept; it
    goes when no kept prose follows it (but another box), there are at most MAX_BOXES, and
    BOX_AFTER_WORDS words of kept prose stand above it. True if any verdict changed."""
    kept = [i for i in rows if verdicts[i].keep]
    shown = set(kept)
    boxes = [i for i in openers if i in shown or i - 2 in shown]
    if not boxes or len(boxes) > MAX_BOXES:
        return False
    boxed = {j for i in boxes for j in (i - 2, i - 1, i)}
    if any(i > boxes[0] and i not in boxed and is_prose(blocks[i].text) for i in kept):
        return False
    before = sum(
        word_count(blocks[i].text) for i in kept if i < boxes[0] - 2 and is_prose(blocks[i].text)
    )
    if before < BOX_AFTER_WORDS:
        return False
    changed = False
    for i in boxes:
        name = blocks[i - 2].text.strip()
        role = blocks[i - 1].text.strip()
        detail = (
            f"an author box after the article: {name!r} (line {blocks[i - 2].start}) and "
            f"the role {role!r} above a bio that opens with the name"
        )
        for j in (i - 2, i - 1, i):
            if verdicts[j].keep and verdicts[j].rule in (None, "line-model"):
                verdicts[j] = Verdict(Label.BOILERPLATE, RULE, detail, score=verdicts[j].score)
                changed = True
    return changed
