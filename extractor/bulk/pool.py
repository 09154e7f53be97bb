"""Executors of a bulk run: they take tasks and give back outcomes, each worker one task at a
time under a time and memory limit.

``ProcessPool`` runs ``jobs`` sandbox workers on this machine; ``dask_executor`` has the
same interface over a dask.distributed cluster.
"""

from __future__ import annotations

import select
import time
from pathlib import Path
from typing import IO, Protocol

from .protocol import Outcome, Task, failed
from .sandbox import Sandbox, WorkerLost


class Executor(Protocol):
    """Runs tasks; ``busy`` of them at once at most ``capacity``."""

    capacity: int

    @property
    def busy(self) -> int: ...

    def submit(self, task: Task) -> None: ...

    def wait(self, timeout: float) -> list[Outcome]: ...

    def close(self) -> None: ...


class ProcessPool:
    """``jobs`` sandbox workers, started when first needed. A worker past its deadline or its
    memory limit is killed (its task fails with ``timeout`` or ``memory``) and a new one started
    for the next task; a task that cannot be handed to a worker fails with ``crashed``."""

    def __init__(
        self,
        jobs: int,
        pdf_engine: str,
        timeout: float | None,
        max_memory: int | None,
        log_path: Path | None = None,
    ) -> None:
        self.capacity = max(1, jobs)
        self.timeout = timeout
        self.log: IO[bytes] | None = open(log_path, "ab") if log_path else None  # noqa: SIM115
        self.boxes = [Sandbox(pdf_engine, max_memory, self.log) for _ in range(self.capacity)]
        self.lost: list[Outcome] = []  # tasks no worker could be given

    @property
    def busy(self) -> int:
        return sum(box.task is not None for box in self.boxes) + len(self.lost)

    def submit(self, task: Task) -> None:
        box = next(box for box in self.boxes if box.task is None)
        try:
            box.send(task, self.timeout)
        except WorkerLost as exc:
            self.lost.append(failed(task, "crashed", str(exc)))

    def wait(self, timeout: float) -> list[Outcome]:
        """Outcomes that arrive within ``timeout`` seconds (at least one if any task is due)."""
        outcomes, self.lost = self.lost, []
        running = [box for box in self.boxes if box.task is not None]
        if not running:
            return outcomes
        now = time.monotonic()
        nearest = min(min(box.deadline for box in running), now + running[0].poll_seconds())
        wait = 0.0 if outcomes else max(0.0, min(timeout, nearest - now))
        ready, _, _ = select.select([box.result_fd for box in running], [], [], wait)
        outcomes += [box.receive() for box in running if box.result_fd in ready]
        now = time.monotonic()
        for box in running:
            if box.task is not None and box.deadline <= now:
                outcomes.append(box.expire(self.timeout))
            elif box.task is not None and box.over_memory():
                outcomes.append(box.overrun())
        return outcomes

    def close(self) -> None:
        for box in self.boxes:
            box.stop(kill=box.task is not None)
        if self.log:
            self.log.close()
