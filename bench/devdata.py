"""Load the shared dev set as labelled lines, for training and error analysis.

A line of an input is labelled body (1) when the truth holds it: as a whole
truth line, as a run of words inside the truth (truth paragraphs often join
several input lines) or, for short lines, at the start or end of a truth line
(a list item's lead-in). Everything here is for development only: nothing the
package ships reads the dev set.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

HERE = Path(__file__).resolve().parent
DEFAULT_DEVSET = HERE.parent.parent / "shared" / "devset"
_TOKEN = re.compile(r"\w+")


def norm(text: str) -> str:
    return " ".join(_TOKEN.findall(text.lower()))


@dataclass
class Page:
    id: str
    domain: str
    variant: str
    path: Path
    truth: str


def domain_of(url: str) -> str:
    host = urlparse(url).hostname or url
    parts = host.lower().split(".")
    if parts and parts[0] == "www":
        parts = parts[1:]
    # Group by registrable-ish domain: last two labels (three for co.uk-style).
    if len(parts) >= 3 and len(parts[-2]) <= 3 and len(parts[-1]) == 2:
        return ".".join(parts[-3:])
    return ".".join(parts[-2:])


def pages(devset: Path = DEFAULT_DEVSET, variant: str = "full") -> list[Page]:
    manifest = [json.loads(line) for line in (devset / "manifest.jsonl").open()]
    found = []
    for rec in manifest:
        path = devset / "pages" / f"{rec['id']}.{variant}.txt"
        if not path.exists():
            continue
        truth = (devset / "pages" / f"{rec['id']}.truth.txt").read_text("utf-8")
        found.append(Page(rec["id"], domain_of(rec["url"]), variant, path, truth))
    return found


class Truth:
    def __init__(self, text: str) -> None:
        lines = [norm(line) for line in text.split("\n")]
        self.lines = Counter(line for line in lines if line)
        self.text = " " + " ".join(line for line in lines if line) + " "
        self.bag = Counter(self.text.split())
        self.starts = set()
        self.ends = set()
        for line in self.lines:
            toks = line.split()
            for k in range(1, min(len(toks), 6)):
                self.starts.add(" ".join(toks[:k]))
                self.ends.add(" ".join(toks[-k:]))

    def label(self, line: str) -> int:
        n = norm(line)
        if not n:
            return 0
        if self.lines.get(n, 0) > 0:
            self.lines[n] -= 1
            return 1
        words = n.count(" ") + 1
        if words >= 4 and f" {n} " in self.text:
            return 1
        if words < 6 and (n in self.starts or n in self.ends) and words >= 2:
            return 1
        if words >= 20:
            # A long line the truth split differently (or spelled a little differently).
            mine = Counter(n.split())
            inside = sum((mine & self.bag).values())
            if inside >= 0.9 * words:
                return 1
        return 0


def labels(texts: list[str], truth: str) -> list[int]:
    t = Truth(truth)
    return [t.label(x) for x in texts]
