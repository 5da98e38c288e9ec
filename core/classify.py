"""Give every block a verdict (body, boilerplate, metadata) and the reason for it.

Three passes, each explained in the verdict it leaves:
1. rules: user keep/extra patterns, then the rule packs of the file's language
   (see `rules.py`): metadata, headers, whole-line, prefix and contains rules;
2. blocks: a header ("READ MORE:", "Related", "Lire aussi") takes the run of
   list-like lines after it, up to the first line that reads as prose;
3. context: the headline at the top is metadata; a title-like line beside an
   image credit is that image's caption.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .config import Config
from .language import UNDETERMINED, detect_language
from .model import BODY, Block, Label, Verdict
from .patterns import UserPatterns
from .rules import Hit, RuleSet, lead_length, load_pack, trim

_TERMINAL = (".", "!", "?", "…", '"', "”", "’", "'", ")", "»", "。", "！", "？", ";")
_DATE_HINT = re.compile(
    r"\d|\b(?:today|yesterday|ago|hours?|minutes?|aujourd'hui|hier|il y a|hoy|ayer|hace|hoje|"
    r"ontem|heute|gestern|vor)\b",
    re.IGNORECASE,
)
_NAME_JOINERS = frozenset(
    [
        "and",
        "&",
        "de",
        "da",
        "das",
        "do",
        "dos",
        "del",
        "della",
        "di",
        "du",
        "la",
        "le",
        "van",
        "von",
        "der",
        "den",
        "ter",
        "bin",
        "al",
        "el",
        "y",
        "e",
        "et",
        "und",
        "of",
        "staff",
        "writer",
        "writers",
        "reporter",
        "correspondent",
        "editor",
        "contributor",
    ]
)
_WORD = re.compile(r"\w+")


def _names(value: str) -> bool:
    """Mostly capitalised words: a person or desk, not a sentence starting with "By"."""
    words = [w for w in re.split(r"[\s,|/–—-]+", value) if w]
    if not words or len(words) > 10:
        return False
    named = [w for w in words if w.lower() not in _NAME_JOINERS]
    if not named:
        return False
    capitalised = sum(any(c.isupper() for c in w) for w in named)
    if capitalised < max(1, 0.66 * len(named)):
        return False
    # A sentence ends with a full stop; a name only after an initial ("J. Smith Jr.").
    last = value.rstrip()
    return not last.endswith(("!", "?")) and (not last.endswith(".") or len(last.split()[-1]) <= 3)


def _date(value: str) -> bool:
    return _DATE_HINT.search(value) is not None


VALIDATORS: dict[str, Callable[[str], bool]] = {"names": _names, "date": _date}


def word_count(text: str) -> int:
    return len(text.split())


def is_prose(text: str) -> bool:
    """Reads as running text: a sentence of some length, or simply long."""
    words = word_count(text)
    return words >= 25 or (words >= 8 and text.rstrip().endswith(_TERMINAL))


def is_title_like(text: str) -> bool:
    """Short, no sentence end: a headline, a subheading or a link title."""
    words = word_count(text)
    stripped = text.rstrip()
    return 3 <= words <= 25 and not stripped.endswith((".", ";", ",", ":"))


@dataclass(slots=True)
class Classified:
    verdicts: list[Verdict]
    language: str
    metadata: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


class Classifier:
    """Built once per run (rules compile once); `classify` is called per file."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.user = UserPatterns(config.extra_patterns, config.keep_patterns)
        self._rulesets: dict[str, RuleSet] = {}

    def ruleset(self, language: str) -> RuleSet:
        if language not in self._rulesets:
            languages = ["en", "common"]
            if language not in (UNDETERMINED, "en"):
                load_pack(language)  # raises PackError for a language with no pack
                languages.insert(0, language)
            self._rulesets[language] = RuleSet(tuple(languages))
        return self._rulesets[language]

    def classify(self, blocks: Sequence[Block]) -> Classified:
        language = self.config.language or detect_language("\n".join(b.text for b in blocks[:400]))
        rules = self.ruleset(language)
        self.user.reset()
        verdicts = [self._rule_verdict(b.text, rules) for b in blocks]
        _header_blocks(blocks, verdicts)
        _context(blocks, verdicts)
        metadata: dict[str, list[str]] = {}
        for verdict in verdicts:
            if verdict.meta is not None:
                name, value = verdict.meta
                values = metadata.setdefault(name, [])
                if value not in values:
                    values.append(value)
        warnings = [
            f"pattern {p!r} hit the {self.user.timeout}s time limit; skipped for the "
            f"rest of this file"
            for p in self.user.reset()
        ]
        return Classified(verdicts, language, metadata, warnings)

    def _rule_verdict(self, text: str, rules: RuleSet) -> Verdict:
        if self.user.keep(text):
            return Verdict(Label.BODY, "keep-pattern", "matched a keep pattern")
        pattern = self.user.extra(text)
        if pattern is not None:
            return Verdict(Label.BOILERPLATE, "user-pattern", f"matched {pattern!r}")
        trimmed = trim(text)
        if not trimmed or not _WORD.search(trimmed):
            return Verdict(Label.BOILERPLATE, "symbol-line", "no words")
        words = word_count(trimmed)
        for kind in ("meta", "strip", "header", "line", "prefix", "contains"):
            hit = rules.first(kind, trimmed, words, VALIDATORS)
            if hit is not None:
                verdict = _verdict(kind, hit, trimmed, text)
                if verdict is not None:
                    return verdict
        return BODY


def _verdict(kind: str, hit: Hit, trimmed: str, text: str) -> Verdict | None:
    rule = hit.rule
    detail = f"{rule.language} {kind} rule"
    if kind == "meta":
        value = (hit.value or trimmed).strip(" ()[]")
        return Verdict(Label.METADATA, rule.id, detail, meta=(rule.field or rule.id, value))
    if kind == "strip":
        # Cut the original text (trimming dropped its final punctuation), not the trimmed one.
        rest = text[lead_length(text) + hit.end :].strip()
        if not rest:
            return None
        value = (hit.value or trimmed[: hit.end]).strip()
        return Verdict(
            Label.BODY,
            rule.id,
            f"{detail}: leading {rule.field} removed",
            keep_text=rest,
            meta=(rule.field or rule.id, value),
        )
    if kind == "prefix" and hit.end >= len(trimmed):
        return None  # nothing after the prefix: not this rule's case
    return Verdict(Label.BOILERPLATE, rule.id, detail)


def _header_blocks(blocks: Sequence[Block], verdicts: list[Verdict]) -> None:
    """A header takes the run of list-like lines after it, up to the first prose line."""
    i = 0
    while i < len(blocks):
        verdict = verdicts[i]
        if verdict.label is Label.BOILERPLATE and verdict.detail.endswith("header rule"):
            j = i + 1
            while j < len(blocks) and j - i <= 60:
                if verdicts[j].label is not Label.BODY:
                    j += 1  # other boilerplate inside the list does not end it
                    continue
                if is_prose(blocks[j].text) or verdicts[j].rule == "keep-pattern":
                    break
                verdicts[j] = Verdict(
                    Label.BOILERPLATE,
                    verdict.rule,
                    f"listed under {blocks[i].text!r} (line {blocks[i].start})",
                )
                j += 1
            i = j
        else:
            i += 1


def _context(blocks: Sequence[Block], verdicts: list[Verdict]) -> None:
    kept = [i for i, v in enumerate(verdicts) if v.label is Label.BODY and v.rule is None]
    # The headline: the first undecided block, title-like, with prose somewhere after it.
    if kept:
        first = kept[0]
        text = blocks[first].text
        if (
            is_title_like(text)
            and word_count(text) >= 4
            and any(is_prose(blocks[k].text) for k in kept[1:])
        ):
            verdicts[first] = Verdict(
                Label.METADATA, "headline", "title-like first line", meta=("headline", text)
            )
    # A title-like line right before or after an image credit is that image's caption.
    for i, verdict in enumerate(verdicts):
        if verdict.rule != "image-credit":
            continue
        for j in (i - 1, i + 1):
            if (
                (
                    0 <= j < len(blocks)
                    and verdicts[j].label is Label.BODY
                    and verdicts[j].rule is None
                )
                and is_title_like(blocks[j].text)
                and not is_prose(blocks[j].text)
            ):
                verdicts[j] = Verdict(
                    Label.BOILERPLATE,
                    "image-caption",
                    f"title-like line beside the image credit on line {blocks[i].start}",
                )
