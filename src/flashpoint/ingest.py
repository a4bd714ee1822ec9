"""Ingest: read input files, directories and stdin into source documents.

In: paths — files, directories (walked recursively in sorted order, streamed, hidden entries skipped) and
``"-"`` for standard input. Out: :class:`~flashpoint.models.SourceDocument` records, one per article, in
input order, each with its :class:`~flashpoint.models.Origin` (path, line/record/entry number, format).

Formats, chosen by extension and otherwise sniffed from the first bytes:

* ``.txt`` — a plain-text article; an optional header (``key: value`` lines or a leading
  ``date YYYY-MM-DD`` marker, see :mod:`flashpoint.textheader`) gives title/date/outlet/url. The document's
  ``text`` is the whole file, header included (offsets are into the original text).
* ``.html`` / ``.htm`` — one page, raw HTML in ``html``.
* ``.jsonl`` — FORMAT.md records (``id, text, html, title, url, published, outlet, lang``), streamed line
  by line; a malformed line is a problem (file:line) and the rest continues.
* ``.xml`` / ``.rss`` / ``.atom`` — RSS/Atom feeds (:mod:`flashpoint.feeds`).
* ``.warc`` / ``.warc.gz`` — web archives, streamed record by record (:mod:`flashpoint.webarchive`).

A file named on the command line is read whatever its extension (the format is sniffed); inside a
directory only files with one of these extensions, or none, are read.

Bad input never raises: a missing or unreadable path, an empty or binary file, invalid UTF-8 (kept with
replacement characters and a WARNING, see :mod:`flashpoint.sourcedoc`), a malformed JSONL line, or a
single text/HTML/feed file over ``max_bytes`` (refused from its size, without reading it) is reported to
``report`` as a :class:`~flashpoint.models.Problem` and reading goes on.
"""

from __future__ import annotations

import io
import json
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from .feeds import looks_like_feed, read_feed
from .models import InputFormat, Origin, Problem, RunReport, Severity, SourceDocument
from .sourcedoc import decode_bytes, document_id
from .textheader import parse_header
from .webarchive import looks_like_warc, read_warc

DEFAULT_MAX_BYTES = 50_000_000
STDIN_NAME = "<stdin>"
SNIFF_BYTES = 8192
_EXTENSIONS: dict[str, InputFormat] = {
    ".txt": InputFormat.TEXT,
    ".text": InputFormat.TEXT,
    ".html": InputFormat.HTML,
    ".htm": InputFormat.HTML,
    ".xhtml": InputFormat.HTML,
    ".jsonl": InputFormat.JSONL,
    ".ndjson": InputFormat.JSONL,
    ".xml": InputFormat.FEED,
    ".rss": InputFormat.FEED,
    ".atom": InputFormat.FEED,
    ".warc": InputFormat.WARC,
}
_JSONL_FIELDS = ("text", "html", "title", "url", "published", "outlet", "lang")


def read_inputs(
    paths: Sequence[str | Path],
    *,
    report: RunReport,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
) -> Iterator[SourceDocument]:
    """Source documents from every path in order (``"-"`` reads ``stdin``, by default the process's)."""
    for item in paths:
        if str(item) == "-":
            yield from _read_stdin(stdin, report, max_bytes)
            continue
        path = Path(item)
        if path.is_dir():
            for file in walk_files(path, report):
                yield from read_file(file, report=report, max_bytes=max_bytes)
        elif path.exists():
            yield from read_file(path, report=report, max_bytes=max_bytes)
        else:
            report.add(Problem(Origin(str(path)), "no such file or directory"))


def walk_files(root: Path, report: RunReport) -> Iterator[Path]:
    """The input files under ``root``, recursively, sorted by name. Hidden files and folders are skipped,
    and so are files whose extension names no input format (``README.md``, images); files without an
    extension are sniffed."""

    def on_error(exc: OSError) -> None:
        report.add(Problem(Origin(str(exc.filename or root)), f"cannot read directory: {exc.strerror}"))

    for folder, dirnames, filenames in os.walk(root, onerror=on_error):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith(".") and (format_for_name(name) or not Path(name).suffix):
                yield Path(folder) / name


def format_for_name(name: str) -> InputFormat | None:
    """The input format an extension announces (``None``: sniff the content)."""
    lowered = name.lower()
    if lowered.endswith((".warc.gz", ".warc")):
        return InputFormat.WARC
    return _EXTENSIONS.get(Path(lowered).suffix)


def sniff_format(head: bytes, name: str = "") -> InputFormat:
    """The input format of a file from its first bytes."""
    if looks_like_warc(head, name) or head.startswith(b"\x1f\x8b"):
        return InputFormat.WARC
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{"):
        return InputFormat.JSONL
    if looks_like_feed(stripped):
        return InputFormat.FEED
    lowered = stripped[:2048].lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in lowered:
        return InputFormat.HTML
    return InputFormat.TEXT


def read_file(
    path: Path, *, report: RunReport, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[SourceDocument]:
    """The source documents in one file; problems go to ``report``."""
    name = str(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            report.add(Problem(Origin(name), "not a regular file (device, pipe or socket)"))
            return
        size = info.st_size
        with path.open("rb") as stream:
            yield from _read_stream(stream, name, size, report, max_bytes)
    except OSError as exc:
        report.add(Problem(Origin(name), f"cannot read file: {exc.strerror or exc}"))


def _read_stdin(stdin: BinaryIO | None, report: RunReport, max_bytes: int) -> Iterator[SourceDocument]:
    stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", None)
    if stream is None:
        report.add(Problem(Origin(STDIN_NAME), "standard input is not readable as bytes"))
        return
    try:
        yield from _read_stream(_peekable(stream), STDIN_NAME, None, report, max_bytes)
    except OSError as exc:
        report.add(Problem(Origin(STDIN_NAME), f"cannot read standard input: {exc}"))


def _peekable(stream: BinaryIO) -> io.BufferedReader:
    if isinstance(stream, io.BufferedReader):
        return stream
    return io.BufferedReader(stream)  # type: ignore[arg-type]


def _read_stream(
    stream: BinaryIO, name: str, size: int | None, report: RunReport, max_bytes: int
) -> Iterator[SourceDocument]:
    head = stream.peek(SNIFF_BYTES)[:SNIFF_BYTES] if hasattr(stream, "peek") else b""
    fmt = format_for_name(name) or sniff_format(head, name)
    if size == 0 or not head:
        report.add(Problem(Origin(name, None, fmt), "empty file"))
        return
    if fmt is InputFormat.JSONL:
        yield from _read_jsonl(stream, name, report, max_bytes)
    elif fmt is InputFormat.WARC:
        yield from read_warc(stream, name, report, max_bytes)
    else:
        data = _read_whole(stream, name, size, fmt, report, max_bytes)
        if data is None:
            return
        if fmt is InputFormat.FEED:
            yield from read_feed(data, name, report)
        else:
            document = _single_document(data, name, fmt, report)
            if document is not None:
                yield document


def _read_whole(
    stream: BinaryIO, name: str, size: int | None, fmt: InputFormat, report: RunReport, max_bytes: int
) -> bytes | None:
    """The whole content of a one-article file, or None (reported) when it is over ``max_bytes``."""
    too_big = (f"file is over the size limit of {max_bytes} bytes for a single {fmt.value} document; "
               "split it or raise the limit")
    if size is not None and size > max_bytes:
        report.add(Problem(Origin(name, None, fmt), f"{too_big} (it has {size} bytes)"))
        return None
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        report.add(Problem(Origin(name, None, fmt), too_big))
        return None
    return data


def _single_document(data: bytes, name: str, fmt: InputFormat, report: RunReport) -> SourceDocument | None:
    origin = Origin(name, None, fmt)
    decoded = decode_bytes(data, allow_declared_charset=fmt is InputFormat.HTML)
    if decoded.text is None:
        report.add(Problem(origin, decoded.warning or "cannot decode"))
        return None
    if decoded.warning:
        report.add(Problem(origin, decoded.warning, Severity.WARNING))
    text = decoded.text
    if not text.strip():
        report.add(Problem(origin, "file has only whitespace"))
        return None
    if fmt is InputFormat.HTML:
        return SourceDocument(id=document_id(body=text), origin=origin, html=text)
    header = parse_header(text)
    return SourceDocument(
        id=document_id(url=header.url, body=text[header.end:]),
        origin=origin,
        text=text,
        title=header.title,
        url=header.url,
        outlet=header.outlet,
        published=header.published,
    )


def _iter_lines(stream: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) for each line; ``None`` for a line over ``max_bytes`` (skipped unread)."""
    number = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while True:  # skip the rest of the oversized line in bounded chunks
                rest = stream.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield number, None
            continue
        yield number, line


def _read_jsonl(stream: BinaryIO, name: str, report: RunReport, max_bytes: int) -> Iterator[SourceDocument]:
    for number, raw in _iter_lines(stream, max_bytes):
        origin = Origin(name, number, InputFormat.JSONL)
        if raw is None:
            report.add(Problem(origin, f"line is over the size limit of {max_bytes} bytes"))
            continue
        if not raw.strip():
            continue
        decoded = decode_bytes(raw)
        if decoded.text is None:
            report.add(Problem(origin, decoded.warning or "cannot decode"))
            continue
        try:
            record = json.loads(decoded.text)
        except ValueError as exc:
            report.add(Problem(origin, f"not valid JSON: {exc}"))
            continue
        document = _jsonl_document(record, origin, report)
        if document is not None:
            if decoded.warning:
                report.add(Problem(origin, decoded.warning, Severity.WARNING))
            yield document


def _jsonl_document(record: object, origin: Origin, report: RunReport) -> SourceDocument | None:
    if not isinstance(record, dict):
        report.add(Problem(origin, "a JSONL line must be a JSON object"))
        return None
    values: dict[str, str | None] = {}
    for key in _JSONL_FIELDS:
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            if key in ("text", "html"):
                report.add(Problem(origin, f"'{key}' must be a string"))
                return None
            value = str(value)
        values[key] = value
    text, html = values["text"], values["html"]
    if not (text and text.strip()) and not (html and html.strip()):
        report.add(Problem(origin, "record has neither 'text' nor 'html'"))
        return None
    if text and text.strip() and html:
        report.add(Problem(origin, "record has both 'text' and 'html'; using 'text'", Severity.WARNING))
        html = None
    elif not (text and text.strip()):
        text = None
    return SourceDocument(
        id=document_id(own_id=record.get("id"), url=values["url"], body=text or html),
        origin=origin,
        text=text,
        html=html,
        title=values["title"],
        url=values["url"],
        outlet=values["outlet"],
        published=values["published"],
        lang=values["lang"] or "en",
    )
