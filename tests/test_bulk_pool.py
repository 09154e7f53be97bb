"""bulk/pool.py: which worker gets which task."""

from __future__ import annotations

from collections import deque

from extractor.bulk.pool import ProcessPool
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


def test_a_small_task_queues_behind_a_running_one():
    busy = _Box(held=1)
    pool = _pool(
        [busy], [Task("small", "s.pdf", data=b"x" * 1_000), Task("path", "p.pdf", path="/p")]
    )
    pool.feed()
    assert [t.sha256 for t in busy.tasks] == ["held0", "small"]  # two held: the path one waits
    assert [t.sha256 for t in pool.queue] == ["path"]


def test_where_the_pipe_size_is_unknown_only_small_tasks_queue():
    busy = _Box(held=1, room=4096)  # PIPE_BUF: what widen() says where it cannot ask
    pool = _pool([busy], [Task("mid", "m.pdf", data=b"x" * 10_000)])
    pool.feed()
    assert len(busy.tasks) == 1
