"""The outputs of a run, streamed in input order while the workers extract.

Every input the run accepts takes its place in line (``expect``); an input's fate is known at
once (an error, content done or failed in an earlier run) or when its content's outcome arrives
(``settle``). The head of the line goes to the sinks as soon as its fate is known: a report once,
at the first input that has its bytes; a failure at every input that has its bytes. So the
outputs are the same files, rows and order whatever the number of workers, the order outcomes
arrive in, or what an earlier run into the same folder did.

What waits for the head is small: an outcome's part and CSV lines are kept up to HELD_BYTES,
beyond that the part is read back from the pack (written before the outcome is settled) and the
lines made here.
"""

from __future__ import annotations

import pickle
import zlib
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..analysis.collect import rule_statuses
from ..checks import year_over_year
from ..export import across_check_rows
from .parts import Pack, Part, decode_parts
from .sinks import ReportOut, Sink

HELD_BYTES = 64 << 20  # parts and CSV lines kept for outcomes that wait for the head
STOPPED = "the run stopped before this file was extracted"
UNREADABLE = "its stored result could not be read; run again to extract it"


class OutputError(Exception):
    """An output file could not be written; ``str()`` is why."""


@dataclass(frozen=True, slots=True)
class Fate:
    """What became of one content: ``done`` (its part, and the CSV lines a worker made, when
    kept) or ``failed`` with a kind and reason."""

    status: str
    kind: str = ""
    reason: str = ""
    where: tuple[int, int] | None = None  # its part in the pack: offset, size
    payload: bytes | None = None  # its part, while it waits for its turn
    csv: dict[str, bytes] | None = None


def held(fate: Fate) -> int:
    """Characters and bytes a fate holds in memory."""
    return len(fate.payload or b"") + sum(map(len, (fate.csv or {}).values()))


@dataclass(frozen=True, slots=True)
class Place:
    """One input in line: its content (None: it could not be read, ``error`` says why) and
    whether it is the first input of the run with those bytes."""

    source: str
    sha256: str | None
    first: bool = True
    error: tuple[str, str] = ("", "")


class Assembler:
    """The line of inputs, fed to the sinks from its head. ``forget`` is called with a content
    whose stored part cannot be read (the next run extracts it again)."""

    def __init__(self, sinks: list[Sink], pack: Pack, forget: Callable[[str], None]) -> None:
        self.sinks, self.pack, self.forget = sinks, pack, forget
        self.line: deque[Place] = deque()
        self.waiting: Counter[str] = Counter()  # the contents of the places in line
        self.fates: dict[str, Fate] = {}
        self.held = 0
        self.years: list[dict] = []  # what the year-over-year rule reads of each report
        self.reports = self.errors = 0
        self.first_report: str | None = None
        self.rules: Counter[str] = Counter()  # the rules applied, by status (checks.csv)
        self.problems = 0  # mapping problems that failed (checks.csv rows without lhs)

    def expect(self, place: Place) -> None:
        self.line.append(place)
        if place.sha256:
            self.waiting[place.sha256] += 1

    def met(self, sha256: str) -> bool:
        """Has an input with these bytes taken its place (settled, or waiting in line)?"""
        return sha256 in self.fates or sha256 in self.waiting

    def _next(self) -> Place:
        """The head of the line, taken out."""
        place = self.line.popleft()
        if place.sha256:
            self.waiting[place.sha256] -= 1
            if not self.waiting[place.sha256]:
                del self.waiting[place.sha256]
        return place

    def settle(self, sha256: str, fate: Fate) -> None:
        size = held(fate)
        if self.held + size > HELD_BYTES:
            fate, size = Fate(fate.status, where=fate.where), 0  # read from the pack in its turn
        self.held += size
        self.fates[sha256] = fate

    def flush(self) -> None:
        """The head of the line to the sinks, as far as fates are known. OutputError when a
        sink cannot write."""
        try:
            self._flush()
        except OSError as exc:
            raise OutputError(exc.strerror or str(exc)) from exc

    def _flush(self) -> None:
        while self.line:
            place = self.line[0]
            fate = self.fates.get(place.sha256) if place.sha256 else Fate("failed", *place.error)
            if fate is None:
                return
            self.emit(self._next(), fate)

    def emit(self, place: Place, fate: Fate) -> None:
        if fate.status != "done":
            self.error(place.source, fate.kind or "crashed", fate.reason or STOPPED)
            return
        if not place.first:
            return
        assert place.sha256 is not None
        parts = self.parts(place.sha256, fate)
        if parts is None:
            self.error(place.source, "crashed", UNREADABLE)
            return
        for i, (suffix, part) in enumerate(parts):
            # the worker's CSV lines of a file's reports come as one: written with its first
            csv = fate.csv if i == 0 or fate.csv is None else dict.fromkeys(fate.csv, b"")
            self.add(ReportOut(place.source + suffix, part, csv))
        self.first_report = self.first_report or place.source
        if fate.payload is not None:
            self.held -= held(fate)
            self.fates[place.sha256] = Fate("done")

    def add(self, report: ReportOut) -> None:
        """One report to the sinks, and to what the run counts and checks across reports."""
        for sink in self.sinks:
            sink.add_report(report)
        self.years.append({**report.part.years, "source": report.source})
        self.rules.update(report.entry.rules)
        self.problems += report.entry.failed - report.entry.rules.get("fail", 0)
        self.reports += 1

    def parts(self, sha256: str, fate: Fate) -> list[tuple[str, Part]] | None:
        """A done content's parts (``parts.decode_parts``; their rows decoded when no worker
        made the CSV lines), or None when they cannot be read (forgotten)."""
        try:
            if fate.payload is not None:
                parts = decode_parts(fate.payload)
            elif fate.where is not None:
                parts = self.pack.read(*fate.where)
            else:
                raise EOFError("no part")
            if fate.csv is None:
                for _, part in parts:
                    part.rows()
            return parts
        except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError, zlib.error):
            self.forget(sha256)
            return None

    def error(self, source: str, kind: str, reason: str) -> None:
        for sink in self.sinks:
            sink.add_error(source, kind, reason)
        self.errors += 1

    def finish(self) -> dict[str, Path]:
        """Every fate is known: the rest of the line, then the checks across reports; the sinks
        closed → the files written. OutputError when a sink cannot write."""
        self.flush()
        try:
            while self.line:  # contents no outcome came for
                self.emit(self._next(), Fate("failed"))
            across = across_check_rows(year_over_year(self.years))
            self.rules.update(rule_statuses(across))
            written: dict[str, Path] = {}
            for sink in self.sinks:
                sink.add_checks(across)
            for sink in self.sinks:
                written.update(sink.close())
            return written
        except OSError as exc:
            raise OutputError(exc.strerror or str(exc)) from exc

    def abort(self) -> None:
        for sink in self.sinks:
            sink.abort()
