"""The catalog of a bulk run: an SQLite file in the output folder that records every input.

``contents`` has one row per distinct content (SHA-256): ``done`` (its part is in the pack, at
``part_offset``) or ``failed`` (kind and reason), with times and the worker's peak memory
(``running``, in catalogs of earlier versions, is forgotten when a run begins). ``sources``
has one row per input name: its hash, size and mtime (so an unchanged file is not hashed again),
the run that last saw it and its place in that run's order, or the reason it could not be read.
``runs`` has one row per run. The file is in WAL mode: a committed row survives ``kill -9``.

Rows of sources and contents are written together when they are committed (``commit``: one
``executemany`` a table), at most COMMIT_SECONDS after an outcome and every COMMIT_ROWS inputs;
until then the catalog answers from the rows it holds. A run killed before a commit loses
those rows, and redoes their inputs.

One run at a time: the catalog holds an exclusive lock (``flock`` on ``.catalog/lock``) for as
long as it is open; a second run into the same folder is refused (``CatalogUnusable``), as is a
folder that cannot hold a catalog (not a folder, not writable, a corrupt catalog file).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sqlite3
import time
from pathlib import Path
from typing import NamedTuple

from .protocol import Outcome

SCHEMA = """
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    run INTEGER PRIMARY KEY, started TEXT NOT NULL, finished TEXT,
    done INTEGER, failed INTEGER, skipped INTEGER);
CREATE TABLE IF NOT EXISTS contents (
    sha256 TEXT PRIMARY KEY,
    status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
    source TEXT NOT NULL, kind TEXT, reason TEXT, year INTEGER, part_size INTEGER,
    seconds REAL, peak_rss INTEGER, run INTEGER, started TEXT, finished TEXT,
    part_offset INTEGER);
CREATE TABLE IF NOT EXISTS sources (
    source TEXT PRIMARY KEY, sha256 TEXT, size INTEGER, mtime_ns INTEGER,
    run INTEGER NOT NULL, ordinal INTEGER NOT NULL, kind TEXT, reason TEXT);
DROP INDEX IF EXISTS sources_by_run;
DROP INDEX IF EXISTS sources_by_hash;
DROP INDEX IF EXISTS sources_by_hash_run;
"""
LOCK_NAME = "lock"
COMMIT_SECONDS = 0.5  # outcomes are committed together at most this often (a kill redoes them)
COMMIT_ROWS = 500  # inputs recorded between two commits at most
CONTENT_COLUMNS = ("sha256", "status", "source", "kind", "reason", "year", "part_offset",
                   "part_size", "seconds", "peak_rss", "run", "started", "finished")  # fmt: skip
_INSERT_CONTENT = (
    f"INSERT OR REPLACE INTO contents ({', '.join(CONTENT_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(CONTENT_COLUMNS))})"
)
_INSERT_SOURCE = "INSERT OR REPLACE INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?)"


def now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S")


class State(NamedTuple):
    """What the catalog knows of one content."""

    status: str  # running, done or failed
    kind: str
    reason: str
    part_offset: int | None  # where its part is in the pack
    part_size: int | None


def content_state(row: tuple) -> State:
    """A contents row (CONTENT_COLUMNS) → its State."""
    return State(row[1], row[3] or "", row[4] or "", row[6], row[7])


class Source(NamedTuple):
    """What the catalog knows of one input name."""

    sha256: str | None  # None: it could not be read
    size: int | None
    mtime_ns: int | None
    run: int  # the run that last saw it

    def hash_if(self, size: int | None, mtime_ns: int | None) -> str | None:
        """Its hash, if the file still has this size and mtime (an unchanged file)."""
        if size is None or mtime_ns is None or (size, mtime_ns) != (self.size, self.mtime_ns):
            return None
        return self.sha256


class CatalogUnusable(ValueError):
    """The output folder cannot hold this run's catalog; ``str()`` is the one-line reason."""


def lock_folder(folder: Path) -> int:
    """An exclusive lock on a catalog folder → its file descriptor (the lock lasts while it is
    open); CatalogUnusable when another process holds it or the folder cannot be used."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise CatalogUnusable(
            f"cannot use {folder.parent} as the output folder: {exc.strerror or exc}"
        ) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        raise CatalogUnusable(
            f"{folder.parent} is in use by another run (its catalog is locked); "
            "wait for it to end or use another output folder"
        ) from None
    return fd


class Catalog:
    """The SQLite catalog of one output folder, locked for this process while open."""

    def __init__(self, path: Path) -> None:
        self.lock = lock_folder(path.parent)
        try:
            self.db = sqlite3.connect(path)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(SCHEMA)
            columns = {row[1] for row in self.db.execute("PRAGMA table_info(contents)")}
            if "part_offset" not in columns:  # a catalog from before the pack
                self.db.execute("ALTER TABLE contents ADD COLUMN part_offset INTEGER")
        except sqlite3.Error as exc:
            os.close(self.lock)
            raise CatalogUnusable(
                f"{path} is not a usable catalog ({exc}); remove it or use another output folder"
            ) from None
        self.sources: dict[str, tuple] = {}  # rows to write at the next commit, by name
        self.contents: dict[str, tuple] = {}  # rows to write at the next commit, by hash
        self.running: dict[str, tuple[str, int, str]] = {}  # sent to a worker: source, run, when
        self.had_results = True  # did the catalog hold any content when the run began?
        self.had_sources = True  # and any input?
        self.run = 0  # the run begun (``begin_run``)
        self.committed = time.monotonic()

    def close(self) -> None:
        try:
            with contextlib.suppress(sqlite3.Error):
                self.commit()
            self.db.close()
        finally:
            os.close(self.lock)

    def write(self) -> None:
        """The rows held → the database (not yet committed)."""
        if self.sources:
            self.db.executemany(_INSERT_SOURCE, self.sources.values())
            self.sources.clear()
        if self.contents:
            self.db.executemany(_INSERT_CONTENT, self.contents.values())
            self.contents.clear()

    def commit(self) -> None:
        self.write()
        self.db.commit()
        self.committed = time.monotonic()

    # -- settings and runs -----------------------------------------------------------------

    def made_with(self) -> dict[str, str]:
        """What the results in the catalog were made with (``made_with.made_with``)."""
        return dict(self.db.execute("SELECT key, value FROM settings"))

    def use_settings(self, settings: dict[str, str]) -> None:
        """Record what this run's results are made with (committed with what is pending)."""
        self.db.execute("DELETE FROM settings")
        self.db.executemany("INSERT INTO settings VALUES (?, ?)", settings.items())
        self.commit()

    def forget_results(self) -> None:
        """Every content's result is stale: the run extracts them all again (the hashes of the
        sources stay: they depend only on the bytes)."""
        self.contents.clear()
        self.db.execute("DELETE FROM contents")

    def begin_run(self) -> int:
        """A new run; contents left ``running`` by a killed run of an earlier version are
        forgotten (they are redone)."""
        self.db.execute("DELETE FROM contents WHERE status = 'running'")
        cur = self.db.execute("INSERT INTO runs (started) VALUES (?)", (now(),))
        self.commit()
        self.had_results = self.db.execute("SELECT 1 FROM contents LIMIT 1").fetchone() is not None
        self.had_sources = self.db.execute("SELECT 1 FROM sources LIMIT 1").fetchone() is not None
        self.run = int(cur.lastrowid or 0)
        return self.run

    def finish_run(self, run: int, done: int, failed: int, skipped: int) -> None:
        self.db.execute(
            "UPDATE runs SET finished = ?, done = ?, failed = ?, skipped = ? WHERE run = ?",
            (now(), done, failed, skipped, run),
        )
        self.commit()

    # -- sources ---------------------------------------------------------------------------

    def source(self, source: str) -> Source | None:
        """What is known of an input name (hash, size, mtime, the run that last saw it)."""
        row = self.sources.get(source)
        if row is None:
            row = self.db.execute(
                "SELECT source, sha256, size, mtime_ns, run FROM sources WHERE source = ?",
                (source,),
            ).fetchone()
        return Source(*row[1:5]) if row else None

    def known_hash(self, source: str, size: int | None, mtime_ns: int | None) -> str | None:
        """The hash an earlier run recorded for a file of this name, size and mtime, if any
        (none is looked up in a catalog that held no input when the run began)."""
        if not self.had_sources:
            return None
        known = self.source(source)
        return known.hash_if(size, mtime_ns) if known else None

    def add_source(
        self,
        run: int,
        ordinal: int,
        source: str,
        sha256: str | None,
        size: int | None = None,
        mtime_ns: int | None = None,
        kind: str | None = None,
        reason: str | None = None,
    ) -> None:
        """Record an input seen by this run at place ``ordinal`` (written with the next commit,
        at the latest COMMIT_ROWS inputs later)."""
        self.sources[source] = (source, sha256, size, mtime_ns, run, ordinal, kind, reason)
        if len(self.sources) >= COMMIT_ROWS:
            self.commit()

    # -- contents --------------------------------------------------------------------------

    def status(self, sha256: str) -> State | None:
        """What is known of a content, or None if never seen."""
        row = self.contents.get(sha256)
        if row is not None:
            return content_state(row)
        if sha256 in self.running:
            return State("running", "", "", None, None)
        row = self.db.execute(
            f"SELECT {', '.join(CONTENT_COLUMNS)} FROM contents WHERE sha256 = ?", (sha256,)
        ).fetchone()
        return content_state(row) if row else None

    def forget(self, sha256: str) -> None:
        """A content whose result is lost: the next run extracts it again."""
        self.contents.pop(sha256, None)
        self.db.execute("DELETE FROM contents WHERE sha256 = ?", (sha256,))

    def mark_running(self, sha256: str, source: str, run: int) -> None:
        """A content sent to a worker (its row is written with its outcome)."""
        self.running[sha256] = (source, run, now())

    def record(self, outcome: Outcome, part: tuple[int, int] | None) -> None:
        """A worker's outcome (and where its part is: offset, size) → its content row,
        committed with the rows held at most COMMIT_SECONDS later (a run killed before that
        extracts those contents again)."""
        offset, size = part or (None, None)
        source, run, started = self.running.pop(outcome.sha256, (outcome.source, self.run, None))
        self.contents[outcome.sha256] = (
            outcome.sha256,
            "done" if outcome.ok else "failed",
            source,
            outcome.kind or None,
            outcome.reason or None,
            outcome.year,
            offset,
            size,
            outcome.seconds,
            outcome.peak_rss,
            run,
            started,
            now(),
        )
        if time.monotonic() - self.committed >= COMMIT_SECONDS:
            self.commit()
