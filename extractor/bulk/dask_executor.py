"""The dask.distributed executor of a bulk run (``pip install 'extractor[dask]'``).

Each dask worker thread keeps one sandbox worker process (``sandbox``) and runs the
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

from .protocol import Outcome, Task, failed, one_line
from .sandbox import Sandbox

_local = threading.local()


BATCH = 8  # files per dask task: a task of ~0.2 s amortises dask's per-task overhead


def run_in_sandbox(
    tasks: list[Task], pdf_engine: str, timeout: float | None, max_memory: int | None
) -> list[Outcome]:
    """Tasks → Outcomes, one after the other in this worker thread's sandbox process (started on
    first use), each file under its own time limit."""
    box = getattr(_local, "sandbox", None)
    if box is None or (box.pdf_engine, box.max_memory) != (pdf_engine, max_memory):
        if box is not None:
            box.stop()
        box = _local.sandbox = Sandbox(pdf_engine, max_memory, with_csv=True)
    return [box.run(task, timeout) for task in tasks]


class DaskExecutor:
    """Tasks on a dask.distributed cluster: ``scheduler`` address, or a LocalCluster of ``jobs``
    single-threaded worker processes. Files go in batches of BATCH per dask task, two batches
    per worker thread in flight; ``wait`` sends a batch that is not full."""

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
        self.capacity = 2 * BATCH * threads
        self.args = (pdf_engine, timeout, max_memory)
        self.futures: dict[Any, list[Task]] = {}
        self.batch: list[Task] = []

    @property
    def busy(self) -> int:
        return sum(len(b) for b in self.futures.values()) + len(self.batch)

    def submit(self, task: Task) -> None:
        self.batch.append(task)
        if len(self.batch) >= BATCH:
            self._send()

    def _send(self) -> None:
        batch, self.batch = self.batch, []
        key = f"extract-{batch[0].sha256}-{len(batch)}"
        future = self.client.submit(run_in_sandbox, batch, *self.args, key=key, pure=False)
        self.futures[future] = batch

    def wait(self, timeout: float) -> list[Outcome]:
        from distributed import wait

        if self.batch:
            self._send()
        if not self.futures:
            return []
        try:
            done, _ = wait(list(self.futures), timeout=timeout, return_when="FIRST_COMPLETED")
        except TimeoutError:
            return []
        outcomes: list[Outcome] = []
        for future in done:
            batch = self.futures.pop(future)
            try:
                outcomes.extend(future.result())
            except Exception as exc:  # the dask worker died or the task could not run
                reason = one_line(f"dask: {type(exc).__name__}: {exc}")
                outcomes.extend(failed(t, "crashed", reason) for t in batch)
            future.release()
        return outcomes

    def release(self) -> None:
        """No more tasks come (the cluster is closed by ``close``)."""

    def close(self) -> None:
        for future in self.futures:
            future.cancel()
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
