"""How a rule's verdict reads to the line model and to the context passes: which rules
are soft (the model may overrule them), which sit inside the body, and the code each
verdict gives the model (`rule_code`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from .model import Label, Verdict

try:  # the rules of a pass's lines read from the verdicts' slots (see core/_filefacts.c)
    from . import _filefacts
except ImportError:
    _filefacts = None

# Rules whose verdict the line model may overrule: they match lines that also occur in
# bodies (a bare number in a table, a date in a timeline, a URL in a reference list, a
# subheading under a "Videos" header), so the line's context decides.
SOFT_RULES = frozenset(["counter", "date-line", "url-line", "nav-crumb"])
# Rules whose lines sit inside the body (a shop button under each item of a list of
# products): they go, but the model sees them as lines no rule decided. Lines that rules
# remove are otherwise the model's sign of chrome around the body, and a button under each
# of 70 restaurants turned a whole guide into "chrome".
IN_BODY_RULES = frozenset(
    ["buy-button", "cta-button", "code-fence", "code-gutter", "roundup-link", "entry-closer"]
)


# A block header's list: each line it takes says so in its detail, with the header's line,
# and a pass that reads the list as one thing (`classify._list_scores`,
# `edges.related_lists`) finds the header by that line. The detail is the one place a
# verdict has for it: a field of its own would sit on every line of every file for the
# few lines a header takes. So the format is written and read here only.
_LISTED = "listed under"
_KEPT_LISTED = f" ({_LISTED} "  # the model kept the line: "rule (listed under ...) overruled"
# The header's text as `repr` writes it, in either quotes with their escapes: a header's
# own words ("Page 2 (line 7)") are not the line.
_HEADER_LINE = re.compile(
    _LISTED + r""" (?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*") \(line (\d+)\)"""
)


def ruled(
    verdicts: list[Verdict], rows: list[int] | None, wanted: frozenset[str | None]
) -> list[int]:
    """The positions in `rows` (None: every line) of the lines whose verdict's rule is in
    `wanted`. Passes look for one rule or two that few lines hold (a headline, a table's
    cell, the model's removal): in C where it was built, which reads a verdict's rule
    from its slot, where a Python step for every line in play, every pass, found none on
    most pages."""
    if _filefacts is not None:
        return _filefacts.ruled_rows(verdicts, rows, wanted)
    return ruled_of(verdicts, rows, wanted)


def ruled_of(
    verdicts: Sequence[Verdict], rows: Sequence[int] | None, wanted: frozenset[str | None]
) -> list[int]:
    """`ruled` in Python (where the extension is not built, and for the tests)."""
    if rows is None:
        return [i for i, v in enumerate(verdicts) if v.rule in wanted]
    return [k for k, i in enumerate(rows) if verdicts[i].rule in wanted]


# The rules that keep a line a soft rule matched (`overruled_soft_rule`).
OVERRULING_RULES = frozenset(["line-model", "table", "transcript"])


def overruled_soft_rule(verdict: Verdict) -> str | None:
    """The soft rule that matched a line the model or a table kept anyway, or None: such a
    verdict's detail starts with the rule's id ("date-line (...) overruled: ...")."""
    if not verdict.keep or verdict.rule not in OVERRULING_RULES:
        return None
    soft = verdict.detail.split(" ", 1)[0]
    return soft if soft in SOFT_RULES else None


def rule_code_of(verdict: Verdict) -> int:
    """How the model sees a rule's verdict: 0 none, 1 boilerplate, 2 metadata, 3 block
    header, 4 listed under a block header, 5 a soft rule (see SOFT_RULES), 6 a comment
    prompt (boilerplate that opens a comment section)."""
    if verdict.keep:
        # A soft rule the model overruled still matches on a second run: say so again.
        return 5 if overruled_soft_rule(verdict) is not None else 0
    if verdict.rule in SOFT_RULES:
        return 5
    if verdict.rule in IN_BODY_RULES:
        return 0
    if verdict.detail.startswith(_LISTED):  # `listed`, inline: every verdict's code
        return 4
    if verdict.label is Label.METADATA:
        return 2
    if verdict.detail.endswith("header rule"):
        return 3
    if verdict.rule == "comment-prompt":
        return 6
    return 1


def undecided_of(verdict: Verdict) -> bool:
    """Left to the line model: no rule decided, or only a soft one."""
    if verdict.keep:
        return verdict.rule is None
    return rule_code_of(verdict) in (4, 5)


def taken_by_header_of(verdict: Verdict) -> bool:
    """Taken by a block header's list: still, or kept by the model over it."""
    if verdict.keep:
        return verdict.rule == "line-model" and _KEPT_LISTED in verdict.detail
    return rule_code_of(verdict) == 4


def _rule_kit() -> bool:
    """Bind `rule_code`, `undecided` and `taken_by_header` in C (`_filefacts.rule_kit`):
    asked of most removed lines on every pass, by the model's codes and by context passes,
    a Python call each. The `_of` functions are their twins (and answer for any verdict
    the C functions do not read: tests/test_rule_kit.py holds the two together). False
    where the extension was not built, or cannot read the verdict class."""
    if _filefacts is None:
        return False
    try:
        _filefacts.verdict_kit(Verdict, Label.BODY, Label.BOILERPLATE, "line-model")
        _filefacts.rule_kit(
            Verdict, Label.METADATA, SOFT_RULES, IN_BODY_RULES, OVERRULING_RULES, _LISTED,
            _KEPT_LISTED, "header rule", "comment-prompt", "line-model", rule_code_of,
            taken_by_header_of, undecided_of,
        )
    except (AttributeError, TypeError):
        return False
    return True


RULE_KIT = _rule_kit()
rule_code: Callable[[Verdict], int]
undecided: Callable[[Verdict], bool]
taken_by_header: Callable[[Verdict], bool]
if RULE_KIT:
    rule_code = _filefacts.rule_code
    undecided = _filefacts.undecided
    taken_by_header = _filefacts.taken_by_header
else:
    rule_code, undecided, taken_by_header = rule_code_of, undecided_of, taken_by_header_of



def listed_detail(header: str, line: int, after: str = "") -> str:
    """The detail of a line a header's list took: the header's text and its line (the
    first line of its block), then `after`."""
    return f"{_LISTED} {header!r} (line {line}){after}"


def listed(verdict: Verdict) -> bool:
    """A removal because a header's list took the line (`listed_detail`)."""
    return verdict.detail.startswith(_LISTED)


def header_line(verdict: Verdict) -> int | None:
    """The line of the header whose list took this line, removed or kept by the model
    over it (`taken_by_header`), or None."""
    found = _HEADER_LINE.search(verdict.detail)
    return int(found.group(1)) if found is not None else None
