"""Read-only lists of JSON records: kept compressed until read, or made when read.

A run over 100,000 files holds every file's removed-line records until the
report is written: as Python dicts they cost a few KB a file (hundreds of MB
in all); compressed, a few hundred bytes. They are kept as the very JSON text
the report will hold (encoded at the indentation they have there), so writing
the report copies them instead of encoding them again in the main process, and
the worker that rendered a file encodes its records in parallel with the
others. Reading them back (json.loads) gives the ints, floats, strings, lists
and dicts that went in: records are JSON-shaped (str keys, no tuples).
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from .jsontext import text_of

# Raw deflate with a 4 KB window and a small hash table. zlib's default state is over 256 KB,
# which, with glibc's mmap threshold fixed (core/allocator.py), is mapped, faulted in and
# unmapped again on every call: 0.1 ms a file, most of what packing cost. A file's records
# are a few KB, and compress as well in the small window.
_WBITS, _MEM_LEVEL = 12, 4


def _compress(data: bytes) -> bytes:
    packer = zlib.compressobj(1, zlib.DEFLATED, -_WBITS, _MEM_LEVEL)
    return packer.compress(data) + packer.flush()


def _decompress(data: bytes) -> bytes:
    return zlib.decompress(data, -_WBITS)


def pack_text(text: str) -> bytes:
    """`text` compressed as the records are (`unpack_text` gives it back)."""
    return _compress(text.encode("utf-8", "surrogatepass"))


def unpack_text(data: bytes) -> str:
    return _decompress(data).decode("utf-8", "surrogatepass")


class PackedRecords(Sequence):
    """`summary`: whatever the maker read off the records while it held them unpacked (the
    report's counts of a file's removed lines), so that a reader needing only that does
    not decompress and parse them all again. `indent`: where the report nests the list."""

    __slots__ = ("_count", "_data", "_indent", "summary")

    def __init__(
        self, records: list[dict[str, Any]], summary: Any = None, indent: str = ""
    ) -> None:
        self.summary = summary
        self._count = len(records)
        self._indent = indent
        # surrogatepass: a lone surrogate in a record comes back as it went in.
        self._data = (
            _compress(text_of(records, indent).encode("utf-8", "surrogatepass"))
            if records
            else b""
        )

    @classmethod
    def of_text(cls, text: str, count: int, summary: Any = None, indent: str = ""
                ) -> PackedRecords:
        """Records encoded already: `text` is `text_of(records, indent)` of `count` records
        (the report's removed-line records, written straight from a file's verdicts)."""
        packed = cls.__new__(cls)
        packed.summary, packed._count, packed._indent = summary, count, indent
        packed._data = _compress(text.encode("utf-8", "surrogatepass")) if count else b""
        return packed

    def _text(self) -> str:
        return _decompress(self._data).decode("utf-8", "surrogatepass")

    def json_text(self, indent: str) -> str:
        """The records' JSON nested at `indent`: the text kept, with every line after the
        first moved from the packed indentation to this one (JSON text has no newline
        inside a string, and every such line starts with the packed indentation)."""
        if not self._count:
            return "[]"
        text = self._text()
        return text if indent == self._indent else text.replace(
            "\n" + self._indent, "\n" + indent)

    def unpack(self) -> list[dict[str, Any]]:
        """A fresh list of the records (changing it does not change this one)."""
        return json.loads(self._text()) if self._count else []

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.unpack())

    def __getitem__(self, index):  # type: ignore[override]
        return self.unpack()[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PackedRecords):
            return self.unpack() == other.unpack()
        if isinstance(other, list):
            return self.unpack() == other
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"PackedRecords({self._count} records, {len(self._data)} bytes)"

    def __getstate__(self) -> tuple[bytes, int, str, Any]:
        return self._data, self._count, self._indent, self.summary

    def __setstate__(self, state: tuple[bytes, int, str, Any]) -> None:
        self._data, self._count, self._indent, self.summary = state


class LazyRecords(Sequence):
    """A read-only list of records made from `items` by `make` each time they are read.

    The report's clusters and links: the resolution already holds them, so the report
    makes their JSON records one at a time as it is written instead of holding a second
    copy of every one (a third of the report's memory on a large run). `text(item,
    indent)`, when given, writes an item's record as JSON directly (the same text as
    encoding `make(item)`, without building it); `texts(items, indent)`, every item's.
    `written`: (indent, parts) where the records' texts at that indent were written already
    (by the processes that wrote the outputs), each part a run of records joined by ",\n"
    and the indent, packed (`pack_text`), the parts in order and covering every record."""

    __slots__ = ("_items", "_make", "_text", "_texts", "_written")

    def __init__(
        self,
        items: Sequence[Any],
        make: Callable[[Any], dict[str, Any]],
        text: Callable[[Any, str], str] | None = None,
        texts: Callable[[Any, str], Iterator[str]] | None = None,
        written: tuple[str, list[bytes]] | None = None,
    ) -> None:
        self._items, self._make, self._text, self._texts = items, make, text, texts
        self._written = written

    def texts(self, indent: str) -> Iterator[str]:
        """Each record's JSON nested at `indent`, one at a time (`texts(items, indent)`,
        when given, writes them all: the same texts as `text` item by item); records written
        already come a part (several records joined as a list joins them) at a time."""
        if self._written is not None and self._written[0] == indent and len(self._items):
            return (unpack_text(part) for part in self._written[1])
        if self._texts is not None:
            return self._texts(self._items, indent)
        if self._text is None:
            return (text_of(self._make(item), indent) for item in self._items)
        text = self._text
        return (text(item, indent) for item in self._items)

    def json_text(self, indent: str) -> str:
        if len(self._items) == 0:
            return "[]"
        inner = indent + "  "
        return "[\n" + inner + (",\n" + inner).join(self.texts(inner)) + "\n" + indent + "]"

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
