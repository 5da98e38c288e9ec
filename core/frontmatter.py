"""The optional header block of extracted metadata (`--front-matter`), and reading it back.

Rendered as YAML with JSON-quoted values (valid YAML, safe for any text):

    ---
    headline: "Mali army says 80 militants killed"
    date: ["2025-07-02"]
    ---

A cleaned file fed back in is recognised by this block, whose values are
taken as metadata rather than text: cleaning twice changes nothing.
"""

from __future__ import annotations

import json
import re

FIELDS = ("headline", "byline", "date", "agency", "source", "image_credit", "credits")
_LINE = re.compile(r"^([a-z_]{1,32}): (.+)$")


def render(metadata: dict[str, list[str]]) -> str:
    lines = ["---"]
    for name in sorted(metadata, key=lambda k: (FIELDS.index(k) if k in FIELDS else 99, k)):
        values = metadata[name]
        if not values:
            continue
        rendered = json.dumps(values[0] if len(values) == 1 else values, ensure_ascii=False)
        lines.append(f"{name}: {rendered}")
    lines.append("---")
    return "\n".join(lines) + "\n\n" if len(lines) > 2 else ""


def split(text: str) -> tuple[dict[str, list[str]], int]:
    """Metadata of a leading front-matter block, and how many lines it spans (0 if none)."""
    if not text.startswith("---\n"):
        return {}, 0
    lines = text.split("\n")
    metadata: dict[str, list[str]] = {}
    for number, line in enumerate(lines[1:200], 2):
        if line == "---":
            return metadata, number
        m = _LINE.match(line)
        if m is None:
            return {}, 0
        try:
            value = json.loads(m.group(2))
        except ValueError:
            return {}, 0
        values = value if isinstance(value, list) else [value]
        if not all(isinstance(v, str) for v in values):
            return {}, 0
        metadata.setdefault(m.group(1), []).extend(values)
    return {}, 0
