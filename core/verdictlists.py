"""A review's two verdict lists at its end: "Pros" and a few short lines, "Cons" and a
few more ("Vorteile" / "Nachteile", "Плюсы" / "Минусы").

The line model reads a run of short lines after the last paragraph as the page's tail
(related links, a buy box, a footer), and its scores fade down the list: the verdict
that closes a review goes out with the chrome below it. `labels.py` keeps such labels
when they take turns under several products; a single review has them once. The two
heads are words every review site of a language prints (the packs' "verdict_lists"),
and what makes them the article's is the layout: the first head follows a kept line of
the article (at most GAP removed lines between), a list of 1 to MAX_ITEMS short lines
stands under each head, and the second list is no longer than the first allows
(MAX_ITEMS, and stops at a line a rule removed, such as "Check price"). Then the heads
and the items the model removed are kept ("verdict-list"). Pages without a head line
(almost all) are passed over after one look at each short line, once per file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .model import Verdict, keep_removed
from .prose import word_count
from .rules import verdict_list_labels

MAX_HEAD_CHARACTERS = 30  # a cheap bound before normalising a line
MAX_ITEMS = 8  # a verdict is a handful of points; more is a list of something else
MAX_ITEM_WORDS = 25  # a point, not a paragraph
GAP = 2  # removed lines allowed between the article's last kept line and the first head
# A head may be written "Pros:", "- Pros", "**Pros**", "Pros (3)".
_DECOR = re.compile(r"^[\W_]+|[\W_]+$")
_COUNT = re.compile(r"\s*\(\d+\)$")


@dataclass(frozen=True, slots=True)
class VerdictLists:
    """One pair of verdict lists: the heads' lines and each list's item lines."""

    first: int
    second: int
    items: tuple[int, ...]  # both lists' items, in file order
    rule_stops: tuple[int, ...]  # second-list lines that end it if a rule removed them


def _head(text: str) -> str | None:
    if len(text) > MAX_HEAD_CHARACTERS:
        return None
    return _short_head(text)


def _short_head(text: str) -> str | None:
    r"""`_decorated_head(text)`: most short lines (a dev page's are mostly its own) start
    and end with a letter or digit, where neither regex can cut anything (a count ends with
    ")", a decoration is `[\W_]`, whose complement is what `str.isalnum` accepts), so the
    head is the stripped line case-folded, without the regexes or the cache's bookkeeping."""
    stripped = text.strip()
    if stripped and stripped[0].isalnum() and stripped[-1].isalnum():
        return stripped.casefold()
    return _decorated_head(text)


# Short lines recur across a site's pages (menus, buttons): each normalised once a run.
@lru_cache(maxsize=1 << 16)
def _decorated_head(text: str) -> str | None:
    return _DECOR.sub("", _COUNT.sub("", text.strip())).casefold() or None


def _item(text: str) -> bool:
    return 0 < word_count(text) <= MAX_ITEM_WORDS


def find(texts: Sequence[str]) -> list[VerdictLists] | None:
    """The file's verdict-list pairs, read on the text alone once per file; None when no
    line is a first head (most files)."""
    pairs = verdict_list_labels()
    firsts = [
        (i, h)
        for i, t in enumerate(texts)
        if len(t) <= MAX_HEAD_CHARACTERS and (h := _short_head(t)) in pairs
    ]
    if not firsts:
        return None
    seconds = set(pairs.values())
    found = []
    for i, head in firsts:
        want = pairs[head]
        j = i + 1
        while j < len(texts) and j - i - 1 <= MAX_ITEMS and _head(texts[j]) != want:
            if not _item(texts[j]) or _head(texts[j]) in pairs or _head(texts[j]) in seconds:
                break
            j += 1
        if j >= len(texts) or _head(texts[j]) != want or j == i + 1 or j - i - 1 > MAX_ITEMS:
            continue
        after = []
        k = j + 1
        while k < len(texts) and len(after) < MAX_ITEMS and _item(texts[k]):
            h = _head(texts[k])
            if h in pairs or h in seconds:
                break
            after.append(k)
            k += 1
        if not after:
            continue
        found.append(VerdictLists(i, j, (*range(i + 1, j), *after), tuple(after)))
    return found or None


# The removals a verdict list overrules: the model's, and a run of link-like lines at a
# pack-less page's bottom (`edges.menu_runs`), which two short lists under their heads are
# in shape, with no word of a menu.
DOUBTED = ("line-model", "menu-run")


def verdict_lists(
    found: list[VerdictLists] | None, verdicts: list[Verdict], rows: list[int]
) -> bool:
    """Keep the heads and items of each pair in `found` (see `find`) that follows a kept
    line of the article, as a second run would see the file (`rows`). True if any verdict
    changed."""
    if found is None:
        return False
    position = {i: n for n, i in enumerate(rows)}
    changed = False
    for pair in found:
        if pair.first not in position or pair.second not in position:
            continue
        n = position[pair.first]
        before = rows[max(0, n - GAP - 1) : n]
        # The article above: a kept line that this pass did not keep itself (a second
        # cleaning sees only the article, so the list's own lines cannot hold it up).
        if not any(
            verdicts[i].keep and verdicts[i].rule != "verdict-list" for i in before
        ):
            continue
        lines = [pair.first, pair.second]
        stops = set(pair.rule_stops)
        for i in pair.items:
            if i not in position:
                continue
            verdict = verdicts[i]
            if i in stops and not verdict.keep and verdict.rule not in DOUBTED:
                break  # a rule's line ("Check price") closes the second list
            if not verdict.keep and verdict.rule not in DOUBTED:
                continue
            lines.append(i)
        lines = [i for i in lines if not verdicts[i].keep and verdicts[i].rule in DOUBTED]
        if lines:
            changed |= keep_removed(
                verdicts,
                lines,
                "verdict-list",
                f"a review's verdict lists under lines {pair.first + 1} and {pair.second + 1}",
            )
    return changed
