"""What made a run's results: the package version, the output schema and the extraction settings.

The catalog keeps them. A later run into the same output folder whose code or schema differs
extracts every input again (what the folder holds is not what this code makes: an upgrade that
fixes a mapping, a new column) and says why. The PDF engine is the user's choice, not the
code's: another engine in the same folder is refused, so that one run's results never replace
another's by mistake.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from typing import Any

REFUSED = ("pdf_engine",)  # a difference here is refused, not redone


def package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("extractor")
    except PackageNotFoundError:  # run from a checkout that is not installed
        return "unknown"


def digest(value: Any) -> str:
    """A JSON-able value → a short stable hash."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def schema_hash() -> str:
    """The tables a part holds (``columns.tables``), their columns and the type of each, and
    what else a part holds (``parts.part_shape``)."""
    from ..columns import tables
    from .parts import part_shape

    return digest(
        {"tables": {name: list(t.types().items()) for name, t in tables().items()},
         "part": part_shape()}
    )  # fmt: skip


def settings_hash(pdf_engine: str) -> str:
    """The settings extraction ran with: the PDF engine and the reader's tolerances."""
    from ..readers.pdf_settings import DEFAULT

    return digest({"pdf_engine": pdf_engine, "pdf": dataclasses.asdict(DEFAULT)})


def made_with(pdf_engine: str) -> dict[str, str]:
    """What results made now depend on, as the catalog stores it."""
    return {
        "pdf_engine": pdf_engine,
        "version": package_version(),
        "schema": schema_hash(),
        "settings": settings_hash(pdf_engine),
    }


def refusal(old: dict[str, str], new: dict[str, str]) -> str:
    """Why a run made with ``new`` may not use a folder of results made with ``old`` ('' when
    it may): one line."""
    for key in REFUSED:
        if key in old and old[key] != new[key]:
            return (f"the output folder holds results made with {key} {old[key]!r}, not "
                    f"{new[key]!r}; use another output folder")  # fmt: skip
    return ""


WHY = {
    "version": "extractor {old} (this is {new})",
    "schema": "another output schema",
    "settings": "other extraction settings",
}


def stale_reason(old: dict[str, str], new: dict[str, str]) -> str:
    """Why results recorded as made with ``old`` are not what ``new`` makes ('' when they are,
    or when nothing was recorded): one line, for stderr and ``BulkResult.redone``."""
    if not old:
        return ""
    if "version" not in old:  # a catalog from before these keys
        why = ["an earlier extractor"]
    else:
        why = [text.format(old=old.get(k), new=new[k]) for k, text in WHY.items()
               if old.get(k) != new[k]]  # fmt: skip
    if not why:
        return ""
    return f"the output folder holds results made by {', '.join(why)}: extracting every file again"
