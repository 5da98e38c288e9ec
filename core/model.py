"""The data that passes between stages. Plain dataclasses, no behaviour beyond small helpers."""

from __future__ import annotations

import os
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Source:
    """One input: a file on disk, or bytes already read (stdin)."""

    display: str  # how messages and the report name it
    relpath: str  # POSIX path relative to the input root; mirrored under --out
    path: str | None = None  # file to read; None when `data` holds the bytes
    data: bytes | None = None
    # The resolved path, when discovery already knows it: resolving 100,000 deep paths
    # again (a system call per path component) costs seconds at every later use.
    real: str | None = None

    # Pickled by its fields: a worker sends every file's analysis (and its source) to the
    # parent, and the slotted dataclass's own `__setstate__`, a Python loop over
    # `dataclasses.fields`, was most of the parent's unpickling.
    def __reduce__(self) -> tuple:
        return Source, (self.display, self.relpath, self.path, self.data, self.real)

    @property
    def is_stdin(self) -> bool:
        return self.path is None

    @property
    def resolved(self) -> str | None:
        """The file's real path (symlinks resolved), or None for stdin."""
        if self.real is not None or self.path is None:
            return self.real
        return os.path.realpath(self.path)


@dataclass(frozen=True, slots=True)
class Problem:
    """A file copydesk could not handle (or chose to skip), and why."""

    display: str
    kind: str  # "skipped" (not text, empty, too large) or "error" (unreadable, undecodable)
    cause: str

    def line(self) -> str:
        return f"{self.display}: {self.cause}"


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # what was used, e.g. "utf-8", "utf-8-sig", "utf-16", "utf-8+cp1252"
    notes: tuple[str, ...] = ()


@dataclass(slots=True)
class Block:
    """A paragraph of the repaired text, pointing back at its lines in the input."""

    index: int  # 1-based paragraph number within the file
    start: int  # first input line, 1-based
    end: int  # last input line, inclusive
    text: str


class Label(StrEnum):
    BODY = "body"
    BOILERPLATE = "boilerplate"
    METADATA = "metadata"
    DUPLICATE = "duplicate"


@dataclass(frozen=True, slots=True)
class DupRef:
    """The paragraph a removed or clustered paragraph repeats."""

    file: str
    paragraph: int
    start: int
    end: int
    jaccard: float
    containment: float | None = None
    earlier_run: str | None = None  # when indexed, for matches found in the index


@dataclass(frozen=True, slots=True)
class Verdict:
    label: Label
    rule: str | None = None  # id of the rule or stage that decided
    detail: str = ""  # what matched, or the features that decided (for `explain`)
    keep_text: str | None = None  # kept part, when a rule removed only a prefix or suffix
    meta: tuple[str, str] | None = None  # metadata extracted: (field, value)
    dup: DupRef | None = None
    score: float | None = None  # body probability, where a model decided
    # Whether the block is written: read in every loop over verdicts, so a field, not a
    # property computed on each access.
    keep: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "keep", self.label is Label.BODY)

    def __reduce__(self) -> tuple:  # see `Source.__reduce__`; `keep` is derived again
        return Verdict, (self.label, self.rule, self.detail, self.keep_text, self.meta, self.dup,
                         self.score)

    def overruled(self, label: Label, rule: str, detail: str) -> Verdict:
        """A context pass's verdict over the model's: the model's score stays on record."""
        return Verdict(label, rule, detail, score=self.score)


BODY = Verdict(Label.BODY)


def effective_text(block: Block, verdict: Verdict) -> str:
    """The text of `block` that is written if kept: a rule may have cut a prefix or suffix."""
    return verdict.keep_text if verdict.keep_text is not None else block.text


def keep_removed(verdicts: list[Verdict], lines: Iterable[int], rule: str, reason: str) -> bool:
    """A context pass keeps each of `lines` that is removed, as `rule`: `reason`, then what
    removed it (so `explain` shows both). True if any verdict changed."""
    changed = False
    for i in lines:
        if not verdicts[i].keep:
            verdicts[i] = verdicts[i].overruled(
                Label.BODY, rule, f"{reason}; {verdicts[i].detail}"
            )
            changed = True
    return changed


def play_position(rows: Sequence[int], i: int) -> int | None:
    """Where line `i` stands among `rows` (the lines in play, in the file's order, as the
    classifier's passes get them), or None when it is not in play."""
    k = bisect_left(rows, i)
    return k if k < len(rows) and rows[k] == i else None


def model_removal(verdict: Verdict) -> Verdict:
    """The line model's removal of a line that a context pass kept over it, as it was
    before: the pass's reason taken off the detail (`reason; what removed it`)."""
    own = verdict.detail.split("; ", 1)[-1]
    return verdict.overruled(Label.BOILERPLATE, "line-model", own)


@dataclass(slots=True)
class Document:
    """One input after decode, repair, segment and classify."""

    source: Source
    encoding: str
    repairs: list[str]
    language: str
    lines: int
    blocks: list[Block]
    verdicts: list[Verdict]
    metadata: dict[str, list[str]] = field(default_factory=dict)
    content_hash: str = ""


@dataclass(frozen=True, slots=True)
class Member:
    file: str
    paragraph: int
    start: int
    end: int
    jaccard: float  # verified Jaccard with the cluster's canonical member (1.0 for itself)
    containment: float | None = None
    earlier_run: str | None = None


@dataclass(frozen=True, slots=True)
class Cluster:
    """Near-duplicate paragraphs found in more than one file. `members[0]` is canonical."""

    members: tuple[Member, ...]


@dataclass(frozen=True, slots=True)
class Pair:
    """Two paragraphs of different files that share text without being near-duplicates:
    one is contained in the other ("contained"), or they share a passage ("passage"); or
    two of one file that repeat without the later being dropped ("near", "contained": a
    near repeat alone amid text that does not repeat). `a` comes first in stable order."""

    kind: str
    a: Member
    b: Member
    jaccard: float
    containment: float


@dataclass(frozen=True, slots=True)
class DocDuplicate:
    """Two documents one of which mostly repeats the other: `file` the later in stable
    order, `duplicate_of` the earlier."""

    file: str
    duplicate_of: str
    score: float  # share of the document's body tokens found in `duplicate_of`
    paragraphs: int  # how many of its body paragraphs matched
    earlier_run: str | None = None
    held: float | None = None  # share of `duplicate_of`'s body tokens found in `file`
    # Which is mostly inside the other: "file" (a later copy: --drop-duplicate-docs drops
    # it), "duplicate_of" (an earlier trimmed copy the later file holds: nothing dropped),
    # or "both".
    inside: str = "file"
