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

import _sre as _sre_engine
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from operator import itemgetter
from re import _constants as _sre
from re import _parser as _sre_parse
from re._casefix import _EXTRA_CASES

from . import rulecache
from .keywords import Keywords

try:  # optional: see pyproject.toml
    from . import _rules
except ImportError:
    _rules = None
from .words import DIRECTION_MARKS, marks

KINDS = ("meta", "strip", "header", "line", "prefix", "contains")
LOOKUP_KINDS = ("line", "header")  # whole-line kinds without a value group
# Leading bullets and trailing punctuation do not change what a line is. They are
# stripped as character sets: a trailing-run regex is tried at every position of the line,
# seven times slower. WHITESPACE is every character `\s` matches (str.isspace; a test
# checks the list against the regex).
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
# The direction marks of right-to-left text ("שתף\u200f") are part of neither.
_LEAD = WHITESPACE + DIRECTION_MARKS + "•·*►▸▶▪■□●○◦‣⁃»›>|~=#+-–—_"
_TRAIL = WHITESPACE + DIRECTION_MARKS + ".:;!?…|»›>~=#*-–—_"
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
    # The letters beyond ASCII the language is written with, when the pack says (a text
    # of a sister language with letters of its own is then not taken for it).
    letters: frozenset[str] | None = None


def available_languages() -> list[str]:
    names = [p.name for p in resources.files(__package__).joinpath("packs").iterdir()]
    return sorted(n[:-5] for n in names if n.endswith(".json") and n != "common.json")


@cache
def _macros() -> dict[str, str]:
    raw = json.loads(resources.files(__package__).joinpath("packs/common.json").read_text("utf-8"))
    macros: dict[str, str] = raw.get("macros", {})
    # Built in: a combining mark, which "[^\\W\\d_]" does not take for part of a word
    # (Devanagari vowel signs: see `words.marks`).
    macros.setdefault("mark", f"[{marks()}]")
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
def _date_value() -> re.Pattern[str]:
    macros = _macros()
    return rulecache.compile(_expand("{date}(?:{dayparen})?(?:{attime})?", macros), re.IGNORECASE)


def date_part(value: str) -> str:
    """The date (and time) in a date rule's value, which may run on past it ("September 4,
    2026 by Maggie | 6 Comments"); the value unchanged if it holds no date the common
    macros know ("3 hours ago"). The date starts at a word's start: in "23 noyabr 2026"
    (Azerbaijani, Uzbek) the Spanish month "abr" is no date."""
    found = _date_in_text().search(value)
    return found.group(0).strip() if found is not None else value


@cache
def _date_in_text() -> re.Pattern[str]:
    # At a word's start: "Last reviewed April 2017" holds no "wed".
    return rulecache.compile(r"(?<!\w)(?:" + _date_value().pattern + ")", re.IGNORECASE)


def find_date(text: str) -> str | None:
    """The first date (and time) the common macros know in `text`, starting at a word's
    start, if any. Every date the macros know holds a figure: a line without one is not
    searched (the search tries the whole alternation at every word)."""
    if not _has_digit(text):
        return None
    for found in _date_in_text().finditer(text):
        date = found.group(0).strip()
        if _possible(date):
            return date
    return None


# A date written year first with figures ("2026.11.23", "2026/11/23"): a DOI or a version
# holds the same shape ("10.12345/vpf.2026.18.4.07"), with a month no calendar has.
_YEAR_FIRST = re.compile(r"\d{4}[./](\d{1,2})[./](\d{1,2})")


def _possible(date: str) -> bool:
    """A date year first names a month of 1 to 12 and a day of 1 to 31."""
    m = _YEAR_FIRST.match(date)
    return m is None or (1 <= int(m.group(1)) <= 12 and 1 <= int(m.group(2)) <= 31)


@cache
def _pack_data(language: str) -> dict:
    try:
        text = resources.files(__package__).joinpath(f"packs/{language}.json").read_text("utf-8")
    except FileNotFoundError:
        raise PackError(f"no rule pack for language {language!r}") from None
    return json.loads(text)


@cache
def load_pack(language: str) -> Pack:
    return parse_pack(language, _pack_data(language))


@cache
def pack_words(language: str) -> tuple[frozenset[str], frozenset[str] | None]:
    """A pack's stopwords and letters (see `Pack`), without checking or reading its rules:
    language detection reads every pack's words, and a run needs the rules of two or three."""
    raw = _pack_data(language)
    letters = raw.get("letters")
    return frozenset(raw.get("stopwords", [])), None if letters is None else frozenset(letters)


@cache
def post_header_words() -> frozenset[str]:
    """The words every pack says a comment's header ends with ("says", "a écrit"), all
    languages together: a page's comments need not be in its article's language, and no
    pack's word is a common label in another's."""
    return frozenset(
        word
        for language in available_languages()
        for word in _pack_data(language).get("post_headers", [])
    )


@cache
def pack_word_list(key: str) -> frozenset[str]:
    """A list of words every pack names under `key`, all languages together: a page's
    byline ("byline_words": "by", "par", "von") or a life's dates ("life_events": "born",
    "né", "geboren") need not be in the language its prose was read as."""
    return frozenset(word for data in _word_lists() for word in data.get(key, []))


def _word_lists() -> list[dict]:
    """The data of every pack and of the common pack, whose lists name the words of
    languages without a pack ("fordele" and "ulemper", "Šaltiniai")."""
    return [_pack_data(language) for language in [*available_languages(), "common"]]


@cache
def comment_notes() -> re.Pattern[str] | None:
    """What an editor's note says when it is about the page's comments, not the article
    ("Anmerkung der Redaktion: Wir haben die Kommentarfunktion ... geschlossen", "Editor's
    note: Comments on this article have been closed"): every pack's `comment_notes` and
    the common pack's, all languages together (a note is searched after its label, a
    few lines a page at most). None when no pack names any."""
    patterns = [p for data in _word_lists() for p in data.get("comment_notes", [])]
    if not patterns:
        return None
    # Its program kept across processes, as the rules' are: `re`'s parser and compiler
    # are pure Python, and compiling this alternation of some 80 notes in a dozen scripts
    # cost a process that met one note label some 42 M instructions (HISTORY, session 30,
    # gate34).
    return rulecache.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


@cache
def verdict_list_labels() -> dict[str, str]:
    """The heads of a review's two verdict lists that every pack names ("pros" and "cons",
    "vorteile" and "nachteile"), all languages together: each first head maps to its
    second. A review quotes another language's labels as often as its own."""
    pairs: dict[str, str] = {}
    for data in _word_lists():
        for first, second in data.get("verdict_lists", []):
            pairs.setdefault(first, second)
    return pairs


def parse_pack(language: str, raw: dict) -> Pack:
    """Check and compile one pack's data; PackError names the first bad rule."""
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
        risks = backtracking_risks(rule.pattern)
        if risks:
            raise PackError(f"{language}.json: rule {rule.id}: {risks[0]} in {rule.pattern!r}")
    letters = raw.get("letters")
    return Pack(
        language,
        frozenset(raw.get("stopwords", [])),
        tuple(rules),
        None if letters is None else frozenset(letters),
    )


_QUOTE_PAIRS = tuple((chr(code), straight) for code, straight in _APOSTROPHES.items())


# The only characters that `re.IGNORECASE` matches to an ASCII letter without being one
# after `str.lower()` ("İ".lower() is even two characters). The key-word gates and the
# whole-line tables compare lower-cased text, so they see these as the regex does.
_CASE_ODDITIES = str.maketrans({"İ": "i", "ı": "i", "ſ": "s"})
_ODDITIES = tuple(map(chr, _CASE_ODDITIES))


def _lower(key: str) -> str:
    if key.isascii():
        return key.lower()
    # str.translate looks every character up in the table (tens of µs on a paragraph):
    # three substring scans say first whether the line holds any of them (few do).
    if any(map(key.__contains__, _ODDITIES)):
        key = key.translate(_CASE_ODDITIES)
    return key.lower()


def _fold_quotes(text: str) -> str:
    """Curly quotes as straight ones, so rules need not spell both."""
    if text.isascii():  # a flag: no scan (an ASCII backtick stays, as it always did)
        return text
    # One replace per quote present: str.translate looks every character up in a dict. A
    # test per quote (a fast substring search each) costs less than one regex scan for all.
    for curly, straight in _QUOTE_PAIRS:
        if curly in text:
            text = text.replace(curly, straight)
    return text


def lead_length(line: str) -> int:
    """How many characters `trim` removes from the start of `line`."""
    return len(line) - len(line.lstrip(_LEAD))


def trim(line: str) -> str:
    """The part of a line rules look at: no bullets, no surrounding punctuation."""
    return line.lstrip(_LEAD).rstrip(_TRAIL)


@dataclass(frozen=True, slots=True)
class Hit:
    rule: Rule
    value: str | None  # the `value` group, for meta and strip rules
    end: int  # where the match ended in the trimmed line (prefix and strip rules)
    start: int = 0  # where it began (contains rules match inside the line)


class RuleSet:
    """The rules that apply to one language: its pack, then English, then common.

    Rules of a kind are compiled into one alternation per word-count bucket,
    in two parts: rules with a key word (`required_literals`), tried only when
    a trie of all key words finds one in the line, and the few without, tried
    on every line. Most lines hold no key word, and Python's `re` would
    otherwise try every branch of every alternation on them.
    """

    def __init__(self, languages: tuple[str, ...]) -> None:
        self.rules: tuple[Rule, ...] = tuple(
            rule for lang in languages for rule in load_pack(lang).rules
        )
        self._order = {id(r): k for k, r in enumerate(self.rules)}
        self._by_kind = {kind: [r for r in self.rules if r.kind == kind] for kind in KINDS}
        # kind, bucket, gated -> one regex, its rules, the longest line it can match, and
        # symbols one of which any line it matches holds (None: no such symbols)
        self._compiled: dict[
            tuple[str, int, bool],
            tuple[re.Pattern[str], list[Rule], int, frozenset[str] | None] | None,
        ] = {}
        self._plans: dict[int, list] = {}
        self._digitless_regex: dict[str, re.Pattern[str] | bool | None] = {}
        self._contains: dict[int, tuple] = {}  # bucket -> contains rules without, with key words
        self._tables: dict[tuple[str, int], dict[str, Rule]] = {}
        self._gates: dict[int, tuple[Keywords, dict[str, list[Rule]]] | None] = {}
        # kind, bucket, line without digits -> first character of a line -> `_starting`'s
        # regex
        self._starts: dict[tuple[str, int, bool], dict[str, tuple[re.Pattern[str], ...]]] = {}
        self._subsets: dict[tuple[str, tuple[int, ...]], re.Pattern[str]] = {}
        # The id of one of `_subsets`' regexes (which live as long as the set) -> the
        # decimal digits every match of it holds (those of the rule of its run that needs
        # fewest, `min_digits`): a line with fewer skips it. By id: a pattern's hash reads
        # its whole compiled program each time (a date rule's is tens of thousands of words).
        self._digits: dict[int, int] = {}
        # The same regexes' `start_codes` (None: a match may start otherwise), by id too.
        self._leads: dict[int, frozenset[int] | None] = {}
        # `_starting`'s parts: kind, bucket, no digit -> the rules that may match; kind,
        # first character -> the rules that may start with it; kind, rules -> regexes
        self._allowed: dict[tuple[str, int, bool], tuple[int, ...]] = {}
        self._possible: dict[tuple[str, str], frozenset[int]] = {}
        self._runs: dict[tuple[str, tuple[int, ...]], tuple[re.Pattern[str], ...]] = {}
        # `_may_start`'s sets, one object each; kind, bucket, no digit, such a set -> the
        # regexes `_starting` chose for them
        self._possible_sets: dict[frozenset[int], frozenset[int]] = {}
        self._chosen: dict[tuple[str, int, bool, frozenset[int]], tuple] = {}
        # bucket, first character, no digit -> `_line_steps`
        self._steps: dict[tuple[int, str, bool], tuple] = {}
        self._first_union: dict[str, tuple[re.Pattern[str] | None, list[str | None]]] = {}
        # kind -> the rules that may start with a character no rule's class lists
        self._unlisted: dict[str, frozenset[int]] = {}
        # bucket, key words a line holds -> the rules that need them, in the rules' order,
        # each with its place in that order (`_contains_hit`)
        self._needing: dict[tuple[int, tuple[str, ...]], tuple[tuple[int, Rule], ...]] = {}
        # `_walked`'s steps: (id of the tries, width, id of the table) -> the tries, the
        # table and their walk; bucket -> the contains step's walk
        self._walks: dict[tuple[int, int, int], tuple] = {}
        self._contains_walks: dict[int, tuple] = {}
        # A bucket decides only which rules apply (`_applicable`): buckets where the same
        # rules apply share one of everything built for them, built once.
        self._canon = canonical_buckets(self.rules)

    def _applicable(self, kind: str, bucket: int) -> list[Rule]:
        return [r for r in self._by_kind[kind] if r.max_words is None or r.max_words >= bucket]

    def _select(self, kind: str, bucket: int, gated: bool) -> list[Rule]:
        """The rules of `kind` that the combined regex of `bucket` holds."""
        return [
            r
            for r in self._applicable(kind, bucket)
            if (kind != "contains" or (_literals(r.pattern) is not None) == gated)
            and not (kind in LOOKUP_KINDS and _finite(r.pattern) is not None)
        ]

    def _combined(
        self, kind: str, bucket: int, gated: bool
    ) -> tuple[re.Pattern[str], list[Rule], int, frozenset[str] | None] | None:
        key = (kind, bucket, gated)
        if key not in self._compiled:
            rules = self._select(kind, bucket, gated)
            if not rules:
                self._compiled[key] = None
            else:
                compiled = _alternation(kind, rules, range(len(rules)))
                needs = None
                if kind == "contains":  # the only kind `_may_hold` gates
                    marks = [_marks(r.pattern) for r in rules]
                    if None not in marks:
                        needs = frozenset().union(*marks)  # type: ignore[arg-type]
                self._compiled[key] = (compiled, rules, _widest(kind, rules), needs)
        return self._compiled[key]

    def _at_start(self, kind: str, bucket: int) -> tuple | None:
        """For a kind matched at the line's start (all but `contains`), what `match` tries
        on a line of `bucket`: the combined regex of every rule of the kind (bucket 0's),
        the rules it holds, the longest line the bucket's rules can match, the ids of the
        rules that apply in the bucket (None: all of them), and the bucket. None when no
        rule of the kind applies.

        One regex for every bucket rather than one per bucket: the date rules make a meta
        regex of some 60,000 characters, and compiling it again for each word-count
        threshold was a fifth of a one-file run's time. Its hit is the bucket's own when
        its rule applies there: the alternation takes the first rule, in order, that
        matches, and no rule before it matched at all. When it does not apply (a line too
        long for that rule), the bucket's own regex decides (compiled then, rarely)."""
        rules = self._select(kind, bucket, False)
        if not rules:
            return None
        every = self._combined(kind, 0, False)
        assert every is not None  # bucket 0 holds every rule of the kind
        applies = None if len(rules) == len(every[1]) else frozenset(map(id, rules))
        # `_starting`'s regexes, by the line's first character, for lines with and without
        # a digit.
        starts = tuple(
            self._starts.setdefault((kind, bucket, plain), {}) for plain in (False, True)
        )
        return (
            every[0],
            every[1],
            _widest(kind, rules),
            applies,
            bucket,
            self._digitless(kind),
            *starts,
        )

    def _digitless(self, kind: str) -> re.Pattern[str] | bool | None:
        """The regex of every rule of `kind` (bucket 0's) without the rules that need a
        digit (`needs_digit`), for lines without one: False when every rule needs one (no
        such line can match), None when none does (the whole regex serves).

        On a line without a digit those rules cannot match, so the alternation's first
        rule that does, its groups and spans, are those of the whole regex; but each of
        them is still tried, and a date rule's guard (`DIGIT_AHEAD`) scans the line to its
        end before it fails: the date rules were half the meta regex's time on such lines."""
        if kind not in self._digitless_regex:
            every = self._combined(kind, 0, False)
            assert every is not None
            keep = [i for i, rule in enumerate(every[1]) if not needs_digit(rule.pattern)]
            found: re.Pattern[str] | bool | None = None
            if not keep:
                found = False
            elif len(keep) < len(every[1]):
                # The parts of `_combined`, numbered as there: a hit names the same rule.
                found = _alternation(kind, every[1], keep)
            self._digitless_regex[kind] = found
        return self._digitless_regex[kind]

    def _starting(
        self, kind: str, bucket: int, plain: bool, first: str
    ) -> tuple[re.Pattern[str], ...]:
        """For a line of `bucket` of a kind matched at its start (all but `contains`) whose
        first character is `first`: the regex of the rules of the kind that apply in the
        bucket, that a match can start with that character (`_first_chars`), and that need
        no digit if `plain`, as regexes to try in turn (none: no rule can match). Remembered
        per character.

        Python's `re` tries every branch of an alternation at the line's start: the date
        rules (tens of thousands of characters) on every line with a digit, even one too
        long for them to apply. The branches left out cannot match or would not count, so
        the first branch that matches, its groups and spans, are those of the bucket's own
        regex (see `_at_start`, `_alternation`), and its group names the same rule."""
        every = self._combined(kind, 0, False)
        assert every is not None  # `_at_start` found rules of the kind
        rules = every[1]
        possible = self._possible.get((kind, first))
        if possible is None:
            if len(self._possible) >= FIRST_CHARACTERS:
                self._possible.clear()
            possible = self._may_start(kind, rules, first)
            # One object for each set: most first characters share a few, and the choice
            # below is remembered by it.
            possible = self._possible[kind, first] = self._possible_sets.setdefault(
                possible, possible
            )
        # The rules chosen depend on the rules allowed and those that may start so, not on
        # the character: a new first character that shares them with an earlier one (most
        # do) reuses its regexes, instead of testing every rule allowed again.
        chose = (kind, bucket, plain, possible)
        tries = self._chosen.get(chose)
        if tries is not None:
            starts = self._starts[kind, bucket, plain]
            if len(starts) >= FIRST_CHARACTERS:
                starts.clear()
            starts[first] = tries
            return tries
        allowed = self._allowed.get((kind, bucket, plain))
        if allowed is None:
            applies = set(map(id, self._select(kind, bucket, False)))
            allowed = self._allowed[kind, bucket, plain] = tuple(
                i
                for i, rule in enumerate(rules)
                if id(rule) in applies and not (plain and needs_digit(rule.pattern))
            )
        # `allowed` is in order: the rules of both, in order (a set's C loop, not a
        # generator's step per rule allowed).
        chosen = tuple(sorted(possible.intersection(allowed)))
        tries = self._runs.get((kind, chosen))
        if tries is None:
            # The rules in runs, tried in order: the first run that matches holds the first
            # rule that does. A long rule (the date rules) is a run of its own, so that no
            # regex of tens of thousands of characters is compiled for each set chosen.
            runs: list[list[int]] = []
            for i in chosen:
                long = len(rules[i].pattern) > LONG_RULE
                if not runs or long or len(rules[runs[-1][-1]].pattern) > LONG_RULE:
                    runs.append([])
                runs[-1].append(i)
            found = []
            for run in runs:
                regex = self._subsets.get((kind, tuple(run)))
                if regex is None:
                    regex = self._subsets[kind, tuple(run)] = _alternation(kind, rules, run)
                    self._digits[id(regex)] = min(min_digits(rules[i].pattern) for i in run)
                    self._leads[id(regex)] = _run_starts([rules[i].pattern for i in run])
                found.append(regex)
            tries = self._runs[kind, chosen] = tuple(found)
        self._chosen[chose] = tries
        starts = self._starts[kind, bucket, plain]
        if len(starts) >= FIRST_CHARACTERS:
            starts.clear()
        starts[first] = tries
        return tries

    def _may_start(self, kind: str, rules: list[Rule], first: str) -> frozenset[int]:
        """The indices of `rules` (of `kind`) that a match can start with character `first`
        (all of them for the empty line)."""
        if kind not in self._first_union:
            classes = [_facts(rule.pattern).first for rule in rules]
            listed = "".join(c[1:-1] for c in classes if c is not None)
            # Through the rule cache, as `_first_class`: `re`'s compiler is pure Python.
            union = rulecache.compile(f"[{listed}]", re.IGNORECASE) if listed else None
            self._first_union[kind] = (union, classes)
        union, classes = self._first_union[kind]
        # A character no rule's class lists (a letter of another script, most punctuation)
        # is told by one test: only the rules without a class can start with it, the same
        # set for every such character.
        listed = first != "" and union is not None and union.match(first) is not None
        if first != "" and not listed:
            unlisted = self._unlisted.get(kind)
            if unlisted is None:
                unlisted = self._unlisted[kind] = frozenset(
                    i for i, found in enumerate(classes) if found is None
                )
            return unlisted
        return frozenset(
            i
            for i, found in enumerate(classes)
            if found is None
            or first == ""
            or (listed and _first_class(found).match(first) is not None)
        )

    def _gate(self, bucket: int) -> tuple[Keywords, dict[str, list[Rule]]] | None:
        """For `contains` rules with key words: the key words, and for each, the rules
        that need it."""
        if bucket not in self._gates:
            needers: dict[str, list[Rule]] = {}
            for rule in self._applicable("contains", bucket):
                for literal in sorted(_literals(rule.pattern) or ()):
                    needers.setdefault(literal, []).append(rule)
            self._gates[bucket] = (Keywords(needers), needers) if needers else None
        return self._gates[bucket]

    def match(self, text: str, words: int, validators) -> Iterator[tuple[str, Hit]]:
        """The first hit of each kind on the trimmed line `text`, kind by kind, lazily."""
        if _rules is None:
            yield from self._match_python(text, words, validators)
            return
        # What the rules read of the line, and the walk over its kinds, are C (`_rules.line`,
        # `_rules.walk`): the walk stops at the first kind with a candidate (a regex's match,
        # a table's rule, a key word), which is judged here as `_match_python` judges it;
        # most lines have none and never come back to Python.
        key, low, size, bucket, steps, first, digitless, found = _rules.line(
            text, words, self._canon, self._steps
        )
        if steps is None:
            steps = self._line_steps(self._plan(bucket), bucket, first, digitless)
            found = _rules.walk(steps[1], key, low, size, 0)
        kinds, walked = steps
        while found is not None:
            at, first_found, second = found
            kind, plan, _, _ = kinds[at]
            if kind == "contains":
                held = () if second is None else self._gate(bucket)[0].words_of(second)  # type: ignore[index]
                hit = self._contains_hit(first_found, held, key, text, bucket, validators)
            else:
                hit = self._start_hit(first_found, second, kind, plan, key, text, validators)
            if hit is not None:
                yield kind, hit
            found = _rules.walk(walked, key, low, size, at + 1)

    def _match_python(self, text: str, words: int, validators) -> Iterator[tuple[str, Hit]]:
        """`match` walking the kinds in Python: the reference of `_rules.walk`, and what runs
        where the extension is not built."""
        key, low, size, bucket, steps, _ = self._prepare(text, words)
        for kind, found, tries, table in steps:
            if kind == "contains":
                hit = self._first_contains(key, low, text, bucket, validators)
            else:
                m = None
                if tries and found[2] >= size:
                    digits = None
                    code: int | None = -1  # the key's start code, made on first need
                    for regex in tries:
                        need = self._digits.get(id(regex), 0)
                        if need:
                            if digits is None:
                                digits = len(_DIGIT.findall(key))
                            if digits < need:
                                continue  # (a date rule on a line of two figures)
                        leads = self._leads.get(id(regex))
                        if leads is not None:
                            if code == -1:
                                code = start_code(key)
                            if not _may_start_so(code, leads):
                                continue  # ("The ..." for "Theo dõi ...", the share buttons')
                        m = regex.match(key)
                        if m is not None:
                            break
                rule = table.get(low) if table is not None else None
                hit = self._start_hit(m, rule, kind, found, key, text, validators)
            if hit is not None:
                yield kind, hit

    def _prepare(self, text: str, words: int) -> tuple:
        """What `match` reads of a line: its key (quotes folded), the key lower-cased, its
        length, its bucket, and the steps to try on it (`_line_steps`)."""
        key = _fold_quotes(text)
        bucket = self._canon[min(words, MAX_BUCKET)]
        low = _lower(key)
        first, digitless = key[:1], not _has_digit(key)
        steps = self._steps.get((bucket, first, digitless))
        if steps is None:
            steps = self._line_steps(self._plan(bucket), bucket, first, digitless)
        return key, low, len(key), bucket, *steps

    def _plan(self, bucket: int) -> list:
        """Per kind: its combined regex and, for whole-line kinds, its table of lines, looked
        up once per bucket rather than once per line."""
        plan = self._plans.get(bucket)
        if plan is None:
            plan = self._plans[bucket] = [
                (
                    kind,
                    None if kind == "contains" else self._at_start(kind, bucket),
                    self._lookup(kind, bucket) if kind in LOOKUP_KINDS else None,
                )
                for kind in KINDS
            ]
        return plan

    def _start_hit(
        self, m, rule: Rule | None, kind: str, found: tuple, key: str, text: str, validators
    ) -> Hit | None:
        """The hit of a kind matched at the line's start, from the first of its regexes that
        matched (`m`, or None) and its table's rule for the line (or None)."""
        hit = None
        if m is not None:
            hit = self._resolve(m, found[1], kind, key, text, validators, found[3])
            if hit is _ELSEWHERE:
                hit = self._own_bucket(kind, found[4], key, text, validators)
        if rule is not None and (hit is None or self._order[id(rule)] < self._order[id(hit.rule)]):
            hit = Hit(rule, None, len(text))
        return hit

    def _line_steps(self, plan: list, bucket: int, first: str, digitless: bool) -> tuple:
        """What `match` tries on a line of `bucket` starting with `first`, with or without a
        digit: per kind, the regexes `_starting` chose and its table of lines; a kind with
        neither is left out, so that most lines go through two or three kinds, not six. With
        them, the same steps as `_rules.walk` reads them (see core/_rules.c)."""
        steps = []
        for kind, found, table in plan:
            tries: tuple[re.Pattern[str], ...] = ()
            if found is not None:
                plain = digitless and found[5] is not None
                tries = found[6 + plain].get(first) or self._starting(kind, bucket, plain, first)
            if kind == "contains" or tries or table is not None:
                steps.append((kind, found, tries, table))
        if len(self._steps) >= FIRST_CHARACTERS:
            self._steps.clear()
        walked = tuple(self._walked(step, bucket) for step in steps)
        found_steps = self._steps[bucket, first, digitless] = (tuple(steps), walked)
        return found_steps

    def _walked(self, step: tuple, bucket: int) -> tuple:
        """One of `_line_steps`'s steps as `_rules.walk` reads it. Made once for each set
        of tries, width and table (a kind's), and once per bucket (the contains step), and
        shared by the steps of every first character and bucket that read the same: the
        steps of a line that starts in a way no earlier line did are made during the run,
        and making each anew (the contains step sorted its gate's words every time) was
        some 3 % of the classification of a page (HISTORY, session 30, gate34)."""
        kind, found, tries, table = step
        if kind != "contains":
            width = found[2] if tries else 0
            key = (id(tries), width, id(table))
            made = self._walks.get(key)
            # The tries and the table are kept with their walk: their ids stay theirs.
            if made is None or made[0] is not tries or made[1] is not table:
                tries_read = tuple(
                    (regex.match, self._digits.get(id(regex), 0), self._leads.get(id(regex)))
                    for regex in tries
                )
                made = self._walks[key] = (tries, table, (tries_read, width, table))
            return made[2]
        walked = self._contains_walks.get(bucket)
        if walked is None:
            always, gate, words = self._contains_plan(bucket)
            search = needs = None
            if always is not None:
                search = always[0].search
                needs = None if always[3] is None else tuple(sorted(always[3]))
            scan, args = (None, ()) if gate is None else gate[0].scanner()
            walked = self._contains_walks[bucket] = (
                search, needs, scan, args, None if words is None else tuple(sorted(words))
            )
        return walked

    def _lookup(self, kind: str, bucket: int) -> dict[str, Rule]:
        """Whole-line rules with a small finite language, as a table of the lines they match."""
        key = (kind, bucket)
        if key not in self._tables:
            table: dict[str, Rule] = {}
            for rule in self._applicable(kind, bucket):
                for line in sorted(_finite(rule.pattern) or ()):
                    table.setdefault(line, rule)  # the first rule in order wins
            self._tables[key] = table
        return self._tables[key]

    def first(self, kind: str, text: str, words: int, validators) -> Hit | None:
        """The first rule of `kind` matching the trimmed line `text`, or None."""
        for found_kind, hit in self.match(text, words, validators):
            if found_kind == kind:
                return hit
        return None

    def _contains_plan(self, bucket: int) -> tuple:
        """The contains rules of `bucket`: those without key words (`_combined`'s regex, or
        None), the key-word gate of the others (`_gate`), and the words one of which the
        lowered line must hold for the first's search to be made (`_search_words`)."""
        plan = self._contains.get(bucket)
        if plan is None:
            always = self._combined("contains", bucket, False)
            plan = self._contains[bucket] = (
                always,
                self._gate(bucket),
                None if always is None else _search_words(always[1]),
            )
        return plan

    def _first_contains(self, key: str, low: str, text: str, bucket: int, validators) -> Hit | None:
        """`contains` rules: the few without key words always; the others only when the
        line holds one of their key words, each tried alone (a line rarely has two)."""
        always, gate, words = self._contains_plan(bucket)
        m = None
        if always is not None and _may_hold(key, always[3]) and _may_hold(low, words):
            m = always[0].search(key)
        found = gate[0].found(low) if gate is not None else ()
        return self._contains_hit(m, found, key, text, bucket, validators)

    def _contains_hit(self, m, found, key: str, text: str, bucket: int, validators) -> Hit | None:
        """The contains hit of a line from the search of the rules without key words (`m`, or
        None) and the key words it holds (`found`, as `Keywords.found` says)."""
        always, gate, _ = self._contains_plan(bucket)
        best = None
        if m is not None:
            best = self._resolve(m, always[1], "contains", key, text, validators)
        if not found:
            return best  # (most lines)
        needing = self._needing.get((bucket, found))
        if needing is None:
            # The same few words come back on many lines ("photo", " all", "image"):
            # their rules are gathered and put in order once (HISTORY, session 31, gate35).
            if len(self._needing) >= FIRST_CHARACTERS:
                self._needing.clear()
            needers, order = gate[1], self._order
            candidates = {id(r): r for word in found for r in needers[word]}
            needing = self._needing[bucket, found] = tuple(
                sorted(((order[id(r)], r) for r in candidates.values()), key=itemgetter(0))
            )
        for place, rule in needing:
            if best is not None and self._order[id(best.rule)] < place:
                break
            m = _single(rule.pattern, False).search(key)
            if m is None:
                continue
            value = None
            if "value" in m.re.groupindex and m.group("value") is not None:
                value = text[m.start("value") : m.end("value")]
            if rule.validate is None or validators[rule.validate](value or text):
                return Hit(rule, value, m.end(), m.start())
        return best

    def _resolve(
        self,
        m: re.Match[str],
        rules: list[Rule],
        kind: str,
        key: str,
        text: str,
        validators,
        applies: frozenset[int] | None = None,
    ):
        """The hit of combined regex match `m` over `rules`, of which only those in `applies`
        count (None: all); `_ELSEWHERE` when the rule that matched first does not count."""
        hit = _hit(m, rules, text)
        if applies is not None and id(hit.rule) not in applies:
            return _ELSEWHERE
        if hit.rule.validate is None or validators[hit.rule.validate](hit.value or text):
            return hit
        # The first rule's validator refused; try the others one by one (rare).
        for rule in rules:
            if rule is hit.rule or (applies is not None and id(rule) not in applies):
                continue
            single = _single(rule.pattern, kind in ("line", "header", "meta"))
            m2 = single.search(key) if kind == "contains" else single.match(key)
            if m2 is None:
                continue
            value = None
            if "value" in single.groupindex and m2.group("value") is not None:
                value = text[m2.start("value") : m2.end("value")]
            if rule.validate is None or validators[rule.validate](value or text):
                return Hit(rule, value, m2.end(), m2.start())
        return None

    def _own_bucket(self, kind: str, bucket: int, key: str, text: str, validators) -> Hit | None:
        """The hit of the bucket's own combined regex (`_at_start`'s rare case)."""
        own = self._combined(kind, bucket, False)
        assert own is not None  # `_at_start` found rules of the kind in the bucket
        m = own[0].match(key)
        return None if m is None else self._resolve(m, own[1], kind, key, text, validators)


_DIGIT = re.compile(r"\d")  # what `needs_digit` means by a digit
_FIGURES = b"0123456789"  # the only characters below 256 that `\d` matches


def _has_digit(key: str) -> bool:
    """`_DIGIT.search(key) is not None`. The regex tests each character's category, on every
    line the rules read (most have no digit: to their end); a line of Latin-1 characters is
    told by bytes.translate, deleting the figures from its bytes, several times faster."""
    try:
        encoded = key.encode("latin-1")
    except UnicodeEncodeError:
        return _DIGIT.search(key) is not None
    return len(encoded.translate(None, _FIGURES)) != len(encoded)
# `_resolve`'s answer when the regex of every rule matched first with one that does not apply.
_ELSEWHERE = object()


def _widest(kind: str, rules: list[Rule]) -> int:
    """The longest text a whole-line kind's rules can match (longer lines skip them)."""
    if kind in ("line", "header", "meta"):
        return max(_width(r.pattern) for r in rules)
    return 1 << 60


MAX_BUCKET = 100  # lines of more words are judged as lines of this many


def canonical_buckets(rules: tuple[Rule, ...]) -> list[int]:
    """For each word-count bucket (0 to MAX_BUCKET), the first bucket where the same rules
    apply: a rule applies in a bucket when it has no `max_words` or at least that many."""
    first: dict[tuple[bool, ...], int] = {}
    return [
        first.setdefault(tuple(r.max_words is None or r.max_words >= b for r in rules), b)
        for b in range(MAX_BUCKET + 1)
    ]


def _may_hold(key: str, needs: frozenset[str] | None) -> bool:
    """Whether `key` holds one of the symbols every match needs (None: no such symbols). A
    cheap test first: a contains regex would be tried at every position of the line."""
    if needs is None:
        return True
    # A plain loop: any() over a generator made one generator object per line.
    for symbol in needs:  # noqa: SIM110
        if symbol in key:
            return True
    return False


# First characters remembered per kind (a run over text in a script of thousands of letters
# may meet them all; each costs a test of every rule's class once).
FIRST_CHARACTERS = 20_000
LONG_RULE = 2_000  # characters of a rule's pattern tried alone (see `_starting`)


@cache
def _first_class(pattern: str) -> re.Pattern[str]:
    # Kept across processes: compiled by `re` (pure Python), each rule's class of first
    # characters was some 10 ms of a one-file run's start (HISTORY, session 31, gate35).
    return rulecache.compile(pattern, re.IGNORECASE)


@cache
def _single(pattern: str, whole: bool) -> re.Pattern[str]:
    return rulecache.compile(f"(?:{pattern})\\Z" if whole else pattern, re.IGNORECASE)


def _alternation(kind: str, rules: list[Rule], chosen) -> re.Pattern[str]:
    """The combined regex of `rules[i]` for i in `chosen` (in order), each in a group named
    by its index in `rules` (`_hit` reads the rule from it): the same group for the same
    rule whichever others are left out, so the first alternative that matches, its groups
    and spans, are those of the regex of all of them whenever the others cannot match."""
    parts = []
    for i in chosen:
        pattern = rules[i].pattern
        body = pattern.replace("(?P<value>", f"(?P<v{i}>")
        guard = kind == "meta" and not pattern.startswith(DIGIT_AHEAD)
        if guard and needs_digit(pattern):
            body = DIGIT_AHEAD + body
        parts.append(f"(?P<r{i}>{body})")
    combined = "|".join(parts)
    if kind in ("line", "header", "meta"):
        combined = f"(?:{combined})\\Z"
    return rulecache.compile(combined, re.IGNORECASE)


def _hit(m: re.Match[str], rules: list[Rule], text: str) -> Hit:
    for name, value in m.groupdict().items():
        if value is not None and name[0] == "r":
            i = int(name[1:])
            vname = f"v{i}"
            v = None
            if vname in m.re.groupindex and m.group(vname) is not None:
                v = text[m.start(vname) : m.end(vname)]
            return Hit(rules[i], v, m.end(), m.start(name))
    raise AssertionError("combined rule regex matched without a rule group")


def _width(pattern: str) -> int:
    return _shape(pattern)[0]


@dataclass(frozen=True, slots=True)
class _Facts:
    """What the rule set reads from a pattern's parse (see `_facts`)."""

    error: str | None  # why the pattern does not compile
    width: int = 0  # the longest text it can match
    digit: bool = False  # every match holds a digit
    required: frozenset[str] | None = None  # `_required`'s strings
    finite: frozenset[str] | None = None  # `finite_language`
    risks: tuple[str, ...] = ()  # `backtracking_risks`
    first: str | None = None  # `_first_chars`'s pattern (None: a match may start anyhow)
    digits: int = 0  # `_min_digits`: the decimal digits every match holds
    starts: frozenset[int] | None = None  # `_start_codes`
    words: frozenset[str] | None = None  # `_required` of words `_gate_word` accepts


@cache
def _facts(pattern: str) -> _Facts:
    """Every fact about `pattern` read from its parse, from one parse. `re`'s parser is
    pure Python and parsing is most of what a rule pack costs a run's start (a meta rule
    with the date macros runs to 30,000 characters); each question below once parsed the
    pattern again, up to five times. Kept across processes by `rulecache`."""
    return _Facts(*rulecache.facts(pattern, _derive_facts))


def _derive_facts(pattern: str) -> tuple:
    try:
        parsed = _sre_parse.parse(pattern, re.IGNORECASE)
    except re.error as exc:
        return (f"does not compile: {exc}",)
    items = list(parsed)
    risks: list[str] = []
    _walk_repeats(items, False, risks)
    required = _required(items)
    words = _required(items, _gate_word)
    finite = _language(items, FINITE_LIMIT)
    return (
        None,
        min(parsed.getwidth()[1], 1 << 60),
        _needs_digit(items),
        None if required is None else frozenset(required),
        None if finite is None else frozenset(finite),
        tuple(risks),
        _first_chars(items),
        _min_digits(items),
        _start_codes(items, parsed.state.flags),
        None if words is None else frozenset(words),
    )


def _shape(pattern: str) -> tuple[int, bool]:
    """The longest text `pattern` can match, and whether every match holds a digit."""
    facts = _facts(pattern)
    if facts.error is not None:
        raise re.error(facts.error)
    return facts.width, facts.digit


def _finite(pattern: str) -> frozenset[str] | None:
    return _facts(pattern).finite


def _literals(pattern: str) -> frozenset[str] | None:
    return required_literals(pattern)


def _marks(pattern: str) -> frozenset[str] | None:
    """Strings of ASCII symbols (no letters or digits, so case does not matter) one of
    which any match of `pattern` holds, however short ("Credit: ..." needs its colon), or
    None. Too common to gate a rule with, but a substring test still spares a search."""
    found = _facts(pattern).required
    if not found or not all(x.isascii() and not any(c.isalnum() for c in x) for x in found):
        return None
    return found


def _search_words(rules: list[Rule]) -> frozenset[str] | None:
    """Lowercase words one of which any match of the alternation of the `contains` `rules`
    holds, as the lowered line (`_lower`) shows them, or None. The rules without key words
    (`required_literals`) are searched for on every line that holds their symbols
    (`_marks`): an image credit's rule, "[.!?)] ... (photo|image|credit|...) ...: ...", is
    keyed by its colon (its best literal for `_required`), and its search, tried at every
    position of a long line, cost more than the rest of the kind's walk. A line that holds
    none of a rule's words cannot match it; each rule must have some."""
    found: set[str] = set()
    for rule in rules:
        words = _facts(rule.pattern).words
        if words is None:
            return None
        found |= words
    return frozenset(found)


# What a date or time rule needs before it is worth trying: a digit somewhere ahead. Such a
# rule starts with a few optional words ("Updated on Tuesday") and then a long alternation
# of date forms and month names, which `re` tries after each of those words on every short
# line; a line without a digit (most) fails this look-ahead in one scan instead. A match of
# the rule holds a digit, so the look-ahead never refuses a line the rule matches, and,
# being zero-width, it changes no group's span.
DIGIT_AHEAD = r"(?=\D*+\d)"


def needs_digit(pattern: str) -> bool:
    """Whether every match of `pattern` holds a digit (`\\d`), read from the parsed pattern;
    False when unsure."""
    try:
        return _shape(pattern)[1]
    except re.error:
        return False


def min_digits(pattern: str) -> int:
    """How many decimal digits (`\\d`) every match of `pattern` holds, read from the parsed
    pattern; 0 when unsure. A date rule needs four or more (a day, a year, a time): on a
    line of fewer, most lines with a figure, it cannot match and is not tried (`RuleSet`'s
    `_digits`); `re` tried it, and a date rule is tens of thousands of characters."""
    return _facts(pattern).digits  # (0 for a pattern that does not compile)


def _min_digits(items) -> int:
    """The digits a match of the parsed `items` holds at least: those it consumes (a
    look-around reads, but its characters may be the match's own or outside it: none)."""
    total = 0
    for op, av in items:
        if _one_digit(op, av):
            total += 1
        elif op is _sre.SUBPATTERN:
            total += _min_digits(list(av[3]))
        elif op is _sre.ATOMIC_GROUP:
            total += _min_digits(list(av))
        elif op is _sre.BRANCH:
            total += min(_min_digits(list(b)) for b in av[1])
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
            total += av[0] * _min_digits(list(av[2]))
    return total


def _one_digit(op, av) -> bool:
    """A literal or a class that only a digit matches."""
    if op is _sre.LITERAL:
        return _is_digit(op, av)
    return op is _sre.IN and bool(av) and all(_is_digit(o, a) for o, a in av)


def _needs_digit(items) -> bool:
    for op, av in items:
        if op is _sre.LITERAL and _is_digit(op, av):
            return True
        if op is _sre.IN and av and all(_is_digit(o, a) for o, a in av):
            return True
        if op is _sre.SUBPATTERN and _needs_digit(list(av[3])):
            return True
        if op is _sre.ATOMIC_GROUP and _needs_digit(list(av)):
            return True
        if op is _sre.BRANCH and all(_needs_digit(list(b)) for b in av[1]):
            return True
        if (
            op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT)
            and av[0] >= 1
            and _needs_digit(list(av[2]))
        ):
            return True
        # A look-ahead reads the line after the match's start, which the guard reads too.
        if op is _sre.ASSERT and av[0] == 1 and _needs_digit(list(av[1])):
            return True
    return False


def _is_digit(op, av) -> bool:
    """One item of a character class (or a literal) that only a digit matches."""
    if op is _sre.LITERAL:
        return 48 <= av <= 57
    if op is _sre.RANGE:
        return 48 <= av[0] <= av[1] <= 57
    return op is _sre.CATEGORY and av is _sre.CATEGORY_DIGIT


def required_literals(pattern: str) -> frozenset[str] | None:
    """Lowercase strings one of which any match of `pattern` contains, or None.

    Read from the parsed pattern: the best of its mandatory literal runs, or of
    the alternatives of a mandatory group. None when no such literal of three
    characters or more (or one rare symbol) exists (the rule must then be tried on every line).
    """
    found = _facts(pattern).required
    # Short literals pass too many lines to be worth a gate, unless they are rare symbols.
    if found is None or any(len(x) < 3 and x.isascii() for x in found):
        return None
    return found


def _required(items, accept: Callable[[str], bool] | None = None) -> set[str] | None:
    """The best set of lowercase strings one of which any match of the parsed `items`
    holds (see `required_literals`), among the sets whose every string `accept`s (None:
    any set)."""
    best: tuple[float, set[str]] | None = None
    run: list[str] = []

    def consider(alternatives: set[str] | None) -> None:
        nonlocal best
        if not alternatives:
            return
        if accept is not None and not all(map(accept, alternatives)):
            return
        # Prefer long literals and few alternatives: they reject the most lines.
        score = min(len(a) for a in alternatives) - 0.5 * len(alternatives)
        if best is None or score > best[0]:
            best = (score, alternatives)

    def flush() -> None:
        if run:
            consider({"".join(run)})
            run.clear()

    for op, av in items:
        if op is _sre.LITERAL:
            run.append(chr(av).lower().translate(_APOSTROPHES))
            continue
        flush()
        if op is _sre.SUBPATTERN:
            consider(_required(list(av[3]), accept))
        elif op is _sre.BRANCH:
            alternatives: set[str] | None = set()
            for branch in av[1]:
                sub = _required(list(branch), accept)
                if sub is None:
                    alternatives = None
                    break
                alternatives |= sub
            consider(alternatives)
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] >= 1:
            consider(_required(list(av[2]), accept))
    flush()
    return best[1] if best is not None else None


# Characters a lowered line (`_lower`) shows as themselves wherever `re.IGNORECASE` matches
# them: ASCII but for the quotes `_fold_quotes` and `_APOSTROPHES` rewrite, and the Latin-1
# lower-case letters (tests/test_rule_words.py checks every code point `re` folds to each).
_FOLDED = frozenset(chr(c) for c in range(0x20, 0x7F) if chr(c) not in "'\"`") | frozenset(
    chr(c) for c in range(0xDF, 0x100) if c != 0xF7
)
WORD_GATE = 3  # characters of the shortest word a `contains` search is gated by


def _gate_word(word: str) -> bool:
    """A literal `_search_words` may gate a search with: long enough to reject most lines,
    and found in the lowered line wherever `re.IGNORECASE` finds it in the line."""
    return len(word) >= WORD_GATE and all(c in _FOLDED for c in word)


def backtracking_risks(pattern: str) -> list[str]:
    r"""Constructs that can make a backtracking engine take exponential time.

    Packs are checked statically when they load: a repeated group may not hold
    another repetition (`(a+)+`, `(\\s*x)*`, `(\\d[\\d.]*){0,6}`), since a
    failing match then tries every way of splitting the text between them.
    Optional items (`x?`) and possessive repeats (`\s*+`, which never give back
    what they took) inside a repeat are fine. Bounded single repeats such as
    `.{0,60}` cost at most polynomial time and are allowed.
    """
    facts = _facts(pattern)
    return [facts.error] if facts.error is not None else list(facts.risks)


# A rule matched at a line's start is tried only on lines whose first character may start
# it (`_may_start`); its first two characters tell apart most of the lines that the first
# lets through ("The ..." from the share buttons' "Theo dõi ...", "Авто..." from "Автор").
START_CHARACTERS = 2
_CODE_SHIFT = 21  # a code point fits in 21 bits: two make one int
_START_LIMIT = 4096  # more distinct starts than this: not worth a set
# A second character of any kind (a code above every code point): a start code with it
# holds every line whose first character is the code's (`_start_codes`). A set of codes
# that holds one also holds _HAS_ANY, so that a line's miss looks for it only there.
_ANY = (1 << _CODE_SHIFT) - 1
_ANY_SET = frozenset((_ANY,))
_HAS_ANY = -1


def start_code(key: str) -> int | None:
    """The first two characters of `key` as `re.IGNORECASE` compares them (each one's simple
    lower case, `_sre.unicode_tolower`), in one int; None for a shorter key."""
    if len(key) < START_CHARACTERS:
        return None
    return (
        _sre_engine.unicode_tolower(ord(key[0])) << _CODE_SHIFT
        | _sre_engine.unicode_tolower(ord(key[1]))
    )


def _run_starts(patterns: list[str]) -> frozenset[int] | None:
    """`start_codes` of the alternation of `patterns`: the union of theirs (None if any is)."""
    found: set[int] = set()
    for pattern in patterns:
        starts = _facts(pattern).starts
        if starts is None:
            return None
        found |= starts
    return frozenset(found)


def _start_codes(items, flags: int) -> frozenset[int] | None:
    """Every `start_code` a line that a match of the parsed pattern `items` (compiled with
    `re.IGNORECASE`) starts can have, or None when unsure: a class other than a list of
    literals, a category, a wildcard, flags of its own, or a match that may be shorter
    than two characters.

    `re` compares a cased literal `c` under IGNORECASE as `lower(ch) == lower(c)`, or, for
    the few letters with other case-insensitive spellings (`_casefix`: "s" and "ſ", "k"
    and the Kelvin sign), `lower(ch)` in `lower(c)` and those; an uncased one as itself.
    So each literal stands for those lowered codes, and a line whose first two lowered
    characters are no pair of them cannot match."""
    if flags & (_sre.SRE_FLAG_ASCII | _sre.SRE_FLAG_LOCALE) or not flags & _sre.SRE_FLAG_IGNORECASE:
        return None
    try:
        starts = _sequence_starts(items, START_CHARACTERS)
    except _Unsure:
        return None
    if not starts or any(len(s) < START_CHARACTERS for s in starts):
        return None
    if any(_ANY in first for first, _ in starts):
        return None  # any first character
    codes = set()
    for first, second in starts:
        if _ANY in second:
            codes.update(a << _CODE_SHIFT | _ANY for a in first)
            codes.add(_HAS_ANY)
        else:
            codes.update(a << _CODE_SHIFT | b for a in first for b in second)
    return frozenset(codes) if len(codes) <= _START_LIMIT else None


def _may_start_so(code: int | None, leads: frozenset[int]) -> bool:
    """Whether a line of start code `code` may match a regex of start codes `leads`."""
    if code in leads:
        return True
    return code is not None and _HAS_ANY in leads and code | _ANY in leads


class _Unsure(Exception):
    """`_start_codes` cannot list a pattern's starts."""


def _lowered(code: int) -> frozenset[int]:
    """The lowered codes `re.IGNORECASE` accepts for the literal `code` (see `_start_codes`)."""
    if not _sre_engine.unicode_iscased(code):
        return frozenset((code,))
    low = _sre_engine.unicode_tolower(code)
    return frozenset((low, *_EXTRA_CASES.get(low, ())))


def _sequence_starts(items, k: int) -> set[tuple[frozenset[int], ...]]:
    """The first `k` characters (each a set of lowered codes) of the matches of the
    sequence `items`; a shorter tuple: a match that ends there."""
    found: set[tuple[frozenset[int], ...]] = {()}
    for op, av in items:
        if all(len(s) >= k for s in found):
            break  # what follows cannot change the first k characters
        found = _joined(found, _item_starts(op, av, k), k)
    return found


def _joined(heads: set, tails: set, k: int) -> set:
    """Each of `heads` followed by each of `tails`, cut to `k` characters."""
    out = {h for h in heads if len(h) >= k}
    out |= {(h + t)[:k] for h in heads if len(h) < k for t in tails}
    if len(out) > _START_LIMIT:
        raise _Unsure
    return out


def _item_starts(op, av, k: int) -> set[tuple[frozenset[int], ...]]:
    if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
        return {()}  # zero-width: the next item reads the characters (a superset)
    if op is _sre.LITERAL:
        return {(_lowered(av),)}
    if op is _sre.IN:
        if not av or any(item_op is not _sre.LITERAL for item_op, _ in av):
            # A negation, a range, a category: too broad to list, but one character: any
            # (a first character of any kind makes the pattern's codes None).
            return {(_ANY_SET,)}
        return {(frozenset().union(*(_lowered(code) for _, code in av)),)}
    if op in (_sre.ANY, _sre.NOT_LITERAL):
        return {(_ANY_SET,)}  # one character of any kind
    if op is _sre.SUBPATTERN:
        # A group that only turns IGNORECASE off ("(?-i:de)", a byline's case-sensitive
        # "de") matches some of what it would match with it, and a line it matches starts
        # as the codes read with it say: a superset. Any other flags of its own: unsure.
        if av[1] or av[2] & ~_sre.SRE_FLAG_IGNORECASE:
            raise _Unsure  # flags of its own: its case-folding is not the pattern's
        return _sequence_starts(list(av[3]), k)
    if op is _sre.ATOMIC_GROUP:
        return _sequence_starts(list(av), k)
    if op is _sre.BRANCH:
        return set().union(*(_sequence_starts(list(branch), k) for branch in av[1]))
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
        low, high, body = av
        once = _sequence_starts(list(body), k)
        if () in once:
            raise _Unsure  # a body that may match nothing: any count of it
        # Each repetition adds a character at least: k of them fill the k characters.
        out = {()} if low == 0 else set()
        done = {()}
        for count in range(1, (k if high is _sre.MAXREPEAT else min(high, k)) + 1):
            done = _joined(done, once, k)
            if count >= low:
                out |= done
        if low > k:
            out |= done  # (every one k characters long by now)
        return out
    raise _Unsure  # a wildcard, a category, a back reference: anything


def _first_chars(items) -> str | None:
    """A character class (`re.IGNORECASE`) of every character a match of the parsed pattern
    `items` can start with, read from its parse; None when the pattern may match the empty
    string or start with a character of a broad class (`\\w`, `[^...]`, `.`), or when unsure.
    Only literals, ranges, digits and spaces are listed: the class then tells most lines
    apart by their first character (a line starting "The" cannot match "By ...")."""
    found, nullable = _firsts(items)
    if found is None or nullable or not found:
        return None
    return "[" + "".join(sorted(found)) + "]"


def _firsts(items) -> tuple[set[str] | None, bool]:
    """The class items (as pattern text) a match of `items` can start with, or None (see
    `_first_chars`), and whether `items` can match the empty string."""
    found: set[str] = set()
    for op, av in items:
        if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue  # zero-width: the next item reads the first character (a superset)
        if op is _sre.SUBPATTERN:
            if av[1] or av[2]:
                return None, True  # flags of its own: its case-folding is not the class's
            more, nullable = _firsts(list(av[3]))
        elif op is _sre.ATOMIC_GROUP:
            more, nullable = _firsts(list(av))
        elif op is _sre.BRANCH:
            more, nullable = set(), False
            for branch in av[1]:
                got, empty = _firsts(list(branch))
                if got is None:
                    return None, True
                more |= got
                nullable = nullable or empty
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
            more, nullable = _firsts(list(av[2]))
            nullable = nullable or av[0] == 0
        elif op is _sre.LITERAL:
            more, nullable = {_class_char(av)}, False
        elif op is _sre.IN:
            more, nullable = set(), False
            for item_op, item in av:
                if item_op is _sre.LITERAL:
                    more.add(_class_char(item))
                elif item_op is _sre.RANGE:
                    more.add(f"{_class_char(item[0])}-{_class_char(item[1])}")
                elif item_op is _sre.CATEGORY and item in _NARROW:
                    more.add(_NARROW[item])
                else:
                    return None, True  # a negation or a category: too broad to list
        else:
            return None, True  # a wildcard, a category, a back reference: anything
        if more is None:
            return None, True
        found |= more
        if not nullable:
            return found, False
    return found, True


# Categories few characters belong to, as a character class writes them.
_NARROW = {_sre.CATEGORY_DIGIT: "\\d", _sre.CATEGORY_SPACE: "\\s"}


def _class_char(code: int) -> str:
    """Character `code` written so that a character class reads it as itself."""
    return f"\\U{code:08x}"


def _walk_repeats(items, inside: bool, risks: list[str]) -> None:
    for op, av in items:
        if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
            _, high, body = av
            repeats = high is _sre.MAXREPEAT or high > 1
            # A possessive repeat never gives back what it took: no splits to try.
            if repeats and inside and op is not _sre.POSSESSIVE_REPEAT:
                risks.append("a repetition inside a repeated group")
            _walk_repeats(list(body), inside or repeats, risks)
        elif op is _sre.SUBPATTERN:
            _walk_repeats(list(av[3]), inside, risks)
        elif op is _sre.BRANCH:
            for branch in av[1]:
                _walk_repeats(list(branch), inside, risks)
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            _walk_repeats(list(av[1]), inside, risks)
        elif op is _sre.ATOMIC_GROUP:
            _walk_repeats(list(av), inside, risks)


FINITE_LIMIT = 256


def finite_language(pattern: str, limit: int = FINITE_LIMIT) -> frozenset[str] | None:
    """Every (lowercase) string a pattern matches, when that is a small finite set.

    Most whole-line rules are literal alternations ("(?:main )?menu"); a set
    lookup answers them in constant time instead of trying each branch.
    None for anything with open repetition, classes or anchors.
    """
    if limit == FINITE_LIMIT:
        return _facts(pattern).finite
    try:
        parsed = _sre_parse.parse(pattern, re.IGNORECASE)
    except re.error:
        return None
    found = _language(list(parsed), limit)
    return frozenset(found) if found is not None else None


def _language(items, limit: int) -> set[str] | None:
    out = {""}
    for op, av in items:
        part: set[str] | None
        if op is _sre.LITERAL:
            part = {chr(av).lower().translate(_APOSTROPHES)}
        elif op is _sre.SUBPATTERN:
            part = _language(list(av[3]), limit)
        elif op is _sre.BRANCH:
            part = set()
            for branch in av[1]:
                sub = _language(list(branch), limit)
                if sub is None:
                    return None
                part |= sub
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            low, high, body = av
            sub = _language(list(body), limit) if high is not _sre.MAXREPEAT and high <= 3 else None
            if sub is None:
                return None
            part, current = set(), {""}
            for count in range(high + 1):
                if count >= low:
                    part |= current
                current = {a + b for a in current for b in sub}
                if len(current) > limit:
                    return None
        elif op is _sre.IN:
            part = set()
            for item_op, item in av:
                if item_op is _sre.LITERAL:
                    part.add(chr(item).lower())
                elif item_op is _sre.CATEGORY and item is _sre.CATEGORY_SPACE:
                    part.add(" ")  # repaired text has single plain spaces
                else:
                    return None
        else:
            return None
        if part is None:
            return None
        out = {a + b for a in out for b in part}
        if len(out) > limit:
            return None
    return out
