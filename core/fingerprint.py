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
- anchors: the winnowed minima of the shingle hashes (window `ANCHOR_WINDOW`),
  so two paragraphs sharing a run of `ANCHOR_WINDOW + n - 1` tokens are sure to
  share an anchor: that is how passages and short paragraphs contained in
  longer ones are found.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import datasketch
import numpy as np

from .config import Config

SCHEME = "affine32"
ANCHOR_WINDOW = 4
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
_NO_SPACE_SCRIPTS = (
    "\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff"
    "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
)
_TOKEN = re.compile(f"[{_NO_SPACE_SCRIPTS}]|[^\\W_{_NO_SPACE_SCRIPTS}]+")
_THOUSANDS = re.compile(r"(?<=\d)[,.'’ ](?=\d{3}(?!\d))")
_COMBINING = re.compile("[\u0300-\u036f]")


@cache
def _digit_table() -> dict[int, int]:
    table = {}
    for code in range(0x80, 0x10000):  # NFKD already folds the astral digit forms
        if 0xD800 <= code <= 0xDFFF:
            continue
        value = unicodedata.decimal(chr(code), None)
        if value is not None:
            table[code] = ord(str(value))
    return table


def matching_form(text: str) -> str:
    """The text as matching sees it (also what the exact key hashes)."""
    text = text.casefold()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = _COMBINING.sub("", text).translate(_digit_table())
    text = _THOUSANDS.sub("", text)
    return " ".join(_TOKEN.findall(text))


def tokens_of(text: str) -> list[str]:
    return matching_form(text).split()


def exact_key(form: str) -> int:
    return int.from_bytes(hashlib.blake2b(form.encode("utf-8"), digest_size=8).digest(), "little")


class _Vocabulary(dict):
    """Token -> 64-bit hash, computed once per distinct token (bounded cache)."""

    def __missing__(self, token: str) -> int:
        if len(self) > 2_000_000:
            self.clear()
        value = int.from_bytes(
            hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest(), "little"
        )
        self[token] = value
        return value


_VOCAB = _Vocabulary()


def unique_sorted(keys: np.ndarray) -> np.ndarray:
    """Sorted unique values (numpy's hash-based np.unique is slower on these keys)."""
    keys = np.sort(keys)
    if len(keys) < 2:
        return keys
    keep = np.empty(len(keys), dtype=bool)
    keep[0] = True
    np.not_equal(keys[1:], keys[:-1], out=keep[1:])
    return keys[keep]


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
    """datasketch's own permutation parameters for this scheme, seed and size."""
    a, b = datasketch.MinHash(
        num_perm=num_perm, seed=seed, scheme=SCHEME, hashfunc=lambda x: x
    ).permutations
    return a.astype(np.uint32), b.astype(np.uint32)


@dataclass(slots=True)
class Prints:
    """Fingerprints of a batch of paragraphs, all numpy.

    Shingles are kept as each paragraph's ordered sequence (what passages are
    verified on); set sizes are stored, sets are derived where needed.
    """

    exact: np.ndarray  # uint64[n]: hash of the matching form
    ntokens: np.ndarray  # int32[n]
    nuniq: np.ndarray  # int32[n]: distinct shingles
    seq_off: np.ndarray  # int64[n+1]: paragraph i's shingles are seq[seq_off[i]:seq_off[i+1]]
    seq: np.ndarray  # uint32: shingle hashes in text order
    an_off: np.ndarray  # int64[n+1]
    an: np.ndarray  # uint32: winnowed anchors, unique, sorted per paragraph
    bands: np.ndarray  # uint64[n, bands]; rows of short paragraphs are zero and unused

    def __len__(self) -> int:
        return len(self.exact)

    @staticmethod
    def concat(parts: list[Prints], bands: int) -> Prints:
        if not parts:
            return empty_prints(bands)
        return Prints(
            exact=np.concatenate([p.exact for p in parts]),
            ntokens=np.concatenate([p.ntokens for p in parts]),
            nuniq=np.concatenate([p.nuniq for p in parts]),
            seq_off=_concat_offsets([p.seq_off for p in parts]),
            seq=np.concatenate([p.seq for p in parts]),
            an_off=_concat_offsets([p.an_off for p in parts]),
            an=np.concatenate([p.an for p in parts]),
            bands=np.concatenate([p.bands for p in parts]),
        )

    def slice(self, lo: int, hi: int) -> Prints:
        return Prints(
            exact=self.exact[lo:hi],
            ntokens=self.ntokens[lo:hi],
            nuniq=self.nuniq[lo:hi],
            seq_off=self.seq_off[lo : hi + 1] - self.seq_off[lo],
            seq=self.seq[self.seq_off[lo] : self.seq_off[hi]],
            an_off=self.an_off[lo : hi + 1] - self.an_off[lo],
            an=self.an[self.an_off[lo] : self.an_off[hi]],
            bands=self.bands[lo:hi],
        )

    def take(self, rows: np.ndarray) -> Prints:
        """The fingerprints of paragraphs `rows` (in that order)."""
        seq_len = np.diff(self.seq_off)[rows]
        an_len = np.diff(self.an_off)[rows]

        def pick(off: np.ndarray, values: np.ndarray, lens: np.ndarray) -> np.ndarray:
            idx = np.repeat(off[rows] - np.cumsum(np.r_[0, lens[:-1]]), lens) + np.arange(
                lens.sum())
            return values[idx.astype(np.int64)] if len(rows) else values[:0]

        def offsets(lens: np.ndarray) -> np.ndarray:
            out = np.zeros(len(lens) + 1, dtype=np.int64)
            np.cumsum(lens, out=out[1:])
            return out

        return Prints(self.exact[rows], self.ntokens[rows], self.nuniq[rows],
                      offsets(seq_len), pick(self.seq_off, self.seq, seq_len),
                      offsets(an_len), pick(self.an_off, self.an, an_len), self.bands[rows])

    def shingles(self, i: int) -> np.ndarray:
        """Paragraph i's distinct shingles, sorted."""
        return np.unique(self.seq[self.seq_off[i] : self.seq_off[i + 1]])


def _concat_offsets(offsets: list[np.ndarray]) -> np.ndarray:
    out = [np.zeros(1, dtype=np.int64)]
    base = 0
    for off in offsets:
        out.append(off[1:] + base)
        base += int(off[-1])
    return np.concatenate(out)


def empty_prints(bands: int) -> Prints:
    zero = np.zeros(1, dtype=np.int64)
    return Prints(
        np.zeros(0, _U64),
        np.zeros(0, np.int32),
        np.zeros(0, np.int32),
        zero,
        np.zeros(0, np.uint32),
        zero.copy(),
        np.zeros(0, np.uint32),
        np.zeros((0, bands), _U64),
    )


class Fingerprinter:
    def __init__(self, config: Config) -> None:
        self.ngram = config.ngram
        self.char = config.shingle == "char"
        self.min_tokens = config.min_tokens
        self.num_perm = config.num_perm
        self.bands = config.bands
        self.rows = config.num_perm // config.bands
        self.a, self.b = permutations(config.num_perm, config.seed)

    def prints(self, texts: list[str]) -> Prints:
        forms = [matching_form(t) for t in texts]
        n = len(forms)
        exact = np.fromiter((exact_key(f) for f in forms), dtype=_U64, count=n)
        words = [f.split() for f in forms]
        ntokens = np.fromiter(map(len, words), dtype=np.int32, count=n)
        units = [list("".join(w)) for w in words] if self.char else words
        lengths = np.fromiter(map(len, units), dtype=np.int64, count=n)
        flat = [t for u in units for t in u]
        vocab = _VOCAB
        hashes = np.fromiter(map(vocab.__getitem__, flat), dtype=_U64, count=len(flat))
        sh_off, sh, seq_off, seq = self._shingles(hashes, lengths)
        an_off, an = _winnow(seq, seq_off, ANCHOR_WINDOW)
        eligible = ntokens >= self.min_tokens
        bands = self._bands(sh, sh_off, eligible)
        nuniq = np.diff(sh_off).astype(np.int32)
        return Prints(exact, ntokens, nuniq, seq_off, seq, an_off, an, bands)

    def _shingles(self, hashes: np.ndarray, lengths: np.ndarray):
        """Per paragraph: the n-gram hash sequence (in order) and its unique sorted set."""
        n = len(lengths)
        total = int(lengths.sum())
        pid = np.repeat(np.arange(n, dtype=np.int64), lengths)
        starts = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(lengths, out=starts[1:])
        k = self.ngram
        grams = np.zeros(total, dtype=_U64)
        for j in range(k):
            if j >= total:
                break
            same = pid[j:] == pid[: total - j]
            grams[: total - j] += np.where(same, hashes[j:] * _POSITION_MULTIPLIERS[j], _U64(0))
        pos = np.arange(total, dtype=np.int64) - starts[pid] if total else np.zeros(0, np.int64)
        plen = lengths[pid] if total else np.zeros(0, np.int64)
        # A full n-gram starts here, or the paragraph is shorter than n and this is its start.
        valid = (pos + k <= plen) | ((plen < k) & (pos == 0))
        seq = (_fmix64(grams[valid]) >> _U64(32)).astype(np.uint32)
        seq_pid = pid[valid]
        seq_counts = np.bincount(seq_pid, minlength=n).astype(np.int64)
        seq_off = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(seq_counts, out=seq_off[1:])
        keys = unique_sorted((seq_pid.astype(_U64) << _U64(32)) | seq.astype(_U64))
        sh = (keys & _U64(0xFFFFFFFF)).astype(np.uint32)
        sh_pid = (keys >> _U64(32)).astype(np.int64)
        counts = np.bincount(sh_pid, minlength=n).astype(np.int64)
        sh_off = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(counts, out=sh_off[1:])
        return sh_off, sh, seq_off, seq

    def _bands(self, sh: np.ndarray, sh_off: np.ndarray, eligible: np.ndarray) -> np.ndarray:
        n = len(sh_off) - 1
        out = np.zeros((n, self.bands), dtype=_U64)
        idx = np.flatnonzero(eligible & (np.diff(sh_off) > 0))
        if len(idx) == 0:
            return out
        sig = self.signatures(sh, sh_off, idx)
        out[idx] = band_keys(sig, self.bands, self.rows)
        return out

    def signatures(
        self, sh: np.ndarray, sh_off: np.ndarray, idx: np.ndarray, chunk_rows: int = 1 << 16
    ) -> np.ndarray:
        """MinHash hash values (uint32[len(idx), num_perm]) of the paragraphs `idx`."""
        sig = np.empty((len(idx), self.num_perm), dtype=np.uint32)
        a = self.a[None, :]
        b = self.b[None, :]
        start = 0
        while start < len(idx):
            # Take whole paragraphs until the chunk holds about chunk_rows shingles.
            sizes = sh_off[idx[start:] + 1] - sh_off[idx[start:]]
            take = int(np.searchsorted(np.cumsum(sizes), chunk_rows, side="right"))
            take = max(1, take)
            part = idx[start : start + take]
            lens = sh_off[part + 1] - sh_off[part]
            rows = sh[
                np.repeat(sh_off[part] - np.cumsum(np.r_[0, lens[:-1]]), lens)
                + np.arange(lens.sum())
            ]
            hv = _fmix32(rows)[:, None]
            phv = hv * a + b
            seg = np.zeros(len(part), dtype=np.int64)
            np.cumsum(lens[:-1], out=seg[1:])
            sig[start : start + take] = np.minimum.reduceat(phv, seg, axis=0)
            start += take
        return sig


def band_keys(sig: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """One 64-bit key per band: equal keys mean equal MinHash values in that band."""
    sig64 = sig.astype(_U64).reshape(len(sig), bands, rows)
    keys = np.zeros((len(sig), bands), dtype=_U64)
    for r in range(rows):
        keys = _fmix64(keys * _U64(0x9E3779B97F4A7C15) + sig64[:, :, r] + _U64(r + 1))
    return keys


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
        shifted[: total - j] = seq[j:]
        inside = pos + j < plen
        np.minimum(mins, np.where(inside, shifted, big), out=mins)
    valid = (pos + window <= plen) | ((plen < window) & (pos == 0))
    keys = unique_sorted((pid[valid].astype(_U64) << _U64(32)) | mins[valid].astype(_U64))
    an = (keys & _U64(0xFFFFFFFF)).astype(np.uint32)
    counts = np.bincount((keys >> _U64(32)).astype(np.int64), minlength=n).astype(np.int64)
    an_off = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=an_off[1:])
    return an_off, an
