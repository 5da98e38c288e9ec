"""Layout features of a file's lines, for the line model (`linemodel.py`).

Every feature is something a reader of plain text can see: how long a line
is, whether it ends a sentence, how many function words it holds (in the
file's language), whether it is title-cased, a bare number or part of a
link list, where it sits in the file, and what its neighbours look like. The
strongest context feature is the *main body region*: the stretch of the file
with the most running prose net of the short lines in it (a maximum-sum
segment), which separates an article from the menus above and the footer,
comments and related lists below. Inside the body, *lexical cohesion* (how
many of a line's content words the file's other prose lines use) tells the
article's paragraphs from a bio, a disclaimer or a promotion dropped among them.

Features are computed with one pass of Python over the lines (bounded work
per line) and numpy for everything that looks at neighbours.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from . import rulecache  # large character classes compiled once for all processes
from .words import DIRECTION_MARKS, SCRIPT_STOPS, count_words, letter_runs

try:  # `_own` and `_content_words` of ASCII lines in C (optional: see core/_linefacts.c)
    from . import _linefacts
except ImportError:
    _linefacts = None
try:  # small steps of context_features, whose numpy calls cost more than their work on a
    # page's rows, in C (optional: see core/_filefacts.c)
    from . import _filefacts
except ImportError:
    _filefacts = None

# Per-line features (the first pass).
LINE_FEATURES = (
    "words",  # log(1 + words)
    "chars_per_word",
    "ends_sentence",  # . ! ? … (before closing quotes or brackets)
    "ends_colon",
    "ends_other",  # , ; | / - and friends: a fragment
    "stopwords",  # share of the line's words that are function words of the file's language
    "title_case",  # share of capitalised words after the first
    "all_caps",
    "digits",  # share of words holding a digit
    "bare_number",
    "commas",  # commas and semicolons per word: running text has them
    "separators",  # | • · › » / per word: menus and crumbs
    "bullet",  # starts with a list marker or an ordinal
    "url",
    "repeated",  # log(1 + other lines of the file with the same text)
    "rule_boilerplate",  # a rule of the packs called it boilerplate
    "rule_metadata",
    "rule_header",  # a block header ("Related", "Lire aussi")
    "rule_listed",  # a line in the run under a block header
    "rule_soft",  # a rule that can be wrong in a body (bare numbers, dates, URLs, crumbs)
    "question",
    "starts_lower",
    "position",  # line index / lines
    "char_position",  # characters before / characters in the file
    "relative_length",  # words / median words of the file's prose lines
)

# Context features (numpy, from the per-line ones).
CONTEXT_FEATURES = (
    "prose_near_2",  # share of prose lines within 2 lines either side
    "prose_near_5",
    "prose_near_12",
    "words_near_2",  # mean log-words within 2 lines
    "words_near_5",
    "prev_words",
    "next_words",
    "prev_ends_sentence",
    "next_ends_sentence",
    "prev_stopwords",
    "next_stopwords",
    "short_run",  # log length of the run of short fragments holding this line
    "prose_above",  # log distance to the nearest prose line above (capped)
    "prose_below",
    "prose_before",  # share of the file's prose words before this line
    "prose_after",
    "in_region",  # inside the main body region
    "region_distance",  # log lines to the region (0 inside)
    "region_offset",  # where in the region (0 at its start, 1 at its end; -1/2 outside)
    "boiler_near_3",  # share of rule-decided boilerplate lines within 3 lines
    "file_lines",  # log lines in the file
    "file_prose_share",  # share of the file's lines that are prose
    "file_rule_share",  # share of the file's lines a rule decided
    "segment_words",  # log prose words of the stretch of prose holding this line
    "segment_share",  # that stretch's share of the file's prose words
    "open_run",  # log length of the run of lines without a sentence end holding this line
    "metadata_near_3",  # share of metadata lines (dates, bylines) within 3 lines: comments
    "boiler_near_8",  # share of rule-decided boilerplate within 8 lines
    "relative_stopwords",  # stopword share / the file's prose lines' median (any language)
    "title_run",  # log length of the run of capitalised fragments holding this line
    "after_comments",  # a comment prompt ("Leave a reply") came before: a comment section
    "shared_words",  # share of the line's content words found in other prose lines (-1: none)
    "shared_weight",  # mean log(1 + other prose lines holding each of its content words)
)

FEATURES = LINE_FEATURES + CONTEXT_FEATURES
_COL = {name: k for k, name in enumerate(LINE_FEATURES)}

# A lower-case ASCII line's words, as `words.letter_run` reads them (what
# `_ASCII_LETTER_RUNS` below computes faster; tests hold the three together).
_ASCII_ALPHA = re.compile(r"[a-z]+")
# Sentence ends of every script: the Devanagari and Bengali danda, the Arabic and Urdu
# question mark and full stop, the Armenian, Ethiopic and Myanmar full stops, and CJK.
_TERMINAL = frozenset(".!?…。！？" + SCRIPT_STOPS)
# Closing quotes and brackets, and the left-to-right, right-to-left and Arabic letter marks
# that right-to-left text puts after a sentence's stop: "סוף המשפט.\u200f" ends a sentence.
_CLOSERS = "\"'”’»)]」』*" + DIRECTION_MARKS
_OTHER_END = frozenset(",;|/-–—·•>›»+&")
_SEPARATORS = re.compile(r"[|•·›»/]| - ")  # counted by `_separators`, held to this by tests
_BULLET = re.compile(r"^(?:[-*•·▪■►▸‣⁃–—]\s|\d{1,3}[.)]\s|[a-z][.)]\s|\(\d{1,3}\)\s)")
_URL = re.compile(r"https?://|www\.|\S@\S")
_NUMBER_LINE = re.compile(r"^[\d\s.,:/%+\-–()#$€£¥kKmM]+$")
MAX_CHARS = 160  # characters examined per line for word shapes: enough to tell prose
_CLOSERS_SPACE = _CLOSERS + " "
# A capital starting a word (after the line's first word), in the scripts that have case.
# Matched with the character before it rather than a look-behind, which `re` would try at
# every position: no capital is such a character, so the count is the same.
_CAPITAL = rulecache.compile(r"[\s(\"'“‘«][A-ZÀ-ÖØ-ÞΑ-ΩА-Я]")
# A word holding a digit, counted by its first digit (and the rest of the word, so that
# each word counts once): a pattern starting with `\S*` would retry at every character.
_DIGIT_WORD = re.compile(r"\d\S*")


def ends_sentence(text: str) -> bool:
    stripped = text.rstrip(_CLOSERS + " ")
    return bool(stripped) and stripped[-1] in _TERMINAL


def is_prose(words: int, sentence_end: bool) -> bool:
    return words >= 25 or (words >= 10 and sentence_end)


def _prose_rows(line: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row's words, and whether it is prose (`is_prose`), from its line columns."""
    words = np.expm1(line[:, 0])
    return words, (words >= 25) | ((words >= 10) & (line[:, 2] > 0))


def _window_mean(values: np.ndarray, radius: int) -> np.ndarray:
    n = len(values)
    csum = np.concatenate(([0.0], np.cumsum(values)))
    idx = np.arange(n)
    lo = np.maximum(idx - radius, 0)
    hi = np.minimum(idx + radius + 1, n)
    return (csum[hi] - csum[lo]) / (hi - lo)


def _shift(values: np.ndarray, by: int, fill: float) -> np.ndarray:
    out = np.full_like(values, fill)
    if by > 0:
        out[by:] = values[:-by]
    elif by < 0:
        out[:by] = values[-by:]
    return out


def _median(values: np.ndarray) -> float:
    """`np.median` of a non-empty 1-D array, computed as it does (the middle value, or the
    two middle ones added and halved; NaN if any is NaN) without its general-purpose
    overhead, which cost ten times the sort on a file's lines, twice per pass."""
    ordered = np.sort(values)
    if np.isnan(ordered[-1]):  # NaN sorts last
        return float("nan")
    mid = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[mid])
    return float((ordered[mid - 1] + ordered[mid]) / 2)


def max_segment(score: np.ndarray) -> tuple[int, int]:
    """The [start, end) of the contiguous stretch with the largest sum (Kadane): in C where
    built, the same float steps as `_kadane`'s (a Python loop over every row of every model
    pass; `tests/test_context_features.py` holds the two together)."""
    if _filefacts is not None and score.dtype == np.float64:
        return _filefacts.max_segment(np.ascontiguousarray(score))
    return _kadane(score.tolist())


def _kadane(score: list[float]) -> tuple[int, int]:
    best, best_lo, best_hi = -np.inf, 0, 0
    run, lo = 0.0, 0
    for i, s in enumerate(score):
        if run <= 0:
            run, lo = s, i
        else:
            run += s
        if run > best:
            best, best_lo, best_hi = run, lo, i + 1
    return best_lo, best_hi


def region_score(words: np.ndarray, prose: np.ndarray) -> np.ndarray:
    """Prose counts for the body region by its words; anything else costs a little."""
    return np.where(prose > 0, words, -np.maximum(2.0, 0.5 * words))


@dataclass(slots=True)
class Rows:
    """What each line shows on its own, computed once per file.

    The columns that depend on which other lines are present (position,
    repeats, rule codes, length relative to the file's prose) are filled by
    `line_features` for whichever subset of lines a pass looks at.
    """

    own: np.ndarray  # (lines, LINE_FEATURES), file-dependent columns left at 0
    ids: np.ndarray  # equal texts share an id
    chars: np.ndarray  # characters per line
    # Each line's distinct content words, numbered across the file, flat: word `vocab[k]`
    # is in line `owner[k]` (for `cohesion_columns`).
    vocab: np.ndarray
    owner: np.ndarray


_ROW_CACHE: dict[frozenset[str], dict[str, tuple[float, ...]]] = {}
# The C path's rows, as the bytes of their float64 numbers (see `_linefacts.rows`).
_PACKED_CACHE: dict[frozenset[str], dict[str, bytes]] = {}
# Per stopword list; menus and footers recur across a site's pages, near in a run's order
# (the bound is `classify.CACHE_LINES`'s, for the same lines).
ROW_CACHE_LINES = 10_000


def row_features(texts: Sequence[str], stopwords: frozenset[str]) -> Rows:
    n = len(texts)
    cache = (_ROW_CACHE if _linefacts is None else _PACKED_CACHE).setdefault(stopwords, {})
    if len(cache) > ROW_CACHE_LINES:
        cache.clear()
    content = _CONTENT_CACHE.setdefault(stopwords, {})
    if len(content) > ROW_CACHE_LINES:
        content.clear()
    ids: defaultdict[str, int] = defaultdict(itertools.count().__next__)  # equal texts, one id
    id_list = list(map(ids.__getitem__, texts))
    if _linefacts is not None:
        # In C, each line's facts looked up or computed (lines not in its alphabet by
        # `_own` and `_content_words`), and remembered in the caches; the rows' numbers
        # come back as the float64 bytes of the file's block.
        packed, founds = _linefacts.rows(texts, stopwords, cache, content, _own, _content_words)
        block = np.frombuffer(packed, dtype=np.float64).reshape(n, 15)
    else:
        values, founds = _rows(texts, stopwords, cache, content)
        # (fromiter over the flattened rows: the same floats as np.array of the tuples.)
        block = np.fromiter(
            itertools.chain.from_iterable(values), np.float64, n * 15
        ).reshape(n, 15)
    # The file's content words, numbered in order of first use for counting (a new word
    # gets the next number inside the dict lookup: no Python loop per word).
    if _linefacts is not None:
        vocab = np.frombuffer(_linefacts.number_words(founds), dtype=np.int64)
    else:
        numbers: defaultdict[str, int] = defaultdict(itertools.count().__next__)
        vocab = np.array(
            list(map(numbers.__getitem__, itertools.chain.from_iterable(founds))),
            dtype=np.int64,
        )
    counts = list(map(len, founds))
    own = np.zeros((n, len(LINE_FEATURES)), dtype=np.float64)
    own[:, :14] = block[:, :14]
    flags = block[:, 14].astype(np.int64)
    own[:, _COL["question"]] = flags & 1
    own[:, _COL["starts_lower"]] = flags >> 1
    return Rows(
        own,
        np.array(id_list, dtype=np.int64),
        np.fromiter(map(len, texts), np.int64, n),
        vocab,
        np.repeat(np.arange(n, dtype=np.int64), counts),
    )


def _rows(
    texts: Sequence[str], stopwords: frozenset[str], cache: dict, content: dict
) -> tuple[list[tuple[float, ...]], list[tuple[str, ...]]]:
    """Each line's `_own` and `_content_words`, looked up in the caches or computed and
    remembered (what `_linefacts.rows` does in C)."""
    values = list(map(cache.get, texts))
    founds = list(map(content.get, texts))
    for k, text in enumerate(texts):
        if values[k] is None:
            row = cache.get(text)  # an equal line earlier in the file may have added it
            if row is None:
                row = cache[text] = _own(text, stopwords)
            values[k] = row
        if founds[k] is None:
            found = content.get(text)
            if found is None:
                found = content[text] = _content_words(text, stopwords)
            founds[k] = found
    return values, founds


_CONTENT_CACHE: dict[frozenset[str], dict[str, tuple[str, ...]]] = {}
COHESION_CHARS = 600  # characters read per line for its content words: a long line's topic
MIN_CONTENT_LETTERS = 3  # shorter words are mostly particles, in any language
# Runs of letters that long (their combining marks aside): the longer words of the line.
_CONTENT_ALPHA = re.compile(rf"[^\W\d_]{{{MIN_CONTENT_LETTERS},}}")
_CONTENT_ASCII = re.compile(rf"[a-z]{{{MIN_CONTENT_LETTERS},}}")


def _content_words(text: str, stopwords: frozenset[str]) -> tuple[str, ...]:
    """The line's distinct words that are not function words of the file's language, in
    sorted order (the same for the same line in any run: the columns add up per word)."""
    head = (text if len(text) <= COHESION_CHARS else text[:COHESION_CHARS]).lower()
    tokens = (_CONTENT_ASCII if head.isascii() else _CONTENT_ALPHA).findall(head)
    return tuple(sorted(set(tokens).difference(stopwords)))


# An ASCII line's letters lower-cased and everything else a space: split, that is the
# `[a-z]+` runs of its lower-cased text, in one bytes.translate rather than a regex scan.
_ASCII_LETTER_RUNS = bytes(
    c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 else 32 for c in range(256)
)


# What `\s` matches among ASCII characters (tests hold the two together).
_ASCII_SPACE = b" \t\n\v\f\r\x1c\x1d\x1e\x1f"
# `_CAPITAL`'s matches in an ASCII line, counted as the pairs "sC" once its characters are
# read as s (what may stand before a capital), C (A-Z) or x: no C is an s, so the pairs
# cannot overlap, as the matches cannot.
_ASCII_CAPITAL_MARKS = bytes(
    ord("s") if c in _ASCII_SPACE or c in b"(\"'" else ord("C") if 65 <= c <= 90 else ord("x")
    for c in range(256)
)
# `_DIGIT_WORD`'s matches in an ASCII line: one per run of non-spaces holding a digit (a
# match runs from its first digit to the run's end). Kept as the digits alone, with the
# spaces between runs, the runs holding a digit are what split() returns.
_ASCII_DIGIT_MARKS = bytes(32 if c in _ASCII_SPACE else c for c in range(256))
_ASCII_OTHERS = bytes(c for c in range(256) if not 48 <= c <= 57 and c not in _ASCII_SPACE)


@functools.cache
def _ascii_stopwords(stopwords: frozenset[str]) -> frozenset[bytes]:
    """The stopwords an ASCII line's letter runs can be, as bytes."""
    return frozenset(w.encode() for w in stopwords if w.isascii())


def _separators(head: str) -> int:
    """How many `_SEPARATORS` matches `head` holds, counted with str.count: the pattern's
    single characters and " - " share no character, so no two of its matches overlap."""
    found = head.count("|") + head.count("/") + head.count(" - ")
    if not head.isascii():
        found += head.count("•") + head.count("·") + head.count("›") + head.count("»")
    return found


def _own(text: str, stopwords: frozenset[str]) -> tuple[float, ...]:
    """The first 14 line features, and question / lower-case start packed as bits."""
    nw = count_words(text) if text else 0
    per_word = nw or 1
    head = text if len(text) <= MAX_CHARS else text[:MAX_CHARS]
    if head.isascii():
        raw = head.encode()
        tokens = raw.translate(_ASCII_LETTER_RUNS).split()
        stop = sum(map(_ascii_stopwords(stopwords).__contains__, tokens))
        capitals = raw.translate(_ASCII_CAPITAL_MARKS).count(b"sC")
        digit_words = len(raw.translate(_ASCII_DIGIT_MARKS, _ASCII_OTHERS).split())
    else:
        tokens = letter_runs(head.lower())
        stop = sum(map(stopwords.__contains__, tokens))
        capitals = len(_CAPITAL.findall(head))
        digit_words = len(_DIGIT_WORD.findall(head))
    nt = len(tokens) or 1
    last = text.rstrip(_CLOSERS_SPACE)[-1:]
    return (
        math.log1p(nw),
        len(text) / per_word,
        last in _TERMINAL,
        last == ":",
        last in _OTHER_END,
        stop / nt,
        capitals / nt,
        len(text) > 3 and text.isupper(),
        digit_words / (min(nw, MAX_CHARS) or 1),
        _NUMBER_LINE.match(text) is not None,
        (text.count(",") + text.count(";")) / per_word,
        _separators(head) / per_word,
        _BULLET.match(text) is not None,
        _has_url(head),
        (last == "?") + 2 * text[:1].islower(),
    )


def _has_url(head: str) -> bool:
    # Substring tests first: most lines have none of these, and `\S@\S` is tried at
    # every position by the regex.
    return ("://" in head or "www." in head or "@" in head) and _URL.search(head) is not None


# The rule columns of a line by its rule code (`classify.rule_code`, 0 to 6), looked up in
# one step: boilerplate (1, and 6, a comment prompt), metadata, header, listed, soft.
_RULE_COLUMNS = slice(_COL["rule_boilerplate"], _COL["rule_soft"] + 1)
_RULE_TABLE = np.array(
    [
        [0, 0, 0, 0, 0],
        [1, 0, 0, 0, 0],
        [0, 1, 0, 0, 0],
        [0, 0, 1, 0, 0],
        [0, 0, 0, 1, 0],
        [0, 0, 0, 0, 1],
        [1, 0, 0, 0, 0],
    ],
    dtype=np.float64,
)


def line_features(rows: Rows, subset: np.ndarray | None, rule_codes: Sequence[int]) -> np.ndarray:
    """The per-line features of `subset` (None: every line), as if the file held only it."""
    return _line_features(rows, subset, rule_codes)[0]


def _line_features(
    rows: Rows, subset: np.ndarray | None, rule_codes: Sequence[int]
) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray] | None]:
    """`line_features`, and the rows' `_prose_rows` it read (None for no rows): of the
    columns it does not set, so the same for every later reader of its output."""
    if subset is None:
        out, ids, chars = rows.own.copy(), rows.ids, rows.chars
    else:
        out, ids, chars = rows.own[subset], rows.ids[subset], rows.chars[subset]
    n = out.shape[0]
    if n == 0:
        return out, None
    if _filefacts is not None:  # (tests: test_feature_walks)
        # The columns that count lines, in one C walk (fifteen numpy calls a pass), the
        # repeats' logarithms numpy's own (`_log1p_table`).
        _filefacts.line_into(
            out, ids, chars, rule_codes, _log1p_table(n), _COL["repeated"],
            _RULE_COLUMNS.start, _COL["position"], _COL["char_position"],
        )
    else:
        _counted_columns(out, ids, chars, rule_codes)
    words, prose = prose_rows = _prose_rows(out)
    typical = _median(words[prose]) if prose.any() else 12.0
    out[:, _COL["relative_length"]] = np.minimum(words / max(typical, 1.0), 5.0)
    return out, prose_rows


def _counted_columns(
    out: np.ndarray, ids: np.ndarray, chars: np.ndarray, rule_codes: Sequence[int]
) -> None:
    """`_line_features`' columns that count lines (repeats, rule columns, positions) by
    numpy, written into `out` (the lines' own rows): `_filefacts.line_into`'s twin."""
    n = out.shape[0]
    repeats = np.bincount(ids)[ids] - 1
    out[:, _COL["repeated"]] = np.log1p(repeats)
    out[:, _RULE_COLUMNS] = _RULE_TABLE[np.asarray(rule_codes, dtype=np.int64)]
    out[:, _COL["position"]] = np.arange(n) / max(1, n - 1)
    before = np.cumsum(chars) - chars
    out[:, _COL["char_position"]] = before / max(1, int(chars.sum()))


def _line_basics(
    line: np.ndarray, prose_rows: tuple[np.ndarray, np.ndarray] | None = None
) -> tuple[np.ndarray, ...]:
    """What the context columns read of each line's own columns: log words, words, no
    sentence end, prose (as flags and as 0/1), and a rule's boilerplate verdict.
    `prose_rows`: `_prose_rows(line)`, where the caller has it."""
    logw, end = line[:, 0], line[:, 2]
    words, prose_flags = _prose_rows(line) if prose_rows is None else prose_rows
    boiler = line[:, 15] + line[:, 17] + line[:, 18] > 0
    return logw, words, end == 0, prose_flags, prose_flags.astype(np.float64), boiler


def context_features(
    line: np.ndarray, prose_rows: tuple[np.ndarray, np.ndarray] | None = None
) -> np.ndarray:
    """The context columns of each row of `line` (one file's line features). `prose_rows`:
    `_prose_rows(line)`, where the caller has it (read, never written)."""
    # Files are mostly a few dozen lines, where each numpy call costs more than its work:
    # columns computed alike (window means, run lengths, logarithms) are computed together,
    # each element with the same floating-point operations as one column at a time.
    n = line.shape[0]
    out = np.zeros((n, len(CONTEXT_FEATURES)), dtype=np.float64)
    if n == 0:
        return out
    if _filefacts is not None:  # (tests: test_feature_walks)
        return _context_in_c(out, line, prose_rows)
    return _context_numpy(out, line, prose_rows)


def _context_numpy(
    out: np.ndarray, line: np.ndarray, prose_rows: tuple[np.ndarray, np.ndarray] | None
) -> np.ndarray:
    """`context_features` into `out` (zeros, one row a line, at least one) by numpy calls,
    where `_filefacts` is not built (and the reference `_context_in_c` is held to)."""
    n = line.shape[0]
    logw, words, no_end, prose_flags, prose, boiler = _line_basics(line, prose_rows)
    # Window means: one running sum per source, read at every window's ends.
    sums = np.zeros((len(_WINDOW_SOURCES), n + 1))
    sources = sums[:, 1:]
    sources[0] = prose
    sources[1] = logw
    sources[2] = boiler
    sources[3] = line[:, 16]
    np.cumsum(sources, axis=1, out=sources)
    hi, lo, width = _window_plan(n)
    flat = sums.ravel()
    out[:, _WINDOW_COLUMNS] = ((flat[hi] - flat[lo]) / width).T
    # Neighbours' words, sentence ends and stopwords.
    near = line[:, _NEIGHBOUR_SOURCES]
    out[1:, _PREV_COLUMNS] = near[:-1]
    out[:-1, _NEXT_COLUMNS] = near[1:]
    # Columns that are logarithms (of run lengths, distances, words), taken together at the end.
    logs = np.empty((7, n))
    flags = np.stack(
        [
            (words <= 6) & no_end,  # short fragments
            no_end,  # open run
            no_end & (line[:, 6] >= 0.5) & (words <= 12),  # title run
            ~prose_flags,  # gaps between stretches of prose
        ]
    )
    if _filefacts is not None:  # (tests: test_context_features)
        runs = np.empty((4, n))
        _filefacts.runs_into(runs, flags)
    else:
        runs = _runs(flags)
    logs[:3] = runs[:3]
    idx = np.arange(n)
    prose_idx = np.flatnonzero(prose_flags)
    if _filefacts is not None:  # (tests: test_context_features)
        _filefacts.prose_distances_into(logs, 3, 4, prose_flags, 30)
    else:
        logs[3], logs[4] = _prose_distances(prose_idx, idx)
    prose_words = words * prose
    total = prose_words.sum() or 1.0
    before = np.cumsum(prose_words) - prose_words
    out[:, 14] = before / total
    out[:, 15] = (total - before - prose_words) / total
    lo, hi = max_segment(region_score(words, prose))
    if _filefacts is not None:
        _filefacts.region_into(out, 16, 18, logs, 5, lo, hi)  # (tests: test_context_features)
    else:
        out[:, 16], logs[5], out[:, 18] = _region(idx, lo, hi)
    decided = line[:, 15:20].sum(axis=1) > 0
    out[:, 21] = prose.mean()
    out[:, 22] = decided.mean()
    seg_words = _segment_words(runs[3] >= SEGMENT_GAP, prose_words)
    logs[6] = seg_words
    out[:, 24] = seg_words / total
    return _numpy_tail(out, logs, line, prose_flags)


def _context_in_c(
    out: np.ndarray, line: np.ndarray, prose_rows: tuple[np.ndarray, np.ndarray] | None
) -> np.ndarray:
    """`context_features` into `out` (zeros, one row a line, at least one), its steps on
    the lines in one C walk (`_filefacts.context_into`: some fifty numpy calls a pass, each
    costing more than its work on a page's rows); the sum of the prose words, the
    logarithms and the stopword median stay numpy's own, so every value is the same."""
    words, prose_flags = _prose_rows(line) if prose_rows is None else prose_rows
    prose_words = words * prose_flags
    total = prose_words.sum() or 1.0
    logs = np.empty((7, len(out)))
    _filefacts.context_into(
        out, logs, np.ascontiguousarray(line), words, prose_flags, prose_words, float(total)
    )
    return _numpy_tail(out, logs, line, prose_flags)


def _numpy_tail(
    out: np.ndarray, logs: np.ndarray, line: np.ndarray, prose_flags: np.ndarray
) -> np.ndarray:
    """The columns both ways of `context_features` leave to numpy: the line count's, the
    logarithms (`logs`' rows, numpy's own log1p) and the stopwords against the prose
    lines' median."""
    out[:, 20] = np.log1p(len(out))
    out[:, _LOG_COLUMNS] = np.log1p(logs).T
    stop = line[:, 5]
    typical = _median(stop[prose_flags]) if prose_flags.any() else 0.0
    out[:, 28] = np.minimum(stop / typical, 3.0) if typical > 0 else 0.0
    return out


def _prose_distances(prose_idx: np.ndarray, idx: np.ndarray) -> tuple[np.ndarray, ...]:
    """For lines `idx`, how many lines each lies below the last prose line at or before it
    and above the next at or after it (`prose_idx`), at most 30 (30 where there is none)."""
    if not len(prose_idx):
        return np.full(len(idx), 30), np.full(len(idx), 30)
    pos = np.searchsorted(prose_idx, idx, side="right") - 1  # last prose at or before i
    above = np.where(pos >= 0, idx - prose_idx[np.maximum(pos, 0)], 30)
    nxt = np.searchsorted(prose_idx, idx, side="left")
    below = np.where(
        nxt < len(prose_idx), prose_idx[np.minimum(nxt, len(prose_idx) - 1)] - idx, 30
    )
    return np.minimum(above, 30), np.minimum(below, 30)


# The window means of `context_features`: what is averaged (prose lines, log words,
# rule-decided boilerplate, metadata lines), over which radius, into which column.
_WINDOW_SOURCES = ("prose", "logw", "boiler", "metadata")
_WINDOWS = (
    (0, 2, 0),
    (0, 5, 1),
    (0, 12, 2),
    (1, 2, 3),
    (1, 5, 4),
    (2, 3, 19),
    (3, 3, 26),
    (2, 8, 27),
)
_WINDOW_COLUMNS = [column for _, _, column in _WINDOWS]
_NEIGHBOUR_SOURCES = [0, 2, 5]  # log words, ends a sentence, stopwords
_PREV_COLUMNS = [5, 7, 9]
_NEXT_COLUMNS = [6, 8, 10]
# short_run, open_run, title_run, prose_above, prose_below, region_distance, segment_words
_LOG_COLUMNS = [11, 25, 29, 12, 13, 17, 23]
# Files up to this many lines share their windows' index arrays (a few MB for all sizes);
# on longer files building them is a small part of the work.
WINDOW_PLANS = 256


def _window_plan(n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    if n <= WINDOW_PLANS:
        return _cached_window_plan(n)
    return _make_window_plan(n)


def _make_window_plan(n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each window of `_WINDOWS` and line, where its running sums end and start in the
    flattened sums (one row of n + 1 per source), and how many lines it spans."""
    source = np.array([s for s, _, _ in _WINDOWS])[:, None]
    radius = np.array([r for _, r, _ in _WINDOWS])[:, None]
    idx = np.arange(n)[None, :]
    lo = np.maximum(idx - radius, 0)
    hi = np.minimum(idx + radius + 1, n)
    base = source * (n + 1)
    plan = (base + hi, base + lo, hi - lo)
    for array in plan:
        array.setflags(write=False)  # shared between calls
    return plan


_cached_window_plan = functools.lru_cache(maxsize=WINDOW_PLANS)(_make_window_plan)


def _runs(flags: np.ndarray) -> np.ndarray:
    """For each row of `flags` (k, n) and position, the length of the run of Trues
    holding it (0 where False)."""
    k, n = flags.shape
    # One flat row: a 0 before everything and after each row, so no run spans two rows.
    flat = np.zeros(1 + k * (n + 1), dtype=bool)
    flat[1:].reshape(k, n + 1)[:, :n] = flags
    change = np.flatnonzero(flat[1:] != flat[:-1])
    lengths = change[1::2] - change[::2]
    out = np.zeros((k, n + 1), dtype=np.float64)
    out.ravel()[flat[1:]] = np.repeat(lengths, lengths)
    return out[:, :n]


def _segment_words(in_gap: np.ndarray, prose_words: np.ndarray) -> np.ndarray:
    """Prose words of the stretch each line belongs to (0 in long gaps)."""
    # A new stretch starts after every long gap; lines in long gaps belong to none.
    starts = np.empty(len(in_gap), dtype=bool)
    starts[0] = True
    np.logical_and(in_gap[:-1], ~in_gap[1:], out=starts[1:])
    seg_id = np.cumsum(starts) - 1
    sums = np.bincount(seg_id, weights=prose_words)
    return np.where(in_gap, 0.0, sums[seg_id])


def comment_columns(rule_codes: Sequence[int], prose: np.ndarray) -> np.ndarray:
    """Whether a comment section came before each line: a comment prompt (rule code 6) on an
    earlier line that opens one (`_opening_prompts`). `prose`: each line's prose flag."""
    codes = np.asarray(rule_codes, dtype=np.int64)
    if not len(codes):
        return np.zeros(0)
    opening = _opening_prompts(codes, prose).astype(np.int64)
    return ((np.cumsum(opening) - opening) > 0).astype(np.float64)


# A comment prompt opens the comment section under it only where the article's prose came
# before it. A counter above the first paragraph no rule decided ("14 Kommentare",
# "5 comentarios" beside the byline) is the header's widget, a link down to the comments:
# read as their start, it told the model that the whole article under it was comments
# (-0.8 to -1.1 on every body line of such a page). A header holds no prose of its own
# (menus, tickers, the headline, a byline, a date), and a cookie notice above it is a
# rule's line, so "prose before the prompt" is the first prose line (`is_prose`) that no
# rule decided: layout only, the same in every language.
def _opening_prompts(codes: np.ndarray, prose: np.ndarray) -> np.ndarray:
    """The prompts (code 6) of one file that open a comment section: all but those above
    its first prose line no rule decided whose next line is such prose."""
    body = prose & (codes == 0)
    header = (np.cumsum(body) - body) == 0
    header[:-1] &= body[1:]
    header[-1:] = False
    return (codes == 6) & ~header


SEGMENT_GAP = 3  # this many lines in a row without prose end a stretch of prose


def region_columns(n: int, lo: int, hi: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    inside, distance, offset = _region(np.arange(n), lo, hi)
    return inside.astype(np.float64), np.log1p(distance), offset


def _region(idx: np.ndarray, lo: int | np.ndarray, hi: int | np.ndarray
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For lines `idx`, whether each is inside the region [lo, hi), how many lines it lies
    outside it (before the logarithm), and its place inside it (-0.5 before, 1.5 after).
    `lo` and `hi` are one file's, or each line's own (several files stacked)."""
    inside = (idx >= lo) & (idx < hi)
    distance = np.where(idx < lo, lo - idx, np.where(idx >= hi, idx - hi + 1, 0))
    offset = np.where(inside, (idx - lo) / np.maximum(1, hi - lo - 1),
                      np.where(idx < lo, -0.5, 1.5))
    return inside, distance, offset


def features(
    texts: Sequence[str], stopwords: frozenset[str], rule_codes: Sequence[int]
) -> np.ndarray:
    return features_of(row_features(texts, stopwords), None, rule_codes)


def features_of(rows: Rows, subset: np.ndarray | None, rule_codes: Sequence[int]) -> np.ndarray:
    """All features of the lines `subset` of a file whose rows are `rows`."""
    # Each row's words and prose flag, read once of the line columns for every reader (four
    # sets of numpy calls a pass before).
    line, prose_rows = _line_features(rows, subset, rule_codes)
    context = context_features(line, prose_rows)
    prose = _prose_rows(line)[1] if prose_rows is None else prose_rows[1]
    if _filefacts is not None:  # (tests: test_feature_walks)
        _filefacts.comments_into(context, _AFTER_COMMENTS, rule_codes, prose)
        context[:, _SHARED] = _cohesion_one(rows, subset, prose)
    else:
        context[:, _AFTER_COMMENTS] = comment_columns(rule_codes, prose)
        context[:, _SHARED] = _cohesion_many([(rows, subset)], line, prose)
    return np.hstack([line, context])


def _cohesion_one(rows: Rows, subset: np.ndarray | None, prose: np.ndarray) -> np.ndarray:
    """`_cohesion_many([(rows, subset)], line, prose)` of one file, in C: one walk of the
    file's words instead of some twenty numpy calls, each costing more than its work on a
    page's rows, on every model pass. `prose`: the prose flag of each line in play."""
    lines = len(rows.chars)
    out = np.empty((lines if subset is None else len(subset), 2))
    where = None if subset is None else np.ascontiguousarray(subset, dtype=np.int64)
    _filefacts.cohesion_into(
        out, rows.vocab, rows.owner, lines, where, np.ascontiguousarray(prose, dtype=bool),
        _log1p_table(lines),
    )
    return out


# `np.log1p` of the integers 0, 1, 2, ...: the weights of `_cohesion_one`, which counts in
# integers and reads each word's weight here, so that every value is numpy's own (its
# vectorised log1p need not round as the C library's does). Grown as files need.
_LOG1P = np.log1p(np.arange(1024, dtype=np.int64))


def _log1p_table(lines: int) -> np.ndarray:
    """`_LOG1P` holding at least `lines + 1` values (a word's count of other prose lines is
    at most the file's lines)."""
    global _LOG1P
    if len(_LOG1P) <= lines:
        _LOG1P = np.log1p(np.arange(max(2 * len(_LOG1P), lines + 1), dtype=np.int64))
    return _LOG1P


_SHARED = [CONTEXT_FEATURES.index("shared_words"), CONTEXT_FEATURES.index("shared_weight")]
_AFTER_COMMENTS = CONTEXT_FEATURES.index("after_comments")


def cohesion_columns(rows: Rows, subset: np.ndarray | None, line: np.ndarray) -> np.ndarray:
    """How much of each line's vocabulary the file's prose (the lines in play) also uses:
    an article's paragraphs share their topic's words; an author's bio, a disclaimer, a
    promotion or a sign-up's small print mostly do not. Words are the file's own, so this
    holds in any language that separates words with spaces. (`_cohesion_many` of one file:
    one computation for a file alone and for files stacked.)"""
    return _cohesion_many([(rows, subset)], line)


# --- Many small files at once ----------------------------------------------------------
# A classifier pass over a file of a dozen lines spends most of its time in numpy's cost per
# call, not in arithmetic. `features_many` computes the features of several files in one
# set of calls on their rows stacked, giving each file exactly the array `features_of` gives
# it: every element comes from the same floating-point operations on the same operands, in
# the same order. Sums that run along a file (window means, the words before a line) run in
# a padded array, one row per file, so that no file's sum starts from another's; whole-file
# sums that numpy adds pairwise are taken file by file; logarithms and medians see the same
# values. `tests/test_features_many.py` holds it to `features_of` bit for bit.


@dataclass(slots=True)
class _Stack:
    """Where each file's rows sit in a stack of several files' rows."""

    lengths: np.ndarray  # rows per file
    starts: np.ndarray  # first row of each file
    file_of: np.ndarray  # file of each row
    local: np.ndarray  # position of each row in its file

    @classmethod
    def of(cls, lengths: Sequence[int]) -> _Stack:
        n = np.asarray(lengths, dtype=np.int64)
        starts = np.cumsum(n) - n
        file_of = np.repeat(np.arange(len(n)), n)
        return cls(n, starts, file_of, np.arange(int(n.sum())) - starts[file_of])

    def per_row(self, values: np.ndarray) -> np.ndarray:
        return values[self.file_of]

    def bounds(self) -> list[tuple[int, int]]:
        """Each file's [first, end) rows."""
        starts = self.starts.tolist()
        return list(zip(starts, (self.starts + self.lengths).tolist(), strict=True))


def features_many(
    items: Sequence[tuple[Rows, np.ndarray | None, Sequence[int]]],
) -> list[np.ndarray]:
    """`features_of(rows, subset, codes)` of each item, computed together (see above)."""
    owns, ids, chars = [], [], []
    for rows, subset, _ in items:
        if subset is None:
            owns.append(rows.own)
            ids.append(rows.ids)
            chars.append(rows.chars)
        else:  # (`take`: the rows `[subset]` gives, in fewer steps)
            owns.append(rows.own.take(subset, 0))
            ids.append(rows.ids.take(subset))
            chars.append(rows.chars.take(subset))
    out = [np.zeros((0, len(FEATURES))) for _ in items]
    full = [k for k, own in enumerate(owns) if len(own)]  # a file with no lines has no rows
    if not full:
        return out
    stack = _Stack.of([len(owns[k]) for k in full])
    # The files' rule codes in one array at once, not an array a file then joined.
    all_codes = np.fromiter(
        itertools.chain.from_iterable(items[k][2] for k in full), dtype=np.int64
    )
    line = _line_features_many(
        stack,
        np.concatenate([owns[k] for k in full]),
        [ids[k] for k in full],
        np.concatenate([chars[k] for k in full]),
        all_codes,
    )
    prose_rows = _prose_rows(line)
    if _filefacts is not None:  # (tests: test_features_many)
        context = _context_many_in_c(stack, line, prose_rows)
    else:
        context = _context_features_many(stack, line)
    prose = prose_rows[1]
    context[:, _AFTER_COMMENTS] = _comment_columns_many(stack, all_codes, prose)
    if _filefacts is not None:
        context[:, _SHARED] = _cohesion_stack(
            [items[k][:2] for k in full], stack, np.ascontiguousarray(prose)
        )
    else:
        context[:, _SHARED] = _cohesion_many([items[k][:2] for k in full], line, prose)
    x = np.hstack([line, context])
    for k, (a, b) in zip(full, stack.bounds(), strict=True):
        out[k] = x[a:b]
    return out


def _cohesion_stack(
    files: Sequence[tuple[Rows, np.ndarray | None]], stack: _Stack, prose: np.ndarray
) -> np.ndarray:
    """`_cohesion_many(files, line, prose)` by each file's own walk (`cohesion_into`, as
    `_cohesion_one`), written straight into its rows: the stacked numpy way indexes every
    word of the batch a dozen times, some three times the walks' instructions. `prose`:
    each stacked row's prose flag (C order)."""
    out = np.empty((len(prose), 2))
    table = _log1p_table(max(len(rows.chars) for rows, _ in files))
    into = _filefacts.cohesion_into
    for (rows, subset), (a, b) in zip(files, stack.bounds(), strict=True):
        where = None if subset is None else np.ascontiguousarray(subset, dtype=np.int64)
        into(out[a:b], rows.vocab, rows.owner, len(rows.chars), where, prose[a:b], table)
    return out


def _cohesion_many(
    files: Sequence[tuple[Rows, np.ndarray | None]],
    line: np.ndarray,
    prose: np.ndarray | None = None,
) -> np.ndarray:
    """`cohesion_columns` of each file (its rows and subset), whose line columns are stacked
    in `line`, in one set of numpy calls. Each file's words and lines are numbered apart from
    the others' (offsets), so no count mixes two files; `np.bincount` adds each bin's
    weights in the order they come, and each file's come in the order `cohesion_columns`
    gives them: every sum is the same, bit for bit."""
    n_all = np.array([len(rows.chars) for rows, _ in files], dtype=np.int64)
    words = np.array([int(rows.vocab.max()) + 1 if len(rows.vocab) else 0
                      for rows, _ in files], dtype=np.int64)
    line_at = (np.cumsum(n_all) - n_all).tolist()
    word_at = (np.cumsum(words) - words).tolist()
    where = np.concatenate([
        (np.arange(len(rows.chars)) if subset is None else subset) + at
        for (rows, subset), at in zip(files, line_at, strict=True)
    ])
    vocab = np.concatenate([rows.vocab + at for (rows, _), at in zip(files, word_at, strict=True)])
    owner = np.concatenate([rows.owner + at for (rows, _), at in zip(files, line_at, strict=True)])
    lines = int(n_all.sum())
    in_play = np.zeros(lines, dtype=bool)
    is_prose = np.zeros(lines, dtype=bool)
    in_play[where] = True
    is_prose[where] = _prose_rows(line)[1] if prose is None else prose  # (`_prose_rows`)
    mask = in_play[owner]
    vocab, owner = vocab[mask], owner[mask]
    from_prose = is_prose[owner]
    held = np.bincount(vocab[from_prose], minlength=int(words.sum()))
    others = held[vocab] - from_prose
    count = np.bincount(owner, minlength=lines)
    shared = np.bincount(owner, weights=others > 0, minlength=lines)
    weight = np.bincount(owner, weights=np.log1p(others), minlength=lines)
    # A file without content words gets -1 on every line, as a line without any does.
    has = count[where] > 0
    total = np.maximum(count[where], 1)
    out = np.empty((len(where), 2))
    out[:, 0] = np.where(has, shared[where] / total, -1.0)
    out[:, 1] = np.where(has, weight[where] / total, -1.0)
    return out


def _line_features_many(stack: _Stack, out: np.ndarray, ids: list[np.ndarray],
                        chars: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """`line_features` of the stacked files (`out`: their own rows, stacked; changed)."""
    # Each file's line ids, made distinct from every other file's.
    sizes = [int(i.max()) + 1 if len(i) else 0 for i in ids]
    base = np.cumsum(sizes) - sizes
    gid = np.concatenate(ids) + np.repeat(base, stack.lengths)
    repeats = np.bincount(gid)[gid] - 1
    out[:, _COL["repeated"]] = np.log1p(repeats)
    out[:, _RULE_COLUMNS] = _RULE_TABLE[codes]
    n = stack.lengths
    out[:, _COL["position"]] = stack.local / stack.per_row(np.maximum(1, n - 1))
    # Characters before each line, in its file: integers, exact whatever the order of sums.
    csum = np.cumsum(chars)
    before = csum - chars - stack.per_row((csum - chars)[stack.starts])
    totals = np.add.reduceat(chars, stack.starts)  # integers: exact
    out[:, _COL["char_position"]] = before / stack.per_row(np.maximum(1, totals))
    words, prose = _prose_rows(out)
    typical = _medians(stack, words, prose, 12.0)
    out[:, _COL["relative_length"]] = np.minimum(
        words / stack.per_row(np.maximum(typical, 1.0)), 5.0
    )
    return out


def _medians(stack: _Stack, values: np.ndarray, mask: np.ndarray, empty: float) -> np.ndarray:
    """`_median(values[mask])` within each file (`empty` for a file with none masked)."""
    chosen = values[mask]
    files = stack.file_of[mask]
    # Sorted by file, then value: each file's values in the order np.sort gives them.
    ordered = chosen[np.lexsort((chosen, files))]
    count = np.bincount(files, minlength=len(stack.lengths))
    first = np.cumsum(count) - count
    out = np.full(len(count), empty)
    has = count > 0
    mid = first + count // 2
    odd = has & (count % 2 == 1)
    even = has & (count % 2 == 0)
    out[odd] = ordered[mid[odd]]
    out[even] = (ordered[mid[even] - 1] + ordered[mid[even]]) / 2
    # NaN sorts last within its file; `_median` then gives NaN.
    last = ordered[(first + count - 1)[has]]
    out[np.flatnonzero(has)[np.isnan(last)]] = np.nan
    return out


def _context_many_in_c(
    stack: _Stack, line: np.ndarray, prose_rows: tuple[np.ndarray, np.ndarray]
) -> np.ndarray:
    """`_context_features_many` with each file's steps on its lines in one C walk
    (`_filefacts.context_many_into`, the walk of `context_into` run file after file): the
    numpy way pads every file to the longest file's rows, some three times the walk's
    instructions on a batch. Numpy keeps what its rounding decides, as that way does: each
    file's sum of prose words (pairwise), the logarithms, the line counts' `log1p`, the
    stopword medians."""
    words, prose_flags = prose_rows
    prose_words = words * prose_flags
    # Whole-file sums of non-integers are numpy's pairwise sums: taken file by file.
    totals = np.array([prose_words[a:b].sum() or 1.0 for a, b in stack.bounds()])
    out = np.zeros((line.shape[0], len(CONTEXT_FEATURES)), dtype=np.float64)
    logs = np.empty((7, line.shape[0]))
    _filefacts.context_many_into(
        out, logs, np.ascontiguousarray(line), words, prose_flags, prose_words, totals,
        np.ascontiguousarray(stack.lengths, dtype=np.int64),
    )
    return _numpy_tail_many(stack, out, logs, line, prose_flags)


def _numpy_tail_many(
    stack: _Stack, out: np.ndarray, logs: np.ndarray, line: np.ndarray, prose_flags: np.ndarray
) -> np.ndarray:
    """`_numpy_tail` of each stacked file: the line counts', the logarithms and the
    stopwords against each file's prose lines' median (both ways of `features_many`)."""
    out[:, 20] = stack.per_row(np.array([_log1p_lines(n) for n in stack.lengths.tolist()]))
    out[:, _LOG_COLUMNS] = np.log1p(logs).T
    stop = line[:, 5]
    typical = stack.per_row(_medians(stack, stop, prose_flags, 0.0))
    positive = typical > 0
    ratio = np.minimum(stop / np.where(positive, typical, 1.0), 3.0)
    out[:, 28] = np.where(positive, ratio, 0.0)
    return out


def _context_features_many(stack: _Stack, line: np.ndarray) -> np.ndarray:
    """`context_features` of the stacked files (numpy's way: where `_filefacts` is not
    built, and the reference `_context_many_in_c` is held to)."""
    total_rows = line.shape[0]
    files = len(stack.lengths)
    out = np.zeros((total_rows, len(CONTEXT_FEATURES)), dtype=np.float64)
    logw, words, no_end, prose_flags, prose, boiler = _line_basics(line)
    prose_words = words * prose
    # Running sums in a padded array: a row per file and source, each summed from its start.
    # The fifth source, prose words, gives the prose words before each line.
    width = int(stack.lengths.max()) + 1
    sources = len(_WINDOW_SOURCES) + 1
    sums = np.zeros((files, sources, width))
    at = stack.file_of * (sources * width) + 1 + stack.local
    flat = sums.ravel()
    for k, values in enumerate((prose, logw, boiler, line[:, 16], prose_words)):
        flat[at + k * width] = values
    np.cumsum(sums[:, :, 1:], axis=2, out=sums[:, :, 1:])
    source = np.array([s for s, _, _ in _WINDOWS])[:, None]
    radius = np.array([r for _, r, _ in _WINDOWS])[:, None]
    n_row = stack.per_row(stack.lengths)[None, :]
    idx = stack.local[None, :]
    lo = np.maximum(idx - radius, 0)
    hi = np.minimum(idx + radius + 1, n_row)
    base = (stack.file_of * (sources * width))[None, :] + source * width
    out[:, _WINDOW_COLUMNS] = ((flat[base + hi] - flat[base + lo]) / (hi - lo)).T
    # Neighbours, but not across files.
    near = line[:, _NEIGHBOUR_SOURCES]
    out[1:, _PREV_COLUMNS] = near[:-1]
    out[:-1, _NEXT_COLUMNS] = near[1:]
    out[stack.starts[:, None], _PREV_COLUMNS] = 0.0
    out[(stack.starts + stack.lengths - 1)[:, None], _NEXT_COLUMNS] = 0.0
    logs = np.empty((7, total_rows))
    runs = _runs_many(
        np.stack(
            [
                (words <= 6) & no_end,
                no_end,
                no_end & (line[:, 6] >= 0.5) & (words <= 12),
                ~prose_flags,
            ]
        ),
        stack,
    )
    logs[:3] = runs[:3]
    row = np.arange(total_rows)
    prose_idx = np.flatnonzero(prose_flags)
    if len(prose_idx):
        first_row = stack.per_row(stack.starts)
        end_row = first_row + stack.per_row(stack.lengths)
        pos = np.searchsorted(prose_idx, row, side="right") - 1
        found = prose_idx[np.maximum(pos, 0)]
        above = np.where((pos >= 0) & (found >= first_row), row - found, 30)
        nxt = np.searchsorted(prose_idx, row, side="left")
        found = prose_idx[np.minimum(nxt, len(prose_idx) - 1)]
        below = np.where((nxt < len(prose_idx)) & (found < end_row), found - row, 30)
        logs[3] = np.minimum(above, 30)
        logs[4] = np.minimum(below, 30)
    else:
        logs[3:5] = 30
    # Whole-file sums of non-integers are numpy's pairwise sums: taken file by file.
    totals = np.array([prose_words[a:b].sum() or 1.0 for a, b in stack.bounds()])
    total = stack.per_row(totals)
    before = flat[at + 4 * width] - prose_words
    out[:, 14] = before / total
    out[:, 15] = (total - before - prose_words) / total
    score = region_score(words, prose)
    region = [max_segment(score[a:b]) for a, b in stack.bounds()]
    lo_r = stack.per_row(np.array([r[0] for r in region], dtype=np.int64))
    hi_r = stack.per_row(np.array([r[1] for r in region], dtype=np.int64))
    out[:, 16], logs[5], out[:, 18] = _region(stack.local, lo_r, hi_r)
    decided = line[:, 15:20].sum(axis=1) > 0
    # Shares of lines: sums of 0s and 1s, exact in any order.
    out[:, 21] = stack.per_row(np.bincount(stack.file_of, prose, files) / stack.lengths)
    out[:, 22] = stack.per_row(
        np.bincount(stack.file_of, decided.astype(np.float64), files) / stack.lengths
    )
    in_gap = runs[3] >= SEGMENT_GAP
    starts = np.empty(total_rows, dtype=bool)
    starts[0] = True
    np.logical_and(in_gap[:-1], ~in_gap[1:], out=starts[1:])
    starts[stack.starts] = True
    seg_id = np.cumsum(starts) - 1
    seg_words = np.where(in_gap, 0.0, np.bincount(seg_id, weights=prose_words)[seg_id])
    logs[6] = seg_words
    out[:, 24] = seg_words / total
    return _numpy_tail_many(stack, out, logs, line, prose_flags)


@functools.lru_cache(maxsize=4096)
def _log1p_lines(n: int) -> float:
    return np.log1p(n)  # as `context_features` takes it, a Python int at a time


def _runs_many(flags: np.ndarray, stack: _Stack) -> np.ndarray:
    """`_runs` of each file's columns of `flags` (k, rows): no run spans two files."""
    k, total_rows = flags.shape
    # As in `_runs`, with a False after every file as well as after every row.
    width = total_rows + len(stack.lengths)
    pos = np.arange(total_rows) + stack.file_of
    padded = np.zeros((k, width), dtype=bool)
    padded[:, pos] = flags
    spread = _runs(padded)
    return spread[:, pos]


def _comment_columns_many(stack: _Stack, codes: np.ndarray, prose: np.ndarray) -> np.ndarray:
    """`comment_columns` of each file: an opening comment prompt on an earlier line of the
    file (`_opening_prompts`, each file's counts taken from its own first row)."""
    body = prose & (codes == 0)
    body_before = np.cumsum(body) - body
    body_before -= stack.per_row(body_before[stack.starts])
    # The next row's flag, none after a file's last row.
    next_body = np.zeros(len(body), dtype=bool)
    next_body[:-1] = body[1:]
    next_body[stack.starts[1:] - 1] = False
    header = (body_before == 0) & next_body
    prompts = ((codes == 6) & ~header).astype(np.int64)
    before = np.cumsum(prompts) - prompts
    return (before - stack.per_row(before[stack.starts]) > 0).astype(np.float64)


# Second stage: what the first model thought of the neighbours.
STAGE2_FEATURES = (
    "p",  # the first model's body probability for this line
    "p_near_1",
    "p_near_3",
    "p_near_8",
    "p_prev",
    "p_next",
    "p_region",  # inside the region of most probable body words
    "p_region_distance",
    "p_before",  # share of probable body words before this line
    "p_after",
)


def stage2_features(words: np.ndarray, p: np.ndarray) -> np.ndarray:
    n = len(p)
    out = np.zeros((n, len(STAGE2_FEATURES)), dtype=np.float64)
    if n == 0:
        return out
    out[:, 0] = p
    out[:, 1] = _window_mean(p, 1)
    out[:, 2] = _window_mean(p, 3)
    out[:, 3] = _window_mean(p, 8)
    out[:, 4] = _shift(p, 1, 0.0)
    out[:, 5] = _shift(p, -1, 0.0)
    weight = np.maximum(words, 1.0)
    lo, hi = max_segment((p - 0.5) * weight)
    inside, distance, _ = region_columns(n, lo, hi)
    out[:, 6] = inside
    out[:, 7] = distance
    body_words = p * words
    total = body_words.sum() or 1.0
    before = np.cumsum(body_words) - body_words
    out[:, 8] = before / total
    out[:, 9] = (total - before - body_words) / total
    return out
