"""How a rule's verdict reads to the model and the passes, in C (`_filefacts.rule_kit`):
`rulecodes.rule_code`, `undecided` and `taken_by_header` answer as their Python twins (the
`_of` functions) for every verdict, those the C functions read and those they hand back;
`classify._codes_and_todo` gives the codes and lines `_codes_and_todo_of` gives; and
`rulecodes.ruled` finds the rules a pass wants as a set finds them, for any set."""

from __future__ import annotations

import random

import pytest

from copydesk.core import classify, rulecodes
from copydesk.core.model import Label, Verdict

try:
    from copydesk.core import _filefacts
except ImportError:
    _filefacts = None

needs_kit = pytest.mark.skipif(not rulecodes.RULE_KIT, reason="the C rule codes are not built")

RULES = [
    None, "line-model", "table", "transcript", "date-line", "counter", "url-line", "nav-crumb",
    "buy-button", "code-fence", "comment-prompt", "byline", "share", "keep-pattern",
    "header-rule", "",
]
DETAILS = [
    "", "en date rule", "date-line (en date rule) overruled: line model: ...",
    "counter", "counter (x)", "nav-crumb (listed under 'More' (line 3)) overruled: ...",
    "listed under 'Read more' (line 3)", "listed under", "en header rule",
    "fields: byline, date", " leading space", "table of 3 rows header rule",
    "url-line ", "line model: body probability 0.20 (...)",
]


class _Str(str):
    """A str of another class: its methods could be its own, so C asks Python."""


def _verdicts(rng: random.Random, n: int) -> list[Verdict]:
    out = []
    for _ in range(n):
        label = rng.choice(list(Label))
        rule = rng.choice(RULES)
        detail = rng.choice(DETAILS)
        if rng.random() < 0.03:
            detail = _Str(detail)
        if rng.random() < 0.03 and rule is not None:
            rule = _Str(rule)
        score = rng.choice((None, None, round(rng.random(), 3)))
        meta = rng.choice((None, ("date", "3 May")))
        out.append(Verdict(label, rule, detail, meta=meta, score=score))
    return out


@needs_kit
def test_the_rule_functions_are_their_python_twins():
    rng = random.Random(1)
    verdicts = _verdicts(rng, 20_000)
    codes = [rulecodes.rule_code(v) for v in verdicts]
    assert codes == [rulecodes.rule_code_of(v) for v in verdicts]
    assert set(codes) == {0, 1, 2, 3, 4, 5, 6}  # every code met
    assert [rulecodes.undecided(v) for v in verdicts] == [
        rulecodes.undecided_of(v) for v in verdicts
    ]
    taken = [rulecodes.taken_by_header(v) for v in verdicts]
    assert taken == [rulecodes.taken_by_header_of(v) for v in verdicts]
    assert any(taken) and not all(taken)
    assert all(type(c) is int for c in codes)


@needs_kit
def test_a_kept_soft_rule_is_read_from_the_detail_s_first_word():
    kept = Verdict(Label.BODY, "line-model", "date-line (en date rule) overruled: ...")
    assert rulecodes.rule_code(kept) == 5
    assert rulecodes.rule_code(Verdict(Label.BODY, "line-model", "date-line")) == 5
    assert rulecodes.rule_code(Verdict(Label.BODY, "line-model", " date-line")) == 0
    assert rulecodes.rule_code(Verdict(Label.BODY, "byline", "date-line (x)")) == 0
    listed = Verdict(Label.BODY, "line-model", "nav-crumb (listed under 'A' (line 2)) ...")
    assert rulecodes.taken_by_header(listed) and rulecodes.undecided(listed) is False


@needs_kit
def test_what_c_does_not_read_is_asked_of_python():
    class Other:
        keep, rule, detail, label = False, "counter", "", Label.BOILERPLATE

    assert rulecodes.rule_code(Other()) == 5 == rulecodes.rule_code_of(Other())
    with pytest.raises(AttributeError):
        rulecodes.rule_code(object())


@needs_kit
def test_codes_and_todo_read_in_c_are_python_s():
    rng = random.Random(2)
    for _ in range(300):
        verdicts = _verdicts(rng, rng.randrange(1, 80))
        rows = sorted(rng.sample(range(len(verdicts)), rng.randrange(1, len(verdicts) + 1)))
        assert classify._codes_and_todo(verdicts, rows) == classify._codes_and_todo_of(
            verdicts, rows
        )


class _Alias:
    """A set member equal to a rule's str, of the same hash, not a str itself."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __hash__(self) -> int:
        return hash(self.text)

    def __eq__(self, other: object) -> bool:
        return other == self.text


@pytest.mark.skipif(_filefacts is None, reason="the C scans are not built")
def test_ruled_finds_what_the_set_finds():
    rng = random.Random(3)
    wanted_sets = [
        frozenset(), frozenset({"table"}), frozenset({"table", None}),
        frozenset({None}), frozenset({"line-model", "headline"}),
        frozenset(r for r in RULES if r),  # more than the few compared one by one
        frozenset({_Alias("date-line")}), frozenset({_Alias("counter"), "table"}),
        frozenset({"".join(["date", "-line"])}),  # equal, not the same object
    ]
    for _ in range(200):
        verdicts = _verdicts(rng, rng.randrange(1, 60))
        rows = rng.choice(
            (None, sorted(rng.sample(range(len(verdicts)), rng.randrange(0, len(verdicts)))))
        )
        for wanted in wanted_sets:
            assert rulecodes.ruled(verdicts, rows, wanted) == rulecodes.ruled_of(
                verdicts, rows, wanted
            )
    dated = [Verdict(Label.BOILERPLATE, "date-line")]
    assert rulecodes.ruled(dated, None, frozenset({_Alias("date-line")})) == [0]
