"""MHTML (.mht, .mhtml): a web page saved as one file by a browser ("single file" / "web
archive"): a MIME multipart/related message whose HTML part holds the page. The HTML part is
read by the HTML reader, with the charset its MIME header gives; line numbers in provenance
count lines of that decoded part."""

from __future__ import annotations

from ..errors import EmptyFile, UnreadableFile
from ..model import Document
from .html import read_html


def html_part(data: bytes) -> tuple[bytes, str | None]:
    """The message's first text/html part: its decoded bytes and the charset it declares."""
    import email
    import email.policy

    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)  # bytes for a part that is not multipart
            if isinstance(payload, bytes) and payload:
                return payload, part.get_content_charset()
    raise UnreadableFile("a saved web page (MHTML) without an HTML part")


def read_mhtml(data: bytes, source: str) -> Document:
    """MHTML bytes → Document (format ``html``)."""
    if not data.strip():
        raise EmptyFile("the file is empty")
    page, charset = html_part(data)
    return read_html(page, source, charset)
