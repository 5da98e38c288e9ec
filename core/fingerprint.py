"""Fingerprints of paragraphs for matching: exact keys, shingle sets, MinHash bands, anchors.

Matching works on a *matching form* of the text: case, accents, punctuation,
quotes and dashes folded away, Unicode digits made ASCII, thousands
separators dropped. Text in scripts written without spaces (CJK, Thai) is
tokenized per character.

Everything after tokenization is computed in numpy over a whole batch of
paragraphs, never one Python call per shingle:

- shingles: word (or character) n-grams hashed to 32 bits;
- MinHash: datasketch's "affine32" scheme with its permutations for the
  configured seed and number of permutations (the values are identical to
  `datasketch.MinHash(..., scheme="affine32").update_batch`), cut into LSH bands;
- anchors: the winnowed minima (window `ANCHOR_WINDOW`) of the hashes of word
  `ANCHOR_NGRAM`-grams, so two paragraphs sharing a run of
  `ANCHOR_WINDOW + ANCHOR_NGRAM - 1` words (7) are sure to
  share an anchor: that is how passages and short paragraphs contained in
  longer ones are found.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, fields
from functools import cache

import numpy as np

from . import rulecache  # large character classes compiled once for all processes
from .config import Config
from .growable import Growable
from .words import NO_SPACE_SCRIPTS, marks

try:  # the tokenizer and vocabulary look-up in C (optional: see core/_tokens.c)
    from . import _tokens as _ctokens
except ImportError:
    _ctokens = None
try:  # MinHash values in C (optional: see core/_setops.c)
    from . import _setops
except ImportError:
    _setops = None

SCHEME = "affine32"
ANCHOR_WINDOW = 4
# Anchors are word 4-grams whatever the shingles: one shared anchor is then a shared run of
# four words, rare by chance (shared word pairs are everywhere), so it is evidence enough.
ANCHOR_NGRAM = 4
_U64 = np.uint64
# Odd multipliers that place each token of an n-gram (splitmix64 / murmur constants).
_POSITION_MULTIPLIERS = np.array(
    [
        0x9E3779B97F4A7C15,
        0xBF58476D1CE4E5B9,
        0x94D049BB133111EB,
        0xFF51AFD7ED558CCD,
        0xC4CEB9FE1A85EC53,
        0xD6E8FEB86659FD93,
        0xA0761D6478BD642F,
        0xE7037ED1A0B428DB,
        0x8EBC6AF09C88C6E3,
        0x589965CC75374CC3,
        0x1D8E4E27C47D124F,
        0x2127599BF4325C37,
        0x880355F21E6D1965,
        0xCBF29CE484222325,
        0x100000001B3 | 1,
        0x87C37B91114253D5,
    ],
    dtype=_U64,
)

# Thai, Lao, Myanmar, Khmer, kana, CJK ideographs: tokenized one character at a time.
_NO_SPACE_SCRIPTS = NO_SPACE_SCRIPTS


_MARKS = marks()  # combining marks: vowel signs of Indic scripts are part of their words
# Marks that end a sentence or open a quotation: a capital after one starts a sentence,
# so it is not evidence of a name. They are returned as tokens of their own.
_BOUNDARIES = '.!?:;…。！？“«"„¿¡'
# One pass over the original (case-preserving) text of a whole batch finds: words
# (starting with a letter), numbers with their separators, paragraph separators,
# boundaries, and single characters of scripts written without spaces. Combining marks
# (vowel signs of Indic scripts) belong to their word; the pattern that knows them is
# twice as slow, so it runs only on batches that hold one.
# The character classes, named: core/_tokens.c reads a table made of them (`_CLASSES`).
_LETTER = f"[^\\W\\d_{_NO_SPACE_SCRIPTS}]"  # starts a word
_ALNUM = f"[^\\W_{_NO_SPACE_SCRIPTS}]"  # continues one
_MARK = f"[{_MARKS}]"
_DIGIT = "\\d"
_SEP = "[.,'’]"  # between the digit groups of a number
_SINGLE = f"[\n{re.escape(_BOUNDARIES)}{_NO_SPACE_SCRIPTS}]"  # a token of its own
_WORD = f"{_LETTER}{_ALNUM}*"
_WORD_MARKS = f"(?:{_LETTER}|{_MARK})(?:{_ALNUM}|{_MARK})*"
_REST = f"|{_DIGIT}+(?:{_SEP}{_DIGIT}+)*|{_SINGLE}"
_TOKEN_PLAIN = rulecache.compile(_WORD + _REST)
_TOKEN = rulecache.compile(_WORD_MARKS + _REST)
_HAS_MARK = rulecache.compile(_MARK)


# The same tokens on ASCII text (where a letter is [A-Za-z] and a digit [0-9]), in character
# classes the regex engine tests by a table lookup instead of Unicode categories: most lines
# of most batches are ASCII, and tokenizing is most of the cost of fingerprinting.
_ASCII_BOUNDARIES = "".join(c for c in _BOUNDARIES if c.isascii())
_TOKEN_ASCII = re.compile(
    f"[A-Za-z][A-Za-z0-9]*|[0-9]+(?:[.,'][0-9]+)*|[\n{re.escape(_ASCII_BOUNDARIES)}]"
)


# A number whose digit groups are set apart by spaces, as French, Spanish, Nordic and SI
# typography writes thousands ("1 150", "15 000", "2 300": a no-break or narrow no-break
# space, which repair makes a plain one). A syndicated copy set in one locale and the wire
# set in another ("1.150", "1150") must give one number: as a fact (numbers are judged
# apart) and as words. A group is three digits after one to three, so years and counts
# side by side ("2024 150", "12 3") stay apart, and so do digits that end a word ("A320 200").
_GROUP_SPACES = " \u00a0\u202f\u2009"
_SPACED_GROUPS = re.compile(
    f"(?<![\\w.,'’])[0-9]{{1,3}}(?:[{_GROUP_SPACES}][0-9]{{3}})+(?![0-9])")
# What a text must hold for `_SPACED_GROUPS` to match: a pattern that opens with a character
# class, which the regex engine skips through several times faster than one that opens with
# a look-behind (most texts hold no such number: they cost this scan alone).
_GROUP_HINT = re.compile(f"[0-9][{_GROUP_SPACES}][0-9]")
_NO_GROUP_SPACES = str.maketrans("", "", _GROUP_SPACES)


def _joined_groups(found: re.Match) -> str:
    return found.group().translate(_NO_GROUP_SPACES)


def join_digit_groups(text: str) -> str:
    """`text` with the spaces inside numbers written in groups removed ("15 000" -> "15000")."""
    if _GROUP_HINT.search(text) is None:
        return text
    return _SPACED_GROUPS.sub(_joined_groups, text)


def _findall(text: str) -> list[str]:
    if text.isascii():
        return _TOKEN_ASCII.findall(text)
    if _HAS_MARK.search(text) is None:
        return _TOKEN_PLAIN.findall(text)
    return _TOKEN.findall(text)


def _paragraph_tokens(text: str) -> list[str]:
    """The tokens of one paragraph of a batch: a line break inside it is a space."""
    return _findall(text.replace("\n", " ") if "\n" in text else text)


# Flags of `_CLASSES`, read by core/_tokens.c.
_CLASS_FLAGS = (
    (1, _LETTER),
    (2, _ALNUM),
    (4, _DIGIT),
    (8, _SINGLE),
    (16, _SEP),
    (32, _MARK),  # a paragraph holding one takes the two classes below for its words
    (64, f"{_LETTER}|{_MARK}"),
    (128, f"{_ALNUM}|{_MARK}"),
)


_CLASS_PATTERNS = tuple((flag, rulecache.compile(pattern)) for flag, pattern in _CLASS_FLAGS)
# One byte of flags per code point of the Basic Multilingual Plane, filled 256 code points at
# a time as text needs them (the whole plane would cost 0.1 s of every process's start).
_CLASSES = bytearray(0x10000)
_CLASSES_READY = bytearray(0x100)


def _fill_classes(block: int) -> None:
    """What code points block*256 to block*256+255 are to the token patterns, found with the
    patterns' own character classes, so that the C tokenizer cannot drift from them."""
    low = block << 8
    chars = "".join(map(chr, range(low, low + 0x100)))
    for flag, pattern in _CLASS_PATTERNS:
        for found in pattern.finditer(chars):
            _CLASSES[low + found.start()] |= flag
    if block == 0:  # a line break inside a paragraph is a space; C separates paragraphs
        _CLASSES[ord("\n")] = 0
    _CLASSES_READY[block] = 1


_ASCII_DIGIT = re.compile("[0-9]")
_THOUSANDS = re.compile(r"[,.'’](?=\d{3}(?!\d))")
_COMBINING = rulecache.compile("[\u0300-\u036f]")

# Low bits of a vocabulary value: what kind of token it is. The rest is the token's hash.
NUMBER, CAPITAL, SPECIAL = 1, 2, 4
_SEPARATOR = SPECIAL | NUMBER  # between paragraphs of a batch
_BOUNDARY = SPECIAL
_FLAG_BITS = 3


# The key of `_digit_table`'s two strings in the rule cache (`rulecache.facts`), as
# `words.MARKS_KEY` is the marks' (the cache file is named after the Python build, so the
# database cannot change under a key). Change `_DIGITS_FORMAT` whenever `derive_digits`
# reads the character database another way, or a cache holding the old strings answers.
_DIGITS_FORMAT = 1
DIGITS_KEY = f"\0fingerprint.digits {_DIGITS_FORMAT} unicodedata {unicodedata.unidata_version}"


@cache
def _digit_table() -> dict[int, int]:
    """`str.translate`'s table from every decimal digit beyond ASCII to its ASCII digit.

    Made of a walk of the Basic Multilingual Plane (a database look-up for each of 64,000
    code points, some 3 ms and 4 % of a 300-file batch's instructions) the first time a
    process meets a token beyond ASCII; kept in the rule cache for later processes as the
    digits and their values, two strings of one length (`derive_digits`)."""
    found = rulecache.facts(DIGITS_KEY, lambda _key: derive_digits())
    if (len(found) == 2 and all(isinstance(part, str) for part in found)
            and len(found[0]) == len(found[1])):
        return str.maketrans(found[0], found[1])
    return str.maketrans(*derive_digits())  # not what this module writes there


def derive_digits() -> tuple[str, str]:
    """The decimal digits beyond ASCII of the Basic Multilingual Plane, in code point
    order, and the ASCII digit of each: `_digit_table` made from the character database."""
    digits, values = [], []
    for code in range(0x80, 0x10000):  # NFKD already folds the astral digit forms
        if 0xD800 <= code <= 0xDFFF:
            continue
        value = unicodedata.decimal(chr(code), None)
        if value is not None:
            digits.append(chr(code))
            values.append(str(value))
    return "".join(digits), "".join(values)


def normalize_token(token: str) -> str:
    """A token's matching form: case, accents and digit forms folded; numbers canonical."""
    token = token.casefold()
    if not token.isascii():
        token = unicodedata.normalize("NFKD", token)
        token = _COMBINING.sub("", token).translate(_digit_table())
    if token[:1].isdigit():
        # 1,200 = 1.200 = 1200 (thousands); 36,25 = 36.25 (decimals).
        token = _THOUSANDS.sub("", token).replace(",", ".").replace("'", "").replace("’", "")
        # 2.00 = 2 (a time, "2.00 Uhr" / "2 Uhr"; a price, "5,00 €" / "5 €"): a fraction
        # of zeros is the same number; 36.50 and 36.5 stay apart (a copy keeps its figures).
        if "." in token and token.rstrip("0").endswith("."):
            token = token.rstrip("0")[:-1]
    return token


def _is_boundary(token: str) -> bool:
    return len(token) == 1 and token in _BOUNDARIES


def matching_form(text: str) -> str:
    """The text as matching sees it: its words' matching forms, space-separated."""
    if text.isascii():
        return _ascii_matching_form(text)
    return _matching_form_of_tokens(text)


def _matching_form_of_tokens(text: str) -> str:
    """`matching_form` of any text, token by token."""
    text = join_digit_groups(text)
    return " ".join(normalize_token(t) for t in _findall(text) if t != "\n" and not _is_boundary(t))


# `_TOKEN_ASCII`'s words and numbers on lower-cased text: a boundary or a line break, one
# character that no word or number holds, is left out as `matching_form` leaves it out.
_ASCII_TERMS = re.compile(r"[a-z][a-z0-9]*|[0-9]+(?:[.,'][0-9]+)*")
_ASCII_DIGIT = re.compile("[0-9]")


def _ascii_matching_form(text: str) -> str:
    """`matching_form` of an ASCII text (most lines): its case folded at once and its
    words found lower-cased, which is each word's matching form (the classes hold both
    cases, so the tokens are the same); only numbers need `normalize_token`. The settle
    check reads every kept line's form, a generator step and a call a token."""
    if _ASCII_DIGIT.search(text) is None:
        return " ".join(_ASCII_TERMS.findall(text.lower()))
    terms = _ASCII_TERMS.findall(join_digit_groups(text).lower())
    return " ".join([normalize_token(t) if t[0] <= "9" else t for t in terms])


def tokens_of(text: str) -> list[str]:
    return matching_form(text).split()


def exact_key(form: str) -> int:
    return int.from_bytes(hashlib.blake2b(form.encode("utf-8"), digest_size=8).digest(), "little")


class _Vocabulary(dict):
    """Token -> 64-bit value, computed once per distinct token, so per-token Python work
    (casefold, NFKD, hashing) is paid per vocabulary entry, not per occurrence.

    Bits 32-63: hash of the token's matching form (what shingles are made of).
    Bits 3-31: the token's fact key. Numbers: their matching form. Names: their set of
    letters, so that the commonest typos (two letters swapped, one doubled) keep the key.
    Bits 0-2: NUMBER, CAPITAL, SPECIAL.
    """

    def __missing__(self, token: str) -> int:
        if len(self) > 2_000_000:
            self.clear()
        if token == "\n":
            value = _SEPARATOR
        elif _is_boundary(token):
            value = _BOUNDARY
        else:
            norm = normalize_token(token)
            full = _hash64(norm)
            value = full & ~0xFFFFFFFF
            # On ASCII, str.isdigit is [0-9], which a regex finds without a call per letter.
            if (_ASCII_DIGIT.search(norm) is not None if norm.isascii()
                    else any(c.isdigit() for c in norm)):
                value |= (full >> 35) << 3 | NUMBER
            elif token[0].isupper():
                value |= (_hash64("".join(sorted(set(norm)))) >> 35) << 3 | CAPITAL
        self[token] = value
        return value


def _hash64(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")


_VOCAB = _Vocabulary()
_NORMS: dict[str, str] = {}


def unique_sorted(keys: np.ndarray) -> np.ndarray:
    """`np.unique(keys)` of integer keys: the sorted distinct values, flattened. By a sort:
    numpy's `np.unique` without `return_*` (since 2.3) puts every value in a hash table
    first, 0.3-0.7 us a distinct value against a sort's few ns (100,000 keys: 216 against
    0.4 ms), and it is called in the parent's serial stages on a run's paragraphs."""
    keys = np.sort(keys, axis=None)
    if len(keys) < 2:
        return keys
    keep = np.empty(len(keys), dtype=bool)
    keep[0] = True
    np.not_equal(keys[1:], keys[:-1], out=keep[1:])
    return keys[keep]


def isin_sorted(values: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """`np.isin(values, keys)` for integer `keys` that are sorted and distinct: a binary
    search per value. `np.isin` of values whose range is wide (hashes) makes `keys` unique
    with numpy's hash table (`unique_sorted` says why that is slow) and sorts `values`."""
    if not len(keys):
        return np.zeros(values.shape, dtype=bool)
    at = np.searchsorted(keys, values)
    np.minimum(at, len(keys) - 1, out=at)
    return keys[at] == values


def _fmix64(h: np.ndarray) -> np.ndarray:
    h = h ^ (h >> _U64(33))
    h = h * _U64(0xFF51AFD7ED558CCD)
    h = h ^ (h >> _U64(33))
    h = h * _U64(0xC4CEB9FE1A85EC53)
    return h ^ (h >> _U64(33))


def _fmix32(h: np.ndarray) -> np.ndarray:
    # The MurmurHash3 finalizer datasketch's affine32 scheme applies before permuting.
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


@cache
def permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's permutation parameters for the affine32 scheme, seed and size.

    Drawn exactly as `datasketch.MinHash._init_permutations` draws them (odd `a`,
    any `b`, from `RandomState(seed)`; tests compare signatures with datasketch's):
    importing datasketch pulls scipy in, over half a second of every run's start.
    """
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


@dataclass(slots=True)
class Prints:
    """Fingerprints of a batch of paragraphs, all numpy.

    Shingles are kept as each paragraph's sorted set (sorted sets intersect by
    a linear merge) with the first position of each (enough to find shared
    runs of words for passages). Facts
    are the paragraph's numbers and capitalised words inside sentences (names):
    copies keep them, paragraphs written from one template change them.
    """

    exact: np.ndarray  # uint64[n]: hash of the matching form
    ntokens: np.ndarray  # int32[n]
    sh_off: np.ndarray  # int64[n+1]: paragraph i's shingles are sh[sh_off[i]:sh_off[i+1]]
    sh: np.ndarray  # uint32: distinct shingle hashes, sorted per paragraph
    sh_pos: np.ndarray  # uint16: where each shingle first occurs in its paragraph (passages)
    an_off: np.ndarray  # int64[n+1]
    an: np.ndarray  # uint32: winnowed anchors, unique, sorted per paragraph
    fact_off: np.ndarray  # int64[n+1]
    fact: np.ndarray  # uint32: fact token hashes, unique, sorted per paragraph
    bands: np.ndarray  # uint32[n, bands]; rows of short paragraphs are zero and unused

    def __len__(self) -> int:
        return len(self.exact)

    @staticmethod
    def concat(parts: list[Prints], bands: int) -> Prints:
        """All parts end to end. The parts are consumed: a column is let go in every part as
        soon as it is copied, and the list is emptied, so the peak is the result plus one
        column of the parts, not plus whole parts (joined after the index's paragraphs, the
        run's own fingerprints are most of its memory)."""
        if not parts:
            return empty_prints(bands)
        sizes = [len(p.exact) for p in parts]
        out = {}
        for f in fields(Prints):
            name = f.name
            if name in _OFFSET_FIELDS:
                column = np.zeros(sum(sizes) + 1, dtype=np.int64)
                at = 0
                for part, n in zip(parts, sizes, strict=True):
                    value = getattr(part, name)
                    column[at + 1 : at + n + 1] = value[1:] + column[at]
                    at += n
            else:
                values = [getattr(p, name) for p in parts]
                column = np.empty((sum(len(v) for v in values), *values[0].shape[1:]),
                                  dtype=values[0].dtype)
                at = 0
                for value in values:
                    column[at : at + len(value)] = value
                    at += len(value)
                del values
            out[name] = column
            for part in parts:
                value = getattr(part, name)
                setattr(part, name, np.zeros((0, *value.shape[1:]), dtype=value.dtype))
            del value
        parts.clear()
        return Prints(**out)

    def slice(self, lo: int, hi: int) -> Prints:
        return Prints(
            exact=self.exact[lo:hi],
            ntokens=self.ntokens[lo:hi],
            sh_off=self.sh_off[lo : hi + 1] - self.sh_off[lo],
            sh=self.sh[self.sh_off[lo] : self.sh_off[hi]],
            sh_pos=self.sh_pos[self.sh_off[lo] : self.sh_off[hi]],
            an_off=self.an_off[lo : hi + 1] - self.an_off[lo],
            an=self.an[self.an_off[lo] : self.an_off[hi]],
            fact_off=self.fact_off[lo : hi + 1] - self.fact_off[lo],
            fact=self.fact[self.fact_off[lo] : self.fact_off[hi]],
            bands=self.bands[lo:hi],
        )

    @property
    def nuniq(self) -> np.ndarray:
        """Distinct shingles per paragraph."""
        return np.diff(self.sh_off)

    def take(self, rows: np.ndarray) -> Prints:
        """The fingerprints of paragraphs `rows`, in that order."""
        rows = np.asarray(rows, dtype=np.int64)

        def pick(off: np.ndarray, *values: np.ndarray) -> tuple[np.ndarray, ...]:
            lens = (off[rows + 1] - off[rows]) if len(rows) else np.zeros(0, np.int64)
            new_off = np.zeros(len(rows) + 1, dtype=np.int64)
            np.cumsum(lens, out=new_off[1:])
            idx = np.repeat(off[rows] - new_off[:-1], lens) + np.arange(int(lens.sum()))
            return (new_off, *(v[idx] for v in values))

        sh_off, sh, sh_pos = pick(self.sh_off, self.sh, self.sh_pos)
        an_off, an = pick(self.an_off, self.an)
        fact_off, fact = pick(self.fact_off, self.fact)
        return Prints(self.exact[rows], self.ntokens[rows], sh_off, sh, sh_pos, an_off, an,
                      fact_off, fact, self.bands[rows])

    def shingles_only(self) -> Prints:
        """The same paragraphs with their exact keys, token counts and shingle sets only, what
        comparing paragraphs' sets needs (resolution, after matching). The rest is zeros
        (no anchors, facts or positions), which take no memory until written: holding this
        instead lets the anchors, bands, facts and positions go (a third of the prints)."""
        n = len(self)
        return Prints(self.exact, self.ntokens, self.sh_off, self.sh,
                      np.zeros(len(self.sh), dtype=np.uint16), np.zeros(n + 1, dtype=np.int64),
                      np.zeros(0, dtype=np.uint32), np.zeros(n + 1, dtype=np.int64),
                      np.zeros(0, dtype=np.uint32),
                      np.zeros(self.bands.shape, dtype=np.uint32))

    def shingles(self, i: int) -> np.ndarray:
        """Paragraph i's distinct shingles, sorted."""
        return self.sh[self.sh_off[i] : self.sh_off[i + 1]]

    def facts(self, i: int) -> np.ndarray:
        return self.fact[self.fact_off[i] : self.fact_off[i + 1]]


_OFFSET_FIELDS = ("sh_off", "an_off", "fact_off")


class PrintsBuilder:
    """Prints appended batch by batch into columns that grow by doubling.

    The parent receives a run's fingerprints as one small batch per chunk of files.
    Collecting the batches and concatenating them at the end would leave their memory
    behind as heap the process cannot give back (the batches are small allocations,
    interleaved with everything else unpickled alongside them): a 100,000-file run
    kept 400 MB that way. Copied into large buffers (mapped memory, whose pages only
    count once written) as they arrive, each batch is freed at once and its space is
    reused by the next. The buffers grow in place, not by a copy (`growable.py`): a
    copy held a column twice while the workers still ran.
    """

    def __init__(self, bands: int) -> None:
        self._bands = bands
        self._data: dict[str, Growable] = {}
        self._used: dict[str, int] = {}
        for f in fields(Prints):
            first = getattr(empty_prints(bands), f.name)
            self._data[f.name] = Growable(first.dtype, first.shape[1:])
            # An offset column starts with its first offset, 0.
            self._used[f.name] = 1 if f.name in _OFFSET_FIELDS else 0

    def append(self, part: Prints) -> None:
        for f in fields(Prints):
            name = f.name
            column, at = self._data[name], self._used[name]
            value = getattr(part, name)
            if name in _OFFSET_FIELDS:
                value = value[1:] + column.view()[at - 1]
            column.reserve(at + len(value), at)  # no view of the column held meanwhile
            column.view()[at : at + len(value)] = value
            self._used[name] = at + len(value)

    def build(self) -> Prints:
        """The batches so far, end to end (views of the builder's buffers)."""
        return Prints(**{name: column.view()[: self._used[name]]
                         for name, column in self._data.items()})


def empty_prints(bands: int) -> Prints:
    zero = np.zeros(1, dtype=np.int64)
    return Prints(
        np.zeros(0, _U64),
        np.zeros(0, np.int32),
        zero,
        np.zeros(0, np.uint32),
        np.zeros(0, np.uint16),
        zero.copy(),
        np.zeros(0, np.uint32),
        zero.copy(),
        np.zeros(0, np.uint32),
        np.zeros((0, bands), np.uint32),
    )


def _offsets(counts: np.ndarray) -> np.ndarray:
    off = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(counts, out=off[1:])
    return off


def _grouped_unique(pid: np.ndarray, values: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Per paragraph, its distinct uint32 values sorted: (offsets, values)."""
    keys = unique_sorted((pid.astype(_U64) << _U64(32)) | values.astype(_U64))
    counts = np.bincount((keys >> _U64(32)).astype(np.int64), minlength=n)
    return _offsets(counts), (keys & _U64(0xFFFFFFFF)).astype(np.uint32)


def _first_occurrences(
    pid: np.ndarray, seq: np.ndarray, seq_off: np.ndarray, n: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per paragraph, its distinct shingles sorted, and where each first occurs."""
    keys = (pid.astype(_U64) << _U64(32)) | seq.astype(_U64)
    order = np.argsort(keys, kind="stable")  # equal keys keep text order: first comes first
    k = keys[order]
    first = np.ones(len(k), dtype=bool)
    first[1:] = k[1:] != k[:-1]
    k = k[first]
    pos = order[first] - seq_off[pid[order[first]]]
    counts = np.bincount((k >> _U64(32)).astype(np.int64), minlength=n)
    sh_pos = np.minimum(pos, 0xFFFF).astype(np.uint16)
    return _offsets(counts), (k & _U64(0xFFFFFFFF)).astype(np.uint32), sh_pos


def _columns(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Each token's kind, whether it is a separator or a boundary, which tokens are words,
    and each word's paragraph."""
    kind = (values & _U64(7)).astype(np.int8)
    special = (kind & SPECIAL) != 0
    pid_all = np.cumsum(kind == _SEPARATOR)
    words = ~special
    return kind, special, words, pid_all[words]


def _word_columns(
    values: np.ndarray, n: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """A batch of n paragraphs' words (from its token values): each word's hash, where each
    paragraph's words start (offsets), each paragraph's exact key, and its facts
    (offsets, values)."""
    if _setops is not None:
        # One pass over the values in C, where numpy masks, gathers and sums the batch a
        # dozen times: the same columns (tests/test_setops.py holds the two together).
        found = _setops.columns(np.ascontiguousarray(values, dtype=_U64), n, _SEPARATOR,
                                SPECIAL, NUMBER, CAPITAL)
        if found is not None:
            return tuple(np.frombuffer(column, dtype=dtype) for column, dtype in
                         zip(found, (_U64, np.int64, _U64, np.int64, np.uint32), strict=True))
    kind, special, words, pid = _columns(values)
    token_hash = _fmix64(values[words] >> _U64(32))
    ntokens = np.bincount(pid, minlength=n).astype(np.int32)
    starts = _offsets(ntokens)
    pos = np.arange(len(pid), dtype=np.int64) - starts[pid]
    exact = Fingerprinter._exact(token_hash, pos, starts, ntokens)
    fact_off, fact = _facts(values, kind, special, words, pid, n)
    return token_hash, starts, exact, fact_off, fact


def _facts(
    values: np.ndarray, kind: np.ndarray, special: np.ndarray, words: np.ndarray,
    pid: np.ndarray, n: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Each paragraph's sorted set of facts (numbers, and names: capitals that do not
    open a sentence), as offsets and values."""
    # A capital that opens the paragraph or follows a boundary starts a sentence.
    after_boundary = np.ones(len(values), dtype=bool)
    after_boundary[1:] = special[:-1]
    wkind = kind[words]
    is_fact = ((wkind & NUMBER) != 0) | (((wkind & CAPITAL) != 0) & ~after_boundary[words])
    # A fact's lowest bit says whether it is a number (numbers and names are judged apart).
    fact_hash = (values[words][is_fact] & _U64(0xFFFFFFF9)).astype(np.uint32)
    return _grouped_unique(pid[is_fact], fact_hash, n)


class Fingerprinter:
    def __init__(self, config: Config) -> None:
        self.ngram = config.ngram
        self.char = config.shingle == "char"
        self.min_tokens = config.min_tokens
        self.num_perm = config.num_perm
        self.bands = config.bands
        self.rows = config.num_perm // config.bands
        self.a, self.b = permutations(config.num_perm, config.seed)

    def _tokens(self, texts: list[str]) -> np.ndarray:
        """Vocabulary values of every token of the batch, separators between paragraphs."""
        # One scan of the whole batch finds whether any paragraph holds a number written in
        # groups (few do); only then is each paragraph's text rewritten.
        if _GROUP_HINT.search("\x00".join(texts)) is not None:
            texts = [join_digit_groups(text) for text in texts]
        if _ctokens is not None and not self.char:  # character shingles need the tokens
            data = _ctokens.values(texts, _VOCAB, _CLASSES, _CLASSES_READY, _fill_classes,
                                   _paragraph_tokens)
            return np.frombuffer(data, dtype=_U64), None
        # Paragraph by paragraph, so that the ASCII ones (most) take the fast pattern; a line
        # break inside a paragraph is a space, "\n" separates paragraphs.
        found: list[str] = []
        for text in texts:
            found += _paragraph_tokens(text)
            found.append("\n")
        found.pop()
        return np.fromiter(map(_VOCAB.__getitem__, found), dtype=_U64, count=len(found)), found

    def prints(self, texts: list[str]) -> Prints:
        n = len(texts)
        if n == 0:
            return empty_prints(self.bands)
        values, found = self._tokens(texts)
        token_hash, starts, exact, fact_off, fact = _word_columns(values, n)
        ntokens = np.diff(starts).astype(np.int32)
        if self.char:
            units, lengths = self._chars(found, n)
        else:
            units, lengths = token_hash, ntokens.astype(np.int64)
        an_off, an = _anchor_sets(token_hash, starts, ANCHOR_NGRAM, ANCHOR_WINDOW)
        sh_off, sh, sh_pos = _shingle_sets(units, lengths, self.ngram)
        eligible = ntokens >= self.min_tokens
        bands = self._bands(sh, sh_off, eligible)
        return Prints(exact, ntokens, sh_off, sh, sh_pos, an_off, an, fact_off, fact, bands)

    def facts(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """`prints(texts)`'s `fact_off` and `fact` alone, what `match.fact_agreement_of`
        reads: the classifier's repeat finder judges a few pairs' facts per file and needs
        no shingles, bands or anchors."""
        n = len(texts)
        if n == 0:
            empty = empty_prints(self.bands)
            return empty.fact_off, empty.fact
        values, _ = self._tokens(texts)
        if _setops is None:  # numpy: the facts alone
            kind, special, words, pid = _columns(values)
            return _facts(values, kind, special, words, pid, n)
        return _word_columns(values, n)[3:]

    @staticmethod
    def _exact(token_hash, pos, starts, ntokens) -> np.ndarray:
        """A 64-bit hash of each paragraph's token sequence (same words, same order)."""
        mixed = _fmix64(token_hash + pos.astype(_U64) * _U64(0x9E3779B97F4A7C15))
        total = np.zeros(len(mixed) + 1, dtype=_U64)
        np.cumsum(mixed, out=total[1:])
        sums = total[starts[1:]] - total[starts[:-1]]
        return _fmix64(sums ^ ntokens.astype(_U64))

    @staticmethod
    def _chars(found: list[str], n: int) -> tuple[np.ndarray, np.ndarray]:
        """Code points of each paragraph's matching form (character shingles)."""
        forms: list[list[str]] = [[] for _ in range(n)]
        k = 0
        for token in found:
            if token == "\n":
                k += 1
            elif not _is_boundary(token):
                norm = _NORMS.get(token)
                if norm is None:
                    norm = _NORMS[token] = normalize_token(token)
                forms[k].append(norm)
        strings = [" ".join(f) for f in forms]
        lengths = np.fromiter(map(len, strings), dtype=np.int64, count=n)
        points = np.frombuffer("".join(strings).encode("utf-32-le"), dtype=np.uint32)
        return _fmix64(points.astype(_U64) + _U64(0x632BE59BD9B4E019)), lengths

    def _bands(self, sh: np.ndarray, sh_off: np.ndarray, eligible: np.ndarray) -> np.ndarray:
        n = len(sh_off) - 1
        out = np.zeros((n, self.bands), dtype=np.uint32)
        idx = np.flatnonzero(eligible & (np.diff(sh_off) > 0))
        if len(idx) == 0:
            return out
        sig = self.signatures(sh, sh_off, idx)
        out[idx] = band_keys(sig, self.bands, self.rows)
        return out

    def signatures(
        self, sh: np.ndarray, sh_off: np.ndarray, idx: np.ndarray, chunk_rows: int = 1 << 15
    ) -> np.ndarray:
        """MinHash hash values (uint32[len(idx), num_perm]) of the paragraphs `idx`."""
        if _setops is not None and len(idx):
            # One pass over the shingles, without numpy's (shingles, permutations) array:
            # the same values (tests/test_fingerprint.py holds the two together).
            found = _setops.minhash(np.ascontiguousarray(sh_off, dtype=np.int64),
                                    np.ascontiguousarray(sh, dtype=np.uint32),
                                    np.ascontiguousarray(idx, dtype=np.int64), self.a, self.b)
            if found is not None:
                return np.frombuffer(found, dtype=np.uint32).reshape(len(idx), self.num_perm)
        return self.signatures_numpy(sh, sh_off, idx, chunk_rows)

    def signatures_numpy(
        self, sh: np.ndarray, sh_off: np.ndarray, idx: np.ndarray, chunk_rows: int = 1 << 15
    ) -> np.ndarray:
        """`signatures` in numpy (where the C extension is not built, or a row is empty)."""
        sig = np.empty((len(idx), self.num_perm), dtype=np.uint32)
        a = self.a[None, :]
        b = self.b[None, :]
        start = 0
        sizes = sh_off[idx + 1] - sh_off[idx]
        ends = np.cumsum(sizes)
        while start < len(idx):
            # Take whole paragraphs until the chunk holds about chunk_rows shingles.
            base = ends[start - 1] if start else 0
            take = max(1, int(np.searchsorted(ends, base + chunk_rows, side="right")) - start)
            part = idx[start : start + take]
            rows, lens = gather(sh_off, sh, part)
            phv = _fmix32(rows)[:, None] * a
            phv += b
            seg = _offsets(lens)[:-1]
            sig[start : start + take] = np.minimum.reduceat(phv, seg, axis=0)
            start += take
        return sig


def _ngrams(hashes: np.ndarray, lengths: np.ndarray, k: int):
    """Per paragraph: its n-gram hashes (uint32) in text order, their offsets and paragraph ids.

    A paragraph shorter than n gives one n-gram of all it has."""
    n = len(lengths)
    total = int(lengths.sum())
    pid = np.repeat(np.arange(n, dtype=np.int64), lengths)
    starts = _offsets(lengths)
    grams = hashes * _POSITION_MULTIPLIERS[0]
    for j in range(1, k):
        if j >= total:
            break
        same = pid[j:] == pid[: total - j]
        grams[: total - j] += np.where(same, hashes[j:] * _POSITION_MULTIPLIERS[j], _U64(0))
    pos = np.arange(total, dtype=np.int64) - starts[pid]
    plen = lengths[pid]
    # A full n-gram starts here, or the paragraph is shorter than n and this is its start.
    valid = (pos + k <= plen) | ((plen < k) & (pos == 0))
    seq = (_fmix64(grams[valid]) >> _U64(32)).astype(np.uint32)
    seq_pid = pid[valid]
    return _offsets(np.bincount(seq_pid, minlength=n)), seq, seq_pid


def _anchor_sets(
    hashes: np.ndarray, off: np.ndarray, k: int, window: int
) -> tuple[np.ndarray, np.ndarray]:
    """Per paragraph (its token hashes hashes[off[i]:off[i + 1]]), its winnowed anchors:
    (offsets, distinct values sorted)."""
    if _setops is not None:
        # Each paragraph's grams, minima and sort in C, in buffers of the longest paragraph's
        # size, instead of a dozen batch-sized temporaries: the same values
        # (tests/test_setops.py holds the two together).
        found = _setops.anchors(np.ascontiguousarray(hashes, dtype=_U64),
                                np.ascontiguousarray(off, dtype=np.int64), k, window,
                                _POSITION_MULTIPLIERS)
        if found is not None:
            return np.frombuffer(found[0], dtype=np.int64), np.frombuffer(found[1], np.uint32)
    grams_off, grams, _ = _ngrams(hashes, np.diff(off), k)
    return _winnow(grams, grams_off, window)


def _shingle_sets(
    units: np.ndarray, lengths: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per paragraph (lengths[i] units each), its distinct k-gram hashes sorted and where each
    first occurs: (offsets, shingles, positions)."""
    if _setops is not None:
        found = _setops.shingles(np.ascontiguousarray(units, dtype=_U64), _offsets(lengths), k,
                                 _POSITION_MULTIPLIERS)
        if found is not None:
            off, sh, pos = found
            return (np.frombuffer(off, dtype=np.int64), np.frombuffer(sh, dtype=np.uint32),
                    np.frombuffer(pos, dtype=np.uint16))
    seq_off, seq, seq_pid = _ngrams(units, lengths, k)
    return _first_occurrences(seq_pid, seq, seq_off, len(lengths))


def gather(off: np.ndarray, values: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The concatenated slices values[off[r]:off[r+1]] for r in rows, and their lengths.

    Large gathers go by blocks of rows, so the index arrays stay small."""
    lens = off[rows + 1] - off[rows]
    if len(rows) == 0:
        return values[:0], lens
    total = int(lens.sum())
    if total <= 1 << 22:
        return values[_gather_index(off, rows, lens)], lens
    out = np.empty(total, dtype=values.dtype)
    ends = np.cumsum(lens)
    at = 0
    step = max(1, len(rows) * (1 << 21) // total)
    for lo in range(0, len(rows), step):
        hi = min(lo + step, len(rows))
        size = int(ends[hi - 1]) - at
        out[at : at + size] = values[_gather_index(off, rows[lo:hi], lens[lo:hi])]
        at += size
    return out, lens


def _gather_index(off: np.ndarray, rows: np.ndarray, lens: np.ndarray) -> np.ndarray:
    return np.repeat(off[rows] - np.cumsum(np.r_[0, lens[:-1]]), lens) + np.arange(lens.sum())


def band_keys(sig: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """One 32-bit key per band: equal keys mean equal MinHash values in that band (or, rarely,
    a hash collision: candidates are verified, so a collision costs one check, never a match)."""
    sig64 = sig.astype(_U64).reshape(len(sig), bands, rows)
    keys = np.zeros((len(sig), bands), dtype=_U64)
    for r in range(rows):
        keys = _fmix64(keys * _U64(0x9E3779B97F4A7C15) + sig64[:, :, r] + _U64(r + 1))
    return (keys >> _U64(32)).astype(np.uint32)


def _winnow(seq: np.ndarray, off: np.ndarray, window: int) -> tuple[np.ndarray, np.ndarray]:
    """Per paragraph, the unique minima of every `window` consecutive shingle hashes."""
    n = len(off) - 1
    lengths = np.diff(off)
    total = len(seq)
    if total == 0:
        return np.zeros(n + 1, dtype=np.int64), np.zeros(0, dtype=np.uint32)
    pid = np.repeat(np.arange(n, dtype=np.int64), lengths)
    pos = np.arange(total, dtype=np.int64) - off[pid]
    plen = lengths[pid]
    # Window minimum starting at each position, clipped at the paragraph's end; a
    # paragraph shorter than the window contributes the minimum of all it has.
    mins = seq.copy()
    big = np.uint32(0xFFFFFFFF)
    for j in range(1, window):
        shifted = np.full(total, big, dtype=np.uint32)
        shifted[: max(0, total - j)] = seq[j:]  # a batch may hold fewer hashes than j
        inside = pos + j < plen
        np.minimum(mins, np.where(inside, shifted, big), out=mins)
    valid = (pos + window <= plen) | ((plen < window) & (pos == 0))
    keys = unique_sorted((pid[valid].astype(_U64) << _U64(32)) | mins[valid].astype(_U64))
    an = (keys & _U64(0xFFFFFFFF)).astype(np.uint32)
    counts = np.bincount((keys >> _U64(32)).astype(np.int64), minlength=n).astype(np.int64)
    an_off = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=an_off[1:])
    return an_off, an
