"""The article's edges, judged on the lines in play after the line model: where the body
ends (a short closing sentence, the last item of a numbered list, a bio after it), what
sits between two captures of it, and a menu above or below it on a page in a language
without a pack. Each pass says why in the verdicts it changes."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress, islice, pairwise
from operator import attrgetter

from . import linescan, titles
from .model import Block, Label, Verdict, keep_removed, model_removal
from .prose import (
    NUMBERED,
    SENTENCE_STOPS,
    TERMINAL,
    capitalized,
    is_prose,
    is_title_like,
    text_end,
    word_count,
)
from .repeats import Repeats
from .rulecodes import header_line, listed_detail, ruled
from .rules import pack_word_list
from .words import SCRIPT_STOPS, letter_runs

_TEXT = attrgetter("text")

# An author's bio: a name, a role, a sentence or two, a "more by" link. Its prose is where
# it ends; the caps bound what a header read wrongly (a subheading "About the author" in
# an article about a writer) can take.
BIO_LINES, BIO_PROSE = 6, 2


def author_bios(blocks: Sequence[Block], verdicts: list[Verdict]) -> None:
    """A bio header ("About the author", "Über den Autor") after the article takes the
    bio under it: prose that reads like body, which the model would keep, and which a
    header's list (headline-like lines only) does not take. After the article only: the
    header must follow some prose, so that a bio box above the body cannot take its
    first paragraphs."""
    # Nothing changes without a bio header: the prose read before one is not read then.
    if not any(v.rule == "author-bio" for v in verdicts):
        return
    seen_prose = False
    for i, block in enumerate(blocks):
        if verdicts[i].rule != "author-bio":
            seen_prose = seen_prose or (verdicts[i].keep and is_prose(block.text))
            continue
        if not seen_prose:
            continue
        header = f"the author's bio under {block.text.strip()!r} (line {block.start})"
        prose = 0
        for j in range(i + 1, min(len(blocks), i + 1 + BIO_LINES)):
            if verdicts[j].rule == "author-bio" or verdicts[j].rule == "keep-pattern":
                break
            if verdicts[j].label is Label.BODY:
                verdicts[j] = Verdict(Label.BOILERPLATE, "author-bio", header)
                if is_prose(blocks[j].text):
                    prose += 1
                    if prose == BIO_PROSE:
                        break


# An author box: the author's name on a line of its own, and right under it a paragraph
# that opens with that name ("Lena Ward is a transport planner ..."). Two to four words
# that start with a capital, nothing else on the line.
_NAME = re.compile(r"[^\W\d_][\w'’.-]*(?: [^\W\d_][\w'’.-]*){1,3}")
BOX_MIN_WORDS = 8  # a bio says something; a caption under a name line is shorter
BOX_AFTER_WORDS = 100  # of the article's prose before it: a box above the body is the byline's


def author_boxes(
    blocks: Sequence[Block],
    verdicts: list[Verdict],
    rows: list[int],
    facts: BoxFacts | None = None,
) -> bool:
    """Remove an author box after the article: a line that is a name, then a paragraph that
    opens with the name and reads on in lower case or after a comma, with no kept prose
    after it but other such boxes (two authors). Such a bio reads as body to the model and
    has no header for a rule to find; it is the page's, not the article's. A list of
    entries laid out the same way ("Power BI" above "Power BI is a ...") has more of the
    article after each entry, and the last one is followed by the article's conclusion or
    is one of several. A bio that does not open with the name goes when the name line
    repeats the byline (`_bylined_box`). `facts` is `box_facts(blocks)`, if the caller
    keeps it across passes. True if any verdict changed."""
    kept = [i for i in rows if verdicts[i].keep]
    if facts is None:
        facts = box_facts(blocks)
    prose = facts.prose
    # A bio kept, or its name line kept above a bio the model removed.
    boxes: list[int] = []
    if facts.openers:
        shown = set(kept)
        boxes = sorted(i for i in facts.openers if i in shown or i - 1 in shown)
    if not boxes:
        boxes = _bylined_box(blocks, verdicts, kept, facts)
        if not boxes:
            return False
    else:
        boxed = set(boxes)
        after = [i for i in kept if i > boxes[0] and i not in boxed and prose[i]]
        if after:
            return False
    # A list of entries has several; authors seldom more than two.
    if len(boxes) > 2:
        return False
    before = sum(word_count(blocks[i].text) for i in kept if i < boxes[0] - 1 and prose[i])
    if before < BOX_AFTER_WORDS:
        return False
    changed = False
    for i in boxes:
        name = blocks[i - 1].text.strip()
        detail = (
            f"an author box after the article: {name!r} (line {blocks[i - 1].start}) above its bio"
        )
        for j in (i - 1, i):
            if verdicts[j].keep and verdicts[j].rule in (None, "line-model"):
                verdicts[j] = verdicts[j].overruled(Label.BOILERPLATE, "author-box", detail)
                changed = True
    return changed


BYLINE_NAME_WORDS = 4  # a name line under the article: "Anna Nowak", "山田花子"
# A byline sits right above the article, among the headline, the date and the share bar; a
# table of contents or a menu that repeats the subheadings may start further up.
BYLINE_REACH = 8
BYLINE_WORDS = 12  # "Penulis: Dewi Lestari | Sabtu, 14 Maret 2026 | 09:15 WIB"
BOX_TAIL_SHARE = 4  # the article's prose above a box is this many times the prose below it


def _bylined_box(
    blocks: Sequence[Block], verdicts: list[Verdict], kept: list[int], facts: BoxFacts
) -> list[int]:
    """The bio of an author box whose name line repeats the byline: a short line after the
    article's first prose, found again inside a line removed just above it ("Anna Nowak |
    14.03.2026", "Penulis: Dewi Lestari"), and only once below it, with prose under it
    ("Dziennikarka działu miejskiego. Pisze o ..."). The bio need not open with the name,
    and a little prose may follow the box (a newsletter's pitch): the byline is the
    evidence, in any language or script. A subheading that a table of contents or a menu
    above repeats looks the same, so the box must be the only line with prose under it
    that a line above the article names, and most of the article's prose must be above
    it. [the bio's index], or []."""
    prose = [i for i in kept if facts.prose[i]]
    if len(prose) < 2:
        return []
    first = prose[0]
    shown = set(kept)
    # Name lines over a bio (`facts.name_lines`: what their texts alone tell) after the
    # first prose, the name line or the bio kept; most files have none.
    candidates = [i for i in facts.name_lines if i > first and (i in shown or i + 1 in shown)]
    if not candidates:
        return []
    found: list[int] = []
    named = 0  # lines with prose under them that lines above the article name
    # The lines above that may be bylines; a name no one of them holds is no byline's
    # (told by one substring search, before any test of the name line or its bio).
    bylines = [j for j in range(first) if _byline(blocks[j].text, verdicts[j])]
    if not bylines:
        return []
    held = "\n".join(blocks[j].text for j in bylines)
    naming: list[tuple[int, list[int]]] = []  # a candidate, and the lines above naming it
    for i in candidates:
        name = facts.stripped[i]
        if name not in held or not _name_like(name):
            continue
        # The other kept too, or removed by the model alone.
        if any(j not in shown and verdicts[j].rule != "line-model" for j in (i, i + 1)):
            continue  # a rule's line is no name and no bio
        holding = [j for j in bylines if name in blocks[j].text]
        byline = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
        above = [j for j in holding if byline.search(blocks[j].text)]
        if above:
            naming.append((i, above))
    # A line above that names two of the candidates or more is a title or a contents line
    # ("Daily Harvest vs Freshly vs ...: Prepared Meal Delivery", a comparison's headline
    # before the headline pass has named it), whose names are the article's subheadings:
    # it is no byline, and names no box for the guard below.
    names_held = Counter(j for _, above in naming for j in above)
    for i, above in naming:
        above = [j for j in above if names_held[j] == 1]
        if not above:
            continue
        named += 1
        # One line names it, near the top of the article: a menu names its items again
        # and again, a byline is shown once.
        if len(above) > 1 or above[0] < first - BYLINE_REACH:
            continue
        if facts.stripped[first:].count(facts.stripped[i]) == 1:
            found.append(i + 1)
    # Two subheadings named above: a table of contents or a menu, not a byline.
    if len(found) != 1 or named > 1:
        return []
    box = found[0]
    words = [(i, word_count(blocks[i].text)) for i in prose if i != box]
    before = sum(n for i, n in words if i < box)
    if sum(n for i, n in words if i > box) * BOX_TAIL_SHARE > before:
        return []
    return found


def _byline(text: str, verdict: Verdict) -> bool:
    """A line removed above the article that may be its byline: short, not a sentence (an
    introduction the model removed), not the headline (whose words a subheading repeats)."""
    return (
        not verdict.keep
        and verdict.rule != "headline"
        and word_count(text) <= BYLINE_WORDS
        and not text_end(text).endswith(_ITEM_ENDS)
    )


def _name_like(text: str) -> bool:
    """Letters and the marks names carry, no figures and no stop at the end, and in a
    script with case every word capitalized ("Anna Nowak", not "The competition")."""
    if any(c.isdigit() for c in text) or text_end(text).endswith(_ITEM_ENDS):
        return False
    words = letter_runs(text)
    return bool(words) and not any(w[0].islower() for w in words)


@dataclass(frozen=True, slots=True)
class BoxFacts:
    """What the author-box pass reads of each line's text alone, taken once per file rather
    than for every kept line of every pass."""

    openers: frozenset[int]  # bios under their author's name line (`box_openers`)
    prose: list[bool]  # `is_prose` of each line
    stripped: list[str]  # each line's text, stripped
    # Lines of a few words over a line that reads as a bio (prose of some length), in
    # order: the name lines `_bylined_box` may take (if they read as a name).
    name_lines: list[int]


def box_facts(blocks: Sequence[Block]) -> BoxFacts:
    # Each line's text, stripped text and `is_prose` by `map` (a step a line in C), and the
    # name lines' tests asked only of the lines above a prose line (picked by `compress`):
    # a comprehension's step a line cost some 1,000 instructions on every line of a file.
    texts = list(map(_TEXT, blocks))
    stripped = list(map(str.strip, texts))
    prose = list(map(is_prose, texts))
    name_lines = [
        i
        for i in compress(range(len(blocks) - 1), islice(prose, 1, None))
        if stripped[i]
        and 1 <= word_count(stripped[i]) <= BYLINE_NAME_WORDS
        and word_count(texts[i + 1]) >= BOX_MIN_WORDS
    ]
    return BoxFacts(box_openers(blocks, stripped), prose, stripped, name_lines)


def box_openers(blocks: Sequence[Block], stripped: list[str] | None = None) -> frozenset[int]:
    """The lines that are a bio under their author's name line (`_opens_box`)."""
    if stripped is None:
        stripped = [block.text.strip() for block in blocks]
    # `_opens_box`'s cheapest test first, on the stripped lines taken once, in C: the lines
    # whose line above is not empty and opens theirs (a `startswith` call a line in Python).
    return frozenset(i for i in linescan.opened_lines(stripped) if _opens_box(blocks, i))


def _opens_box(blocks: Sequence[Block], i: int) -> bool:
    """Block `i` is a bio under a line that is its author's name."""
    if i == 0:
        return False
    name = blocks[i - 1].text.strip()
    text = blocks[i].text.strip()
    # The cheapest test first: it is run on every line of the file.
    if not name or not text.startswith(name):
        return False
    if not _NAME.fullmatch(name) or not all(w[:1].isupper() for w in name.split()):
        return False
    if word_count(text) < BOX_MIN_WORDS:
        return False
    rest = text[len(name) :]
    if rest[:1] in (",", "("):
        return True
    # "Lena Ward is ...", or a dash as Russian or French bios write it ("Иван Петров —
    # журналист ...", "Julien Moreau – géographe ...").
    return rest[:1] == " " and (rest[1:2].islower() or rest[1:3] in ("— ", "– "))


_ITEM = re.compile(r"(\d{1,3})([.)])\s+\S")
NUMBERED_RUN = 3  # items a numbered list needs before its kept items speak for the rest
_RULE = "numbered-list"
_MODEL_RULES = frozenset([None, "line-model", _RULE])


def numbered_lines(
    blocks: Sequence[Block], flags: bytes | None = None
) -> dict[int, tuple[int, str]]:
    """The lines that read as a numbered item, each with its number and delimiter; none
    when the file holds fewer than a list needs (`NUMBERED_RUN`). Read once per file:
    `numbered_items` runs on every pass, and most files hold no numbered list at all.
    `flags`: the blocks' `linescan.line_flags`, where the caller has them."""
    if flags is None:
        flags = linescan.line_flags(blocks)
    items: dict[int, tuple[int, str]] = {}
    # `_ITEM` opens with `\d`: only the lines that open with a decimal digit (told in C).
    for i in linescan.lines_with(flags, linescan.DECIMAL):
        found = _ITEM.match(blocks[i].text)
        if found is not None:
            items[i] = (int(found.group(1)), found.group(2))
    return items if len(items) >= NUMBERED_RUN else {}


def numbered_items(
    blocks: Sequence[Block],
    verdicts: list[Verdict],
    rows: list[int],
    items: dict[int, tuple[int, str]] | None = None,
) -> bool:
    """An item of a numbered list ("7. Sortelha", "4) Fold in the flour") that the model
    removed, when most of the list's other items are kept, is the article's: the last item
    of a listicle or a recipe sits where the tail starts, and the model reads it as the
    tail's first line. The list is the run of lines in play numbered 1, 2, 3... in order,
    with one delimiter; lines between the items (each item's text) do not break it.

    Judged afresh on every pass: an item kept on an earlier pass whose list no longer
    qualifies (its other items became a table's cells, say) goes back to the model's
    verdict, as a second run, which sees the list as it is now, would leave it.

    `items` is `numbered_lines(blocks)` if the caller has it. Without a list's worth of
    items in the file no chain reaches `NUMBERED_RUN`, so no line was ever kept by this
    pass, and there is nothing to judge or undo."""
    if items is None:
        items = numbered_lines(blocks)
    if not items:
        return False
    changed = False
    chain: list[int] = []  # positions in `rows` of the list's items so far
    delimiter = ""
    confirmed: set[int] = set()  # items kept by this pass on an earlier pass, still due

    def settle() -> None:
        nonlocal changed
        items = [rows[pos] for pos in chain]
        if len(items) < NUMBERED_RUN:
            return
        # A list the model alone judged: items that a rule or a table decided (a ranking
        # laid out as table cells) are not the model's to correct.
        if any(verdicts[i].rule not in _MODEL_RULES for i in items):
            return
        # The items the model keeps (a second run sees the items kept here as removed).
        kept = sum(verdicts[i].keep and verdicts[i].rule != _RULE for i in items)
        if kept * 2 <= len(items):
            return
        for pos, i in zip(chain, items, strict=True):
            verdict = verdicts[i]
            # Only an item inside the article, kept lines on both sides of it.
            inside = 0 < pos < len(rows) - 1 and all(
                verdicts[rows[q]].keep for q in (pos - 1, pos + 1)
            )
            if inside and verdict.rule == _RULE:
                confirmed.add(i)
            elif inside and verdict.rule == "line-model" and not verdict.keep:
                verdicts[i] = verdict.overruled(
                    Label.BODY,
                    _RULE,
                    f"item of a numbered list whose other items are kept ({kept} of "
                    f"{len(items)}); {verdict.detail}",
                )
                confirmed.add(i)
                changed = True

    for pos, i in enumerate(rows):
        item = items.get(i)
        if item is None:
            continue
        number, mark = item
        if chain and mark == delimiter and number == len(chain) + 1:
            chain.append(pos)
            continue
        settle()
        chain, delimiter = ([pos], mark) if number == 1 else ([], "")
    settle()
    for i in rows:
        verdict = verdicts[i]
        if verdict.rule == _RULE and i not in confirmed:
            detail = verdict.detail.split("); ", 1)[-1]  # the model's own account
            verdicts[i] = verdict.overruled(Label.BOILERPLATE, "line-model", detail)
            changed = True
    return changed


# A menu: this many link-like lines or more in a row, above or below the article's prose.
MENU_RUN = 4
MENU_ITEM_WORDS = 3
MENU_EDGE = 2  # lines that may stand between a menu run and the page's top or bottom
_ITEM_ENDS = (".", "!", "?", ":", ";", ",", "…", *SCRIPT_STOPS)


def _link_like(text: str) -> bool:
    """A line a menu is made of: one to three words, no stop or colon at its end, in words
    rather than figures, and not starting with a small letter ("Contact Us", "Sport",
    "Sera ya Faragha"; caseless scripts have no small letters)."""
    words = word_count(text)
    if not 1 <= words <= MENU_ITEM_WORDS or text_end(text).endswith(_ITEM_ENDS):
        return False
    if NUMBERED.match(text):
        return False  # "3. Sculpt": an item of a numbered list
    first = next((c for c in text if c.isalpha()), "")
    return bool(first) and not first.islower() and titles.written_in_words(text)


def menu_runs(
    blocks: Sequence[Block], verdicts: list[Verdict], rows: list[int], claim: bool = False
) -> bool:
    """Remove the kept lines of a run of MENU_RUN or more link-like lines in play (see
    `_link_like`) that lies wholly above the article's first kept prose or below its last:
    a site's menu or footer, in any language, without a word of its vocabulary. Run on
    pages in a language without a pack only: there the line model has no stopwords to tell
    a menu item from a paragraph's words and kept whole menus (p 0.6-0.8); on English dev
    pages, the runs it keeps at the top or bottom are half the article's (product names,
    subheadings of short sections). With `claim` (the pack-less reading reads the page),
    the run's lines the model removed itself are named "menu-run" too. True if any kept
    line went."""
    prose = [pos for pos, i in enumerate(rows) if verdicts[i].keep and is_prose(blocks[i].text)]
    if not prose:
        return False
    changed = False
    run: list[int] = []
    for pos in range(len(rows) + 1):
        if pos < len(rows) and _link_like(blocks[rows[pos]].text):
            run.append(pos)
            continue
        # At the page's top or its bottom (a line or two, such as a login link or a
        # copyright line, aside), outside the article: lists inside an article, or
        # between its end and the footer, are left to the model.
        outside = run and (
            (run[-1] < prose[0] and run[0] <= MENU_EDGE)
            or (run[0] > prose[-1] and run[-1] >= len(rows) - 1 - MENU_EDGE)
        )
        if len(run) >= MENU_RUN and outside:
            where = "above" if run[-1] < prose[0] else "below"
            for q in run:
                i = rows[q]
                verdict = verdicts[i]
                detail = f"one of {len(run)} link-like lines in a row {where} the article"
                if verdict.keep and verdict.rule in (None, "line-model"):
                    verdicts[i] = verdict.overruled(Label.BOILERPLATE, "menu-run", detail)
                    changed = True
                elif claim and not verdict.keep and verdict.rule == "line-model":
                    # The model removed it already: the run, not its score near the bar
                    # (`linemodel.blend`), is why it goes, for every item alike.
                    verdicts[i] = verdict.overruled(Label.BOILERPLATE, "menu-run", detail)
        run = []
    return changed


LIST_HEADER_WORDS = 5  # "İlgili Haberler", "Baca Juga", "Read next"
LIST_ITEMS, LIST_MAX_ITEMS = 2, 6
SENTENCE_WORDS = 4  # a sentence after a lone related headline, if not prose


def header_lists(blocks: Sequence[Block], verdicts: list[Verdict], rows: list[int]) -> bool:
    """Right after the article's last kept prose, a header of a few words that the model
    removed, then two to six headline-like lines, and nothing kept after them: the
    headlines the model kept go with their header ("İlgili Haberler" removed, the two
    headlines under it kept). The packs' header rules name such headers ("Related
    articles"); on a page without a pack the layout is the sign. A header the model kept
    ("Further reading"), a longer list, or entries with a label ("GitHub: ...") are the
    article's, as on the dev pages' reference lists. True if any verdict changed."""
    kept = [pos for pos, i in enumerate(rows) if verdicts[i].keep]
    prose = [pos for pos in kept if is_prose(blocks[rows[pos]].text)]
    if not prose or kept[-1] == prose[-1]:
        return False
    at = prose[-1] + 1
    header = blocks[rows[at]].text
    if verdicts[rows[at]].keep or verdicts[rows[at]].rule != "line-model":
        return False  # kept, or a rule's line (a header rule's list is taken already)
    if not 1 <= word_count(header) <= LIST_HEADER_WORDS or _ends_item(header):
        return False
    end = at + 1
    while end < len(rows) and _listed(blocks[rows[end]].text):
        end += 1
    if not LIST_ITEMS <= end - at - 1 <= LIST_MAX_ITEMS or kept[-1] >= end:
        return False
    changed = False
    detail = listed_detail(header.strip(), blocks[rows[at]].start, " after the article")
    for pos in range(at, end):
        verdict = verdicts[rows[pos]]
        if verdict.keep and verdict.rule in (None, "line-model"):
            verdicts[rows[pos]] = verdict.overruled(Label.BOILERPLATE, "header-list", detail)
            changed = True
    return changed


RELATED_HEADER = "related-block"  # the header rules that name other stories' lists


def related_lists(blocks: Sequence[Block], verdicts: list[Verdict], rows: list[int]) -> bool:
    """On a page without a pack, the headlines the model kept under a "related" header a
    rule named ("İLGİLİ HABERLER", "Powiązane artykuły"), two to six headline-like lines,
    go with their header ("header-list"), wherever the list stands: dropped between two
    paragraphs, it read to the model (without the page's stopwords) as subheadings, and
    their mean cleared the bar (0.44-0.56) where a pack's model removes such a list. A
    header names the list as other stories': an item with a sentence's stop or a label
    ("GitHub: ...") is the article's, and the list stays whole. True if any verdict
    changed."""
    groups: dict[int, list[int]] = {}
    for i in rows:
        verdict = verdicts[i]
        if verdict.keep and verdict.rule == "line-model":
            line = header_line(verdict)  # kept by the model over a header's list
            if line is not None:
                groups.setdefault(line, []).append(i)
    if not groups:
        return False
    header_at = {block.start: k for k, block in enumerate(blocks)}
    changed = False
    for line, items in groups.items():
        k = header_at.get(line)
        if k is None or verdicts[k].rule != RELATED_HEADER:
            continue
        if len(items) > LIST_MAX_ITEMS:
            continue
        if len(items) < LIST_ITEMS and not _inside_prose(blocks, verdicts, rows, items[0]):
            continue
        if not all(_listed(blocks[i].text) for i in items):
            continue
        detail = listed_detail(blocks[k].text.strip(), line, ", a related header")
        for i in items:
            verdicts[i] = verdicts[i].overruled(Label.BOILERPLATE, "header-list", detail)
        changed = True
    return changed


def _inside_prose(
    blocks: Sequence[Block], verdicts: list[Verdict], rows: list[int], item: int
) -> bool:
    """Whether the article's kept sentences go on right after `item` (the lines removed
    between aside): a single headline under a related header is another story's only where
    the header dropped it into the article, between two of its paragraphs or an interview's
    turns (a question of six words is a sentence, if not prose); at the page's end one
    line may be the article's last, which the header rule read as a list."""
    for i in rows[rows.index(item) + 1 :]:
        if verdicts[i].keep:
            text = blocks[i].text
            return is_prose(text) or (
                word_count(text) >= SENTENCE_WORDS and text_end(text).endswith(TERMINAL)
            )
    return False


def _ends_item(text: str) -> bool:
    return text_end(text).endswith(_ITEM_ENDS) or not titles.written_in_words(text)


def _listed(text: str) -> bool:
    """A headline-like line of a list: a few words, no sentence's stop, in words, and no
    label before a colon (an entry of the article's: "GitHub: the source")."""
    return is_title_like(text) and not _ends_item(text) and ":" not in text


def between_captures(
    blocks: Sequence[Block], verdicts: list[Verdict], rows: list[int], repeats: Repeats
) -> bool:
    """A page whose body was captured twice: the short lines kept between the article's
    last prose and the second capture (which resolution drops as repeats) are what the
    page put between the two copies, a related list or a share bar, not the article's
    end. The second capture is two paragraphs or more that repeat earlier ones, the first
    of them one of the article's first two, with no prose of the article kept after it.
    When the second capture goes on past the first, the first was a preview and the lines
    between are the whole article's header (`_header_of_second_capture`).
    True if any verdict changed."""
    kept = [i for i, v in enumerate(verdicts) if v.keep]
    unrepeated = repeats.unrepeated(kept)
    if len(unrepeated) == len(kept):
        return False
    held = set(unrepeated)
    dropped = [i for i in kept if i not in held and is_prose(blocks[i].text)]
    if len(dropped) < 2:
        return False
    start = dropped[0]
    prose = [i for i in rows if verdicts[i].keep and is_prose(blocks[i].text)]
    before = [i for i in prose if i < start]
    if not before:
        return False
    # It starts again at the top: its first paragraph is one of the article's first two.
    if repeats.repeated(start).isdisjoint(before[:2]):
        return False
    if len(before) < len(prose):
        # The second capture goes on past the first: when the first is the article's
        # opening, every paragraph of it repeated in order, it was a preview, and what
        # stands between the two is the whole article's header.
        if not _repeated_in_order(before, dropped, repeats):
            return False
        return _header_of_second_capture(blocks, verdicts, rows, before[-1], start)
    changed = False
    for i in rows:
        verdict = verdicts[i]
        if not before[-1] < i < start or not verdict.keep:
            continue
        if verdict.rule in (None, "line-model") and not is_prose(blocks[i].text):
            verdicts[i] = verdict.overruled(
                Label.BOILERPLATE,
                "between-captures",
                f"between the article's last paragraph (line {blocks[before[-1]].start}) "
                f"and a second capture of it (line {blocks[start].start})",
            )
            changed = True
    return changed


def _repeated_in_order(before: list[int], dropped: list[int], repeats: Repeats) -> bool:
    """The paragraphs `dropped` (repeats, in file order) open with a copy of each of
    `before`, two or more, in the same order (a single paragraph shown twice is as often
    a card of a carousel, its text on the card and again on hover)."""
    return len(dropped) >= len(before) >= 2 and all(
        first in repeats.repeated(copy) for first, copy in zip(before, dropped, strict=False)
    )


def _header_of_second_capture(
    blocks: Sequence[Block], verdicts: list[Verdict], rows: list[int], last: int, start: int
) -> bool:
    """A page that shows the article's first paragraphs (a preview, a teaser) and then the
    whole article under its header: the header's undecided short lines, between the
    preview's `last` paragraph and the full article's `start`, are not the article's text.
    The title-like one nearest the full article that shares the article's words is its
    headline (metadata, as a headline above the body is), unless the page has one; the
    others go. True if any verdict changed."""
    between = [
        i
        for i in rows
        if last < i < start
        and verdicts[i].keep
        and verdicts[i].rule in (None, "line-model")
        and not is_prose(blocks[i].text)
    ]
    if not between:
        return False
    headline = None
    if not any(v.rule == "headline" for v in verdicts):
        lead = titles.Lead(
            titles.lead_texts(blocks[i].text for i in rows if i >= start and verdicts[i].keep)
        )
        headline = next(
            (
                i
                for i in reversed(between)
                if is_title_like(blocks[i].text)
                and titles.written_in_words(blocks[i].text)
                and lead.shared(blocks[i].text) >= titles.MIN_SHARED
            ),
            None,
        )
    for i in between:
        if i == headline:
            verdicts[i] = titles.headline_verdict(
                verdicts[i],
                blocks[i].text,
                f"title-like line over the whole article (line {blocks[start].start}), after a"
                " preview of its first paragraphs",
            )
        else:
            verdicts[i] = verdicts[i].overruled(
                Label.BOILERPLATE,
                "between-captures",
                f"between a preview of the article's first paragraphs (to line "
                f"{blocks[last].start}) and the whole article (line {blocks[start].start})",
            )
    return True


# A closing line: a sentence this short that the model removed right after the article.
CLOSING_WORDS = 10
# ... or this long right under a "read also" line set inside the body ("Llegeix també:
# ..."): the site dropped the link between two paragraphs, so the article goes on under
# it, and what the model doubts there is the article's last paragraph, not a blurb of the
# page's (those follow the article's end, with no such link above them).
INLINE_CLOSING_WORDS = 30
INLINE_RELATED = "related-inline"
# The link may stand one paragraph up ("Читайте также: ..." between the
# figures and the last two paragraphs): the article went on under it all the same.
INLINE_RELATED_RULES = frozenset({INLINE_RELATED})
# ... and as long right under a table the article holds (its cells kept by the table pass,
# "table"): a match report's standings or a market wrap's prices sit inside the article,
# which goes on under them with a sentence the model doubts as it doubted the cells.
TABLE_CELL = "table"
CLOSING_LOOKBACK = 5  # kept prose paragraphs whose vocabulary a closing line continues
# ... and more of them while they hold fewer words than this: a page of one sentence to a
# line holds in five lines what an article holds in one paragraph or two.
CLOSING_CONTEXT_WORDS = 80
CLOSING_STEM = 5  # letters two forms of one word share at their start ("lucrările", "lucrărilor")
# A statement's stop: a question or an exclamation this short is more often a prompt.
_FULL_STOPS = (".", "。", "।", "۔")


def _last_kept(verdicts: list[Verdict], rows: list[int]) -> int:
    """The position in `rows` of the last kept line, -1 if none: looked for from the end,
    where it nearly always is (a scan of every line in play cost each pass a step per
    line)."""
    for pos in range(len(rows) - 1, -1, -1):
        if verdicts[rows[pos]].keep:
            return pos
    return -1


def closing_line(blocks: Sequence[Block], verdicts: list[Verdict], rows: list[int]) -> bool:
    """A short sentence (under CLOSING_WORDS words, ending in a stop) that the model removed
    right after the article's last kept paragraph is the article's last paragraph when it
    continues the article's vocabulary: one of its longer words (CLOSING_STEM letters or
    more) starts as a word of the last paragraphs does ("Byggeriet begynder til efteråret."
    after "...under byggeriet..."). Only rules' lines (a credit, a "read also" line) may
    stand between it and that paragraph; what follows it is removed or nothing. A short
    sentence of chrome ("All rights reserved.", "Thanks for reading.") shares no such word
    with the story above it.

    A short line ending in a colon may lead into it ("The attacks on Tuesday targeted:"
    over a list the scraper lost, then "All were struck by shellfire, the army said."):
    the two stay together when each continues the article's words, and go together
    otherwise. True if any verdict changed."""
    changed = _unsupported_closings(blocks, verdicts, rows)
    # What follows a closing line: only chrome the model or a rule removed, or nothing: it
    # would end the text. A short sentence between kept lines is a caption or a call to
    # action as often as the article's. (A line kept here comes after every kept line, so
    # the lines after later candidates stay as they were.)
    last_kept = _last_kept(verdicts, rows)
    pos = last_kept
    while pos + 1 < len(rows):
        pos += 1
        i = rows[pos]
        passage = [i]
        if _closing_shape(blocks[i].text, verdicts[i], _LEADS_IN) and pos + 1 < len(rows):
            passage.append(rows[pos + 1])  # a lead-in: judged with the sentence after it
        last = passage[-1]
        longest = CLOSING_WORDS
        if _under_inline_link(blocks, verdicts, rows, pos):
            longest = INLINE_CLOSING_WORDS
        if not _closing_shape(blocks[last].text, verdicts[last], _FULL_STOPS, longest):
            continue
        above = _prose_above(pos, blocks, verdicts, rows)
        if not above:
            continue
        context = [blocks[j].text for j in above]
        found = [_shared_stem(blocks[j].text, context) for j in passage]
        if None in found:
            continue  # each line of the passage continues the article's words
        shared = found[-1]
        what = "short last sentence" if len(passage) == 1 else "short last sentence and its lead-in"
        for j in passage:
            verdicts[j] = verdicts[j].overruled(
                Label.BODY,
                "closing-line",
                f"{what} after the article's prose, continuing its words ({shared!r}); "
                f"{verdicts[j].detail}",
            )
        pos += len(passage) - 1
        changed = True
    return changed


_LEADS_IN = (":",)


def _under_inline_link(
    blocks: Sequence[Block], verdicts: list[Verdict], rows: list[int], pos: int
) -> bool:
    """The line at `pos` of `rows` sits right under a table's kept cell or a "read also"
    link inside the body, or under one kept paragraph that sits right under such a link."""
    if pos == 0:
        return False
    above = verdicts[rows[pos - 1]]
    if above.rule == TABLE_CELL or above.rule in INLINE_RELATED_RULES:
        return True
    return (
        pos > 1
        and above.keep
        and is_prose(blocks[rows[pos - 1]].text)
        and verdicts[rows[pos - 2]].rule in INLINE_RELATED_RULES
    )


_CLOSING_LINE = frozenset({"closing-line"})


def _unsupported_closings(
    blocks: Sequence[Block], verdicts: list[Verdict], rows: list[int]
) -> bool:
    """Give the model's removal back to the closing lines kept on an earlier pass whose
    prose above has gone since (the model removed it on a later pass): a second run, which
    never sees that prose, would not keep them. True if any verdict changed."""
    changed = False
    # Most files hold no closing line: `ruled` finds the few that do, in C.
    for pos in ruled(verdicts, rows, _CLOSING_LINE):
        if not _prose_above(pos, blocks, verdicts, rows):
            i = rows[pos]
            verdicts[i] = model_removal(verdicts[i])
            changed = True
    return changed


def _closing_shape(
    text: str, verdict: Verdict, ends: tuple[str, ...], longest: int = CLOSING_WORDS
) -> bool:
    """A line the model removed, of 2 to `longest` words (less), ending in one of `ends`,
    and not mostly capitalised words (a name, a slogan, a link)."""
    if verdict.rule != "line-model" or verdict.keep:
        return False
    words = word_count(text)
    return 2 <= words < longest and text_end(text).endswith(ends) and not capitalized(text)


# Rules whose lines end the article: a sentence after a copyright line or a comments
# header ("Per commentare devi essere registrato.") is the page's, whatever words it shares.
_PAGE_END_RULES = frozenset({"copyright", "site-chrome", "comment-prompt"})


def _prose_above(
    pos: int, blocks: Sequence[Block], verdicts: list[Verdict], rows: list[int]
) -> list[int]:
    """The last kept prose paragraphs right above position `pos` of `rows` (lines a rule
    removed may stand between), or [] when the nearest kept line is not prose or the
    model removed a line in between, or a rule removed a line that ends the article."""
    found: list[int] = []
    words = 0
    # Right under the article's table (its last cell kept by the table pass): the prose
    # stands over the table, past its kept cells (the pass names only those the model
    # doubted) and its title ("Päivän nousijat ja laskijat"), which the model doubts too.
    # A table of figures and names only: cells of headlines ("26 Feb" / "Top Picks" /
    # a teaser's title) are a list of other stories, and what follows them the page's.
    in_table = pos > 0 and verdicts[rows[pos - 1]].rule == TABLE_CELL
    in_rows = False
    for q in range(pos - 1, -1, -1):
        j = rows[q]
        verdict = verdicts[j]
        # Under the article's last paragraph, its rows of figures ("Isamaa 18,2%",
        # "Participation : 52,7 %"), kept or doubted by the model, and the lead-in over them
        # ("Résultats provisoires :"): a market wrap's, a match report's or a results
        # page's own prose stands over them, and its words are what a closing line
        # continues ("...publiera les résultats définitifs").
        if found and _figure_row(blocks[j].text, verdict):
            in_rows = True
            continue
        if in_rows and verdict.keep and text_end(blocks[j].text).endswith(_LEADS_IN):
            in_rows = False
            found.append(j)
            words += word_count(blocks[j].text)
            continue
        in_rows = False
        if in_table:
            if verdict.keep and not is_prose(blocks[j].text):
                if word_count(blocks[j].text) > TABLE_CELL_WORDS:
                    return []
                continue
            in_table = False
            if verdict.rule == "line-model" and _table_title(blocks[j].text):
                continue
        if not verdict.keep:
            if verdict.rule == "line-model" or verdict.rule in _PAGE_END_RULES:
                break
            continue  # a rule's line inside the article: a "read also" link, an ad marker
        # A short kept sentence among the article's paragraphs ("Her nephew confirmed
        # the death.") is the article's too, but the nearest kept line must be prose,
        # or a closing line this pass kept: a scraper that puts each sentence on a line
        # of its own ends the article with two or three of them.
        if (
            not is_prose(blocks[j].text)
            and not (found and _item_sentence(blocks[j].text))
            and verdict.rule != "closing-line"
        ):
            break
        found.append(j)
        words += word_count(blocks[j].text)
        if len(found) >= CLOSING_LOOKBACK and words >= CLOSING_CONTEXT_WORDS:
            break
    return found


FIGURE_ROW_WORDS = 10  # more: a paragraph, not a row of a list of figures


def _figure_row(text: str, verdict: Verdict) -> bool:
    """A row of a list of figures: a line of FIGURE_ROW_WORDS words at most that holds a
    digit and no sentence end, kept or removed by the model (not by a rule)."""
    if not (verdict.keep or verdict.rule == "line-model"):
        return False
    return (
        any(map(str.isdigit, text))
        and word_count(text) <= FIGURE_ROW_WORDS
        and not text_end(text).endswith(_FULL_STOPS)
        and not is_prose(text)
    )


def _table_title(text: str) -> bool:
    """A table's title line: a few words (TABLE_TITLE_WORDS at most), no sentence end."""
    return 0 < word_count(text) <= TABLE_TITLE_WORDS and not text_end(text).endswith(_FULL_STOPS)


TABLE_TITLE_WORDS = 8
TABLE_CELL_WORDS = 4  # a name or a figure ("Malmö FF", "+2,4 %"), not a headline


def _shared_stem(text: str, above: list[str]) -> str | None:
    """A word of `text` longer than CLOSING_STEM letters whose first CLOSING_STEM letters
    start a word of `above` too, or one of CLOSING_STEM letters that `above` holds, or
    None."""
    words = {w for t in above for w in letter_runs(t.lower())}
    stems = {w[:CLOSING_STEM] for w in words}
    for word in letter_runs(text.lower()):
        if len(word) > CLOSING_STEM and word[:CLOSING_STEM] in stems:
            return word
        # A word of just CLOSING_STEM letters, as it stands ("विभाग", "شمالی"): in the
        # scripts whose vowels are marks or unwritten, a long word has few letters.
        if len(word) == CLOSING_STEM and word in words:
            return word
    return None


POSITION_CHARS = 24  # no counter is longer: a longer line is not tried
POSITION_RUN = 2
CAPTIONED_RUN = 3  # counters whose items are a gallery's, the captions alike


def may_count(blocks: Sequence[Block], flags: bytes | None = None) -> bool:
    """POSITION_RUN lines of the file or more read as counters ("3 / 12"): fewer, and
    `position_counters` finds no run on any pass (its lines in play are some of these).
    `flags`: the blocks' `linescan.line_flags`, where the caller has them."""
    if flags is None:
        flags = linescan.line_flags(blocks)
    found = 0
    # The short lines that end with a digit or hold a slash, told in C (`COUNTER`).
    for i in linescan.lines_with(flags, linescan.COUNTER):
        if titles.POSITION.fullmatch(blocks[i].text):
            found += 1
            if found >= POSITION_RUN:
                return True
    return False


def position_counters(blocks: Sequence[Block], verdicts: list[Verdict], rows: list[int]) -> bool:
    """Remove the kept lines of a gallery's counter: "1 / 8", then "2 / 8" under the next
    picture. Alone, such a line may be a score or a rating, and the counter rule leaves it
    to the model, which keeps it between captions (p 0.56-0.64); two or more lines in play
    counting up to the same total, in order, are positions in a sequence, not figures of
    the article. Lines a table took are the table's. True if any verdict changed."""
    counts: dict[int, list[tuple[int, int]]] = {}  # total -> (position, block index)
    for i in rows:
        found = titles.POSITION.fullmatch(blocks[i].text)
        if found is None:
            continue
        position, total = int(found[1]), int(found[2])
        if 1 <= position <= total:
            counts.setdefault(total, []).append((position, i))
    changed = False
    for total, seen in counts.items():
        positions = [position for position, _ in seen]
        rising = all(a < b for a, b in pairwise(positions))
        if len(seen) < POSITION_RUN or not rising:
            continue
        for _, i in seen:
            verdict = verdicts[i]
            if verdict.keep and verdict.rule in (None, "line-model"):
                detail = f"one of {len(seen)} counters of a sequence of {total}"
                verdicts[i] = verdict.overruled(Label.BOILERPLATE, "position-counter", detail)
                changed = True
        if len(seen) >= CAPTIONED_RUN:
            # A gallery's captions, one under each counter: the model kept the first ones
            # and dropped the last as the page's end (p 0.18-0.26). A count shown whole,
            # 1 to its total, is the gallery itself, every picture of it: one caption kept
            # tells its captions are the article's, where half are asked of a part.
            reason = f"a caption under one of {len(seen)} counters of a gallery"
            marks = [i for _, i in seen]
            least = 1 if positions == list(range(1, total + 1)) else None
            changed |= marked_items(
                blocks, verdicts, rows, marks, "gallery-caption", reason, least=least
            )
    return changed


INTRO_WORDS = 4


def may_orphan(blocks: Sequence[Block], flags: bytes | None = None) -> bool:
    """Some line of the file is short and ends with a colon, as the intro
    `orphan_intros` removes must: where none is, that pass changes nothing. `flags`: the
    blocks' `linescan.line_flags`, where the caller has them."""
    if flags is None:
        flags = linescan.line_flags(blocks)
    # The lines whose `text_end` ends with a colon, told in C (`ENDS_COLON`).
    for i in linescan.lines_with(flags, linescan.ENDS_COLON):
        end = text_end(blocks[i].text)
        if end.endswith((":", "：")) and word_count(end) <= INTRO_WORDS:
            return True
    return False


def orphan_intros(blocks: Sequence[Block], verdicts: list[Verdict], rows: list[int]) -> bool:
    """A short kept line ending in a colon ("Tonton video:", "Watch:", "Смотрите видео:")
    whose next line was removed, and after which the article's prose goes on, introduced
    an embed or a link that is gone: the clean text would read "Watch:" and then a
    paragraph. In any language, since the colon is the sign. (At the end of the text,
    `context._dangling_header` removes such a line.) True if any verdict changed."""
    changed = False
    for pos, i in enumerate(rows[:-1]):
        verdict = verdicts[i]
        if not (verdict.keep and verdict.rule in (None, "line-model")):
            continue
        text = text_end(blocks[i].text)
        if not text.endswith((":", "：")) or word_count(text) > INTRO_WORDS:
            continue
        # What it introduced: the next line with words (a line of symbols or invisible
        # characters, such as a zero-width joiner before a list, introduces nothing).
        nxt = next(
            (j for j in range(i + 1, len(blocks)) if verdicts[j].rule != "symbol-line"), None
        )
        if nxt is None or verdicts[nxt].keep:
            continue
        following = next((j for j in rows[pos + 1 :] if verdicts[j].keep), None)
        if following is None or not is_prose(blocks[following].text):
            continue
        detail = f"ends with a colon, and what it introduced (line {blocks[nxt].start}) is gone"
        verdicts[i] = verdict.overruled(Label.BOILERPLATE, "orphan-intro", detail)
        changed = True
    return changed


# A bare time of day: "14:31", "2:05 pm", "14h31", or with one short word of a clock or a
# zone after it ("10:20 Uhr", "16:40 GMT", "9.05 uur", "10:45 น."): a post's stamp in a
# live blog. The word is letters only, so "10:20 Uhr" is a stamp and "10:20 Uhr: Ankunft"
# is not.
_BARE_TIME = re.compile(
    r"\s*\d{1,2}[:h]\d{2}(?:\s*[ap]\.?m\.?|\s[^\W\d_]{1,4}\.?)?\s*", re.IGNORECASE
)
STAMP_RUN = 3
# A match's minute alone on a line, with its stoppage time: "78'", "90+3'", "45 + 2′": a
# sports live ticker's post stamp. The prime is required ("78" alone is a figure).
_MATCH_MINUTE = re.compile(r"\s*(\d{1,3})(?:\s?\+\s?(\d{1,2}))?\s?['’′]\s*")


def may_stamp(blocks: Sequence[Block], flags: bytes | None = None) -> bool:
    """STAMP_RUN lines of the file or more are bare times of day or a match's minutes:
    fewer, and `post_stamps` finds no run of stamps on any pass (its stamps are some of
    these lines). `flags`: the blocks' `linescan.line_flags`, where the caller has them."""
    if flags is None:
        flags = linescan.line_flags(blocks)
    found = 0
    # A bare time opens with a digit or a space (`\d` and `\s` are str.isdecimal and
    # isspace, isdigit holds more): the regexes for those lines only (`STAMP`, told in C).
    for i in linescan.lines_with(flags, linescan.STAMP):
        text = blocks[i].text
        if _BARE_TIME.fullmatch(text) or _MATCH_MINUTE.fullmatch(text):
            found += 1
            if found >= STAMP_RUN:
                return True
    return False


def post_stamps(blocks: Sequence[Block], verdicts: list[Verdict], rows: list[int]) -> bool:
    """Remove the kept ones of a live blog's post stamps: three or more bare times of day
    in play, each right above a paragraph of prose. The date rule matches each, and the
    model, reading each on its own between two posts, kept some and not others (p 0.4 to
    0.6): one post's stamp is like another's. Under a dev-set page's lines, a bare time
    on its own line was never the article's. A schedule's times stand above short lines,
    not prose, and a table's cells are the table's. True if any verdict changed."""
    stamps = []
    for pos, i in enumerate(rows[:-1]):
        verdict = verdicts[i]
        soft = verdict.rule == "date-line" or (
            verdict.keep
            and verdict.rule == "line-model"
            and verdict.detail.startswith("date-line ")
        )
        if soft and _BARE_TIME.fullmatch(blocks[i].text) and is_prose(blocks[rows[pos + 1]].text):
            stamps.append(i)
    if len(stamps) < STAMP_RUN:
        return _match_minutes(blocks, verdicts, rows)
    detail = f"one of {len(stamps)} times of day above posts: a live blog's stamps"
    changed = _stamps_go(verdicts, stamps, detail)
    return _live_posts(blocks, verdicts, rows, _pinned(blocks, rows, stamps) + stamps) or changed


def _pinned(blocks: Sequence[Block], rows: list[int], stamps: list[int]) -> list[int]:
    """The live blog's "Pinned" label above its first stamp ("Fixado", "Sabitlendi": the
    packs' `pinned_labels`, read in every language together), as one more mark: the post
    under it is the blog's, set above the newest, and the model read it among the header's
    short lines ("Refresh", the share bar) and removed it (p 0.29). [] when there is none."""
    labels = pack_word_list("pinned_labels")
    for pos in range(rows.index(stamps[0]) - 1, -1, -1):
        text = blocks[rows[pos]].text.strip().rstrip(":").casefold()
        if text in labels:
            return [rows[pos]] if pos + 1 < len(rows) and is_prose(
                blocks[rows[pos + 1]].text
            ) else []
    return []


def _stamps_go(verdicts: list[Verdict], stamps: list[int], detail: str) -> bool:
    """Remove `stamps` as posts' stamps ("post-stamp": `detail`); True if a kept one went.
    One a date rule removed already is named a stamp too: the first post's time is no date
    of the article's ("16:40" beside "Last updated: 23 November 2026"). The text is the
    same."""
    changed = False
    for i in stamps:
        if verdicts[i].keep:
            verdicts[i] = verdicts[i].overruled(Label.BOILERPLATE, "post-stamp", detail)
            changed = True
        elif verdicts[i].rule == "date-line":
            verdicts[i] = verdicts[i].overruled(Label.BOILERPLATE, "post-stamp", detail)
    return changed


def _match_minutes(blocks: Sequence[Block], verdicts: list[Verdict], rows: list[int]) -> bool:
    """A sports live ticker's posts under the match's minutes ("90+3'", "78'", ... "1'"):
    STAMP_RUN or more minutes, in play and in order (the newest post first, or the first
    minute first), each right above a sentence. The stamps go, as a live blog's times of
    day do, and the sentences the model removed from the posts stay when it kept some of
    one post (`marked_items`): a minute's prime is no comment thread's stamp, and the
    order is the match's, so one kept post is the ticker's as much as half of them; the
    model kept the newest and eroded the rest among the page's end (p 0.22-0.39). True if
    any verdict changed."""
    stamps: list[int] = []
    minutes: list[tuple[int, int]] = []
    for pos, i in enumerate(rows[:-1]):
        found = _MATCH_MINUTE.fullmatch(blocks[i].text)
        if found is None or verdicts[i].rule not in (None, "line-model"):
            continue
        if _item_sentence(blocks[rows[pos + 1]].text):
            stamps.append(i)
            minutes.append((int(found[1]), int(found[2] or 0)))
    ordered = minutes == sorted(minutes) or minutes == sorted(minutes, reverse=True)
    if len(stamps) < STAMP_RUN or not ordered:
        return False
    # (No minute here is a date rule's: `_stamps_go` relabels kept ones only.)
    detail = f"one of {len(stamps)} minutes of a match above posts: a live ticker's stamps"
    changed = _stamps_go(verdicts, stamps, detail)
    reason = f"a sentence of a post under one of {len(stamps)} minutes of a live ticker"
    return marked_items(blocks, verdicts, rows, stamps, "live-post", reason, least=1) or changed


def _live_posts(
    blocks: Sequence[Block], verdicts: list[Verdict], rows: list[int], stamps: list[int]
) -> bool:
    """Keep the sentences the model removed from a live blog's posts (`marked_items`): the
    model, reading the later posts among the ad markers and prompts of the page's end,
    removed them (p 0.03-0.22) as chrome. A comment thread stamped the same way after an
    article has its posts removed, not kept, so it keeps none. True if any verdict
    changed."""
    reason = f"a sentence of a post under one of {len(stamps)} live blog stamps"
    return marked_items(blocks, verdicts, rows, stamps, "live-post", reason)


def marked_items(
    blocks: Sequence[Block],
    verdicts: list[Verdict],
    rows: list[int],
    marks: list[int],
    rule: str,
    reason: str,
    least: int | None = None,
) -> bool:
    """Keep, as `rule`, the sentences the model removed from the items of a sequence whose
    each item opens with a mark (a live blog's stamp, a gallery's "3 / 8"), when the model
    kept some of at least half the items (or of `least` items, where the marks alone tell
    the sequence is the article's): one item is like another. An item is the lines in
    play from its mark to the next (lines a rule removed between stay removed); the last
    one's ends at the first line that is neither kept nor a sentence the model removed.
    True if any verdict changed."""
    where = {i: pos for pos, i in enumerate(rows)}
    items: list[list[int]] = []
    for k, mark in enumerate(marks):
        last = k + 1 == len(marks)
        end = len(rows) if last else where[marks[k + 1]]
        item = []
        for i in rows[where[mark] + 1 : end]:
            if not (verdicts[i].keep or verdicts[i].rule == "line-model"):
                if last:
                    break  # past the last item: the page's own end
                continue  # a credit, an ad marker or a "read also" line inside an item
            if last and not (verdicts[i].keep or _item_sentence(blocks[i].text)):
                break
            item.append(i)
        items.append(item)
    held = sum(any(verdicts[i].keep for i in item) for item in items)
    if held < (least if least is not None else (len(items) + 1) // 2):
        return False
    lost = [
        i for item in items for i in item
        if not verdicts[i].keep and _item_sentence(blocks[i].text)
    ]
    return keep_removed(verdicts, lost, rule, reason)


ITEM_SENTENCE_WORDS = 4


def _item_sentence(text: str) -> bool:
    """A sentence of an item: a few words ending in a stop (a post or a caption may be one
    short line)."""
    end = text_end(text).rstrip("\"'”’»)")
    return word_count(text) >= ITEM_SENTENCE_WORDS and end.endswith(SENTENCE_STOPS)
