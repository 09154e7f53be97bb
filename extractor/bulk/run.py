"""The run: every input hashed and looked up in the catalog, the new ones extracted by an
executor's workers, the outputs streamed in input order meanwhile (``assemble``).

1. Every input is hashed (SHA-256) and looked up in the catalog (``OUT/.catalog/catalog.sqlite``):
   content already done or failed is skipped, content met earlier in the run (the same file
   twice) is skipped; the rest is sent to the workers.
2. A worker extracts one input and sends back its part (and, when the workers have every core,
   its CSV lines); the parent appends the part to ``OUT/.catalog/parts.pack`` and then
   records it in the catalog (committed with others at most COMMIT_SECONDS later). Killed at any
   moment, a run loses nothing committed; the next run redoes only what was not.
3. The outputs are written as the inputs' fates become known, in input order, each content once
   at its first input (a failed input is listed at every path that has its bytes), in
   ``OUT/.catalog/building/`` until the end, when they move into place: the same files, rows and
   order as a clean run of the same inputs.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..archives import DEFAULT_BUDGET, Budget
from ..errors import read_failure
from ..inputs import InputItem
from .assemble import Assembler, Fate, OutputError, Place
from .catalog import Catalog, CatalogUnusable
from .intake import fingerprint, guarded_inputs, item_to_task, with_bytes
from .made_with import made_with, refusal, stale_reason
from .options import BulkError, check_engines, checked_formats, default_jobs, make_executor
from .parts import Pack
from .pool import Executor
from .protocol import Outcome, Task, failed, one_line
from .seen import Seen
from .sinks import ReportOut, open_sinks

STATE_DIR = ".catalog"
SPILL_DIR = "spill"  # archive members too large to travel in a task, until a worker reads them
WORK_DIR = "building"  # the outputs while they are written, until they move into place
PACK = "parts.pack"


class Listener:
    """What a bulk run reports as it goes; the defaults do nothing (subclass to show it)."""

    def started(self, total: int) -> None:
        """The number of inputs found."""

    def advanced(self, status: str) -> None:
        """One input finished: ``done``, ``failed`` or ``skipped`` (done before, or a copy)."""

    def error(self, source: str, kind: str, reason: str) -> None:
        """An input failed (now or in an earlier run)."""

    def redoing(self, reason: str) -> None:
        """The output folder holds results this code would not make: every input is extracted
        again (``reason``, one line)."""

    def assembling(self) -> None:
        """Extraction is over; the output files are being written."""


@dataclass(slots=True)
class BulkResult:
    """What a run did and wrote."""

    out: Path
    inputs: int = 0  # inputs found (files and archive members, missing paths included)
    extracted: int = 0  # extracted in this run
    failed: int = 0  # failed in this run
    skipped: int = 0  # done or failed in an earlier run, or a copy of another input
    reports: int = 0  # rows of reports.csv
    errors: int = 0  # rows of errors.csv
    written: dict[str, Path] = field(default_factory=dict)
    peak_rss: int = 0  # the largest peak resident memory of a worker, bytes
    extract_seconds: float = 0.0
    assemble_seconds: float = 0.0
    first_report: str | None = None  # the source of the first report (for a one-file summary)
    checks: dict[str, int] = field(default_factory=dict)  # rules applied, by status (checks.csv)
    problems: int = 0  # mapping problems that failed (the rows of checks.csv without lhs)
    redone: str = ""  # why the results in the folder were not kept ('' when they were)


class _Run:
    """The state of one run: catalog, line of outputs, counters."""

    def __init__(
        self,
        out: Path,
        catalog: Catalog,
        pack: Pack,
        assembler: Assembler,
        listener: Listener,
        retry_failed: bool,
        spill: Path | None,
    ):
        self.pack = pack
        self.spill = spill
        self.spill_dir = f"{spill}{os.sep}" if spill is not None else None
        self.spilled: set[str] = set()  # contents a worker reads from the spill folder
        self.catalog = catalog
        self.assembler = assembler
        self.listener = listener
        self.retry_failed = retry_failed
        self.taken = Seen(0)  # the input names it has recorded (``named_again``)
        self.copies: dict[str, list[str]] = {}  # inputs met while their content was in flight
        self.run = catalog.begin_run()
        self.result = BulkResult(out)
        self.ordinal = 0

    def known_fate(self, task: Task) -> Fate | None:
        """The fate an earlier run gave this content, or None when it is to be extracted (never
        seen, its part lost, or failed and ``retry_failed``). A content this run has not met is
        not looked up in a catalog that held none when the run began."""
        state = self.catalog.status(task.sha256) if self.catalog.had_results else None
        if state is None:
            return None
        if state.status == "done":
            offset, size = state.part_offset, state.part_size
            if offset is None or size is None or not self.pack.holds(offset, size):
                return None
            return Fate("done", where=(offset, size))
        if state.status == "failed" and not self.retry_failed:
            self.listener.error(task.source, state.kind, state.reason)
            return Fate("failed", state.kind, state.reason)
        return None

    def add_error_source(self, source: str, kind: str, reason: str) -> None:
        if self.named_again(source):
            return
        self.taken.add(source)
        self.ordinal += 1
        self.catalog.add_source(self.run, self.ordinal, source, None, kind=kind, reason=reason)
        self.assembler.expect(Place(source, None, error=(kind, reason)))
        self.result.failed += 1
        self.listener.error(source, kind, reason)
        self.listener.advanced("failed")

    def handle(self, outcome: Outcome) -> None:
        """A worker's outcome → its part appended to the pack, then the catalog row (committed
        with others within COMMIT_SECONDS), then its fate in the line of outputs."""
        if outcome.sha256 in self.spilled:
            self.spilled.discard(outcome.sha256)
            (self.spill / outcome.sha256).unlink(missing_ok=True)  # type: ignore[operator]
        r = self.result
        r.peak_rss = max(r.peak_rss, outcome.peak_rss)
        if outcome.ok and outcome.payload is not None:
            where = self.pack.append(outcome.payload), len(outcome.payload)
            self.catalog.record(outcome, where)
            fate = Fate("done", where=where, payload=outcome.payload, csv=outcome.csv)
            self.assembler.settle(outcome.sha256, fate)
            r.extracted += 1
            self.copies.pop(outcome.sha256, None)
            self.listener.advanced("done")
        else:
            self.catalog.record(outcome, None)
            self.assembler.settle(outcome.sha256, Fate("failed", outcome.kind, outcome.reason))
            r.failed += 1
            for source in (outcome.source, *self.copies.pop(outcome.sha256, ())):
                self.listener.error(source, outcome.kind, outcome.reason)
            self.listener.advanced("failed")

    def extract(self, items: Iterable[InputItem], executor: Executor) -> None:
        """Hash, look up, dispatch every item; handle outcomes as they come, the outputs
        streamed meanwhile. Whatever one item does (unreadable, over the budget, a failure no
        reader foresaw), it ends as that item's error row and the run goes on."""
        for item in items:
            try:
                self.dispatch(item, executor)
            except OSError as exc:
                failure = read_failure(exc)
                self.add_error_source(item.source, failure.kind, one_line(str(failure)))
            except MemoryError:
                reason = "the run ran out of memory reading this input"
                self.add_error_source(item.source, "memory", reason)
            except Exception as exc:  # a bug met on one input must not stop the run
                reason = one_line(f"{type(exc).__name__}: {exc}")
                self.add_error_source(item.source, "crashed", reason)
            self.assembler.flush()
        self.catalog.commit()
        while executor.busy:
            for outcome in executor.wait(1.0):
                self.handle(outcome)
            self.assembler.flush()

    def dispatch(self, item: InputItem, executor: Executor) -> None:
        """One item: hashed, recorded, skipped or sent to a worker (waiting for a free one)."""
        if self.named_again(item.source):
            self.result.skipped += 1  # the same name given twice
            self.listener.advanced("skipped")
            return
        stat = fingerprint(item.source, item.archive)
        _, size, mtime_ns = stat
        known = self.catalog.known_hash(item.source, size, mtime_ns)
        task = item_to_task(item, known, self.spill, stat)
        self.taken.add(item.source)
        self.ordinal += 1
        self.catalog.add_source(self.run, self.ordinal, item.source, task.sha256, size, mtime_ns)
        repeat = self.assembler.met(task.sha256)
        self.assembler.expect(Place(item.source, task.sha256, first=not repeat))
        if repeat:
            state = self.catalog.status(task.sha256)
            if state and state.status == "failed":
                self.listener.error(item.source, state.kind, state.reason)
            elif state and state.status == "running":
                self.copies.setdefault(task.sha256, []).append(item.source)
        fate = None if repeat else self.known_fate(task)
        if fate is not None:
            self.assembler.settle(task.sha256, fate)
        if repeat or fate is not None:
            self.result.skipped += 1
            self.listener.advanced("skipped")
            self.drop_spilled(task)
            return
        while executor.busy >= executor.capacity:
            for outcome in executor.wait(1.0):
                self.handle(outcome)
        self.catalog.mark_running(task.sha256, task.source, self.run)
        try:
            task = with_bytes(task, item, self.spill)
        except OSError as exc:
            failure = read_failure(exc)
            self.handle(failed(task, failure.kind, str(failure)))
            return
        if self.is_spilled(task):
            self.spilled.add(task.sha256)
        executor.submit(task)

    def named_again(self, source: str) -> bool:
        """Has the run recorded this name already (a file named twice)? ``taken`` may say yes
        for a name it has not: the catalog confirms."""
        if source not in self.taken:
            return False
        known = self.catalog.source(source)
        return known is not None and known.run == self.run

    def is_spilled(self, task: Task) -> bool:
        """Is the task's path a copy in the spill folder?"""
        return self.spill_dir is not None and task.path == self.spill_dir + task.sha256

    def drop_spilled(self, task: Task) -> None:
        """A spilled copy no worker will read."""
        if task.path is not None and self.is_spilled(task):
            Path(task.path).unlink(missing_ok=True)


def run_bulk(
    paths: Iterable[str | Path],
    out: str | Path,
    *,
    jobs: int | None = None,
    formats: Iterable[str] = ("csv",),
    pdf_engine: str = "pdfium",
    timeout: float | None = 120.0,
    max_memory: int | None = 2**30,
    engine: str = "processes",
    scheduler: str | None = None,
    retry_failed: bool = False,
    listener: Listener | None = None,
    chinese_headers: bool = False,
    budget: Budget = DEFAULT_BUDGET,
) -> BulkResult:
    """Files, folders and archives → output files in ``out`` (see the module docstring).

    ``jobs`` workers (default: every core), each input limited to ``timeout`` seconds and
    ``max_memory`` bytes of resident memory (None or 0: no limit). ``formats``: any of csv,
    parquet, duckdb. ``engine``: ``processes`` or ``dask`` (``scheduler`` address, or a
    LocalCluster of ``jobs`` workers). ``retry_failed`` extracts again inputs that failed in an
    earlier run. ``chinese_headers``: compare.csv with Chinese column headers. ``budget``: what
    one archive may cost (``archives.Budget``). Raises BulkError
    for bad options, or an output folder that cannot be used (not a writable folder, a corrupt
    catalog, made with other settings, or in use by another run).
    """
    formats = checked_formats(formats)
    check_engines(pdf_engine, engine)
    out = Path(out)
    listener = listener or Listener()
    given = [Path(p) for p in paths]
    existing = [p for p in given if p.exists()]
    if len(existing) == len(given) and next(guarded_inputs(existing, budget), None) is None:
        raise BulkError("no report files found in the given paths")

    try:
        catalog = Catalog(out / STATE_DIR / "catalog.sqlite")
    except CatalogUnusable as exc:
        raise BulkError(str(exc)) from None
    try:
        jobs = jobs or default_jobs()
        with_csv = "csv" in formats and (engine == "dask" or jobs >= default_jobs())
        executor = make_executor(
            engine,
            jobs,
            pdf_engine,
            timeout or None,
            max_memory or None,
            scheduler,
            out / STATE_DIR / "worker.log",
            with_csv,
        )  # fmt: skip: the workers start (and import) while the run sets up
        try:
            redone = use_results(catalog, made_with(pdf_engine), out / STATE_DIR)
        except BaseException:
            executor.close()
            raise
        if redone:
            listener.redoing(redone)
        spill = fresh_folder(out / STATE_DIR / SPILL_DIR) if engine == "processes" else None
        work = fresh_folder(out / STATE_DIR / WORK_DIR)
        try:
            sinks = open_sinks(formats, out, work, chinese_headers)
        except OSError as exc:
            executor.close()
            raise BulkError(f"cannot write the outputs to {out}: {exc.strerror or exc}") from None
        pack = Pack(out / STATE_DIR / PACK)
        assembler = Assembler(sinks, pack, catalog.forget)
        run = _Run(out, catalog, pack, assembler, listener, retry_failed, spill)
        run.result.redone = redone
        try:
            found = sum(1 for _ in guarded_inputs(existing, budget))
            total = found + len(given) - len(existing)
            run.result.inputs, run.taken = total, Seen(total)  # counted while the workers start
            listener.started(total)
            started = time.perf_counter()
            for p in given:
                if not p.exists():
                    run.add_error_source(str(p), "missing", "no such file or folder")
            run.extract(guarded_inputs(existing, budget), executor)
            executor.release()  # the workers end, and free their memory, while the outputs end
            run.result.extract_seconds = time.perf_counter() - started
            listener.assembling()
            started = time.perf_counter()
            run.result.written = assembler.finish()
            run.result.assemble_seconds = time.perf_counter() - started
        except OutputError as exc:
            assembler.abort()
            raise BulkError(f"cannot write the outputs to {out}: {exc}") from None
        except BaseException:
            assembler.abort()
            raise
        finally:
            executor.close()
            pack.close()
            if spill is not None:
                shutil.rmtree(spill, ignore_errors=True)
            shutil.rmtree(work, ignore_errors=True)
        r = run.result
        r.reports, r.errors, r.first_report = (
            assembler.reports, assembler.errors, assembler.first_report
        )  # fmt: skip
        r.checks, r.problems = dict(assembler.rules), assembler.problems
        catalog.finish_run(run.run, r.extracted, r.failed, r.skipped)
        return r
    finally:
        catalog.close()


def use_results(catalog: Catalog, now: dict[str, str], state_dir: Path) -> str:
    """Key the catalog's results on what made them: BulkError when the folder's results were
    made with another PDF engine; when they were made by other code (version, schema,
    settings), forget them all and say why; '' when they stay."""
    old = catalog.made_with()
    if refused := refusal(old, now):
        raise BulkError(refused)
    reason = stale_reason(old, now)
    if reason:
        (state_dir / PACK).unlink(missing_ok=True)
        shutil.rmtree(state_dir / "parts", ignore_errors=True)  # a part a file, before the pack
        catalog.forget_results()
    catalog.use_settings(now)
    return reason


def kept_rows(out: Path, source: str) -> dict[str, list[tuple]] | None:
    """The rows a run into ``out`` kept for one input (unchanged since; its first report's, for
    a compilation), read back from its catalog and pack; None when it kept none."""
    catalog = Catalog(out / STATE_DIR / "catalog.sqlite")
    try:
        _, size, mtime_ns = fingerprint(source)
        sha = catalog.known_hash(source, size, mtime_ns)
        state = catalog.status(sha) if sha else None
    finally:
        catalog.close()
    if state is None or state.part_offset is None or state.part_size is None:
        return None
    pack = Pack(out / STATE_DIR / PACK)
    try:
        suffix, part = pack.read(state.part_offset, state.part_size)[0]
        return ReportOut(source + suffix, part).rows()
    finally:
        pack.close()


def fresh_folder(path: Path) -> Path:
    """An empty folder (what a killed run left in it is gone)."""
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path
