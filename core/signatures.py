"""Forum signatures: the short line (or two) a board prints under every post of a user
("Jo — three raised beds and a stubborn greenhouse", "Sent from my phone", "Cheers, Bob").

A scrape of a thread has each user's signature under each of their posts. Duplicate
resolution drops the copies after the first, so the first stays in the thread as if it
were the end of that post, and a signature under four words (too short to be a repeat)
stays every time. Nothing in the words says "signature", in any language; the layout
does: one text that comes back verbatim, each copy right under a different paragraph of
prose, and each followed by something that is no prose (the next post's header: a name,
a date) or by the end of the file. Short lines an article repeats stand elsewhere: an
entry's label ("Verdict", "Good to know") heads prose rather than closing it, a refrain
follows short lines, and a body captured twice has the same paragraph above each copy.
A signature of two or three lines is taken whole when every copy has the same lines."""

from __future__ import annotations

from collections.abc import Sequence

from . import postblocks, titles
from .model import Label, Verdict
from .prose import NUMBERED, is_prose, word_count

try:  # `_under_prose` in C (optional: see core/_filefacts.c)
    from . import _filefacts
except ImportError:
    _filefacts = None

MIN_COPIES = 2  # one copy alone is a post's own last line
MAX_WORDS = 15  # "Compost happens. Zone 8b, heavy clay." — a tagline, not a paragraph
MAX_CHARS = 120  # the cheap test before words are counted
MIN_PROSE_CHARS = 40  # the line above a copy: a paragraph, so some length at least
HEADER_LINES = 3  # a post's header: "Post by ...", or a name, "Joined: ...", "Posts: ..."
MAX_LINES = 3  # the lines of one signature: "Cheers, Ray" / "--" / a motto
RULE = "post-signature"


def find(
    texts: Sequence[str],
    rows: Sequence[int] | None = None,
    labels: frozenset[int] = frozenset(),
) -> list[list[int]]:
    """The signatures among the lines `rows` of the file (all when None), as groups of
    line indices, each group the lines of every copy in file order (most files: none).
    Read on the lines in play, as a second run reads the clean text: neighbours are the
    lines around a copy that are still kept. A group holding one of `labels` (entry labels
    whose every copy the article keeps, `labels.distinct_labels`) is none."""
    if rows is not None:
        found = [[rows[k] for k in group] for group in find([texts[i] for i in rows])]
        return [group for group in found if labels.isdisjoint(group)]
    found = []
    for key, copies in _under_prose(texts):
        if word_count(key) > MAX_WORDS or not _is_tagline(key):
            continue
        group = _signature(texts, copies)
        if group:
            found.append(group)
    return found


def _under_prose(texts: Sequence[str]) -> list[tuple[str, list[int]]]:
    """The short lines under a long one, by their stripped text, for the texts MIN_COPIES
    such lines or more have, in order of their first line. Scanned in C where it was built
    (the passes ask on every pass of every file); [] at once when no short line's text
    comes twice (most files)."""
    if _filefacts is not None:
        return _filefacts.under_prose(texts, MAX_CHARS, MIN_PROSE_CHARS, MIN_COPIES)
    return _python_under_prose(texts)


def _python_under_prose(texts: Sequence[str]) -> list[tuple[str, list[int]]]:
    """`_under_prose` in Python (where the C scan is not built, and for the tests)."""
    # The cheap questions first: some short line's text twice (a set built in C), then,
    # in one scan, a short line under a long one whose text another such line has too.
    short = [t for t in texts if len(t) <= MAX_CHARS]
    if len(set(short)) == len(short):
        return []
    under: dict[str, list[int]] = {}
    for i in range(1, len(texts)):
        text = texts[i]
        if len(text) <= MAX_CHARS and len(texts[i - 1]) >= MIN_PROSE_CHARS:
            key = text.strip()
            if key:
                under.setdefault(key, []).append(i)
    return [(key, copies) for key, copies in under.items() if len(copies) >= MIN_COPIES]


def _signature(texts: Sequence[str], copies: list[int]) -> list[int]:
    """The lines of the signature whose first line stands at `copies`, or [] when the
    layout is not a signature's."""
    above = [texts[i - 1].strip() for i in copies]
    if len(set(above)) < len(above) or not all(is_prose(t) for t in above):
        return []  # a body captured twice, or the line is under no paragraph
    size = 1
    while size < MAX_LINES and _same_line(texts, copies, size):
        size += 1
    for i in copies:
        after = i + size
        if after < len(texts) and is_prose(texts[after]):
            return []  # it heads prose: an entry's label, not a post's end
    if not all(_opens_post(texts, i + size) for i in copies[:-1]):
        return []  # a label over a list of short lines ("Pros", "Specifications")
    if not _interleaved(texts, copies):
        return []
    return [i + k for i in copies for k in range(size)]


def _interleaved(texts: Sequence[str], copies: list[int]) -> bool:
    """Some other post ends between the first copy and the last without this signature
    (another user's, or one signed otherwise): a line under every entry of a list ("Read
    more", "Why we like it", "Directions") closes each of them alike."""
    signed = set(copies)
    for j in range(copies[0] + 1, copies[-1] - 1):
        if (
            j + 1 not in signed
            and is_prose(texts[j])
            and not is_prose(texts[j + 1])
            and _opens_post(texts, j + 1)
        ):
            return True
    return False


def _opens_post(texts: Sequence[str], start: int) -> bool:
    """Prose comes at most HEADER_LINES short lines after `start`, and some figure stands
    in those lines: the next post under its header, which dates it or counts ("12 May
    2025, 08:14", "Joined: March 2019", "Posts: 412", "#3"). A subheading or an entry's
    name over its text has no figure as a rule, and no line of the kind above each entry."""
    dated = False
    for k in range(start, min(len(texts), start + HEADER_LINES + 1)):
        if is_prose(texts[k]):
            return dated
        dated = dated or any(map(str.isdigit, texts[k]))
    return False


def _is_tagline(text: str) -> bool:
    """Words, not a field ("Sensor: 24MP", "Price: £13"), nor a lead-in ("Pros:"), nor a
    numbered item, nor a date ("March 16, 2026": an events list's dates recur under other
    events' text)."""
    return (
        not text.endswith(":")
        and not NUMBERED.match(text)  # "2. Video, video, video.": a list's item
        and postblocks.field_label(text) is None
        and titles.written_in_words(text)
    )


def _same_line(texts: Sequence[str], copies: list[int], k: int) -> bool:
    """Every copy's k-th line after its first is there, short and the same."""
    if any(i + k >= len(texts) for i in copies):
        return False
    lines = {texts[i + k].strip() for i in copies}
    if len(lines) != 1:
        return False
    line = lines.pop()
    return bool(line) and len(line) <= MAX_CHARS and word_count(line) <= MAX_WORDS


def post_signatures(groups: list[list[int]], verdicts: list[Verdict]) -> bool:
    """Every line of each signature that the model kept goes (a table or a thread pass
    that kept one has read more of the page); True if a verdict changed."""
    changed = False
    for group in groups:
        if not any(verdicts[i].keep for i in group):
            continue
        copies = len(group) // _lines_of(group)
        detail = f"the same short line closes {copies} posts, first at paragraph {group[0] + 1}"
        for i in group:
            if verdicts[i].keep and verdicts[i].rule in (None, "line-model"):
                verdicts[i] = verdicts[i].overruled(Label.BOILERPLATE, RULE, detail)
                changed = True
    return changed


def _lines_of(group: list[int]) -> int:
    """How many lines each copy of a signature has (its copies' lines are consecutive)."""
    size = 1
    while size < len(group) and group[size] == group[0] + size:
        size += 1
    return size
