"""Executors of a bulk run: they take tasks and give back outcomes, each worker one task at a
time under a time and memory limit.

``ProcessPool`` runs ``jobs`` sandbox workers on this machine; ``dask_executor`` has the
same interface over a dask.distributed cluster.
"""

from __future__ import annotations

import itertools
import select
import time
from collections import deque
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Protocol

from .protocol import Outcome, Task, failed
from .sandbox import Sandbox, WorkerLost

HELD_PER_WORKER = 8  # tasks a worker holds: the one it runs, the others waiting in its pipe
# Each time the run wakes to an outcome while both workers of a 2-core machine are busy it
# pushes one off its core. It sleeps instead while every worker holds work for longer, and then
# takes every outcome that came (the run's CPU 0.90 -> 0.63 ms a report, 1,000 reports, -j2):
NAP_SECONDS = 0.05  # the longest sleep (outcomes wait at most this long to be written)
NAP_SHARE = 0.5  # of the work queued behind the shortest queue, the share slept through: the
# other half is the margin for tasks shorter than the usual one
NAP_MIN_TASK = 0.005  # seconds: shorter tasks are not slept through, as the run's own work for
# each (~0.3 ms) is then what the workers wait for (a zip of 20,000 tiny members: 5% slower)
USUAL_WEIGHT = 0.2  # an outcome's weight in the usual task's seconds (a moving average)


class Executor(Protocol):
    """Runs tasks; ``busy`` of them at once at most ``capacity``."""

    capacity: int

    @property
    def busy(self) -> int: ...

    def submit(self, task: Task) -> None: ...

    def wait(self, timeout: float) -> list[Outcome]: ...

    def release(self) -> None:
        """No more tasks come: the workers may end once theirs are done."""

    def close(self) -> None:
        """Stop the workers."""


class ProcessPool:
    """``jobs`` sandbox workers, started at once: forked from this process, which has imported
    what they need (``Sandbox``), or where it cannot fork fresh subprocesses (they import while
    the run walks its inputs).
    Each is given up to HELD_PER_WORKER tasks at a time: the others wait in its pipe while
    it runs one, so it never waits for the parent between two, and the parent looks at them only
    every so often (``nap_seconds``). A worker past its deadline or its
    memory limit is killed (its task fails with ``timeout`` or ``memory``) and a new one
    started for the tasks it held; a task that cannot be handed to a worker fails with
    ``crashed``. ``with_csv``: the workers make each report's CSV lines."""

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
        self.capacity = jobs * HELD_PER_WORKER
        self.timeout = timeout
        self.log: IO[bytes] | None = open(log_path, "ab") if log_path else None  # noqa: SIM115
        self.boxes = [
            Sandbox(pdf_engine, max_memory, self.log, with_csv, fork=True) for _ in range(jobs)
        ]
        for box in self.boxes:
            box.start()
        self.queue: deque[Task] = deque()  # tasks waiting for a worker
        self.lost: list[Outcome] = []  # tasks no worker could be given
        self.usual = 0.0  # the usual task's seconds in a worker (0 until one has ended)

    @property
    def busy(self) -> int:
        held = sum(len(box.tasks) for box in self.boxes)
        return held + len(self.queue) + len(self.lost)

    def submit(self, task: Task) -> None:
        self.queue.append(task)
        self.feed()

    def feed(self) -> None:
        """Hand waiting tasks to workers with room for them, idle ones first. A task goes behind
        a running one only when it fits in half the worker's task pipe (``Sandbox.room``) with
        the others waiting there: a larger one would hold the run on its write until the worker
        reads it (never, from a worker stuck on its task), so it waits for an idle worker."""
        for box in sorted(self.boxes, key=lambda b: len(b.tasks)):
            while self.queue and len(box.tasks) < HELD_PER_WORKER:
                if (
                    box.tasks
                    and queued_bytes(box.tasks) + task_bytes(self.queue[0]) > box.room // 2
                ):
                    break
                task = self.queue.popleft()
                try:
                    if not box.send(task, self.timeout):
                        self.queue.appendleft(task)  # its worker died: its outcome will say
                        break
                except WorkerLost as exc:
                    self.lost.append(failed(task, "crashed", str(exc)))

    def wait(self, timeout: float) -> list[Outcome]:
        """Outcomes that arrive within ``timeout`` seconds (at least one if any task is due)."""
        outcomes, self.lost = self.lost, []
        running = [box for box in self.boxes if box.tasks]
        if not running:
            return outcomes
        now = time.monotonic()
        nearest = min(min(box.deadline for box in running), now + running[0].poll_seconds())
        wait = 0.0 if outcomes else max(0.0, min(timeout, nearest - now))
        queued = [len(box.tasks) - 1 for box in self.boxes]
        nap = min(wait, nap_seconds(queued, self.usual))
        if nap > 0:
            time.sleep(nap)
        ended = self.receive_ready(running, wait - nap)
        for outcome, _ in ended:
            if outcome.seconds > 0:
                self.usual += USUAL_WEIGHT * (outcome.seconds - self.usual)
        now = time.monotonic()
        for box in running:
            if box.tasks and box.deadline <= now:
                ended.append(box.expire(self.timeout))
            elif box.tasks and box.memory_due(now) and box.over_memory():
                ended.append(box.overrun())
        for outcome, orphans in ended:
            outcomes.append(outcome)
            self.queue.extendleft(reversed(orphans))
        self.feed()
        return outcomes

    def receive_ready(
        self, running: list[Sandbox], wait: float
    ) -> list[tuple[Outcome, list[Task]]]:
        """Every outcome the running workers have sent, waiting up to ``wait`` seconds for one."""
        ended: list[tuple[Outcome, list[Task]]] = []
        while True:
            fds = [box.result_fd for box in running if box.tasks and box.result_fd is not None]
            ready = select.select(fds, [], [], 0.0 if ended else wait)[0] if fds else []
            if not ready:
                return ended
            ended += [box.receive(self.timeout) for box in running if box.result_fd in ready]

    def release(self) -> None:
        """Every idle worker's task pipe closed: they end side by side, while the run goes on
        (``close`` reaps them)."""
        for box in self.boxes:
            if not box.tasks:
                box.release()

    def close(self) -> None:
        """Every worker ended and reaped (killed if it still holds tasks)."""
        self.release()
        for box in self.boxes:
            box.stop(kill=bool(box.tasks))
        if self.log:
            self.log.close()


def nap_seconds(queued: list[int], usual: float) -> float:
    """The tasks waiting behind each worker's running one, the usual task's seconds → how long
    the run may sleep before it looks at its workers: NAP_SHARE of the shortest queue's work,
    at most NAP_SECONDS; 0 when a worker has none waiting (or none runs), or when tasks are
    short (NAP_MIN_TASK)."""
    if not queued or min(queued) < 1 or usual < NAP_MIN_TASK:
        return 0.0
    return min(NAP_SECONDS, NAP_SHARE * min(queued) * usual)


def task_bytes(task: Task) -> int:
    """The bytes a task takes in a pipe, about (its data; a path is small)."""
    return len(task.data or b"")


def queued_bytes(tasks: Iterable[Task]) -> int:
    """A worker's held tasks → the bytes of those waiting behind the running one."""
    return sum(task_bytes(t) for t in itertools.islice(tasks, 1, None))
