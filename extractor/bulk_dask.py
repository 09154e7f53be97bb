"""The dask.distributed executor of a bulk run (``pip install 'extractor[dask]'``).

Each dask worker thread keeps one sandbox worker process (``extractor.sandbox``) and runs the
same task function as the local pool in it, with the same time and memory limits: a task that
hangs is killed in its sandbox and the dask worker goes on. Plain files are read by the workers
from the path the client saw, so inputs must sit on a filesystem every worker mounts at the same
path; archive members are read by the client (which reads every input once to hash it) and
travel with the task. Results (compressed parts) come back to the client,
which alone writes the output folder.
"""

from __future__ import annotations

import threading
from typing import Any

from .parts import Outcome, Task, one_line
from .sandbox import Sandbox

_local = threading.local()


def run_in_sandbox(
    task: Task, pdf_engine: str, timeout: float | None, max_memory: int | None
) -> Outcome:
    """Task → Outcome in this worker thread's sandbox process (started on first use)."""
    box = getattr(_local, "sandbox", None)
    if box is None or (box.pdf_engine, box.max_memory) != (pdf_engine, max_memory):
        if box is not None:
            box.stop()
        box = _local.sandbox = Sandbox(pdf_engine, max_memory)
    return box.run(task, timeout)


class DaskExecutor:
    """Tasks on a dask.distributed cluster: ``scheduler`` address, or a LocalCluster of ``jobs``
    single-threaded worker processes. At most two tasks per worker thread are in flight."""

    def __init__(
        self,
        scheduler: str | None,
        jobs: int,
        pdf_engine: str,
        timeout: float | None,
        max_memory: int | None,
    ) -> None:
        from distributed import Client, LocalCluster

        self.cluster: Any = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self.cluster = LocalCluster(
                n_workers=jobs,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",
                memory_limit=0,  # the sandbox enforces the per-file limit
            )
            self.client = Client(self.cluster)
        threads = sum(self.client.nthreads().values()) or jobs
        self.capacity = 2 * threads
        self.args = (pdf_engine, timeout, max_memory)
        self.futures: dict[Any, Task] = {}

    @property
    def busy(self) -> int:
        return len(self.futures)

    def submit(self, task: Task) -> None:
        future = self.client.submit(
            run_in_sandbox, task, *self.args, key=f"extract-{task.sha256}", pure=False
        )
        self.futures[future] = task

    def wait(self, timeout: float) -> list[Outcome]:
        from distributed import wait

        if not self.futures:
            return []
        try:
            done, _ = wait(list(self.futures), timeout=timeout, return_when="FIRST_COMPLETED")
        except TimeoutError:
            return []
        outcomes = []
        for future in done:
            task = self.futures.pop(future)
            try:
                outcomes.append(future.result())
            except Exception as exc:  # the dask worker died or the task could not run
                reason = one_line(f"dask: {type(exc).__name__}: {exc}")
                outcomes.append(
                    Outcome(task.sha256, task.source, False, kind="crashed", reason=reason)
                )
            future.release()
        return outcomes

    def close(self) -> None:
        for future in self.futures:
            future.cancel()
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
