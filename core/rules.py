"""Rule packs: boilerplate patterns kept as data (`packs/<lang>.json`), compiled for speed.

A rule has an `id` (what the report names), a `kind` saying how it applies,
and regex `patterns` matched case-insensitively against a line trimmed of
bullets and surrounding punctuation:

- `line`:     the whole line matches -> boilerplate
- `header`:   the whole line matches -> boilerplate, and it heads a block: the
              run of list-like lines after it goes too ("READ MORE:" + headlines)
- `prefix`:   the line starts with it and more follows ("Read more: <headline>")
- `contains`: found anywhere in a line of at most `max_words` words
- `meta`:     the whole line is metadata; group `value` is extracted
- `strip`:    a metadata prefix glued to a body paragraph; it is removed and
              extracted, the rest of the paragraph is kept

Patterns may use the macros of `common.json` as `{name}`. All rules of a kind
are compiled into one alternation per word-count bucket, so a line costs one
regex call per kind, not one per rule.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

KINDS = ("meta", "strip", "header", "line", "prefix", "contains")
# Leading bullets and trailing punctuation do not change what a line is.
_LEAD = re.compile(r"^[\s•·*►▸▶▪■□●○◦‣⁃»›>|~=#+\-–—_]+")
_TRAIL = re.compile(r"[\s.:;!?…|»›>~=#*\-–—_]+$")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "´": "'", "`": "'", "“": '"', "”": '"'})
_MACRO = re.compile(r"\{(\w+)\}")


class PackError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    category: str
    kind: str
    language: str
    pattern: str
    field: str | None = None
    max_words: int | None = None
    validate: str | None = None


@dataclass(frozen=True, slots=True)
class Pack:
    language: str
    stopwords: frozenset[str]
    rules: tuple[Rule, ...]


def available_languages() -> list[str]:
    names = [p.name for p in resources.files(__package__).joinpath("packs").iterdir()]
    return sorted(n[:-5] for n in names if n.endswith(".json") and n != "common.json")


@cache
def _macros() -> dict[str, str]:
    raw = json.loads(resources.files(__package__).joinpath("packs/common.json").read_text("utf-8"))
    macros: dict[str, str] = raw.get("macros", {})
    expanded: dict[str, str] = {}
    for name in macros:
        expanded[name] = _expand(macros[name], macros)
    return expanded


def _expand(pattern: str, macros: dict[str, str], depth: int = 0) -> str:
    if depth > 5:
        raise PackError(f"macro nesting too deep in {pattern!r}")

    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in macros:
            return m.group(0)  # a regex quantifier like {2}, not a macro
        return "(?:" + _expand(macros[name], macros, depth + 1) + ")"

    return _MACRO.sub(sub, pattern)


@cache
def load_pack(language: str) -> Pack:
    try:
        text = resources.files(__package__).joinpath(f"packs/{language}.json").read_text("utf-8")
    except FileNotFoundError:
        raise PackError(f"no rule pack for language {language!r}") from None
    raw = json.loads(text)
    macros = _macros()
    rules = []
    for spec in raw.get("rules", []):
        for pattern in spec["patterns"]:
            rules.append(
                Rule(
                    id=spec["id"],
                    category=spec.get("category", spec["id"]),
                    kind=spec["kind"],
                    language=language,
                    pattern=_expand(pattern, macros),
                    field=spec.get("field"),
                    max_words=spec.get("max_words"),
                    validate=spec.get("validate"),
                )
            )
    for rule in rules:
        if rule.kind not in KINDS:
            raise PackError(f"{language}.json: rule {rule.id}: unknown kind {rule.kind!r}")
    return Pack(language, frozenset(raw.get("stopwords", [])), tuple(rules))


def lead_length(line: str) -> int:
    """How many characters `trim` removes from the start of `line`."""
    m = _LEAD.match(line)
    return m.end() if m else 0


def trim(line: str) -> str:
    """The part of a line rules look at: no bullets, no surrounding punctuation."""
    return _TRAIL.sub("", _LEAD.sub("", line))


@dataclass(frozen=True, slots=True)
class Hit:
    rule: Rule
    value: str | None  # the `value` group, for meta and strip rules
    end: int  # where the match ended in the trimmed line (prefix and strip rules)


class RuleSet:
    """The rules that apply to one language: its pack, then English, then common."""

    def __init__(self, languages: tuple[str, ...]) -> None:
        self.rules: tuple[Rule, ...] = tuple(
            rule for lang in languages for rule in load_pack(lang).rules
        )
        self._by_kind = {kind: [r for r in self.rules if r.kind == kind] for kind in KINDS}
        self._compiled: dict[tuple[str, int], tuple[re.Pattern[str], list[Rule]] | None] = {}

    def _combined(self, kind: str, words: int) -> tuple[re.Pattern[str], list[Rule]] | None:
        bucket = min(words, 100)
        key = (kind, bucket)
        if key not in self._compiled:
            rules = [r for r in self._by_kind[kind] if r.max_words is None or r.max_words >= bucket]
            if not rules:
                self._compiled[key] = None
            else:
                parts = []
                for i, rule in enumerate(rules):
                    body = rule.pattern.replace("(?P<value>", f"(?P<v{i}>")
                    parts.append(f"(?P<r{i}>{body})")
                flags = re.IGNORECASE
                combined = "|".join(parts)
                if kind in ("line", "header", "meta"):
                    combined = f"(?:{combined})\\Z"
                self._compiled[key] = (re.compile(combined, flags), rules)
        return self._compiled[key]

    def first(self, kind: str, text: str, words: int, validators) -> Hit | None:
        """The first rule of `kind` matching the trimmed line `text`, or None."""
        found = self._combined(kind, words)
        if found is None:
            return None
        regex, rules = found
        key = text.translate(_APOSTROPHES)
        m = regex.search(key) if kind == "contains" else regex.match(key)
        if m is None:
            return None
        hit = _hit(m, rules, text)
        if hit.rule.validate is None or validators[hit.rule.validate](hit.value or text):
            return hit
        # The first rule's validator refused; try the others one by one (rare).
        for rule in rules:
            if rule is hit.rule:
                continue
            single = _single(rule.pattern, kind in ("line", "header", "meta"))
            m2 = single.search(key) if kind == "contains" else single.match(key)
            if m2 is None:
                continue
            value = None
            if "value" in single.groupindex and m2.group("value") is not None:
                value = text[m2.start("value") : m2.end("value")]
            if rule.validate is None or validators[rule.validate](value or text):
                return Hit(rule, value, m2.end())
        return None


@cache
def _single(pattern: str, whole: bool) -> re.Pattern[str]:
    return re.compile(f"(?:{pattern})\\Z" if whole else pattern, re.IGNORECASE)


def _hit(m: re.Match[str], rules: list[Rule], text: str) -> Hit:
    for name, value in m.groupdict().items():
        if value is not None and name[0] == "r":
            i = int(name[1:])
            vname = f"v{i}"
            v = None
            if vname in m.re.groupindex and m.group(vname) is not None:
                v = text[m.start(vname) : m.end(vname)]
            return Hit(rules[i], v, m.end())
    raise AssertionError("combined rule regex matched without a rule group")
