"""Bulk runs: many reports (folders, archives) → the output tables, in parallel, resumable.

>>> from extractor.bulk import run_bulk
>>> result = run_bulk(["reports/"], "out", jobs=2, formats=["csv", "parquet"])

The parts of a run, one module each:

- ``run``: the run itself: walk the inputs, look each up in the catalog, dispatch, assemble.
- ``options``: its options, checked before it starts, and the executor an engine names.
- ``intake``: input items → tasks, hashed as they stream.
- ``catalog``: the SQLite catalog of an output folder (what is done, failed, where).
- ``made_with``: the version, schema and settings results are made with (resume is keyed on it).
- ``protocol``: the task sent to a worker, the outcome it sends back, how both travel.
- ``worker``: the worker process: tasks in, extraction, outcomes out.
- ``memory``: a worker's memory, as it sees it and as the parent polls it.
- ``parts``: part files, a report's rows kept until the outputs are assembled.
- ``sandbox``: the parent's handle on one worker: time and memory limits, kill, replace.
- ``pool``: the local executor, a pool of sandboxes; ``dask_executor``: the same on a cluster.
- ``sinks``: the output writers (CSV, Parquet, DuckDB), fed rows in input order.
"""

from ..archives import Budget
from .options import BulkError, parse_seconds, parse_size
from .run import BulkResult, Listener, run_bulk

__all__ = [
    "Budget",
    "BulkError",
    "BulkResult",
    "Listener",
    "parse_seconds",
    "parse_size",
    "run_bulk",
]
