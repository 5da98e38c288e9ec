"""Repair decoded text: mojibake and entities (ftfy), invisible characters, whitespace, NFC.

ftfy is the slow part of cleaning, so it runs only on lines it could change:
ftfy's own encoding fixer does nothing unless its badness heuristic fires
(`ftfy.badness.is_bad`), and its other fixers act only on HTML entities,
terminal escapes, C1 controls, ligatures and surrogates. A line with none of
those is exactly what ftfy would return, so skipping it loses nothing.

Line count is preserved (CRLF and CR become LF; nothing else makes or joins
lines) so that every block can point back at its lines in the input.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

import ftfy
from ftfy.badness import is_bad

from . import rulecache  # large character classes compiled once for all processes
from .decode import read_back

try:  # repair's scans of a whole text in one pass (optional: see core/_linefacts.c)
    from . import _linefacts
except ImportError:  # pragma: no cover - the extension was not built
    _linefacts = None

# Typography is content: keep curly quotes and full-width forms (CJK text uses them).
FTFY_CONFIG = ftfy.TextFixerConfig(
    uncurl_quotes=False,
    fix_character_width=False,
    fix_line_breaks=False,
    normalization="NFC",
    explain=True,
)
NORMALIZER_VERSION = 10  # bump when decode, unmarkup, repair, linkmarks or unglue output changes,
# or the matching form (fingerprint.py): an index made before holds other fingerprints
MAX_ROUNDS = 8  # rounds of repair on lines that are still changing (see `repair`)

_NEWLINE = re.compile("\n")
_NEWLINES = re.compile(r"\r\n?")
# What ftfy's non-encoding fixers act on (entities, escapes, C1, ligatures, surrogates).
# Written as one class of first characters, then which of the three it was (a look-behind):
# `re` skips ahead to a first character in a tight loop only when the pattern opens with a
# class, not with an alternation (the plain alternation was scanned position by position,
# several times slower). Same matches, same spans.
_TRIGGER_CHARS = "\x1b\u0080-\u009f\ufb00-\ufb06\ud800-\udfff"
_FTFY_TRIGGER = rulecache.compile(
    f"[&{_TRIGGER_CHARS}]"
    r"(?:(?<=&)(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?"
    f"|(?<=[{_TRIGGER_CHARS}]))"
)

# Invisible characters with no meaning in plain text, and C0 controls, are deleted;
# odd spaces become plain spaces. ZWJ/ZWNJ (emoji, Indic and Persian scripts) and
# LRM/RLM/ALM (right-to-left text) are kept; bidi overrides and isolates are not.
# Vertical tab, form feed and the information separators separate words: they become
# spaces, so that "page\fbreak" does not turn into "pagebreak".
_SEPARATORS = [0x0B, 0x0C, 0x1C, 0x1D, 0x1E, 0x1F]
_DELETE = (
    [c for c in range(0x00, 0x20) if c not in (0x09, 0x0A, *_SEPARATORS)]
    + [0x7F, 0x00AD, 0x180E, 0x200B, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xFEFF]
    + list(range(0x202A, 0x202F))
    + list(range(0x2066, 0x206A))
    + list(range(0x206A, 0x2070))
    + [0xFFF9, 0xFFFA, 0xFFFB]
    + list(range(0x0080, 0x00A0))
)
_SEPARATOR_CHARS = "".join(chr(c) for c in _SEPARATORS)
_SEPARATOR_RE = re.compile("[" + _SEPARATOR_CHARS + "]")
_SPACES = [
    0x09,
    *_SEPARATORS,
    0x00A0,
    0x1680,
    *range(0x2000, 0x200B),
    0x2028,
    0x2029,
    0x202F,
    0x205F,
    0x3000,
]
# Two substitutions (the sets are disjoint): several times faster than str.translate with
# a table, which looks every character of the text up in a dict.
_DELETE_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in _DELETE) + "]")
_SPACES_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in _SPACES) + "]")
_INVISIBLE = re.compile(
    "[" + "".join(re.escape(chr(c)) for c in _DELETE + _SPACES if c != 0x20) + "]"
)
_RUNS = re.compile(r" {2,}")
_EDGES = re.compile(r"^ +| +$", re.MULTILINE)


@dataclass(slots=True)
class Repaired:
    text: str
    repairs: list[str] = field(default_factory=list)


def _describe(steps) -> str:
    parts = []
    for step in steps or ():
        action, parameter = step
        if action == "normalize":
            continue
        parts.append(f"{action} {parameter}")
    return ", ".join(parts) or "normalized"


def _line_list(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:10])
    return shown + (f" (+{len(numbers) - 10} more)" if len(numbers) > 10 else "")


# A closing quote (UTF-8 E2 80 9D) read as cp1252 is "â€" and byte 9D, which cp1252 leaves
# undefined, so pages and scrapers drop it. What is left, "â€" before a space, ftfy reads
# as a dagger (E2 80 A0, the A0 taken for a lost no-break space): "“plan† would". A
# dagger is rare in prose and a closing quote is not, so the quote is tried first.
_LOST_CLOSING_QUOTE = re.compile("\u00e2\u20ac(?=\\s|$)")
# A no-break space (UTF-8 C2 A0) read as cp1252 is "Â" and a no-break space, and "à" (C3 A0)
# is "Ã" and one. Mid-line ftfy restores both; at the end of a line the space is trimmed
# (by the page, the scraper or us) and a bare "Â" or "Ã" stays: "cost $62.Â", "voilÃ".
# No word of any language ends in "Â", and a final "Ã" after a lower-case letter is not
# Portuguese capitals ("IRMÃ"), so the lost space is put back for ftfy to judge.
_FINAL_A = re.compile("[\u00c2\u00c3]$", re.MULTILINE)


def _lost_no_break_space(line: str) -> bool:
    return line.endswith("\u00c2") or (line.endswith("\u00c3") and not line[-2:-1].isupper())


def _fix_line(line: str) -> tuple[str, list | None]:
    if _lost_no_break_space(line):
        candidate = line + "\u00a0"
        fixed, steps = ftfy.fix_and_explain(candidate, FTFY_CONFIG)
        if fixed != candidate:  # a no-break space left at the end is trimmed later
            return fixed, steps
    if "\u00e2\u20ac" in line:
        candidate = _LOST_CLOSING_QUOTE.sub("\u00e2\u20ac\x9d", line)
        if candidate != line:
            fixed, steps = ftfy.fix_and_explain(candidate, FTFY_CONFIG)
            if "\x9d" not in fixed:  # decoded: the byte was the quote's
                return fixed, steps
    return ftfy.fix_and_explain(line, FTFY_CONFIG)


def _needs_ftfy(line: str) -> bool:
    if line.isascii():
        return "&" in line or "\x1b" in line
    return is_bad(line) or _FTFY_TRIGGER.search(line) is not None or _lost_no_break_space(line)


def _signature_regex() -> tuple[re.Pattern[str], re.Pattern[str], set[str], set[str]]:
    """Where mojibake can be: UTF-8 decoded by any single-byte codec ftfy knows leaves a
    lead-byte character (bytes C2-F4) followed by a continuation-byte character (80-BF)
    of that codec, or, when a no-break space was lost on the way, Â or Ã and a space.
    Built from the codecs' own tables, so it cannot miss a pair they produce.

    Returns a fast scanner (one pair of character classes: any codec's lead, then any
    codec's continuation), the exact test its rare finds must pass (a lead of one
    codec may sit before a continuation of another), and the scanner's two classes."""
    import ftfy.bad_codecs  # noqa: F401  (registers the sloppy codecs)
    from ftfy.chardata import CHARMAP_ENCODINGS

    alternatives = ["[\u00c2\u00c3] "]
    all_leads: set[str] = set()
    all_conts: set[str] = set()
    for encoding in CHARMAP_ENCODINGS:
        leads = bytes(range(0xC2, 0xF5)).decode(encoding, errors="ignore")
        conts = bytes(range(0x80, 0xC0)).decode(encoding, errors="ignore")
        alternatives.append(f"[{re.escape(leads)}][{re.escape(conts)}]")
        all_leads.update(leads)
        all_conts.update(conts)
    leads_class = re.escape("".join(sorted(all_leads)))
    conts_class = re.escape("".join(sorted(all_conts)))
    # "[ÂÃ] |[leads][conts]", opened by one class so that `re` can skip ahead (see
    # _FTFY_TRIGGER): same matches, same spans.
    scan = rulecache.compile(
        f"[\u00c2\u00c3{leads_class}](?:(?<=[\u00c2\u00c3]) |(?<=[{leads_class}])[{conts_class}])"
    )
    return scan, rulecache.compile("|".join(alternatives)), all_leads, all_conts


_SCAN, _SIGNATURE, _LEADS_SET, _CONTS_SET = _signature_regex()

# The classes of `_linefacts.repair_marks` (see core/_linefacts.c), one byte per BMP character:
# the characters of the patterns above, so that one pass in C finds what their three scans
# find (tests/test_repair_marks.py holds the table to the compiled patterns, character by
# character, and the scan to `finditer` on random texts).
MARK_TRIGGER, MARK_AMP, MARK_FIRST, MARK_LOST, MARK_LEAD, MARK_CONT, MARK_INVISIBLE, MARK_SPACE = (
    1, 2, 4, 8, 16, 32, 64, 128)


def _marks_table() -> bytes:
    table = bytearray(65536)
    triggers = [0x1B, *range(0x80, 0xA0), *range(0xFB00, 0xFB07), *range(0xD800, 0xE000)]
    for code in triggers:
        table[code] |= MARK_TRIGGER
    table[ord("&")] |= MARK_AMP
    for ch in _LEADS_SET | {"\u00c2", "\u00c3"}:
        table[ord(ch)] |= MARK_FIRST
    for ch in ("\u00c2", "\u00c3"):
        table[ord(ch)] |= MARK_LOST
    for ch in _LEADS_SET:
        table[ord(ch)] |= MARK_LEAD
    for ch in _CONTS_SET:
        table[ord(ch)] |= MARK_CONT
    for code in _DELETE + _SPACES:
        if code != 0x20:
            table[code] |= MARK_INVISIBLE
    table[0x20] |= MARK_SPACE
    return bytes(table)


_MARKS = _marks_table()


def _touched_lines(text: str, scanned: Scanned | None = None) -> list[int]:
    """Indices of the lines that may need ftfy, found by scanning the whole text once (in
    C) for its triggers and for mojibake signatures, instead of running ftfy's costly
    badness heuristic on every line. Each line found is then tested exactly, as ftfy
    would test it. A match that spans lines marks all of them. `scanned`: `_scanned(text)`,
    when the caller has it."""
    if scanned is None:
        scanned = _scanned(text)
    spans = list(scanned.triggers)
    if not text.isascii():
        spans += [span for span in scanned.pairs if _SIGNATURE.fullmatch(text[slice(*span)])]
        # Looked for one character at a time first (a scan at memchr speed): the pattern's
        # class is tested at every position, and nearly no text has either.
        if "\u00c2" in text or "\u00c3" in text:
            spans += [m.span() for m in _FINAL_A.finditer(text)]
    if not spans:
        return []
    newlines = [m.start() for m in _NEWLINE.finditer(text)]
    touched: set[int] = set()
    for start, end in spans:
        first = bisect.bisect_left(newlines, start)
        last = bisect.bisect_left(newlines, max(start, end - 1))
        touched.update(range(first, last + 1))
    return sorted(touched)


@dataclass(slots=True)
class Scanned:
    """What `_touched_lines` and a repair pass read of a whole text: the spans where
    `_FTFY_TRIGGER` and `_SCAN` match (as `finditer` finds them), whether any character
    is `_INVISIBLE`'s, whether two spaces follow each other, and whether a line starts or
    ends with a space."""

    triggers: list[tuple[int, int]]
    pairs: list[tuple[int, int]]
    invisible: bool
    doubled: bool
    edged: bool


def _scanned(text: str) -> Scanned:
    if _linefacts is not None:
        # One pass in C instead of three regex scans, each testing every character against
        # a class (40 µs of a 2,400-character corpus page). The spans found there are the
        # matches' starts: a match never holds a newline, so its start tells its line.
        triggers, pairs, invisible, doubled, edged = _linefacts.repair_marks(text, _MARKS)
        return Scanned([(i, i + 1) for i in triggers], [(i, i + 2) for i in pairs], invisible,
                       doubled, edged)
    return _scanned_by_patterns(text)


def _scanned_by_patterns(text: str) -> Scanned:
    """`_scanned` by the patterns themselves (the reference `repair_marks` is held to). An
    ASCII text has no trigger but "&" and escape, and no pair (every lead is beyond ASCII):
    a scan for them would test every character for nothing."""
    ascii_only = text.isascii()
    triggers = ([m.span() for m in _FTFY_TRIGGER.finditer(text)]
                if not ascii_only or "&" in text or "\x1b" in text else [])
    pairs = [m.span() for m in _SCAN.finditer(text)] if not ascii_only else []
    return Scanned(triggers, pairs, _INVISIBLE.search(text) is not None, "  " in text,
                   _edged(text))


def _edged(text: str) -> bool:
    return text.startswith(" ") or text.endswith(" ") or " \n" in text or "\n " in text


def _repair_pass(
    text: str, numbers: list[int] | None, repairs: list[str], codecs: set[str] | None = None
) -> str:
    """One round of repair. Every step is line-local and keeps the line count.
    `numbers` gives the input line number of each line of `text` (default: 1, 2, ...).
    `codecs` collects the codecs that ftfy found UTF-8 misread as (see `_misread_codecs`)."""
    scanned, scanned_text = _scanned(text), text
    invisible = scanned.invisible
    touched = _touched_lines(text, scanned)
    if touched:
        lines = text.split("\n")
        fixed_by: dict[str, list[int]] = defaultdict(list)
        changed = False
        for k in touched:
            line = lines[k]
            if not _needs_ftfy(line):
                continue
            fixed, steps = _fix_line(line)
            if fixed != line:
                # An unescaped "&#10;" must not split the line: spans must stay true.
                lines[k] = fixed.replace("\n", " ").replace("\r", " ")
                fixed_by[_describe(steps)].append(numbers[k] if numbers else k + 1)
                if codecs is not None:
                    codecs.update(_misread_codecs(steps))
                changed = True
        if changed:
            text = "\n".join(lines)
            if codecs:  # before odd spaces become plain ones: cp1250 reads "Š" as "Ĺ\xa0"
                text = _decode_file_misreads(text, codecs, repairs)
            invisible = _INVISIBLE.search(text) is not None  # ftfy's lines scanned again
            for how, where in sorted(fixed_by.items()):
                repairs.append(f"ftfy ({how}) on line {_line_list(where)}")
    if invisible:
        found = len(_INVISIBLE.findall(text))
        text = _SPACES_RE.sub(" ", _DELETE_RE.sub("", text))
        repairs.append(
            f"{found} invisible, control or odd space character(s) removed or replaced"
        )
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
        repairs.append("Unicode NFC normalization")
    # The scan's answers hold while the text is the one scanned (most texts need no repair).
    same = text is scanned_text
    if scanned.doubled if same else "  " in text:
        text = _RUNS.sub(" ", text)
        same = False
    if scanned.edged if same else _edged(text):
        text = _EDGES.sub("", text)
    return text


def _misread_codecs(steps) -> list[str]:
    """The codecs an ftfy explanation says UTF-8 was read as: ("encode", codec) followed
    by ("decode", "utf-8...")."""
    found = []
    for (action, codec), (after, target) in itertools.pairwise(steps):
        if action == "encode" and after == "decode" and target.startswith("utf-8"):
            found.append(codec)
    return found


# What UTF-8 read as a single-byte codec leaves, one sequence at a time: a lead byte's
# character, then as many continuation bytes' characters as the lead announces.
_LEADS = {2: range(0xC2, 0xE0), 3: range(0xE0, 0xF0), 4: range(0xF0, 0xF5)}


@functools.cache
def _misread_sequences(codec: str) -> re.Pattern[str]:
    conts = re.escape(bytes(range(0x80, 0xC0)).decode(codec, errors="ignore"))
    alternatives = []
    for size, leads in _LEADS.items():
        lead = re.escape(bytes(leads).decode(codec, errors="ignore"))
        alternatives.append(f"[{lead}][{conts}]{{{size - 1}}}")
    return re.compile("|".join(alternatives))


def _plausible(decoded: str) -> bool:
    """Whether a sequence's UTF-8 reading is a character mojibake hides, not a chance pair
    of real letters: two bytes read as Latin ("Â®", "Ã©", "Â’" for a C1 control that is
    cp1252's quote) and not a rare script ("ß“", German closing a quote, reads as NKo);
    three or four bytes read as any assigned character other than a private one."""
    code = ord(decoded)
    if code < 0x800:
        return code < 0x250
    return unicodedata.category(decoded) not in ("Cn", "Co", "Cs")


def _decode_misread(line: str, codecs: list[str]) -> str:
    """`line` with each sequence that is UTF-8 misread as one of `codecs` decoded, where
    ftfy left it: alone on a line ("Period X â„¢"), ftfy's badness heuristic cannot tell
    it from real text, but the file has shown on other lines that it was misread so."""
    for codec in codecs:

        def decoded(match: re.Match[str], codec: str = codec) -> str:
            try:
                char = match.group().encode(codec).decode("utf-8")
            except UnicodeError:
                return match.group()
            return char if _plausible(char) else match.group()

        line = _misread_sequences(codec).sub(decoded, line)
    return line


def _decode_file_misreads(text: str, codecs: set[str], repairs: list[str]) -> str:
    """Mojibake that ftfy left on lines of their own, decoded as the file's other lines were
    (`_decode_misread`)."""
    touched = _touched_lines(text)
    if not touched:
        return text
    lines = text.split("\n")
    found = []
    misread = sorted(codecs)
    for k in touched:
        line = _decode_misread(lines[k], misread)
        if line != lines[k]:
            if _needs_ftfy(line):  # a C1 control decoded is cp1252's quote, as ftfy reads it
                line = _fix_line(line)[0].replace("\n", " ").replace("\r", " ")
            lines[k] = line
            found.append(k + 1)
    if not found:
        return text
    repairs.append(
        f"UTF-8 read as {', '.join(misread)}, as elsewhere in the file, decoded on "
        f"line {_line_list(found)}"
    )
    return "\n".join(lines)


# What `line_fixes` carries at most: a file whose repair changed more (every line's trailing
# space, say) is repaired again when written instead of holding its text until then.
MAX_FIX_CHARS = 4096

LineFixes = tuple[tuple[int, str], ...]


def line_fixes(text: str, repaired: str) -> LineFixes | None:
    """The lines `repaired` (`repair(text).text`) changes in `text`, as (line index, repaired
    line), so that the same text can be repaired again without ftfy (`apply_fixes`): None
    when they are many."""
    before = _NEWLINES.sub("\n", text).split("\n")
    after = repaired.split("\n")
    if len(before) != len(after):
        return None
    fixes = tuple((k, b) for k, (a, b) in enumerate(zip(before, after, strict=True)) if a != b)
    if sum(len(line) for _, line in fixes) > MAX_FIX_CHARS:
        return None
    return fixes


def apply_fixes(text: str, fixes: LineFixes) -> str:
    """`repair(text).text`, given `line_fixes(text, repair(text).text)`."""
    lines = _NEWLINES.sub("\n", text).split("\n")
    for k, line in fixes:
        lines[k] = line
    return "\n".join(lines)


def repair(text: str) -> Repaired:
    repairs: list[str] = []
    text = _NEWLINES.sub("\n", text)
    # Before ftfy, which would delete them and glue the words they separate.
    if any(c in text for c in _SEPARATOR_CHARS):  # rare: six fast scans spare the regex's
        text = _SEPARATOR_RE.sub(" ", text)
    codecs: set[str] = set()
    fixed = _repair_pass(text, None, repairs, codecs)
    if fixed == text:
        return Repaired(fixed, repairs)
    # Cleaning clean text must change nothing, but one round is not always enough: ftfy
    # can uncover more mojibake once some is fixed, "&amp;amp;" loses one level per
    # round, and removing an invisible character can complete a mojibake sequence. So
    # repeat on the lines that changed (the others are already stable) until they stop.
    lines = fixed.split("\n")
    changed = [i for i, (a, b) in enumerate(zip(text.split("\n"), lines, strict=True)) if a != b]
    for _ in range(MAX_ROUNDS):
        before = [lines[i] for i in changed]
        after = _repair_pass("\n".join(before), [i + 1 for i in changed], repairs).split("\n")
        for i, line in zip(changed, after, strict=True):
            lines[i] = line
        changed = [i for i, a, b in zip(changed, before, after, strict=True) if a != b]
        if not changed:
            break
    # A fix can leave a line that decoding would read again in another code page: ftfy's
    # "Ã€Ã€Ã€Ã€" is "ÀÀÀÀ", four Latin-1 letters that `decode` reads as cp1251's "АААА"
    # in the UTF-8 copydesk writes. Read so here, or the output would not read back as
    # itself (found by the property tests).
    result, note = read_back("\n".join(lines))
    if note is not None:
        repairs.append(note)
    return Repaired(result, list(dict.fromkeys(repairs)))
