"""Columns that grow in place (core/growable.py): the same rows as numpy's copy, no copy made."""

import mmap

import numpy as np
import pytest

from copydesk.core import growable
from copydesk.core.config import Config
from copydesk.core.fingerprint import PrintsBuilder
from copydesk.core.growable import Growable

pytestmark = pytest.mark.skipif(not growable.MOVABLE, reason="no mremap here")


@pytest.mark.parametrize("dtype,row_shape", [(np.uint32, ()), (np.int64, ()), (np.uint16, ()),
                                             (np.uint32, (16,))])
def test_rows_written_stay_and_new_rows_are_zero(dtype, row_shape):
    rng = np.random.default_rng(5)
    moved, copied = Growable(dtype, row_shape, rows=3), Growable(dtype, row_shape, rows=3,
                                                                   movable=False)
    used = 0
    for n in [1, 2, 0, 7, 300, 1, 5000, 64]:
        rows = rng.integers(1, 1 << 15, size=(n, *row_shape)).astype(dtype)
        for column in (moved, copied):
            column.reserve(used + n, used)
            assert column.capacity >= used + n
            column.view()[used : used + n] = rows
        used += n
        assert moved.capacity == copied.capacity  # the same doubling
        assert np.array_equal(moved.view(), copied.view())  # rows kept, the rest zeros
    assert moved.view().dtype == np.dtype(dtype) and moved.view().shape[1:] == row_shape


def test_a_column_grows_without_a_copy(monkeypatch):
    column = Growable(np.uint32, rows=1024)
    column.view()[:] = np.arange(1024, dtype=np.uint32)

    def refuse(*args, **kwargs):
        raise AssertionError("a new array was made for the column")

    monkeypatch.setattr(growable.np, "zeros", refuse)
    monkeypatch.setattr(growable.np, "empty", refuse)
    column.reserve(1 << 20, 1024)
    assert column.capacity == 1 << 20
    assert np.array_equal(column.view()[:1024], np.arange(1024, dtype=np.uint32))
    assert not column.view()[1024:].any()


def test_a_column_with_a_view_held_refuses_to_move():
    # A view of the old range would read freed memory after a move: the mapping says no.
    column = Growable(np.int64, rows=4)
    held = column.view()
    with pytest.raises(BufferError):
        column.reserve(1000, 4)
    del held
    column.reserve(1000, 4)
    assert column.capacity == 1000


def test_built_prints_are_views_of_the_mappings():
    # The run's fingerprints are the builder's own memory, not a copy of it.
    from copydesk.core.fingerprint import Fingerprinter

    config = Config()
    builder = PrintsBuilder(config.bands)
    fp = Fingerprinter(config)
    for _ in range(200):
        builder.append(fp.prints(["The harbour ferry runs every hour on weekdays today.",
                                  "Tickets cost 4 euros at the kiosk by the pier."]))
    built = builder.build()
    assert len(built) == 400
    base = built.sh
    while isinstance(base, np.ndarray):
        base = base.base
    assert isinstance(base, memoryview) and isinstance(base.obj, mmap.mmap)
