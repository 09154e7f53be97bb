"""The parent's handle on one worker process (``worker``): feed it tasks, wait for each under a
time and a memory limit, kill and replace it.

The worker is a plain subprocess (``python -m extractor.bulk.worker``), not a multiprocessing
child, so it can be started from anywhere, a dask worker included. Tasks go to its stdin and
outcomes come back on a pipe of their own (``protocol``). A sandbox made with ``fork`` (the local
pool's) starts its first worker by forking this process instead (``serve_forked``), where
``os.fork`` is safe to use (Linux): the run has imported what a worker imports, which a fresh
interpreter spends about 0.3 s of CPU on. Its replacements, started later in the run, are fresh
subprocesses: a worker forked then would carry the run's memory, and count it against its limit.

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
import traceback
from collections import deque
from pathlib import Path
from typing import IO, Any, NoReturn

from .forked import CAN_FORK, Forked
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


THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")  # 1 a worker


class WorkerLost(OSError):
    """The worker could not be given its task (the pipe to it broke twice)."""


def widen(fd: int) -> int:
    """A pipe made to hold PIPE_BYTES (Linux) → what it holds (PIPE_BUF where not asked)."""
    with contextlib.suppress(AttributeError, OSError):
        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    try:
        return int(fcntl.fcntl(fd, fcntl.F_GETPIPE_SZ))
    except (AttributeError, OSError):
        return select.PIPE_BUF


def _package_root() -> str:
    return str(Path(__file__).resolve().parents[2])


_INHERITED: list[Any] = []  # a forked worker's inherited stdio objects: kept, never flushed


def serve_forked(
    task_fd: int, result_fd: int, log_fd: int | None, pdf_engine: str, max_memory: int | None,
    with_csv: bool,
) -> NoReturn:  # fmt: skip
    """The worker, in a process just forked from the run's: the task pipe becomes its stdin,
    the log its stdout and stderr, the result pipe fd 3, every other descriptor it inherited is
    closed (another worker's pipes among them: that worker sees its end when the run closes
    them); then ``worker.serve``, and the process ends with its exit code, never returning into
    the code it was forked from."""
    code = 1
    try:
        from . import worker

        if log_fd is None:
            log_fd = os.open(os.devnull, os.O_WRONLY)
        high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 4) for fd in (task_fd, result_fd, log_fd)]
        for fd, to in zip(high, (0, 3, 1), strict=True):
            os.dup2(fd, to)
        os.dup2(1, 2)
        os.closerange(4, max(os.sysconf("SC_OPEN_MAX"), 4))
        # fresh stdio objects: those inherited may hold a lock another thread of the run held
        _INHERITED.append((sys.stdout, sys.stderr))
        sys.stdout = sys.stderr = open(2, "w", buffering=1, closefd=False)  # noqa: SIM115
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        for var in THREAD_VARS:
            os.environ.setdefault(var, "1")
        code = worker.serve(0, 3, pdf_engine, max_memory, with_csv)
    except BaseException:
        with contextlib.suppress(BaseException):
            traceback.print_exc()
    finally:
        with contextlib.suppress(BaseException):
            sys.stderr.flush()
        os._exit(code)


class Sandbox:
    """The parent's handle on one worker process: send a task, wait, receive, kill, restart."""

    def __init__(
        self,
        pdf_engine: str,
        max_memory: int | None,
        log: IO[bytes] | int | None = None,
        with_csv: bool = False,
        fork: bool = False,
    ) -> None:
        self.pdf_engine = pdf_engine
        self.max_memory = max_memory
        self.with_csv = with_csv  # the worker makes each report's CSV lines (``worker.run_task``)
        self.log = log if log is not None else subprocess.DEVNULL
        self.fork = fork and CAN_FORK  # the next worker is forked from this process (once)
        self.proc: subprocess.Popen[bytes] | Forked | None = None
        self.result_fd: int | None = None
        self.resident: Resident | None = None
        self.polled = 0.0  # when its memory was last looked at
        self.tasks: deque[Task] = deque()  # sent and not answered: the running one first
        self.deadline = float("inf")
        self.room = select.PIPE_BUF  # bytes its task pipe holds (``start``)

    # -- process life ----------------------------------------------------------------------

    def start(self) -> None:
        read_fd, write_fd = os.pipe()
        widen(write_fd)
        try:
            forked, self.fork = self._forked(write_fd) if self.fork else None, False
            self.proc = forked or self._spawned(write_fd)
        finally:
            os.close(write_fd)
        assert self.proc.stdin is not None
        self.room = widen(self.proc.stdin.fileno())  # what a task waiting in the pipe may take
        self.result_fd = read_fd
        self.resident = Resident(self.proc.pid)

    def _spawned(self, result_fd: int) -> subprocess.Popen[bytes]:
        """A fresh ``python -m extractor.bulk.worker`` writing its outcomes to ``result_fd``."""
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (_package_root(), env.get("PYTHONPATH")) if p
        )
        for var in THREAD_VARS:
            env.setdefault(var, "1")
        cmd = [sys.executable, "-m", "extractor.bulk.worker", str(result_fd), self.pdf_engine]
        cmd += [str(self.max_memory or 0), "csv" if self.with_csv else "rows"]
        return subprocess.Popen(
            cmd, stdin=subprocess.PIPE, stdout=self.log, stderr=self.log, env=env,
            pass_fds=(result_fd,),
        )  # fmt: skip

    def _forked(self, result_fd: int) -> Forked | None:
        """A worker forked from this process (``serve_forked``), or None when it cannot be."""
        from . import worker  # noqa: F401 - imported here once, not in each forked worker

        task_r, task_w = os.pipe()
        if isinstance(self.log, int):
            log_fd = self.log if self.log >= 0 else None  # subprocess.DEVNULL: None
        else:
            log_fd = self.log.fileno()
        for stream in (sys.stdout, sys.stderr):  # nothing buffered is written twice
            with contextlib.suppress(Exception):
                stream.flush()
        try:
            pid = os.fork()
        except OSError:
            os.close(task_r)
            os.close(task_w)
            return None
        if pid == 0:
            serve_forked(task_r, result_fd, log_fd, self.pdf_engine, self.max_memory,
                         self.with_csv)  # fmt: skip
        os.close(task_r)
        widen(task_w)
        return Forked(pid, open(task_w, "wb", buffering=0))  # closed by stop()

    @property
    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def release(self) -> None:
        """Close the worker's task pipe: it ends once the tasks it holds are done (``stop``
        reaps it)."""
        if self.proc is not None and self.proc.stdin:
            with contextlib.suppress(OSError):
                self.proc.stdin.close()

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
