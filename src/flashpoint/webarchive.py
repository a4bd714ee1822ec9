"""WARC files (plain or gzipped) as input: one source document per archived HTML page.

In: a binary stream of a WARC / WARC.gz file (read record by record with warcio, so a large archive is
never held in memory). Out: :class:`~flashpoint.models.SourceDocument` with ``html`` for every
``response`` record with HTTP status 200 and an HTML content type; the URL is ``WARC-Target-URI``.
Other records (requests, metadata, redirects, images) are skipped silently; a page over the size limit,
an undecodable page or a broken archive is reported as a problem.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from .models import InputFormat, Origin, Problem, RunReport, Severity, SourceDocument
from .sourcedoc import decode_bytes, document_id


def looks_like_warc(head: bytes, name: str = "") -> bool:
    """Whether a file is a WARC: its first bytes, or a gzip file named ``*.warc.gz``."""
    if head.lstrip().startswith(b"WARC/"):
        return True
    return head.startswith(b"\x1f\x8b") and ".warc" in name.lower()


def read_warc(stream: BinaryIO, path: str, report: RunReport, max_bytes: int) -> Iterator[SourceDocument]:
    """The HTML pages of one WARC stream as source documents; problems go to ``report``."""
    number = 0
    try:
        for record in ArchiveIterator(stream):
            number += 1
            document = _page(record, path, number, report, max_bytes)
            if document is not None:
                yield document
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        report.add(Problem(Origin(path, number + 1, InputFormat.WARC), f"broken WARC record: {exc}"))


def _page(record: object, path: str, number: int, report: RunReport, max_bytes: int) -> SourceDocument | None:
    if getattr(record, "rec_type", None) != "response":
        return None
    http = getattr(record, "http_headers", None)
    if http is None or http.get_statuscode() != "200":
        return None
    content_type = (http.get_header("Content-Type") or "").lower()
    if "html" not in content_type:
        return None
    origin = Origin(path, number, InputFormat.WARC)
    url = record.rec_headers.get_header("WARC-Target-URI")  # type: ignore[attr-defined]
    payload = record.content_stream().read(max_bytes + 1)  # type: ignore[attr-defined]
    if len(payload) > max_bytes:
        report.add(Problem(origin, f"archived page {url} is over the size limit of {max_bytes} bytes"))
        return None
    decoded = decode_bytes(payload, allow_declared_charset=True)
    if decoded.text is None:
        report.add(Problem(origin, f"archived page {url}: {decoded.warning}"))
        return None
    if decoded.warning:
        report.add(Problem(origin, f"archived page {url}: {decoded.warning}", Severity.WARNING))
    if not decoded.text.strip():
        report.add(Problem(origin, f"archived page {url} is empty"))
        return None
    page_id = document_id(url=url, body=decoded.text)
    return SourceDocument(id=page_id, origin=origin, html=decoded.text, url=url)
