"""Legacy Word 97-2003 (.doc): converted to DOCX by LibreOffice headless, then read by the DOCX
reader.

Each conversion runs in its own temporary folder with a throw-away LibreOffice profile (so
parallel conversions never share one) and a time limit.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ..errors import EmptyFile, MissingDependency, UnreadableFile
from ..model import Document
from .docx import read_docx

TIMEOUT = 120.0  # seconds for one conversion (a fresh profile costs a few seconds)
PROGRAMS = ("soffice", "libreoffice")
INSTALL_HINT = (
    "reading .doc needs LibreOffice: install the libreoffice-writer package "
    "(apt-get install libreoffice-writer)"
)


def find_soffice() -> str | None:
    """Path of the LibreOffice program, or None when it is not installed."""
    for name in PROGRAMS:
        path = shutil.which(name)
        if path:
            return path
    return None


def _run(cmd: list[str], timeout: float) -> subprocess.CompletedProcess[bytes]:
    """Run in a new process group so that a timeout ends LibreOffice and its children."""
    with subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    ) as proc:
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise
        return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def doc_to_docx(data: bytes, timeout: float = TIMEOUT) -> bytes:
    """.doc bytes → .docx bytes via ``soffice --headless --convert-to docx``."""
    soffice = find_soffice()
    if soffice is None:
        raise MissingDependency(INSTALL_HINT)
    with tempfile.TemporaryDirectory(prefix="extractor-doc-") as tmp:
        folder = Path(tmp)
        src = folder / "report.doc"
        src.write_bytes(data)
        out_dir = folder / "out"
        cmd = [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out_dir),
            str(src),
        ]
        try:
            done = _run(cmd, timeout)
        except subprocess.TimeoutExpired as exc:
            raise UnreadableFile(
                f"LibreOffice did not convert the .doc within {timeout:g} s"
            ) from exc
        except OSError as exc:
            raise MissingDependency(f"{INSTALL_HINT} ({exc.strerror or exc})") from exc
        result = out_dir / "report.docx"
        if not result.exists():
            detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
            reason = detail[-1] if detail else f"exit code {done.returncode}"
            raise UnreadableFile(f"LibreOffice could not convert the .doc ({reason})")
        return result.read_bytes()


def read_doc(data: bytes, source: str) -> Document:
    """.doc bytes → Document (format ``doc``)."""
    if not data:
        raise EmptyFile("the file is empty")
    doc = read_docx(doc_to_docx(data), source)
    doc.format = "doc"
    return doc
