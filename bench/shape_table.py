"""Which shapes of kept line the truth drops, by where they sit in the output.

    python bench/shape_table.py KEPT.json [--manifest DEVSET/manifest.jsonl]

KEPT.json is `precision_mechanism.py --json`: every kept line of a CV run with its words,
its words outside the truth and its share of the run's lost precision. A mechanism can only
use what it sees, so positions here are the output's own, never the truth's: the last
line, the last three, the **closing run** (the lines after the output's last line of
PROSE_WORDS words or more) and **inside** (not the first three lines nor the last five).
For each shape at each position the table counts the pages where the truth drops every
line of the shape there ("drops") against the pages where it keeps at least one: a shape
worth a pass is one the truth drops on most of the pages that have it (region38 asked for
80 %). A line is outside the truth when WHOLE of its words are (`precision_loss.WHOLE`).

Also printed: the lost precision after the page's last line that is in the truth (the
"tail" of `precision_mechanism`), by how many prose lines that tail holds (three or more is
mostly a truth that stops before the article does), and, with `--manifest`, the lines
repeated on two or more pages of one site in the run (what a template pass could name).

Shapes are word lists and layout of English pages (the dev set is mostly English): a
measure of what the truth does, not a rule to ship.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from urllib.parse import urlparse

from precision_loss import WHOLE

PROSE_WORDS = 20  # a line this long is the article's or a blurb's paragraph, not a label

Line = dict  # one record of precision_mechanism's --json
Shape = Callable[[Sequence[Line], int], bool]

_YOU = re.compile(r"\b(you|your|you're|you’re|you'll|you’ll|yourself)\b", re.I)
_WE = re.compile(r"\b(we|our|us|we're|we’re|we've|we’ve)\b", re.I)
_CTA = re.compile(
    r"(learn|contact|call|visit|click|subscribe|sign|join|follow|get|start|explore|find|"
    r"request|book|download|share|check|read|discover|shop|order|try|register|support|"
    r"donate|see|watch|listen|email|schedule|reach|browse)\b", re.I)
_DISCLAIM = re.compile(
    r"disclaimer|disclosure|affiliate link|views expressed|not (necessarily )?(reflect|"
    r"responsible)|informational purposes|not (intended|a substitute)|registered trademark|"
    r"all rights reserved|©", re.I)
_PROVENANCE = re.compile(
    r"\bthis (article|story|post|piece|podcast|episode|report|essay) (was|is|first|"
    r"originally|may|contains|has been|appeared)\b", re.I)
_ORG_IS = re.compile(
    r"([A-Z][\w&.,'’-]*\s?){1,6}(,? (LLC|Inc\.?),?)? (is|are) (a|an|the|one|committed|"
    r"dedicated)\b")
_CAPTION = re.compile(
    r"^(photo|image|picture|credit|source|pictured|illustration|via)\b|\b(getty images|"
    r"shutterstock|courtesy of|unsplash|istock|©)", re.I)
_SENTENCE_END = re.compile(r"[.!?][\"”)]?$")
_CLAUSE_END = re.compile(r"[.!?:…][\"”’)\]]*$")  # a label's colon ends it too


def _text(lines: Sequence[Line], i: int) -> str:
    return lines[i]["text"].strip()


def _title_case(text: str) -> bool:
    words = text.split()
    return (2 <= len(words) <= 12 and not re.search(r"[.!?:;]$", text)
            and sum(1 for w in words if w[:1].isupper()) >= 0.6 * len(words))


def _voice_shift(pattern: re.Pattern[str]) -> Shape:
    """The line speaks in a person (we, you) that the page's other paragraphs do not use
    (at most one in twenty of them): a company's or a newsletter's voice after a writer's."""
    def shape(lines: Sequence[Line], i: int) -> bool:
        if not pattern.search(_text(lines, i)):
            return False
        others = [x for j, x in enumerate(lines) if j != i and x["words"] >= 9]
        return bool(others) and sum(1 for x in others if pattern.search(x["text"])) <= \
            0.05 * len(others)
    return shape


SHAPES: dict[str, Shape] = {
    "any line": lambda lines, i: True,
    "you / your": lambda lines, i: bool(_YOU.search(_text(lines, i))),
    "we / our, the body not": _voice_shift(_WE),
    "you / your, the body not": _voice_shift(_YOU),
    "call-to-action verb first": lambda lines, i: bool(_CTA.match(_text(lines, i))),
    "'Ready to / Want to / Looking for'": lambda lines, i: bool(re.match(
        r"(ready|want|looking|need|interested|curious)\b", _text(lines, i), re.I)),
    "disclaimer / disclosure / ©": lambda lines, i: bool(_DISCLAIM.search(_text(lines, i))),
    "'this article was / contains'": lambda lines, i: bool(
        _PROVENANCE.search(_text(lines, i))),
    "'<Name> is a' (an organisation's about)": lambda lines, i: bool(
        _ORG_IS.match(_text(lines, i))),
    "URL or e-mail": lambda lines, i: bool(re.search(r"https?://|www\.|\S+@\S+\.\w",
                                                     _text(lines, i))),
    "question": lambda lines, i: _text(lines, i).endswith("?"),
    "1-4 words": lambda lines, i: lines[i]["words"] <= 4,
    "5-19 words, no sentence end": lambda lines, i: 4 < lines[i]["words"] < PROSE_WORDS
    and not _SENTENCE_END.search(_text(lines, i)),
    "short line after a sentence (1-12 words, no end)": lambda lines, i: i > 0
    and lines[i]["words"] <= 12 and not _CLAUSE_END.search(_text(lines, i))
    and lines[i - 1]["words"] >= 10 and bool(_SENTENCE_END.search(_text(lines, i - 1))),
    "caption or credit words": lambda lines, i: bool(_CAPTION.search(_text(lines, i))),
    "title-case line between two paragraphs": lambda lines, i: 0 < i < len(lines) - 1
    and _title_case(_text(lines, i)) and lines[i - 1]["words"] >= PROSE_WORDS
    and lines[i + 1]["words"] >= PROSE_WORDS,
    "quotation (8-60 words)": lambda lines, i: bool(re.match(r"[\"“”«„]", _text(lines, i)))
    and 8 <= lines[i]["words"] <= 60,
}


def _closing_run(lines: Sequence[Line]) -> range:
    last = max((i for i, x in enumerate(lines) if x["words"] >= PROSE_WORDS), default=None)
    return range(0) if last is None else range(last + 1, len(lines))


POSITIONS: dict[str, Callable[[Sequence[Line]], range]] = {
    "last line": lambda lines: range(max(len(lines) - 1, 0), len(lines)),
    "last 3": lambda lines: range(max(len(lines) - 3, 0), len(lines)),
    "closing run": _closing_run,
    "inside": lambda lines: range(3, max(len(lines) - 5, 3)),
}


def outside(line: Line) -> bool:
    return line["words"] > 0 and line["outside"] >= WHOLE * line["words"]


def by_page(kept: Sequence[Line]) -> dict[str, list[Line]]:
    """Each page's kept lines with words, in output order."""
    pages: dict[str, list[Line]] = defaultdict(list)
    for line in kept:
        if line["words"]:
            pages[line["page"]].append(line)
    for lines in pages.values():
        lines.sort(key=lambda x: x["index"])
    return pages


def shape_rows(pages: dict[str, list[Line]]) -> list[tuple[str, str, int, int, int, int, float]]:
    """(position, shape, pages the truth drops it on, pages it keeps some of it on, lines
    outside, lines in, lost precision of the lines outside) for every shape and position."""
    rows = []
    for place, where in POSITIONS.items():
        for name, shape in SHAPES.items():
            drops = keeps = out = kept_in = 0
            loss = 0.0
            for lines in pages.values():
                hits = [lines[i] for i in where(lines) if shape(lines, i)]
                if not hits:
                    continue
                gone = [x for x in hits if outside(x)]
                out += len(gone)
                kept_in += len(hits) - len(gone)
                loss += sum(x["loss"] for x in gone)
                if len(gone) == len(hits):
                    drops += 1
                else:
                    keeps += 1
            rows.append((place, name, drops, keeps, out, kept_in, loss))
    return rows


def tail_rows(pages: dict[str, list[Line]]) -> dict[str, tuple[int, float]]:
    """The lost precision after each page's last line in the truth, by how many prose lines
    (PROSE_WORDS words or more) that tail holds: pages and loss."""
    rows: dict[str, list] = defaultdict(lambda: [0, 0.0])
    for lines in pages.values():
        inside = [i for i, x in enumerate(lines) if x["outside"] < (1 - WHOLE) * x["words"]]
        tail = lines[(inside[-1] + 1) if inside else 0:]
        if not tail:
            continue
        prose = sum(1 for x in tail if x["words"] >= PROSE_WORDS)
        key = "no prose line" if not prose else ("1-2 prose lines" if prose <= 2
                                                  else "3+ prose lines")
        rows[key][0] += 1
        rows[key][1] += sum(x["loss"] for x in tail)
    return {k: (v[0], v[1]) for k, v in rows.items()}


def site_repeats(pages: dict[str, list[Line]], sites: dict[str, str]) -> tuple[int, int, float]:
    """Lines (3 words or more) whose text, case and punctuation aside, is kept on two or more
    pages of one site: (outside the truth, in it, lost precision of those outside)."""
    def norm(text: str) -> str:
        return re.sub(r"\W+", " ", text.lower()).strip()

    holders: dict[tuple[str, str], set[str]] = defaultdict(set)
    for page, lines in pages.items():
        for x in lines:
            if x["words"] >= 3:
                holders[sites.get(page, page), norm(x["text"])].add(page)
    out = kept_in = 0
    loss = 0.0
    for page, lines in pages.items():
        for x in lines:
            if x["words"] >= 3 and len(holders[sites.get(page, page), norm(x["text"])]) >= 2:
                if outside(x):
                    out += 1
                    loss += x["loss"]
                else:
                    kept_in += 1
    return out, kept_in, loss


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("kept", type=Path, help="precision_mechanism.py --json output")
    parser.add_argument("--manifest", type=Path, help="the dev set's manifest.jsonl (sites)")
    args = parser.parse_args(argv)
    pages = by_page(json.loads(args.kept.read_text(encoding="utf-8")))
    print(f"{len(pages)} pages")
    print("position     shape                                      pages  drops     %"
          "  lines out / in  lost precision")
    for place, name, drops, keeps, out, kept_in, loss in shape_rows(pages):
        total = drops + keeps
        share = 100 * drops / total if total else 0.0
        print(f"{place:12} {name:42} {total:5} {drops:6} {share:5.0f}  {out:6} / {kept_in:<6}"
              f"  {loss:.5f}")
    print("after the page's last line in the truth:")
    for key, (count, loss) in sorted(tail_rows(pages).items()):
        print(f"  {key:20} pages {count:4}  lost precision {loss:.5f}")
    if args.manifest:
        sites = {}
        for row in args.manifest.read_text(encoding="utf-8").splitlines():
            record = json.loads(row)
            sites[record["id"]] = urlparse(record["url"]).netloc
        out, kept_in, loss = site_repeats(pages, sites)
        print(f"lines kept on two or more pages of one site: {out} outside the truth, "
              f"{kept_in} in it (lost precision {loss:.5f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
