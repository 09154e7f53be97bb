"""Bulk runs: many reports (folders, archives) → the output tables, in parallel, resumable.

>>> from extractor.bulk import run_bulk
>>> result = run_bulk(["reports/"], "out", jobs=2, formats=["csv", "parquet"])

The parts of a run, one module each:

- ``run``: the run itself: walk the inputs, look each up in the catalog, dispatch.
- ``assemble``: the outputs, streamed in input order as each input's fate becomes known.
- ``options``: its options, checked before it starts, and the executor an engine names.
- ``intake``: input items → tasks, hashed as they stream.
- ``catalog``: the SQLite catalog of an output folder (what is done, failed, where).
- ``seen``: the names a run has taken, a few bits each (a name given twice is taken once).
- ``made_with``: the version, schema and settings results are made with (resume is keyed on it).
- ``protocol``: the task sent to a worker, the outcome it sends back, how both travel.
- ``worker``: the worker process: tasks in, extraction, outcomes out.
- ``memory``: a worker's memory, as it sees it and as the parent polls it.
- ``parts``: what a run keeps of each report (its rows, compare's summary), in one pack file.
- ``sandbox``: the parent's handle on one worker: time and memory limits, kill, replace;
  ``forked``: a worker forked from the run's process, as the sandbox sees it.
- ``pool``: the local executor, a pool of sandboxes; ``dask_executor``: the same on a cluster.
- ``sinks``: the output writers (CSV, Parquet, DuckDB), fed reports in input order.

The names below are imported when first asked for: a worker process, which imports this package
before ``worker``, does not load the run's own modules (catalog, pool, sinks, ...).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..archives import Budget
    from .options import BulkError, parse_seconds, parse_size
    from .run import BulkResult, Listener, run_bulk

_HOMES = {
    "Budget": "..archives",
    "BulkError": ".options",
    "parse_seconds": ".options",
    "parse_size": ".options",
    "BulkResult": ".run",
    "Listener": ".run",
    "run_bulk": ".run",
}

__all__ = [
    "Budget",
    "BulkError",
    "BulkResult",
    "Listener",
    "parse_seconds",
    "parse_size",
    "run_bulk",
]


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_HOMES[name], __name__), name)
