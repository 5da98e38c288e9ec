"""Which of a set of key words (literal strings) a text holds: the gate of the `contains`
rules (`rules.py`), asked of every line.

In C where built (`_keywords.c`): one pass over the text through an Aho-Corasick automaton
built here, a table look-up per character. Otherwise with two regexes: a trie of the
words, searched first (most lines hold none), then a look-ahead scanner that reports the
longest word at each position, the shorter words it starts with being there too. Either
way the answer is the same (`tests/test_keywords.py`): the words that occur in the text.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Iterable
from functools import lru_cache
from itertools import chain

from . import rulecache

try:  # optional: see pyproject.toml
    from . import _keywords
except ImportError:
    _keywords = None


class Keywords:
    """A set of non-empty literal strings, compared character for character (no case
    folding: callers lower-case both sides)."""

    def __init__(self, words: Iterable[str], native: bool = True) -> None:
        self.words: tuple[str, ...] = tuple(sorted(set(words)))
        if not self.words or "" in self.words:
            raise ValueError("key words must be non-empty, and at least one")
        self._tables: tuple | None = None
        if native and _keywords is not None:
            self._tables = _automaton(self.words)
        else:
            trie = _trie_regex(set(self.words))
            self._trie = trie
            self._scanner = rulecache.compile("(?=(" + trie.pattern + "))")
            # At one position the scanner reports the longest word; the shorter ones it
            # starts with are there too.
            self._prefixes = {
                word: tuple(other for other in self.words if word.startswith(other))
                for word in self.words
            }

    def found(self, text: str) -> tuple[str, ...]:
        """The words that occur in `text`, in sorted order (empty: none)."""
        if self._tables is not None:
            found = _keywords.scan(text, *self._tables)  # type: ignore[union-attr]
            if found is None:
                return ()
            words = self.words
            return tuple(words[k] for k in found)
        # A plain search says "none" a third faster than the scanner's look-ahead at every
        # position (it finds one iff the scanner finds any).
        if self._trie.search(text) is None:
            return ()
        seen = {w for longest in set(self._scanner.findall(text)) for w in self._prefixes[longest]}
        return tuple(sorted(seen))

    def scanner(self) -> tuple[Callable[..., object], tuple]:
        """`found` as a function and the arguments after the text, for a caller in C
        (`_rules.walk`) that calls it on every line: its answer, None or empty when no word
        occurs, is read by `words_of`."""
        if self._tables is not None:
            return _keywords.scan, self._tables  # type: ignore[union-attr]
        return self.found, ()

    def words_of(self, found) -> tuple[str, ...]:
        """The words `found` as `scanner`'s function answered them."""
        if self._tables is not None:
            words = self.words
            return tuple(words[k] for k in found)
        return found


# A rule set gates each bucket of line lengths apart, and most buckets hold the same key
# words (en + common: 81 gates, 13 word sets); every process (each worker, each pre-commit
# run) builds the automata of the buckets it meets. The tables are read, never written.
@lru_cache(maxsize=256)
def _automaton(words: tuple[str, ...]) -> tuple:
    """The tables `_keywords.scan` reads (see its header), built in C (`_keywords.automaton`):
    in Python (`_automaton_python`, the same values) a word set of a pack's took 2 to 30 ms,
    some 60 ms of a one-file run's start (HISTORY, session 31, gate35)."""
    low, extra, delta, width, starts, flat, count = _keywords.automaton(words)  # type: ignore[union-attr]
    return (
        _int32(low), _int32(extra), _int32(delta), width, _int32(starts), _int32(flat), count
    )


def _int32(packed: bytes) -> array:
    """The C int32 values of `packed` (native order, as `_keywords.c` wrote them)."""
    values = array("i")
    values.frombytes(packed)
    return values


def _automaton_python(words: tuple[str, ...]) -> tuple:
    """`_automaton` in Python, the reference of `_keywords.automaton`: the words' trie, with
    each state's transitions completed through its failure link, and each state's output."""
    alphabet = sorted({c for word in words for c in word})
    symbol = {c: k + 1 for k, c in enumerate(alphabet)}  # 0: a character in no word
    width = len(alphabet) + 1
    goto: list[dict[int, int]] = [{}]
    ends: list[list[int]] = [[]]
    for index, word in enumerate(words):
        state = 0
        for c in word:
            nxt = goto[state].get(symbol[c])
            if nxt is None:
                nxt = goto[state][symbol[c]] = len(goto)
                goto.append({})
                ends.append([])
            state = nxt
        ends[state].append(index)
    # Breadth first: a state's failure link (its longest proper suffix that is a state)
    # is shallower, so its row of transitions is complete when the state's is made.
    delta = [[0] * width for _ in goto]
    fail = [0] * len(goto)
    output: list[list[int]] = [list(ends[0])] + [[] for _ in goto[1:]]
    queue = []
    for sym, nxt in goto[0].items():
        delta[0][sym] = nxt
        queue.append(nxt)
    head = 0
    while head < len(queue):
        state = queue[head]
        head += 1
        output[state] = ends[state] + output[fail[state]]
        row = delta[state]
        row[:] = delta[fail[state]]
        for sym, nxt in goto[state].items():
            fail[nxt] = delta[fail[state]][sym] if state else 0
            row[sym] = nxt
            queue.append(nxt)
    low = [0] * 256
    extra_points, extra_symbols = [], []
    for c, k in symbol.items():
        if ord(c) < 256:
            low[ord(c)] = k
        else:
            extra_points.append(ord(c))
            extra_symbols.append(k)
    starts = [0]
    flat: list[int] = []
    for out in output:
        flat.extend(sorted(set(out)))
        starts.append(len(flat))
    return (
        array("i", low),
        array("i", extra_points + extra_symbols),
        array("i", chain.from_iterable(delta)),
        width,
        array("i", starts),
        array("i", flat),
        len(words),
    )


def _trie_regex(words: set[str]) -> re.Pattern[str]:
    """One regex for a set of literals, factored by common prefix so it fails fast."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        optional = "" in node
        body = (
            branches[0] if len(branches) == 1 and not optional else "(?:" + "|".join(branches) + ")"
        )
        return body + "?" if optional else body

    return rulecache.compile(build(trie))
