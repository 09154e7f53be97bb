from __future__ import annotations

import os
from pathlib import Path
from typing import Any, NoReturn

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="session")
def hongze_path() -> Path:
    return DATA / "hongze-2024.pdf"


def require_tool(name: str, available: bool, why: str) -> None:
    """Skip a test whose system tool or optional extra is absent, saying which and how to get it;
    under ``EXTRACTOR_FULL_TESTS=1`` (set by ``.ci/run``, which installs them all) fail instead,
    so that CI never skips silently. Works in a test and at a test module's top."""
    if available:
        return
    message = f"{name} is not available: {why}"
    if os.environ.get("EXTRACTOR_FULL_TESTS") == "1":
        pytest.fail(message + " (EXTRACTOR_FULL_TESTS=1 requires it)", pytrace=False)
    pytest.skip(message, allow_module_level=True)


@pytest.fixture
def worker_hooks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder on every sandbox worker's PYTHONPATH: a test writes a ``sitecustomize.py`` into
    it to make workers misbehave. A worker started afresh runs it as any interpreter does; one
    forked from the run (``sandbox.serve_forked``, the pool's first workers) runs it first thing
    in the forked process. Test code only; the product has no such hook."""
    from extractor.bulk import sandbox

    hooks = tmp_path / "hooks"
    hooks.mkdir()
    monkeypatch.setenv(
        "PYTHONPATH", os.pathsep.join([str(hooks), os.environ.get("PYTHONPATH", "")])
    )
    serve_forked = sandbox.serve_forked

    def with_hooks(*args: Any) -> NoReturn:
        hook = hooks / "sitecustomize.py"
        if hook.exists():  # in the forked worker only: the test's process is not touched
            exec(compile(hook.read_text(), str(hook), "exec"), {"__name__": "sitecustomize"})
        serve_forked(*args)

    monkeypatch.setattr(sandbox, "serve_forked", with_hooks)
    return hooks


@pytest.fixture
def libreoffice() -> None:
    """A test that converts a .doc: skipped (with the package to install) without LibreOffice."""
    from extractor.readers.doc import find_soffice

    require_tool(
        "LibreOffice", find_soffice() is not None, "apt-get install libreoffice-writer-nogui"
    )
