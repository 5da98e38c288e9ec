"""Where a cleaner's lost recall goes: which mechanism removed the truth's words, from where.

    python bench/recall_loss.py [--devset DIR] --cv DIR [--variant region] [--limit N]
                                [--save PAGES.json | --load PAGES.json] [--json OUT] [--top N]

Recall is the dev scorer's (bag of lowercase \\w+ words with repeats, per page, averaged over
pages), so the figures add up to 1 - R. Each page is cleaned in this process the way
`bench/devset.py --cv DIR` cleans it (the line model of the fold that held its site out, all
the variant's pages of a fold in one run, so site templates and duplicates across pages act
as they do there), and the run's removed-line records (what `copydesk clean --report` writes)
name what removed each paragraph: a rule of a pack, the line model (alone, or confirming a
soft rule), a context pass, a duplicate.

A truth word is missing when the output holds fewer copies of it than the truth; which truth
copies are the missing ones is decided by aligning the truth's words, in order, with the
page's paragraphs (kept and removed, in input order): a word's deficit (truth count less
output count) is shared among its truth copies that do not align with a kept paragraph, and
each copy's share goes to the paragraph it aligns with and so to the mechanism that removed
that paragraph. A copy that aligns with nothing is "not in the input" (the truth has text the
input does not, or in another order).

Each removed paragraph is also placed by where it stands among the page's paragraphs (top
tenth, middle, last tenth) and by its length in words.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORD = re.compile(r"\w+")  # the dev scorer's words (NFC, lowercased)
UNALIGNED = "not in the input"
UNWRITTEN = "kept, not written"  # the output lacks a word its kept paragraphs hold


def words(text: str) -> list[str]:
    return WORD.findall(unicodedata.normalize("NFC", text).lower())


@dataclass
class Segment:
    """A paragraph of the input, or the part a rule cut from a kept one."""

    text: str
    mechanism: str | None  # None: written to the output
    place: str  # "top tenth", "middle" or "last tenth" of the page's paragraphs


@dataclass
class Loss:
    page: str
    mechanism: str
    place: str
    words: int  # of the paragraph that held the missing words
    loss: float  # share of the run's lost recall
    text: str


def page_losses(page: str, segments: list[Segment], output: str, truth: str,
                pages: int) -> list[Loss]:
    """The paragraphs of one page that held truth words missing from its output, with each
    one's share of the run's lost recall (a page's lost recall over `pages`)."""
    truth_words = words(truth)
    out_count = Counter(words(output))
    if not truth_words:
        # The scorer gives recall 0 to a page with an empty truth and a non-empty output.
        return [Loss(page, "output where the truth is empty", "-", 0, 1.0 / pages, "")
                ] if out_count else []
    truth_count = Counter(truth_words)
    deficit = {w: n - out_count[w] for w, n in truth_count.items() if n > out_count[w]}
    if not deficit:
        return []
    stream = [(k, w) for k, s in enumerate(segments) for w in words(s.text)]
    owner: list[int | None] = [None] * len(truth_words)
    matcher = difflib.SequenceMatcher(None, truth_words, [w for _, w in stream], autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for j in range(size):
            owner[a + j] = stream[b + j][0]
    open_copies: dict[str, list[int]] = defaultdict(list)  # truth copies not aligned as kept
    for t, w in enumerate(truth_words):
        if w in deficit and (owner[t] is None or segments[owner[t]].mechanism is not None):
            open_copies[w].append(t)
    scale = 1.0 / len(truth_words) / pages
    by_segment: Counter[int] = Counter()
    unaligned = unwritten = 0.0
    for w, n in deficit.items():
        copies = open_copies.get(w)
        if not copies:
            unwritten += n * scale
            continue
        share = n / len(copies) * scale
        for t in copies:
            if owner[t] is None:
                unaligned += share
            else:
                by_segment[owner[t]] += share
    out = [
        Loss(page, segments[k].mechanism or UNWRITTEN, segments[k].place,
             len(words(segments[k].text)), loss, segments[k].text[:300])
        for k, loss in sorted(by_segment.items())
    ]
    if unaligned:
        out.append(Loss(page, UNALIGNED, "-", 0, unaligned, ""))
    if unwritten:
        out.append(Loss(page, UNWRITTEN, "-", 0, unwritten, ""))
    return out


def place(index: int, count: int) -> str:
    """Where the `index`th (0-based) of `count` paragraphs stands."""
    if index < count * 0.1:
        return "top tenth"
    return "last tenth" if index >= count * 0.9 else "middle"


def mechanism(reason: dict, pack_of: dict[str, str], page_file: str = "") -> str:
    """What removed a paragraph of `page_file`, from its removed-line record's reason."""
    rule = reason.get("rule")
    label = reason.get("label", "")
    if "duplicate_of" in reason:
        where = "same page" if reason["duplicate_of"].get("file") == page_file else "other page"
        return f"duplicate ({where}): {rule}"
    if rule is None:
        return label
    if rule == "line-model":
        return "model"
    if "(soft rule)" in reason.get("detail", ""):
        return f"model on soft rule: {rule}"
    if rule in pack_of:
        return f"rule ({pack_of[rule]}): {rule}"
    return f"pass: {rule}"


def pack_rules() -> dict[str, str]:
    """Each pack rule's id and where it is: "common" (every language's rules) or "language
    pack" (ids repeat across the language packs, so the pack is not told)."""
    from importlib import resources

    import copydesk.core.rules as rules

    out: dict[str, str] = {}
    # common.json first, so that an id in it and in a language pack counts as common
    for f in sorted(resources.files(rules.__package__).joinpath("packs").iterdir(),
                    key=lambda f: (f.name != "common.json", f.name)):
        if f.name.endswith(".json"):
            data = json.loads(f.read_text(encoding="utf-8"))
            for rule in data.get("rules", []):
                where = "common" if f.name == "common.json" else "language pack"
                out.setdefault(rule["id"], where)
    return out


def page_segments(blocks, removed: list[dict], pack_of: dict[str, str],
                  page_file: str = "") -> list[Segment]:
    """A page's paragraphs in input order, each with what removed it (None: kept); a
    paragraph a rule cut a prefix or suffix from is split into the cut and the rest."""
    records = {r["paragraph"]: r for r in removed}
    out = []
    for k, block in enumerate(blocks):
        where = place(k, len(blocks))
        record = records.get(block.index)
        if record is None:
            out.append(Segment(block.text, None, where))
            continue
        how = mechanism(record["reason"], pack_of, page_file)
        if not record.get("partial"):
            out.append(Segment(block.text, how, where))
            continue
        text, cut = block.text.strip(), record["text"]
        if text.startswith(cut):
            out += [Segment(cut, how, where), Segment(text[len(cut):], None, where)]
        else:
            rest = text[: len(text) - len(cut)] if text.endswith(cut) else text
            out += [Segment(rest, None, where), Segment(cut, how, where)]
    return out


def collect(devset: Path, cv: Path, variant: str, limit: int | None) -> dict[str, dict]:
    """Clean the variant's pages as `devset.py --cv` does; per page, its segments and output."""
    sys.path.insert(0, str(HERE))
    from devset import fold_groups, fold_model, sources_of, use_model

    from copydesk.core.analyze import load
    from copydesk.core.config import Config
    from copydesk.core.pipeline import Destination, run

    config = Config()
    pack_of = pack_rules()
    sources = sources_of(devset / "pages", variant, limit)
    pages: dict[str, dict] = {}
    try:
        for k, group in fold_groups(sources, cv, devset).items():
            use_model(fold_model(cv, k))
            result = run(group, config, Destination(dry_run=True, keep_text=True))
            for outcome in result.outcomes:
                blocks = load(outcome.source, config).blocks
                removed = list(outcome.entry.get("removed", []))
                segments = page_segments(blocks, removed, pack_of, outcome.source.display)
                pages[outcome.source.relpath.split(".")[0]] = {
                    "output": outcome.text or "",
                    "segments": [asdict(s) for s in segments],
                }
    finally:
        use_model(None)
    return dict(sorted(pages.items()))


def run_losses(pages: dict[str, dict], truth: Path) -> list[Loss]:
    out = []
    for page, rec in pages.items():
        text = (truth / f"{page}.truth.txt").read_text(encoding="utf-8", errors="replace")
        segments = [Segment(**s) for s in rec["segments"]]
        out += page_losses(page, segments, rec["output"], text, len(pages))
    return out


def _size(n: int) -> str:
    if n == 0:
        return "-"
    return "1-2 words" if n <= 2 else "3-8 words" if n <= 8 else (
        "9-20 words" if n <= 20 else "21+ words")


def _kind(mechanism: str) -> str:
    return mechanism.split(":")[0].split(" (")[0]


def summary(losses: list[Loss]) -> dict[str, dict[str, float]]:
    """Lost recall by kind of mechanism, by mechanism, by place, by size, and by the
    mechanism's place and size."""
    tables: dict[str, Counter] = {k: Counter() for k in
                                  ("kind", "mechanism", "place", "size", "mechanism by place",
                                   "mechanism by size")}
    for x in losses:
        tables["kind"][_kind(x.mechanism)] += x.loss
        tables["mechanism"][x.mechanism] += x.loss
        tables["place"][x.place] += x.loss
        tables["size"][_size(x.words)] += x.loss
        tables["mechanism by place"][f"{x.mechanism} | {x.place}"] += x.loss
        tables["mechanism by size"][f"{x.mechanism} | {_size(x.words)}"] += x.loss
    return {name: dict(c.most_common()) for name, c in tables.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--devset", type=Path, default=HERE.parent.parent / "shared" / "devset")
    parser.add_argument("--cv", type=Path, help="fold models (train_lines.py --cv-dir)")
    parser.add_argument("--variant", default="region")
    parser.add_argument("--limit", type=int, help="first N pages of the variant")
    parser.add_argument("--save", type=Path, help="write the pages' segments and outputs")
    parser.add_argument("--load", type=Path, help="read them instead of cleaning")
    parser.add_argument("--json", type=Path, help="every paragraph with missing words, as JSON")
    parser.add_argument("--top", type=int, default=25, help="rows shown per table")
    args = parser.parse_args(argv)
    if args.load is not None:
        pages = json.loads(args.load.read_text(encoding="utf-8"))
    elif args.cv is not None:
        pages = collect(args.devset, args.cv, args.variant, args.limit)
    else:
        parser.error("give --cv (to clean the pages) or --load")
    if args.save is not None:
        args.save.write_text(json.dumps(pages), encoding="utf-8")
    if not pages:
        print("no pages", file=sys.stderr)
        return 2
    losses = run_losses(pages, args.devset / "pages")
    print(f"{len(pages)} pages, lost recall {sum(x.loss for x in losses):.5f}")
    for name, rows in summary(losses).items():
        print(f"{name}:")
        for key, loss in list(rows.items())[: args.top]:
            print(f"  {key:60s} {loss:.5f}")
    if args.json is not None:
        args.json.write_text(json.dumps([asdict(x) for x in losses]), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
