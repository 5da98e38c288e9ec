"""Paragraphs a scraper glued into one line, cut apart at their joins.

A scraper that takes an element's `textContent`, or strips tags without putting breaks in
their place, writes a whole article as one line: "...emotional regulation.The default
mode...", a heading run into its paragraph ("Long-term cognitive protectionEach ..."), the
sign-up prompt and related links glued to the last sentence. Read as it is, that line is
one paragraph: the chrome at its end cannot be removed without the article, and its one
fingerprint cannot match the same body written as paragraphs elsewhere.

The mark of glue is the scraper's, not the site's: a sentence's last word, its stop and the
next sentence's capitalised first word with no space between ("regulation.The",
"matters?\u201dWhy"). People write that by mistake once in a while; a scraper writes it at
every paragraph break. So a file is cut only when it shows the habit: its long lines hold
`FILE_JOINS` different joined pairs of words. What is no glue is left alone by the shape of
the join itself: the word before the stop has two letters or more ("U.S.The", "e.g.The" are
not joins), is no title ("Dr.Smith") and follows no path character ("docs/Guide.Intro"),
and the word after it is a plain capitalised word that a space or a comma ends, which
"Node.js", "3.5.Final", "System.Text.Json", "os.Create(", "www.Example.com" and file names
are not; lines that read as code (braces, "=", "();") are not counted or cut at all. A word
joined to two different words ("config.Load", "config.Save"), or a capitalised one joined
to the same word twice ("String.Index"), is a name with members (`_names`).

In a line that is cut, a heading run into the next paragraph is cut too where a word that
opens in lower case runs into a capitalised one ("protectionEach"): "iPhone", "eBay" and
"WordPress" do not have that shape (a word of three lower-case letters or more first).

The parts take the place of the line as paragraphs (a blank line between two), so line
numbers in the report count the lines of the text after the cut, as they do after
`markup.unmarkup`; the report's note names the lines that were cut. Cutting depends on the
text alone, so it is the same on every run, and its output has no join left to cut.
"""

from __future__ import annotations

import re
from collections import Counter

MIN_CHARS = 200  # lines shorter than this are not scanned: the check on them is a length
FILE_JOINS = 3  # joins over a file's long lines that show its scraper glues
NOTE = "glued paragraphs split apart"  # how the report's note on a cut text opens

# A sentence's stop (and its closing quote or bracket) between two words with no space:
# two letters before the stop, a capitalised word after it (perhaps opening a quote) that a
# space or a comma ends. The cut is made after the closing quote, before the opening one.
_JOIN = re.compile(
    r"(?<=[^\W\d_]{2}[.!?])[\"\u201d\u2019')\]]?"
    r"(?=[\u201c\u2018(]?[A-Z][a-z]*[\s,;:\u2019'-])"
)
# What every join holds, in a pattern that opens with a class (`re` skips to its first
# character in a tight loop): a file with fewer of these than `FILE_JOINS` has no glue.
_QUICK = re.compile(r"[.!?][\"\u201d\u2019')\]]?[\u201c\u2018(]?[A-Z]")
# A word opening in lower case run into a capitalised word: a heading glued to its text.
_RUN_ON = re.compile(r"(?<![^\W\d_])[a-z]{3,}(?=[A-Z][a-z]+[\s,])")
# Titles written with a stop before a name: "Dr.Smith" is no sentence's end.
_TITLES = frozenset((
    "mr", "mrs", "ms", "dr", "st", "mt", "jr", "sr", "prof", "gen", "sen", "rep", "gov",
    "lt", "col", "capt", "sgt", "no", "vol", "fig", "vs", "ft",
))
_WORD_BEFORE = re.compile(r"[^\W\d_]+$")
_LONGEST_WORD = 40  # letters of the word before a stop read for the tests above
_WORD_AFTER = re.compile(r"[\u201c\u2018(]?([^\W\d_]+)")
_PATH = frozenset("/\\._@#=<>")  # before a word, these make it part of a path or a name
# What code has and glued prose does not.
_CODE = re.compile(r"[{}]|[^=!<>]=[^=]|\(\)|;\s*$|=>|::")


def _joins(line: str) -> list[tuple[int, str, str]]:
    """Where `line` may glue one sentence to the next: the offsets to cut at, each with
    the words before and after the stop."""
    cuts = []
    for match in _JOIN.finditer(line):
        stop = match.start() - 1
        # From a few letters back only: searched from the line's start, every join would
        # read the line again (quadratic on a long line of joins).
        word = _WORD_BEFORE.search(line, max(0, stop - _LONGEST_WORD), stop)
        if word is None or (word.start() and line[word.start() - 1] in _PATH):
            continue  # "Guides/Build.Html", "tests/Unit.Tests": a path
        before = word.group()
        if line[stop] == "." and before.lower() in _TITLES:
            continue
        after = _WORD_AFTER.match(line, match.end())
        cuts.append((match.end(), before, after.group(1) if after else ""))
    return cuts


def _names(joins: list[tuple[int, str, str]]) -> set[str]:
    """The words before a stop that read as names: one joined to two different words
    ("config.Load", "config.Save": a name and its members), or a capitalised one joined to
    the same word twice ("String.Index"). A scraper's glue joins the last word of each
    paragraph to the first of the next, and twice the same pair of lower-case words is a
    page that shows a glued paragraph twice, or two paragraphs that end alike."""
    afters: dict[str, set[str]] = {}
    pairs: Counter[tuple[str, str]] = Counter()
    for _, before, after in joins:
        afters.setdefault(before, set()).add(after)
        pairs[before, after] += 1
    return {before for before, words in afters.items() if len(words) > 1} | {
        before for (before, _), n in pairs.items() if n > 1 and before[0].isupper()
    }


def _candidates(lines: list[str]) -> dict[int, list[tuple[int, str, str]]]:
    """The long lines of prose that hold joins, and their joins that are no names."""
    found = {}
    for k, line in enumerate(lines):
        if len(line) < MIN_CHARS or not _QUICK.search(line) or _CODE.search(line):
            continue
        joins = _joins(line)
        if joins:
            found[k] = joins
    names = _names([join for joins in found.values() for join in joins])
    cuts = {}
    for k, joins in found.items():
        kept = [join for join in joins if join[1] not in names]
        if kept:
            cuts[k] = kept
    return cuts


def _parts(line: str, cuts: list[int]) -> list[str]:
    """`line` cut at `cuts` and at its run-on headings, each part stripped."""
    at = sorted(set(cuts) | {m.end() for m in _RUN_ON.finditer(line)})
    parts = []
    start = 0
    for cut in [*at, len(line)]:
        part = line[start:cut].strip()
        if part:
            parts.append(part)
        start = cut
    return parts


def unglue(text: str) -> tuple[str, list[str]]:
    """`text` with its glued lines cut into paragraphs (see the module's docstring), and a
    note for the report; `text` itself and no note when nothing is cut."""
    if len(_QUICK.findall(text)) < FILE_JOINS:
        return text, []
    lines = text.split("\n")
    found = _candidates(lines)
    pairs = {(before, after) for joins in found.values() for _, before, after in joins}
    if len(pairs) < FILE_JOINS:
        return text, []
    out = list(lines)
    for k, cuts in found.items():
        out[k] = "\n\n".join(_parts(lines[k], [at for at, _, _ in cuts]))
    shown = ", ".join(str(k + 1) for k in sorted(found)[:5])
    more = ", ..." if len(found) > 5 else ""
    return "\n".join(out), [f"{NOTE} on {len(found)} line(s) ({shown}{more})"]


def cut_in(notes: list[str]) -> bool:
    """Whether the notes of a text's loading (`Loaded.repairs`) say unglue cut it: when
    they do not, the same text loaded again is left as it is (`analyze.load`'s `uncut`)."""
    return any(note.startswith(NOTE) for note in notes)
