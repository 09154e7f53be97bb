"""How much memory a worker uses: its own peak (reported with each outcome) and, seen from the
parent, its resident memory now (polled against ``--max-memory``)."""

from __future__ import annotations

import os
import resource

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


_STATUS: list[int] = []  # this process's /proc/self/status, kept open


def peak_rss_bytes() -> int:
    """This process's peak resident memory in bytes: VmHWM on Linux (ru_maxrss would also count
    the parent's memory at the fork that started this process), else ru_maxrss."""
    try:
        if not _STATUS:
            _STATUS.append(os.open("/proc/self/status", os.O_RDONLY))
        status = os.pread(_STATUS[0], 4096, 0)
        at = status.index(b"VmHWM:")
        return int(status[at + 6 : status.index(b"kB", at)]) * 1024
    except (OSError, ValueError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


class Resident:
    """A process's resident memory, read from its ``/proc/PID/statm`` kept open (a poll is one
    ``pread``); None where there is no such file or it cannot be read."""

    def __init__(self, pid: int) -> None:
        try:
            self.fd: int | None = os.open(f"/proc/{pid}/statm", os.O_RDONLY)
        except OSError:
            self.fd = None

    def bytes(self) -> int | None:
        if self.fd is None:
            return None
        try:
            return int(os.pread(self.fd, 256, 0).split()[1]) * _PAGE
        except (OSError, ValueError, IndexError):
            return None

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def can_poll_memory() -> bool:
    resident = Resident(os.getpid())
    try:
        return resident.bytes() is not None
    finally:
        resident.close()


def limit_memory(max_bytes: int | None) -> None:
    """Without ``/proc`` (no resident memory to poll), cap the address space (RLIMIT_AS) after
    the imports; None or 0 leaves it unlimited."""
    if max_bytes and not can_poll_memory():
        resource.setrlimit(resource.RLIMIT_AS, (max_bytes, max_bytes))


def memory_reason(max_memory: int | None) -> str:
    limit = f" ({max_memory / 2**20:.0f} MiB)" if max_memory else ""
    return f"memory limit exceeded{limit}"
