"""Tests for flashpoint.ingest: every input format and every kind of bad input."""

from __future__ import annotations

import gzip
import io
import json
import tracemalloc
from pathlib import Path

import pytest

from flashpoint.ingest import format_for_name, read_inputs, sniff_format
from flashpoint.models import InputFormat, RunReport, Severity, SourceDocument
from flashpoint.sourcedoc import decode_bytes, document_id, normalise_url


def read(paths: list[str | Path], **kwargs: object) -> tuple[list[SourceDocument], RunReport]:
    report = RunReport()
    docs = list(read_inputs(paths, report=report, **kwargs))  # type: ignore[arg-type]
    return docs, report


# ---- formats ----------------------------------------------------------------------------------------


def test_text_file_with_header(fixtures_dir: Path) -> None:
    path = fixtures_dir / "ingest" / "article_with_header.txt"
    docs, report = read([path])
    assert not report.problems
    (doc,) = docs
    assert doc.text == path.read_text(encoding="utf-8")  # the original text, header included
    assert doc.html is None
    assert doc.title == "Border talks stall as envoys trade warnings"
    assert doc.published == "2024-05-14"
    assert doc.outlet == "The Lakeside Courier"
    assert doc.url == "https://courier.example.org/world/border-talks-stall"
    assert doc.id.startswith("u-")
    assert doc.origin.fmt is InputFormat.TEXT and doc.origin.path == str(path)


def test_html_file(fixtures_dir: Path) -> None:
    docs, report = read([fixtures_dir / "ingest" / "page_with_promos.html"])
    assert not report.problems
    (doc,) = docs
    assert doc.html is not None and "<article>" in doc.html
    assert doc.text is None
    assert doc.origin.fmt is InputFormat.HTML
    assert doc.id.startswith("h-")


def test_jsonl_bad_line_reported_and_rest_processed(fixtures_dir: Path) -> None:
    path = fixtures_dir / "ingest" / "articles.jsonl"
    docs, report = read([path])
    assert [d.id for d in docs[:2]] == ["fx-1", "fx-2"]
    assert len(docs) == 3
    assert docs[0].published == "2024-04-01" and docs[0].text is not None
    assert docs[1].html is not None and docs[1].text is None and docs[1].outlet == "Dunmore Post"
    assert docs[2].id.startswith("h-")
    assert [d.origin.line for d in docs] == [1, 2, 5]
    lines = {p.origin.line: p.reason for p in report.problems}
    assert set(lines) == {3, 4}
    assert "JSON" in lines[3]
    assert "neither" in lines[4]
    assert all(p.origin.path == str(path) for p in report.problems)


def test_rss_feed(fixtures_dir: Path) -> None:
    docs, report = read([fixtures_dir / "ingest" / "feed.rss"])
    assert [d.title for d in docs] == ["Farmers block highway over water quotas", "Mayor opens new clinic"]
    full, summary_only = docs
    assert full.html is not None and "tractors" in full.html  # full content preferred over the summary
    assert full.url == "https://gazette.example.com/2024/03/farmers-block-highway"
    assert full.published == "2024-03-12"
    assert full.outlet == "Valley Gazette"
    assert full.origin.fmt is InputFormat.FEED and full.origin.line == 1
    assert summary_only.text is not None and "Fernhill" in summary_only.text
    assert len(report.problems) == 1 and report.problems[0].origin.line == 3


def test_atom_feed(fixtures_dir: Path) -> None:
    docs, report = read([fixtures_dir / "ingest" / "feed.atom"])
    assert not report.problems
    assert [d.url for d in docs] == ["https://wire.example.org/ceasefire-holds", "https://wire.example.org/talks-resume"]
    assert docs[0].html is not None and "fourth day" in docs[0].html
    assert docs[0].published == "2024-02-19"
    assert docs[1].published == "2024-02-20"  # no published date: the updated date
    assert docs[0].outlet == "Northern Wire"


def _warc_bytes(compress: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    sentence = b"The river port reopened on Friday after the flood. "
    page = b"<html><body><article><p>" + sentence * 5 + b"</p></article></body></html>"
    records = [
        ("https://port.example.com/reopened", "200 OK", "text/html; charset=utf-8", page),
        ("https://port.example.com/missing", "404 Not Found", "text/html", b"<html>gone</html>"),
        ("https://port.example.com/logo.png", "200 OK", "image/png", b"\x89PNG\r\n"),
    ]
    for url, status, ctype, payload in records:
        headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(payload),
                                                      http_headers=headers))
    writer.write_record(writer.create_warc_record("https://port.example.com/reopened", "request",
                                                  payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "compress"), [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_warc(tmp_path: Path, name: str, compress: bool) -> None:
    path = tmp_path / name
    path.write_bytes(_warc_bytes(compress))
    docs, report = read([path])
    assert not report.problems
    (doc,) = docs
    assert doc.url == "https://port.example.com/reopened"
    assert doc.html is not None and "river port" in doc.html
    assert doc.origin.fmt is InputFormat.WARC and doc.origin.line == 1
    assert doc.id == document_id(url="https://port.example.com/reopened")


def test_stdin_jsonl_and_text() -> None:
    lines = b'{"id": "s1", "text": "First story from standard input."}\nnot json\n'
    docs, report = read(["-"], stdin=io.BytesIO(lines))
    assert [d.id for d in docs] == ["s1"]
    assert docs[0].origin.path == "<stdin>" and docs[0].origin.line == 1
    assert report.problems[0].origin.line == 2
    docs, report = read(["-"], stdin=io.BytesIO(b"date 2024-01-05 A plain story arrives on stdin."))
    assert not report.problems
    assert docs[0].text == "date 2024-01-05 A plain story arrives on stdin."
    assert docs[0].published == "2024-01-05"


def test_sniffing_unknown_extension(tmp_path: Path) -> None:
    (tmp_path / "a.dat").write_text('{"id": "j", "text": "A story."}\n', encoding="utf-8")
    (tmp_path / "b.dat").write_text("<!DOCTYPE html><html><body><p>x</p></body></html>", encoding="utf-8")
    (tmp_path / "c").write_text("Just a story in plain text.", encoding="utf-8")
    (tmp_path / "README.md").write_text("Not an article.", encoding="utf-8")
    docs, report = read([tmp_path / "a.dat", tmp_path / "b.dat", tmp_path])  # README.md skipped in the folder
    assert not report.problems
    assert [d.origin.fmt for d in docs] == [InputFormat.JSONL, InputFormat.HTML, InputFormat.TEXT]


def test_format_helpers() -> None:
    assert format_for_name("x.WARC.GZ") is InputFormat.WARC
    assert format_for_name("feed.atom") is InputFormat.FEED
    assert format_for_name("notes.md") is None
    assert sniff_format(gzip.compress(b"WARC/1.0\r\n"), "dump.gz") is InputFormat.WARC
    assert sniff_format(b'<?xml version="1.0"?><rss version="2.0">') is InputFormat.FEED


# ---- bad input ---------------------------------------------------------------------------------------


def test_missing_path_is_a_problem(tmp_path: Path) -> None:
    docs, report = read([tmp_path / "nope.txt", tmp_path])
    assert docs == []
    assert len(report.problems) == 1 and "no such file" in report.problems[0].reason


def test_empty_and_whitespace_files(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\n ")
    (tmp_path / "empty.jsonl").write_bytes(b"")
    docs, report = read([tmp_path])
    assert docs == []
    assert len(report.problems) == 3
    assert all(p.severity is Severity.ERROR for p in report.problems)


def test_binary_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    docs, report = read([tmp_path / "image.txt"])
    assert docs == []
    assert "binary" in report.problems[0].reason


def test_invalid_utf8_is_kept_with_a_warning(tmp_path: Path) -> None:
    latin = "Officials in Malm\xf6 said the talks would resume.".encode("latin-1")
    (tmp_path / "latin.txt").write_bytes(latin)
    docs, report = read([tmp_path / "latin.txt"])
    (doc,) = docs
    assert doc.text is not None and "\ufffd" in doc.text
    (problem,) = report.problems
    assert problem.severity is Severity.WARNING and "UTF-8" in problem.reason
    assert not report.failed


def test_oversize_file_refused_without_reading(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    with big.open("wb") as fh:
        fh.truncate(200_000_000)  # a sparse 200 MB file: costs no disk, but reading it would cost memory
    tracemalloc.start()
    docs, report = read([big])
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert docs == []
    assert "size limit" in report.problems[0].reason and "200000000 bytes" in report.problems[0].reason
    assert peak < 5_000_000  # refused from its size, never loaded


def test_big_jsonl_is_streamed_and_long_line_skipped(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "long", "text": "x" * 5000}) + "\n")
        for i in range(300):
            fh.write(json.dumps({"id": f"n{i}", "text": f"Story number {i}."}) + "\n")
    docs, report = read([path], max_bytes=1000)  # the file is bigger than the limit: fine for JSONL
    assert len(docs) == 300 and docs[0].id == "n0"
    assert report.problems[0].origin.line == 1 and "size limit" in report.problems[0].reason


def test_directory_with_thousands_of_files_streams_in_order(tmp_path: Path) -> None:
    for i in range(2000):
        sub = tmp_path / f"batch{i % 3}"
        sub.mkdir(exist_ok=True)
        (sub / f"story{i:04d}.txt").write_text(f"Story {i} about the harbour.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("skip me", encoding="utf-8")
    report = RunReport()
    stream = read_inputs([tmp_path], report=report)
    first = next(stream)
    assert first.origin.path.endswith("batch0/story0000.txt")
    rest = list(stream)
    assert len(rest) == 1999 and not report.problems
    paths = [first.origin.path, *(d.origin.path for d in rest)]
    assert paths == sorted(paths)


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("secret", encoding="utf-8")
    path.chmod(0)
    try:
        if path.open("rb"):  # running as root: permissions are not enforced
            pytest.skip("permissions are not enforced for this user")
    except PermissionError:
        pass
    docs, report = read([path])
    path.chmod(0o644)
    assert docs == [] and "cannot read" in report.problems[0].reason


def test_jsonl_wrong_types(tmp_path: Path) -> None:
    path = tmp_path / "types.jsonl"
    path.write_text('[1, 2]\n{"id": "t", "text": 42}\n{"id": 7, "text": "ok", "published": 2024}\n',
                    encoding="utf-8")
    docs, report = read([path])
    assert [d.id for d in docs] == ["7"] and docs[0].published == "2024"
    assert [p.origin.line for p in report.problems] == [1, 2]


def test_ids_are_stable() -> None:
    assert document_id(own_id="a-1", url="https://x.example/y") == "a-1"
    assert document_id(url="HTTPS://X.example/y/?utm_source=feed#top") == document_id(url="https://x.example/y")
    assert document_id(body="Some  text\n") == document_id(body="Some text")
    assert normalise_url("https://Example.org/a/?b=1&utm_medium=x") == "https://example.org/a?b=1"


def test_decode_policy() -> None:
    assert decode_bytes(b"\xef\xbb\xbfhello").text == "hello"
    assert decode_bytes(b"\x00\x01\x02").text is None
    mostly_bad = decode_bytes(bytes(range(128, 256)) * 4)
    assert mostly_bad.text is None
    declared = decode_bytes('<meta charset="windows-1252"><p>caf\xe9</p>'.encode("cp1252"),
                            allow_declared_charset=True)
    assert declared.text is not None and "café" in declared.text


def test_fifo_in_directory_is_not_read(tmp_path: Path) -> None:
    import os

    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this platform")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "story.txt").write_text("A story next to a pipe.", encoding="utf-8")
    docs, report = read([tmp_path])
    assert len(docs) == 1
    assert "regular file" in report.problems[0].reason
