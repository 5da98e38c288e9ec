"""What earlier runs have seen: an embedded SQLite index of paragraph fingerprints.

Layout of an index directory (default `.copydesk/` at the corpus root):

    index.sqlite3   files, paragraphs (with their fingerprints), LSH keys, anchors,
                    headlines, template lines (`template_lines`), a header
    lock            held (flock) by the one run allowed to write at a time
    .gitignore      `*`, when copydesk made the directory: git never picks the index up

The header (`meta` table) records every parameter that changes fingerprints; an
index built with other parameters is refused with a message saying how to
rebuild it. An index of schema 1 (before `template_lines`) is migrated when a run opens
it to write: the table is added and the schema raised in one transaction; its files
recorded before then count by their kept paragraphs alone. Paths are stored relative to
the index's root (the directory that holds `.copydesk/`) when the file lies under it, so
a corpus can move.

Querying never loads the index into memory: the new run's keys go into a temp
table and SQLite joins them against its B-trees; only the matching paragraphs'
fingerprints come back, as `Prints`, and join the run's own corpus as
"earlier" paragraphs. Every run that writes does so in one transaction.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import posixpath
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import version as _version
from typing import Any

import numpy as np

from . import __version__
from .config import Config
from .fingerprint import ANCHOR_NGRAM, ANCHOR_WINDOW, SCHEME, Prints, empty_prints, unique_sorted
from .repair import NORMALIZER_VERSION
from .write import OutputError, atomic_write

DB_NAME = "index.sqlite3"
LOCK_NAME = "lock"
SCHEMA_VERSION = 2
MIGRATES_FROM = "1"  # an index of this schema gains template_lines when a run writes to it
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY, finished TEXT NOT NULL, files INTEGER NOT NULL,
    paragraphs INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, hash TEXT NOT NULL,
    size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, run INTEGER NOT NULL,
    indexed_at TEXT NOT NULL, status TEXT NOT NULL, tokens INTEGER NOT NULL,
    paragraphs INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS files_hash ON files(hash);
CREATE TABLE IF NOT EXISTS paragraphs (
    id INTEGER PRIMARY KEY, file INTEGER NOT NULL, para INTEGER NOT NULL,
    start INTEGER NOT NULL, end INTEGER NOT NULL, exact INTEGER NOT NULL,
    ntokens INTEGER NOT NULL, shingles BLOB NOT NULL, positions BLOB NOT NULL,
    anchors BLOB NOT NULL, facts BLOB NOT NULL, bands BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS paragraphs_file ON paragraphs(file);
CREATE INDEX IF NOT EXISTS paragraphs_exact ON paragraphs(exact);
CREATE TABLE IF NOT EXISTS lsh (key INTEGER NOT NULL, para INTEGER NOT NULL,
    PRIMARY KEY (key, para)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS anchors (key INTEGER NOT NULL, para INTEGER NOT NULL,
    PRIMARY KEY (key, para)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS headlines (key INTEGER NOT NULL, file INTEGER NOT NULL,
    PRIMARY KEY (key, file)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS template_lines (file INTEGER NOT NULL, exact INTEGER NOT NULL,
    PRIMARY KEY (file, exact)) WITHOUT ROWID;
"""
# template_lines: the matching-form keys of the lines a file's own classification kept
# that its recorded paragraphs lack (the run's template pass, resolution or a related
# headline removed them). With its paragraphs, the lines a later run's template pass
# counts the file by (`site_lines`): a site's chrome, once a run removed it, is still
# seen in every page that held it. Keyed by file, so forgetting a file is one range
# delete, and a later run reads only the pages of its own folders.
# Paragraphs whose LSH and anchor keys are gathered, sorted and inserted together: enough
# for sorted inserts to stay local in the B-trees, few enough that the keys of a first run
# over a whole corpus are never all in memory at once.
KEY_FLUSH_PARAGRAPHS = 200_000
RETRIEVE_PARAGRAPHS = 100_000  # run paragraphs looked up in the index at a time
# Anchors shared by more indexed paragraphs than this are stock phrases, not evidence.
MAX_ANCHOR_HITS = 48


class IndexUnusable(Exception):
    """The index cannot be used (locked, other parameters, damaged): exit code INDEX_ERROR."""


def header(config: Config) -> dict[str, str]:
    """Everything that changes fingerprints, as recorded in (and checked against) the index."""
    return {
        "schema": str(SCHEMA_VERSION),
        "copydesk": __version__,
        "datasketch": _version("datasketch"),
        "scheme": SCHEME,
        "seed": str(config.seed),
        "num_perm": str(config.num_perm),
        "bands": str(config.bands),
        "shingle": config.shingle,
        "ngram": str(config.ngram),
        "min_tokens": str(config.min_tokens),
        "anchor_window": str(ANCHOR_WINDOW),
        "anchor_ngram": str(ANCHOR_NGRAM),
        "normalizer": str(NORMALIZER_VERSION),
    }


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _signed(values: np.ndarray) -> np.ndarray:
    """uint64 keys as the signed 64-bit integers SQLite stores."""
    return values.astype(np.uint64).view(np.int64)


def _lsh_keys(bands: np.ndarray) -> np.ndarray:
    """One key per (band, value): band number in the high bits, so one table holds all bands
    and equal keys mean exactly equal band values."""
    number = np.arange(bands.shape[1], dtype=np.int64)[None, :] << np.int64(32)
    return number | bands.astype(np.int64)


@dataclass(frozen=True, slots=True)
class FileState:
    path: str
    hash: str
    size: int
    mtime_ns: int
    indexed_at: str
    status: str


@dataclass(slots=True)
class Retrieved:
    """Indexed paragraphs that may match the run's paragraphs, ready to join its corpus."""

    prints: Prints
    files: list[str]  # indexed paths, by local file number
    indexed_at: list[str]
    file: np.ndarray  # local file number per paragraph
    para: np.ndarray
    start: np.ndarray
    end: np.ndarray
    # Per indexed file, its recorded body tokens: the paragraphs above are only those
    # sharing a key with the run, and a document's share is taken of its whole body.
    tokens: list[int] = field(default_factory=list)


@dataclass(slots=True)
class NewFile:
    """A processed file to record: its state and its body paragraphs' fingerprints."""

    path: str
    hash: str
    size: int
    mtime_ns: int
    status: str
    prints: Prints | None
    para: list[int]
    start: list[int]
    end: list[int]
    headlines: list[int] = field(default_factory=list)  # matching-form keys of its headlines
    held: list[int] = field(default_factory=list)  # template_lines: kept lines not recorded


class Index:
    def __init__(self, directory: str, conn: sqlite3.Connection, lock_fd: int | None) -> None:
        self.directory = directory
        self.root = os.path.dirname(os.path.abspath(directory.rstrip(os.sep))) or os.sep
        self._real_root = os.path.realpath(self.root)
        self.conn = conn
        self._lock_fd = lock_fd
        self.header: dict[str, str] = {}

    # --- opening, locking ---------------------------------------------------------------
    @classmethod
    def open(cls, directory: str, config: Config, *, write: bool, create: bool = True,
             lock_timeout: float = 30.0, rebuild: bool = False) -> Index:
        db = os.path.join(directory, DB_NAME)
        if not os.path.exists(db) and not create:
            raise IndexUnusable(f"no index at {directory} (build one with "
                              f"`copydesk index rebuild --index {directory} PATH...`)")
        made = not os.path.isdir(directory)
        try:
            os.makedirs(directory, exist_ok=True)
            if made:
                _ignore_in_git(directory)
        except (OSError, OutputError) as exc:
            why = exc.strerror if isinstance(exc, OSError) else exc
            raise IndexUnusable(f"cannot create index directory {directory}: {why}") from None
        lock_fd = _lock(os.path.join(directory, LOCK_NAME), lock_timeout) if write else None
        try:
            conn = _connect(db)
            index = cls(directory, conn, lock_fd)
            index.header = header(config)
            if rebuild:
                conn.executescript(_SCHEMA)
            else:
                index._check_header(config, write=write)
        except BaseException:
            if lock_fd is not None:
                os.close(lock_fd)
            raise
        return index

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def _check_header(self, config: Config, *, write: bool) -> None:
        wanted = header(config)
        try:
            self.conn.executescript(_SCHEMA) if write else None
            stored = dict(self.conn.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.DatabaseError as exc:
            raise IndexUnusable(
                f"index {self.directory} is unreadable ({exc}); rebuild it with "
                f"`copydesk index rebuild --index {self.directory} PATH...`") from None
        if not stored:
            if write:
                with self.conn:
                    self.conn.executemany("INSERT INTO meta VALUES (?, ?)", sorted(wanted.items()))
            return
        if stored.get("schema") == MIGRATES_FROM:
            self._migrate(stored, write=write)
        diff = [f"{k}: index has {stored.get(k)!r}, this run uses {v!r}"
                for k, v in wanted.items() if stored.get(k) != v]
        if diff:
            raise IndexUnusable(
                f"index {self.directory} was built with other parameters ({'; '.join(diff)}); "
                f"rebuild it with `copydesk index rebuild --index {self.directory} PATH...` "
                f"or use a different --index")

    def _migrate(self, stored: dict[str, str], *, write: bool) -> None:
        """Schema 1 lacked template_lines, and nothing else: a writing run adds the table
        (its `_SCHEMA` script did) and raises the schema in one transaction; a reading one
        reads the index as it is (no table: its files count by their paragraphs)."""
        stored["schema"] = str(SCHEMA_VERSION)
        if write:
            with self.conn:
                self.conn.execute("UPDATE meta SET value = ? WHERE key = 'schema'",
                                  (str(SCHEMA_VERSION),))

    # --- paths --------------------------------------------------------------------------
    def key(self, real: str) -> str:
        """How the index names a file, given its real path (`Source.resolved`): relative to
        the index's root when under it, else absolute."""
        root = self._real_root
        if real == root or real.startswith(root.rstrip(os.sep) + os.sep):
            return os.path.relpath(real, root).replace(os.sep, "/")
        return real

    def display(self, key: str) -> str:
        """An indexed path as messages show it: under the index's root as the user named it
        (`--index corpus/.copydesk` shows `corpus/a.txt`), whatever the current directory."""
        if os.path.isabs(key):
            return key
        root = os.path.dirname(os.path.normpath(self.directory))
        return os.path.join(root, key) if root else key

    # --- reading ------------------------------------------------------------------------
    def state(self, key: str) -> FileState | None:
        row = self.conn.execute(
            "SELECT path, hash, size, mtime_ns, indexed_at, status FROM files WHERE path = ?",
            (key,)).fetchone()
        return FileState(*row) if row else None

    def states(self) -> dict[str, FileState]:
        rows = self.conn.execute(
            "SELECT path, hash, size, mtime_ns, indexed_at, status FROM files").fetchall()
        return {r[0]: FileState(*r) for r in rows}

    def retrieve(self, prints: Prints, exclude: set[str] | None = None,
                 min_tokens: int = 0) -> Retrieved:
        """Indexed paragraphs sharing an exact key, an LSH key or an anchor with `prints`."""
        exclude = exclude or set()
        conn = self.conn
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS q (key INTEGER NOT NULL)")
        conn.execute("DELETE FROM temp.q")
        found: set[int] = set()
        if conn.execute("SELECT 1 FROM paragraphs LIMIT 1").fetchone() is None:
            ids: list[int] = []  # a first run: nothing to look up
        else:
            # A slice of the run's paragraphs at a time: all their LSH keys at once were
            # tens of millions of rows (in numpy, then in SQLite's temporary store) on a
            # large run, gigabytes for a lookup.
            n = len(prints)
            for lo in range(0, n, RETRIEVE_PARAGRAPHS):
                hi = min(n, lo + RETRIEVE_PARAGRAPHS)
                found.update(self._lookup(prints.slice(lo, hi), min_tokens))
            ids = sorted(found)
        return self._load(ids, exclude, prints.bands.shape[1])

    def _lookup(self, prints: Prints, min_tokens: int) -> Iterator[int]:
        yield from self._joined(unique_sorted(_signed(prints.exact)),
                                "SELECT p.id FROM temp.q JOIN paragraphs p ON p.exact = q.key")
        eligible = prints.ntokens >= min_tokens
        if eligible.any():
            yield from self._joined(unique_sorted(_lsh_keys(prints.bands[eligible])),
                                    "SELECT l.para FROM temp.q JOIN lsh l ON l.key = q.key")
        # Stock phrases hold anchors shared by up to every indexed paragraph: count at most
        # MAX_ANCHOR_HITS + 1 holders per key inside SQLite and skip those keys there, so
        # their holders never reach Python (at a million indexed paragraphs they would be
        # hundreds of MB).
        yield from self._joined(
            unique_sorted(prints.an),
            "SELECT a.para FROM temp.q JOIN anchors a ON a.key = q.key "
            "WHERE (SELECT COUNT(*) FROM (SELECT 1 FROM anchors b WHERE b.key = q.key "
            "LIMIT ?)) <= ?", (MAX_ANCHOR_HITS + 1, MAX_ANCHOR_HITS))

    def _joined(self, keys: np.ndarray, query: str, params: tuple = ()) -> Iterator[int]:
        """The first column of `query` run with `keys` in the temporary table q."""
        if not len(keys):
            return
        conn = self.conn
        conn.executemany("INSERT INTO temp.q VALUES (?)", ((int(k),) for k in keys))
        yield from (r[0] for r in conn.execute(query, params))
        conn.execute("DELETE FROM temp.q")

    def _load(self, ids: list[int], exclude: set[str], bands: int) -> Retrieved:
        # Stable order (path, position) first, from the small columns; then the fingerprints,
        # a chunk at a time straight into numpy, so no more than one chunk of rows is ever
        # held as Python objects.
        order: list[tuple[str, int, int, str, int, int, int]] = []
        for chunk in _chunks(ids, 5000):
            marks = ",".join("?" * len(chunk))
            order.extend(
                r for r in self.conn.execute(
                    f"SELECT f.path, p.para, p.id, f.indexed_at, p.start, p.end, f.tokens "
                    f"FROM paragraphs p JOIN files f ON f.id = p.file WHERE p.id IN ({marks})",
                    chunk)
                if r[0] not in exclude)
        order.sort(key=lambda r: (r[0], r[1]))
        if not order:
            z = np.zeros(0, dtype=np.int64)
            return Retrieved(empty_prints(bands), [], [], z, z, z, z)
        files: list[str] = []
        stamps: list[str] = []
        tokens: list[int] = []
        file_no: list[int] = []
        last = None
        for r in order:
            if r[0] != last:
                files.append(self.display(r[0]))
                stamps.append(r[3])
                tokens.append(r[6])
                last = r[0]
            file_no.append(len(files) - 1)
        parts: list[Prints] = []
        for chunk in _chunks([r[2] for r in order], 5000):
            marks = ",".join("?" * len(chunk))
            found = {r[0]: r[1:] for r in self.conn.execute(
                f"SELECT id, exact, ntokens, shingles, positions, anchors, facts, bands "
                f"FROM paragraphs WHERE id IN ({marks})", chunk)}
            parts.append(_prints_of([found[i] for i in chunk]))
            del found
        prints = Prints.concat(parts, bands)
        arr = np.array
        return Retrieved(prints, files, stamps, arr(file_no, dtype=np.int64),
                         arr([r[1] for r in order], dtype=np.int64),
                         arr([r[4] for r in order], dtype=np.int64),
                         arr([r[5] for r in order], dtype=np.int64), tokens)

    def headline_files(self, keys: np.ndarray, exclude: set[str] | None = None
                       ) -> dict[int, tuple[str, str]]:
        """For each matching-form key (uint64) that is the headline of an indexed file (not
        in `exclude`): that file's display path and when it was indexed, the first by path."""
        exclude = exclude or set()
        found: dict[int, tuple[str, str]] = {}
        wanted = unique_sorted(keys)
        try:
            for chunk in _chunks(wanted.tolist(), 5000):
                signed = _signed(np.array(chunk, dtype=np.uint64)).tolist()
                marks = ",".join("?" * len(signed))
                rows = self.conn.execute(
                    f"SELECT h.key, f.path, f.indexed_at FROM headlines h "
                    f"JOIN files f ON f.id = h.file WHERE h.key IN ({marks}) "
                    f"ORDER BY f.path", signed).fetchall()
                for key, path, stamp in rows:
                    unsigned = key % (1 << 64)  # SQLite holds the uint64 key signed
                    if path not in exclude and unsigned not in found:
                        found[unsigned] = (self.display(path), stamp)
        except sqlite3.OperationalError:  # an index opened read-only from before headlines
            return {}
        return found

    def site_pages(self, folders: set[str], exclude: set[str], window: int
                   ) -> list[tuple[int, str]]:
        """The indexed pages a run's template pass counts with its own: (file id, folder)
        of the files read without a problem in `folders` (the directory part of their
        index keys), not in `exclude` (the run's own), the `window` most recently recorded
        of each folder (latest run first, then by path): a site's template is what its
        recent pages share, and a redesign's new chrome must not wait for half of a
        folder's whole history."""
        by_folder: dict[str, list[tuple[int, str, int]]] = {}
        for wanted in sorted(folders):
            # The folder's subtree by a range of the paths' unique index ("/" + 1 is "0"):
            # a cron run reads its folders' rows, not the whole files table.
            rows = self.conn.execute(
                "SELECT id, path, run FROM files WHERE path > ? AND path < ? AND hash != ''",
                (wanted + "/", wanted + "0")) if wanted else self.conn.execute(
                "SELECT id, path, run FROM files WHERE hash != ''")
            for file_id, path, run in rows:
                if posixpath.dirname(path) == wanted and path not in exclude:
                    by_folder.setdefault(wanted, []).append((-run, path, file_id))
        pages = []
        for folder in sorted(by_folder):
            pages += [(file_id, folder) for _, _, file_id in sorted(by_folder[folder])[:window]]
        return pages

    def site_lines(self, file_ids: list[int]) -> tuple[np.ndarray, np.ndarray]:
        """(file id, matching-form key) of every line the files held when their run
        classified them: their recorded paragraphs and their template_lines."""
        files: list[int] = []
        keys: list[int] = []
        for chunk in _chunks(sorted(file_ids), 5000):
            marks = ",".join("?" * len(chunk))
            for table in ("paragraphs", "template_lines"):
                try:
                    rows = self.conn.execute(
                        f"SELECT file, exact FROM {table} WHERE file IN ({marks})", chunk
                    ).fetchall()
                except sqlite3.OperationalError:  # schema 1 opened to read: no such table
                    continue
                files += [r[0] for r in rows]
                keys += [r[1] for r in rows]
        return (np.array(files, dtype=np.int64),
                np.array(keys, dtype=np.int64).view(np.uint64))

    def stats(self) -> dict[str, Any]:
        c = self.conn
        files, paragraphs = c.execute(
            "SELECT COUNT(*), COALESCE(SUM(paragraphs), 0) FROM files").fetchone()
        by_status = dict(c.execute("SELECT status, COUNT(*) FROM files GROUP BY status"))
        runs, last = c.execute("SELECT COUNT(*), MAX(finished) FROM runs").fetchone()
        db = os.path.join(self.directory, DB_NAME)
        size = sum(os.path.getsize(p) for p in (db, db + "-wal") if os.path.exists(p))
        return {"index": self.directory, "root": self.root, "files": files,
                "files_by_status": by_status, "paragraphs": paragraphs, "runs": runs,
                "last_run": last, "bytes": size,
                "params": dict(c.execute("SELECT key, value FROM meta ORDER BY key"))}

    # --- writing (callers hold the lock) ------------------------------------------------
    def record(self, new_files: Iterable[NewFile], *, replace_all: bool = False) -> None:
        """Add (or replace) files and their paragraphs, all in one transaction. `new_files`
        is read once, one file at a time.

        With `replace_all` (rebuild), everything indexed before is dropped and the header
        rewritten in that same transaction: a rebuild killed half-way leaves the old index.
        """
        c = self.conn
        with c:
            if replace_all:
                for table in ("template_lines", "headlines", "anchors", "lsh", "paragraphs",
                              "files", "runs", "meta"):
                    c.execute(f"DELETE FROM {table}")
                c.executemany("INSERT INTO meta VALUES (?, ?)", sorted(self.header.items()))
            self._write(new_files)

    def _write(self, new_files: Iterable[NewFile]) -> None:
        stamp = now()
        c = self.conn
        c.execute("INSERT INTO runs (finished, files, paragraphs) VALUES (?, 0, 0)", (stamp,))
        run = c.execute("SELECT last_insert_rowid()").fetchone()[0]
        next_id = c.execute("SELECT COALESCE(MAX(id), 0) FROM paragraphs").fetchone()[0] + 1
        lsh_parts: list[tuple[np.ndarray, np.ndarray]] = []
        anchor_parts: list[tuple[np.ndarray, np.ndarray]] = []
        total = files = pending = 0
        for nf in new_files:
            files += 1
            self._forget(nf.path)
            p = nf.prints
            n = len(p) if p is not None else 0
            tokens = int(p.ntokens.sum()) if p is not None and n else 0
            c.execute(
                "INSERT INTO files (path, hash, size, mtime_ns, run, indexed_at, status, "
                "tokens, paragraphs) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (nf.path, nf.hash, nf.size, nf.mtime_ns, run, stamp, nf.status, tokens, n))
            file_id = c.execute("SELECT last_insert_rowid()").fetchone()[0]
            c.executemany("INSERT OR IGNORE INTO headlines VALUES (?, ?)",
                          ((int(k), file_id) for k in _signed(np.array(nf.headlines,
                                                                      dtype=np.uint64))))
            c.executemany("INSERT OR IGNORE INTO template_lines VALUES (?, ?)",
                          ((file_id, int(k)) for k in _signed(np.array(nf.held,
                                                                      dtype=np.uint64))))
            if p is None or not n:
                continue
            ids = np.arange(next_id, next_id + n, dtype=np.int64)
            next_id += n
            exact = _signed(p.exact)
            c.executemany(
                "INSERT INTO paragraphs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ((int(ids[i]), file_id, nf.para[i], nf.start[i], nf.end[i], int(exact[i]),
                  int(p.ntokens[i]),
                  p.sh[p.sh_off[i]:p.sh_off[i + 1]].tobytes(),
                  p.sh_pos[p.sh_off[i]:p.sh_off[i + 1]].tobytes(),
                  p.an[p.an_off[i]:p.an_off[i + 1]].tobytes(),
                  p.fact[p.fact_off[i]:p.fact_off[i + 1]].tobytes(),
                  np.ascontiguousarray(p.bands[i]).tobytes()) for i in range(n)))
            has_bands = p.bands.any(axis=1)
            if has_bands.any():
                keys = _lsh_keys(p.bands[has_bands])
                lsh_parts.append((keys.ravel(), np.repeat(ids[has_bands], keys.shape[1])))
            anchor_parts.append((p.an.astype(np.int64), np.repeat(ids, np.diff(p.an_off))))
            total += n
            pending += n
            if pending >= KEY_FLUSH_PARAGRAPHS:
                self._insert_keys(lsh_parts, anchor_parts)
                pending = 0
        self._insert_keys(lsh_parts, anchor_parts)
        c.execute("UPDATE runs SET files = ?, paragraphs = ? WHERE id = ?",
                  (files, total, run))

    def _insert_keys(self, lsh_parts: list[tuple[np.ndarray, np.ndarray]],
                     anchor_parts: list[tuple[np.ndarray, np.ndarray]]) -> None:
        """Insert the LSH and anchor keys gathered so far, and empty the lists."""
        # Sorted inserts keep B-tree writes local: much faster on a large index.
        for table, parts in (("lsh", lsh_parts), ("anchors", anchor_parts)):
            if not parts:
                continue
            keys = np.concatenate([k for k, _ in parts])
            owners = np.concatenate([o for _, o in parts])
            parts.clear()
            order = np.lexsort((owners, keys))
            keys, owners = keys[order], owners[order]
            del order
            for lo in range(0, len(keys), 100_000):
                self.conn.executemany(f"INSERT OR IGNORE INTO {table} VALUES (?, ?)",
                                      zip(keys[lo:lo + 100_000].tolist(),
                                          owners[lo:lo + 100_000].tolist(), strict=True))

    def _forget(self, path: str) -> int:
        """Delete a file and its paragraphs; keys are recomputed to hit the primary keys."""
        c = self.conn
        row = c.execute("SELECT id FROM files WHERE path = ?", (path,)).fetchone()
        if row is None:
            return 0
        file_id = row[0]
        for pid, bands, anchors in c.execute(
                "SELECT id, bands, anchors FROM paragraphs WHERE file = ?", (file_id,)).fetchall():
            band_values = np.frombuffer(bands, dtype=np.uint32)
            if band_values.any():
                keys = _lsh_keys(band_values[None, :])[0]
                c.executemany("DELETE FROM lsh WHERE key = ? AND para = ?",
                              ((int(k), pid) for k in keys))
            c.executemany("DELETE FROM anchors WHERE key = ? AND para = ?",
                          ((int(k), pid) for k in np.frombuffer(anchors, dtype=np.uint32)))
        c.execute("DELETE FROM paragraphs WHERE file = ?", (file_id,))
        c.execute("DELETE FROM headlines WHERE file = ?", (file_id,))
        c.execute("DELETE FROM template_lines WHERE file = ?", (file_id,))
        c.execute("DELETE FROM files WHERE id = ?", (file_id,))
        return 1

    def prune(self, keep: set[str] | None = None) -> list[str]:
        """Forget indexed files that no longer exist, or (with `keep`, a set of real paths)
        are not in it; returns their paths."""
        gone = []
        for path in sorted(self.states()):
            full = path if os.path.isabs(path) else os.path.join(self.root, path)
            kept = keep is None or os.path.realpath(full) in keep
            if not os.path.isfile(full) or not kept:
                gone.append(path)
        with self.conn:
            for path in gone:
                self._forget(path)
        return gone


GITIGNORE = "# The copydesk index is local state, rebuilt from the corpus: never commit it.\n*\n"


def _ignore_in_git(directory: str) -> None:
    """A directory copydesk made for its index ignores itself in git, as pytest's cache
    does: in a corpus repository (`check --corpus .`, the pre-commit hook) whose
    .gitignore lacks `.copydesk/`, `git add -A` would otherwise commit the database."""
    atomic_write(os.path.join(directory, ".gitignore"), GITIGNORE.encode("utf-8"))


def _lock(path: str, timeout: float) -> int:
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EACCES):
                os.close(fd)
                raise IndexUnusable(f"cannot lock {path}: {exc.strerror}") from None
            if time.monotonic() >= deadline:
                holder = _read_holder(fd)
                os.close(fd)
                raise IndexUnusable(
                    f"index {os.path.dirname(path)} is locked by another copydesk run{holder}; "
                    f"gave up after {timeout:g}s (raise --lock-timeout to wait longer)") from None
            time.sleep(0.1)
    os.ftruncate(fd, 0)
    os.write(fd, f"{os.getpid()} {now()}\n".encode())
    return fd


def _read_holder(fd: int) -> str:
    try:
        text = os.pread(fd, 200, 0).decode("utf-8", "replace").split()
    except OSError:
        return ""
    return f" (pid {text[0]}, since {text[1]})" if len(text) >= 2 else ""


def _connect(db: str) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(db, timeout=30.0, isolation_level="DEFERRED")
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA cache_size=-65536")  # 64 MiB: bounded, whatever the index size
        conn.execute("PRAGMA temp_store=MEMORY")
    except sqlite3.DatabaseError as exc:
        raise IndexUnusable(f"cannot open index {db}: {exc}") from None
    return conn


def _prints_of(rows: list[tuple]) -> Prints:
    """Prints from paragraphs rows (exact, ntokens, shingles, positions, anchors, facts,
    bands), in the order given."""

    def column(k: int, dtype) -> tuple[np.ndarray, np.ndarray]:
        parts = [np.frombuffer(r[k], dtype=dtype) for r in rows]
        off = np.zeros(len(parts) + 1, dtype=np.int64)
        np.cumsum([len(x) for x in parts], out=off[1:])
        return off, (np.concatenate(parts) if parts else np.zeros(0, dtype=dtype))

    sh_off, sh = column(2, np.uint32)
    _, sh_pos = column(3, np.uint16)
    an_off, an = column(4, np.uint32)
    fact_off, fact = column(5, np.uint32)
    return Prints(
        exact=np.array([r[0] for r in rows], dtype=np.int64).view(np.uint64),
        ntokens=np.array([r[1] for r in rows], dtype=np.int32),
        sh_off=sh_off, sh=sh, sh_pos=sh_pos, an_off=an_off, an=an,
        fact_off=fact_off, fact=fact,
        bands=np.stack([np.frombuffer(r[6], dtype=np.uint32) for r in rows]),
    )


def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _offsets(parts: list[np.ndarray]) -> np.ndarray:
    off = np.zeros(len(parts) + 1, dtype=np.int64)
    np.cumsum([len(p) for p in parts], out=off[1:])
    return off


def _cat(parts: list[np.ndarray], dtype) -> np.ndarray:
    return np.concatenate(parts).astype(dtype) if parts else np.zeros(0, dtype=dtype)
