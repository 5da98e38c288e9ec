"""Repair's scans of a whole text in C (`_linefacts.repair_marks`) against the patterns they
replace (`repair._scanned_by_patterns`): the character table against the compiled patterns,
character by character, and the scan against `finditer` on random and real texts; repair
itself with and without the C scan."""

import random
from pathlib import Path

import pytest

from copydesk.core import repair as rp

C = rp._linefacts
pytestmark = pytest.mark.skipif(C is None, reason="core/_linefacts.c was not built")

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _has(ch: str, bit: int) -> bool:
    return bool(rp._MARKS[ord(ch)] & bit)


def test_the_table_is_the_patterns_classes():
    lead = next(ch for ch in sorted(rp._LEADS_SET) if ch not in "\u00c2\u00c3")
    cont = next(ch for ch in sorted(rp._CONTS_SET) if ch != " ")
    for code in range(0x10000):
        ch = chr(code)
        trigger = rp._FTFY_TRIGGER.fullmatch(ch) is not None
        assert _has(ch, rp.MARK_TRIGGER) == trigger, hex(code)
        # "&" starts a trigger only before an entity, which the C scan reads itself.
        starts = rp._FTFY_TRIGGER.match(ch + "amp;") is not None
        assert (trigger or _has(ch, rp.MARK_AMP)) == starts, hex(code)
        assert _has(ch, rp.MARK_INVISIBLE) == (rp._INVISIBLE.fullmatch(ch) is not None), hex(code)
        first, lost, is_lead = (_has(ch, rp.MARK_FIRST), _has(ch, rp.MARK_LOST),
                                _has(ch, rp.MARK_LEAD))
        assert (rp._SCAN.fullmatch(ch + " ") is not None) == (first and lost), hex(code)
        assert (rp._SCAN.fullmatch(ch + cont) is not None) == (first and is_lead), hex(code)
        is_cont = _has(ch, rp.MARK_CONT)
        assert (rp._SCAN.fullmatch(lead + ch) is not None) == is_cont, hex(code)
        assert _has(ch, rp.MARK_SPACE) == (ch == " "), hex(code)
    for ch in ("\U0001f600", "\U00010000", "\U0010ffff"):  # beyond the table: in no class
        assert rp._scanned_by_patterns(ch * 3) == rp.Scanned([], [], False, False, False)
        assert rp._SCAN.match(lead + ch) is None


def _pieces() -> list[str]:
    lead = sorted(rp._LEADS_SET)
    cont = sorted(rp._CONTS_SET)
    return [
        "a", "Z", " ", "  ", "\n", "\t", "\x0b", "\x7f", "\x1b", "\x85", "\u00a0", "\u00ad",
        "\u200b", "\ufeff", "\ufb01", "\ud800", "\udfff", "\u2028", "\u3000", "\U0001f600",
        "&", "&amp;", "&amp", "&a", "&a1", "&1", "&#", "&#1", "&#x", "&#x1", "&#xg", "&#X9f;",
        "&&lt;", "& ", "#", "x", "9", "\u00c2", "\u00c3", "\u00c2 ", "\u00c3 ", "\u00e9",
        "caf\u00c3\u00a9", "\u00e2\u20ac\u2122", "\u00e2\u20ac", "\u00c3\u00c3\u00a9",
        "\u0432", "\u0456", "\u20ac", "\u2019", "\u201d", "\u00bb", "\u0100", "\u4e2d",
        *random.Random(1).sample(lead, 12), *random.Random(2).sample(cont, 12),
    ]


def _random_texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    pieces = _pieces()
    return ["".join(rng.choice(pieces) for _ in range(rng.randrange(0, 40)))
            for _ in range(count)]


def _starts(spans):
    return [start for start, _ in spans]


def _same_scan(text: str) -> None:
    fast, slow = rp._scanned(text), rp._scanned_by_patterns(text)
    assert _starts(fast.triggers) == _starts(slow.triggers), text
    if not text.isascii():  # the patterns skip what cannot match an ASCII text
        assert fast.pairs == slow.pairs, text
    assert fast.invisible == slow.invisible, text
    assert (fast.doubled, fast.edged) == (slow.doubled, slow.edged), text
    assert rp._touched_lines(text, fast) == rp._touched_lines(text, slow), text


def test_the_scan_is_finditer_on_random_texts():
    for text in _random_texts(20000, 7):
        _same_scan(text)


def test_the_scan_is_finditer_on_every_kind_of_str():
    # Chains of leads and continuations, where finditer's matches must not overlap.
    lead = "\u00c3"
    cont = "\u00a9"
    for text in (lead * 5 + cont, (lead + cont) * 3 + lead, lead + lead + cont + cont,
                 "\u00c2 \u00c2  \u00c3\u00c3 ", "&#1\n&a\n&\n", "x" * 100 + "&#x1",
                 " a", "a ", "a \nb", "a\n b", "a  b", "a b\nc d", " ", "  ", "\n \n"):
        for extra in ("", "\u0100", "\U0001f600"):  # UCS-1, UCS-2 and UCS-4 strings
            _same_scan(text + extra)
            _same_scan(extra + text)


def test_the_scan_is_finditer_on_real_texts():
    texts = [p.read_text(encoding="utf-8", errors="surrogateescape")
             for p in sorted(SAMPLES.rglob("*")) if p.is_file()]
    assert texts
    for text in texts:
        _same_scan(text)


def _repaired(text: str, c_scan: bool, monkeypatch) -> rp.Repaired:
    with monkeypatch.context() as m:
        m.setattr(rp, "_linefacts", C if c_scan else None)
        return rp.repair(text)


def test_repair_is_the_same_with_and_without_the_scan(monkeypatch):
    texts = [
        *_random_texts(3000, 11),
        # ftfy removes the control character that the first scan saw: the count of invisible
        # characters is taken again after it.
        "caf\u00c3\u00a9\x7f and more",
        "\u00e2\u20ac\u0153quoted\u00e2\u20ac\x7f\nnext\u200b line",
        "Period X \u00e2\u201e\u00a2\nand caf\u00c3\u00a9 too",
        "&amp;amp; &#233;t\u00e9\x0c",
    ]
    for text in texts:
        fast, slow = _repaired(text, True, monkeypatch), _repaired(text, False, monkeypatch)
        assert (fast.text, fast.repairs) == (slow.text, slow.repairs), text


def test_the_c_scan_is_taken(monkeypatch):
    def refused(text):
        raise AssertionError("the patterns' scan ran")

    monkeypatch.setattr(rp, "_scanned_by_patterns", refused)
    assert rp.repair("caf\u00c3\u00a9 &amp; \u200bnote").text == "café & note"


def test_invisible_characters_are_looked_for_after_ftfy():
    # ftfy removes the control character the first scan saw: nothing is left to count.
    done = rp.repair("caf\u00c3\u00a9\x7f and more")
    assert (done.text, done.repairs) == (
        "café and more", ["ftfy (encode latin-1, decode utf-8, apply remove_control_chars) "
                          "on line 1"])
    # ftfy makes one (an entity of a zero-width space) that the first scan could not see.
    done = rp.repair("&#8203;x")
    assert (done.text, done.repairs) == (
        "x", ["ftfy (apply unescape_html) on line 1",
              "1 invisible, control or odd space character(s) removed or replaced"])


def test_spaces_are_looked_for_again_in_a_text_repair_changed():
    # The first scan saw no run of spaces and no space at a line's edge: replacing an odd
    # space (or ftfy's entity of one) makes them, and they go all the same.
    odd = "1 invisible, control or odd space character(s) removed or replaced"
    for text, clean in (("a \u00a0b", "a b"), ("a\u00a0\nb", "a\nb"), ("x\u3000", "x"),
                        ("&nbsp; x", "x")):
        assert rp.repair(text).text == clean, text
        assert odd in rp.repair(text).repairs
        assert rp._repair_pass(text, None, []) == clean, text  # in one pass, as before
    assert rp.repair("caf\u00c3\u00a9  au lait ").text == "café au lait"
