"""A rule matched at a line's start is not tried on a line whose first two characters start
no match of it (`rules._start_codes`, `RuleSet._leads`, `_rules.walk`): the codes read from
a pattern hold the start of every match, in any case `re.IGNORECASE` accepts; the hits are
those of the rule set that tries every regex, in every pack's rule set, C walk and Python
walk alike."""

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EVERY_PACK, assert_same_rule_hits
from copydesk.core import rules as rules_mod
from copydesk.core.rules import RuleSet, start_code

try:
    from copydesk.core import _rules
except ImportError:  # not built here: the Python walk runs
    _rules = None


def _codes(pattern: str) -> frozenset[int] | None:
    parsed = re._parser.parse(pattern, re.IGNORECASE)
    return rules_mod._start_codes(list(parsed), parsed.state.flags)


def _pairs(pattern: str) -> set[str] | None:
    """The codes as pairs of characters; "*" for any second character (`rules._ANY`)."""
    codes = _codes(pattern)
    if codes is None:
        return None
    if any(c & 0x1FFFFF == rules_mod._ANY for c in codes if c >= 0):
        assert rules_mod._HAS_ANY in codes  # the set says it holds such codes
    return {
        chr(c >> 21) + ("*" if c & 0x1FFFFF == rules_mod._ANY else chr(c & 0x1FFFFF))
        for c in codes
        if c != rules_mod._HAS_ANY
    }


@pytest.mark.parametrize(
    ("pattern", "pairs"),
    [
        ("ab", {"ab"}),
        ("Ab?c", {"ab", "ac"}),
        ("(?:dela|theo dõi)\\s*+x", {"de", "th"}),
        ("[ab]c", {"ac", "bc"}),
        ("(?=\\D*+\\d)ab", {"ab"}),  # a look-ahead reads no character
        ("(?P<r1>a(?:b|cd))\\Z", {"ab", "ac"}),
        ("a{2,}", {"aa"}),
        ("(?:ab){0,3}cd", {"ab", "cd"}),
        ("İx", {"ix", "ıx"}),  # "i" and the dotless "ı" compare alike under IGNORECASE
        ("sk", {"sk", "ſk"}),  # so do "s" and the long "ſ"
        ("1a", {"1a"}),
        ("a*b", None),  # "b" alone is one character
        ("x", None),
        ("[a-c]d", None),  # a range first: any first character
        ("[^a]b", None),
        ("\\wb", None),
        # One character of a broad class second: the first character with any second.
        ("a\\w", {"a*"}),  # a category
        ("a.", {"a*"}),
        ("a[^b]", {"a*"}),
        ("a[b-d]", {"a*"}),
        ("(?:x|ab)(?:[^\\W\\d_]{1,4})?\\s*+c", {"x*", "xc", "ab"}),
        ("x[^\\W\\d_]*", None),  # "x" alone is one character
        # A group that turns IGNORECASE off matches fewer lines: the same codes hold them.
        ("(?-i:ab)", {"ab"}),
        ("(?-i:De)\\s++(?-i:[A-Z])\\w+", {"de"}),
        ("(?i:ab)", None),  # other flags of its own
        ("(?s:ab)", None),
        ("(?:)?ab", None),  # a body that may match nothing
    ],
)
def test_the_starts_read_from_a_pattern(pattern, pairs):
    assert _pairs(pattern) == pairs


# Patterns of the kinds the packs hold, and lines that spell their matches in other cases.
PATTERNS = [
    "(?:udostępnij|dela|följ(?: oss)?|theo dõi|поділитися|シェア(?:する)?)\\s*+(?:facebook|x)",
    "(?:(?:zostaw|dodaj) komentarz|yorum (?:yaz(?:ın)?|ekle)|댓글(?:을)? 쓰기)",
    "(?:автор(?:ка|и)?|autor(?:ka|ok)?|by)\\s*:?\\s*+\\w+",
    "(?:İstanbul|ıslak|straße|kelvin|σοφία|ǅemal)",
    "(?:ab|c[de]){1,3}x?",
    "(?-i:de)\\s++(?-i:[A-ZÀ-Þ])[^\\W\\d_]++",  # a byline's case-sensitive "de"
    # A network's name, a case ending of any letters, then the verb: any second character.
    "(?:facebook|x|vk)(?:['’]?[^\\W\\d_]{1,4})?\\s*+(?:paylaş|dela|シェア)",
]
VARIANTS = [str.upper, str.lower, str.title, str.swapcase, str.casefold]
# Characters that `re.IGNORECASE` matches across more than upper and lower case.
ODD = {"s": "ſ", "k": "\u212a", "i": "ı", "ı": "i", "σ": "ς", "ς": "σ", "å": "\u212b"}


def _spellings(text: str) -> list[str]:
    out = [f(text) for f in VARIANTS] + [text]
    out += ["".join(ODD.get(c, c) for c in t) for t in list(out)]
    return out


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_every_match_starts_with_one_of_the_codes(data):
    pattern = data.draw(st.sampled_from(PATTERNS))
    regex = re.compile(pattern, re.IGNORECASE)
    codes = _codes(pattern)
    assert codes is not None
    text = data.draw(st.from_regex(re.compile(pattern), fullmatch=True))
    for spelled in _spellings(text):
        if regex.match(spelled):
            assert rules_mod._may_start_so(start_code(spelled), codes), repr(spelled)


def test_the_common_packs_share_buttons_are_gated():
    # Else the comparisons below would hold trivially: the regexes this gate was made for
    # (tried on every line starting with a letter one of their verbs starts with) have it.
    rules = RuleSet(("en", "common"))
    share = [r for r in rules.rules if r.id in ("share-network", "comment-prompt")]
    assert share and all(rules_mod._facts(r.pattern).starts for r in share[:1])


def test_the_network_first_share_buttons_are_gated():
    # "Facebook'ta paylaş": a network's name, its case ending (any letters), then the verb.
    # The ending left the rule without codes, and it was tried on every line that starts
    # with a letter a network's name starts with ("Protein continues ...", "Telegram").
    rules = RuleSet(("en", "common"))
    first = [r for r in rules.rules if r.id == "share-network" and r.pattern.startswith("(?:face")]
    assert first
    for rule in first:
        codes = rules_mod._facts(rule.pattern).starts
        assert codes is not None
        for line in ("Facebook'ta paylaş", "Xte paylaş", "vk dela", "Telegram'da paylaş"):
            assert rules_mod._may_start_so(start_code(line), codes), line
        for line in ("Protein continues to dominate", "Photos of the day", "Many thanks"):
            assert not rules_mod._may_start_so(start_code(line), codes), line


def test_a_case_sensitive_bylines_rule_is_gated():
    # The common pack's byline rule of "de Ion Popescu" was tried on every line: its
    # case-sensitive "de" left it without codes.
    rules = RuleSet(("en", "common"))
    sensitive = [r for r in rules.rules if r.pattern.startswith("(?-i:")]
    assert sensitive
    assert all(rules_mod._facts(r.pattern).starts for r in sensitive)


class _NoLeads(dict):
    """`RuleSet._leads` of a rule set that tries every regex whatever a line's start."""

    def __setitem__(self, key, value) -> None:
        super().__setitem__(key, None)


def _lines(rules: RuleSet, rng: random.Random) -> list[str]:
    phrases = sorted(
        phrase for rule in rules.rules for phrase in (rules_mod._finite(rule.pattern) or ())
    )
    phrases = rng.sample(phrases, min(300, len(phrases)))
    made = [
        "Dela på Facebook", "Theo dõi Facebook", "The Facebook page", "Udostępnij na X",
        "Zostaw komentarz", "Yorum yazın (3)", "Автор: Иван", "Авто и мото", "Share on X",
        "ſhare on Facebook", "THEO DÕI TWITTER", "Ｔheo dõi", "댓글 쓰기", "シェアする Facebook",
        "Follow us on Twitter", "Read more", "By Jo Ward", "İstanbul", "x", "", "7",
        "de Ion Popescu", "De Ion Popescu", "de ion popescu", "de Élise Marin", "dE Ana",
        "Facebook'ta paylaş", "Facebookta paylaş", "Xte paylaş", "X paylaş", "vk dela",
        "Protein continues to dominate", "Telegram", "Threads of the story", "Xi Jinping",
    ]
    lines = []
    for text in made + phrases:
        lines += _spellings(text)
        lines.append(f"{text} 12 March 2024")
    return lines


@pytest.mark.parametrize("languages", EVERY_PACK, ids=lambda languages: languages[0])
def test_the_hits_of_every_regex_tried(languages):
    gated, ungated = RuleSet(languages), RuleSet(languages)
    ungated._leads = _NoLeads()
    lines = _lines(gated, random.Random(len(languages[0])))
    hit = assert_same_rule_hits(gated, ungated, lines)
    assert hit > len(lines) // 10  # the lines do reach the rules
    assert any(gated._leads.values())  # and the gate was read


# Characters whose lower case `re` and `str.lower` may take differently, and plain ones.
ALPHABET = [*"aAbZ1 .:-ſıİKΣσςÅåßǅǄéÉ", "\u212a", "\u212b", "ẞ", "Ꭰ", "ꭰ", "𐐀", "𐐨"]


@pytest.mark.skipif(_rules is None, reason="the C rule walk is not built")
@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(ALPHABET), max_size=4))
def test_the_walk_reads_a_lines_start_as_python_does(key):
    tried = []

    def match(found):
        tried.append(found)
        return "m"

    def walk(starts):
        tried.clear()
        try_ = (match, 0, starts)
        return _rules.walk((((try_,), 100, None),), key, key.lower(), len(key), 0)

    code = start_code(key)
    if code is None:
        assert walk(frozenset({0})) is None and tried == []
    else:
        assert walk(frozenset({code})) == (0, "m", None)
        assert walk(frozenset({code ^ 1, code + (1 << 21)})) is None and tried == []
        # Its first character with any second, in a set that says it holds such codes.
        anything = code | rules_mod._ANY
        assert walk(frozenset({anything, rules_mod._HAS_ANY})) == (0, "m", None)
        assert walk(frozenset({anything})) is None and tried == []
        other = (code + (1 << 21)) | rules_mod._ANY
        assert walk(frozenset({other, rules_mod._HAS_ANY})) is None and tried == []
    assert walk(None) == (0, "m", None)  # no starts: every line


@pytest.mark.skipif(_rules is None, reason="the C rule walk is not built")
def test_the_walk_refuses_starts_that_are_no_set():
    with pytest.raises(TypeError):
        _rules.walk(((((lambda key: None, 0, [1]),), 100, None),), "ab", "ab", 2, 0)
