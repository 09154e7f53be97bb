"""Errors raised for input that cannot be extracted. Each carries a one-line reason."""

from __future__ import annotations

MESSAGE_CHARS = 160  # a library's message quoted in a reason is cut here: a reason is one line


def library_message(exc: BaseException) -> str:
    """A library's exception message for a reason: on one line, at most ``MESSAGE_CHARS``."""
    return " ".join(str(exc).split())[:MESSAGE_CHARS]


class ExtractError(Exception):
    """A file could not be extracted; ``str(err)`` is a one-line reason."""

    kind = "error"


class UnsupportedFormat(ExtractError):
    kind = "unsupported"


class UnreadableFile(ExtractError):
    kind = "unreadable"


class EncryptedFile(ExtractError):
    kind = "encrypted"


class EmptyFile(ExtractError):
    kind = "empty"


class NotAReport(ExtractError):
    kind = "not_a_report"


class MissingDependency(ExtractError):
    """The file needs an optional part that is not installed (an extra or a program)."""

    kind = "missing_dependency"


class TooLarge(ExtractError):
    """An archive member or archive past its budget (``archives.Budget``)."""

    kind = "too_large"


def read_failure(exc: OSError) -> ExtractError:
    """An input that could not be read (OSError, or an archive's error with its own ``kind``) →
    the ExtractError of that kind, with the one-line reason."""
    reason = exc.strerror or str(exc)
    return TooLarge(reason) if getattr(exc, "kind", None) == "too_large" else UnreadableFile(reason)
