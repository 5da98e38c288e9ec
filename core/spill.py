"""Fingerprints parked on disk: between matching and recording them into the index
(`SpilledPrints`), and while the analysis workers run (`ParkedBuilder`).

A run that records into the index needs its own paragraphs' full fingerprints
(bands, anchors, facts, positions) once more after rendering, to write them.
Held in memory through resolution and rendering, they made the first indexed
run over a large corpus half as large again as a plain one. They are written
once to an unnamed temporary file beside the index (same file system, and gone
by itself when the process ends, even killed) and read back one file's range at
a time. Only the offset columns stay in memory: they say where each range is.
"""

from __future__ import annotations

import math
import mmap
import os
import tempfile
from dataclasses import fields
from typing import BinaryIO

import numpy as np

from .fingerprint import Prints, PrintsBuilder, empty_prints

_OFFSETS = {"sh": "sh_off", "sh_pos": "sh_off", "an": "an_off", "fact": "fact_off"}
_OFFSET_COLUMNS = frozenset(_OFFSETS.values())


class SpilledPrints:
    """A batch of fingerprints on disk; `rows(lo, hi)` reads paragraphs lo..hi-1 back."""

    def __init__(self, prints: Prints, directory: str) -> None:
        # Closed by close(), or with the process: the file has no name to leave behind.
        self._file = tempfile.TemporaryFile(dir=directory, prefix=".copydesk-spill-")  # noqa: SIM115
        try:
            self._n = len(prints)
            self._off = {
                name: np.array(getattr(prints, name), dtype=np.int64)
                for name in set(_OFFSETS.values())
            }
            # name -> (byte position, dtype, values per row: 0 for the ragged columns)
            self._at: dict[str, tuple[int, np.dtype, int]] = {}
            pos = 0
            for f in fields(Prints):
                if f.name in self._off:
                    continue
                value = np.ascontiguousarray(getattr(prints, f.name))
                width = int(np.prod(value.shape[1:])) if value.ndim > 1 else 1
                self._at[f.name] = (pos, value.dtype, 0 if f.name in _OFFSETS else width)
                if value.nbytes:  # written from the array itself: no copy of the largest
                    self._file.write(memoryview(value.reshape(-1)).cast("B"))
                pos += value.nbytes
            self._file.flush()
            self._bands = prints.bands.shape[1]
        except BaseException:
            self._file.close()
            raise

    def __len__(self) -> int:
        return self._n

    def rows(self, lo: int, hi: int) -> Prints:
        """Paragraphs lo..hi-1, as `Prints.slice` would give them."""
        out = {}
        for name, off in self._off.items():
            out[name] = off[lo : hi + 1] - off[lo]
        for name, (pos, dtype, width) in self._at.items():
            if width:  # one fixed-width row per paragraph
                first, count = lo * width, (hi - lo) * width
            else:
                off = self._off[_OFFSETS[name]]
                first, count = int(off[lo]), int(off[hi] - off[lo])
            data = os.pread(
                self._file.fileno(), count * dtype.itemsize, pos + first * dtype.itemsize
            )
            if len(data) != count * dtype.itemsize:
                raise OSError(f"spilled fingerprints cut short ({name})")
            value = np.frombuffer(data, dtype=dtype)
            out[name] = value.reshape(hi - lo, self._bands) if name == "bands" else value
        return Prints(**out)

    def close(self) -> None:
        self._file.close()


class ParkedBuilder:
    """`PrintsBuilder`'s columns, appended to unnamed temporary files while the analysis
    workers run, and mapped back by `build()` once they have left.

    The run's largest memory is the end of its analysis: the parent holds every file's
    analysis and fingerprints while both workers still hold their classifier (session 31,
    mem35: 948-954 MB of the tree at 100,000 files, against 1 GB). The fingerprints are
    a third of the parent's part there, and nothing reads them before matching: written
    out as they come, their pages are the kernel's file cache, not the run's, until the
    workers are gone. Mapped back, they take the memory they took before, with the parent
    alone. A file that cannot be written (a full or read-only temporary directory) sends
    the columns back to memory, as `PrintsBuilder` keeps them: the same fingerprints."""

    def __init__(self, bands: int, directory: str | None = None) -> None:
        self._bands = bands
        self._memory: PrintsBuilder | None = None
        self._files: dict[str, BinaryIO] = {}
        self._kind: dict[str, tuple[np.dtype, tuple[int, ...]]] = {}
        self._used: dict[str, int] = {}  # rows written per column
        self._last: dict[str, int] = {}  # an offset column's last offset
        template = empty_prints(bands)
        try:
            for f in fields(Prints):
                first = getattr(template, f.name)
                self._kind[f.name] = (first.dtype, first.shape[1:])
                # Closed by build(), or with the process: the file has no name to leave.
                self._files[f.name] = tempfile.TemporaryFile(  # noqa: SIM115
                    dir=directory, prefix=".copydesk-prints-")
                self._used[f.name] = 0
                if f.name in _OFFSET_COLUMNS:  # its first offset, 0
                    self._write(f.name, first[:1])
                    self._last[f.name] = 0
        except BaseException:
            self._close()
            raise

    def _write(self, name: str, value: np.ndarray) -> None:
        value = np.ascontiguousarray(value, dtype=self._kind[name][0])
        if value.nbytes:  # written from the array itself: no copy of it
            self._files[name].write(memoryview(value.reshape(-1)).cast("B"))
        self._used[name] += len(value)

    def append(self, part: Prints) -> None:
        if self._memory is not None:
            self._memory.append(part)
            return
        state = {name: (fh.tell(), self._used[name]) for name, fh in self._files.items()}
        last = dict(self._last)
        try:
            for f in fields(Prints):
                value = getattr(part, f.name)
                if f.name in _OFFSET_COLUMNS:
                    value = value[1:] + self._last[f.name]
                    if len(value):
                        self._last[f.name] = int(value[-1])
                self._write(f.name, value)
            for fh in self._files.values():
                fh.flush()  # a full disk says so now, not at the read-back
        except OSError:
            # The part's columns are cut back to where they were, and the columns so far
            # go to memory with it: this run's fingerprints, whatever the disk does.
            for name, (at, used) in state.items():
                fh = self._files[name]
                fh.seek(at)
                fh.truncate()
                self._used[name] = used
            self._last = last
            memory = PrintsBuilder(self._bands)
            memory.append(self._read())
            memory.append(part)
            self._memory = memory

    def _read(self) -> Prints:
        """The columns written so far, as one batch; the files are closed. Each column is
        its file mapped copy-on-write: its pages are the file cache's, neither copied nor
        zeroed again (read into new memory, they cost as much again as the analysis's
        collecting them, and it all fell in the parent's serial time)."""
        columns = {}
        try:
            for name, fh in self._files.items():
                dtype, shape = self._kind[name]
                rows = self._used[name]
                size = rows * dtype.itemsize * math.prod(shape)
                fh.flush()
                if not size:
                    columns[name] = np.zeros((rows, *shape), dtype=dtype)
                    continue
                if os.fstat(fh.fileno()).st_size != size:
                    raise OSError(f"parked fingerprints cut short ({name})")
                mapped = mmap.mmap(fh.fileno(), size, access=mmap.ACCESS_COPY)
                columns[name] = np.frombuffer(mapped, dtype=dtype).reshape(rows, *shape)
        finally:
            self._close()  # a mapping keeps its file: it goes with the last view of it
        return Prints(**columns)

    def build(self) -> Prints:
        """Every batch appended, end to end, in memory."""
        if self._memory is not None:
            return self._memory.build()
        return self._read()

    def _close(self) -> None:
        for fh in self._files.values():
            fh.close()
        self._files = {}
