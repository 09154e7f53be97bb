"""The names a run has taken, in two bytes a name (a Bloom filter): a name never added is said
taken about once in 200 (``expected`` names or fewer), one added always is, so a yes is to be
confirmed elsewhere (the run asks its catalog)."""

from __future__ import annotations

BITS_PER_NAME = 16
PROBES = 3  # bits set per name: about 0.5% false yes at 16 bits a name
_LOW = (1 << 32) - 1


class Seen:
    """Strings added, kept as bits of their ``hash()`` (valid within one process)."""

    def __init__(self, expected: int) -> None:
        self.bits = bytearray(max(expected, 1024) * BITS_PER_NAME // 8)
        self.size = len(self.bits) * 8

    def _positions(self, text: str) -> list[int]:
        h = hash(text)
        first, step = h & _LOW, (h >> 32) & _LOW | 1
        return [(first + i * step) % self.size for i in range(PROBES)]

    def add(self, text: str) -> None:
        for p in self._positions(text):
            self.bits[p >> 3] |= 1 << (p & 7)

    def __contains__(self, text: str) -> bool:
        return all(self.bits[p >> 3] >> (p & 7) & 1 for p in self._positions(text))
