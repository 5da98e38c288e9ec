"""Fingerprints parked on disk between matching and recording them into the index.

A run that records into the index needs its own paragraphs' full fingerprints
(bands, anchors, facts, positions) once more after rendering, to write them.
Held in memory through resolution and rendering, they made the first indexed
run over a large corpus half as large again as a plain one. They are written
once to an unnamed temporary file beside the index (same file system, and gone
by itself when the process ends, even killed) and read back one file's range at
a time. Only the offset columns stay in memory: they say where each range is.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import fields

import numpy as np

from .fingerprint import Prints

_OFFSETS = {"sh": "sh_off", "sh_pos": "sh_off", "an": "an_off", "fact": "fact_off"}


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
