"""The parent's handle on one worker process (``worker``): feed it tasks, wait for each under a
time and a memory limit, kill and replace it.

The worker is a plain subprocess (``python -m extractor.bulk.worker``), not a multiprocessing
child, so it can be started from anywhere, a dask worker included. Tasks go to its stdin and
outcomes come back on a pipe of their own (``protocol``).

The memory limit is on what the worker really uses: the parent polls the worker's resident
memory (``/proc/PID/statm``) every ``RSS_POLL_SECONDS`` while it works, kills it past the limit
(the task fails with ``memory``) and retires a worker that ends a task over it. Address space
is not limited (onnxruntime maps far more than it uses), except where ``/proc`` is missing, where
``RLIMIT_AS`` is the fallback. A MemoryError in the worker, reading a task included, is
``memory`` too; any failure of the worker or of the pipes to it is that task's ``crashed``
outcome, never the run's end.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import select
import signal
import subprocess
import sys
import time
from collections import deque
from pathlib import Path
from typing import IO, Any

from .memory import Resident, memory_reason
from .protocol import (
    EXIT_AFTER_MEMORY_ERROR,
    Outcome,
    Task,
    encode_message,
    failed,
    read_message,
    write_frames,
)

INF = float("inf")
# An outcome with its CSV lines is about 100 KB, a task a report's bytes: in pipes that hold them
# neither side waits for the other to read (the default holds 64 KB).
PIPE_BYTES = 1 << 20
RSS_POLL_SECONDS = 0.05  # how often a busy worker's resident memory is looked at


class WorkerLost(OSError):
    """The worker could not be given its task (the pipe to it broke twice)."""


def widen(fd: int) -> None:
    """A pipe that holds PIPE_BYTES (Linux; elsewhere it keeps its size)."""
    with contextlib.suppress(AttributeError, OSError):
        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)


def _package_root() -> str:
    return str(Path(__file__).resolve().parents[2])


class Sandbox:
    """The parent's handle on one worker process: send a task, wait, receive, kill, restart."""

    def __init__(
        self,
        pdf_engine: str,
        max_memory: int | None,
        log: IO[bytes] | int | None = None,
        with_csv: bool = False,
    ) -> None:
        self.pdf_engine = pdf_engine
        self.max_memory = max_memory
        self.with_csv = with_csv  # the worker makes each report's CSV lines (``worker.run_task``)
        self.log = log if log is not None else subprocess.DEVNULL
        self.proc: subprocess.Popen[bytes] | None = None
        self.result_fd: int | None = None
        self.resident: Resident | None = None
        self.polled = 0.0  # when its memory was last looked at
        self.tasks: deque[Task] = deque()  # sent and not answered: the running one first
        self.deadline = float("inf")

    # -- process life ----------------------------------------------------------------------

    def start(self) -> None:
        read_fd, write_fd = os.pipe()
        widen(write_fd)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (_package_root(), env.get("PYTHONPATH")) if p
        )
        for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            env.setdefault(var, "1")
        cmd = [sys.executable, "-m", "extractor.bulk.worker", str(write_fd), self.pdf_engine]
        cmd += [str(self.max_memory or 0), "csv" if self.with_csv else "rows"]
        self.proc = subprocess.Popen(
            cmd, stdin=subprocess.PIPE, stdout=self.log, stderr=self.log, env=env,
            pass_fds=(write_fd,),
        )  # fmt: skip
        os.close(write_fd)
        assert self.proc.stdin is not None
        widen(self.proc.stdin.fileno())
        self.result_fd = read_fd
        self.resident = Resident(self.proc.pid)

    @property
    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self, kill: bool = False) -> None:
        """End the worker: close its task pipe (it exits) or kill it; reap it either way."""
        if self.proc is None:
            return
        if kill and self.proc.poll() is None:
            self.proc.kill()
        if self.proc.stdin:
            with contextlib.suppress(OSError):
                self.proc.stdin.close()
        try:
            self.proc.wait(timeout=None if kill else 5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        if self.result_fd is not None:
            os.close(self.result_fd)
        if self.resident is not None:
            self.resident.close()
        self.proc, self.result_fd, self.resident = None, None, None

    # -- tasks -----------------------------------------------------------------------------

    @property
    def task(self) -> Task | None:
        """The task the worker is running (the first of those it holds), or None."""
        return self.tasks[0] if self.tasks else None

    def send(self, task: Task, timeout: float | None) -> bool:
        """Give the worker a task: to an idle worker (started if needed; its deadline starts
        now), or behind the one it runs (the worker reads it while it works; its deadline starts
        when the one before ends). False when a busy worker's pipe is broken (it died: its
        task's outcome says so; give this one to another). WorkerLost when the pipe to a fresh
        worker breaks too."""
        message = encode_message(task)
        if self.tasks:
            try:
                self._write(message)
            except OSError:
                return False
            self.tasks.append(task)
            return True
        for attempt in (1, 2):
            if not self.alive:
                self.stop()
                self.start()
            try:
                self._write(message)
                break
            except OSError as exc:  # BrokenPipeError, EPIPE: the worker died
                self.stop(kill=True)
                if attempt == 2:
                    raise WorkerLost(f"the worker could not be given the file ({exc})") from exc
        self.tasks.append(task)
        self.deadline = time.monotonic() + timeout if timeout else INF
        return True

    def _write(self, message: list[Any]) -> None:
        assert self.proc is not None and self.proc.stdin is not None
        write_frames(self.proc.stdin.fileno(), message)

    def _next(self, timeout: float | None) -> None:
        """The running task is over: the next it holds starts now."""
        self.tasks.popleft()
        self.deadline = time.monotonic() + timeout if timeout and self.tasks else INF

    def _end(self) -> list[Task]:
        """Kill the worker → the tasks it held behind the running one (to give to another)."""
        queued = list(self.tasks)[1:]
        self.tasks.clear()
        self.stop(kill=True)
        return queued

    def receive(self, timeout: float | None) -> tuple[Outcome, list[Task]]:
        """The outcome of the running task (call when ``result_fd`` is readable), and the tasks
        to give to another worker: those this one held when it died (a ``crashed`` outcome,
        ``memory`` after a MemoryError) or was retired (it ended its task over the memory
        limit)."""
        assert self.task is not None and self.result_fd is not None
        task = self.task
        try:
            outcome = read_message(self.result_fd)
        except MemoryError:
            reason = "the parent ran out of memory receiving the result"
            return failed(task, "memory", reason), self._end()
        except Exception as exc:  # a garbled message: the worker died while writing it
            reason = f"the worker's result could not be read ({type(exc).__name__})"
            return failed(task, "crashed", reason), self._end()
        if outcome is None:
            code = self.proc.wait() if self.proc else None
            reason = memory_reason(self.max_memory) if code == EXIT_AFTER_MEMORY_ERROR else ""
            kind = "memory" if reason else "crashed"
            return failed(task, kind, reason or _died(code)), self._end()
        if (not outcome.ok and outcome.kind == "memory") or self.over_memory():
            return outcome, self._end()
        self._next(timeout)
        return outcome, []

    def over_memory(self) -> bool:
        """Is the worker past its memory limit (resident memory)?"""
        if not self.max_memory or self.resident is None:
            return False
        self.polled = time.monotonic()
        rss = self.resident.bytes()
        return rss is not None and rss > self.max_memory

    def memory_due(self, now: float) -> bool:
        """Has RSS_POLL_SECONDS passed since the worker's memory was last looked at?"""
        return now - self.polled >= RSS_POLL_SECONDS

    def overrun(self) -> tuple[Outcome, list[Task]]:
        """Kill the worker running a task past the memory limit → a ``memory`` outcome, and the
        tasks it held behind it."""
        assert self.task is not None
        task = self.task
        return failed(task, "memory", memory_reason(self.max_memory)), self._end()

    def poll_seconds(self) -> float:
        """How long the parent may wait before it looks at the worker again."""
        return RSS_POLL_SECONDS if self.max_memory else float("inf")

    def expire(self, timeout: float | None) -> tuple[Outcome, list[Task]]:
        """Kill the worker running an overdue task → a ``timeout`` outcome, and the tasks it held
        behind it."""
        assert self.task is not None
        task = self.task
        reason = f"timed out after {timeout or 0:g} s; the worker was killed and replaced"
        return failed(task, "timeout", reason), self._end()

    def run(self, task: Task, timeout: float | None) -> Outcome:
        """Send a task to an idle worker and wait for its outcome (killing the worker at the
        deadline or past the memory limit)."""
        try:
            self.send(task, timeout)
        except WorkerLost as exc:
            return failed(task, "crashed", str(exc))
        while True:
            left = self.deadline - time.monotonic()
            wait = min(max(left, 0), self.poll_seconds())
            assert self.result_fd is not None
            ready, _, _ = select.select([self.result_fd], [], [], None if wait == INF else wait)
            if ready:
                return self.receive(timeout)[0]
            if time.monotonic() >= self.deadline:
                return self.expire(timeout)[0]
            if self.over_memory():
                return self.overrun()[0]


def _died(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"the worker died ({name}); it was replaced"
    return f"the worker exited with code {code}; it was replaced"
