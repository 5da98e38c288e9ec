"""An array that grows without a copy: on Linux its memory is an anonymous private mapping,
which the kernel moves to a larger range when it fills (`mremap`, through `mmap.resize`).

A numpy array that grows by doubling copies its rows into a new array each time: for a
moment both are resident. The parent's fingerprint columns grow so while the workers still
run, and the largest (a 100,000-file run's shingles, 135 MB) may double at the very end of
the analysis, the run's peak: 135 MB more for as long as the copy takes. Moved, the pages
are never copied; pages of the mapping not written yet take no memory, as a large numpy
array's do not. Elsewhere (no `mremap`) the array is copied as numpy would.
"""

from __future__ import annotations

import math
import mmap
import sys

import numpy as np

# Whether an anonymous mapping can grow in place here (Linux's `mremap`).
MOVABLE = sys.platform.startswith("linux") and hasattr(mmap, "MAP_PRIVATE")


class Growable:
    """Rows of `dtype` (each of `row_shape`), zero until written, with room for `capacity`
    rows. `view()` is the whole room as a numpy array; every view must be let go before
    `reserve` grows the room (a mapping with views of it cannot move: BufferError)."""

    def __init__(self, dtype: np.dtype | type, row_shape: tuple[int, ...] = (), rows: int = 1024,
                 movable: bool = MOVABLE) -> None:
        self.dtype = np.dtype(dtype)
        self.row_shape = tuple(row_shape)
        self._row_bytes = self.dtype.itemsize * math.prod(self.row_shape)
        self._map: mmap.mmap | None = None
        self._array: np.ndarray | None = None
        if movable and self._row_bytes:
            self._map = mmap.mmap(-1, max(1, rows) * self._row_bytes, flags=mmap.MAP_PRIVATE)
        else:
            self._array = np.zeros((rows, *self.row_shape), dtype=self.dtype)

    @property
    def capacity(self) -> int:
        if self._map is not None:
            return len(self._map) // self._row_bytes
        assert self._array is not None
        return len(self._array)

    def view(self) -> np.ndarray:
        if self._map is not None:
            return np.frombuffer(self._map, dtype=self.dtype).reshape(-1, *self.row_shape)
        assert self._array is not None
        return self._array

    def reserve(self, rows: int, used: int) -> None:
        """Room for `rows` rows, of which the first `used` keep their values: at least twice
        the room there was, when it must grow."""
        capacity = self.capacity
        if rows <= capacity:
            return
        grown = max(2 * capacity, rows)
        if self._map is not None:
            self._map.resize(grown * self._row_bytes)  # the kernel zeroes the new pages
            return
        assert self._array is not None
        array = np.zeros((grown, *self.row_shape), dtype=self.dtype)
        array[:used] = self._array[:used]
        self._array = array
