"""The search of the `contains` rules without key words is made only on a line whose lowered
form holds one of their words (`rules._search_words`): an image credit's rule, keyed by its
colon alone, was searched at every position of every line with a colon. The gate is a
speed-up only: every rule set finds the same hits with it and without it, in C and in
Python, on lines that spell the words in every case `re.IGNORECASE` reads alike."""

import random
import re
from re import _parser as sre_parse

import pytest

from copydesk.core import rules as rules_mod
from copydesk.core.classify import VALIDATORS
from copydesk.core.rules import RuleSet, available_languages, trim

try:
    from copydesk.core import _rules
except ImportError:  # not built here: the Python walk runs
    _rules = None

# Every code point but the surrogates, which a str may hold but no line decoded from bytes.
EVERY = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)


def _rule_sets() -> list[RuleSet]:
    sets = [RuleSet(("en", "common"))]
    sets += [RuleSet((lang, "en", "common")) for lang in available_languages() if lang != "en"]
    return sets


def test_a_folded_character_is_itself_in_the_lowered_line():
    # The gate looks for a rule's lowered literal in the lowered line: every character that
    # a literal whose lower case is in _FOLDED matches under re.IGNORECASE must lower to it.
    literals = [c for c in EVERY if len(c.lower()) == 1 and c.lower() in rules_mod._FOLDED]
    assert len(literals) > len(rules_mod._FOLDED)  # the capitals and the Kelvin sign too
    for literal in literals:
        for seen in re.compile(re.escape(literal), re.IGNORECASE).findall(EVERY):
            assert rules_mod._lower(seen) == literal.lower(), (literal, seen)


def test_the_image_credit_rule_is_searched_only_with_its_words():
    rules = RuleSet(("en", "common"))
    always, _, words = rules._contains_plan(0)
    assert always is not None and words is not None
    assert {"photo", "image", "credit"} <= words
    # The C walk reads the words from the contains step.
    kinds, walked = rules._line_steps(rules._plan(0), 0, "x", True)
    step = walked[[k for k, *_ in kinds].index("contains")]
    assert step[0] == always[0].search and step[4] == tuple(sorted(words))


def test_required_words_are_the_best_that_a_gate_may_read():
    def words(pattern: str) -> set[str] | None:
        items = list(sre_parse.parse(pattern, re.IGNORECASE))
        return rules_mod._required(items, rules_mod._gate_word)

    # The colon scores best for `_marks` (one literal against eight), but is too short for
    # a word gate.
    names = ["photo", "image", "picture", "credit", "foto", "bild", "imagem", "imagen"]
    credit = rf"\s(?:{'|'.join(names)})s?\s*:\s*\w+"
    assert rules_mod._required(list(sre_parse.parse(credit, re.IGNORECASE))) == {":"}
    assert words(credit) == set(names)
    assert words(r"Crédit: \w+") == {"crédit: "}
    # A branch without a word of its own leaves the pattern without a gate.
    assert words(r"(?:photo|\d+) \w+") is None
    # Letters the lowered line may not show as the literal (a dotted capital I lowers to
    # two characters; a quote is folded), and words too short.
    assert words(r"İstanbul \w+") is None
    assert words(r"don't \w+") is None
    assert words(r"by\d+") is None


def _lines(rules: RuleSet, rng: random.Random) -> list[str]:
    """Lines around each gated rule's words: in capitals, with the letters `re` folds to
    ASCII ones (a dotted capital I, a long s, the Kelvin sign), after a sentence's end,
    with and without a colon, and lines that hold none of them."""
    words = sorted(rules._contains_plan(0)[2] or ())
    odd = {"i": ["İ", "ı", "I"], "s": ["ſ", "S"], "k": ["\u212a", "K"]}
    lines = []
    for word in words:
        spelt = [word, word.upper(), word.capitalize()]
        spelt.append("".join(rng.choice(odd.get(c, [c, c.upper()])) for c in word))
        for form in spelt:
            for before in ("", "Harbour view. ", "Harbour view (", "Left | ", "A "):
                for after in (": Lena Ward", "s by Lena Ward: Harbour Log", " Lena Ward", ":"):
                    lines.append(before + form + after)
    alphabet = "abcdeghiklmnoprstu  ABCDIKS:.()|/-'’İıſ\u212aé0123"
    lines += ["".join(rng.choices(alphabet, k=rng.randrange(60))) for _ in range(300)]
    return lines


def _hits(rules: RuleSet, line: str, python: bool) -> list:
    trimmed = trim(line)
    walk = rules._match_python if python else rules.match
    return list(walk(trimmed, len(trimmed.split()), VALIDATORS))


@pytest.mark.parametrize("python", [False, True] if _rules is not None else [True])
def test_the_same_hits_with_and_without_the_word_gate(monkeypatch, python):
    rng = random.Random(28)
    gated = _rule_sets()
    lines = {id(rules): _lines(rules, rng) for rules in gated}
    monkeypatch.setattr(rules_mod, "_search_words", lambda rules: None)
    ungated = _rule_sets()
    matched = 0
    for rules, plain in zip(gated, ungated, strict=True):
        assert plain._contains_plan(0)[2] is None
        for line in lines[id(rules)]:
            found = _hits(rules, line, python)
            assert found == _hits(plain, line, python), (rules.rules[0].language, line)
            matched += any(kind == "contains" for kind, _ in found)
    assert matched > 100  # the gated rules did match, in every spelling
