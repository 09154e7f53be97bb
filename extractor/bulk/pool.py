"""Executors of a bulk run: they take tasks and give back outcomes, each worker one task at a
time under a time and memory limit.

``ProcessPool`` runs ``jobs`` sandbox workers on this machine; ``dask_executor`` has the
same interface over a dask.distributed cluster.
"""

from __future__ import annotations

import select
import time
from collections import deque
from pathlib import Path
from typing import IO, Protocol

from .protocol import Outcome, Task, failed
from .sandbox import Sandbox, WorkerLost

QUEUED_PER_WORKER = 1  # tasks waiting in the pool for each worker, beyond the one it runs


class Executor(Protocol):
    """Runs tasks; ``busy`` of them at once at most ``capacity``."""

    capacity: int

    @property
    def busy(self) -> int: ...

    def submit(self, task: Task) -> None: ...

    def wait(self, timeout: float) -> list[Outcome]: ...

    def close(self) -> None: ...


class ProcessPool:
    """``jobs`` sandbox workers, started at once (they import while the run walks its inputs).
    Each holds one task and has QUEUED_PER_WORKER more waiting for it in the pool, handed over
    the moment it sends an outcome (before the run handles that outcome), so that a worker
    never waits for the parent. A worker past its deadline or its memory limit is killed (its
    task fails with ``timeout`` or ``memory``) and a new one started for the next task; a task
    that cannot be handed to a worker fails with ``crashed``. ``with_csv``: the workers make
    each report's CSV lines."""

    def __init__(
        self,
        jobs: int,
        pdf_engine: str,
        timeout: float | None,
        max_memory: int | None,
        log_path: Path | None = None,
        with_csv: bool = False,
    ) -> None:
        jobs = max(1, jobs)
        self.capacity = jobs * (1 + QUEUED_PER_WORKER)
        self.timeout = timeout
        self.log: IO[bytes] | None = open(log_path, "ab") if log_path else None  # noqa: SIM115
        self.boxes = [Sandbox(pdf_engine, max_memory, self.log, with_csv) for _ in range(jobs)]
        for box in self.boxes:
            box.start()
        self.queue: deque[Task] = deque()  # tasks waiting for a free worker
        self.lost: list[Outcome] = []  # tasks no worker could be given

    @property
    def busy(self) -> int:
        running = sum(box.task is not None for box in self.boxes)
        return running + len(self.queue) + len(self.lost)

    def submit(self, task: Task) -> None:
        self.queue.append(task)
        self.feed()

    def feed(self) -> None:
        """Hand waiting tasks to free workers."""
        for box in self.boxes:
            if not self.queue:
                return
            if box.task is None:
                task = self.queue.popleft()
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
        for box in running:
            if box.result_fd in ready:
                outcomes.append(box.receive())
        self.feed()
        now = time.monotonic()
        for box in running:
            if box.task is not None and box.deadline <= now:
                outcomes.append(box.expire(self.timeout))
            elif box.task is not None and box.memory_due(now) and box.over_memory():
                outcomes.append(box.overrun())
        self.feed()
        return outcomes

    def close(self) -> None:
        for box in self.boxes:
            box.stop(kill=box.task is not None)
        if self.log:
            self.log.close()
