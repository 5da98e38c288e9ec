"""A line of fields: a byline, a date and a reading time set side by side with a separator
("By Jane Doe · 12 March 2025 · 4 min read", "Par Marie Dupont | 3 mars 2026 | 5 min").
No rule spells every combination of the fields a site may join; each field alone is
something a rule knows. The rule pass judges such a line field by field (`classify.py`)."""

from __future__ import annotations

# Separators a site sets between the fields of a line (with the spaces around them), in the
# order they are tried: a line is split on the first one it holds.
SEPARATORS = (" · ", " | ", " • ", " – ")
MAX_FIELDS = 4
# A byline with its date and reading time is short; prose with dashes in it is not read
# field by field (each field would be matched against every rule again).
MAX_WORDS = 16


def split(text: str) -> list[str] | None:
    """The fields of `text`, two to MAX_FIELDS of them, each holding a word; else None."""
    for separator in SEPARATORS:
        if separator in text:
            parts = [part.strip() for part in text.split(separator)]
            if 2 <= len(parts) <= MAX_FIELDS and all(any(map(str.isalnum, p)) for p in parts):
                return parts
            return None
    return None
