"""A read-only list of JSON records kept compressed until it is read.

A run over 100,000 files holds every file's removed-line records until the
report is written: as Python dicts they cost a few KB a file (hundreds of MB
in all); compressed, a few hundred bytes. They are packed as a pickle, not as
JSON: the records are the program's own data (never read from outside), a
pickle is made three times faster than compact JSON and compresses about as
well, and reading it back gives the very ints, floats, strings, lists and
dicts that went in, so the report's bytes do not change.
"""

from __future__ import annotations

import pickle
import zlib
from collections.abc import Callable, Iterator, Sequence
from typing import Any


class PackedRecords(Sequence):
    """`summary`: whatever the maker read off the records while it held them unpacked (the
    report's counts of a file's removed lines), so that a reader needing only that does
    not decompress and parse them all again."""

    __slots__ = ("_count", "_data", "summary")

    def __init__(self, records: list[dict[str, Any]], summary: Any = None) -> None:
        self.summary = summary
        self._count = len(records)
        self._data = (
            zlib.compress(pickle.dumps(records, protocol=pickle.HIGHEST_PROTOCOL), 1)
            if records
            else b""
        )

    def unpack(self) -> list[dict[str, Any]]:
        """A fresh list of the records (changing it does not change this one)."""
        return pickle.loads(zlib.decompress(self._data)) if self._count else []

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.unpack())

    def __getitem__(self, index):  # type: ignore[override]
        return self.unpack()[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PackedRecords):
            return self._data == other._data and self._count == other._count
        if isinstance(other, list):
            return self.unpack() == other
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"PackedRecords({self._count} records, {len(self._data)} bytes)"

    def __getstate__(self) -> tuple[bytes, int, Any]:
        return self._data, self._count, self.summary

    def __setstate__(self, state: tuple[bytes, int, Any]) -> None:
        self._data, self._count, self.summary = state


def json_default(value: object) -> Any:
    """`default=` for json encoders: packed records are written as the list they hold."""
    if isinstance(value, PackedRecords):
        return value.unpack()
    if isinstance(value, LazyRecords):
        return list(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


class LazyRecords(Sequence):
    """A read-only list of records made from `items` by `make` each time they are read.

    The report's clusters and links: the resolution already holds them, so the report
    makes their JSON records one at a time as it is written instead of holding a second
    copy of every one (a third of the report's memory on a large run)."""

    __slots__ = ("_items", "_make")

    def __init__(self, items: Sequence[Any], make: Callable[[Any], dict[str, Any]]) -> None:
        self._items, self._make = items, make

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return (self._make(item) for item in self._items)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self._make(item) for item in self._items[index]]
        return self._make(self._items[index])

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (list, LazyRecords)):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"LazyRecords({len(self._items)} records)"
