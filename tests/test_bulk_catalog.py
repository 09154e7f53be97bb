"""The catalog of a bulk run: rows held until a commit writes them all, answered meanwhile."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from extractor.bulk.catalog import COMMIT_ROWS, Catalog, Source
from extractor.bulk.protocol import Outcome


def committed(path: Path, query: str) -> list[tuple]:
    """What another connection (a later run, after a kill) reads."""
    with sqlite3.connect(path) as db:
        return db.execute(query).fetchall()


def test_rows_are_answered_before_the_commit_that_writes_them(tmp_path):
    path = tmp_path / ".catalog" / "catalog.sqlite"
    catalog = Catalog(path)
    run = catalog.begin_run()
    assert not catalog.had_results
    catalog.add_source(run, 1, "a.pdf", "aa", 10, 20)
    catalog.mark_running("aa", "a.pdf", run)
    assert catalog.source("a.pdf") == Source("aa", 10, 20, run)
    assert catalog.status("aa").status == "running"
    catalog.record(Outcome("aa", "a.pdf", True, seconds=1.5, year=2023), (0, 7))
    state = catalog.status("aa")
    assert (state.status, state.part_offset, state.part_size) == ("done", 0, 7)
    assert committed(path, "SELECT * FROM sources") == []  # a kill now loses them
    catalog.commit()
    assert committed(path, "SELECT source, sha256, run, ordinal FROM sources") == [
        ("a.pdf", "aa", run, 1)
    ]
    (row,) = committed(path, "SELECT status, source, year, part_offset, run, started FROM contents")
    assert row[:5] == ("done", "a.pdf", 2023, 0, run) and row[5]
    catalog.close()

    again = Catalog(path)
    assert again.begin_run() == run + 1 and again.had_results
    assert again.known_hash("a.pdf", 10, 20) == "aa"
    assert again.known_hash("a.pdf", 10, 21) is None  # touched since
    assert again.known_hash("a.pdf", None, None) is None
    again.close()


def test_a_content_forgotten_before_its_commit_is_never_written(tmp_path):
    path = tmp_path / "catalog.sqlite"
    catalog = Catalog(path)
    run = catalog.begin_run()
    catalog.mark_running("bb", "b.pdf", run)
    catalog.record(Outcome("bb", "b.pdf", True), (0, 7))
    catalog.forget("bb")
    assert catalog.status("bb") is None
    catalog.close()
    assert committed(path, "SELECT * FROM contents") == []


def test_inputs_are_committed_every_commit_rows(tmp_path):
    path = tmp_path / "catalog.sqlite"
    catalog = Catalog(path)
    run = catalog.begin_run()
    for i in range(COMMIT_ROWS + 1):
        catalog.add_source(run, i, f"{i}.pdf", None, kind="missing", reason="gone")
    assert committed(path, "SELECT COUNT(*) FROM sources") == [(COMMIT_ROWS,)]
    catalog.close()
    assert committed(path, "SELECT COUNT(*) FROM sources") == [(COMMIT_ROWS + 1,)]
