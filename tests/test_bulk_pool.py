"""bulk/pool.py: which worker gets which task."""

from __future__ import annotations

from collections import deque

import pytest

from extractor.bulk.pool import (
    HELD_PER_WORKER,
    NAP_SECONDS,
    NAP_SHARE,
    ProcessPool,
    nap_seconds,
    queued_bytes,
)
from extractor.bulk.protocol import Task


class _Box:
    """A worker's sandbox as the pool sees it: the tasks it holds, its pipe's room."""

    def __init__(self, held: int, room: int = 1 << 20) -> None:
        self.tasks: deque[Task] = deque(Task(f"held{i}", f"h{i}") for i in range(held))
        self.room = room

    def send(self, task: Task, timeout: float | None) -> bool:
        self.tasks.append(task)
        return True


def _pool(boxes: list[_Box], tasks: list[Task]) -> ProcessPool:
    pool = ProcessPool.__new__(ProcessPool)  # no processes: the feeding rule alone
    pool.boxes, pool.queue, pool.lost, pool.timeout = boxes, deque(tasks), [], None  # type: ignore[assignment]
    return pool


def test_a_task_too_large_for_the_pipe_waits_for_an_idle_worker():
    """A worker reads its next task only when its running one is over, so a task queued
    behind a running one waits in the pipe: one larger than half the pipe would hold the run
    on its write (for as long as the worker runs, or for ever if it is stuck). It goes to an
    idle worker; a small one may queue."""
    big = Task("big", "big.pdf", data=b"x" * 600_000)
    small = Task("small", "small.pdf", data=b"x" * 1_000)
    busy = _Box(held=1)
    pool = _pool([busy], [big, small])
    pool.feed()
    assert [t.sha256 for t in busy.tasks] == ["held0"]  # the big one waits, and those after it
    idle = _Box(held=0)
    pool.boxes.append(idle)  # type: ignore[arg-type]
    pool.feed()
    assert [t.sha256 for t in idle.tasks] == ["big", "small"]


def test_small_tasks_queue_behind_a_running_one_up_to_the_held_number():
    busy = _Box(held=1)
    tasks = [Task(f"small{i}", f"s{i}.pdf", data=b"x" * 1_000) for i in range(HELD_PER_WORKER)]
    pool = _pool([busy], tasks)
    pool.feed()
    assert len(busy.tasks) == HELD_PER_WORKER  # the running one and the others waiting
    assert [t.sha256 for t in pool.queue] == [f"small{HELD_PER_WORKER - 1}"]


def test_tasks_waiting_in_a_pipe_together_fit_in_half_of_it():
    """Each of these fits in half the pipe, three together do not: the third waits, or the
    run's write would block behind the worker's running task."""
    busy = _Box(held=1, room=1 << 20)
    pool = _pool([busy], [Task(f"mid{i}", f"m{i}.pdf", data=b"x" * 200_000) for i in range(3)])
    pool.feed()
    assert [t.sha256 for t in busy.tasks] == ["held0", "mid0", "mid1"]
    assert queued_bytes(busy.tasks) == 400_000


def test_the_run_naps_only_while_every_worker_has_work_waiting():
    assert nap_seconds([3, 2], usual=0.02) == pytest.approx(NAP_SHARE * 2 * 0.02)
    assert nap_seconds([3, 0], usual=0.02) == 0.0  # one worker would run dry
    assert nap_seconds([3, -1], usual=0.02) == 0.0  # one is idle
    assert nap_seconds([7, 7], usual=1.0) == NAP_SECONDS  # never longer
    assert nap_seconds([7, 7], usual=0.0) == 0.0  # no task has ended yet: the usual one unknown
    assert nap_seconds([7, 7], usual=0.001) == 0.0  # tiny tasks: the workers wait for the run


def test_where_the_pipe_size_is_unknown_only_small_tasks_queue():
    busy = _Box(held=1, room=4096)  # PIPE_BUF: what widen() says where it cannot ask
    pool = _pool([busy], [Task("mid", "m.pdf", data=b"x" * 10_000)])
    pool.feed()
    assert len(busy.tasks) == 1
