"""A file's texts counted once, for the scans that read only the texts that recur.

Three of `classify._FileFacts`' scans (a round-up's closing links, a summary table's row
leaders, the label lines of entries that share one outline) began with `Counter(texts)`
and a pick of the texts held some number of times: three counts of the same texts a file,
each some 500 instructions a line. `Recurring` counts them once and picks the texts held
twice or more once; each scan reads its own number of copies from those (the same texts,
in the same order: the order of their first lines, as `Counter`'s own)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress


@dataclass(frozen=True, slots=True)
class Recurring:
    count: Counter[str]  # each text's copies
    repeated: list[str]  # the texts held twice or more, in order of their first line

    @classmethod
    def of(cls, texts: Sequence[str]) -> Recurring:
        count = Counter(texts)
        # Picked in C (`compress`, `map`): a step for each distinct text cost more.
        return cls(count, list(compress(count, map((1).__lt__, count.values()))))

    def held(self, times: int) -> list[str]:
        """The texts held `times` times or more (`times` >= 2), in order of their first
        line: `compress(count, map((times - 1).__lt__, count.values()))`."""
        if times < 2:
            raise ValueError("held(times): times >= 2")
        count = self.count
        return [text for text in self.repeated if count[text] >= times]
